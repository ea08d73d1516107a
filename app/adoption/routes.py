"""The route to adoption: the schedule worked back from the target date, the meeting dates, the .ics export."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from app import content
from app.adoption import bp
from app.errors import error_page
from app.adoption.forms import (AcceptEarliestForm, ConfirmImportForm, FetchMeetingsForm, ImportMeetingsForm,
                                MeetingsForm, schedule_form)
from app.security import plan_for
from app.services.plans import plans
from app.services.core.access import Action, can
from app.services.adoption import MEETING_BODIES, StepSetting, label_for, today_in_amsterdam, words_for
from app.services.adoption import calendar_io, ori, schedules
from app.services.adoption.schedules import timeline_for
from app.services.core.dates import format_date as dutch_date
from app.services.core.transaction import unit_of_work


def now() -> datetime:
    """The current moment; tests replace it to fix 'today'."""
    return datetime.now(timezone.utc)


def _settings_form(plan, timeline, formdata=None):
    route_content = content.adoption_route()
    schedule = schedules.schedule_of(plan)
    settings = schedules.settings_of(schedule, route_content)
    data = {"target": timeline.route.target,
            "consultation_with": schedule.consultation_with if schedule else "adviesraad"}
    for spec in route_content.steps:
        setting = settings.get(spec.key)
        data[f"weeks_{spec.key}"] = setting.weeks if setting else spec.weeks
        data[f"skip_{spec.key}"] = bool(setting and setting.skip)
        step = next((s for s in timeline.route.steps if s.key == spec.key), None)
        data[f"day_{spec.key}"] = step.earliest if step is not None and step.fixed else None
    return schedule_form(route_content, plan.organisation.body_type, formdata=formdata, data=data)


def _consultation(plan) -> str:
    schedule = schedules.schedule_of(plan)
    return schedule.consultation_with if schedule is not None else "adviesraad"


def _current_steps(plan, timeline) -> dict[str, StepSetting]:
    """The step settings as they are now, own dates included."""
    route_content = content.adoption_route()
    settings = schedules.settings_of(schedules.schedule_of(plan), route_content)
    result = {}
    for spec in route_content.steps:
        setting = settings.get(spec.key)
        step = next((s for s in timeline.route.steps if s.key == spec.key), None)
        result[spec.key] = StepSetting(weeks=setting.weeks if setting else spec.weeks,
                                       skip=bool(setting and setting.skip),
                                       day=step.earliest if step is not None and step.fixed else None)
    return result


@bp.route("/plannen/<int:plan_id>/route-naar-vaststelling", methods=["GET", "POST"])
@login_required
def schedule(plan_id: int):
    """The schedule with its warnings and the settings that shape it."""
    plan, _role = plan_for(plan_id, Action.EDIT if request.method == "POST" else Action.VIEW)
    route_content = content.adoption_route()
    today = today_in_amsterdam(now())
    timeline = timeline_for(plan, route_content, today)
    if request.method == "POST" and request.form.get("overnemen"):
        # "Neem deze datum over": the planner's earliest date becomes the plan's target, so every document uses it
        if AcceptEarliestForm().validate_on_submit() and not timeline.route.feasible:
            with unit_of_work():
                schedules.save_settings(plan, route_content, target=timeline.route.earliest_entry,
                                        consultation_with=_consultation(plan), steps=_current_steps(plan, timeline),
                                        by=current_user, handreiking=content.handreiking())
            flash(_("De beoogde datum van inwerkingtreding is nu %(day)s.", day=dutch_date(
                timeline.route.earliest_entry)), "ok")
        return redirect(url_for("adoption.schedule", plan_id=plan.id))
    form = _settings_form(plan, timeline, formdata=request.form if request.method == "POST" else None)
    if form.validate_on_submit():
        steps = {spec.key: StepSetting(weeks=form[f"weeks_{spec.key}"].data,
                                       skip=spec.optional and bool(form[f"skip_{spec.key}"].data),
                                       day=form[f"day_{spec.key}"].data if f"day_{spec.key}" in form else None)
                 for spec in route_content.steps}
        try:
            with unit_of_work():
                schedules.save_settings(plan, route_content, target=form.target.data,
                                        consultation_with=form.consultation_with.data, steps=steps, by=current_user,
                                        handreiking=content.handreiking())
        except plans.StepConflict:
            form.target.errors.append(_("Iemand anders heeft stap 8 intussen opgeslagen. Uw invoer staat hieronder "
                                        "nog; sla opnieuw op om de data toch te bewaren."))
        else:
            flash(_("De planning is bijgewerkt."), "ok")
            return redirect(url_for("adoption.schedule", plan_id=plan.id))
    route = timeline.route
    labels = {spec.key: label_for(spec, plan.organisation.body_type) for spec in route_content.steps}
    return render_template("adoption/schedule.html", plan=plan, form=form, route=route, labels=labels,
                           accept_form=AcceptEarliestForm(formdata=None),
                           specs=route_content.steps, words=words_for(plan.organisation.body_type),
                           can_edit=can(current_user, Action.EDIT, plan)), 400 if form.errors else 200


def _meeting_labels(form: MeetingsForm, body_type: str) -> None:
    words = words_for(body_type)
    for body in MEETING_BODIES:
        form[body].label.text = _("Vergaderdata van %(body)s", body=words[body])
        form[body].description = _("Eén datum per regel, bijvoorbeeld 14 oktober 2026 of 14-10-2026.")


def _render_meetings(plan, form, import_form, status=200, fetch_form=None):
    _meeting_labels(form, plan.organisation.body_type)
    return render_template("adoption/meetings.html", plan=plan, form=form, import_form=import_form,
                           fetch_form=fetch_form or FetchMeetingsForm(formdata=None),
                           can_manage=can(current_user, Action.MANAGE, plan.organisation),
                           can_edit=can(current_user, Action.EDIT, plan),
                           words=words_for(plan.organisation.body_type)), status


def _meetings_data(plan) -> dict[str, str]:
    """The stored meeting dates as the textarea shows them: "12 januari 2027", one a line, as every page writes a
    date (the form reads that and 12-01-2027 alike)."""
    return {body: "\n".join(dutch_date(d) for d in days) for body, days in schedules.meetings_of(plan).items()}


@bp.route("/plannen/<int:plan_id>/route-naar-vaststelling/vergaderdata", methods=["GET", "POST"])
@login_required
def meetings(plan_id: int):
    """The meeting dates of the college, the commissie and the raad, typed by hand."""
    plan, _role = plan_for(plan_id, Action.EDIT if request.method == "POST" else Action.VIEW)
    form = MeetingsForm(data=_meetings_data(plan)) if request.method == "GET" else MeetingsForm()
    if form.validate_on_submit():
        with unit_of_work():
            for body in MEETING_BODIES:
                schedules.replace_meetings(plan, body, form.dates(body), by=current_user)
        flash(_("De vergaderdata zijn opgeslagen."), "ok")
        return redirect(url_for("adoption.schedule", plan_id=plan.id))
    return _render_meetings(plan, form, ImportMeetingsForm(formdata=None), 400 if form.errors else 200)


def _render_preview(plan, preview, source: str):
    """What was recognised, with the confirmation form carrying it signed: nothing is stored until confirmed."""
    token = calendar_io.preview_token(preview, current_app.config["SECRET_KEY"], plan_id=plan.id,
                                      user_id=current_user.id)
    confirm = ConfirmImportForm(formdata=None, data={"token": token})
    stored = {(body, day) for body, days in schedules.meetings_of(plan).items() for day in days}
    new = sum(1 for m in preview.meetings if (m.body, m.day) not in stored)
    return render_template("adoption/meetings_preview.html", plan=plan, preview=preview, confirm=confirm,
                           source=source, bodies=MEETING_BODIES, words=words_for(plan.organisation.body_type),
                           stored=stored, new=new)


def _meetings_page_with_errors(plan, import_form=None, fetch_form=None):
    return _render_meetings(plan, MeetingsForm(formdata=None, data=_meetings_data(plan)),
                            import_form or ImportMeetingsForm(formdata=None), 400,
                            fetch_form=fetch_form)


@bp.route("/plannen/<int:plan_id>/route-naar-vaststelling/vergaderdata/importeren", methods=["POST"])
@login_required
def import_meetings(plan_id: int):
    """Read an .ics file and show what was recognised; a bad file is refused next to the field, nothing is written."""
    plan, _role = plan_for(plan_id, Action.EDIT)
    import_form = ImportMeetingsForm()
    if import_form.validate_on_submit():
        try:
            preview = calendar_io.read_ics(import_form.file.data.read(calendar_io.MAX_ICS_BYTES + 1),
                                           content.meeting_names(), today_in_amsterdam(now()),
                                           import_form.body_for_unknown.data or None)
        except calendar_io.CalendarFileError as exc:
            import_form.file.errors.append(str(exc))
        else:
            return _render_preview(plan, preview, "ics")
    return _meetings_page_with_errors(plan, import_form=import_form)


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(_exc):
    """A file beyond the server's limit for any request (MAX_CONTENT_LENGTH) is refused before the view runs; on
    the import it gets the same message next to the field as a file just over 1 MB, not the general error page."""
    if request.endpoint != "adoption.import_meetings":
        return error_page(413)
    plan, _role = plan_for(request.view_args["plan_id"], Action.EDIT)
    import_form = ImportMeetingsForm(formdata=None)
    import_form.file.errors = [calendar_io.too_large_message()]
    return _render_meetings(plan, MeetingsForm(formdata=None, data=_meetings_data(plan)), import_form, 413)


def ori_client() -> ori.OriClient:
    """The client for Open Raadsinformatie; tests put a transport with recorded responses in app.extensions."""
    return ori.OriClient(transport=current_app.extensions.get("ori_transport", ori.urllib_transport))


@bp.route("/plannen/<int:plan_id>/route-naar-vaststelling/vergaderdata/ophalen", methods=["POST"])
@login_required
def fetch_meetings(plan_id: int):
    """Fetch the organisation's meetings from Open Raadsinformatie and show the same preview as the .ics import."""
    plan, _role = plan_for(plan_id, Action.EDIT)
    fetch_form = FetchMeetingsForm()
    if fetch_form.validate_on_submit():
        try:
            events = ori_client().meetings(plan.organisation.ori_source or "", today_in_amsterdam(now()))
        except ori.OriError as exc:
            fetch_form.source.errors.append(str(exc))
        else:
            preview = calendar_io.recognise(events, content.meeting_names(), today_in_amsterdam(now()))
            if preview.meetings or preview.skipped:
                return _render_preview(plan, preview, "ori")
            fetch_form.source.errors.append(_("Open Raadsinformatie heeft voor deze organisatie geen vergaderingen "
                                              "van vandaag tot %(last)s.", last=dutch_date(preview.last)))
    return _meetings_page_with_errors(plan, fetch_form=fetch_form)


