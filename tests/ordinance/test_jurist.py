"""The jurist's workflow: the article index with its review counter, own article texts, and the DOCX with tracked
changes between two versions."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from lxml import etree
from sqlalchemy import select

from app.extensions import db
from app.models import ArticleText, AuditEvent
from app.services.plans import plans
from tests import helpers
from tests.helpers import text_of
from tests.ordinance.docx_reading import read_docx
from tests.ordinance.test_preview import _demo_plan, _step5_form

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OWN = ("1. Ieder kan binnen zes weken een zienswijze geven.\n"
       "2. Het college stelt een verslag op en maakt dat openbaar.")


def _jurist(editor):
    jurist = helpers.make_user("jurist@voorbeeld.nl", "Jan Jurist")
    helpers.add_member(editor.organisation, jurist, "jurist")
    client = editor.client.application.test_client()
    helpers.login(client, "jurist@voorbeeld.nl")
    return client


def _set_period(editor, plan, weeks: str):
    response = helpers.save_step(editor.client, plan.id, 5, dict(_step5_form(plan), **{"q-inspraak_termijn_weken": weeks}))
    assert response.status_code in (200, 302), response.status_code


# --- the article index and review without reloading -------------------------------------------------------------

def test_index_counts_reviewed_articles_and_a_script_gets_json(editor):
    plan = _demo_plan(editor)
    client = _jurist(editor)
    url = f"/plannen/{plan.id}/verordening"
    page = text_of(client.get(url))
    assert "0 van 24 beoordeeld" in page and "Artikel 12. Eigen inspraakprocedure — nog niet beoordeeld" in page
    token = helpers.csrf_token(client, url)
    response = client.post(f"{url}/inspraakprocedure/beoordeling", data={"csrf_token": token, "action": "beoordeeld"},
                           headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.is_json
    result = response.get_json()
    assert result["counter"] == "1 van 24 beoordeeld"
    assert result["state"] == "beoordeeld"
    assert "Beoordeeld door Jan Jurist" in result["review"] and "Beoordeling intrekken" in result["review"]
    assert result["message"] == "Artikel 12. Eigen inspraakprocedure is gemarkeerd als beoordeeld."
    assert "1 van 24 beoordeeld" in text_of(client.get(url))
    # Taking the mark away, again as the script does it.
    result = client.post(f"{url}/inspraakprocedure/beoordeling", data={"csrf_token": token, "action": "intrekken"},
                         headers={"Accept": "application/json"}).get_json()
    assert result["counter"] == "0 van 24 beoordeeld" and "Markeer als beoordeeld" in result["review"]


def test_an_article_changed_after_review_is_not_counted(editor):
    plan = _demo_plan(editor)
    client = _jurist(editor)
    url = f"/plannen/{plan.id}/verordening"
    helpers.post_form(client, f"{url}/inspraakprocedure/beoordeling", {"action": "beoordeeld"}, token_from=url)
    _set_period(editor, plan, "8")
    page = text_of(client.get(url))
    assert "0 van 24 beoordeeld" in page and "Eigen inspraakprocedure — gewijzigd na beoordeling" in page


# --- own article texts --------------------------------------------------------------------------------------------

def test_own_text_replaces_the_generated_text_in_preview_and_docx(editor):
    plan = _demo_plan(editor)
    client = _jurist(editor)
    edit = f"/plannen/{plan.id}/verordening/inspraakprocedure/eigen-tekst"
    form = text_of(client.get(edit))
    assert "binnen 4 weken na de dag" in form  # the generated text is shown to start from
    response = helpers.post_form(client, edit, {"body": OWN}, token_from=edit)
    assert response.status_code == 302 and response.headers["Location"].endswith("#artikel-inspraakprocedure")
    page = text_of(client.get(f"/plannen/{plan.id}/verordening"))
    assert "Ieder kan binnen zes weken een zienswijze geven." in page
    assert "binnen 4 weken na de dag" not in page.split("Toelichting")[0]
    assert "Eigen tekst van de jurist (Jan Jurist" in page
    assert "Eigen inspraakprocedure — nog niet beoordeeld, eigen tekst" in page
    docx = read_docx(client.get(f"/plannen/{plan.id}/verordening.docx").data)
    assert docx.article_block("Artikel 12.") == OWN.replace(". ", ".\t", 1).replace("\n2. ", "\n2.\t").split("\n")
    assert docx.comments["Artikel 12. Eigen inspraakprocedure"].startswith("Eigen tekst van de jurist (Jan Jurist, ")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "article_text.saved"))
    assert event.actor_label == "jurist@voorbeeld.nl" and event.detail["article"] == "inspraakprocedure"


def test_own_text_is_kept_when_the_plan_changes_and_flagged(editor):
    plan = _demo_plan(editor)
    client = _jurist(editor)
    edit = f"/plannen/{plan.id}/verordening/inspraakprocedure/eigen-tekst"
    helpers.post_form(client, edit, {"body": OWN}, token_from=edit)
    url = f"/plannen/{plan.id}/verordening"
    assert "De antwoorden waarop deze tekst steunde, zijn gewijzigd" not in text_of(client.get(url))
    _set_period(editor, plan, "8")
    page = text_of(client.get(url))
    assert "Ieder kan binnen zes weken een zienswijze geven." in page
    assert "De antwoorden waarop deze tekst steunde, zijn gewijzigd" in page
    assert "eigen tekst, antwoorden gewijzigd" in page
    docx = read_docx(client.get(f"{url}.docx").data)
    assert docx.article_block("Artikel 12.") == OWN.replace(". ", ".\t", 1).replace("\n2. ", "\n2.\t").split("\n")
    assert "de antwoorden waarop deze tekst steunde, zijn gewijzigd" in docx.comments[
        "Artikel 12. Eigen inspraakprocedure"]
    # Saving the text again takes the new generated text as its basis: the flag goes away.
    helpers.post_form(client, edit, {"body": OWN}, token_from=edit)
    assert "De antwoorden waarop deze tekst steunde, zijn gewijzigd" not in text_of(client.get(url))


def test_removing_the_own_text_brings_back_the_generated_text(editor):
    plan = _demo_plan(editor)
    client = _jurist(editor)
    edit = f"/plannen/{plan.id}/verordening/inspraakprocedure/eigen-tekst"
    helpers.post_form(client, edit, {"body": OWN}, token_from=edit)
    response = helpers.post_form(client, f"{edit}/verwijderen", {}, token_from=edit)
    assert response.status_code == 302
    page = text_of(client.get(f"/plannen/{plan.id}/verordening"))
    assert "binnen 4 weken na de dag" in page and "Ieder kan binnen zes weken" not in page
    assert db.session.scalar(select(ArticleText)) is None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "article_text.removed")) is not None
    again = helpers.post_form(client, f"{edit}/verwijderen", {}, token_from=edit, follow_redirects=True)
    assert "Dit artikel heeft geen eigen tekst (meer)" in text_of(again)


def test_empty_or_too_long_own_text_is_refused_and_kept_on_the_page(editor):
    plan = _demo_plan(editor)
    client = _jurist(editor)
    edit = f"/plannen/{plan.id}/verordening/inspraakprocedure/eigen-tekst"
    response = helpers.post_form(client, edit, {"body": "   "}, token_from=edit)
    assert response.status_code == 422
    assert "Schrijf de tekst van het artikel, of ga terug zonder opslaan." in text_of(response)
    long = "Lang artikel. " * 1500
    response = helpers.post_form(client, edit, {"body": long}, token_from=edit)
    assert response.status_code == 422 and "Gebruik maximaal 20000 tekens." in text_of(response)
    assert long.strip() in response.get_data(as_text=True)
    assert db.session.scalar(select(ArticleText)) is None


def test_unknown_article_is_404(editor):
    plan = _demo_plan(editor)
    client = _jurist(editor)
    assert client.get(f"/plannen/{plan.id}/verordening/bestaat-niet/eigen-tekst").status_code == 404


# --- the DOCX with tracked changes ---------------------------------------------------------------------------------

def revisions(data: bytes) -> dict[str, list]:
    """The Word revisions of a DOCX: inserted and deleted text, with their authors and dates."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    inserted = [("".join(e.itertext()), e.get(f"{W}author"), e.get(f"{W}date")) for e in root.iter(f"{W}ins")]
    deleted = [("".join(t.text or "" for t in e.iter(f"{W}delText")), e.get(f"{W}author"), e.get(f"{W}date"))
               for e in root.iter(f"{W}del")]
    return {"ins": inserted, "del": deleted}


