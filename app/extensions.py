"""Flask extensions: created once here, bound to the app in create_app."""
import click
from flask import g
from flask.cli import with_appcontext
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mail import Mail
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class LazyMigrate:
    """Flask-Migrate, imported the first time a `flask db` command or flask_migrate.upgrade() asks for it: with
    Alembic it took a sixth of every start of the app, and a web worker never migrates."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs

    def init_app(self, app, db, **kwargs) -> None:
        app.extensions["migrate"] = _MigrateOnFirstUse(app, db, {**self.kwargs, **kwargs})
        app.cli.add_command(_db_commands, name="db")


class _MigrateOnFirstUse:
    """Stands in for Flask-Migrate's app.extensions["migrate"] until something reads it; then builds the real one."""

    def __init__(self, app, db, kwargs: dict):
        self._start, self._config = (app, db, kwargs), None

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        if self._config is None:
            from flask_migrate import Migrate
            app, db, kwargs = self._start
            Migrate(app, db, **kwargs)  # puts the real config in app.extensions["migrate"] and the real `db` commands
            self._config = app.extensions["migrate"]
        return getattr(self._config, name)


class _DbCommands(click.Group):
    """`flask db ...`: Flask-Migrate's commands, imported when the group is used."""

    @staticmethod
    def _commands() -> click.Group:
        from flask_migrate.cli import db as commands
        return commands

    def list_commands(self, ctx):
        return self._commands().list_commands(ctx)

    def get_command(self, ctx, name):
        return self._commands().get_command(ctx, name)


# The options and callback of flask_migrate.cli.db, which its commands read from `g`.
@click.group("db", cls=_DbCommands)
@click.option("-d", "--directory", default=None, help='Migration script directory (default is "migrations")')
@click.option("-x", "--x-arg", multiple=True, help="Additional arguments consumed by custom env.py scripts")
@with_appcontext
def _db_commands(directory, x_arg):
    """Perform database migrations."""
    g.directory = directory
    g.x_arg = x_arg


db = SQLAlchemy(model_class=Base)
migrate = LazyMigrate(render_as_batch=True)  # SQLite needs batch mode to alter tables
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])  # storage: RATELIMIT_STORAGE_URI
mail = Mail()
