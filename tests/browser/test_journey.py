"""The whole journey of a new user in a real browser: sign up, plan, eight steps, review, preview, DOCX.

Screenshots of every page type land in test-artifacts/screenshots/ (git-ignored) at 1280x720.
"""
from __future__ import annotations

import re

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.browser.conftest import log_in, screenshot
from tests.helpers import PASSWORD, link_in, mail_to

EMAIL = "nieuw@dorpsveen.nl"
CITEERTITEL = "Participatieverordening Dorpsveen 2027"
VISIE = "Dorpsveen maakt beleid samen met de mensen die het raakt."
OLD_INSPRAAKVERORDENING = "Inspraakverordening Dorpsveen 1998"


def _watch_console(page) -> list[str]:
    """Script errors and CSP refusals; the expected 404 of the error page is not one."""
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: problems.append(f"console: {msg.text}")
            if msg.type == "error" and "Failed to load resource" not in msg.text else None)
    return problems


def _question(page, key: str):
    return page.locator(f"#vraag-{key}")


def _save_and_go_on(page, number: int) -> None:
    """Press "Opslaan en naar stap N+1" and check that step N was saved as complete."""
    page.get_by_role("button", name=f"Opslaan en naar stap {number + 1}").click()
    page.wait_for_url(re.compile(rf"/stap/{number + 1}$"))
    expect(page.get_by_role("status").filter(has_text=f"Stap {number} is opgeslagen (afgerond).")).to_be_visible()