def accepted_and_rejected(data: bytes) -> tuple[list[str], list[str]]:
    """The paragraphs as they read when every change is accepted, and when every change is rejected."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    accepted, rejected = [], []
    for p in root.iter(f"{W}p"):
        kept = "".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")
                       if t.tag == f"{W}t")
        old = "".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")
                      if t.getparent().getparent().tag != f"{W}ins")
        accepted.append(kept)
        rejected.append(old)
    return accepted, rejected


def _two_versions(editor):
    plan = _demo_plan(editor)
    snapshot = plans.take_snapshot(plan, "Voor het college", editor.user)
    db.session.commit()
    _set_period(editor, plan, "8")
    return plan, snapshot


def test_changes_docx_has_word_revisions_with_the_changed_words(editor):
    plan, snapshot = _two_versions(editor)
    compare = f"/plannen/{plan.id}/versies/vergelijken?van={snapshot.id}&naar=huidig"
    link = f"/plannen/{plan.id}/verordening/wijzigingen.docx?van={snapshot.id}&amp;naar=huidig"
    assert link in editor.client.get(compare).get_data(as_text=True)
    response = editor.client.get(link.replace("&amp;", "&"))
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    found = revisions(response.data)
    inserted = [text for text, *_ in found["ins"]]
    deleted = [text for text, *_ in found["del"]]
    assert "8" in inserted and "4" in deleted  # "binnen 4 weken" became "binnen 8 weken"
    assert all(author == editor.user.name and when.startswith(str(date.today().year)) for _t, author, when in
               found["ins"] + found["del"])
    # Accepting every change gives the current draft, rejecting them gives the version.
    accepted, rejected = accepted_and_rejected(response.data)
    assert any("binnen 8 weken na de dag" in text for text in accepted)
    assert not any("binnen 4 weken na de dag" in text for text in accepted)
    assert any("binnen 4 weken na de dag" in text for text in rejected)
    assert not any("binnen 8 weken na de dag" in text for text in rejected)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "ordinance.download"))
    assert event.detail["van"] == "Voor het college" and event.detail["naar"] == "Huidige versie"


def test_changes_docx_of_an_unknown_version_is_404(editor):
    plan = _demo_plan(editor)
    assert editor.client.get(f"/plannen/{plan.id}/verordening/wijzigingen.docx?van=999&naar=huidig").status_code == 404
    assert editor.client.get(f"/plannen/{plan.id}/verordening/wijzigingen.docx?van=x").status_code == 404


def test_own_text_box_is_as_tall_as_the_article(editor):
    plan = _demo_plan(editor)
    client = _jurist(editor)
    edit = f"/plannen/{plan.id}/verordening/inspraakprocedure/eigen-tekst"
    html = client.get(edit).get_data(as_text=True)
    rows = int(re.search(r'<textarea[^>]*\brows="(\d+)"', html).group(1))
    assert 'class="utrecht-textarea utrecht-textarea--html-textarea article-text-box"' in html and rows >= 10
    long = "\n".join(f"{n}. Een lid van het artikel." for n in range(1, 31))
    response = helpers.post_form(client, edit, {"body": long + "\n" + "x" * 25_000}, token_from=edit)
    assert response.status_code == 422  # too long: the text stays, and the box grows with it (at most 40 rows)
    assert re.search(r'<textarea[^>]*\brows="40"', response.get_data(as_text=True))


def test_own_text_of_an_article_that_no_longer_appears_is_shown_apart(editor):
    """After a plan change the article is gone: its own text is in no article, but the preview ends with it and the
    check annex of the DOCX lists it, so the jurist's work does not vanish silently."""
    plan = _demo_plan(editor)
    client = _jurist(editor)
    edit = f"/plannen/{plan.id}/verordening/inspraakprocedure/eigen-tekst"
    helpers.post_form(client, edit, {"body": OWN}, token_from=edit)
    url = f"/plannen/{plan.id}/verordening"
    assert "Eigen tekst bij een artikel dat niet meer voorkomt" not in text_of(client.get(url))
    form = dict(_step5_form(plan), **{"q-inspraak_procedure": "awb"})  # no own procedure: the article goes
    assert helpers.save_step(editor.client, plan.id, 5, form).status_code in (200, 302)
    page = text_of(client.get(url))
    assert "Eigen inspraakprocedure" not in page.split("Toelichting")[0]
    orphan = page[page.index("Eigen tekst bij een artikel dat niet meer voorkomt"):]
    assert "hoort bij een artikel dat na een wijziging van de antwoorden niet meer in de verordening staat" in orphan
    assert "Inspraakprocedure Eigen tekst van de jurist (Jan Jurist" in orphan
    assert "1. Ieder kan binnen zes weken een zienswijze geven." in orphan and "Eigen tekst verwijderen" in orphan
    docx = read_docx(client.get(f"{url}.docx").data)
    annex = docx.text()[docx.text().index("Controle van dit concept"):]
    assert "Eigen tekst bij een artikel dat niet meer voorkomt (1)" in annex
    assert "Inspraakprocedure (Jan Jurist, " in annex and OWN.split("\n")[1] in annex
    assert OWN.split("\n")[0] not in docx.text()[:docx.text().index("Controle van dit concept")]
    # The text is kept: back to the own procedure, and it is in its article again, no longer apart.
    helpers.save_step(editor.client, plan.id, 5, dict(form, **{"q-inspraak_procedure": "eigen"}))
    page = text_of(client.get(url))
    assert "Eigen tekst bij een artikel dat niet meer voorkomt" not in page
    assert "Ieder kan binnen zes weken een zienswijze geven." in page.split("Toelichting")[0]
    # Removing it from the section at the end deletes it.
    helpers.save_step(editor.client, plan.id, 5, form)
    helpers.post_form(client, f"{edit}/verwijderen", {}, token_from=url)
    assert db.session.scalar(select(ArticleText)) is None


