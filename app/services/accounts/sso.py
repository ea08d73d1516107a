"""Single sign-on for staff with OpenID Connect, through Authlib: one identity provider per organisation.

The flow is the authorization code flow with PKCE (S256). The provider is found through its discovery document
(<issuer>/.well-known/openid-configuration, whose "issuer" must be the configured one). The ID token's signature is
checked against the provider's published keys (jwks_uri), and its issuer, audience (our client id), expiry and nonce
against what this login sent. The first login links an existing account with the same verified e-mail address on
the organisation's domain, or creates one; either way the account joins the organisation with the lowest role
(meelezer) until a beheerder raises it. Every login, link and new account goes into the audit log.

Client secrets are never stored in plain text: either the environment holds it (SSO_CLIENT_SECRET_<organisation
id>) or the database holds it encrypted with Fernet under the key in SSO_SECRET_KEY.

The server fetches what a beheerder typed (the issuer) and what its discovery document names: it refuses addresses
on a loopback, private, link-local or otherwise non-public network (server-side request forgery), and plain http,
unless the host is in the setting SSO_ALLOWED_HOSTS (the test suite's provider on 127.0.0.1). The discovery
document and the keys are kept per issuer for CACHE_SECONDS in this process; a token whose key is not among the kept
keys makes one fresh fetch (the provider rotated its keys).

No Flask here: the views pass the callback URL, the pending login (kept in the user's signed session cookie), the
key, the environment and the allowed hosts.
"""
from __future__ import annotations

import ipaddress
import secrets
import socket
import time
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select

from app.extensions import db
from app.models import Membership, Organisation, SingleSignOn, SsoIdentity, User
from app.models.organisation import Role
from app.services.core import access, audit
from app.services.core.access import Action
from app.services.core.audit import AuditAction
from app.services.core.text import _
from app.services.questions.answers import clean_line

DISCOVERY_PATH = "/.well-known/openid-configuration"
#: seconds to wait for the provider (discovery, keys, token)
TIMEOUT = 10
#: the role of an account that joins an organisation through its provider
LOWEST_ROLE = Role.MEELEZER.value
SCOPE = "openid email profile"
#: seconds of clock difference with the provider that are tolerated for exp/iat
LEEWAY = 60
#: seconds the discovery document and the keys of a provider are kept (per process)
CACHE_SECONDS = 600
_cache: dict[tuple[str, str], tuple[float, Any]] = {}


class SsoError(Exception):
    """A login through the provider that is refused; `reason` goes to the audit log, the message to the user."""

    def __init__(self, reason: str, message: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.message = message or _("Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw of neem contact "
                                    "op met de beheerder van uw organisatie.")


class SettingsError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


# ---- settings -------------------------------------------------------------------------------------------------------

def settings_of(organisation: Organisation) -> SingleSignOn | None:
    return db.session.scalar(select(SingleSignOn).where(SingleSignOn.organisation_id == organisation.id))


def by_email_domain(email: str) -> SingleSignOn | None:
    """The organisation whose staff have this e-mail address's domain, if it has single sign-on."""
    domain = (clean_line(email) or "").strip().lower().rpartition("@")[2]
    if not domain:
        return None
    return db.session.scalar(select(SingleSignOn).where(func.lower(SingleSignOn.email_domain) == domain)
                             .order_by(SingleSignOn.id).limit(1))


def secret_variable(organisation_id: int) -> str:
    """The environment variable that may hold an organisation's client secret."""
    return f"SSO_CLIENT_SECRET_{organisation_id}"


def encrypt_secret(secret: str, key: str) -> str:
    from cryptography.fernet import Fernet  # imported when used: a cold start need not load it
    return Fernet(key.encode()).encrypt(secret.encode()).decode()


def client_secret(config: SingleSignOn, *, key: str | None, environ: Mapping[str, str]) -> str:
    """The client secret: from the environment if set there, else decrypted from the database."""
    from cryptography.fernet import Fernet, InvalidToken
    from_environment = environ.get(secret_variable(config.organisation_id))
    if from_environment:
        return from_environment
    if not config.client_secret_encrypted:
        raise SsoError("no_secret")
    if not key:
        raise SsoError("no_key")
    try:
        return Fernet(key.encode()).decrypt(config.client_secret_encrypted.encode()).decode()
    except (InvalidToken, ValueError):
        raise SsoError("bad_key") from None


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
                or address.is_multicast or address.is_unspecified) and address.is_global


