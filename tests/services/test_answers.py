"""Reading, checking and judging answers (app/services/questions/answers.py), on the real step definitions."""
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from app.services.questions import answers as A
from app.services.questions.handreiking import Question, load_handreiking

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hr():
    return load_handreiking(ROOT / "handreiking")


def q(hr, key: str) -> Question:
    for step in hr.steps:
        for question in step.questions:
            if question.key == key:
                return question
    raise KeyError(key)


def parse(question: Question, *values: str):
    return A.parse_value(question, MultiDict([("v", v) for v in values]), "v")


# --- parse_value: what a form posts, per type -------------------------------------------------------------------

def test_parse_number(hr):
    years = q(hr, "evaluatie_termijn_jaren")  # 1 to 10
    assert parse(years, " 4 ") == (4, None)
    assert parse(years, "") == (None, None)
    assert parse(years, "vier") == ("vier", "Vul een heel getal in, bijvoorbeeld 6.")
    assert parse(years, "4,5")[1] == "Vul een heel getal in, zonder komma, bijvoorbeeld 6."
    assert parse(years, "4.5")[1] == ("Vul een heel getal in; een punt staat alleen tussen duizendtallen, "
                                      "bijvoorbeeld 42.500.")
    assert parse(years, "9" * 5000)[1] == "Vul een heel getal in, bijvoorbeeld 6."
    assert parse(years, "11") == ("11", "Vul een getal in van 1 tot en met 10.")
    assert parse(years, "0")[1] == "Vul een getal in van 1 tot en met 10."


def test_parse_number_as_people_type_it(hr):
    """Thousands with a dot or a space, and the unit the question asks for, are read as the number they are."""
    signatures = q(hr, "burgerinitiatief_handtekeningen")  # 1 to 100.000
    assert parse(signatures, "42.500") == (42500, None)
    assert parse(signatures, "42 500") == (42500, None)
    assert parse(signatures, "42\u00a0500") == (42500, None)
    assert parse(signatures, "420.000")[1] == "Vul een getal in van 1 tot en met 100.000."
    weeks = q(hr, "terugkoppeling_termijn_weken")
    assert parse(weeks, "6 weken") == (6, None)
    assert parse(weeks, "1 week") == (1, None)
    assert parse(weeks, "6 maanden") == ("6 maanden", "Vul het aantal weken in, bijvoorbeeld 6 of 6 weken.")
    years = q(hr, "evaluatie_termijn_jaren")
    assert parse(years, "3 jaar") == (3, None)
    assert parse(years, "3 weken")[1] == "Vul het aantal jaar in, bijvoorbeeld 6 of 6 jaar."


def test_parse_choice_and_yes_no(hr):
    procedure = q(hr, "inspraak_procedure")
    assert parse(procedure, "eigen") == ("eigen", None)
    assert parse(procedure, "bestaat_niet") == ("bestaat_niet", "Kies een van de gegeven mogelijkheden.")
    with_residents = q(hr, "evaluatie_met_inwoners")
    assert parse(with_residents, "ja") == (True, None)
    assert parse(with_residents, "nee") == (False, None)
    assert parse(with_residents, "misschien") == ("misschien", "Kies ja of nee.")


def test_parse_multi_choice_keeps_the_order_of_the_options(hr):
    monitoring = q(hr, "monitoring")
    assert parse(monitoring, "enquete_medewerkers", "benchmark") == (["benchmark", "enquete_medewerkers"], None)
    assert parse(monitoring, "benchmark", "verzonnen") == (["benchmark", "verzonnen"],
                                                           "Kies alleen uit de gegeven mogelijkheden.")
    assert parse(monitoring) == ([], None)


def test_parse_date(hr):
    day = q(hr, "inwerkingtreding_datum")
    assert parse(day, "2027-01-01") == ("2027-01-01", None)
    assert parse(day, "12 januari 2027") == ("2027-01-12", None)   # as the app itself writes a date
    assert parse(day, "12-1-2027") == ("2027-01-12", None)
    assert parse(day, "2027-02-30")[0] == "2027-02-30" and "bestaat niet" in parse(day, "2027-02-30")[1]
    assert parse(day, "1 januari")[1] == "Vul een bestaande datum in, bijvoorbeeld 12 januari 2027 of 12-01-2027."


