"""Reading a plan file in the browser: a good file becomes a plan, a bad one is refused and writes nothing."""
import io
import json

from app.extensions import db
from app.models import Organisation, ParticipationPlan
from tests import helpers
from tests.helpers import text_of
from tests.services.test_plan_io import DEMO


def _upload(client, doc: bytes, organisation="nieuw"):
    token = helpers.csrf_token(client, "/plannen/importeren")
    return client.post("/plannen/importeren", data={"csrf_token": token, "workspace": organisation,
                                                    "file": (io.BytesIO(doc), "plan.json")},
                       content_type="multipart/form-data")


def test_import_creates_plan_and_organisation_with_the_user_as_beheerder(app, client):
    user = helpers.make_user("import@gemeente.nl")
    helpers.login(client, "import@gemeente.nl")
    response = _upload(client, json.dumps(DEMO).encode())
    assert response.status_code == 302
    plan = db.session.scalar(db.select(ParticipationPlan))
    assert plan.organisation.name == "Voorbeeldstad" and user.role_in(plan.organisation_id) == "beheerder"
    page = text_of(client.get(response.headers["Location"]))
    assert "Participatieverordening Voorbeeldstad 2027" in page and "Het plan “" in page


def test_import_into_existing_organisation(editor):
    response = _upload(editor.client, json.dumps(DEMO).encode(), organisation=str(editor.organisation.id))
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(Organisation)) == 1
    assert len(editor.organisation.plans) == 2


def test_bad_file_is_refused_next_to_the_field(editor):
    bad = dict(DEMO, steps={"5": {"inspraak_procedure": "geen"}})
    response = _upload(editor.client, json.dumps(bad).encode())
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="file-error"' in html
    assert "steps.5.inspraak_procedure: &#39;geen&#39; is geen optie" in html and "Er is niets opgeslagen." in html
    response = _upload(editor.client, b"\xff\xfe geen json")
    assert "Het bestand is niet ingelezen: geen geldige JSON: de tekst is niet in UTF-8." in text_of(response)
    assert len(editor.organisation.plans) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(Organisation)) == 1


def test_cannot_import_into_an_organisation_where_one_only_reads(app, client):
    reader = helpers.make_user("lezer@gemeente.nl")
    organisation = helpers.make_organisation("Leesstad", reader, "meelezer")
    helpers.login(client, "lezer@gemeente.nl")
    response = _upload(client, json.dumps(DEMO).encode(), organisation=str(organisation.id))
    assert response.status_code == 422
    assert "Ongeldige keuze." in text_of(response)  # WTForms' own messages come in Dutch through Flask-Babel
    assert organisation.plans == []
