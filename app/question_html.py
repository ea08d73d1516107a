"""The HTML of a question of the wizard or a project document: label, help, error and the input of its type.

These were Jinja macros (templates/questions/_inputs.html); a step page called some 23 of them, and rendering them
took most of the page's time. Python strings are several times faster. The HTML is byte for byte what the macros
made (whitespace included), so the pages did not change. Every value from a user or a content file goes through
escape(); translated texts are Markup with escaped parameters, as Jinja's gettext makes them.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from numbers import Number
from typing import Any

from markupsafe import Markup, escape

from app import content
from app.i18n import translations
from app.services.core import dates, months
from app.services.core.numbers import format_euros
from app.services.questions.questions import is_empty


def described_by(id: str, question, errors: dict) -> Markup:
    """The attributes that tie a question's input to its help text and error message (templates/_form.html)."""
    error = errors.get(id)
    ids = ([f"{id}-help"] if question.help else []) + ([f"{id}-error"] if error else [])
    return Markup((f' aria-describedby="{escape(" ".join(ids))}"' if ids else "") +
                  (' aria-invalid="true"' if error else ""))


def _(text: str, /, **params: Any) -> Markup:
    """A translated interface text, as `_()` in a template gives it: the text is trusted, its parameters escaped."""
    return Markup(translations().ugettext(text)) % params


def _value(value: Any) -> Markup | str:
    return "" if value is None else escape(value)


def _invalid(errors: dict, id: str, css: str) -> str:
    return f" {css}--invalid" if errors.get(id) else ""


# ---- the input of each type (one per type name) -------------------------------------------------------------------

def _textbox(q, id, name, shown, errors, *, kind: str = "text", css: str = "", before_id: str = "",
             after_value: str = "", lead: str = "\n\n") -> str:
    """An <input> of the textbox family: text, number, date, month and money differ only in these parts."""
    return (f'{lead}<input class="utrecht-textbox utrecht-textbox--html-input{css}'
            f'{_invalid(errors, id, "utrecht-textbox")}" type="{kind}" {before_id}id="{escape(id)}" '
            f'name="{escape(name)}" value="{shown}"{after_value}{described_by(id, q, errors)}>\n\n')


def _text(q, id, name, value, errors, choices=None) -> str:
    return _textbox(q, id, name, _value(value), errors)


def _long_text(q, id, name, value, errors, choices=None) -> str:
    return (f'\n\n<textarea class="utrecht-textarea utrecht-textarea--html-textarea'
            f'{_invalid(errors, id, "utrecht-textarea")}" id="{escape(id)}" name="{escape(name)}" rows="5"'
            f'{described_by(id, q, errors)}>{_value(value)}</textarea>\n\n')


def _number(q, id, name, value, errors, choices=None) -> str:
    return _textbox(q, id, name, _value(value), errors, css=" utrecht-textbox--numeric",
                    before_id='inputmode="numeric" ')


def _date(q, id, name, value, errors, choices=None) -> str:
    # A text box, not the browser's picker: people type "12 januari 2027" or "12-1-2027", and it shows as it is written.
    return _textbox(q, id, name, _value(_shown(value, dates.as_date, dates.format_date)), errors,
                    after_value=f' placeholder="{_("bijv. 12 januari 2027")}"')


def _month(q, id, name, value, errors, choices=None) -> str:
    return _textbox(q, id, name, _value(_shown(value, _stored_month, lambda m: months.label(m))), errors,
                    css=" list-table__month", lead="\n\n\n", after_value=f' placeholder="{_("bijv. maart 2027")}"')


def _stored_month(value: Any) -> str | None:
    return value if months.is_month(value) else None


def _shown(value: Any, read: Callable, write: Callable) -> Any:
    """A stored value as people write it; what the user typed (a refused value) as it was typed."""
    found = read(value) if value is not None else None
    return write(found) if found is not None else value


