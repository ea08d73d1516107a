import re
from datetime import date

from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.ordinance import bp
from app.ordinance.forms import ArticleTextForm
from app.security import plan_for
from app.services.plans import comments, deadline, exchange as plan_io
from app.services.ordinance import reviews
from app.services.history import versions
from app.services.ordinance import article_texts, build_ordinance, changes
from app.services.ordinance import documents as ordinance_documents
from app.services.ordinance.check import check_status
from app.services.ordinance.docx_render import render_changes_docx, render_ordinance_docx
from app.services.ordinance.model import segments
from app.services.questions.questions import field_name
from app.services.core.access import Action, can
from app.services.core.transaction import unit_of_work

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ordinance(plan, today: date):
    """The ordinance as generated from the answers, without the jurist's own texts. `today` is the date of the
    concept (the page's, the CLI's and the documents' alike): the check compares the plan's dates with it."""
    loaded = content.current()
    return build_ordinance(loaded.clause_library, loaded.handreiking, plan_io.plan_input(plan, loaded, today=today),
                           today=today)


def _with_own_texts(plan, today: date):
    """The ordinance as the team sees it: own article texts in place of the generated ones."""
    ordinance = _ordinance(plan, today)
    return ordinance, article_texts.apply(ordinance, article_texts.texts_for(plan))


def _file_name(prefix: str, plan) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", f"{prefix}-{plan.organisation.name}").strip("-").lower() + ".docx"


@bp.route("/plannen/<int:plan_id>/verordening")
@login_required
def preview(plan_id: int):
    """The draft ordinance in the browser, with open points, the check's findings and review marks."""
    plan, role = plan_for(plan_id)
    ordinance, own_texts = _with_own_texts(plan, deadline.today_in_amsterdam())
    marks = reviews.reviews_for(plan)
    by_article: dict[str, list] = {}
    for c in comments.comments_for(plan):
        if c.target.startswith("article:"):
            by_article.setdefault(c.target[8:], []).append(c)
    handreiking = content.handreiking()

    def open_link(key: str) -> str:
        found = handreiking.find_question(key)
        number = found[0].number if found else 1
        return url_for("wizard.step", plan_id=plan.id, number=number) + "#" + field_name(key)

    return render_template("ordinance/preview.html", plan=plan, role=role, ordinance=ordinance, segments=segments,
                           open_link=open_link,
                           index=reviews.review_index(ordinance, marks), own_texts=own_texts, comments=by_article,
                           can_review=can(current_user, Action.REVIEW, plan),
                           can_comment=can(current_user, Action.COMMENT, plan),
                           can_download=can(current_user, Action.DOWNLOAD, plan),
                           status=check_status(ordinance))


