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


def engine_options(url: str) -> dict:
    """SQLite: a write transaction takes the write lock when it begins (BEGIN IMMEDIATE) and waits up to 30 s for
    it, so parallel saves from several workers queue instead of failing or reading a stale row; reads stay
    lock-free. PostgreSQL: check pooled connections before use."""
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30, "isolation_level": "IMMEDIATE"}}
    return {"pool_pre_ping": True}


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
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")
    PASSWORD_HASH_METHOD = "scrypt"

    # --- Database -------------------------------------------------------------------------
    SQLALCHEMY_DATABASE_URI = _database_url()

    # --- Logging and the audit trail -------------------------------------------------------
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")  # "json": one JSON object per line, for a log collector
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", "365"))  # `flask audit purge` removes older
    AUDIT_PAGE_SIZE = 50

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
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast for tests only; production uses scrypt