def test_an_own_text_keeps_its_structure_and_is_checked_like_the_generated_text(editor):
    """Issue 22: leden and onderdelen stay as typed, and the check on the final text reads the own text: a reference
    to an article that does not exist and a list of one reach the preview, the comment and the annex."""
    plan = _demo_plan(editor)
    client = _jurist(editor)
    edit = f"/plannen/{plan.id}/verordening/inspraakprocedure/eigen-tekst"
    own = ("1. Ieder kan binnen zes weken een zienswijze geven over:\n"
           "a. voorgenomen beleid;\n"
           "b. de uitvoering daarvan.\n"
           "2. Het college stelt een verslag op als bedoeld in artikel 99.\n"
           "3. Het verslag bevat:\n"
           "a. de zienswijzen.")
    helpers.post_form(client, edit, {"body": own}, token_from=edit)
    page = text_of(client.get(f"/plannen/{plan.id}/verordening"))
    assert "Artikel 12, lid 2: de verwijzing naar artikel 99 wijst naar een artikel dat niet bestaat." in page
    assert "Artikel 12, lid 3: een opsomming met één onderdeel" in page
    docx = read_docx(client.get(f"/plannen/{plan.id}/verordening.docx").data)
    assert docx.article_block("Artikel 12.") == [
        "1.\tIeder kan binnen zes weken een zienswijze geven over:", "a.\tvoorgenomen beleid;",
        "b.\tde uitvoering daarvan.", "2.\tHet college stelt een verslag op als bedoeld in artikel 99.",
        "3.\tHet verslag bevat:", "a.\tde zienswijzen."]
    assert "artikel 99 wijst naar een artikel dat niet bestaat" in docx.comments["Artikel 12. Eigen inspraakprocedure"]
    annex = docx.text()[docx.text().index("Controle van dit concept"):]
    assert "Status: niet gereed" in annex or "Status: onvolledig" in annex
    assert "artikel 99 wijst naar een artikel dat niet bestaat. — artikel 12" in annex


