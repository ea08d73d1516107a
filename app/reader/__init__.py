from flask import Blueprint

bp = Blueprint("reader", __name__)

from app.reader import routes  # noqa: E402,F401
