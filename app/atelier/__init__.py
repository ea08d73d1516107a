from flask import Blueprint

bp = Blueprint("atelier", __name__)

from app.atelier import routes  # noqa: E402,F401
from app.atelier import live_routes  # noqa: E402,F401
from app.atelier import dashboard_routes  # noqa: E402,F401
from app.atelier import facilitator_routes  # noqa: E402,F401
from app.atelier import homework_routes  # noqa: E402,F401
