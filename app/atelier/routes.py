"""The leeratelier's pages: my ateliers, a new atelier, the atelier with its rounds and groups, joining by link,
and an organisation's sharing choices."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.atelier import bp
from app.atelier import forms
from app.atelier.forms import (AtelierForm, GroupForm, InviteForm, JoinForm, RoundForm, TakeOverForm, seating_form,
                               share_form)
from app.extensions import db
from app.models import Atelier, AtelierInvitation, AtelierParticipant, ParticipationPlan
from app.models.atelier import ROUND_NUMBERS, ShareScope
from app.models.organisation import utcnow
from app.security import load_or_404, require_access
from app.services.core import mail
from app.services.plans import plans
from app.services.core.access import Action, can
from app.services.questions.answers import display_value
from app.services.atelier import ateliers, homework, live, reactions, sharing, takeover
from app.services.atelier.ateliers import AtelierError
from app.services.core.transaction import SaveFailed, unit_of_work
from app.templating import _LOCAL, local_time


def _local_now() -> datetime:
    """Round dates and times are typed in Dutch local time, so "has it started" is asked in local time too."""
    return datetime.now(timezone.utc).astimezone(_LOCAL).replace(tzinfo=None)


def _atelier(atelier_id: int, action: Action) -> Atelier:
    """The atelier if the current user may do `action`: 404 for outsiders, 403 for a participant who may not."""
    return load_or_404(Atelier, atelier_id, action, current_user)


def _round_number(number: int) -> int:
    if number not in ROUND_NUMBERS:
        abort(404)
    return number


@bp.route("/ateliers")
@login_required
def index():
    """Mijn ateliers: those the user organises or facilitates, and those their organisations take part in."""
    return render_template("atelier/index.html", ateliers=ateliers.ateliers_of(current_user))


@bp.route("/ateliers/nieuw", methods=["GET", "POST"])
@login_required
def new():
    """Start an atelier; the one who starts it becomes its organiser and facilitator."""
    form = AtelierForm()
    if form.validate_on_submit():
        with unit_of_work():
            atelier = ateliers.create_atelier(form.name.data, current_user)
        flash(_("Het leeratelier is aangemaakt. Vul de data van de rondes in en nodig de organisaties uit."), "ok")
        return redirect(url_for("atelier.show", atelier_id=atelier.id))
    return render_template("atelier/new.html", form=form), 422 if form.errors else 200


def _show(atelier: Atelier, invite_form=None, status: int = 200, number: int | None = None, message_form=None,
          countdown_form=None):
    handreiking = content.handreiking()
    now = _local_now()
    facilitate = can(current_user, Action.FACILITATE, atelier)
    number = number or request.args.get("ronde", type=int)
    number = number if number in ROUND_NUMBERS else ateliers.current_round(atelier, now)
    mine = ateliers.participants_of(current_user, atelier)
    groups = ateliers.groups_in_round(atelier, number)
    return render_template(
        "atelier/show.html", atelier=atelier, facilitate=facilitate, now=now, shown_round=number,
        steps_of_round=lambda n: ateliers.steps_of_round(handreiking, n),
        groups_in_round=lambda n: ateliers.groups_in_round(atelier, n), mine=mine,
        shared=sharing.shared_answers(current_user, atelier, number, handreiking, now),
        display_value=display_value, invite_form=invite_form or InviteForm(),
        invitations=ateliers.invitations_of(atelier) if facilitate else [], link_state=ateliers.link_state,
        invitation_link=lambda i: url_for("atelier.join", token=i.token, _external=True),
        local_time=local_time, message_form=message_form or forms.message_form(groups),
        countdown_form=countdown_form or forms.CountdownForm(), **_live_context(atelier, number)), status


def _live_context(atelier: Atelier, number: int) -> dict:
    """What templates/atelier/_live.html needs: the round's messages, countdown and help requests."""
    return dict(live=live.live_state(current_user, atelier, number), clock=live.clock, iso_utc=live.iso_utc,
                live_url=url_for("atelier.live_state", atelier_id=atelier.id, ronde=number), now_utc=utcnow())


@bp.route("/ateliers/<int:atelier_id>")
@login_required
def show(atelier_id: int):
    """The atelier: its rounds with date, time and place, the groups per round, and what others shared."""
    return _show(_atelier(atelier_id, Action.PARTICIPATE))