@bp.route("/plannen/<int:plan_id>/verordening.docx")
@login_required
def download(plan_id: int):
    """The draft ordinance with toelichting as a Word document."""
    plan, _role = plan_for(plan_id, Action.DOWNLOAD)
    today = deadline.today_in_amsterdam()
    ordinance, own_texts = _with_own_texts(plan, today)
    data = render_ordinance_docx(ordinance, today, own_texts=own_texts)
    name = _file_name("concept-participatieverordening", plan)
    with unit_of_work():
        ordinance_documents.record_download(plan, name, by=current_user)
    return Response(data, mimetype=DOCX_MIME, headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/plannen/<int:plan_id>/verordening/wijzigingen.docx")
@login_required
def changes_docx(plan_id: int):
    """The draft of one version with the changes from another as Word revisions (tracked changes)."""
    plan, _role = plan_for(plan_id, Action.DOWNLOAD)
    old_ref, new_ref = request.args.get("van", ""), request.args.get("naar", versions.CURRENT)
    own = (old_ref, new_ref) == (versions.GENERATED, versions.OWN)  # the jurist's own texts against the generated
    if own:
        old = new = versions.state_of(plan, versions.CURRENT)
    else:
        old, new = versions.state_of(plan, old_ref), versions.state_of(plan, new_ref)
    if old is None or new is None:
        abort(404)
    before, after = changes.ordinances_to_compare(content.clause_library(), content.handreiking(), plan, old, new,
                                                  generated_before=own)
    names = {versions.CURRENT: _("Huidige versie"), versions.GENERATED: _("Gegenereerde tekst"),
             versions.OWN: _("Eigen teksten van de jurist")} | {str(s.id): s.name for s in versions.snapshots(plan)}
    data = render_changes_docx(after, changes.compare(before, after), author=current_user.name,
                               old_name=names[old_ref], new_name=names[new_ref], today=deadline.today_in_amsterdam())
    name = _file_name("wijzigingen-participatieverordening", plan)
    with unit_of_work():
        ordinance_documents.record_download(plan, name, by=current_user, van=names[old_ref], naar=names[new_ref])
    return Response(data, mimetype=DOCX_MIME, headers={"Content-Disposition": f"attachment; filename={name}"})


@bp.route("/plannen/<int:plan_id>/verordening/<article_key>/beoordeling", methods=["POST"])
@login_required
def review_article(plan_id: int, article_key: str):
    """Mark an article as reviewed by the jurist, or take the mark away. A script asks for JSON and updates the page
    in place; a plain form post returns to the article."""
    plan, _role = plan_for(plan_id, Action.REVIEW)
    ordinance, own_texts = _with_own_texts(plan, deadline.today_in_amsterdam())
    article = ordinance.article(article_key)
    if article is None:
        abort(404)
    if request.form.get("action") == "intrekken":
        with unit_of_work():
            reviews.unmark(plan, article.key, by=current_user)
        message, category = _("De beoordeling van %(article)s is ingetrokken.", article=article.heading), "info"
    else:
        with unit_of_work():
            reviews.mark_reviewed(plan, article, by=current_user)
        message, category = _("%(article)s is gemarkeerd als beoordeeld.", article=article.heading), "ok"
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        index = reviews.review_index(ordinance, reviews.reviews_for(plan))
        state = index.get(article.key)
        return jsonify(
            article=article.key,
            message=message,
            counter=_("%(done)s van %(total)s beoordeeld", done=index.reviewed, total=index.total),
            state=render_template("ordinance/_review_state.html", state=state, own=own_texts.get(article.key)),
            review=render_template("ordinance/_review.html", plan=plan, article=article, state=state,
                                   can_review=True))
    flash(message, category)
    return redirect(url_for("ordinance.preview", plan_id=plan.id) + f"#artikel-{article.key}")


@bp.route("/plannen/<int:plan_id>/verordening/<article_key>/eigen-tekst", methods=["GET", "POST"])
@login_required
def article_text(plan_id: int, article_key: str):
    """The jurist writes an own text for an article, in place of the generated one."""
    plan, role = plan_for(plan_id, Action.REVIEW)
    ordinance = _ordinance(plan, deadline.today_in_amsterdam())
    article = ordinance.article(article_key)
    if article is None:
        abort(404)
    form = ArticleTextForm()
    if form.validate_on_submit():
        with unit_of_work():
            article_texts.save(plan, article, form.body.data, by=current_user)
        flash(_("De eigen tekst van %(article)s is opgeslagen.", article=article.heading), "ok")
        return redirect(url_for("ordinance.preview", plan_id=plan.id) + f"#artikel-{article.key}")
    generated = article.full_text()
    own = article_texts.apply(ordinance, article_texts.texts_for(plan)).get(article.key)
    if request.method == "GET":
        form.body.data = own.body if own else generated
    return render_template("ordinance/article_text.html", plan=plan, role=role, article=article, form=form,
                           generated=generated, own=own), 422 if form.errors else 200


@bp.route("/plannen/<int:plan_id>/verordening/<article_key>/eigen-tekst/verwijderen", methods=["POST"])
@login_required
def remove_article_text(plan_id: int, article_key: str):
    """Back to the generated text of an article."""
    plan, _role = plan_for(plan_id, Action.REVIEW)
    with unit_of_work():
        removed = article_texts.remove(plan, article_key, by=current_user)
    if removed:
        flash(_("De eigen tekst is verwijderd; het artikel heeft weer de gemaakte tekst."), "info")
    else:  # removed already, in another tab or by a colleague
        flash(_("Dit artikel heeft geen eigen tekst (meer); het heeft de gemaakte tekst."), "info")
    return redirect(url_for("ordinance.preview", plan_id=plan.id) + f"#artikel-{article_key}")
