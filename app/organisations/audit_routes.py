"""The organisation's audit log, for the beheerder (BIO 12.4)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from flask import current_app, render_template, request, url_for
from flask_login import login_required

from app.security import organisation_for
from app.services.core import audit
from app.services.core.access import Action
from app.templating import _LOCAL
from app.organisations import bp
from app.organisations.settings_forms import AuditFilterForm

_MAX_ID = 2**31 - 1  # ids are 32-bit integers in the database; a larger cursor would be an error there


def _utc(day: date) -> datetime:
    """The start of a day in Amsterdam, as the stored (naive UTC) time."""
    return datetime.combine(day, time.min, tzinfo=_LOCAL).astimezone(timezone.utc).replace(tzinfo=None)


@bp.route("/organisaties/<int:organisation_id>/logboek")
@login_required
def audit_log(organisation_id: int):
    """Who did what in this organisation, newest first, with a filter on kind and period."""
    organisation, _role = organisation_for(organisation_id, Action.AUDIT)
    form = AuditFilterForm(request.args)
    if request.args and not form.validate():
        return render_template("organisations/audit_log.html", organisation=organisation, form=form, events=[],
                               older=None, audit=audit), 400
    before = request.args.get("voor", type=int)
    before = before if before is not None and 0 < before <= _MAX_ID else None
    size = current_app.config["AUDIT_PAGE_SIZE"]
    events = audit.events_for(organisation.id, form.soort.data or None, limit=size + 1, before_id=before,
                              since=_utc(form.van.data) if form.van.data else None,
                              until=_utc(form.tot.data + timedelta(days=1)) if form.tot.data else None)
    older = None
    if len(events) > size:
        events = events[:size]
        args = {k: v for k, v in request.args.items() if k in ("soort", "van", "tot") and v}
        older = url_for("workspaces.audit_log", organisation_id=organisation.id, voor=events[-1].id, **args)
    return render_template("organisations/audit_log.html", organisation=organisation, form=form, events=events,
                           older=older, audit=audit)