def test_parse_text_cleans_and_limits():
    short = Question(key="naam", type="text", label="Naam", max_length=10)
    assert parse(short, "  Sam\x00en\x07  ") == ("Samen", None)
    assert parse(short, "x" * 11) == ("x" * 11, "Gebruik maximaal 10 tekens (u gebruikte er 11).")
    long = Question(key="toelichting", type="long_text", label="Toelichting")
    assert parse(long, "Regel 1\r\nRegel 2\n") == ("Regel 1\nRegel 2", None)
    assert parse(long, "x" * 50_001)[1] == "Gebruik maximaal 50.000 tekens (u gebruikte er 50.001)."


def test_parse_step_reads_list_rows_and_reports_errors_per_field(hr):
    step7 = hr.step(7)
    form = MultiDict({"q-evaluatie_termijn_jaren": "99", "q-leeractiviteiten-rows": "3",
                      "q-leeractiviteiten-0-wie": "Griffie", "q-leeractiviteiten-0-wat": "Terugblik",
                      "q-leeractiviteiten-2-wie": "Raad", "q-monitoring__anders": " Eigen meting "})
    values, errors = A.parse_step(step7, form)
    assert values["leeractiviteiten"] == [{"wie": "Griffie", "wat": "Terugblik"}, {"wie": "Raad"}]
    assert values["monitoring__anders"] == "Eigen meting"
    assert errors == {"q-evaluatie_termijn_jaren": "Vul een getal in van 1 tot en met 10."}
    _values, errors = A.parse_step(step7, MultiDict({"q-leeractiviteiten-rows": "veel"}))
    assert errors == {}


# --- check_value: answers that come from an imported file --------------------------------------------------------

def test_check_value_per_type(hr):
    assert A.check_value(q(hr, "evaluatie_termijn_jaren"), 4) is None
    assert A.check_value(q(hr, "evaluatie_termijn_jaren"), True) == "moet een geheel getal zijn"
    assert A.check_value(q(hr, "evaluatie_termijn_jaren"), "4") == "moet een geheel getal zijn"
    assert A.check_value(q(hr, "evaluatie_termijn_jaren"), 11) == "moet tussen 1 en 10 liggen"
    assert A.check_value(q(hr, "evaluatie_met_inwoners"), "ja") == "moet true of false zijn"
    assert A.check_value(q(hr, "inspraak_procedure"), "eigen") is None
    assert A.check_value(q(hr, "inspraak_procedure"), "nooit").startswith("'nooit' is geen optie (kies uit awb, eigen")
    assert A.check_value(q(hr, "monitoring"), "benchmark").startswith("moet een lijst zijn met waarden uit")
    assert A.check_value(q(hr, "monitoring"), ["benchmark"]) is None
    assert A.check_value(q(hr, "inwerkingtreding_datum"), "2027-13-01") == "moet een datum zijn (JJJJ-MM-DD)"
    assert A.check_value(q(hr, "inwerkingtreding_datum"), 20270101) == "moet een datum zijn (JJJJ-MM-DD)"
    assert A.check_value(q(hr, "inwerkingtreding_datum"), None) is None


def test_check_value_of_list_rows(hr):
    activities = q(hr, "leeractiviteiten")
    assert A.check_value(activities, [{"wie": "Griffie"}]) is None
    assert A.check_value(activities, {"wie": "Griffie"}) == "moet een lijst van rijen zijn"
    assert A.check_value(activities, [{"wie": "Griffie"}, {"wanneer": "mei"}]) == "rij 2: onbekend veld 'wanneer'"
    assert A.check_value(activities, [{"wie": 5}]) == "rij 1, veld 'wie' moet tekst zijn"


# --- conditions, completeness and status -------------------------------------------------------------------------

def test_show_if_decides_visibility(hr):
    period = q(hr, "inspraak_termijn_weken")  # only for the own procedure (eigen, keuze)
    assert A.is_visible(period, {"inspraak_procedure": "eigen"})
    assert not A.is_visible(period, {"inspraak_procedure": "awb"})
    assert not A.is_visible(period, {})
    assert A.is_visible(q(hr, "inspraak_procedure"), {})


