"""Two people on one step, and the plan's history: named versions, comparing them, and restoring one."""
from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from app import content
from app.extensions import db
from app.models import PlanRevision, PlanSnapshot, StepAnswer
from tests import helpers
from tests.helpers import text_of

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')




class Team:
    pass


@pytest.fixture()
def team(app):
    """Municipality Aadorp with two redacteuren, Rosa and Ruben, each in their own browser, and one plan."""
    app.test_client_class = helpers.IsolatedClient
    t = Team()
    t.bea = helpers.make_user("bea@aadorp.nl", "Bea Beheerder")
    t.organisation = helpers.make_organisation("Aadorp", t.bea, "beheerder")
    t.plan = helpers.make_plan(t.organisation, "Plan van Aadorp")
    t.rosa = helpers.make_user("rosa@aadorp.nl", "Rosa Redacteur")
    t.ruben = helpers.make_user("ruben@aadorp.nl", "Ruben Redacteur")
    helpers.add_member(t.organisation, t.rosa, "redacteur")
    helpers.add_member(t.organisation, t.ruben, "redacteur")
    t.rosa_client, t.ruben_client = app.test_client(), app.test_client()
    helpers.login(t.rosa_client, "rosa@aadorp.nl")
    helpers.login(t.ruben_client, "ruben@aadorp.nl")
    return t


class OpenStep:
    """A step page as a browser holds it: the form's CSRF token and the version it was opened at."""

    def __init__(self, client, plan_id: int, number: int):
        self.client, self.url = client, f"/plannen/{plan_id}/stap/{number}"
        html = client.get(self.url).get_data(as_text=True)
        self.token = _CSRF.search(html).group(1)
        self.base_version = re.search(r'name="base_version" value="(\d+)"', html).group(1)

    def save(self, answers: dict):
        return self.client.post(self.url, data={"csrf_token": self.token, "base_version": self.base_version,
                                                "then": "stay", **answers})


def _stored(plan_id: int, number: int) -> tuple[dict, int] | None:
    db.session.expire_all()
    row = db.session.scalar(select(StepAnswer).where(StepAnswer.plan_id == plan_id, StepAnswer.step_number == number))
    return (dict(row.answers), row.version) if row else None


def _revisions(plan_id: int) -> list[PlanRevision]:
    db.session.expire_all()
    return list(db.session.scalars(select(PlanRevision).where(PlanRevision.plan_id == plan_id)
                                   .order_by(PlanRevision.id)))


def _merge_form(conflict_page) -> dict[str, str]:
    """The hidden fields of the conflict page's merge form."""
    html = conflict_page.get_data(as_text=True)
    fields = dict(re.findall(r'<input type="hidden" name="(csrf_token|mine|base_version|their_version)" value="([^"]*)"', html))
    return {k: unescape(v) for k, v in fields.items()}


ROSA = {"q-participatie_definitie": "Participatie is samen beslissen, zegt Rosa.",
        "q-rol_raad": "De raad stelt de kaders (Rosa)."}
RUBEN = {"q-participatie_definitie": "Participatie is vroeg meedenken, zegt Ruben.",
         "q-rol_college": "Het college organiseert (Ruben)."}


# --- two people, one step -------------------------------------------------------------------------------

