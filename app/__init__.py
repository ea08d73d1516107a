"""Participatie-assistent: the application factory."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from config import Config, check_secret_key


def create_app(config_class: type = Config) -> Flask:
    app = Flask(__name__, template_folder="../templates", instance_relative_config=True)
    app.config.from_object(config_class)
    os.makedirs(app.instance_path, exist_ok=True)  # the SQLite database lives there
    check_secret_key(app.config, app.instance_path)  # stops here, naming the variable, when there is no key

    from app import content, errors, extensions, logs, security, templating
    from config import engine_options
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    logs.init_app(app)         # the operational log: one line per event, JSON when LOG_FORMAT=json
    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(Path(app.root_path).parent / "migrations"))
    extensions.csrf.init_app(app)
    extensions.login_manager.init_app(app)
    extensions.babel.init_app(app, locale_selector=lambda: "nl")
    from app import i18n, mail
    i18n.init_app(app)         # the services' texts (app/services/core/text.py) in the request's language
    mail.init_app(app)         # the services' mail (app/services/core/mail.py) rendered and sent by Flask
    from app.services.core import rate_limits  # noqa: F401  registers the "database://" rate-limit storage
    extensions.limiter.init_app(app)
    extensions.mail.init_app(app)
    content.init_app(app)      # loads and validates the handreiking and the clause library; fails loudly
    security.init_app(app)     # login loader, security headers
    errors.init_app(app)       # error pages, also while the database is down (503)
    templating.init_app(app)   # template helpers: error summaries, Dutch dates

    from app.accounts import bp as accounts_bp
    from app.plans import bp as plans_bp
    from app.wizard import bp as wizard_bp
    from app.ordinance import bp as ordinance_bp
    from app.organisations import bp as organisations_bp
    from app.history import bp as history_bp
    from app.assets import bp as assets_bp
    from app.adoption import bp as adoption_bp
    from app.atelier import bp as atelier_bp
    from app.reader import bp as reader_bp
    from app.site import bp as site_bp
    from app.zelfscan import bp as zelfscan_bp
    from app.documents import bp as documents_bp
    from app.projects import bp as projects_bp
    from app.cases import bp as cases_bp
    from app.surveys import bp as surveys_bp
    from app.loket import bp as loket_bp
    for blueprint in (site_bp, accounts_bp, plans_bp, wizard_bp, ordinance_bp, organisations_bp, history_bp, atelier_bp,
                      assets_bp, reader_bp, adoption_bp, zelfscan_bp, documents_bp, projects_bp, cases_bp,
                      surveys_bp, loket_bp):
        app.register_blueprint(blueprint)

    from app import cli
    cli.init_app(app)
    return app
