from flask import Blueprint

bp = Blueprint("plans", __name__)

from app.plans import routes  # noqa: E402,F401
from app.plans import manage_routes  # noqa: E402,F401