def _tab_to(page, element_id: str, limit: int = 80) -> None:
    """Press Tab until the element with this id has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} kreeg na {limit} keer Tab geen focus")


def _tab_expect(page, expected: str) -> None:
    """One Tab; the focus must land on the next field of the form (focus order follows the page)."""
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
    assert focused == expected, f"na Tab verwachtte ik focus op {expected!r}, maar die staat op {focused!r}"


def _fill_step_1(page) -> None:
    page.locator("#q-participatie_definitie").fill("Inwoners en ondernemers denken en doen mee met ons beleid.")
    vormen = _question(page, "participatie_vormen")
    vormen.get_by_label("Inwonersparticipatie", exact=True).check()
    vormen.get_by_label("Uitdaagrecht", exact=True).check()
    page.locator("#q-representatieve_democratie").fill("De raad weegt de inbreng en neemt het besluit.")


def _fill_step_2(page) -> None:
    page.locator("#q-ambitie").fill("Over vier jaar weet elke inwoner hoe hij kan meedoen.")
    page.locator("#q-huidige_praktijk").fill("Inloopavonden bij grote projecten.")
    # The zelfscan is not asked again here: the step shows the organisation's one zelfscan and links to it.
    expect(page.get_by_text("Uw organisatie heeft de zelfscan nog niet ingevuld.")).to_be_visible()
    expect(page.locator("#q-zelfscan-0-thema")).to_have_count(0)
    page.locator("#q-witte_vlek-0-naam").fill("Jongeren")
    page.locator("#q-witte_vlek-0-soort").select_option("jongeren")


def _complete_step_3_with_keyboard(page) -> None:
    """Step 3 with Tab, Space, typing and Enter only; every Tab must land on the next field."""
    _tab_to(page, "q-waarden-1")
    page.keyboard.press("Space")                      # Vertrouwen tussen inwoners en gemeente
    _tab_expect(page, "q-waarden-2")
    _tab_expect(page, "q-waarden-3")
    page.keyboard.press("Space")                      # Openheid en transparantie
    _tab_expect(page, "q-waarden-4")
    _tab_expect(page, "q-waarden-5")
    _tab_expect(page, "q-waarden__anders")
    page.keyboard.type("Nieuwsgierigheid")            # the "eigen formulering" of a multiple choice
    _tab_expect(page, "q-doelen")
    page.keyboard.type("Beter beleid en meer draagvlak.")
    _tab_expect(page, "q-visie")
    page.keyboard.type(VISIE)
    _tab_expect(page, "q-publieke_waarde")
    page.keyboard.type("Meer vertrouwen in de gemeente.")
    _tab_expect(page, "Opslaan")
    page.keyboard.press("Enter")


def _fill_step_4(page) -> None:
    page.locator("#q-wie_beslist").select_option("standaard_tenzij")
    gevallen = _question(page, "verplichte_gevallen")
    gevallen.get_by_label("Als een wet het voorschrijft", exact=True).check()
    expect(_question(page, "impact_criteria")).to_be_hidden()
    gevallen.get_by_label("Bij beleid met grote maatschappelijke impact", exact=True).check()
    criteria = _question(page, "impact_criteria")
    expect(criteria).to_be_visible()  # shown as soon as "grote impact" is ticked, without a round trip
    criteria.get_by_label("Een groot aantal inwoners wordt geraakt", exact=True).check()
    _question(page, "uitzonderingen").get_by_label("Spoedeisende besluiten", exact=True).check()
    page.locator("#q-invloed_vocabulaire").select_option("vijf_treden")


def _fill_step_5(page) -> None:
    page.locator("#q-projectdocumenten").select_option("plan_en_verslag")
    terugkoppeling = _question(page, "terugkoppeling_aan")
    terugkoppeling.get_by_label("Aan de deelnemers", exact=True).check()
    terugkoppeling.get_by_label("Aan de raad", exact=True).check()
    page.locator("#q-terugkoppeling_termijn_weken").fill("6")

    # The conditional question: the period only applies to the municipality's own procedure.
    termijn = _question(page, "inspraak_termijn_weken")
    expect(termijn).to_be_hidden()
    page.locator("#q-inspraak_procedure").select_option("awb")
    expect(termijn).to_be_hidden()
    page.locator("#q-inspraak_procedure").select_option("eigen")
    expect(termijn).to_be_visible()
    page.locator("#q-inspraak_termijn_weken").fill("4")

    expect(_question(page, "uitdaagrecht_wie")).to_be_hidden()
    _question(page, "uitdaagrecht_opnemen").get_by_label("Ja", exact=True).check()
    _question(page, "uitdaagrecht_wie").get_by_label("Ingezetenen", exact=True).check()
    page.locator("#q-uitdaagrecht_reikwijdte").select_option("alle_tenzij")
    criteria = _question(page, "uitdaagrecht_criteria")
    criteria.get_by_label("Kwaliteit van de uitvoering", exact=True).check()
    criteria.get_by_label("Draagvlak in de buurt", exact=True).check()
    page.locator("#q-uitdaagrecht_beslistermijn_weken").fill("8")
    _question(page, "burgerinitiatief").get_by_label("Nee", exact=True).check()


def _fill_step_6(page) -> None:
    page.locator("#q-programma_periode").fill("2027-2028")
    page.locator("#q-uitvoeringsactiviteiten-0-activiteit").fill("Training participatie voor projectleiders")
    page.locator("#q-uitvoeringsactiviteiten-0-eigenaar").fill("Team participatie")


def _fill_step_7(page) -> None:
    page.locator("#q-leeractiviteiten-0-wie").fill("Projectleiders")
    page.locator("#q-leeractiviteiten-0-hoe").fill("Intervisie")
    page.locator("#q-evaluatie_termijn_jaren").fill("4")


def _fill_step_8(page) -> None:
    page.locator("#q-citeertitel").fill(CITEERTITEL)
    _question(page, "inspraakverordening_intrekken").get_by_label("Ja", exact=True).check()
    page.locator("#q-inspraakverordening_naam").fill(OLD_INSPRAAKVERORDENING)
    page.locator("#q-overgangsrecht").select_option("oude_regels")
    expect(_question(page, "inwerkingtreding_datum")).to_be_hidden()
    page.locator("#q-inwerkingtreding").select_option("vaste_datum")
    # dates as people write them (issue 18): each is read, stored once and shown in Dutch
    page.locator("#q-inwerkingtreding_datum").fill("1 januari 2027")
    page.locator("#q-voorstel_datum").fill("6-10-2026")
    page.locator("#q-vaststelling_datum").fill("12 november 2026")


def _review_answer(page, label: str):
    """The answer shown on the review page for the question with this label."""
    item = page.locator(".review-list__item").filter(has=page.locator("dt", has_text=label))
    return item.locator("dd")


@pytest.mark.browser
def test_new_user_completes_the_whole_journey(page, live_server, tmp_path):
    problems = _watch_console(page)

    # --- Sign up --------------------------------------------------------------------------------------------------
    page.goto("/registreren")
    screenshot(page, "registreren")
    page.get_by_label("Uw naam").fill("Noor Nieuw")
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", name="Controleer uw e-mail")).to_be_visible()
    # The confirmation link from the mail (the test app keeps its mail in memory), then one button.
    with live_server.app.app_context():
        page.goto(link_in(mail_to(EMAIL)))
    page.get_by_role("button", name="Bevestigen en inloggen").click()
    expect(page.get_by_role("heading", name="Mijn plannen")).to_be_visible()
    expect(page.get_by_text("Uw e-mailadres is bevestigd en uw account is klaar.")).to_be_visible()

    # --- A plan for a new municipality ----------------------------------------------------------------------------
    page.get_by_role("link", name="Nieuw plan").click()
    organisation = page.get_by_label("Voor welke organisatie is het plan?")
    expect(organisation).to_have_value("nieuw")  # a new user has no organisation yet
    expect(page.get_by_label("Naam van de gemeente")).to_be_visible()
    screenshot(page, "nieuw-plan")
    page.get_by_label("Naam van de gemeente").fill("Dorpsveen")
    page.get_by_label("Gemeente", exact=True).check()
    page.get_by_label("Aantal inwoners").fill("12000")
    page.get_by_label("Naam van het plan").fill("Participatieverordening Dorpsveen")
    page.get_by_role("button", name="Plan aanmaken").click()
    page.wait_for_url(re.compile(r"/plannen/\d+$"))
    plan_url = page.url
    plan_id = int(plan_url.rsplit("/", 1)[1])
    expect(page.get_by_text("0 van 8 stappen afgerond")).to_be_visible()

    # --- The eight steps ------------------------------------------------------------------------------------------
    page.get_by_role("link", name=re.compile(r"^1 Begrippen en uitgangspunten")).click()
    page.wait_for_url(re.compile(r"/stap/1$"))
    _fill_step_1(page)
    screenshot(page, "stap-1-tekst-en-meerkeuze")
    _save_and_go_on(page, 1)

    _fill_step_2(page)
    screenshot(page, "stap-2-lijsttabel")
    _save_and_go_on(page, 2)

    # Step 3 with the keyboard alone: no clicks from here until it is saved.
    screenshot(page, "stap-3-meerkeuze-eigen-formulering")
    _complete_step_3_with_keyboard(page)
    expect(page.get_by_role("status").filter(has_text="Stap 3 is opgeslagen (afgerond).")).to_be_visible()
    page.reload()
    expect(page.locator("#q-visie")).to_have_value(VISIE)
    expect(page.locator("#q-waarden__anders")).to_have_value("Nieuwsgierigheid")
    expect(_question(page, "waarden").get_by_label("Vertrouwen tussen inwoners en gemeente")).to_be_checked()
    expect(_question(page, "waarden").get_by_label("Openheid en transparantie")).to_be_checked()
    expect(_question(page, "waarden").get_by_label("Gelijkwaardigheid")).not_to_be_checked()

    page.get_by_role("link", name=re.compile(r"^4 Beleid")).click()
    page.wait_for_url(re.compile(r"/stap/4$"))
    _fill_step_4(page)
    screenshot(page, "stap-4-keuzelijst")
    _save_and_go_on(page, 4)

    _fill_step_5(page)
    screenshot(page, "stap-5-ja-nee-getal-voorwaardelijk")
    _save_and_go_on(page, 5)

    _fill_step_6(page)
    screenshot(page, "stap-6-tekst-en-lijst")
    _save_and_go_on(page, 6)

    _fill_step_7(page)
    screenshot(page, "stap-7-getal")
    _save_and_go_on(page, 7)

    _fill_step_8(page)
    screenshot(page, "stap-8-datum")
    page.get_by_role("button", name="Opslaan en naar het overzicht").click()
    page.wait_for_url(plan_url)
    expect(page.get_by_role("status").filter(has_text="Stap 8 is opgeslagen (afgerond).")).to_be_visible()
    expect(page.get_by_text("8 van 8 stappen afgerond")).to_be_visible()
    expect(page.locator(".step-outline .step-status", has_text="Afgerond")).to_have_count(8)
    screenshot(page, "stappenoverzicht")

    # --- The review page: change an earlier answer, keep the later ones --------------------------------------------
    page.get_by_role("link", name="Overzicht van antwoorden").click()
    expect(page.get_by_role("heading", name="Overzicht van antwoorden")).to_be_visible()
    expect(_review_answer(page, "Met welke woorden beschrijft u de mate van invloed?")).to_contain_text("Vijf treden")
    screenshot(page, "overzicht")
    page.get_by_role("link", name="Wijzig “Met welke woorden beschrijft u de mate van invloed?”").click()
    page.wait_for_url(re.compile(r"/stap/4#q-invloed_vocabulaire$"))
    choice = page.locator("#q-invloed_vocabulaire")
    expect(choice).to_be_in_viewport()  # the link lands on the question itself
    choice.select_option("vier_woorden")
    page.get_by_role("button", name="Opslaan en naar het overzicht").click()
    page.wait_for_url(re.compile(rf"/plannen/{plan_id}(#.*)?$"))  # the browser keeps the #fragment on a redirect
    expect(page.get_by_text("8 van 8 stappen afgerond")).to_be_visible()

    page.get_by_role("link", name="Overzicht van antwoorden").click()
    expect(_review_answer(page, "Met welke woorden beschrijft u de mate van invloed?")).to_contain_text(
        "Vier woorden - meeweten, meedenken, meedoen, meebeslissen")
    # Everything else stayed as it was, in the same step and in later steps.
    expect(_review_answer(page, "Wie bepaalt of en hoe inwoners worden betrokken?")).to_contain_text(
        "Participatie is de regel, tenzij een uitzondering geldt")
    expect(_review_answer(page, "Hoeveel weken hebben inwoners")).to_contain_text("4")
    expect(_review_answer(page, "Wat is de ambitie van uw gemeente met participatie?")).to_contain_text(
        "Over vier jaar weet elke inwoner hoe hij kan meedoen.")
    expect(_review_answer(page, "Visie op participatie")).to_contain_text(VISIE)
    expect(_review_answer(page, "Citeertitel van de verordening")).to_contain_text(CITEERTITEL)
    expect(_review_answer(page, "Datum van inwerkingtreding")).to_contain_text("1 januari 2027")

    # --- The draft ordinance ---------------------------------------------------------------------------------------
    page.get_by_role("link", name="Conceptverordening").click()
    expect(page.get_by_role("heading", name="Conceptverordening", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=CITEERTITEL)).to_be_visible()
    expect(page.get_by_role("heading", level=4, name=re.compile(r"^Artikel 1\. "))).to_be_visible()
    expect(page.get_by_role("heading", level=4, name=re.compile(r"^Artikel \d+\. ")).first).to_have_text(
        re.compile(r"^Artikel 1\. "))
    # The changed choice shows in the text and in the note that explains where the text comes from.
    influence = page.locator("#artikel-mate_van_invloed")
    expect(influence.locator(".choice-note")).to_contain_text("Vier woorden - meeweten")
    expect(influence.locator(".parts")).to_contain_text("meeweten")
    expect(influence.locator(".parts")).not_to_contain_text("coproduceren")
    screenshot(page, "conceptverordening")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als Word-document (DOCX)").click()
    download = download_info.value
    assert download.suggested_filename == "concept-participatieverordening-dorpsveen.docx"
    docx_path = tmp_path / download.suggested_filename
    download.save_as(docx_path)
    document = Document(str(docx_path))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", CITEERTITEL) in paragraphs
    article_headings = [text for style, text in paragraphs if style == "Heading 2" and text.startswith("Artikel ")]
    assert article_headings and article_headings[0].startswith("Artikel 1. "), article_headings[:3]
    full_text = "\n".join(text for _, text in paragraphs)
    assert VISIE in full_text                      # typed in step 3, used in the toelichting
    assert OLD_INSPRAAKVERORDENING in full_text    # typed in step 8, the repealed ordinance
    assert "Aldus vastgesteld in de openbare vergadering van 12 november 2026." in full_text

    # --- One timeline: step 8 -> route planner -> raadsvoorstel show the same dates (issue 18) ----------------------
    page.goto(f"/plannen/{plan_id}/stap/8")
    expect(page.locator("#q-vaststelling_datum")).to_have_value("12 november 2026")
    page.get_by_role("link", name=re.compile("route naar vaststelling", re.I)).first.click()
    page.wait_for_url(re.compile(r"/route-naar-vaststelling$"))
    raad_step = page.locator(".route-timeline__step", has_text="Vaststelling door de gemeenteraad")
    expect(raad_step.locator(".route-timeline__date")).to_have_text("12 november 2026")
    expect(page.locator(".route-timeline__step", has_text="Inwerkingtreding").locator(
        ".route-timeline__date")).to_have_text("1 januari 2027")
    expect(page.locator("#day_raad")).to_have_value("12 november 2026")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"route-naar-vaststelling-{width}")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"/plannen/{plan_id}/documenten/raadsvoorstel")
    expect(page.get_by_text("12 november 2026").first).to_be_visible()
    voorstel = page.locator("main").inner_text()
    assert "Vergadering van de raad" in voorstel and "1 januari 2027" in voorstel
    assert "6 oktober 2026" in voorstel
    screenshot(page, "raadsvoorstel")

    # --- Versions, team, an error page ------------------------------------------------------------------------------
    page.get_by_role("link", name="Versies").click()
    expect(page.get_by_role("heading", name="Versies en geschiedenis")).to_be_visible()
    page.get_by_label("Naam van de versie").fill("Na de eerste ronde")
    page.get_by_role("button", name="Versie bewaren").click()
    expect(page.get_by_role("cell", name="Na de eerste ronde", exact=True)).to_be_visible()
    screenshot(page, "versies")

    page.get_by_role("link", name="Team", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile(r"^Team van"))).to_be_visible()
    expect(page.get_by_role("cell", name=EMAIL, exact=True)).to_be_visible()
    screenshot(page, "team")

    response = page.goto(f"/plannen/{plan_id + 1000}")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    screenshot(page, "foutpagina-404")

    # --- Log out, and back in: the plan is still there --------------------------------------------------------------
    page.get_by_role("button", name=re.compile(r"^Uitloggen")).click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    screenshot(page, "inloggen")
    log_in(page, EMAIL)
    expect(page.get_by_role("link", name="Participatieverordening Dorpsveen")).to_be_visible()
    screenshot(page, "mijn-plannen")

    assert problems == [], "fouten in de browserconsole:\n" + "\n".join(problems)


@pytest.mark.browser
def test_organisation_fields_show_only_for_a_new_organisation(page, seeded_plan):
    """A member of an organisation picks it, or asks for a new one; only then the municipality's fields appear."""
    log_in(page, seeded_plan.email)
    page.goto("/plannen/nieuw")
    organisation = page.get_by_label("Voor welke organisatie is het plan?")
    name = page.get_by_label("Naam van de gemeente")
    expect(organisation).to_have_value(str(seeded_plan.organisation_id))
    expect(name).to_be_hidden()
    organisation.select_option(label="Een nieuwe organisatie")
    expect(name).to_be_visible()
    expect(page.get_by_label("Aantal inwoners")).to_be_visible()
    organisation.select_option(value=str(seeded_plan.organisation_id))
    expect(name).to_be_hidden()