@bp.route("/ateliers/<int:atelier_id>/rondes/<int:number>", methods=["GET", "POST"])
@login_required
def edit_round(atelier_id: int, number: int):
    """Change the date, times and place (or video link) of a round."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    rnd = atelier.round(_round_number(number))
    form = RoundForm(obj=rnd)
    if form.validate_on_submit():
        try:
            with unit_of_work():
                ateliers.update_round(rnd, current_user, day=form.date.data, start=form.start_time.data,
                                      end=form.end_time.data, place=form.place.data or "",
                                      video_link=form.video_link.data or "")
            flash(_("Ronde %(number)s is opgeslagen.", number=number), "ok")
            return redirect(url_for("atelier.show", atelier_id=atelier.id))
        except AtelierError as exc:
            form.end_time.errors = [str(exc)]
    return render_template("atelier/round.html", atelier=atelier, rnd=rnd, form=form,
                           steps=ateliers.steps_of_round(content.handreiking(), number)), 422 if form.errors else 200


def _groups_page(atelier: Atelier, number: int, group_form=None, seats_form=None, status: int = 200):
    groups = ateliers.groups_in_round(atelier, number)
    if seats_form is None:
        current = {}
        for g in groups:
            for s in g.seats:
                current[f"p{s.participant_id}"] = str(g.id)
        seats_form = seating_form(atelier.participants, groups, data=current)
    return render_template("atelier/groups.html", atelier=atelier, number=number, groups=groups,
                           group_form=group_form or GroupForm(), seats_form=seats_form,
                           seat_fields=[seats_form[f"p{p.id}"] for p in atelier.participants]), status


@bp.route("/ateliers/<int:atelier_id>/rondes/<int:number>/groepen", methods=["GET", "POST"])
@login_required
def groups(atelier_id: int, number: int):
    """The groups (tables) of a round: add a group; the seating form is below it."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    number = _round_number(number)
    form = GroupForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            return _groups_page(atelier, number, group_form=form, status=422)
        with unit_of_work():
            ateliers.add_group(atelier, number, form.name.data, current_user)
        flash(_("De groep is toegevoegd. Deel hieronder de organisaties in."), "ok")
        return redirect(url_for("atelier.groups", atelier_id=atelier.id, number=number))
    return _groups_page(atelier, number)


@bp.route("/ateliers/<int:atelier_id>/rondes/<int:number>/indeling", methods=["POST"])
@login_required
def seating(atelier_id: int, number: int):
    """Seat every participating organisation at a table for this round."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    number = _round_number(number)
    groups_ = ateliers.groups_in_round(atelier, number)
    form = seating_form(atelier.participants, groups_)
    if not form.validate_on_submit():
        return _groups_page(atelier, number, seats_form=form, status=422)
    choices = {p.id: int(form[f"p{p.id}"].data) if form[f"p{p.id}"].data else None for p in atelier.participants}
    with unit_of_work():
        ateliers.seat(atelier, number, choices, current_user)
    flash(_("De indeling van ronde %(number)s is opgeslagen.", number=number), "ok")
    return redirect(url_for("atelier.groups", atelier_id=atelier.id, number=number))


@bp.route("/ateliers/<int:atelier_id>/uitnodigingen", methods=["POST"])
@login_required
def invite(atelier_id: int):
    """Make a link by which one organisation can join."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    form = InviteForm()
    if not form.validate_on_submit():
        return _show(atelier, form, 422)
    email = (form.email.data or "").strip().lower() or None
    with unit_of_work():
        link = ateliers.create_invitation(atelier, form.label.data or "", current_user)
    if email:  # the team invitation's mail, worded for an atelier
        mail.deliver(mail.compose(
            "invitation", to=email, subject=_("Uitnodiging voor het leeratelier %(name)s", name=atelier.name),
            by=current_user.name, atelier=atelier.name,
            link=url_for("atelier.join", token=link.token, _external=True), expires=local_time(link.expires_at)))
        flash(_("De uitnodiging is gemaakt en per e-mail verstuurd naar %(email)s. U kunt de link hieronder ook zelf "
                "kopiëren.", email=email), "ok")
    else:
        flash(_("De uitnodigingslink is gemaakt. Kopieer hem hieronder en stuur hem naar de beheerder van de "
                "organisatie."), "ok")
    return redirect(url_for("atelier.show", atelier_id=atelier.id) + "#uitnodigingen")


