"""Public pages: the start page for visitors, the help page and the favicon."""
from flask import Blueprint

bp = Blueprint("site", __name__)

from app.site import routes  # noqa: E402,F401
