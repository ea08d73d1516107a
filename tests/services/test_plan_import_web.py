"""Reading a plan file in the browser: a good file becomes a plan, a bad one is refused and writes nothing."""
import io
import json

from app.extensions import db
from app.models import Municipality, ParticipationPlan
from tests import helpers
from tests.helpers import text_of
from tests.services.test_plan_io import DEMO


def _upload(client, doc: bytes, workspace="nieuw"):
    token = helpers.csrf_token(client, "/plannen/importeren")
    return client.post("/plannen/importeren", data={"csrf_token": token, "workspace": workspace,
                                                    "file": (io.BytesIO(doc), "plan.json")},
                       content_type="multipart/form-data")


def test_import_creates_plan_and_workspace_with_the_user_as_beheerder(app, client):
    user = helpers.make_user("import@gemeente.nl")
    helpers.login(client, "import@gemeente.nl")
    response = _upload(client, json.dumps(DEMO).encode())
    assert response.status_code == 302
    plan = db.session.scalar(db.select(ParticipationPlan))
    assert plan.municipality.name == "Voorbeeldstad" and user.role_in(plan.municipality_id) == "beheerder"
    page = text_of(client.get(response.headers["Location"]))
    assert "Participatieverordening Voorbeeldstad 2027" in page and "Het plan “" in page


def test_import_into_existing_workspace(editor):
    response = _upload(editor.client, json.dumps(DEMO).encode(), workspace=str(editor.municipality.id))
    assert response.status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(Municipality)) == 1
    assert len(editor.municipality.plans) == 2


def test_bad_file_is_refused_next_to_the_field(editor):
    bad = dict(DEMO, steps={"5": {"inspraak_procedure": "geen"}})
    response = _upload(editor.client, json.dumps(bad).encode())
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="file-error"' in html
    assert "steps.5.inspraak_procedure: &#39;geen&#39; is geen optie" in html and "Er is niets opgeslagen." in html
    response = _upload(editor.client, b"\xff\xfe geen json")
    assert "Het bestand is niet ingelezen: geen geldige JSON: de tekst is niet in UTF-8." in text_of(response)
    assert len(editor.municipality.plans) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(Municipality)) == 1


def test_cannot_import_into_a_workspace_where_one_only_reads(app, client):
    reader = helpers.make_user("lezer@gemeente.nl")
    muni = helpers.make_municipality("Leesstad", reader, "meelezer")
    helpers.login(client, "lezer@gemeente.nl")
    response = _upload(client, json.dumps(DEMO).encode(), workspace=str(muni.id))
    assert response.status_code == 422
    assert "Ongeldige keuze." in text_of(response)  # WTForms' own messages come in Dutch through Flask-Babel
    assert muni.plans == []
