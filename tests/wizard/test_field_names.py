"""One field-name scheme: a question's form field is field_name(key) (app/services/questions/questions.py). The services
read posted forms by it, the templates render it through the `field_name` global, and the page's script takes the
names from the HTML (a list's fieldset id) or from its one FIELD_PREFIX, kept equal here. Nothing else spells the
prefix or the own-wording suffix, so the scheme can change in one place."""
import re
from pathlib import Path

from app.services.questions.questions import FIELD_PREFIX, OTHER_SUFFIX, field_name, other_key

ROOT = Path(__file__).resolve().parents[2]
#: a field name or own-wording key spelled by hand: "q-…, 'q-…, #q-…, q-{…} or __anders
BY_HAND = re.compile(r"""["'#]q-|q-\{|__anders""")
#: where the scheme itself is written down
HOME = {ROOT / "app" / "services" / "questions" / "questions.py"}


def test_the_scheme():
    assert field_name("waarden") == FIELD_PREFIX + "waarden" == "q-waarden"
    assert field_name("activiteiten", 2, "start") == "q-activiteiten-2-start"
    assert field_name("activiteiten", "rows") == "q-activiteiten-rows"
    assert field_name(other_key("waarden")) == "q-waarden" + OTHER_SUFFIX == "q-waarden__anders"


def test_the_page_script_names_question_fields_as_the_server_does():
    script = (ROOT / "app" / "static" / "js" / "app.js").read_text(encoding="utf-8")
    assert re.findall(r'var FIELD_PREFIX = "([^"]*)";', script) == [FIELD_PREFIX]


def test_no_field_name_is_spelled_by_hand():
    found = []
    files = [*(ROOT / "app").rglob("*.py"), *(ROOT / "templates").rglob("*.html"),
             *(ROOT / "app" / "static").rglob("*.js")]
    for path in files:
        if path in HOME:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if BY_HAND.search(line) and not line.strip().startswith("var FIELD_PREFIX = "):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "use field_name()/other_key() (or q.other_key):\n" + "\n".join(found)


def test_a_posted_step_is_read_by_the_names_its_form_renders(app, editor):
    """What the step page renders as field names is what the service reads: a form filled by those names is saved."""
    page = editor.client.get(f"/plannen/{editor.plan.id}/stap/3").get_data(as_text=True)
    names = set(re.findall(r'name="([^"]+)"', page))
    assert {field_name("waarden"), field_name(other_key("waarden"))} <= names
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = editor.client.post(f"/plannen/{editor.plan.id}/stap/3", data={
        "csrf_token": token, "base_version": "0", "then": "stay",
        field_name("waarden"): ["vertrouwen"], field_name(other_key("waarden")): "Speelsheid"})
    assert response.status_code == 302
    page = editor.client.get(f"/plannen/{editor.plan.id}/stap/3").get_data(as_text=True)
    assert re.search(r'value="vertrouwen" checked', page) and 'value="Speelsheid"' in page
