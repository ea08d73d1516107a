from flask import Blueprint

bp = Blueprint("projects", __name__)

from app.projects import routes  # noqa: E402,F401
from app.services.projects import documents  # noqa: E402,F401  registers the two document kinds
