from flask import Blueprint

bp = Blueprint("zelfscan", __name__)

from app.zelfscan import routes  # noqa: E402,F401
