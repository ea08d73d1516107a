"""WCAG 2.1 A and AA checks with axe-core on every page type, and the behaviour of form errors for screen readers.

axe-core comes from npm (node_modules/axe-core) and is injected into each page; the test fails on any violation.
The pages are looked at in a context that bypasses the Content-Security-Policy, which would otherwise refuse the
injected script; the journey test runs with the policy on.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation
from tests import helpers
from tests.browser import project_pages
from tests.browser.conftest import AXE_JS, AXE_SUMMARY, log_in
from tests.helpers import PASSWORD

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Every field a person can see or reach has a <label> (or, for a group, a legend); list tables use a visually hidden
# label per cell next to the visible column header.
UNLABELLED_FIELDS_JS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden' && el.checkVisibility())
  .filter(el => el.labels.length === 0 && !el.getAttribute('aria-labelledby'))
  .map(el => el.outerHTML.slice(0, 160))"""

# For each link in the error summary: the field it points to, and whether that field is described by its error.
ERROR_LINKS_JS = """() => [...document.querySelectorAll('#foutmeldingen a')].map(a => {
  const id = decodeURIComponent(a.getAttribute('href').slice(1));
  const field = document.getElementById(id);
  const error = document.getElementById(id + '-error');
  return {href: a.getAttribute('href'), text: a.textContent.trim(), found: !!field,
          describedby: field ? (field.getAttribute('aria-describedby') || '') : '',
          invalid: field ? field.getAttribute('aria-invalid') : null,
          error: error ? error.textContent.trim() : null};
})"""


def _submit_empty_login(page, plan):
    page.goto("/inloggen")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _organisation_login_with_an_unknown_domain(page, plan):
    page.goto("/inloggen/organisatie")
    page.get_by_label("E-mailadres van uw werk").fill("iemand@nergens-sso.nl")
    page.get_by_role("button", name="Verder naar uw organisatie").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _submit_bad_registration(page, plan):
    page.goto("/registreren")
    page.get_by_label("Uw naam").fill("Noor")
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _step_7_with_a_word_for_a_number(page, plan):
    page.goto(f"/plannen/{plan.plan_id}/stap/7")
    page.locator("#q-evaluatie_termijn_jaren").fill("vier")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _step_6_ending_before_it_starts(page, plan):
    page.goto(f"/plannen/{plan.plan_id}/stap/6")
    page.locator("#q-uitvoeringsactiviteiten-0-eind").fill("2026-12")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _step_2_with_a_bad_table_cell(page, plan):
    page.goto(f"/plannen/{plan.plan_id}/stap/2")
    page.locator("#q-zelfscan-0-score").fill("zes")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _new_plan_without_a_name(page, plan):
    page.goto("/plannen/nieuw")
    page.get_by_label("Voor welke organisatie is het plan?").select_option(label="Een nieuwe organisatie")
    page.get_by_role("button", name="Plan aanmaken").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _read_ordinance_without_input(page, plan):
    page.goto("/verordening-inlezen")
    page.get_by_role("button", name="Verordening lezen").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _ordinance_report(page, plan):
    from tests.reader.documents import INSPRAAK
    page.goto("/verordening-inlezen")
    page.get_by_label("Of plak de tekst van de verordening").fill("\n".join(text for _kind, text in INSPRAAK))
    page.get_by_role("button", name="Verordening lezen").click()
    expect(page.get_by_role("heading", name="Wat de verordening regelt")).to_be_visible()


def _step_with_answers_from_an_ordinance(page, plan):
    _ordinance_report(page, plan)
    page.get_by_role("button", name="Start een plan met deze antwoorden").click()
    expect(page.get_by_text("antwoorden uit de bestaande verordening")).to_be_visible()
    page.goto(page.url.split("?")[0] + "/stap/5")
    expect(page.get_by_text("Uit de bestaande verordening — bevestig dit.").first).to_be_visible()


