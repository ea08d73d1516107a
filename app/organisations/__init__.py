from flask import Blueprint

bp = Blueprint("workspaces", __name__)

from app.organisations import routes  # noqa: E402,F401
from app.organisations import audit_routes, settings_routes  # noqa: E402,F401
