"""Configuration classes, read from the environment."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{BASE_DIR / 'instance' / 'participatie.db'}"
    # Hosting platforms often hand out postgres:// URLs; SQLAlchemy wants the psycopg driver name.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


class Config:
    # --- Security -------------------------------------------------------------------------
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-change-me")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    WTF_CSRF_TIME_LIMIT = None  # a plan is edited over long sessions; the token lives as long as the session
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024  # larger posts are refused with 413
    PASSWORD_HASH_METHOD = "scrypt"
    #: minutes a password-reset link works; hours a sign-up waits for its confirmation link
    PASSWORD_RESET_MINUTES = int(os.environ.get("PASSWORD_RESET_MINUTES", "60"))
    EMAIL_CONFIRM_HOURS = int(os.environ.get("EMAIL_CONFIRM_HOURS", "48"))

    # --- Rate limits ------------------------------------------------------------------------
    # Counted where all workers see them: "database://" is the app's own database (app/services/rate_limits.py);
    # "redis://host:6379" uses Redis (pip install redis). Limits read as "10 per minute", "20 per 15 minutes".
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "database://")
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")  # per IP address
    LOGIN_ACCOUNT_RATE_LIMIT = os.environ.get("LOGIN_ACCOUNT_RATE_LIMIT", "10 per 15 minutes")  # per typed address
    REGISTER_RATE_LIMIT = os.environ.get("REGISTER_RATE_LIMIT", "10 per hour")  # per IP address
    RESET_RATE_LIMIT = os.environ.get("RESET_RATE_LIMIT", "5 per 15 minutes")  # per IP address
    RESET_ACCOUNT_RATE_LIMIT = os.environ.get("RESET_ACCOUNT_RATE_LIMIT", "3 per hour")  # per typed address

    # --- Mail -------------------------------------------------------------------------------
    # With MAIL_SERVER set, mail goes out by SMTP (Flask-Mail); without it every mail is written to
    # instance/mail/ and announced on the console (development). Tests keep mail in memory.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_USE_SSL = os.environ.get("MAIL_USE_SSL", "0") == "1"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Participatie-assistent <noreply@localhost>")

    # --- Database -------------------------------------------------------------------------
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # --- Language -------------------------------------------------------------------------
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"

    # --- Content --------------------------------------------------------------------------
    HANDREIKING_DIR = os.environ.get("HANDREIKING_DIR", str(BASE_DIR / "handreiking"))
    ORDINANCE_TEMPLATES_DIR = os.environ.get("ORDINANCE_TEMPLATES_DIR", str(BASE_DIR / "ordinance_templates"))
    VENDOR_DIR = os.environ.get("VENDOR_DIR", str(BASE_DIR / "node_modules"))


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = True
    RATELIMIT_ENABLED = True
    LOGIN_RATE_LIMIT = "5 per minute"
    LOGIN_ACCOUNT_RATE_LIMIT = "5 per minute"
    REGISTER_RATE_LIMIT = "5 per minute"
    RESET_RATE_LIMIT = "5 per minute"
    RESET_ACCOUNT_RATE_LIMIT = "3 per minute"
    MAIL_SERVER = ""  # mail stays in memory (app/services/mail.py: outbox())
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast for tests only; production uses scrypt
