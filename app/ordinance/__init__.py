from flask import Blueprint

bp = Blueprint("ordinance", __name__)

from app.ordinance import routes  # noqa: E402,F401
