"""The HTML of a question of the wizard or a project document. Each question type renders itself: its macro, named
after the type (QuestionType.macro), is in templates/questions/_types.html; the label, help, error and condition
around it in templates/questions/_question.html. This module gives those templates their helpers and keeps a step's
form per process (step_questions), so a page opened again is not rendered again.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from flask import current_app
from markupsafe import Markup, escape

from app import content
from app.i18n import translations
from app.services.core import dates, months
from app.services.questions.questions import field_name, is_empty


def described_by(id: str, question, errors: dict) -> Markup:
    """The attributes that tie a question's input to its help text and error message (templates/_form.html)."""
    error = errors.get(id)
    ids = ([f"{id}-help"] if question.help else []) + ([f"{id}-error"] if error else [])
    return Markup((f' aria-describedby="{escape(" ".join(ids))}"' if ids else "") +
                  (' aria-invalid="true"' if error else ""))


def _shown(value: Any, read: Callable, write: Callable) -> Any:
    """A stored value as people write it; what the user typed (a refused value) as it was typed."""
    found = read(value) if value is not None else None
    return write(found) if found is not None else value


def _stored_month(value: Any) -> str | None:
    return value if months.is_month(value) else None


#: what the question templates use besides the app's own template globals
TEMPLATE_GLOBALS: dict[str, Callable] = {
    "field_name": field_name, "is_empty": is_empty,
    "shown_date": lambda value: _shown(value, dates.as_date, dates.format_date),
    "shown_month": lambda value: _shown(value, _stored_month, months.label),
    "find_question": lambda key: content.handreiking().find_question(key)}


def _macros():
    return current_app.jinja_env.get_template("questions/_question.html").module


def type_macros() -> dict[str, Any]:
    """The macros of templates/questions/_types.html by name (for a check that every type has its macro)."""
    module = current_app.jinja_env.get_template("questions/_types.html").module
    return {name: getattr(module, name) for name in dir(module) if not name.startswith("_")}


def question(q, values: dict, errors: dict, step, visible: bool, blank_rows: int = 2,
             choices: dict | None = None, required_note: str | None = None) -> Markup:
    """A whole question: its wrapper (shown or hidden by its condition), label or legend, help, error and input.
    `required_note` marks a required question where it is not a step of the plan (a project's documents)."""
    return Markup(_macros().question(q, values, errors, step, visible, blank_rows, {} if choices is None else choices,
                                     required_note))


#: a form whose answers take more than this (as JSON) is rendered every time, so 128 kept forms stay a few megabytes
KEEP_ANSWERS_UP_TO = 64_000

# ---- all questions of a step page ----------------------------------------------------------------------------------

def step_questions(step, values: dict, errors: dict, blank_rows: int, choices: dict, prefilled: set[str]) -> Markup:
    """The questions of a step's form, each after its "from the existing ordinance" note if it has one.

    A form without errors is kept per process (the last 128): opened again by a colleague, after "Terug" or after a
    save of another step, it is not rendered again. The key holds everything the HTML depends on (the step, the
    language, the answers, the choices from other steps, the pre-fill marks, the macros as loaded: a template edited
    while the app runs in debug mode is loaded again), so a kept form is never out of date;
    a worker without it renders the same page. Very large answers are not kept (KEEP_ANSWERS_UP_TO)."""
    macros = _macros()
    answers = json.dumps(values, sort_keys=True, default=str) if not errors else ""
    if errors or len(answers) > KEEP_ANSWERS_UP_TO:
        return Markup(macros.step_questions(step, values, errors, blank_rows, choices, prefilled))
    return _kept_step_questions(
        _Key(id(macros), macros), _Key(id(step), step), _Key(id(language := translations()), language),
        _Key(answers, values), blank_rows,
        _Key(tuple(sorted((key, tuple(options)) for key, options in choices.items())), choices), frozenset(prefilled))


class _Key:
    """A part of a cache key: compared by `key`, carrying the object itself for the rendering. An object compared by
    its id (the macros, a step, the translations) stays alive as long as its entry, so the id cannot be reused meanwhile."""
    __slots__ = ("key", "obj")

    def __init__(self, key, obj):
        self.key, self.obj = key, obj

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Key) and other.key == self.key


@lru_cache(maxsize=128)
def _kept_step_questions(macros: _Key, step: _Key, language: _Key, values: _Key, blank_rows: int, choices: _Key,
                         prefilled: frozenset) -> Markup:
    return Markup(macros.obj.step_questions(step.obj, values.obj, {}, blank_rows, choices.obj, prefilled))
