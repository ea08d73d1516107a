"""The interface texts of the services, in the reader's language: `_`, `_l` (lazy) and `ngettext`.

A service writes `_("Vul een heel getal in.")` as before; this module looks the text up in the catalog the app
installed at start-up (`install`, called by create_app with app/i18n.py's per-request lookup), so no service
imports Flask or Flask-Babel. Before installation (a unit test, a script without an app) and outside a request
the catalog is empty and every text is the Dutch source text, formatted as gettext formats it.
The semantics are Flask-Babel's: variables are %-formatted only when given; `ngettext` always formats (with `num`).
"""
from __future__ import annotations

from gettext import NullTranslations
from typing import Callable, Protocol


class Catalog(Protocol):
    """What a catalog offers: gettext.NullTranslations, babel.support.Translations."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


_SOURCE = NullTranslations()  # no translations: the Dutch texts as written


def _source() -> Catalog:
    return _SOURCE


#: The current catalog; replaced once by `install`.
catalog: Callable[[], Catalog] = _source


def install(current_catalog: Callable[[], Catalog]) -> None:
    """Called by the app factory: `current_catalog()` returns the catalog of the current request (or the empty one)."""
    global catalog
    catalog = current_catalog


def gettext(string: str, **variables) -> str:
    text = catalog().gettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    return catalog().ngettext(singular, plural, num) % variables


def lazy_gettext(string: str, **variables) -> LazyText:
    """A text translated each time it is used (a form label, a module-level constant), in that request's language."""
    return LazyText(gettext, string, **variables)


_ = gettext
_l = lazy_gettext


class LazyText:
    """A text that is looked up when it is read; behaves like Flask-Babel's LazyString (flask_babel/speaklater.py),
    so WTForms, Jinja (`__html__`) and JSON treat it the same."""

    def __init__(self, func, *args, **kwargs):
        self._func = func
        self._args = args
        self._kwargs = kwargs

    def __getattr__(self, attr):
        if attr == "__setstate__":
            raise AttributeError(attr)
        string = str(self)
        if hasattr(string, attr):
            return getattr(string, attr)
        raise AttributeError(attr)

    def __repr__(self):
        return "l'{0}'".format(str(self))

    def __str__(self):
        return str(self._func(*self._args, **self._kwargs))

    def __len__(self):
        return len(str(self))

    def __getitem__(self, key):
        return str(self)[key]

    def __iter__(self):
        return iter(str(self))

    def __contains__(self, item):
        return item in str(self)

    def __add__(self, other):
        return str(self) + other

    def __radd__(self, other):
        return other + str(self)

    def __mul__(self, other):
        return str(self) * other

    def __rmul__(self, other):
        return other * str(self)

    def __lt__(self, other):
        return str(self) < other

    def __le__(self, other):
        return str(self) <= other

    def __eq__(self, other):
        return str(self) == other

    def __ne__(self, other):
        return str(self) != other

    def __gt__(self, other):
        return str(self) > other

    def __ge__(self, other):
        return str(self) >= other

    def __html__(self):
        return str(self)

    def __hash__(self):
        return hash(str(self))

    def __mod__(self, other):
        return str(self) % other

    def __rmod__(self, other):
        return other + str(self)