def _import_without_a_file(page, plan):
    page.goto("/plannen/importeren")
    page.get_by_role("button", name="Plan inlezen").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _conflict_in_two_tabs(page, plan):
    """The same person saves step 1 in another tab first: this tab gets the conflict page."""
    other = page.context.new_page()
    other.goto(f"/plannen/{plan.plan_id}/stap/1")
    page.goto(f"/plannen/{plan.plan_id}/stap/1")
    other.locator("#q-participatie_definitie").fill("Uit het andere tabblad.")
    # Close the other tab only when its save has come back: closing it during the navigation can hang Chromium.
    with other.expect_navigation():
        other.get_by_role("button", name="Opslaan", exact=True).click()
    other.close()
    page.locator("#q-participatie_definitie").fill("Uit dit tabblad.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("in een ander venster opgeslagen")


def _empty_own_text(page, plan):
    page.goto(f"/plannen/{plan.plan_id}/verordening/citeertitel/eigen-tekst")
    page.get_by_label("Eigen tekst van het artikel").fill("")
    page.get_by_role("button", name="Eigen tekst opslaan").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _meetings_with_a_bad_date(page, plan):
    page.goto(f"/plannen/{plan.plan_id}/route-naar-vaststelling/vergaderdata")
    page.locator("#raad").fill("31-02-2027")
    page.get_by_role("button", name="Vergaderdata opslaan").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _zelfscan_without_scores(page, plan):
    page.goto(f"/organisaties/{plan.organisation_id}/zelfscan/2025")
    page.get_by_role("button", name="Zelfscan opslaan").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _goto(path: str):
    def open_page(page, plan):
        response = page.goto(path.format(plan=plan.plan_id, organisation=plan.organisation_id, snap=plan.snapshot_id))
        assert response.status in (200, 404), f"{path}: status {response.status}"
    return open_page


def _new_atelier(page) -> str:
    """A new atelier of the seeded beheerder, who joins it with the Zeedorp plan and adds a group; its URL."""
    page.goto("/ateliers/nieuw")
    page.get_by_label("Naam van het leeratelier").fill("Leeratelier Kust")
    page.get_by_role("button", name="Leeratelier aanmaken").click()
    page.wait_for_url(re.compile(r"/ateliers/\d+$"))
    url = page.url
    page.get_by_role("button", name="Maak een uitnodigingslink").click()
    page.goto(page.locator("input.invite-link").first.input_value())
    page.get_by_role("button", name="Deelnemen en delen zoals hierboven beschreven").click()
    expect(page.get_by_role("status").filter(has_text="doet nu mee")).to_be_visible()  # joined before moving on
    page.goto(url + "/rondes/1/groepen")
    page.get_by_label("Naam van de nieuwe groep").fill("Tafel 1")
    page.get_by_role("button", name="Groep toevoegen").click()
    return url


def _atelier_at(suffix: str):
    def open_page(page, plan):
        url = _new_atelier(page)
        page.goto(url + suffix)
    return open_page


def _atelier_with_a_link(page, plan):
    url = _new_atelier(page)
    page.goto(url)
    page.get_by_role("button", name="Maak een uitnodigingslink").click()
    expect(page.locator("input.invite-link")).to_have_count(1)


def _atelier_during_a_round(page, plan):
    """The atelier page with a message, a running countdown and an open help request (the live section)."""
    url = _new_atelier(page)
    page.goto(url + "?ronde=1")
    page.get_by_label("Bericht", exact=True).fill("Nog tien minuten voor deze vraag.")
    page.get_by_role("button", name="Bericht versturen").click()
    page.get_by_label("Aantal minuten").fill("10")
    page.get_by_role("button", name="Aftellen starten").click()
    page.get_by_role("button", name="Hulp vragen").click()
    expect(page.locator("#hulpvragen li")).to_have_count(1)


def _join_page(page, plan):
    page.goto("/ateliers/nieuw")
    page.get_by_label("Naam van het leeratelier").fill("Leeratelier Duin")
    page.get_by_role("button", name="Leeratelier aanmaken").click()
    page.get_by_role("button", name="Maak een uitnodigingslink").click()
    page.goto(page.locator("input.invite-link").first.input_value())
    expect(page.get_by_role("heading", name="Wat de anderen zien")).to_be_visible()


def _share_page(page, plan):
    _new_atelier(page)
    page.get_by_role("link", name="Terug naar het leeratelier").click()
    page.get_by_role("link", name="Wat u deelt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delen in")


def _new_atelier_without_a_name(page, plan):
    page.goto("/ateliers/nieuw")
    page.get_by_role("button", name="Leeratelier aanmaken").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _round_with_a_bad_date(page, plan):
    page.goto("/ateliers/nieuw")
    page.get_by_label("Naam van het leeratelier").fill("Leeratelier Polder")
    page.get_by_role("button", name="Leeratelier aanmaken").click()
    page.wait_for_url(re.compile(r"/ateliers/\d+$"))
    page.goto(page.url + "/rondes/1")
    page.get_by_label("Link naar de videovergadering").fill("geen link")
    page.get_by_role("button", name="Ronde opslaan").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _two_facilitators(page, plan):
    """The facilitators page with the seeded colleague added, so that each row has its "Verwijderen" button."""
    url = _new_atelier(page)
    page.goto(url + "/facilitatoren")
    page.get_by_label("E-mailadres van de nieuwe facilitator").fill("redacteur@zeedorp.nl")
    page.get_by_role("button", name="Facilitator toevoegen").click()
    expect(page.get_by_role("button", name=re.compile(r"^Verwijderen\s*:"))).to_have_count(2)


def _facilitators_with_an_unknown_address(page, plan):
    page.goto("/ateliers/nieuw")
    page.get_by_label("Naam van het leeratelier").fill("Leeratelier Heide")
    page.get_by_role("button", name="Leeratelier aanmaken").click()
    page.get_by_role("link", name="Facilitatoren: wie begeleidt dit leeratelier?").click()
    page.get_by_label("E-mailadres van de nieuwe facilitator").fill("niemand@nergens.nl")
    page.get_by_role("button", name="Facilitator toevoegen").click()
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _add_homework(page, url: str, title: str = "Spreek de jongerenraad", due: str = "2027-01-12"):
    page.goto(url + "/rondes/1/opdrachten")
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Huiswerk (tussen de rondes)").check()
    page.get_by_label("Inleveren vóór").fill(due)  # a date input: the browser shows it as dd-mm-jjjj
    page.get_by_role("button", name="Toevoegen").click()


def _assignments_page(page, plan):
    url = _new_atelier(page)
    _add_homework(page, url)
    expect(page.get_by_text("Gedaan: 0 van 1 organisaties")).to_be_visible()


def _assignment_with_errors(page, plan):
    url = _new_atelier(page)
    _add_homework(page, url, due="")
    expect(page.locator("#foutmeldingen")).to_be_visible()


def _edit_assignment(page, plan):
    url = _new_atelier(page)
    _add_homework(page, url)
    page.get_by_role("link", name=re.compile(r"^Wijzigen\W+Spreek de jongerenraad$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opdracht wijzigen")


def _round_work_with_homework(page, plan):
    """The round page with homework marked done and overdue homework that is not."""
    url = _new_atelier(page)
    _add_homework(page, url)
    _add_homework(page, url, "Lees de nota", "2021-03-01")
    page.goto(url + "/rondes/1/werk")
    page.get_by_role("button", name=re.compile(r"^Markeer als gedaan\W+Spreek de jongerenraad$")).click()
    expect(page.get_by_text("Te laat: nog niet gedaan")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Toch niet gedaan\W+Spreek de jongerenraad$"))).to_be_visible()
def _project_at(suffix: str):
    """A new project of the seeded beheerder with a filled, published participatieplan; then its page + suffix."""
    def open_page(page, plan):
        path = project_pages.new_project(page, plan.organisation_id)
        project_pages.fill_plan(page, path)
        expect(page.locator("#foutmeldingen")).to_have_count(0, timeout=project_pages.TIMEOUT_MS)
        project_pages.publish_plan(page, path)
        page.goto(path + suffix)
    return open_page


def _survey(public: bool):
    """A new project with an open participant survey: the team's page, or the public page its link opens."""
    def open_page(page, plan):
        path = project_pages.new_project(page, plan.organisation_id)
        page.goto(path + "/vragenlijst")
        page.get_by_role("button", name="Vragenlijst openen").click(timeout=project_pages.TIMEOUT_MS)
        expect(page.locator("#survey-link")).to_be_visible(timeout=project_pages.TIMEOUT_MS)
        if public:
            page.goto(page.locator("#survey-link").get_attribute("href", timeout=project_pages.TIMEOUT_MS))
            expect(page.get_by_role("button", name="Antwoorden versturen")).to_be_visible(
                timeout=project_pages.TIMEOUT_MS)
    return open_page


def _new_project_without_a_name(page, plan):
    page.goto(f"/organisaties/{plan.organisation_id}/trajecten/nieuw")
    page.get_by_role("button", name="Traject aanmaken").click()
    expect(page.locator("#foutmeldingen")).to_be_visible(timeout=project_pages.TIMEOUT_MS)


def _plan_with_a_bad_month(page, plan):
    path = project_pages.new_project(page, plan.organisation_id)
    project_pages.fill_plan(page, path, last_month="mei")
    expect(page.locator("#foutmeldingen")).to_be_visible(timeout=project_pages.TIMEOUT_MS)


def _case_form(page, plan):
    """A finished project of the seeded organisation (phase Afgerond) and its case form."""
    path = project_pages.new_project(page, plan.organisation_id, name="Speelplek Dorpsweide")
    page.goto(path + "/bewerken")
    page.get_by_label("Afgerond", exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("link", name="Casus", exact=True)).to_be_visible(timeout=project_pages.TIMEOUT_MS)
    page.goto(path + "/casus")


def _case_without_confirmation(page, plan):
    _case_form(page, plan)
    page.get_by_role("button", name="Publiceren in de casusbibliotheek").click()
    expect(page.locator("#foutmeldingen")).to_be_visible(timeout=project_pages.TIMEOUT_MS)


def _published_case(where: str):
    """A case published through the form; then the library ("lijst") or the case's own page ("casus")."""
    def open_page(page, plan):
        _case_form(page, plan)
        page.get_by_label("Wat is er gedaan?").fill("Kinderen tekenden hun ideale speelplek.")
        page.get_by_label("Wat heeft het opgeleverd?").fill("Een speelplek met schaduw.")
        page.get_by_label("Transparant en navolgbaar proces").check()
        page.get_by_label("Ik begrijp wat zichtbaar wordt").check()
        page.get_by_role("button", name="Publiceren in de casusbibliotheek").click()
        link = page.get_by_role("link", name="Bekijk de casus zoals anderen hem zien")
        expect(link).to_be_visible(timeout=project_pages.TIMEOUT_MS)
        if where == "casus":
            link.click()
        else:
            page.goto("/casussen?q=speelplek")
        expect(page.get_by_text("Speelplek Dorpsweide").first).to_be_visible(timeout=project_pages.TIMEOUT_MS)
    return open_page


_LIVE = {}


@pytest.fixture(autouse=True)
def _remember_live_server(live_server):
    """The live server's app, for the one page below that seeds straight into its database."""
    _LIVE["app"] = live_server.app


def _library_page_2(page, plan):
    """45 published cases of another organisation (seeded once, none matches the other pages' searches): the library's
    second page, with its Paginering."""
    from tests.cases.test_library_pages import make_cases

    with _LIVE["app"].app_context():
        if db.session.scalar(select(Organisation).where(Organisation.name == "Bladel")) is None:
            make_cases(helpers.make_organisation("Bladel"), 45, approach="Een buurtgesprek.")
        db.session.remove()
    page.goto("/casussen?pagina=2")
    expect(page.get_by_role("navigation", name="Paginering")).to_be_visible(timeout=project_pages.TIMEOUT_MS)


def _evaluation_without_scores(page, plan):
    path = project_pages.new_project(page, plan.organisation_id)
    page.goto(path + "/evaluatie")
    page.locator("#q-lessen").fill("Eerder naar de scholen gaan.")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    expect(page.locator("#foutmeldingen")).to_be_visible(timeout=project_pages.TIMEOUT_MS)


def _public_pages(suffix: str):
    """Logged in only to make and publish a project, then logged out: what an anonymous visitor sees."""
    def open_page(page, plan):
        log_in(page, plan.email)
        path = project_pages.new_project(page, plan.organisation_id, "Openbaar traject")
        project_pages.fill_plan(page, path)
        project_pages.publish_plan(page, path)
        public = page.get_by_role("link", name="Openbare pagina").get_attribute("href")
        page.get_by_role("button", name=re.compile("Uitloggen")).click()
        page.goto(public if suffix == "plan" else public.rsplit("/", 2)[0])
    return open_page


# (name, logged in?, how to get there). Steps 1-8 together hold every kind of question: text, long text, choice,
# multiple choice with "eigen formulering", yes/no, number, date and list tables.
PAGES = [
    ("startpagina", False, _goto("/")),
    ("veelgestelde-vragen", False, _goto("/hulp")),
    ("toegankelijkheidsverklaring", False, _goto("/toegankelijkheid")),
    ("inloggen", False, _goto("/inloggen")),
    ("inloggen-met-fouten", False, _submit_empty_login),
    ("registreren", False, _goto("/registreren")),
    ("registreren-met-fouten", False, _submit_bad_registration),
    ("wachtwoord-vergeten", False, _goto("/wachtwoord-vergeten")),
    ("inloggen-via-organisatie", False, _goto("/inloggen/organisatie")),
    ("inloggen-via-organisatie-met-fouten", False, _organisation_login_with_an_unknown_domain),
    ("controleer-uw-email", False, _goto("/controleer-uw-email")),
    ("mijn-plannen", True, _goto("/")),
    ("nieuw-plan", True, _goto("/plannen/nieuw")),
    ("nieuw-plan-met-fouten", True, _new_plan_without_a_name),
    ("plan-inlezen", True, _goto("/plannen/importeren")),
    ("plan-inlezen-met-fouten", True, _import_without_a_file),
    ("verordening-inlezen", True, _goto("/verordening-inlezen")),
    ("verordening-inlezen-met-fouten", True, _read_ordinance_without_input),
    ("verordening-rapport", True, _ordinance_report),
    ("stap-uit-bestaande-verordening", True, _step_with_answers_from_an_ordinance),
    ("stappenoverzicht", True, _goto("/plannen/{plan}")),
    *[(f"stap-{n}", True, _goto(f"/plannen/{{plan}}/stap/{n}")) for n in range(1, 9)],
    ("stap-7-met-fouten", True, _step_7_with_a_word_for_a_number),
    ("stap-2-met-fout-in-tabel", True, _step_2_with_a_bad_table_cell),
    ("stap-6-eind-voor-start", True, _step_6_ending_before_it_starts),
    ("overzicht", True, _goto("/plannen/{plan}/overzicht")),
    ("conceptverordening", True, _goto("/plannen/{plan}/verordening")),
    ("eigen-artikeltekst", True, _goto("/plannen/{plan}/verordening/citeertitel/eigen-tekst")),
    ("documenten", True, _goto("/plannen/{plan}/documenten")),
    ("uitvoeringsprogramma", True, _goto("/plannen/{plan}/documenten/uitvoeringsprogramma")),
    ("leerprogramma", True, _goto("/plannen/{plan}/documenten/leerprogramma")),
    ("publicatieversie", True, _goto("/plannen/{plan}/documenten/publicatie")),
    ("eigen-artikeltekst-met-fouten", True, _empty_own_text),
    ("team", True, _goto("/organisaties/{organisation}/team")),
    ("versies", True, _goto("/plannen/{plan}/versies")),
    ("versies-vergelijken", True, _goto("/plannen/{plan}/versies/vergelijken?van={snap}&naar=huidig")),
    ("account", True, _goto("/account")),
    ("tweede-factor-instellen", True, _goto("/account/tweede-factor")),
    ("conflict", True, _conflict_in_two_tabs),
    ("logboek", True, _goto("/organisaties/{organisation}/logboek")),
    ("organisatie-gegevens", True, _goto("/organisaties/{organisation}/gegevens")),
    ("inloggen-via-organisatie-instellen", True, _goto("/organisaties/{organisation}/inloggen")),
    ("organisatie-verwijderen", True, _goto("/organisaties/{organisation}/verwijderen")),
    ("plan-naam", True, _goto("/plannen/{plan}/naam")),
    ("plan-verwijderen", True, _goto("/plannen/{plan}/verwijderen")),
    ("foutpagina-404", True, _goto("/plannen/999999")),
    ("route-naar-vaststelling", True, _goto("/plannen/{plan}/route-naar-vaststelling")),
    ("vergaderdata", True, _goto("/plannen/{plan}/route-naar-vaststelling/vergaderdata")),
    ("vergaderdata-met-fouten", True, _meetings_with_a_bad_date),
    ("mijn-ateliers", True, _goto("/ateliers")),
    ("nieuw-atelier", True, _goto("/ateliers/nieuw")),
    ("nieuw-atelier-met-fouten", True, _new_atelier_without_a_name),
    ("atelier", True, _atelier_with_a_link),
    ("atelier-tijdens-de-ronde", True, _atelier_during_a_round),
    ("atelier-ronde", True, _atelier_at("/rondes/1")),
    ("atelier-ronde-met-fouten", True, _round_with_a_bad_date),
    ("atelier-groepen", True, _atelier_at("/rondes/1/groepen")),
    ("atelier-rondewerk", True, _atelier_at("/rondes/1/werk")),
    ("atelier-uitnodiging", True, _join_page),
    ("atelier-delen", True, _share_page),
    ("atelier-dashboard", True, _atelier_at("/dashboard?ronde=1")),
    ("atelier-verslag", True, _atelier_at("/verslag?ronde=1")),
    ("atelier-facilitatoren", True, _two_facilitators),
    ("atelier-facilitatoren-met-fouten", True, _facilitators_with_an_unknown_address),
    ("zelfscan", True, _goto("/organisaties/{organisation}/zelfscan")),
    ("zelfscan-invullen", True, _goto("/organisaties/{organisation}/zelfscan/2026")),
    ("zelfscan-met-fouten", True, _zelfscan_without_scores),
    ("benchmark", True, _goto("/organisaties/{organisation}/benchmark")),
    ("atelier-opdrachten", True, _assignments_page),
    ("atelier-opdracht-met-fouten", True, _assignment_with_errors),
    ("atelier-opdracht-wijzigen", True, _edit_assignment),
    ("atelier-rondewerk-met-huiswerk", True, _round_work_with_homework),
    ("trajecten", True, _goto("/organisaties/{organisation}/trajecten")),
    ("nieuw-traject", True, _goto("/organisaties/{organisation}/trajecten/nieuw")),
    ("nieuw-traject-met-fouten", True, _new_project_without_a_name),
    ("traject", True, _project_at("")),
    ("traject-gegevens", True, _project_at("/bewerken")),
    ("participatieplan", True, _project_at("/participatieplan")),
    ("participatieplan-met-fouten", True, _plan_with_a_bad_month),
    ("participatieverslag", True, _project_at("/participatieverslag")),
    ("traject-versies", True, _project_at("/versies")),
    ("traject-evaluatie", True, _project_at("/evaluatie")),
    ("traject-evaluatie-met-fouten", True, _evaluation_without_scores),
    ("trajectrapport", True, _project_at("/trajectrapport")),
    ("evaluatie-verordening", True, _goto("/organisaties/{organisation}/evaluatie-verordening")),
    ("traject-verwijderen", True, _project_at("/verwijderen")),
    ("casus-publiceren", True, _case_form),
    ("casus-publiceren-met-fouten", True, _case_without_confirmation),
    ("casusbibliotheek", True, _published_case("lijst")),
    ("casus", True, _published_case("casus")),
    ("casusbibliotheek-pagina-2", True, _library_page_2),
    ("vragenlijst-team", True, _survey(public=False)),
    ("vragenlijst-openbaar", True, _survey(public=True)),
    ("openbare-trajecten", False, _public_pages("lijst")),
    ("openbaar-participatieplan", False, _public_pages("plan")),
]
ERROR_PAGES = [p for p in PAGES if "met-fout" in p[0]]


def _open(request, logged_in: bool):
    if logged_in:
        page = request.getfixturevalue("member_context").new_page()
        request.addfinalizer(page.close)
        return page
    return request.getfixturevalue("anonymous_page")


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})""", WCAG_TAGS)
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:10]:
            summary = " | ".join(line.strip() for line in node.get("failureSummary", "").splitlines() if line.strip())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize("name, logged_in, open_page", PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_wcag_violations(request, seeded_plan, name, logged_in, open_page):
    page = _open(request, logged_in)
    open_page(page, seeded_plan)
    violations = run_axe(page)
    line = f"axe {name}: {len(violations)} violations"
    print(line)
    AXE_SUMMARY.append(line)
    assert not violations, f"axe vond op {name} ({page.url}):\n{describe(violations)}"
    unlabelled = page.evaluate(UNLABELLED_FIELDS_JS)
    assert unlabelled == [], f"velden zonder label op {name}: {unlabelled}"


@pytest.mark.browser
@pytest.mark.parametrize("name, logged_in, open_page", ERROR_PAGES, ids=[p[0] for p in ERROR_PAGES])
def test_form_errors_are_announced_and_linked_to_their_fields(request, seeded_plan, name, logged_in, open_page):
    page = _open(request, logged_in)
    open_page(page, seeded_plan)
    summary = page.locator("#foutmeldingen")
    expect(summary).to_have_attribute("role", "alert")
    # After a failed save the focus is on the summary, so a screen reader reads it first.
    expect(summary).to_be_focused()  # waits for the page script that moves the focus
    links = page.evaluate(ERROR_LINKS_JS)
    assert links, "de foutsamenvatting heeft geen links naar de velden"
    for link in links:
        field_id = link["href"][1:]
        assert link["found"], f"{link['href']} wijst naar geen enkel veld"
        assert f"{field_id}-error" in link["describedby"].split(), \
            f"#{field_id} heeft geen aria-describedby naar zijn foutmelding ({link['describedby']!r})"
        assert link["invalid"] == "true", f"#{field_id} mist aria-invalid"
        assert link["error"], f"#{field_id}-error ontbreekt of is leeg"


@pytest.mark.browser
def test_step_error_keeps_what_was_typed_and_the_link_leads_to_the_field(request, seeded_plan):
    page = _open(request, True)
    _step_7_with_a_word_for_a_number(page, seeded_plan)
    field = page.locator("#q-evaluatie_termijn_jaren")
    expect(field).to_have_value("vier")
    expect(page.locator("#q-evaluatie_termijn_jaren-error")).to_have_text("Vul een heel getal in, bijvoorbeeld 6.")
    summary_link = page.locator('#foutmeldingen a[href="#q-evaluatie_termijn_jaren"]')
    expect(summary_link).to_be_visible()
    summary_link.press("Enter")  # the focus is on the summary already, so Tab and Enter reach the field
    expect(page).to_have_url(re.compile(r"/stap/7#q-evaluatie_termijn_jaren$"))
    expect(field).to_be_in_viewport()
    # Nothing was saved: the stored answer is still the old one.
    page.goto(f"/plannen/{seeded_plan.plan_id}/stap/7")
    expect(field).to_have_value("4")


@pytest.mark.browser
def test_wrong_password_is_explained_next_to_the_field(anonymous_page, seeded_plan):
    page = anonymous_page
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(seeded_plan.email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD + "x")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("#password-error")).to_have_text("Deze combinatie van e-mailadres en wachtwoord is onbekend.")
    expect(page.get_by_label("E-mailadres")).to_have_value(seeded_plan.email)
    expect(page.locator("#foutmeldingen")).to_be_focused()  # waits for the page script that moves the focus