def _money(q, id, name, value, errors, choices=None) -> str:
    shown = "" if value is None else escape(format_euros(value)[2:] if isinstance(value, Number) else value)
    return _textbox(q, id, name, shown, errors, css=" utrecht-textbox--numeric", before_id='inputmode="decimal" ',
                    after_value=f' placeholder="{_("bijv. 12.500")}"')


def _options(options, value) -> str:
    return "".join(f'<option value="{escape(o.value)}"{" selected" if value == o.value else ""}>{escape(o.label)}'
                   f'</option>' for o in options)


def _select(q, id, name, errors) -> str:
    return (f'<select class="utrecht-select utrecht-select--html-select{_invalid(errors, id, "utrecht-select")}" '
            f'id="{escape(id)}" name="{escape(name)}"{described_by(id, q, errors)}>\n'
            f'  <option value="">{_("— Nog niet gekozen —")}</option>\n  ')


def _choice(q, id, name, value, errors, choices=None) -> str:
    return f'\n\n{_select(q, id, name, errors)}{_options(q.options, value)}\n</select>\n\n'


def _answer_choice(q, id, name, value, errors, choices=None) -> str:
    options = choices if choices is not None else []
    earlier = ""
    if value and value not in [o.value for o in options]:
        earlier = (f'<option value="{escape(value)}" selected>'
                   f'{_("eerder ingevuld: %(text)s", text=q.option_label(value))}</option>')
    return f'\n\n\n{_select(q, id, name, errors)}{_options(options, value)}\n  {earlier}\n</select>\n\n'


# ---- the types that render inside a fieldset ----------------------------------------------------------------------

def _multi_choice(q, id, value, values, errors, blank_rows, choices) -> str:
    boxes = "".join(
        f'\n    <div class="utrecht-form-field utrecht-form-field--checkbox">\n'
        f'      <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="{escape(id)}-{i}" '
        f'name="{escape(id)}" value="{escape(o.value)}"{" checked" if value and o.value in value else ""}>\n'
        f'      <label class="utrecht-form-label" for="{escape(id)}-{i}">{escape(o.label)}</label>\n    </div>\n    '
        for i, o in enumerate(q.options, start=1))
    return f"\n    {boxes}\n    {other_wording(q, values, errors)}\n  "


def _yes_no(q, id, value, values, errors, blank_rows, choices) -> str:
    radios = "".join(
        f'\n    <div class="utrecht-form-field utrecht-form-field--radio">\n'
        f'      <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="{escape(id)}-{v}" '
        f'name="{escape(id)}" value="{v}"\n        '
        f'{" checked" if (value is True and v == "ja") or (value is False and v == "nee") or value == v else ""}>\n'
        f'      <label class="utrecht-form-label" for="{escape(id)}-{v}">{label}</label>\n    </div>\n    '
        for v, label in (("ja", _("Ja")), ("nee", _("Nee"))))
    return f"\n    {radios}\n  "


def _no_choices_hint(f) -> str:
    """An answer_choice field whose question (in an earlier step) has no answer yet: say so, and link that step.
    The link is relative to the step page (/plannen/<plan>/stap/<n>), the only page that renders a list's fields."""
    source_step, source = content.handreiking().find_question(f.options_from)
    number = source_step.number
    says = _("Bij “%(field)s” kiest u uit uw antwoord op “%(question)s” in stap %(number)s. Daar staat nog niets, "
             "dus er is nu niets te kiezen.", field=f.label, question=source.label, number=number)
    link = _("Vul eerst stap %(number)s in", number=number)
    return (f'\n    <p class="utrecht-paragraph hint no-choices">{says} <a class="utrecht-link" '
            f'href="{number}#vraag-{escape(source.key)}">{link}</a>. {_("Wat hier al staat, blijft bewaard.")}</p>\n    ')