def test_second_save_from_the_same_version_shows_both_versions(team):
    pid = team.plan.id
    helpers.save_step(team.rosa_client, pid, 1, {"q-participatie_definitie": "Begin."})
    rosa_page, ruben_page = OpenStep(team.rosa_client, pid, 1), OpenStep(team.ruben_client, pid, 1)
    assert rosa_page.base_version == ruben_page.base_version == "1"

    assert rosa_page.save(ROSA).status_code == 302
    response = ruben_page.save(RUBEN)

    assert response.status_code == 409
    page = text_of(response)
    assert "Iemand anders heeft stap 1 intussen opgeslagen" in page
    assert "Opgeslagen door Rosa Redacteur" in page
    assert "Uw antwoorden zijn nog niet opgeslagen." in page
    # The question both changed, side by side, to choose from ...
    html = response.get_data(as_text=True)
    assert 'name="keuze-participatie_definitie"' in html
    assert "Mijn antwoord: " + RUBEN["q-participatie_definitie"] in page
    assert "Het opgeslagen antwoord: " + ROSA["q-participatie_definitie"] in page
    # ... and the questions only one of them changed, kept without a choice.
    assert 'name="keuze-rol_raad"' not in html and 'name="keuze-rol_college"' not in html
    assert "Uw antwoord bij “Wat is de rol van het college?”: " + RUBEN["q-rol_college"] in page
    assert "Het opgeslagen antwoord bij “Wat is de rol van de raad?”: " + ROSA["q-rol_raad"] in page
    # Ruben's save did not silently overwrite Rosa's.
    answers, version = _stored(pid, 1)
    assert answers == {"participatie_definitie": ROSA["q-participatie_definitie"], "rol_raad": ROSA["q-rol_raad"]}
    assert version == 2
    assert [r.user_id for r in _revisions(pid)] == [team.rosa.id, team.rosa.id]


def test_first_save_of_a_new_step_by_two_people_conflicts_too(team):
    pid = team.plan.id
    rosa_page, ruben_page = OpenStep(team.rosa_client, pid, 2), OpenStep(team.ruben_client, pid, 2)
    assert rosa_page.base_version == ruben_page.base_version == "0"
    assert rosa_page.save({"q-ambitie": "Ambitie van Rosa"}).status_code == 302
    response = ruben_page.save({"q-ambitie": "Ambitie van Ruben"})
    assert response.status_code == 409
    assert "Ambitie van Rosa" in text_of(response) and "Ambitie van Ruben" in text_of(response)
    assert _stored(pid, 2) == ({"ambitie": "Ambitie van Rosa"}, 1)


def test_choosing_per_question_stores_the_merge_and_history_shows_both(team):
    pid = team.plan.id
    helpers.save_step(team.rosa_client, pid, 1, {"q-participatie_definitie": "Begin."})
    rosa_page, ruben_page = OpenStep(team.rosa_client, pid, 1), OpenStep(team.ruben_client, pid, 1)
    rosa_page.save(ROSA)
    conflict = ruben_page.save(RUBEN)
    assert conflict.status_code == 409

    form = _merge_form(conflict)
    assert form["their_version"] == "2"
    response = team.ruben_client.post(f"/plannen/{pid}/stap/1/samenvoegen", data={
        **form,
        "keuze-participatie_definitie": "mine",   # Ruben keeps his definition
        "keuze-rol_raad": "theirs",               # and Rosa's answer on the council
        "keuze-rol_college": "mine",              # and his own on the college
    })
    assert response.status_code == 302
    assert "De versies zijn samengevoegd en opgeslagen." in text_of(team.ruben_client.get(response.headers["Location"]))

    answers, version = _stored(pid, 1)
    assert answers == {"participatie_definitie": RUBEN["q-participatie_definitie"],
                       "rol_raad": ROSA["q-rol_raad"], "rol_college": RUBEN["q-rol_college"]}
    assert version == 3
    revisions = _revisions(pid)
    assert [(r.kind, r.user_id) for r in revisions] == [("save", team.rosa.id), ("save", team.rosa.id),
                                                        ("merge", team.ruben.id)]
    # Rosa's save recorded what she changed; the merge records what changed on top of it.
    assert set(revisions[1].changes) == {"participatie_definitie", "rol_raad"}
    assert revisions[1].changes["participatie_definitie"] == ["Begin.", ROSA["q-participatie_definitie"]]
    assert set(revisions[2].changes) == {"participatie_definitie", "rol_college"}

    history = text_of(team.rosa_client.get(f"/plannen/{pid}/versies"))
    assert "Rosa Redacteur — opgeslagen, stap 1" in history
    assert "Ruben Redacteur — samengevoegd, stap 1" in history