# --- the jurist's own texts against the generated text (issue 22) ---------------------------------------------------

OWN_VS_GENERATED = "van=gegenereerd&naar=eigen"


def test_compare_page_shows_own_text_against_the_generated_text(editor):
    plan = _demo_plan(editor)
    client = _jurist(editor)
    compare = f"/plannen/{plan.id}/versies/vergelijken?{OWN_VS_GENERATED}"
    assert "De artikelen zijn gelijk." in text_of(client.get(compare))  # no own text: no change
    edit = f"/plannen/{plan.id}/verordening/inspraakprocedure/eigen-tekst"
    helpers.post_form(client, edit, {"body": OWN}, token_from=edit)
    preview = client.get(f"/plannen/{plan.id}/verordening").get_data(as_text=True)
    assert f"/plannen/{plan.id}/versies/vergelijken?{OWN_VS_GENERATED.replace('&', '&amp;')}#artikelen" in preview
    html = client.get(compare).get_data(as_text=True)
    page = text_of(client.get(compare))
    assert "“Gegenereerde tekst” vergeleken met “Eigen teksten van de jurist”" in page
    assert "onderstreept de eigen tekst van de jurist" in page and "Gewijzigde antwoorden" not in page
    sections = re.findall(r'<section class="article-diff[^"]*">(.*?)</section>', html, re.S)
    changed = [s for s in sections if "Eigen inspraakprocedure" in s]
    assert len(changed) == 1 and "gewijzigd" in changed[0]
    inserted = " ".join(re.findall(r"<ins>(.*?)</ins>", changed[0]))
    deleted = " ".join(re.findall(r"<del>(.*?)</del>", changed[0]))
    assert "Ieder" in inserted and "zes" in inserted and "openbaar" in inserted
    assert "4" in deleted and "zes" not in deleted
    assert len(sections) == 1 and "De toelichting is gelijk." in html  # only the article with an own text changed
    link = f"/plannen/{plan.id}/verordening/wijzigingen.docx?{OWN_VS_GENERATED.replace('&', '&amp;')}"
    assert link in html


