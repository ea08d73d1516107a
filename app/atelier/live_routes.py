"""During a round: the facilitator's messages and countdown, "Hulp vragen", and the live state the page polls.

The page is complete without JavaScript (everything is rendered on load); app/static/js/live.js asks
/ateliers/<id>/live every few seconds with If-None-Match and gets 304 while nothing changed. Plain requests, so it
works with gunicorn's sync workers (no server-sent events, no open connections)."""
from __future__ import annotations

from flask import abort, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.atelier import bp
from app.atelier.forms import CountdownForm, message_form
from app.atelier.routes import _atelier, _local_now, _round_number, _show
from app.extensions import db
from app.models import Atelier, AtelierHelpRequest, AtelierParticipant
from app.models.atelier import ROUND_NUMBERS
from app.security import require_access
from app.services.core.access import Action
from app.services.atelier import ateliers, live
from app.services.atelier.ateliers import AtelierError
from app.services.ordinance.wording import capfirst
from app.services.core.transaction import unit_of_work

#: how often the page asks for news, in seconds (live.js reads it from the page)
POLL_SECONDS = 5


def as_json(atelier: Atelier, state: dict) -> dict:
    """The live state as the script gets it: only what the viewer may see, nothing that changes by itself (so the
    ETag stays the same while nothing happens)."""
    return {
        "round": state["round"],
        "messages": [{"id": m.id, "to": m.group.name if m.group else _("iedereen"), "body": m.body,
                      "at": live.clock(m.at)} for m in state["messages"]],
        "countdown_ends_at": live.iso_utc(state["countdown_ends_at"]),
        "help": [{"id": h.id, "name": capfirst(h.participant.organisation.display_name), "at": live.clock(h.asked_at),
                  "handle_url": url_for("atelier.handle_help", atelier_id=atelier.id, help_id=h.id)}
                 for h in state["help"]],
        "my_open_help": sorted(state["my_open_help"]),
    }


@bp.route("/ateliers/<int:atelier_id>/live")
@login_required
def live_state(atelier_id: int):
    """The round's messages for the viewer, the countdown and (for facilitators) open help requests, as JSON with an
    ETag; 304 when the viewer already has this state."""
    atelier = _atelier(atelier_id, Action.PARTICIPATE)
    number = request.args.get("ronde", type=int)
    if number is None:
        number = ateliers.current_round(atelier, _local_now())
    elif number not in ROUND_NUMBERS:
        abort(404)
    response = jsonify(as_json(atelier, live.live_state(current_user, atelier, number)))
    response.add_etag()
    return response.make_conditional(request)


def _back(atelier: Atelier, number: int):
    return redirect(url_for("atelier.show", atelier_id=atelier.id, ronde=number) + "#tijdens-de-ronde")


@bp.route("/ateliers/<int:atelier_id>/rondes/<int:number>/berichten", methods=["POST"])
@login_required
def send_message(atelier_id: int, number: int):
    """The facilitator writes to everyone or to one group of the round."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    number = _round_number(number)
    form = message_form(ateliers.groups_in_round(atelier, number))
    if form.validate_on_submit():
        try:
            with unit_of_work():
                live.send_message(atelier, number, int(form.group.data) if form.group.data else None,
                                  form.body.data, current_user)
            flash(_("Uw bericht is verstuurd."), "ok")
            return _back(atelier, number)
        except AtelierError as exc:
            form.group.errors = [str(exc)]
    return _show(atelier, status=422, number=number, message_form=form)


@bp.route("/ateliers/<int:atelier_id>/rondes/<int:number>/aftellen", methods=["POST"])
@login_required
def countdown(atelier_id: int, number: int):
    """The facilitator starts (or stops) the shared countdown of an exercise."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    number = _round_number(number)
    form = CountdownForm()
    stop = "stop" in request.form
    if stop or form.validate_on_submit():
        with unit_of_work():
            live.set_countdown(atelier, number, None if stop else form.minutes.data, current_user)
        flash(_("Het aftellen is gestopt.") if stop else
              _("Het aftellen loopt: %(minutes)s minuten.", minutes=form.minutes.data), "ok")
        return _back(atelier, number)
    return _show(atelier, status=422, number=number, countdown_form=form)


@bp.route("/ateliers/<int:atelier_id>/rondes/<int:number>/deelnemers/<int:participant_id>/hulp", methods=["POST"])
@login_required
def ask_help(atelier_id: int, number: int, participant_id: int):
    """A member of a participating organisation asks the facilitator to come by."""
    participant = db.session.get(AtelierParticipant, participant_id)
    if participant is None or participant.atelier_id != atelier_id:
        abort(404)
    require_access(Action.VIEW, participant)
    number = _round_number(number)
    with unit_of_work():
        asked = live.ask_help(participant, number, current_user)
    flash(_("De facilitator ziet uw hulpvraag en komt zo snel mogelijk.") if asked else
          _("Uw hulpvraag staat al open; de facilitator ziet hem."), "ok")
    if request.form.get("terug") == "ronde":  # asked on the round page: stay there, with the work in view
        return redirect(url_for("atelier.work", atelier_id=atelier_id, number=number) + "#tijdens-de-ronde")
    return _back(participant.atelier, number)


@bp.route("/ateliers/<int:atelier_id>/hulpvragen/<int:help_id>/afgehandeld", methods=["POST"])
@login_required
def handle_help(atelier_id: int, help_id: int):
    """The facilitator marks a request for help as handled; it leaves the list."""
    atelier = _atelier(atelier_id, Action.FACILITATE)
    help_ = db.session.get(AtelierHelpRequest, help_id)
    if help_ is None or help_.atelier_id != atelier.id:
        abort(404)
    try:
        with unit_of_work():
            live.mark_handled(help_, current_user)
        flash(_("De hulpvraag van %(name)s is afgehandeld.", name=help_.participant.organisation.display_name), "ok")
    except AtelierError as exc:
        flash(str(exc), "error")
    return _back(atelier, help_.round_number)