@bp.route("/plannen/<int:plan_id>/route-naar-vaststelling/vergaderdata/bevestigen", methods=["POST"])
@login_required
def confirm_import(plan_id: int):
    """Save the meetings the preview showed; the route then plans with them."""
    plan, _role = plan_for(plan_id, Action.EDIT)
    confirm = ConfirmImportForm()
    import_form = ImportMeetingsForm(formdata=None)
    if confirm.validate_on_submit():
        try:
            found = calendar_io.meetings_from_token(confirm.token.data, current_app.config["SECRET_KEY"],
                                                    plan_id=plan.id, user_id=current_user.id)
        except calendar_io.CalendarFileError as exc:
            import_form.file.errors = [str(exc)]
        else:
            with unit_of_work():
                counts = schedules.add_imported(plan, found, None, by=current_user)
            flash(_("%(added)s vergaderdata toegevoegd. De route naar vaststelling rekent er nu mee.", **counts), "ok")
            return redirect(url_for("adoption.schedule", plan_id=plan.id))
    else:
        import_form.file.errors = [calendar_io.expired_preview_message()]
    return _meetings_page_with_errors(plan, import_form=import_form)


@bp.route("/plannen/<int:plan_id>/route-naar-vaststelling.ics")
@login_required
def download_ics(plan_id: int):
    """The schedule as a calendar file, for the team's own agenda."""
    plan, _role = plan_for(plan_id, Action.VIEW)
    moment = now()
    route = schedules.route_for(plan, content.adoption_route(), today_in_amsterdam(moment))
    data = calendar_io.write_schedule(route, plan.title, plan.id, moment)
    name = re.sub(r"[^a-z0-9]+", "-", f"route-naar-vaststelling-{plan.organisation.name}".lower()).strip("-")
    with unit_of_work():
        calendar_io.record_download(plan, f"{name}.ics", by=current_user)
    return Response(data, mimetype="text/calendar",
                    headers={"Content-Disposition": f"attachment; filename={name}.ics"})