def test_choosing_their_version_everywhere_keeps_the_other_save(team):
    pid = team.plan.id
    rosa_page, ruben_page = OpenStep(team.rosa_client, pid, 1), OpenStep(team.ruben_client, pid, 1)
    rosa_page.save(ROSA)
    form = _merge_form(ruben_page.save(RUBEN))
    response = team.ruben_client.post(f"/plannen/{pid}/stap/1/samenvoegen", data={
        **form, "keuze-participatie_definitie": "theirs"})
    assert response.status_code == 302
    answers, _version = _stored(pid, 1)
    # Rosa's answers stay; Ruben's answer to the question only he changed is not thrown away.
    assert answers == {"participatie_definitie": ROSA["q-participatie_definitie"], "rol_raad": ROSA["q-rol_raad"],
                       "rol_college": RUBEN["q-rol_college"]}


def test_a_save_between_conflict_and_merge_is_not_overwritten(team):
    """Rosa saves again while Ruben is choosing: his merge is based on an old version and conflicts again."""
    pid = team.plan.id
    rosa_page, ruben_page = OpenStep(team.rosa_client, pid, 1), OpenStep(team.ruben_client, pid, 1)
    rosa_page.save(ROSA)
    form = _merge_form(ruben_page.save(RUBEN))
    later = OpenStep(team.rosa_client, pid, 1)
    assert later.save({**ROSA, "q-rol_raad": "Rosa, later aangepast."}).status_code == 302

    response = team.ruben_client.post(f"/plannen/{pid}/stap/1/samenvoegen", data={
        **form, "keuze-participatie_definitie": "mine", "keuze-rol_raad": "mine", "keuze-rol_college": "mine"})
    assert response.status_code == 409
    page = text_of(response)
    assert "Rosa, later aangepast." in page and RUBEN["q-participatie_definitie"] in page
    answers, version = _stored(pid, 1)
    assert answers["rol_raad"] == "Rosa, later aangepast." and version == 2
    # From the new conflict page the merge goes through.
    form = _merge_form(response)
    response = team.ruben_client.post(f"/plannen/{pid}/stap/1/samenvoegen", data={
        **form, "keuze-participatie_definitie": "mine", "keuze-rol_raad": "theirs", "keuze-rol_college": "mine"})
    assert response.status_code == 302
    answers, version = _stored(pid, 1)
    assert answers == {"participatie_definitie": RUBEN["q-participatie_definitie"],
                       "rol_raad": "Rosa, later aangepast.", "rol_college": RUBEN["q-rol_college"]}
    assert version == 3


def test_saving_after_reopening_the_step_is_not_a_conflict(team):
    pid = team.plan.id
    OpenStep(team.rosa_client, pid, 1).save(ROSA)
    assert OpenStep(team.ruben_client, pid, 1).save(RUBEN).status_code == 302
    assert OpenStep(team.rosa_client, pid, 1).save({**ROSA, "q-rol_raad": "Nog eens"}).status_code == 302
    assert _stored(pid, 1)[1] == 3


def test_tampered_merge_form_is_refused(team):
    pid = team.plan.id
    OpenStep(team.rosa_client, pid, 1).save(ROSA)
    token = helpers.csrf_token(team.ruben_client, f"/plannen/{pid}/stap/1")
    for data in ({"mine": "geen json", "their_version": "1"}, {"mine": "[1, 2]", "their_version": "1"},
                 {"mine": "{}"}, {"mine": "{}", "their_version": "een"},
                 {"mine": '{"participatie_vormen": ["verzonnen"]}', "their_version": "1",
                  "keuze-participatie_vormen": "mine"}):
        response = team.ruben_client.post(f"/plannen/{pid}/stap/1/samenvoegen", data={"csrf_token": token, **data})
        assert response.status_code == 400, data
        assert "Ongeldig verzoek" in text_of(response)
    assert _stored(pid, 1)[1] == 1


# --- named versions, comparing and restoring ------------------------------------------------------------