def test_missing_required_skips_hidden_questions(hr):
    step5 = hr.step(5)
    own = {q.key: None for q in step5.questions} | {"inspraak_procedure": "eigen"}
    assert "inspraak_termijn_weken" in [m.key for m in A.missing_required(step5, own)]
    awb = {"inspraak_procedure": "awb"}
    assert "inspraak_termijn_weken" not in [m.key for m in A.missing_required(step5, awb)]
    assert "inspraak_procedure" not in [m.key for m in A.missing_required(step5, awb)]


def test_a_list_row_without_its_required_field_is_not_an_answer(hr):
    activities = q(hr, "leeractiviteiten")
    assert A.is_answered(activities, [{"wie": "Griffie"}])
    assert not A.is_answered(activities, [{"wie": "Griffie"}, {"wat": "Terugblik"}])
    assert not A.is_answered(activities, [])
    assert not A.is_answered(q(hr, "monitoring"), [])
    assert not A.is_answered(q(hr, "inspraak_procedure"), "")
    assert A.is_answered(q(hr, "evaluatie_met_inwoners"), False)  # "nee" is an answer


def test_step_status(hr):
    step7 = hr.step(7)
    required = {m.key for m in A.missing_required(step7, {})}
    assert A.step_status(step7, {}) is A.StepStatus.NOT_STARTED
    assert A.step_status(step7, {"monitoring": []}) is A.StepStatus.NOT_STARTED  # empty is not an answer
    assert A.step_status(step7, {"monitoring": ["benchmark"]}) is A.StepStatus.IN_PROGRESS
    complete = {"leeractiviteiten": [{"wie": "Griffie"}], "evaluatie_termijn_jaren": 4, "evaluatie_met_inwoners": True}
    assert required <= set(complete)
    assert A.step_status(step7, complete) is A.StepStatus.COMPLETE
    assert A.StepStatus.COMPLETE.label == "Afgerond"


def test_effective_answers_leave_hidden_answers_out(hr):
    stored = {5: {"inspraak_procedure": "awb", "inspraak_termijn_weken": 4, "inspraak_procedure__anders": "Eigen"},
              7: {"evaluatie_termijn_jaren": 3, "monitoring": []}}
    result = A.effective_answers(hr, stored)
    assert result["inspraak_procedure"] == "awb" and result["evaluatie_termijn_jaren"] == 3
    assert result["inspraak_procedure__anders"] == "Eigen"
    assert "inspraak_termijn_weken" not in result  # hidden by its condition, kept in the step but not counted
    assert "monitoring" not in result  # empty
    stored[5]["inspraak_procedure"] = "eigen"
    assert A.effective_answers(hr, stored)["inspraak_termijn_weken"] == 4


# --- comparing and showing -----------------------------------------------------------------------------------------

def test_changed_keys():
    before = {"a": 1, "b": "x", "c": [1]}
    after = {"a": 1, "b": "y", "d": True}
    assert A.changed_keys(before, after) == {"b": ["x", "y"], "c": [[1], None], "d": [None, True]}
    assert A.changed_keys(before, dict(before)) == {}


def test_display_value(hr):
    assert A.display_value(q(hr, "inspraak_procedure"), "eigen") == "Een eigen, lichtere procedure"
    assert A.display_value(q(hr, "monitoring"), ["benchmark", "enquete_deelnemers"]) == \
        "Een vergelijking met andere gemeenten, Een enquête onder deelnemers"
    assert A.display_value(q(hr, "evaluatie_met_inwoners"), False) == "Nee"
    assert A.display_value(q(hr, "evaluatie_met_inwoners"), True) == "Ja"
    assert A.display_value(q(hr, "evaluatie_termijn_jaren"), 4) == "4"
    assert A.display_value(q(hr, "evaluatie_termijn_jaren"), None) == ""
    assert A.display_value(q(hr, "leeractiviteiten"), [{"wie": "Griffie", "wat": "Terugblik"}, {"wie": "Raad"}]) == \
        "Wie: Griffie; Wat: Terugblik\nWie: Raad"