@bp.route("/ateliers/<int:atelier_id>/uitnodigingen/<int:link_id>/intrekken", methods=["POST"])
@login_required
def withdraw(atelier_id: int, link_id: int):
    """Withdraw a link that was not used yet."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    link = db.session.get(AtelierInvitation, link_id)
    if link is None or link.atelier_id != atelier.id:
        abort(404)
    try:
        with unit_of_work():
            ateliers.withdraw_invitation(link, current_user)
        flash(_("De uitnodiging is ingetrokken; de link werkt niet meer."), "ok")
    except AtelierError as exc:
        flash(str(exc), "error")
    return redirect(url_for("atelier.show", atelier_id=atelier.id) + "#uitnodigingen")


@bp.route("/leeratelier/uitnodiging/<token>", methods=["GET", "POST"])
@login_required
def join(token: str):
    """A beheerder accepts the link for an organisation and chooses the plan that takes part; the page first says
    plainly what the others will see."""
    link = ateliers.find_invitation(token)
    plans = ateliers.plans_to_bring(current_user)
    form = JoinForm()
    form.plan.choices = [(str(p.id), f"{p.organisation.display_name} — {p.title}") for p in plans]
    if link is not None and form.validate_on_submit():
        plan = db.session.get(ParticipationPlan, int(form.plan.data))
        try:
            with unit_of_work():
                participant = ateliers.join(token, plan, current_user)
            flash(_("%(name)s doet nu mee aan %(atelier)s.", name=participant.organisation.display_name,
                    atelier=participant.atelier.name), "ok")
            return redirect(url_for("atelier.show", atelier_id=participant.atelier_id))
        except (AtelierError, SaveFailed) as exc:
            form.plan.errors = [str(exc) if isinstance(exc, AtelierError)
                                else _("Door een storing is er niets gewijzigd. Probeer het opnieuw.")]
    handreiking = content.handreiking()
    return render_template(
        "atelier/join.html", link=link, form=form, has_plans=bool(plans),
        default_steps=sharing.default_shared_steps(link.atelier, handreiking, _local_now()) if link else [],
    ), 422 if form.errors else (200 if link or request.method == "GET" else 404)


@bp.route("/ateliers/<int:atelier_id>/deelnemers/<int:participant_id>/delen", methods=["GET", "POST"])
@login_required
def share(atelier_id: int, participant_id: int):
    """An organisation's choices: per step, share with its group, the whole atelier or nobody; stop at any time."""
    participant = db.session.get(AtelierParticipant, participant_id)
    if participant is None or participant.atelier_id != atelier_id:
        abort(404)
    require_access(Action.MANAGE if request.method == "POST" else Action.VIEW, participant)
    handreiking = content.handreiking()
    now = _local_now()
    labels = sharing.scope_labels()
    current = sharing.scopes(participant, handreiking, now)
    form = share_form(handreiking.steps, labels, data={f"stap{n}": s.value for n, s in current.items()})
    if request.method == "POST":
        stop = "stop" in request.form
        if stop or form.validate_on_submit():
            try:
                with unit_of_work():
                    if stop:
                        changed = sharing.stop_sharing(participant, handreiking, current_user, now)
                    else:
                        changed = sharing.set_scopes(participant, {s.number: form[f"stap{s.number}"].data
                                                                   for s in handreiking.steps}, handreiking,
                                                     current_user, now)
                flash(_("U deelt nu niets meer in dit leeratelier.") if stop else
                      (_("Uw keuzes zijn opgeslagen.") if changed else _("Er was niets gewijzigd.")), "ok")
                return redirect(url_for("atelier.share", atelier_id=atelier_id, participant_id=participant.id))
            except AtelierError as exc:
                flash(str(exc), "error")
    return render_template("atelier/share.html", participant=participant, atelier=participant.atelier, form=form,
                           steps=handreiking.steps, can_change=can(current_user, Action.MANAGE, participant)), \
        422 if form.errors else 200