def _snapshot(client, plan_id: int, name: str):
    return helpers.post_form(client, f"/plannen/{plan_id}/versies", {"name": name})


def _label(key: str) -> str:
    return content.handreiking().find_question(key)[1].label


def test_naming_a_version_keeps_the_whole_plan(team):
    pid = team.plan.id
    helpers.save_step(team.rosa_client, pid, 1, {"q-participatie_definitie": "Samen."})
    helpers.save_step(team.rosa_client, pid, 5, {"q-inspraak_procedure": "eigen", "q-inspraak_termijn_weken": "4"})
    response = _snapshot(team.rosa_client, pid, "  Versie voor het college ")
    assert response.status_code == 302
    page = text_of(team.rosa_client.get(response.headers["Location"]))
    assert "De versie “Versie voor het college” is bewaard." in page
    assert "Versie voor het college" in page.split("Bewaarde versies")[1]
    snap = db.session.scalar(select(PlanSnapshot))
    assert snap.name == "Versie voor het college" and snap.created_by_id == team.rosa.id
    assert snap.data == {"1": {"participatie_definitie": "Samen."},
                         "5": {"inspraak_procedure": "eigen", "inspraak_termijn_weken": 4}}


@pytest.mark.parametrize("name", ["", "   "])
def test_a_version_needs_a_name(team, name):
    response = _snapshot(team.rosa_client, team.plan.id, name)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'id="name-error">Geef de versie een naam.<', html)
    assert 'aria-invalid="true"' in html
    assert db.session.scalar(select(func.count()).select_from(PlanSnapshot)) == 0


@pytest.fixture()
def changed_after_snapshot(team):
    """A named version with a 4-week inspraak period, after which the period became 6 weeks."""
    pid = team.plan.id
    helpers.save_step(team.rosa_client, pid, 1, {"q-participatie_definitie": "Samen beslissen."})
    helpers.save_step(team.rosa_client, pid, 5, {"q-inspraak_procedure": "eigen", "q-inspraak_termijn_weken": "4"})
    assert _snapshot(team.rosa_client, pid, "Versie voor het college").status_code == 302
    snap = db.session.scalar(select(PlanSnapshot))
    helpers.save_step(team.ruben_client, pid, 5, {"q-inspraak_procedure": "eigen", "q-inspraak_termijn_weken": "6"})
    return team, snap


def test_compare_shows_changed_answers_and_the_ordinance_diff(changed_after_snapshot):
    team, snap = changed_after_snapshot
    response = team.rosa_client.get(f"/plannen/{team.plan.id}/versies/vergelijken?van={snap.id}&naar=huidig")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = text_of(response)
    assert "“Versie voor het college” vergeleken met “Huidige versie”" in page

    answers_part, articles_part = page.split("Conceptverordening, per artikel")
    assert f"5 {_label('inspraak_termijn_weken')} 4 6" in answers_part
    assert _label("inspraak_procedure") not in answers_part          # unchanged: not listed
    assert _label("participatie_definitie") not in answers_part

    articles_html = html.split("Conceptverordening, per artikel")[1]
    assert "gewijzigd" in articles_part
    assert re.search(r"<del>[^<]*\b4\b[^<]*</del>", articles_html), "het oude getal is niet als verwijderd gemarkeerd"
    assert re.search(r"<ins>[^<]*\b6\b[^<]*</ins>", articles_html), "het nieuwe getal is niet als toegevoegd gemarkeerd"


def test_compare_two_named_versions_and_unknown_versions(changed_after_snapshot):
    team, first = changed_after_snapshot
    pid = team.plan.id
    _snapshot(team.ruben_client, pid, "Na inspraakreactie")
    second = db.session.scalar(select(PlanSnapshot).where(PlanSnapshot.name == "Na inspraakreactie"))
    page = text_of(team.rosa_client.get(f"/plannen/{pid}/versies/vergelijken?van={first.id}&naar={second.id}"))
    assert "“Versie voor het college” vergeleken met “Na inspraakreactie”" in page
    assert f"{_label('inspraak_termijn_weken')} 4 6" in page
    same = text_of(team.rosa_client.get(f"/plannen/{pid}/versies/vergelijken?van={second.id}&naar=huidig"))
    assert "Geen verschillen in de antwoorden." in same and "De artikelen zijn gelijk." in same
    for query in ("van=999&naar=huidig", "van=abc", "naar=huidig", f"van={first.id}&naar=999"):
        assert team.rosa_client.get(f"/plannen/{pid}/versies/vergelijken?{query}").status_code == 404, query


