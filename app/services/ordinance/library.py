"""The clause library in ordinance_templates/: chapters, articles, variants and the conditions that select them.

Templates and conditions are parsed when the library loads (a syntax error stops the start, naming the file and the
place) and compiled to Python once, the first time a document uses them: compiling all of them at start-up took a
quarter of a cold start.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.environment import TemplateExpression
from jinja2.parser import Parser
from jinja2.sandbox import SandboxedEnvironment

from app.services.core import yaml_files
from app.services.ordinance.wording import capfirst

COVERABLE = {"voorbereiding", "uitvoering", "evaluatie", "inspraak", "uitdaagrecht"}


class LibraryError(Exception):
    """The clause library has a mistake; the message names the file and the place."""


def make_environment() -> SandboxedEnvironment:
    # autoescape off: the output is a document model, not HTML; the HTML preview escapes on its own.
    env = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=False)
    env.filters["capfirst"] = capfirst
    return env


@dataclass
class Text:
    """A template with an optional condition."""
    template: Any
    when: Callable | None
    source: str


@dataclass
class PartDef:
    text: Text


@dataclass
class MemberDef:
    text: Text
    parts: list[PartDef]


@dataclass
class DefinitionDef:
    term: str
    text: Text


@dataclass
class ArticleDef:
    key: str
    title: Any  # a template: a title may follow the body type
    when: Callable | None
    covers: list[str]
    decided_by: list[str]
    definitions: list[DefinitionDef]
    members: list[MemberDef]
    explanation: Any
    source: str
    #: choices whose own wording ("anders") becomes a member of this article, so it changes the rule itself
    own_text: list[str] = field(default_factory=list)


@dataclass
class ChapterDef:
    key: str
    title: str
    when: Callable | None
    articles: list[ArticleDef]
    source: str


@dataclass
class SectionDef:
    title: str
    text: Text


@dataclass
class ClauseLibrary:
    title: Any
    aanhef: list[Text]
    signing: list[Text]
    general_explanation: list[SectionDef]
    chapters: list[ChapterDef] = field(default_factory=list)
    #: every condition and template as written, as (file, place, source): checked against the questions at start-up
    sources: list[tuple[str, str, str]] = field(default_factory=list)
    #: the parse tree of each template's source, kept from loading for that check
    trees: dict[str, Any] = field(default_factory=dict, repr=False)

    def article_keys(self) -> set[str]:
        return {a.key for c in self.chapters for a in c.articles}

    def defined_terms(self) -> set[str]:
        return {d.term for c in self.chapters for a in c.articles for d in a.definitions}


class _Static:
    """A text without template syntax; renders to itself, as Jinja would (a trailing newline dropped)."""
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text[:-1] if text.endswith("\n") else text

    def render(self, **_context: Any) -> str:
        return self.text


class _Lazy:
    """A template parsed at load time and compiled the first time it renders. The parse tree is kept for the check
    of its conditions against the questions (conditions.py), so the text is parsed only once."""
    __slots__ = ("env", "tree", "_template")

    def __init__(self, env: SandboxedEnvironment, tree: nodes.Template):
        self.env, self.tree, self._template = env, tree, None

    def render(self, **context: Any) -> str:
        if self._template is None:
            self._template = self.env.from_string(self.tree)
        return self._template.render(**context)


class _LazyCondition:
    """A condition ("when") parsed at load time and compiled the first time it is evaluated; called like the
    expression Environment.compile_expression(source, undefined_to_none=False) returns."""
    __slots__ = ("env", "tree", "_expression")

    def __init__(self, env: SandboxedEnvironment, tree: nodes.Template):
        self.env, self.tree, self._expression = env, tree, None

    def __call__(self, **context: Any) -> Any:
        if self._expression is None:
            self._expression = TemplateExpression(self.env.from_string(self.tree), undefined_to_none=False)
        return self._expression(**context)


class _Compiler:
    def __init__(self, env: SandboxedEnvironment, source: str, sources: list[tuple[str, str, str]],
                 trees: dict[str, nodes.Template]):
        self.env, self.source, self.sources, self.trees = env, source, sources, trees

    def template(self, raw: Any, where: str) -> Any:
        if not isinstance(raw, str):
            raise LibraryError(f"{self.source}: {where}: tekst ontbreekt of is geen tekst")
        if "{" not in raw:
            return _Static(raw)  # most members and titles: no need to start Jinja for them
        self.sources.append((self.source, where, raw))
        try:
            tree = self.env.parse(raw)
        except TemplateSyntaxError as exc:
            raise LibraryError(f"{self.source}: {where}: fout in de tekst (regel {exc.lineno}: {exc.message})") from exc
        self.trees[raw] = tree
        return _Lazy(self.env, tree)

    def condition(self, raw: Any, where: str) -> Callable | None:
        if raw is None:
            return None
        text = "{{ " + str(raw) + " }}"
        self.sources.append((self.source, f"{where}, voorwaarde", text))
        try:  # as Environment.compile_expression parses, without compiling yet
            parser = Parser(self.env, str(raw), state="variable")
            expression = parser.parse_expression()
            if not parser.stream.eos:
                raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno, None, None)
        except TemplateSyntaxError as exc:
            raise LibraryError(f"{self.source}: {where}: fout in de voorwaarde '{raw}' ({exc.message})") from exc
        expression.set_environment(self.env)
        tree = nodes.Template([nodes.Assign(nodes.Name("result", "store"), expression, lineno=1)], lineno=1)
        self.trees[text] = tree
        return _LazyCondition(self.env, tree)

    def text(self, raw: Any, where: str) -> Text:
        if isinstance(raw, str):
            raw = {"text": raw}
        if not isinstance(raw, dict):
            raise LibraryError(f"{self.source}: {where}: verwacht 'text' (en eventueel 'when')")
        return Text(self.template(raw.get("text"), where), self.condition(raw.get("when"), where), self.source)


def _read_yaml(path: Path) -> Any:
    if not path.exists():
        raise LibraryError(f"{path.name}: bestand ontbreekt")
    try:
        return yaml_files.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LibraryError(f"{path.name}: geen geldige YAML ({exc})") from exc


def load_library(folder: str | Path) -> ClauseLibrary:
    folder = Path(folder)
    env = make_environment()
    meta = _read_yaml(folder / "ordinance.yaml")
    if not isinstance(meta, dict):
        raise LibraryError("ordinance.yaml: verwacht title, aanhef, signing, general_explanation en chapters")
    sources: list[tuple[str, str, str]] = []
    trees: dict[str, nodes.Template] = {}
    c = _Compiler(env, "ordinance.yaml", sources, trees)
    for required in ("title", "aanhef", "signing", "general_explanation", "chapters"):
        if required not in meta:
            raise LibraryError(f"ordinance.yaml: '{required}' ontbreekt")
    library = ClauseLibrary(
        title=c.template(meta["title"], "title"),
        aanhef=[c.text(line, f"aanhef regel {i}") for i, line in enumerate(meta["aanhef"], 1)],
        signing=[c.text(line, f"signing regel {i}") for i, line in enumerate(meta["signing"], 1)],
        general_explanation=[SectionDef(str(s.get("title", "")), c.text(s, f"general_explanation '{s.get('title')}'"))
                             for s in meta["general_explanation"]],
        sources=sources, trees=trees,
    )
    seen: dict[str, str] = {}
    for name in meta["chapters"]:
        library.chapters.append(_load_chapter(folder / name, env, seen, sources, trees))
    _check_references(library, folder)
    return library


def _load_chapter(path: Path, env: SandboxedEnvironment, seen: dict[str, str],
                  sources: list[tuple[str, str, str]], trees: dict[str, nodes.Template]) -> ChapterDef:
    data = _read_yaml(path)
    c = _Compiler(env, path.name, sources, trees)
    if not isinstance(data, dict) or not data.get("key") or not data.get("title"):
        raise LibraryError(f"{path.name}: een hoofdstuk heeft 'key' en 'title' nodig")
    articles = []
    for i, raw in enumerate(data.get("articles") or [], 1):
        if not isinstance(raw, dict) or not raw.get("key") or not raw.get("title"):
            raise LibraryError(f"{path.name}: artikel {i} heeft 'key' en 'title' nodig")
        key = str(raw["key"])
        where = f"artikel '{key}'"
        if key in seen:
            raise LibraryError(f"{path.name}: {where} bestaat ook in {seen[key]}")
        seen[key] = path.name
        covers = list(raw.get("covers") or [])
        unknown = set(covers) - COVERABLE
        if unknown:
            raise LibraryError(f"{path.name}: {where}: onbekend onderdeel in covers: {', '.join(sorted(unknown))}")
        members = []
        for j, m in enumerate(raw.get("members") or [], 1):
            member_text = c.text(m, f"{where}, lid {j}")
            parts = [PartDef(c.text(p, f"{where}, lid {j}, onderdeel {k}"))
                     for k, p in enumerate((m.get("parts") if isinstance(m, dict) else None) or [], 1)]
            members.append(MemberDef(member_text, parts))
        definitions = []
        for d in raw.get("definitions") or []:
            if not isinstance(d, dict) or not d.get("term"):
                raise LibraryError(f"{path.name}: {where}: elke definitie heeft 'term' en 'text' nodig")
            definitions.append(DefinitionDef(str(d["term"]), c.text(d, f"{where}, definitie '{d['term']}'")))
        if not members and not definitions:
            raise LibraryError(f"{path.name}: {where} heeft geen leden")
        if not raw.get("explanation"):
            raise LibraryError(f"{path.name}: {where} heeft geen toelichting ('explanation')")
        articles.append(ArticleDef(
            key=key, title=c.template(str(raw["title"]), f"{where}, titel"), when=c.condition(raw.get("when"), where),
            covers=covers,
            decided_by=[str(k) for k in raw.get("decided_by") or []], definitions=definitions, members=members,
            explanation=c.template(raw["explanation"], f"{where}, toelichting"), source=path.name,
            own_text=[str(k) for k in raw.get("own_text") or []],
        ))
    return ChapterDef(str(data["key"]), str(data["title"]), c.condition(data.get("when"), "hoofdstuk"), articles,
                      path.name)


_REF_RE = re.compile(r"ref\(\s*['\"]([^'\"]+)['\"]\s*\)")
_TERM_RE = re.compile(r"term\(\s*['\"]([^'\"]+)['\"]\s*\)")


def _check_references(library: ClauseLibrary, folder: Path) -> None:
    """Every ref() must name an article and every term() a defined term, whatever the answers are."""
    keys, terms = library.article_keys(), library.defined_terms()
    for path in sorted(folder.glob("*.yaml")):
        raw = path.read_text(encoding="utf-8")
        for ref in _REF_RE.findall(raw):
            if ref not in keys:
                raise LibraryError(f"{path.name}: ref('{ref}') verwijst naar een artikel dat niet bestaat")
        for term in _TERM_RE.findall(raw):
            if term not in terms:
                raise LibraryError(f"{path.name}: term('{term}') is niet gedefinieerd")
