from flask import Blueprint

bp = Blueprint("projects", __name__)

from app.projects import routes  # noqa: E402,F401
from app.services.documents import kinds  # noqa: E402,F401  registers every document kind
from app.projects import evaluation_routes  # noqa: E402,F401
