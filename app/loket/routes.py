"""Het loket. Public pages (no login, the residents' design): the rights of the adopted ordinance, a form per right,
the private follow page and the register. Staff pages: adopting a version, the list with deadlines, one request's
handling, the decision letter and a calendar of deadlines. Who may do what: access.py (ADOPT, HANDLE_REQUESTS)."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from icalendar import Calendar, Event

from app import content
from app.extensions import csrf, db, limiter
from app.loket import bp
from app.loket.forms import (ActionForm, AdoptForm, AssignForm, DecideForm, NoteForm, PaperForm, PostponeForm,
                             SupportForm, intake_form)
from app.models import Organisation, ParticipationPlan, PlanSnapshot
from app.models.loket import LoketAttachment, LoketRequest
from app.security import require_access
from app.services.core import access, mail
from app.services.history import versions
from app.services.core.access import Action
from app.services.plans.deadline import today_in_amsterdam
from app.services.core import body_types
from app.services.documents.docx_writer import render_docx
from app.services.loket import requests as loket
from app.services.loket.documents import build_decision_letter
from app.services.loket.requests import (MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, LoketError, Outcome, Status, Upload,
                                         check_upload)
from app.services.core.transaction import unit_of_work

STATUS_LABELS = {"ontvangen": "Ontvangen", "in_behandeling": "In behandeling", "verdaagd": "Verdaagd",
                 "besloten": "Besloten"}
OUTCOME_LABELS = {"toegekend": "Toegekend", "afgewezen": "Afgewezen", "deels": "Deels toegekend"}
UPLOAD_MESSAGES = {"type": "“%(name)s” is geen PDF-, Word-, OpenDocument-, JPG- of PNG-bestand.",
                   "size": "“%(name)s” is groter dan %(mb)s MB.",
                   "content": "“%(name)s” is niet het soort bestand dat de naam zegt."}


def _labels() -> dict:
    return {"status": {k: _(v) for k, v in STATUS_LABELS.items()},
            "outcome": {k: _(v) for k, v in OUTCOME_LABELS.items()},
            "rights": {k: t.title for k, t in content.loket().rights.items()}}


def _words(organisation: Organisation) -> dict[str, str]:
    body = body_types.body(organisation.body_type).wording
    return {"raad": str(body["raad"]), "college": str(body["college"]), "bestuur": str(body["bestuur"]),
            "bewaartermijn": str(loket.RETENTION_MONTHS)}


def _public_loket(public_id: int):
    """The organisation and the rights of its adopted version in force today; 404 without one."""
    organisation = db.session.get(Organisation, public_id)
    version = loket.current_version(public_id, today_in_amsterdam()) if organisation else None
    if version is None:
        abort(404)
    return organisation, version, loket.rights_for(version, content.handreiking())


# --- public -------------------------------------------------------------------------------------------------------

@bp.route("/loket/<int:public_id>")
def index(public_id: int):
    """The rights the ordinance gives, with their decision periods."""
    organisation, _version, rights = _public_loket(public_id)
    return render_template("loket/index.html", organisation=organisation, rights=rights, texts=content.loket(),
                           words=_words(organisation))


#: how many requests one address may file, and how many supports it may ask for (LOKET_*_RATE_LIMIT to change)
INTAKE_LIMIT, SUPPORT_LIMIT = "10 per hour", "30 per hour"


@bp.route("/loket/<int:public_id>/<right_key>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config.get("LOKET_INTAKE_RATE_LIMIT", INTAKE_LIMIT), methods=["POST"],
               deduct_when=lambda response: response.status_code == 302)   # only a filed request counts
@csrf.exempt   # the form checks its own CSRF token, after the larger size limit for attachments is set below
def intake(public_id: int, right_key: str):
    """The form of one right; on success a reference, an e-mail and the private link."""
    organisation, version, rights = _public_loket(public_id)
    right = rights.get(right_key)
    if right is None:
        abort(404)  # a right the ordinance does not grant is not offered
    texts = content.loket()
    words = _words(organisation)
    request.max_content_length = MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 1024 * 1024
    form = intake_form(texts.rights[right_key], words)()
    if request.method == "POST" and form.validate_on_submit():
        uploads = [Upload(f.filename or "", f.read()) for f in (form.attachments.data or []) if f and f.filename]
        problems = [_(UPLOAD_MESSAGES[p], name=u.filename, mb=MAX_ATTACHMENT_BYTES // (1024 * 1024))
                    for u in uploads if (p := check_upload(u))]
        if len(uploads) > MAX_ATTACHMENTS:
            problems.append(_("Stuur ten hoogste %(count)s bijlagen mee.", count=MAX_ATTACHMENTS))
        if problems:
            form.attachments.errors = problems + [_("Kies de bijlagen opnieuw; wat u typte, staat er nog.")]
        else:
            public = next(s.key for s in texts.rights[right_key].fields if s.public)
            answers = {s.key: (getattr(form, f"f_{s.key}").data or "").strip() for s in texts.rights[right_key].fields}
            with unit_of_work():
                filed = loket.submit(version, right, answers[public], answers,
                                     name=form.requester_name.data, address=form.requester_address.data,
                                     email=form.requester_email.data, uploads=uploads, today=today_in_amsterdam(),
                                     by=access.PUBLIC)
            link = url_for("loket.follow", request_token=filed.token, _external=True)
            mail.deliver(mail.compose("loket_received", filed.requester_email,
                                      _("Ontvangstbevestiging %(ref)s", ref=filed.reference), request=filed,
                                      organisation=organisation, title=texts.rights[right_key].title, link=link,
                                      decided_by=right.decided_by))
            flash(_("Uw verzoek is ontvangen. Wij stuurden een bevestiging naar %(email)s.",
                    email=filed.requester_email), "ok")
            return redirect(url_for("loket.follow", request_token=filed.token))
    # A refused form answers 200: the page itself is the answer, with the messages next to the fields.
    return render_template("loket/intake.html", organisation=organisation, right=right, form=form,
                           text=texts.rights[right_key], privacy=[p.format(**words) for p in texts.privacy])


@bp.route("/loket/volgen/<request_token>")
def follow(request_token: str):
    """The private page of one request: whoever has the link sees its status and due date."""
    filed = loket.by_token(request_token)
    if filed is None:
        abort(404)
    organisation = db.session.get(Organisation, filed.organisation_id)
    support = loket.support_of(filed) if filed.right == "burgerinitiatief" else None
    return render_template("loket/follow.html", filed=filed, organisation=organisation, right=loket.right_of(filed),
                           labels=_labels(), support=support,
                           support_url=url_for("loket.support", public_id=organisation.id, initiative_id=filed.id,
                                               _external=True))


@bp.route("/loket/<int:public_id>/initiatieven/<int:initiative_id>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config.get("LOKET_SUPPORT_RATE_LIMIT", SUPPORT_LIMIT), methods=["POST"])
def support(public_id: int, initiative_id: int):
    """Support a burgerinitiatief: an address, then a confirmation link by e-mail; counted once per address."""
    filed = db.session.get(LoketRequest, initiative_id)
    if filed is None or filed.organisation_id != public_id or filed.right != "burgerinitiatief":
        abort(404)
    organisation = db.session.get(Organisation, public_id)
    form = SupportForm()
    sent = False
    if loket.is_open_initiative(filed) and form.validate_on_submit():
        with unit_of_work():
            token = loket.ask_support(filed, form.email.data, by=access.PUBLIC)
        if token:
            mail.deliver(mail.compose("loket_support", form.email.data.strip().lower(),
                                      _("Bevestig uw steun voor “%(subject)s”", subject=filed.subject),
                                      request=filed, organisation=organisation,
                                      link=url_for("loket.confirm_support", support_token=token, _external=True)))
        sent = True   # the same answer whether or not the address already supports it: nothing to learn here
    return render_template("loket/support.html", filed=filed, organisation=organisation, form=form, sent=sent,
                           support=loket.support_of(filed), open=loket.is_open_initiative(filed))


@bp.route("/loket/steun/<support_token>", methods=["GET", "POST"])
def confirm_support(support_token: str):
    """The link from the mail: a button confirms (a mail scanner that follows the link confirms nothing)."""
    found = loket.support_by_token(support_token)
    if found is None:
        abort(404)
    filed = db.session.get(LoketRequest, found.request_id)
    organisation = db.session.get(Organisation, filed.organisation_id)
    form = ActionForm()
    confirmed = found.confirmed_at is not None
    if request.method == "POST" and form.validate_on_submit() and loket.is_open_initiative(filed):
        with unit_of_work():
            loket.confirm_support(found, by=access.PUBLIC)
        confirmed = True
    return render_template("loket/confirm_support.html", filed=filed, organisation=organisation, form=form,
                           confirmed=confirmed, open=loket.is_open_initiative(filed),
                           support=loket.support_of(filed))


@bp.route("/loket/<int:public_id>/register")
def register(public_id: int):
    """Requests and decisions, without personal data."""
    organisation = db.session.get(Organisation, public_id)
    if organisation is None:
        abort(404)
    page = loket.public_register(organisation.id, after=request.args.get("na"), before=request.args.get("voor"))
    return render_template("loket/register.html", organisation=organisation, page=page, labels=_labels())


# --- staff --------------------------------------------------------------------------------------------------------

@bp.route("/plannen/<int:plan_id>/vaststelling", methods=["GET", "POST"])
@login_required
def adopt(plan_id: int):
    """Mark a named version as the adopted ordinance: the loket then offers its rights from its date in force."""
    plan = db.session.get(ParticipationPlan, plan_id)
    require_access(Action.ADOPT, plan)
    form = AdoptForm()
    form.snapshot.choices = [(s.id, s.name) for s in versions.snapshots(plan)]
    status = 200
    if form.validate_on_submit():
        snapshot = db.session.get(PlanSnapshot, form.snapshot.data)
        try:
            with unit_of_work():
                loket.adopt(plan, snapshot, form.decided_on.data, form.in_force_from.data, by=current_user)
        except LoketError as error:
            messages = {"in force before adoption": (form.in_force_from, _("De verordening kan niet eerder in werking "
                                                                           "treden dan het raadsbesluit.")),
                        "already adopted": (form.snapshot, _("Deze versie is al als vastgesteld gemarkeerd."))}
            field, message = messages.get(str(error), (form.snapshot, _("Kies een versie van dit plan.")))
            field.errors = [message]
            status = 400
        else:
            flash(_("De versie is als vastgestelde verordening gemarkeerd."), "ok")
            return redirect(url_for("loket.adopt", plan_id=plan.id))
    elif request.method == "POST":
        status = 400
    return render_template("loket/adopt.html", plan=plan, form=form, adopted=loket.adopted_versions(
        plan.organisation_id), snapshots={s.id: s.name for s in versions.snapshots(plan)},
        rights_url=url_for("loket.index", public_id=plan.organisation_id)), status


@bp.route("/organisaties/<int:organisation_id>/loket")
def cases(organisation_id: int):
    """The staff list: overdue and due within a week first."""
    organisation = _staff_organisation(organisation_id)
    page, open_count = loket.staff_list(organisation, today_in_amsterdam(), by=current_user,
                                        after=request.args.get("na"), before=request.args.get("voor"))
    return render_template("loket/cases.html", organisation=organisation, page=page, open_count=open_count,
                           labels=_labels(),
                           case_url=url_for("loket.case", request_id=0).removesuffix("0"))


@bp.route("/organisaties/<int:organisation_id>/loket/cijfers")
def figures(organisation_id: int):
    """Figures for the evaluation of the ordinance: requests per right, granted, on time, median days."""
    organisation = _staff_organisation(organisation_id)
    return render_template("loket/figures.html", organisation=organisation, labels=_labels(),
                           rows=loket.evaluation_figures(organisation, by=current_user))


def _staff_organisation(organisation_id: int) -> Organisation:
    if not current_user.is_authenticated:
        abort(redirect(url_for("accounts.login", next=request.full_path.rstrip("?"))))
    organisation = db.session.get(Organisation, organisation_id)
    require_access(Action.HANDLE_REQUESTS, organisation)
    return organisation


@bp.route("/organisaties/<int:organisation_id>/loket/termijnen.ics")
def calendar(organisation_id: int):
    """The deadlines of the open requests as a calendar file (no personal data: reference and right)."""
    organisation = _staff_organisation(organisation_id)
    cal = Calendar()
    cal.add("prodid", "-//Participatie-assistent//Loket//NL")
    cal.add("version", "2.0")
    rights = _labels()["rights"]
    for row in loket.open_deadlines(organisation, by=current_user):
        event = Event()
        event.add("uid", f"loket-{row.id}@participatie-assistent")
        event.add("summary", _("Uiterste beslisdatum %(ref)s (%(right)s)", ref=row.reference, right=rights[row.right]))
        event.add("dtstart", row.due_on)
        event.add("dtstamp", datetime.now(timezone.utc))
        cal.add_component(event)
    with unit_of_work():
        loket.record_download(organisation, "termijnen.ics", by=current_user)
    return Response(cal.to_ical(), mimetype="text/calendar",
                    headers={"Content-Disposition": "attachment; filename=loket-termijnen.ics"})


def _request_for(request_id: int) -> LoketRequest:
    if not current_user.is_authenticated:
        abort(redirect(url_for("accounts.login", next=request.full_path.rstrip("?"))))
    filed = db.session.get(LoketRequest, request_id)
    require_access(Action.HANDLE_REQUESTS, filed)
    return filed


def _case_page(filed: LoketRequest, status: int = 200, **forms):
    organisation = db.session.get(Organisation, filed.organisation_id)
    assign_form = forms.get("assign_form") or AssignForm(formdata=None, assignee=str(filed.assigned_to_id or ""))
    assign_form.assignee.choices = [("", _("Niemand"))] + [(str(u.id), u.name)
                                                           for u in loket.handlers(filed.organisation_id)]
    return render_template(
        "loket/case.html", filed=filed, organisation=organisation, right=loket.right_of(filed), labels=_labels(),
        text=content.loket().rights[filed.right], today=today_in_amsterdam(), assign_form=assign_form,
        action_form=ActionForm(formdata=None), note_form=forms.get("note_form") or NoteForm(formdata=None),
        postpone_form=forms.get("postpone_form") or PostponeForm(formdata=None),
        decide_form=forms.get("decide_form") or DecideForm(formdata=None),
        may_postpone=Status.VERDAAGD in loket.TRANSITIONS[Status(filed.status)],
        support=loket.support_of(filed) if filed.right == "burgerinitiatief" else None,
        paper_form=forms.get("paper_form") or PaperForm(formdata=None, count=str(filed.paper_supporters)),
        open=filed.status != Status.BESLOTEN.value), status


@bp.route("/loket/verzoeken/<int:request_id>")
def case(request_id: int):
    """One request with its personal data, notes and the handling; opening it is audited."""
    filed = _request_for(request_id)
    with unit_of_work():
        loket.open_request(filed, by=current_user)
    return _case_page(filed)


def _illegal(filed: LoketRequest):
    flash(_("Dat kan niet meer: het verzoek heeft de status “%(status)s”.",
            status=_labels()["status"][filed.status]), "error")
    return _case_page(filed, 409)


@bp.route("/loket/verzoeken/<int:request_id>/in-behandeling", methods=["POST"])
def start(request_id: int):
    filed = _request_for(request_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        with unit_of_work():
            loket.start_handling(filed, by=current_user)
    except loket.IllegalTransition:
        return _illegal(filed)
    flash(_("Het verzoek is in behandeling."), "ok")
    return redirect(url_for("loket.case", request_id=filed.id))


@bp.route("/loket/verzoeken/<int:request_id>/toewijzen", methods=["POST"])
def assign(request_id: int):
    filed = _request_for(request_id)
    form = AssignForm()
    form.assignee.choices = [("", "")] + [(str(u.id), u.name) for u in loket.handlers(filed.organisation_id)]
    if not form.validate_on_submit():
        return _case_page(filed, 400, assign_form=form)
    with unit_of_work():
        loket.assign(filed, int(form.assignee.data) if form.assignee.data else None, by=current_user)
    flash(_("De behandelaar is gewijzigd."), "ok")
    return redirect(url_for("loket.case", request_id=filed.id))


@bp.route("/loket/verzoeken/<int:request_id>/notitie", methods=["POST"])
def note(request_id: int):
    filed = _request_for(request_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _case_page(filed, 400, note_form=form)
    with unit_of_work():
        loket.add_note(filed, form.body.data, by=current_user)
    flash(_("De notitie is opgeslagen."), "ok")
    return redirect(url_for("loket.case", request_id=filed.id))


@bp.route("/loket/verzoeken/<int:request_id>/verdagen", methods=["POST"])
def postpone(request_id: int):
    """Postpone once, with a reason, before the period ends."""
    filed = _request_for(request_id)
    form = PostponeForm()
    if not form.validate_on_submit():
        return _case_page(filed, 400, postpone_form=form)
    try:
        with unit_of_work():
            loket.postpone(filed, form.until.data, form.reason.data, by=current_user, today=today_in_amsterdam())
    except loket.IllegalTransition:
        return _illegal(filed)
    except LoketError as error:
        messages = {"period ended": _("De beslistermijn is al verstreken: verdagen kan alleen vóór het einde van de "
                                      "termijn (artikel 4:14 Awb)."),
                    "until": _("Kies een datum na de huidige uiterste datum en ten hoogste %(weeks)s weken later.",
                               weeks=loket.MAX_POSTPONE_WEEKS)}
        form.until.errors = [messages.get(str(error), _("Verdagen is niet gelukt."))]
        return _case_page(filed, 400 if str(error) == "until" else 409, postpone_form=form)
    if filed.requester_email:
        mail.deliver(mail.compose("loket_postponed", filed.requester_email,
                                  _("Uw verzoek %(ref)s: het besluit komt later", ref=filed.reference), request=filed,
                                  organisation=db.session.get(Organisation, filed.organisation_id),
                                  link=url_for("loket.follow", request_token=filed.token, _external=True)))
    flash(_("Het besluit is verdaagd. De verzoeker kreeg een e-mail met de nieuwe datum en de reden."), "ok")
    return redirect(url_for("loket.case", request_id=filed.id))


@bp.route("/loket/verzoeken/<int:request_id>/besluiten", methods=["POST"])
def decide(request_id: int):
    filed = _request_for(request_id)
    form = DecideForm()
    if not form.validate_on_submit():
        return _case_page(filed, 400, decide_form=form)
    try:
        with unit_of_work():
            loket.decide(filed, Outcome(form.outcome.data), form.reasons.data, form.conditions.data or "",
                         by=current_user, today=today_in_amsterdam())
    except loket.IllegalTransition:
        return _illegal(filed)
    flash(_("Het besluit is vastgelegd. Download de brief en stuur die naar de verzoeker."), "ok")
    return redirect(url_for("loket.case", request_id=filed.id))


@bp.route("/loket/verzoeken/<int:request_id>/steun", methods=["POST"])
def paper_support(request_id: int):
    """Record the supporters counted on paper lists of a burgerinitiatief."""
    filed = _request_for(request_id)
    form = PaperForm()
    if filed.right != "burgerinitiatief":
        abort(404)
    if not form.validate_on_submit():
        return _case_page(filed, 400, paper_form=form)
    with unit_of_work():
        loket.count_paper(filed, int(form.count.data.strip()), by=current_user)
    flash(_("Het aantal ondersteuners op papier is opgeslagen."), "ok")
    return redirect(url_for("loket.case", request_id=filed.id))


@bp.route("/loket/verzoeken/<int:request_id>/besluit.docx")
def letter(request_id: int):
    """The decision letter (Word), from the decision stored on the request."""
    filed = _request_for(request_id)
    organisation = db.session.get(Organisation, filed.organisation_id)
    data = render_docx(build_decision_letter(filed, content.loket(), organisation.display_name,
                                             organisation.body_type), today_in_amsterdam())
    with unit_of_work():
        loket.record_download(filed, "besluit.docx", by=current_user)
    name = re.sub(r"[^A-Za-z0-9-]+", "-", f"besluit-{filed.reference}").strip("-")
    return Response(data, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    headers={"Content-Disposition": f"attachment; filename={name}.docx"})


@bp.route("/loket/verzoeken/<int:request_id>/bijlagen/<int:attachment_id>")
def attachment(request_id: int, attachment_id: int):
    filed = _request_for(request_id)
    item = db.session.get(LoketAttachment, attachment_id)
    if item is None or item.request_id != filed.id:
        abort(404)
    with unit_of_work():
        loket.record_download(filed, item.filename, by=current_user)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", item.filename)
    return Response(item.data, mimetype=item.content_type,
                    headers={"Content-Disposition": f"attachment; filename={safe}"})