def test_changes_docx_has_the_own_text_as_word_revisions(editor):
    plan = _demo_plan(editor)
    client = _jurist(editor)
    url = f"/plannen/{plan.id}/verordening/wijzigingen.docx?{OWN_VS_GENERATED}"
    response = client.get(url)
    assert response.status_code == 200
    assert revisions(response.data) == {"ins": [], "del": []}  # no own text: no change
    edit = f"/plannen/{plan.id}/verordening/inspraakprocedure/eigen-tekst"
    helpers.post_form(client, edit, {"body": OWN}, token_from=edit)
    data = client.get(url).data
    found = revisions(data)
    inserted = " ".join(text for text, *_ in found["ins"])
    deleted = " ".join(text for text, *_ in found["del"])
    assert "Ieder" in inserted and "zes" in inserted and "4" in deleted and "zes" not in deleted
    accepted, rejected = accepted_and_rejected(data)
    assert any("Ieder kan binnen zes weken een zienswijze geven." in text for text in accepted)
    assert any("binnen 4 weken na de dag" in text for text in rejected)
    assert not any("binnen 4 weken na de dag" in text for text in accepted)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "ordinance.download")
                              .order_by(AuditEvent.id.desc()))
    assert event.detail["van"] == "Gegenereerde tekst" and event.detail["naar"] == "Eigen teksten van de jurist"


def test_own_text_comparison_refuses_the_wrong_user(editor):
    plan = _demo_plan(editor)
    helpers.make_user("buiten@voorbeeld.nl", "Buiten Staander")
    outsider = editor.client.application.test_client()
    helpers.login(outsider, "buiten@voorbeeld.nl")
    for url in (f"/plannen/{plan.id}/versies/vergelijken?{OWN_VS_GENERATED}",
                f"/plannen/{plan.id}/verordening/wijzigingen.docx?{OWN_VS_GENERATED}"):
        assert outsider.get(url).status_code in (403, 404)
    # the refs only work as this pair: an own text is no version
    for query in ("van=eigen&naar=gegenereerd", "van=gegenereerd&naar=huidig", "van=eigen&naar=huidig"):
        assert editor.client.get(f"/plannen/{plan.id}/verordening/wijzigingen.docx?{query}").status_code == 404
