from flask import Blueprint

bp = Blueprint("accounts", __name__)

from app.accounts import routes, recovery_routes, sso_routes  # noqa: E402,F401
