from pathlib import Path

from flask import redirect, render_template, url_for
from flask_babel import gettext as _

from app import content
from app.services.plans import deadline
from app.services.questions.handreiking import render_markdown
from app.site import bp

HELP_FILE = Path(__file__).resolve().parents[2] / "docs" / "veelgestelde-vragen.md"
ACCESSIBILITY_FILE = Path(__file__).resolve().parents[2] / "docs" / "toegankelijkheidsverklaring.md"


def start_page():
    """What the tool is, for whom, its eight steps and the days left; shown at "/" to visitors not logged in."""
    return render_template("site/start.html", steps=content.handreiking().steps, countdown=deadline.countdown())


@bp.route("/hulp")
def help_page():
    """Veelgestelde vragen, from a Markdown file that content editors keep."""
    return render_template("site/help.html", body=render_markdown(HELP_FILE.read_text(encoding="utf-8")))


@bp.route("/toegankelijkheid")
def accessibility_statement():
    """The toegankelijkheidsverklaring (Besluit digitale toegankelijkheid overheid), linked from every page's footer."""
    return render_template("site/help.html", title=_("Toegankelijkheidsverklaring"),
                           body=render_markdown(ACCESSIBILITY_FILE.read_text(encoding="utf-8")))


@bp.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links to: send them to the SVG."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