def refused_address(url: str, allowed_hosts: Collection[str] = ()) -> bool | None:
    """Whether the server must not fetch `url`: True for plain http, no host, or a host that resolves to any
    non-public address (loopback, private, link-local, reserved, multicast); False for a public one or a host in
    `allowed_hosts`; None when the host cannot be resolved (then nothing can be fetched from it either)."""
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower(), parts.port or 443
    except ValueError:
        return True
    if host and host in {h.lower() for h in allowed_hosts}:
        return False
    if parts.scheme != "https" or not host:
        return True
    try:
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return None
    return any(not _public(ipaddress.ip_address(info[4][0].split("%")[0])) for info in found)


def forget_providers() -> None:
    """Empty the kept discovery documents and keys (tests; a beheerder's change of issuer needs no call)."""
    _cache.clear()


def _kept(kind: str, url: str, load, *, fresh: bool = False):
    now = time.monotonic()
    kept = _cache.get((kind, url))
    if kept and not fresh and now - kept[0] < CACHE_SECONDS:
        return kept[1], True
    value = load()
    _cache[(kind, url)] = (now, value)
    return value, False


def save_settings(organisation: Organisation, *, issuer: str, client_id: str, secret: str, email_domain: str,
                  allow_password_login: bool, key: str | None, environ: Mapping[str, str], by: User,
                  allowed_hosts: Collection[str] = ()) -> SingleSignOn:
    """Set the organisation's provider. A blank secret keeps the stored one; a new one is encrypted with `key`.
    An issuer on a non-public address is refused (see `refused_address`)."""
    access.require(by, Action.MANAGE, organisation)
    config = settings_of(organisation) or SingleSignOn(organisation_id=organisation.id)
    issuer = issuer.strip().rstrip("/")
    host = urlsplit(issuer).hostname if issuer.startswith(("https://", "http://")) else None
    if not issuer.startswith("https://") and host not in set(allowed_hosts):
        raise SettingsError("issuer", _("Vul het adres (issuer) van de identity provider in; het begint met https://."))
    if refused_address(issuer, allowed_hosts):
        raise SettingsError("issuer", _(
            "Dit adres ligt in een intern of gereserveerd netwerk (bijvoorbeeld 127.0.0.1, 10.x.x.x of 192.168.x.x). "
            "De app haalt alleen gegevens op bij een identity provider op een openbaar adres op internet."))
    domain = email_domain.strip().lower().lstrip("@")
    if "." not in domain or "@" in domain or " " in domain:
        raise SettingsError("email_domain",
                            _("Vul het domein van de e-mailadressen in, bijvoorbeeld voorbeeldstad.nl."))
    in_environment = bool(environ.get(secret_variable(organisation.id)))
    if secret:
        if not key:
            raise SettingsError("client_secret", _(
                "Het geheim kan niet versleuteld worden bewaard: de server heeft geen SSO_SECRET_KEY. Zet het geheim "
                "in de omgevingsvariabele %(name)s, of laat de systeembeheerder SSO_SECRET_KEY instellen.",
                name=secret_variable(organisation.id)))
        config.client_secret_encrypted = encrypt_secret(secret, key)
    elif not config.client_secret_encrypted and not in_environment:
        raise SettingsError("client_secret", _("Vul het geheim (client secret) in dat de identity provider gaf."))
    config.issuer, config.client_id, config.email_domain = issuer, client_id.strip(), domain
    config.allow_password_login = allow_password_login
    db.session.add(config)
    audit.record(AuditAction.SSO_SETTINGS_CHANGED, actor=by, organisation_id=organisation.id, target=issuer,
                 client_id=config.client_id, email_domain=domain, password_login=allow_password_login,
                 secret="omgeving" if in_environment and not secret else ("nieuw" if secret else "ongewijzigd"))
    return config


def refuse_password_login(user: User, *, by: access.Actor) -> None:
    """A right password for an account whose organisation allows only its provider: the refusal is logged."""
    access.require(by, Action.SIGN_IN, user)
    audit.record(AuditAction.LOGIN_FAILED, actor=user, reason="password_login_off")


def password_login_blocked(user: User) -> bool:
    """Whether an organisation of the user allows only its provider: then the password does not open the account."""
    member_of = [m.organisation_id for m in user.memberships]
    if not member_of:
        return False
    return db.session.scalar(select(func.count()).select_from(SingleSignOn).where(
        SingleSignOn.organisation_id.in_(member_of), SingleSignOn.allow_password_login.is_(False))) > 0


# ---- the flow -------------------------------------------------------------------------------------------------------