def _list(q, id, value, values, errors, blank_rows, choices) -> str:
    rows = value or []
    hints = "".join(_no_choices_hint(f) for f in q.fields
                    if f.type == "answer_choice" and choices.get(f"{q.key}.{f.key}") == [])
    fields = [f for f in q.fields if not f.is_legacy]
    # More than four fields do not fit side by side beside the guide: then every row is a card.
    cards = " list-table--cards" if len(fields) > 4 else ""
    heads = "".join(f'<th class="utrecht-table__header-cell" scope="col" id="{escape(id)}-kop-{escape(f.key)}">'
                    f'{escape(f.label)}{" *" if f.required else ""}</th>' for f in fields)
    body = "".join(f"\n        {_list_row(q, i, rows[i] if i < len(rows) else {}, errors, choices)}\n      "
                   for i in range(len(rows) + blank_rows))
    return (f'\n    \n    {hints}\n    <input type="hidden" name="{escape(id)}-rows" value="{len(rows) + blank_rows}" '
            f'data-row-count><table class="utrecht-table utrecht-table--html-table list-table{cards}" '
            f'data-list="{escape(q.key)}">\n'
            f'      <caption class="utrecht-table__caption visually-hidden">{escape(q.label)}</caption>\n'
            f'      <thead class="utrecht-table__header"><tr class="utrecht-table__row">\n'
            f'        <th class="utrecht-table__header-cell" scope="col">#</th>\n        {heads}\n'
            f'        <th class="utrecht-table__header-cell" scope="col"><span class="visually-hidden">'
            f'{_("Rij verwijderen")}</span></th>\n      </tr></thead>\n      <tbody class="utrecht-table__body">\n'
            f'      {body}\n      </tbody>\n    </table>\n'
            f'    <template data-row-template>{_list_row(q, 0, {}, {}, choices)}</template>\n'
            f'    <p class="utrecht-paragraph hint">{_("Lege rijen worden niet bewaard.")}\n'
            f'      <span data-without-script>{_("Meer rijen nodig? Sla op; er komen dan nieuwe lege rijen bij.")}'
            f'</span></p>\n    <button type="button" class="utrecht-button utrecht-button--secondary-action" '
            f'data-add-row hidden>{_("Rij toevoegen")}</button>\n  ')


def _list_row(q, i: int, row: dict, errors: dict, choices: dict) -> str:
    """One row of a list question. Field names carry the row index (q-<key>-<i>-<field>); app.js renumbers them
    after "Rij toevoegen" or "Rij verwijderen", so the posted rows are always 0 .. count-1."""
    number = i + 1
    cells = []
    for f in q.fields:
        if f.is_legacy:
            continue
        fid = f"q-{q.key}-{i}-{f.key}"
        error = errors.get(fid)
        error_html = (f'<div class="utrecht-form-field-error-message" id="{escape(fid)}-error">{escape(error)}</div>'
                      if error else "")
        # An answer saved before this field existed stays visible (and is posted back) until its new fields are
        # filled.
        earlier = "".join(
            f'\n    \n    <p class="list-table__earlier hint">{_("eerder ingevuld:")} <span class="preserve">'
            f'{escape(row.get(old.key))}</span></p>\n'
            f'    <input type="hidden" name="{escape(f"q-{q.key}-{i}-{old.key}")}" value="{escape(row.get(old.key))}">'
            f'\n    '
            for old in q.fields if old.is_legacy and old.replaced_by[0] == f.key and row.get(old.key))
        field_input = INPUTS[f.type](f, fid, fid, row.get(f.key), errors, choices.get(f"{q.key}.{f.key}"))
        cells.append(
            f'\n  \n  <td class="utrecht-table__cell">\n'
            f'    <label class="list-table__label" for="{escape(fid)}"><span class="visually-hidden">'
            f'{escape(q.item_label or q.label)} <span data-row-number>{number}</span>: </span>'
            f'<span class="list-table__field">{escape(f.label)}</span></label>\n'
            f'    {error_html}\n    {field_input}\n    \n    {earlier}\n  </td>\n  ')
    return (f'\n<tr class="utrecht-table__row" data-row>\n'
            f'  <th class="utrecht-table__header-cell" scope="row"><span class="list-table__field">{_("Rij")} </span>'
            f'<span data-row-number>{number}</span></th>\n  {"".join(cells)}\n'
            f'  <td class="utrecht-table__cell">\n'
            f'    <button type="button" class="utrecht-button utrecht-button--subtle" data-remove-row hidden>'
            f'{_("Rij verwijderen")}<span class="visually-hidden"> <span data-row-number>{number}</span></span>'
            f'</button>\n  </td>\n</tr>\n')