def _work_page(atelier: Atelier, number: int, error: str | None = None, status: int = 200, reaction_form=None):
    handreiking = content.handreiking()
    own = takeover.own_participant(current_user, atelier)
    now = _local_now()
    work_ = takeover.round_work(current_user, atelier, number, handreiking, now)
    may_edit = bool(own) and can(current_user, Action.EDIT, own.plan)
    own_shared = {n for n, scope in sharing.scopes(own, handreiking, now).items()
                  if scope != ShareScope.NOBODY} if own else set()
    return render_template(
        "atelier/work.html", atelier=atelier, number=number, rnd=atelier.round(number),
        about=content.atelier_rounds()[number], work=work_, own=own, can_take=may_edit, error=error,
        display_value=display_value, assignments=homework.round_assignments(atelier, number, own, now.date()),
        can_mark=may_edit, facilitate=can(current_user, Action.FACILITATE, atelier),
        reactions=reactions.reactions_on(atelier, work_, own, own_shared), reaction_form=reaction_form,
        local_time=local_time, mine=ateliers.participants_of(current_user, atelier),
        **_live_context(atelier, number)), status


@bp.route("/ateliers/<int:atelier_id>/rondes/<int:number>/werk")
@login_required
def work(atelier_id: int, number: int):
    """The round for a participant: its goal and deliverables, and per question one's own answer beside the
    answers the other municipalities share."""
    return _work_page(_atelier(atelier_id, Action.PARTICIPATE), _round_number(number))


@bp.route("/ateliers/<int:atelier_id>/rondes/<int:number>/overnemen", methods=["POST"])
@login_required
def take_over(atelier_id: int, number: int):
    """"Overnemen": first a page with one's own answer beside the other's and the choice to replace or add; only the
    confirmation there copies it into one's own plan, as one version that says where it came from."""
    atelier = _atelier(atelier_id, Action.PARTICIPATE)
    number = _round_number(number)
    own = takeover.own_participant(current_user, atelier)
    if own is None:
        abort(403)  # a facilitator: no plan of their own in this atelier
    require_access(Action.EDIT, own.plan)
    form = TakeOverForm()
    if not form.validate_on_submit():
        return _work_page(atelier, number, _("Dit antwoord kon niet worden overgenomen: het formulier was niet "
                                             "volledig. Laad de pagina opnieuw en probeer het nog eens."), 400)
    handreiking, now = content.handreiking(), _local_now()
    args = (current_user, atelier, number, form.participant.data, form.step.data, form.question.data, form.row.data)
    try:
        found = takeover.preview(*args, handreiking, now)
    except takeover.NotVisible:
        abort(404)
    if form.mode.data not in found.modes:  # the round page's button, or no choice made: nothing changes yet
        return _confirm_page(atelier, number, found, form,
                             _("Kies hoe u het antwoord wilt overnemen.") if form.mode.data else None,
                             422 if form.mode.data else 200)
    try:
        with unit_of_work():
            saved = takeover.take_over(*args, form.version.data, handreiking, now, mode=form.mode.data)
    except takeover.NotVisible:
        abort(404)
    except takeover.CannotAdd:
        return _confirm_page(atelier, number, found, form,
                             _("Samen zou het antwoord te lang worden. Kies “vervangen” of pas uw eigen antwoord "
                               "eerst aan."), 422)
    except plans.StepConflict:
        return _confirm_page(atelier, number, takeover.preview(*args, handreiking, now), form,
                             _("Uw eigen antwoord is intussen door iemand anders opgeslagen, dus er is niets "
                               "overgenomen. Hieronder staat de nieuwe stand; bevestig opnieuw als u het antwoord "
                               "nog wilt overnemen."), 409)
    except SaveFailed:
        return _confirm_page(atelier, number, found, form, _("Door een storing is er niets gewijzigd. Probeer het "
                                                             "opnieuw."), 503)
    flash(_("Het antwoord is overgenomen in uw plan. Op de pagina Versies van uw plan kunt u dit ongedaan maken.")
          if saved else _("Dit antwoord stond al zo in uw plan."), "ok")
    return redirect(url_for("atelier.work", atelier_id=atelier.id, number=number) + f"#stap{form.step.data}")


def _confirm_page(atelier, number, found, form, error=None, status=200):
    own = takeover.own_participant(current_user, atelier)
    chosen = form.mode.data if form.mode.data in found.modes else \
        (takeover.ADD if takeover.ADD in found.modes else found.modes[0])
    return render_template("atelier/take_over.html", atelier=atelier, number=number, found=found, form=form,
                           own=own, chosen=chosen, error=error, display_value=display_value,
                           REPLACE=takeover.REPLACE, ADD=takeover.ADD), status