@dataclass
class Pending:
    """What this login sent to the provider, kept in the user's session until the provider sends them back."""
    organisation_id: int
    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> "Pending":
        try:
            if "organisation_id" not in data and "municipality_id" in data:  # a login begun before the rename
                data = {**data, "organisation_id": data["municipality_id"]}
            return cls(**{k: data[k] for k in cls.__dataclass_fields__})
        except (KeyError, TypeError):
            raise SsoError("no_pending") from None


def discover(issuer: str, allowed_hosts: Collection[str] = ()) -> dict:
    """The provider's metadata; its issuer must be the configured one (OpenID Connect Discovery, section 4.3), and
    the issuer and the addresses the server fetches from (token endpoint, keys) must be public. Kept for
    CACHE_SECONDS."""
    return _kept("discovery", issuer.rstrip("/"), lambda: _discover(issuer, allowed_hosts))[0]


def _discover(issuer: str, allowed_hosts: Collection[str]) -> dict:
    import requests  # imported when used: a cold start need not load it
    if refused_address(issuer, allowed_hosts):
        raise SsoError("address")
    try:
        response = requests.get(issuer.rstrip("/") + DISCOVERY_PATH, timeout=TIMEOUT, allow_redirects=False)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError):
        raise SsoError("discovery", _("De identity provider van uw organisatie is niet bereikbaar. Probeer het later "
                                      "opnieuw of log in met uw wachtwoord.")) from None
    if not isinstance(metadata, dict) or metadata.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise SsoError("discovery_issuer")
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(metadata.get(key), str):
            raise SsoError("discovery")
    for key in ("token_endpoint", "jwks_uri"):
        if refused_address(metadata[key], allowed_hosts):
            raise SsoError("address")
    return metadata


def begin(config: SingleSignOn, redirect_uri: str, *, allowed_hosts: Collection[str] = ()) -> tuple[str, Pending]:
    """The provider's login page to send the user to, and what to keep until they come back."""
    from authlib.integrations.requests_client import OAuth2Session
    metadata = discover(config.issuer, allowed_hosts)
    pending = Pending(organisation_id=config.organisation_id, state=secrets.token_urlsafe(24),
                      nonce=secrets.token_urlsafe(24), code_verifier=secrets.token_urlsafe(48),
                      redirect_uri=redirect_uri)
    client = OAuth2Session(config.client_id, scope=SCOPE, redirect_uri=redirect_uri, code_challenge_method="S256")
    url, _state = client.create_authorization_url(metadata["authorization_endpoint"], state=pending.state,
                                                  code_verifier=pending.code_verifier, nonce=pending.nonce)
    return url, pending


def finish(config: SingleSignOn, pending: Pending, callback_url: str, query: Mapping[str, str], *,
           secret: str, allowed_hosts: Collection[str] = ()) -> dict:
    """Exchange the code (with the PKCE verifier) and return the checked claims of the ID token."""
    from authlib.integrations.requests_client import OAuth2Session
    if query.get("state") != pending.state or config.organisation_id != pending.organisation_id:
        raise SsoError("state")
    if "error" in query:
        raise SsoError("provider:" + clean_line(query.get("error"))[:40])
    metadata = discover(config.issuer, allowed_hosts)
    client = OAuth2Session(config.client_id, secret, scope=SCOPE, redirect_uri=pending.redirect_uri,
                           code_challenge_method="S256")
    try:
        token = client.fetch_token(metadata["token_endpoint"], authorization_response=callback_url,
                                   code_verifier=pending.code_verifier, state=pending.state, timeout=TIMEOUT)
    except Exception:  # noqa: BLE001 - whatever the provider answers, the login is refused, not a 500
        raise SsoError("token") from None
    if "id_token" not in token:
        raise SsoError("no_id_token")
    return check_id_token(token["id_token"], metadata, client_id=config.client_id, nonce=pending.nonce,
                          access_token=token.get("access_token"))