def other_wording(q, values: dict, errors: dict) -> str:
    """The own wording next to the options of a question that allows it ("anders")."""
    if not q.allow_other:
        return "\n\n"
    oid = escape(f"q-{q.other_key}")
    error = errors.get(f"q-{q.other_key}")
    error_html = f'<div class="utrecht-form-field-error-message" id="{oid}-error">{escape(error)}</div>' if error else ""
    described = f' aria-describedby="{oid}-error" aria-invalid="true"' if error else ""
    return (f'\n\n\n<div class="utrecht-form-field utrecht-form-field--text other-wording">\n'
            f'  <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="{oid}">'
            f'{_("Eigen formulering (optioneel)")}</label></div>\n  {error_html}\n'
            f'  <input class="utrecht-textbox utrecht-textbox--html-input" type="text" id="{oid}" name="{oid}" '
            f'value="{escape(values.get(q.other_key) or "")}"{described}>\n</div>\n\n')


#: the input of a labelled question, by type name: (question, id, name, value, errors, choices) -> HTML
INPUTS: dict[str, Callable[..., str]] = {
    "text": _text, "long_text": _long_text, "number": _number, "date": _date, "month": _month, "money": _money,
    "choice": _choice, "answer_choice": _answer_choice}
#: what goes inside the fieldset of a fieldset type: (question, id, value, values, errors, blank_rows, choices)
FIELDSETS: dict[str, Callable[..., str]] = {"multi_choice": _multi_choice, "yes_no": _yes_no, "list": _list}


#: (step, question, translations) -> the condition's attributes and note; the same on every page in one language
_conditions: dict[tuple[int, int, int], tuple[Any, Any, Any, str, str]] = {}


def _condition(q, step) -> tuple[str, str]:
    """The data attributes that show or hide a conditional question, and the note that says when it applies. The
    note is made once per language: describing the condition takes several translated texts."""
    if not q.show_if:
        return "", ""
    language = translations()
    key = (id(step), id(q), id(language))
    known = _conditions.get(key)
    if known is None or known[0] is not step or known[1] is not q or known[2] is not language:
        if len(_conditions) > 1000:  # content loaded again and again (tests): start afresh
            _conditions.clear()
        known = _conditions[key] = (step, q, language, *_describe(q, step))
    return known[3], known[4]


def _describe(q, step) -> tuple[str, str]:
    c = q.show_if
    if c.includes is not None:
        wanted = f'data-includes="{escape(c.includes)}"\n    '
    elif c.one_of:
        wanted = f'data-one-of="{escape(" ".join(map(str, c.one_of)))}"\n    '
    else:
        wanted = f'data-equals="{escape({True: "ja", False: "nee"}.get(c.equals, c.equals))}"'
    note = (f'<p class="condition-note utrecht-paragraph">'
            f'{_("Deze vraag geldt als %(condition)s.", condition=c.describe(step))}</p>')
    return f'data-show-if="{escape(c.question)}"\n    {wanted}', note