def test_restore_brings_old_answers_back_and_keeps_the_present_as_a_version(changed_after_snapshot):
    team, snap = changed_after_snapshot
    pid = team.plan.id
    token = helpers.csrf_token(team.rosa_client, f"/plannen/{pid}/versies")
    response = team.rosa_client.post(f"/plannen/{pid}/versies/{snap.id}/herstellen", data={"csrf_token": token})
    assert response.status_code == 302
    page = text_of(team.rosa_client.get(response.headers["Location"]))
    assert "De versie “Versie voor het college” is hersteld. De vorige stand is bewaard als versie." in page
    assert "Rosa Redacteur — hersteld, stap 5" in page

    # The old answers are back ...
    assert _stored(pid, 5)[0] == {"inspraak_procedure": "eigen", "inspraak_termijn_weken": 4}
    assert _stored(pid, 1)[0] == {"participatie_definitie": "Samen beslissen."}
    # ... and nothing was overwritten: the state before the restore is a version of its own,
    # and the restored version itself is unchanged.
    snaps = {s.name: s for s in db.session.scalars(select(PlanSnapshot))}
    kept = snaps["Automatisch bewaard voor herstel van “Versie voor het college”"]
    assert kept.data["5"] == {"inspraak_procedure": "eigen", "inspraak_termijn_weken": 6}
    assert kept.created_by_id == team.rosa.id
    assert snaps["Versie voor het college"].data["5"]["inspraak_termijn_weken"] == 4
    restores = [r for r in _revisions(pid) if r.kind == "restore"]
    assert [(r.step_number, r.changes) for r in restores] == [(5, {"inspraak_termijn_weken": [6, 4]})]

    # Restoring the automatic version undoes the restore.
    token = helpers.csrf_token(team.rosa_client, f"/plannen/{pid}/versies")
    team.rosa_client.post(f"/plannen/{pid}/versies/{kept.id}/herstellen", data={"csrf_token": token})
    assert _stored(pid, 5)[0]["inspraak_termijn_weken"] == 6


def test_restore_counts_as_a_change_for_someone_editing_the_step(changed_after_snapshot):
    team, snap = changed_after_snapshot
    pid = team.plan.id
    ruben_page = OpenStep(team.ruben_client, pid, 5)
    token = helpers.csrf_token(team.rosa_client, f"/plannen/{pid}/versies")
    team.rosa_client.post(f"/plannen/{pid}/versies/{snap.id}/herstellen", data={"csrf_token": token})
    response = ruben_page.save({"q-inspraak_procedure": "eigen", "q-inspraak_termijn_weken": "8"})
    assert response.status_code == 409
    assert _stored(pid, 5)[0]["inspraak_termijn_weken"] == 4


