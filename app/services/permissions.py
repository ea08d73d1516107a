"""Who may do what in a municipality workspace. One table, so a new action is a visible choice."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.models.municipality import Role

B, R, J, M = Role.BEHEERDER.value, Role.REDACTEUR.value, Role.JURIST.value, Role.MEELEZER.value

PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset({B, R, J, M}),        # read the plan, the review page and the draft ordinance
    "edit": frozenset({B, R}),              # save steps, snapshots, restore, import
    "comment": frozenset({B, R, J}),        # write, resolve and reopen comments
    "review": frozenset({B, J}),            # mark articles of the draft ordinance as reviewed
    "download": frozenset({B, R, J}),       # download the DOCX and the plan as JSON
    "manage": frozenset({B}),               # members, roles, invitation links
}

ROLE_LABELS = {B: _l("Beheerder"), R: _l("Redacteur"), J: _l("Jurist"), M: _l("Meelezer")}


def allowed(role: str | None, action: str) -> bool:
    return role is not None and role in PERMISSIONS[action]
