"""'Mijn gegevens' holds everything stored about the person, and nothing about others."""
from __future__ import annotations

import json

from app.extensions import db
from app.models import ArticleReview, Invitation
from app.models.organisation import utcnow
from app.services.core import audit
from app.services.plans import plans
from app.services.core.audit import AuditAction
from tests import helpers


def test_my_data_holds_versions_reviews_invitations_and_the_log_about_me(editor, browser):
    me, plan, organisation = editor.user, editor.plan, editor.organisation
    other = helpers.make_user("ander@voorbeeld.nl", "Anna Ander")
    helpers.add_member(organisation, other, "redacteur")
    plans.take_snapshot(plan, "Versie voor het college", me, note="Na overleg")
    plans.take_snapshot(plan, "Versie van Anna", other)
    db.session.add_all([
        ArticleReview(plan_id=plan.id, article_key="begripsbepalingen", text_digest="x", user_id=me.id),
        ArticleReview(plan_id=plan.id, article_key="inspraak", text_digest="y", user_id=other.id),
        Invitation(organisation_id=organisation.id, token="geheim-1", role="jurist", created_by_id=me.id),
        Invitation(organisation_id=organisation.id, token="geheim-2", role="meelezer", created_by_id=other.id,
                   used_by_id=me.id, used_at=utcnow()),
        Invitation(organisation_id=organisation.id, token="geheim-3", role="meelezer", created_by_id=other.id),
    ])
    audit.record(AuditAction.ROLE_CHANGED, actor=other, organisation_id=organisation.id, target=f"user:{me.id}",
                 new_role="beheerder")
    audit.record(AuditAction.LOGIN, actor=other)
    db.session.commit()

    response = editor.client.get("/account/mijn-gegevens.json")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert [(v["naam"], v["notitie"]) for v in data["versies"]] == [("Versie voor het college", "Na overleg")]
    assert [r["artikel"] for r in data["beoordelingen"]] == ["begripsbepalingen"]
    assert [(i["rol"], i["door mij gemaakt"], i["door mij gebruikt"]) for i in data["uitnodigingen"]] == \
        [("jurist", True, False), ("meelezer", False, True)]
    assert [(e["gebeurtenis"], e["waarop"]) for e in data["logboek"]] == [
        ("Ingelogd", ""),                                     # the login of the editor fixture
        ("Rol gewijzigd", f"user:{me.id}"),                   # done to me by someone else
        ("Eigen gegevens gedownload", f"user:{me.id}"),       # this download itself
    ]
    assert [(s["ip"], s["beëindigd"]) for s in data["sessies"]] == [("127.0.0.1", None)]  # this browser
    body = response.get_data(as_text=True)
    assert "geheim-" not in body                              # invitation links are keys, not personal facts
    assert "Versie van Anna" not in body and "inspraak" not in body


def test_a_new_account_with_a_reused_id_inherits_no_log(app, browser):
    old = helpers.make_user("oud@voorbeeld.nl")
    audit.record(AuditAction.MEMBER_REMOVED, actor_label="bea@voorbeeld.nl", target=f"user:{old.id}",
                 workspace="gemeente Weg", reason="workspace.deleted")
    db.session.commit()
    old.created_at = old.created_at.replace(year=2030)  # as if the account was made after the event, with its id
    db.session.commit()
    client = browser()
    helpers.login(client, "oud@voorbeeld.nl")
    assert "U bent geen lid meer" not in helpers.text_of(client.get("/"))
    data = json.loads(client.get("/account/mijn-gegevens.json").get_data(as_text=True))
    assert "Lid verwijderd" not in [e["gebeurtenis"] for e in data["logboek"]]