def question(q, values: dict, errors: dict, step, visible: bool, blank_rows: int = 2,
             choices: dict | None = None, required_note: str | None = None) -> Markup:
    """A whole question: its wrapper (shown or hidden by its condition), label or legend, help, error and input.
    `required_note` marks a required question where it is not a step of the plan (a project's documents)."""
    choices = {} if choices is None else choices
    id = f"q-{q.key}"
    value = values.get(q.key)
    error = errors.get(id)
    attributes, note = _condition(q, step)
    required = (f' <span class="required">{escape(required_note) if required_note else _("(nodig om de stap af te ronden)")}'
                f'</span>') if q.required else ""
    help_and_error = (
        "\n" + (f'<div class="utrecht-form-field-description" id="{escape(id)}-help">{escape(q.help)}</div>'
                if q.help else "")
        + "\n" + (f'<div class="utrecht-form-field-error-message" id="{escape(id)}-error">{escape(error)}</div>'
                  if error else "") + "\n")
    if q.kind.fieldset:
        inner = FIELDSETS[q.type](q, id, value, values, errors, blank_rows, choices)
        field = (f'\n<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset '
                 f'utrecht-form-field--distanced{" utrecht-form-fieldset--invalid" if error else ""}" id="{escape(id)}"'
                 f'{described_by(id, q, errors)}>\n'
                 f'  <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">'
                 f'{escape(q.label)}{required}</legend>\n  {help_and_error}\n  {inner}\n</fieldset>\n')
    else:
        field_input = INPUTS[q.type](q, id, id, value, errors)
        field = (f'\n<div class="utrecht-form-field utrecht-form-field--text utrecht-form-field--distanced'
                 f'{" utrecht-form-field--invalid" if error else ""}">\n'
                 f'  <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="{escape(id)}">'
                 f'{escape(q.label)}{required}</label></div>\n  {help_and_error}\n'
                 f'  <div class="utrecht-form-field__input">{field_input}</div>\n'
                 f'  {other_wording(q, values, errors)}\n</div>\n')
    return Markup(f'\n\n\n<div class="question{"" if visible else " question--hidden"}" id="vraag-{escape(q.key)}"\n'
                  f'  {attributes}\n  {"" if visible else "hidden"}>\n{note}\n{field}\n</div>\n')


#: a form whose answers take more than this (as JSON) is rendered every time, so 128 kept forms stay a few megabytes
KEEP_ANSWERS_UP_TO = 64_000

# ---- all questions of a step page ----------------------------------------------------------------------------------

def step_questions(step, values: dict, errors: dict, blank_rows: int, choices: dict, prefilled: set[str]) -> Markup:
    """The questions of a step's form, each after its "from the existing ordinance" note if it has one.

    A form without errors is kept per process (the last 128): opened again by a colleague, after "Terug" or after a
    save of another step, it is not rendered again. The key holds everything the HTML depends on (the step, the
    language, the answers, the choices from other steps, the pre-fill marks), so a kept form is never out of date;
    a worker without it renders the same page. Very large answers are not kept (KEEP_ANSWERS_UP_TO)."""
    answers = json.dumps(values, sort_keys=True, default=str) if not errors else ""
    if errors or len(answers) > KEEP_ANSWERS_UP_TO:
        return _step_questions(step, values, errors, blank_rows, choices, prefilled)
    return _kept_step_questions(
        _Key(id(step), step), _Key(id(language := translations()), language),
        _Key(answers, values), blank_rows,
        _Key(tuple(sorted((key, tuple(options)) for key, options in choices.items())), choices), frozenset(prefilled))


class _Key:
    """A part of a cache key: compared by `key`, carrying the object itself for the rendering. An object compared by
    its id (a step, the translations) stays alive as long as its entry, so the id cannot be reused meanwhile."""
    __slots__ = ("key", "obj")

    def __init__(self, key, obj):
        self.key, self.obj = key, obj

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, _Key) and other.key == self.key


@lru_cache(maxsize=128)
def _kept_step_questions(step: _Key, language: _Key, values: _Key, blank_rows: int, choices: _Key,
                         prefilled: frozenset) -> Markup:
    return _step_questions(step.obj, values.obj, {}, blank_rows, choices.obj, prefilled)


def _step_questions(step, values: dict, errors: dict, blank_rows: int, choices: dict, prefilled) -> Markup:
    confirm = (f'<p class="utrecht-paragraph prefill-note"><strong>{_("Uit de bestaande verordening — bevestig dit.")}'
               f'</strong></p>') if prefilled else ""
    return Markup("".join(
        f"\n        {confirm if q.key in prefilled else ''}\n        "
        f"{question(q, values, errors, step, q.show_if is None or q.show_if.holds(values), blank_rows, choices)}"
        f"\n      " for q in step.questions if not (q.retired and is_empty(values.get(q.key)))))