def check_id_token(id_token: str, metadata: dict, *, client_id: str, nonce: str, access_token: str | None = None,
                   now: int | None = None) -> dict:
    """The claims of the ID token if its signature, issuer, audience, expiry and nonce are right. The provider's
    keys are kept for CACHE_SECONDS; a token they do not verify makes one fresh fetch (rotated keys)."""
    import requests
    from authlib.oidc.core import CodeIDToken
    from joserfc import jwt
    from joserfc.errors import JoseError
    from joserfc.jwk import KeySet
    from joserfc.jws import JWSRegistry
    def load():
        try:
            response = requests.get(metadata["jwks_uri"], timeout=TIMEOUT, allow_redirects=False)
            response.raise_for_status()
            return KeySet.import_key_set(response.json())
        except (requests.RequestException, ValueError, JoseError, TypeError):
            raise SsoError("jwks") from None

    algorithms = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = [alg for alg in algorithms if alg != "none"]
    keys, kept = _kept("jwks", metadata["jwks_uri"], load)
    try:
        decoded = jwt.decode(id_token, keys, registry=JWSRegistry(algorithms=algorithms))
    except (JoseError, ValueError):
        if not kept:
            raise SsoError("signature") from None
        try:
            decoded = jwt.decode(id_token, _kept("jwks", metadata["jwks_uri"], load, fresh=True)[0],
                                 registry=JWSRegistry(algorithms=algorithms))
        except (JoseError, ValueError):
            raise SsoError("signature") from None
    options = {"iss": {"essential": True, "value": metadata["issuer"]},
               "aud": {"essential": True, "value": client_id},
               "sub": {"essential": True},
               "nonce": {"essential": True, "value": nonce}}
    params = {"nonce": nonce, "client_id": client_id}
    if access_token:
        params["access_token"] = access_token
    claims = CodeIDToken(decoded.claims, decoded.header, options, params)
    try:
        claims.validate(now=now, leeway=LEEWAY)
    except JoseError as exc:
        raise SsoError(f"claims:{getattr(exc, 'claim', None) or exc.error}") from None
    return dict(claims)


def sign_in(config: SingleSignOn, claims: Mapping[str, Any], *, by: access.Actor) -> User:
    """The account for these checked claims: linked before, linked now by verified e-mail on the organisation's
    domain, or new; a member of the organisation (new members with the lowest role). Recorded in the audit log."""
    access.require(by, Action.SIGN_IN, config)
    organisation_id, subject = config.organisation_id, str(claims["sub"])[:255]
    identity = db.session.scalar(select(SsoIdentity).where(SsoIdentity.organisation_id == organisation_id,
                                                           SsoIdentity.subject == subject))
    user = db.session.get(User, identity.user_id) if identity else None
    # SQLite keeps the link of a deleted account (no ON DELETE there) and may give its id to a new account: a link
    # older than the account it points to is stale and goes.
    if identity is not None and (user is None or identity.created_at < user.created_at):
        db.session.delete(identity)
        db.session.flush()
        user = None
    if user is None:
        email = (clean_line(str(claims.get("email") or "")) or "").strip().lower()
        if not email or claims.get("email_verified") is not True:
            raise SsoError("email_unverified", _("De identity provider gaf geen bevestigd e-mailadres. Vraag de "
                                                 "beheerder van uw organisatie om dat in te stellen."))
        if email.rpartition("@")[2] != config.email_domain.lower():
            raise SsoError("email_domain", _("Uw e-mailadres hoort niet bij het domein van uw organisatie "
                                             "(%(domain)s).", domain=config.email_domain))
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if user is None:
            name = (clean_line(str(claims.get("name") or "")) or "").strip()[:120] or email.partition("@")[0]
            user = User(email=email, name=name)
            user.set_password(secrets.token_urlsafe(32))  # a password nobody knows: this account logs in via SSO
            db.session.add(user)
            db.session.flush()
            audit.record(AuditAction.SSO_ACCOUNT_CREATED, actor=user, organisation_id=organisation_id, subject=subject)
        else:
            audit.record(AuditAction.SSO_LINKED, actor=user, organisation_id=organisation_id, subject=subject)
        db.session.add(SsoIdentity(organisation_id=organisation_id, subject=subject, user_id=user.id))
    if not any(m.organisation_id == organisation_id for m in user.memberships):
        db.session.add(Membership(user=user, organisation_id=organisation_id, role=LOWEST_ROLE))
        db.session.flush()
        db.session.refresh(user, ["memberships"])
        audit.record(AuditAction.SSO_MEMBER_ADDED, actor=user, organisation_id=organisation_id, role=LOWEST_ROLE)
    audit.record(AuditAction.SSO_LOGIN, actor=user, organisation_id=organisation_id, issuer=config.issuer)
    return user


def refuse(config: SingleSignOn | None, error: SsoError, *, by: access.Actor) -> None:
    """Record a refused login through the provider (forged token, wrong nonce, unknown domain …)."""
    access.require(by, Action.SIGN_IN, config)
    audit.record(AuditAction.LOGIN_FAILED, actor_label="", reason="sso", detail_reason=error.reason,
                 organisation_id=config.organisation_id if config else None)
