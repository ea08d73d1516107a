"""The clause library's conditions and texts checked against the guide's questions, once at start-up.

A clause names answers as `a.key`, `has('key', 'option')`, `answer('key')`, `open('key')` and so on, and compares
them with option values (`a.key == 'option'`, `a.key in ['x', 'y']`). A misspelled key or option would silently read
as "not answered"; here it stops the start with the file and the condition.
"""
from __future__ import annotations

from typing import Any, Iterator

from jinja2 import TemplateSyntaxError, nodes

from app.services.ordinance.library import ClauseLibrary, LibraryError, make_environment
from app.services.questions.handreiking import Handreiking, Question

#: the template helpers whose first argument is a question key
KEY_HELPERS = {"answer", "label", "open", "datum", "eigen", "item", "has"}
_COMPARISONS = {"eq", "ne", "in", "notin"}


def check_conditions(library: ClauseLibrary, handreiking: Handreiking) -> None:
    """Raise LibraryError naming the file, the place and the condition for the first unknown key or option."""
    env = make_environment()
    for source, where, text in library.sources:
        try:
            tree = library.trees.get(text) or env.parse(text)
        except TemplateSyntaxError:  # already reported by the library itself; never reached with a loaded library
            continue
        for key, option in _references(tree):
            problem = _problem(handreiking, key, option)
            if problem:
                raise LibraryError(f"{source}: {where}: {problem} in “{_short(text)}”")
    for chapter in library.chapters:
        for article in chapter.articles:
            for name, keys in (("decided_by", article.decided_by), ("own_text", article.own_text)):
                for key in keys:
                    problem = _problem(handreiking, key, None)
                    if problem:
                        raise LibraryError(f"{article.source}: artikel '{article.key}', {name}: {problem}")


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _question(handreiking: Handreiking, key: str) -> Question | None:
    found = handreiking.find_question(key)
    if found is None:
        return None
    question = found[1]
    if key == question.key or key == question.other_key and question.allow_other:
        return question
    return None


def _problem(handreiking: Handreiking, key: str, option: Any) -> str | None:
    question = _question(handreiking, key)
    if question is None:
        return f"onbekende vraag '{key}'"
    if option is None or key != question.key or not isinstance(option, str):
        return None
    if question.options and option not in {o.value for o in question.options}:
        return f"'{option}' is geen optie van vraag '{key}'"
    return None


def _answer_key(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "a":
        return node.attr
    if isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name) and node.node.name == "a" \
            and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
        return node.arg.value
    return None


def _constants(node: nodes.Node) -> list[Any] | None:
    if isinstance(node, nodes.Const):
        return [node.value]
    if isinstance(node, (nodes.List, nodes.Tuple)) and all(isinstance(i, nodes.Const) for i in node.items):
        return [i.value for i in node.items]
    return None


def _references(tree: nodes.Node) -> Iterator[tuple[str, Any]]:
    """Every (key, option or None) the template names."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Call, nodes.Compare)):
        key = _answer_key(node)
        if key is not None:
            yield key, None
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in KEY_HELPERS \
                and node.args and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
            yield node.args[0].value, None
            if node.node.name == "has" and len(node.args) > 1 and isinstance(node.args[1], nodes.Const):
                yield node.args[0].value, node.args[1].value
        elif isinstance(node, nodes.Compare) and len(node.ops) == 1 and node.ops[0].op in _COMPARISONS:
            key = _answer_key(node.expr)
            values = _constants(node.ops[0].expr)
            if key is not None and values is not None:
                for value in values:
                    yield key, value
