"""Configuration classes, read from the environment."""
import os
import secrets
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


def check_secret_key(config, instance_path: str) -> None:
    """Outside debug mode, refuse to start without a SECRET_KEY: a key written in code would sign anyone's cookies.
    In debug mode the key is kept in instance/secret_key (made once), the same file `make run` uses."""
    if config.get("SECRET_KEY") or config.get("TESTING"):
        return
    if config.get("DEBUG"):
        config["SECRET_KEY"] = instance_secret_key(Path(instance_path))
        return
    raise SystemExit("SECRET_KEY ontbreekt. Zet de omgevingsvariabele SECRET_KEY op een lange willekeurige waarde, "
                     "bijvoorbeeld uit: python -c 'import secrets; print(secrets.token_hex(32))'. Of start in "
                     "debugmodus (FLASK_DEBUG=1) op uw eigen computer.")


def instance_secret_key(instance_path: Path) -> str:
    path = instance_path / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip()


class Config:
    # --- Security -------------------------------------------------------------------------
    #: signs the session cookie; required outside debug mode (see check_secret_key)
    SECRET_KEY = os.environ.get("SECRET_KEY") or None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    # Logins end on the server (app/services/accounts/sessions.py); no remember-me cookie is ever set.
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "120"))
    SESSION_MAX_HOURS = int(os.environ.get("SESSION_MAX_HOURS", "12"))
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    WTF_CSRF_TIME_LIMIT = None  # a plan is edited over long sessions; the token lives as long as the session
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024  # larger posts are refused with 413
    PASSWORD_HASH_METHOD = "scrypt"
    #: minutes a password-reset link works; hours a sign-up waits for its confirmation link
    PASSWORD_RESET_MINUTES = int(os.environ.get("PASSWORD_RESET_MINUTES", "60"))
    EMAIL_CONFIRM_HOURS = int(os.environ.get("EMAIL_CONFIRM_HOURS", "48"))
    #: Fernet key that encrypts the client secrets of single sign-on in the database (app/services/accounts/sso.py); the
    #: secret of organisation N may instead come from the variable SSO_CLIENT_SECRET_N, which then wins
    SSO_SECRET_KEY = os.environ.get("SSO_SECRET_KEY") or None
    #: hosts of identity providers the server may fetch from although they are on a non-public address or plain http
    #: (comma-separated); empty in production: an issuer on 127.0.0.1, 10.x or 169.254.x is refused
    #: (app/services/accounts/sso.py)
    SSO_ALLOWED_HOSTS = [h.strip() for h in os.environ.get("SSO_ALLOWED_HOSTS", "").split(",") if h.strip()]
    #: LibreOffice for the PDF/A export (app/services/documents/pdf.py), and how long one conversion may take
    SOFFICE_PATH = os.environ.get("SOFFICE_PATH", "/usr/bin/soffice")
    PDF_TIMEOUT_SECONDS = int(os.environ.get("PDF_TIMEOUT_SECONDS", "120"))

    # --- Rate limits ------------------------------------------------------------------------
    # Counted where all workers see them: "database://" is the app's own database (app/services/core/rate_limits.py);
    # "redis://host:6379" uses Redis (pip install redis). Limits read as "10 per minute", "20 per 15 minutes".
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "database://")
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")  # per IP address
    LOGIN_ACCOUNT_RATE_LIMIT = os.environ.get("LOGIN_ACCOUNT_RATE_LIMIT", "10 per 15 minutes")  # per typed address
    REGISTER_RATE_LIMIT = os.environ.get("REGISTER_RATE_LIMIT", "10 per hour")  # per IP address
    RESET_RATE_LIMIT = os.environ.get("RESET_RATE_LIMIT", "5 per 15 minutes")  # per IP address
    RESET_ACCOUNT_RATE_LIMIT = os.environ.get("RESET_ACCOUNT_RATE_LIMIT", "3 per hour")  # per typed address
    # answers to one survey per (hashed) IP address per day, counted from the stored answers: a class or an office
    # behind one address still fits; in event mode (one tablet at a meeting, chosen by the project leader) the higher
    SURVEY_ADDRESS_LIMIT = int(os.environ.get("SURVEY_ADDRESS_LIMIT", "50"))
    SURVEY_EVENT_ADDRESS_LIMIT = int(os.environ.get("SURVEY_EVENT_ADDRESS_LIMIT", "500"))

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
    LOGIN_ACCOUNT_RATE_LIMIT = "5 per minute"
    REGISTER_RATE_LIMIT = "5 per minute"
    RESET_RATE_LIMIT = "5 per minute"
    RESET_ACCOUNT_RATE_LIMIT = "3 per minute"
    MAIL_SERVER = ""  # mail stays in memory (app/services/core/mail.py: outbox())
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast for tests only; production uses scrypt
    SSO_ALLOWED_HOSTS = ["127.0.0.1"]  # the test suite's identity provider (tests/sso/provider.py)
