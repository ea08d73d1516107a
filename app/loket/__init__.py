"""Het loket: residents file requests under the adopted ordinance; staff handle them within its periods."""
from flask import Blueprint

bp = Blueprint("loket", __name__)

from app.loket import routes  # noqa: E402,F401
