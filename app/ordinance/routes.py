import re
from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import content
from app.ordinance import bp
from app.security import plan_for
from app.services import comments, plan_io, reviews
from app.services.ordinance import build_ordinance
from app.services.ordinance.check import check_status
from app.services.ordinance.docx_render import render_ordinance_docx
from app.services.ordinance.model import segments
from app.services.access import Action, can
from app.services import audit
from app.services.audit import AuditAction
from app.services.transaction import unit_of_work

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ordinance(plan):
    return build_ordinance(content.clause_library(), content.handreiking(),
                           plan_io.plan_input(plan, content.handreiking()))


@bp.route("/plannen/<int:plan_id>/verordening")
@login_required
def preview(plan_id: int):
    """The draft ordinance in the browser, with open points, the check's findings and review marks."""
    plan, role = plan_for(plan_id)
    ordinance = _ordinance(plan)
    marks = reviews.reviews_for(plan)
    by_article: dict[str, list] = {}
    for c in comments.comments_for(plan):
        if c.target.startswith("article:"):
            by_article.setdefault(c.target[8:], []).append(c)
    handreiking = content.handreiking()

    def open_link(key: str) -> str:
        found = handreiking.find_question(key)
        number = found[0].number if found else 1
        return url_for("wizard.step", plan_id=plan.id, number=number) + f"#q-{key}"

    return render_template("ordinance/preview.html", plan=plan, role=role, ordinance=ordinance, segments=segments,
                           open_link=open_link,
                           marks=marks, digest=reviews.digest, comments=by_article,
                           can_review=can(current_user, Action.REVIEW, plan), can_comment=can(current_user, Action.COMMENT, plan),
                           can_download=can(current_user, Action.DOWNLOAD, plan),
                           status=check_status(ordinance))


@bp.route("/plannen/<int:plan_id>/verordening.docx")
@login_required
def download(plan_id: int):
    """The draft ordinance with toelichting as a Word document."""
    plan, _role = plan_for(plan_id, Action.DOWNLOAD)
    data = render_ordinance_docx(_ordinance(plan), date.today())
    name = re.sub(r"[^A-Za-z0-9]+", "-", f"concept-participatieverordening-{plan.municipality.name}").strip("-")
    with unit_of_work():
        audit.record(AuditAction.ORDINANCE_DOWNLOAD, actor=current_user, municipality_id=plan.municipality_id,
                     target=f"plan:{plan.id}", file=f"{name.lower()}.docx")
    return Response(data, mimetype=DOCX_MIME,
                    headers={"Content-Disposition": f"attachment; filename={name.lower()}.docx"})


@bp.route("/plannen/<int:plan_id>/verordening/<article_key>/beoordeling", methods=["POST"])
@login_required
def review_article(plan_id: int, article_key: str):
    """Mark an article as reviewed by the jurist, or take the mark away."""
    plan, _role = plan_for(plan_id, Action.REVIEW)
    article = _ordinance(plan).article(article_key)
    if article is None:
        abort(404)
    if request.form.get("action") == "intrekken":
        with unit_of_work():
            reviews.unmark(plan, article.key)
        flash(_("De beoordeling van %(article)s is ingetrokken.", article=article.heading), "info")
    else:
        with unit_of_work():
            reviews.mark_reviewed(plan, article, current_user)
        flash(_("%(article)s is gemarkeerd als beoordeeld.", article=article.heading), "ok")
    return redirect(url_for("ordinance.preview", plan_id=plan.id) + f"#artikel-{article.key}")
