"""The check on the final text: the articles and the toelichting as they will be printed, own texts included.

The builder's own check (check.py) knows which templates were chosen; this one only reads the words, as a jurist
reads the draft. It therefore also catches what a user or a jurist typed: an own wording inserted as a member, or an
own text that replaces a whole article. Its findings carry kind "tekst", so they can be made again after an own text
was put in place (article_texts.apply).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.services.core.body_types import BODIES
from app.services.ordinance.model import OPEN_START, Article, Finding, Ordinance, plain, segments

KIND = "tekst"
DEFINITIONS_INTRO = "In deze verordening wordt verstaan onder:"
ORDINALS = ["eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende",
            "elfde", "twaalfde"]
_ORDINAL = "|".join(ORDINALS)
#: terms of art that must be defined wherever the articles use them (besides every term the clause library defines)
EXTRA_TERMS = ("kwetsbare groep", "participatieparagraaf", "afrondingsverslag", "eindverslag")
#: finite verbs in the third person singular the clause texts and common own texts use; the plural bodies need the
#: plural form ("gedeputeerde staten stellen", not "stelt")
SINGULAR_VERBS = {
    "kan", "is", "heeft", "wordt", "zal", "mag", "moet", "betrekt", "stelt", "beslist", "laat", "maakt", "legt",
    "deelt", "zendt", "stuurt", "informeert", "evalueert", "zorgt", "reageert", "ondersteunt", "brengt", "weegt",
    "verstrekt", "volgt", "gebruikt", "wijst", "neemt", "beoordeelt", "geeft", "vraagt", "bepaalt", "houdt",
    "vermeldt", "biedt", "publiceert", "kiest", "draagt", "vindt", "doet", "gaat", "komt", "blijft", "besluit",
    "ontvangt", "verzoekt", "meldt", "toetst", "past", "richt", "voert", "werkt", "wint", "hoort", "betaalt",
}
PLURAL_BODIES = ("gedeputeerde staten", "provinciale staten", "burgemeester en wethouders")
#: per body type, the words that mark a text as another body type's
OTHER_BODY_WORDS = {own: re.compile(rf"\b({'|'.join(row.marks for other, row in BODIES.items() if other != own)})\b")
                    for own in BODIES}
#: what a gemeente text may say about other bodies without being the wrong body's text
_ALLOWED_OTHER = re.compile(r"Raad voor het Openbaar Bestuur|[Vv]ereniging van Nederlandse Gemeenten|"
                            r"andere (gemeenten|provincies|waterschappen)|geldt voor gemeenten|aan de gemeenteraad|"
                            r"voor gemeenten|\bgemeenten\b|\b(meer dan )?één gemeente\b")
_EXCEPTION_WORDS = re.compile(r"\b(niet van toepassing|(geldt|gelden) niet|buiten toepassing|hoeft\b.*\bniet|"
                              r"geen participatie|afzien|uitgezonderd|"
                              r"behoudens|met uitzondering van)\b", re.I)
_WHO = re.compile(r"\b(bestuursorgaan|college|raad|gedeputeerde staten|provinciale staten|dagelijks bestuur|"
                  r"algemeen bestuur|burgemeester)\b", re.I)
_RENAMES = re.compile(r"\(hierna[:,]?\s|wordt verstaan onder|wordt (ook )?aangeduid als|hierna te noemen", re.I)
_PLACEHOLDER = re.compile(r"\[[^\]]{0,80}\]|\bPM\b|\bXX+\b|\.\.\.|…")
_AWB_STATUS = re.compile(r"\b(is|zijn) (geen |een )?beschikking(en)?\b|\bgeen beschikking\b", re.I)
#: a member that switches off its whole article, including itself and the members written for the same case
_SELF_NEGATING = re.compile(r"^(Dit artikel|Deze paragraaf|Dit hoofdstuk) (is|zijn) niet van toepassing|"
                            r"^(Dit artikel|Deze paragraaf|Dit hoofdstuk) geldt niet\b")
#: a sentence that declares a decision a beschikking (or not) as a fact, instead of leaving it to art. 1:3 Awb
_STATUS_CLAIM = re.compile(r"\b(is|zijn) (een |geen )?beschikking(en)?\b", re.I)
_STATUS_HEDGE = re.compile(r"^(Of|Is|Zijn|Als|Wanneer|Voor zover)\b|\bin de regel\b|\bvolgt uit artikel 1:3\b")
#: notes for the drafter, never text to adopt
_DRAFTING_NOTE = re.compile(r"\bLET OP\b|\bjuridisch (laten )?toetsen\b|\blaat\b[^.]*\btoetsen\b|niet zonder risico|"
                            r"\bconcepttekst\b|\bconceptverordening\b|\bTODO\b|\bnog uit te zoeken\b", re.I)
#: the toelichting says the ordinance replaces or repeals an older one
_REPEAL_CLAIM = re.compile(r"\bvervangt\b[^.]*\b(inspraakverordening|verordening|regeling)\b|"
                           r"\b(inspraakverordening|regeling)\b[^.]*\bvervangen\b|\bwordt (daarom )?ingetrokken\b|"
                           r"\boude inspraakverordening\b|\bdie zij vervangt\b", re.I)
_REPEAL_ARTICLE = re.compile(r"\bwordt ingetrokken\b|\bworden ingetrokken\b")
#: who holds a right: the groups an article names as those who "kunnen ... indienen" / "kunnen ... doen"
_GRANT = re.compile(r"^(?P<who>[^.;:]*?),? kunnen (een|met een|bij)\b[^.]*\b(indienen|doen)\b")
_RESIDENTS = re.compile(r"\b(ingezetenen|inwoners|bewoners)\b", re.I)
_RESIDENTS_AS_HOLDERS = re.compile(r"\b(ingezetenen|inwoners|bewoners)\b[^.]*?\b(kunnen|krijgen)\b|"
                                   r"\bvoor (ingezetenen|inwoners|bewoners) (moeilijk|mogelijk)\b|"
                                   r"\b(krijgen|kunnen) (ingezetenen|inwoners|bewoners)\b|"
                                   r"\b(bewoners|ingezetenen|inwoners) kennen\b",
                                   re.I)
_DERIVED_RIGHT = re.compile(r"\bDegenen die een \w+ kunnen indienen als bedoeld in artikel (\d+)")
_COMMITTEE_AGENDA = re.compile(r"\b(agenda|vergadering) van een commissie\b")
_DECIDES = re.compile(r"\b(beslist|beslissen)\b[^.;]*\bover (het|de|dit|dat)\b")
#: a text after a colon (or a list item) that does not continue the sentence introducing it
_MISFIT_AFTER_COLON = re.compile(r":\s+(uitgezonderd|behalve|zijn|worden|blijven|niet|geen)\b|"
                                 r"\b(blijven|zijn|worden) uitgezonderd[.;]?$", re.I)
_MISFIT_ITEM = re.compile(r"^(uitgezonderd|behalve|zijn|worden|blijven|niet|geen)\b", re.I)
_OWN_LIST_LINE = re.compile(r"^\s*([a-z])[.)]\s+")
_OWN_MEMBER_LINE = re.compile(r"^\s*(\d+)[.)]\s+")


@dataclass
class _Line:
    article: Article | None  # None: the general part of the toelichting
    text: str
    own: bool
    where: str  # "lid 2", "lid 2, onderdeel b", "toelichting"
    #: the text without the marked open points (those are reported as open points)
    typed: str = ""


def final_text_findings(ordinance: Ordinance) -> list[Finding]:
    """Every finding on the text as printed."""
    known_terms = ordinance.known_terms
    findings: list[Finding] = []

    def add(level: str, message: str, article: Article | None = None) -> None:  # None: not at an article
        findings.append(Finding(level, message, article.key if article else None, kind=KIND))

    lines = _lines(ordinance)
    articles = list(ordinance.articles())
    by_number = {a.number: a for a in articles}
    definitions = next((a for a in articles if a.members and plain(a.members[0].text) == DEFINITIONS_INTRO), None)
    defined = _defined(definitions)
    article_lines = [ln for ln in lines if ln.article is not None and ln.where != "toelichting"
                     and ln.article is not definitions]

    # --- terms ---------------------------------------------------------------------------------------------------
    body_text = "\n".join(ln.text for ln in article_lines)
    lowered = body_text.lower()
    for term in sorted(defined):
        if term.lower() not in lowered or not _term_re(term).search(body_text):
            add("fout", f"Het begrip “{term}” is gedefinieerd maar wordt nergens gebruikt.", definitions)
    for term in sorted((set(known_terms) | set(EXTRA_TERMS)) - set(defined)):
        if term.lower() not in lowered:
            continue
        pattern = _term_re(term)
        if not pattern.search(body_text):
            continue
        users = sorted({ln.article.number for ln in article_lines if pattern.search(ln.text)})
        if users:
            first = by_number[users[0]]
            where = ", ".join(f"artikel {n}" for n in users)
            add("fout", f"Het begrip “{term}” wordt gebruikt ({where}) maar is niet gedefinieerd in "
                        f"{_definitions_name(definitions)}.", first)
    for ln in _candidates(_RENAMES, article_lines):
        if _RENAMES.search(ln.text):
            add("fout", f"{_place(ln)} geeft een begrip een (andere) naam. Begrippen staan alleen in "
                        f"{_definitions_name(definitions)}; gebruik daar en overal dezelfde naam.", ln.article)
    inspraak = defined.get("inspraak", "")
    if "voorgenomen beleid" in inspraak:
        for ln in article_lines:
            if re.search(r"\binspraak\b", ln.text, re.I) and re.search(r"\b(uitvoering|evaluatie)\b", ln.text) \
                    and ln.own:
                add("fout", f"{_place(ln)} geeft inspraak bij de uitvoering of de evaluatie, maar de begripsbepaling "
                            "beperkt inspraak tot voorgenomen beleid. Kies in stap 8 voor inspraak in alle fasen, of "
                            "pas de eigen tekst aan.", ln.article)

    # --- references ----------------------------------------------------------------------------------------------
    for ln in lines:
        for problem in _reference_problems(ln, by_number):
            add("fout", f"{_place(ln)}: {problem}", ln.article)

    # --- placeholders ----------------------------------------------------------------------------------------------
    open_keys = {p.key for p in ordinance.open_points}
    for ln in _candidates(_PLACEHOLDER, lines, typed=True):
        found = _PLACEHOLDER.search(ln.typed)
        if found:
            # "[…]" and "XX" are blanks for certain; an ellipsis may also be a quotation that leaves words out
            certain = found.group(0).startswith("[") or found.group(0).startswith("XX") or found.group(0) == "PM"
            add("fout" if certain else "waarschuwing", f"{_place(ln)} bevat een plek die nog moet worden ingevuld: "
                                                       f"“{found.group(0)}”.", ln.article)
    for article in articles:
        for text in _raw_texts(article):
            for kind, value, key in segments(text):
                if kind == "open" and key not in open_keys:
                    add("fout", f"Artikel {article.number} bevat “{value}”, maar de controle meldt geen open punt "
                                "voor die vraag.", article)

    # --- one-item lists ----------------------------------------------------------------------------------------------
    for article in articles:
        for m in article.members:
            if len(m.parts) == 1 and m.parts[0].letter or m.parts and m.parts[-1].letter == "a":
                where = f"lid {m.number}" if m.number else "het artikel"
                add("fout", f"Artikel {article.number}, {where}: een opsomming met één onderdeel (a. zonder b.). "
                            "Schrijf het als één zin.", article)

    # --- plural bodies, words of another body type, Awb status ----------------------------------------------------
    other = OTHER_BODY_WORDS.get(ordinance.body_type)
    other_hits = bool(other and other.search(_ALLOWED_OTHER.sub("", "\n".join(ln.text for ln in lines))))
    for ln in lines:
        for problem in _agreement_problems(ln.text):
            add("fout", f"{_place(ln)}: {problem}", ln.article)
        if other and other_hits:
            m = other.search(_ALLOWED_OTHER.sub("", ln.text))
            if m:
                add("waarschuwing", f"{_place(ln)} gebruikt “{m.group(0)}”, een woord van een ander soort bestuur "
                                    "dan een "
                            f"{ordinance.body_type}.", ln.article)
    for ln in _candidates(_AWB_STATUS, article_lines):
        if _AWB_STATUS.search(ln.text):
            add("waarschuwing", f"{_place(ln)} verklaart of een beslissing een beschikking is. Dat volgt uit artikel "
                                "1:3 van de Algemene wet bestuursrecht, niet uit de verordening; noem het alleen in de "
                                "toelichting.", ln.article)
    for article in articles:
        explanation = " ".join(article.explanation)
        if re.search(r"\bgeen beschikking\b", explanation) and re.search(r"per geval|\bis een beschikking\b",
                                                                          explanation):
            add("fout", f"De toelichting op artikel {article.number} spreekt zichzelf tegen over de vraag of de "
                        "beslissing een beschikking is.", article)

    # --- a free text that does not fit the sentence introducing it ------------------------------------------------
    for ln in article_lines:
        part = ", onderdeel" in ln.where or (ln.where and not ln.where.startswith("lid"))
        found = _MISFIT_AFTER_COLON.search(ln.text) or (_MISFIT_ITEM.search(ln.text) if "onderdeel" in ln.where
                                                          else None)
        if found and (":" in ln.text or part):
            add("fout", f"{_place(ln)}: de tekst na de dubbele punt past niet in de zin die haar inleidt (“"
                        f"{found.group(0).strip(': ')}”). Formuleer de eigen tekst als opsomming van wat de zin "
                        "noemt, bijvoorbeeld “handhaving; vergunningverlening”.", ln.article)

    # --- a member that switches off its own article ---------------------------------------------------------------
    for ln in article_lines:
        if ln.where.startswith("lid") and "onderdeel" not in ln.where and _SELF_NEGATING.search(ln.text):
            add("fout", f"{_place(ln)} zet het hele artikel buiten toepassing, ook de leden die voor datzelfde geval "
                        "zijn geschreven. Noem het lid waarop de uitzondering ziet (“Het eerste lid is niet van "
                        "toepassing …”).", ln.article)

    # --- the toelichting declares the Awb status of a decision ----------------------------------------------------
    for ln in lines:
        if ln.where == "toelichting" or ln.article is None:
            if not _STATUS_CLAIM.search(ln.text):
                continue
            for sentence in re.split(r"(?<=[.;:])\s+", ln.text):
                if _STATUS_CLAIM.search(sentence) and not _STATUS_HEDGE.search(sentence) \
                        and "volgt uit artikel 1:3" not in ln.text:
                    add("fout", f"{_place(ln)} verklaart dat een beslissing een beschikking is (of niet): “"
                                f"{sentence.strip()}” Of dat zo is, volgt uit artikel 1:3 van de Algemene wet "
                                "bestuursrecht, niet uit de verordening. Schrijf het voorwaardelijk: “Of … een "
                                "beschikking is, volgt uit artikel 1:3 …; is zij dat, dan …”.", ln.article)

    # --- notes for the drafter in the printed text ------------------------------------------------------------------
    for ln in _candidates(_DRAFTING_NOTE, lines):
        found = _DRAFTING_NOTE.search(ln.text)
        if found:
            add("fout", f"{_place(ln)} bevat een aantekening voor wie het concept opstelt (“{found.group(0)}”). "
                        "Zo'n aantekening hoort in een opmerking of in deze controle, niet in de tekst die wordt "
                        "vastgesteld.", ln.article)

    # --- a repeal or replacement claimed without a repeal article -------------------------------------------------
    if not any(_REPEAL_ARTICLE.search(ln.text) for ln in article_lines):
        for ln in lines:
            if ln.where != "toelichting" and ln.article is not None:
                continue
            found = _REPEAL_CLAIM.search(ln.text)
            if found:
                add("fout", f"{_place(ln)} zegt dat de verordening een oudere regeling vervangt of intrekt (“"
                            f"{found.group(0)}”), maar geen artikel trekt een regeling in. Noem in stap 8 de "
                            "regeling die wordt ingetrokken, of laat de toelichting dat niet zeggen.", ln.article)

    # --- the holders of a right: the toelichting must name the same people as the article ----------------------------
    holders: dict[int, bool] = {}  # article number -> residents hold the right
    for article in articles:
        first = article.members[0] if article.members else None
        grant = _GRANT.search(plain(first.text)) if first else None
        if grant and not _DERIVED_RIGHT.search(plain(first.text)):
            holders[article.number] = bool(_RESIDENTS.search(grant.group("who")))
    for article in articles:
        own = holders.get(article.number)
        if own is None:
            derived = next((d for d in (_DERIVED_RIGHT.search(plain(m.text)) for m in article.members) if d), None)
            own = holders.get(int(derived.group(1))) if derived else None
        if own is not False:
            continue
        for paragraph in article.explanation:
            for sentence in re.split(r"(?<=[.;:])\s+", plain(paragraph)):
                if _RESIDENTS_AS_HOLDERS.search(sentence) and not re.search(r"\bgeen\b|\bniet\b", sentence):
                    add("fout",
                        f"De toelichting op artikel {article.number} noemt {_RESIDENTS.search(sentence).group(0)}"
                        f" als houders van het recht (“{sentence.strip()}”), maar het artikel geeft het recht "
                        "niet aan hen. Laat de toelichting de kring van het artikel volgen.", article)

    # --- a committee cannot decide ------------------------------------------------------------------------------------
    for article in articles:
        text = " ".join(t for t in (plain(x) for x in _raw_texts(article)))
        if _COMMITTEE_AGENDA.search(text) and not _DECIDES.search(text[_COMMITTEE_AGENDA.search(text).end():]):
            add("fout", f"Artikel {article.number} brengt een onderwerp op de agenda van een commissie, maar zegt niet "
                        "wie daarna beslist. Een commissie bereidt voor; laat het artikel zeggen dat het "
                        "vertegenwoordigend orgaan beslist.", article)

    # --- own wording -----------------------------------------------------------------------------------------------
    for ln in article_lines:
        if not ln.own:
            continue
        if _EXCEPTION_WORDS.search(ln.text) and "in afwijking van" not in ln.text.lower():
            who = "" if _WHO.search(ln.text) else " en zegt niet wie daarover beslist"
            add("fout", f"{_place(ln)} maakt een uitzondering zonder te zeggen op welke bepaling (“in afwijking van "
                        f"…”){who}.", ln.article)
    return _unique(findings)


def recheck(ordinance: Ordinance) -> None:
    """Make the final-text findings again, after own texts were put in place. A finding the builder's check made
    already (the same message) is not repeated."""
    kept = [f for f in ordinance.findings if f.kind != KIND]
    messages = {f.message for f in kept}
    ordinance.findings = kept + [f for f in final_text_findings(ordinance) if f.message not in messages]


# --- helpers ---------------------------------------------------------------------------------------------------------

def _raw_texts(article: Article) -> list[str]:
    return [t for m in article.members for t in [m.text, *(p.text for p in m.parts)]]


def _lines(ordinance: Ordinance) -> list[_Line]:
    lines = []
    for article in ordinance.articles():
        for m in article.members:
            member = f"lid {m.number}" if m.number else ""
            lines.append(_Line(article, plain(m.text), m.own, member, _typed(m.text)))
            for p in m.parts:
                where = f"{member}, onderdeel {p.letter}" if p.letter else member
                lines.append(_Line(article, plain(p.text), m.own, where.lstrip(", "), _typed(p.text)))
        for paragraph in article.explanation:
            lines.append(_Line(article, plain(paragraph), False, "toelichting", _typed(paragraph)))
    for section in ordinance.general_explanation:
        for paragraph in section.paragraphs:
            lines.append(_Line(None, plain(paragraph), False, section.title, _typed(paragraph)))
    return lines


def _candidates(pattern: re.Pattern, lines: list[_Line], typed: bool = False) -> list[_Line]:
    """The lines worth searching one by one: none when the pattern is nowhere in the text (one search, not 200)."""
    joined = "\n".join(ln.typed if typed else ln.text for ln in lines)
    if pattern is _PLACEHOLDER and not any(c in joined for c in ("[", "PM", "XX", "...", "…")):
        return []
    return lines if pattern.search(joined) else []


def _typed(text: str) -> str:
    if OPEN_START not in text:
        return text
    return "".join(value for kind, value, _ in segments(text) if kind == "text")


def _place(ln: _Line) -> str:
    if ln.article is None:
        return f"De algemene toelichting (“{ln.where}”)"
    if ln.where == "toelichting":
        return f"De toelichting op artikel {ln.article.number}"
    return f"Artikel {ln.article.number}" + (f", {ln.where}" if ln.where else "")


def _defined(article: Article | None) -> dict[str, str]:
    if article is None:
        return {}
    terms = {}
    for m in article.members:
        for p in m.parts:
            term, sep, text = plain(p.text).partition(":")
            if sep:
                terms[term.strip()] = text.strip()
    return terms


def _definitions_name(article: Article | None) -> str:
    return f"artikel {article.number}" if article else "de begripsbepalingen"


def _term_re(term: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(term)}(en|s|n|nen)?\b", re.I)


_ARTICLE_REF = re.compile(rf"\bartikel (\d+)(?![.:]\d)(?:, ({_ORDINAL}) lid)?(?:, onderdeel ([a-z]))?"
                          rf"(?!(?:, \w+ lid)?,? van (?:de|het) [A-Z])", re.I)
_MEMBER_REF = re.compile(rf"(?<!\d, )\b(?:het |dit )?({_ORDINAL}) lid\b(?!,? van (?:de|het|deze) [A-Z])", re.I)


def _reference_problems(ln: _Line, by_number: dict[int, Article]) -> list[str]:
    problems: list[str] = []
    text = ln.text
    if " lid" not in text and "artikel" not in text:
        return problems
    for m in _ARTICLE_REF.finditer(text):
        number = int(m.group(1))
        target = by_number.get(number)
        if target is None:
            problems.append(f"de verwijzing naar artikel {number} wijst naar een artikel dat niet bestaat.")
            continue
        if m.group(2):
            lid = ORDINALS.index(m.group(2).lower()) + 1
            if _member_count(target) < lid:
                problems.append(f"de verwijzing naar artikel {number}, {m.group(2)} lid, wijst naar een lid dat niet "
                                "bestaat.")
    stripped = _ARTICLE_REF.sub("", text)
    for m in _MEMBER_REF.finditer(stripped):
        lid = ORDINALS.index(m.group(1).lower()) + 1
        if ln.article is not None and _member_count(ln.article) < lid:
            problems.append(f"de verwijzing naar het {m.group(1)} lid wijst naar een lid dat dit artikel niet heeft.")
    return problems


def _member_count(article: Article) -> int:
    numbered = [m for m in article.members if m.number]
    return len(numbered) if numbered else 1


_PLURAL_BODY = re.compile(rf"\b({'|'.join(PLURAL_BODIES)})\b", re.I)
_PREPOSITIONS = {"dan", "aan", "van", "door", "bij", "voor", "met", "tot", "en", "of"}
_AND_WORD = re.compile(r"\ben (\w+)\b")
_CLAUSE_END = re.compile(r"[;:.]")


def _agreement_problems(text: str) -> list[str]:
    """A plural body (gedeputeerde staten, provinciale staten, burgemeester en wethouders) with a singular verb: right
    after it ("gedeputeerde staten betrekt"), later in the same clause ("… gebruiken … en betrekt") or before it at
    the start of a sentence or clause ("Beslist provinciale staten")."""
    problems: list[str] = []
    if "staten" not in text and "Staten" not in text and "wethouders" not in text:
        return problems
    for m in _PLURAL_BODY.finditer(text):
        body = m.group(1).lower()
        before = text[:m.start()].rstrip()
        previous = before.rsplit(" ", 1)[-1] if before else ""
        if previous.lower() in _PREPOSITIONS:
            continue  # the body is an object here ("aan provinciale staten", "dan gedeputeerde staten")
        if previous.lower() in SINGULAR_VERBS:
            ahead = before[:-len(previous)].rstrip()
            if not ahead or ahead[-1] in ",.;:":
                problems.append(f"“{previous} {body}”: {body} is meervoud; het werkwoord ook.")
            continue
        end = _CLAUSE_END.search(text, m.end())
        clause = text[m.end():end.start() if end else len(text)]
        words = clause.split()
        if not words:
            continue
        first = words[0].strip(",")
        if first in SINGULAR_VERBS:
            problems.append(f"“{body} {first}”: {body} is meervoud; het werkwoord ook.")
            continue
        if not first.endswith("en"):
            continue  # another construction ("gedeputeerde staten van …"): no verb to check here
        later = next((w.group(1) for w in _AND_WORD.finditer(clause) if w.group(1) in SINGULAR_VERBS), None)
        if later:
            problems.append(f"“{body} {first} … en {later}”: bij een meervoudig onderwerp hoort ook het tweede "
                            "werkwoord in het meervoud.")
    return problems


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.level, f.message, f.article_key)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def own_members(body: str) -> list[tuple[int | None, str, list[tuple[str, str]]]]:
    """An own article text as the jurist typed it: "1." starts a member, "a." a part of the member above; other lines
    continue the member (a text without numbers is one member per line)."""
    members: list[tuple[int | None, str, list[tuple[str, str]]]] = []
    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            continue
        number = _OWN_MEMBER_LINE.match(line)
        part = _OWN_LIST_LINE.match(line)
        if number:
            members.append((int(number.group(1)), line[number.end():].strip(), []))
        elif part and members:
            members[-1][2].append((part.group(1), line[part.end():].strip()))
        else:
            members.append((None, line, []))
    return members