def test_database_error_while_naming_a_version_keeps_the_name_on_the_page(app, browser, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from app.extensions import db as database
    from app.models import PlanSnapshot
    user = helpers.make_user("versie@a.nl", "Vera Versie")
    plan = helpers.make_plan(helpers.make_organisation("Aadorp", user, "redacteur"))
    client = browser()
    helpers.login(client, "versie@a.nl")
    url = f"/plannen/{plan.id}/versies"
    token = helpers.csrf_token(client, url)

    def broken_commit():
        raise OperationalError("COMMIT", {}, Exception("schijf vol"))
    monkeypatch.setattr(database.session, "commit", broken_commit)
    response = client.post(url, data={"csrf_token": token, "name": "Versie voor het college"})
    monkeypatch.undo()
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert "De versie kon door een storing niet worden bewaard." in html
    assert 'value="Versie voor het college"' in html
    assert database.session.scalar(database.select(database.func.count()).select_from(PlanSnapshot)) == 0


# --- two tabs, different questions: both changes are kept ------------------------------------------------

def test_two_tabs_changing_different_questions_keep_both_changes(team):
    """The case from the issue: evaluation term changed in one tab, monitoring in the other; nothing is put back."""
    pid = team.plan.id
    helpers.save_step(team.rosa_client, pid, 7, {"q-evaluatie_termijn_jaren": "4"})
    first_tab, second_tab = OpenStep(team.rosa_client, pid, 7), OpenStep(team.rosa_client, pid, 7)
    assert first_tab.save({"q-evaluatie_termijn_jaren": "3"}).status_code == 302
    response = second_tab.save({"q-evaluatie_termijn_jaren": "4", "q-evaluatie_met_inwoners": "ja"})
    assert response.status_code == 302
    follow = text_of(team.rosa_client.get(response.headers["Location"]))
    assert "Intussen had iemand anders andere vragen van deze stap gewijzigd" in follow
    answers, version = _stored(pid, 7)
    assert answers == {"evaluatie_termijn_jaren": 3, "evaluatie_met_inwoners": True}
    assert version == 3
    assert [r.kind for r in _revisions(pid)] == ["save", "save", "merge"]


def test_the_same_person_in_two_tabs_is_not_called_someone_else(team):
    pid = team.plan.id
    first_tab, second_tab = OpenStep(team.rosa_client, pid, 1), OpenStep(team.rosa_client, pid, 1)
    assert first_tab.save({"q-participatie_definitie": "Tabblad een."}).status_code == 302
    response = second_tab.save({"q-participatie_definitie": "Tabblad twee."})
    assert response.status_code == 409
    page = text_of(response)
    assert "U heeft stap 1 intussen in een ander venster opgeslagen" in page
    assert "Iemand anders" not in page


def test_a_merge_without_a_choice_asks_for_it_and_writes_nothing(team):
    pid = team.plan.id
    rosa_page, ruben_page = OpenStep(team.rosa_client, pid, 1), OpenStep(team.ruben_client, pid, 1)
    rosa_page.save(ROSA)
    form = _merge_form(ruben_page.save(RUBEN))
    response = team.ruben_client.post(f"/plannen/{pid}/stap/1/samenvoegen", data=form)
    assert response.status_code == 422
    assert "Kies welk antwoord u wilt houden." in text_of(response)
    assert _stored(pid, 1)[1] == 1


@pytest.mark.parametrize("mine", [
    '{"participatie_definitie": ["een", "lijst"]}',
    '{"participatie_vormen": {"een": "object"}}',
    '{"participatie_vormen__anders": {"een": "object"}}',
    '{"participatie_definitie": "' + "x" * 400_000 + '"}',
    '{"participatie_definitie": "met \\u0000 NUL"}',
    '{"onbekende_vraag": "x"}',
    '["geen", "object"]',
    "[" * 10_000 + "]" * 10_000,
])
def test_the_merge_endpoint_validates_what_it_stores(team, mine):
    pid = team.plan.id
    rosa_page = OpenStep(team.rosa_client, pid, 1)
    rosa_page.save(ROSA)
    token = _CSRF.search(team.ruben_client.get(f"/plannen/{pid}/stap/1").get_data(as_text=True)).group(1)
    response = team.ruben_client.post(f"/plannen/{pid}/stap/1/samenvoegen", data={
        "csrf_token": token, "mine": mine, "base_version": "0", "their_version": "1",
        "keuze-participatie_definitie": "mine", "keuze-participatie_vormen": "mine"})
    assert response.status_code == 400
    assert _stored(pid, 1) == ({"participatie_definitie": ROSA["q-participatie_definitie"],
                                "rol_raad": ROSA["q-rol_raad"]}, 1)
