"""A real OpenID Connect provider for the tests, built from Authlib's server components.

A small Flask app: discovery (/.well-known/openid-configuration), its signing keys (/jwks), an authorization endpoint
with its own login page (username and password), and a token endpoint that issues RS256-signed ID tokens through
authlib.oidc.core's OpenIDCode grant extension. It demands PKCE (S256) on every authorization request and a nonce.
It runs on a free port on 127.0.0.1 in a thread of the test process (`serve()`).

For the tests of forged tokens it can spoil the ID token it hands out (`Provider.forge`): signed with another key
under the same key id, a different nonce, or another audience. Everything else about the flow stays real.
"""
from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import OAuth2Error, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, abort, jsonify, request
from joserfc import jwt
from joserfc.jwk import RSAKey
from markupsafe import escape
from werkzeug.serving import make_server

KID = "test-key-1"


@dataclass
class Person:
    sub: str
    username: str
    password: str
    email: str
    name: str
    email_verified: bool = True


@dataclass
class Client:
    client_id: str
    client_secret: str
    redirect_uris: list[str]

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope):
        return " ".join(s for s in scope.split() if s in {"openid", "email", "profile"})

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in ("client_secret_basic", "client_secret_post") if endpoint == "token" else True

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: Person
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return None


class Provider:
    """The provider's state: its people, its client, its codes and keys, and what to forge."""

    def __init__(self):
        self.key = RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig", "alg": "RS256"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig", "alg": "RS256"})
        self.people: dict[str, Person] = {}
        self.clients: dict[str, Client] = {}
        self.codes: dict[str, Code] = {}
        self.nonces: set[str] = set()
        #: None, or "signature", "nonce", "audience": how to spoil the next ID tokens
        self.forge: str | None = None
        #: the PKCE methods the authorization requests came with, in order
        self.challenge_methods: list[str | None] = []
        #: the paths of the discovery document and the keys, each time the app fetched them
        self.fetched: list[str] = []
        self.url = ""


def create_provider_app(provider: Provider) -> Flask:
    app = Flask("test_oidc_provider")
    app.config.update(SECRET_KEY="provider", OAUTH2_TOKEN_EXPIRES_IN={"authorization_code": 300})

    class OpenIDCodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code, req):
            data = req.payload.data
            provider.nonces.add(data.get("nonce"))
            provider.codes[code] = Code(code=code, client_id=req.client.client_id, redirect_uri=req.payload.redirect_uri,
                                        scope=req.payload.scope, user=req.user, nonce=data.get("nonce"),
                                        code_challenge=data.get("code_challenge"),
                                        code_challenge_method=data.get("code_challenge_method"))

        def query_authorization_code(self, code, client):
            item = provider.codes.get(code)
            return item if item and item.client_id == client.client_id else None

        def delete_authorization_code(self, authorization_code):
            provider.codes.pop(authorization_code.code, None)

        def authenticate_user(self, authorization_code):
            return authorization_code.user

    class OpenIDExtension(OpenIDCode):
        def exists_nonce(self, nonce, req):
            return nonce in provider.nonces  # a nonce that a code was already given for is a replay

        def get_jwt_config(self, grant=None, client=None):
            return {"key": provider.key.as_dict(private=True), "alg": "RS256", "iss": provider.url, "exp": 300,
                    "kid": KID}

        def resolve_client_private_key(self, client):
            return provider.key

        def get_client_claims(self, client):
            return {"iss": provider.url, "aud": [client.client_id]}

        def get_encode_header(self, client):
            return {"alg": "RS256", "kid": KID}

        def generate_user_info(self, user, scope):
            info = UserInfo(sub=user.sub, name=user.name)
            if "email" in scope:
                info["email"], info["email_verified"] = user.email, user.email_verified
            return info

        def process_token(self, grant, response):
            token = super().process_token(grant, response)
            if provider.forge and "id_token" in token:
                token["id_token"] = _forged(provider, token["id_token"])
            return token

    server = AuthorizationServer(app, query_client=provider.clients.get, save_token=lambda token, req: None)
    server.register_grant(OpenIDCodeGrant, [OpenIDExtension(require_nonce=True), CodeChallenge(required=True)])

    @app.get("/.well-known/openid-configuration")
    def discovery():
        provider.fetched.append(request.path)
        return jsonify(issuer=provider.url, authorization_endpoint=provider.url + "/authorize",
                       token_endpoint=provider.url + "/token", jwks_uri=provider.url + "/jwks",
                       response_types_supported=["code"], subject_types_supported=["public"],
                       id_token_signing_alg_values_supported=["RS256"], scopes_supported=["openid", "email", "profile"],
                       code_challenge_methods_supported=["S256"],
                       token_endpoint_auth_methods_supported=["client_secret_basic", "client_secret_post"])

    @app.get("/jwks")
    def jwks():
        provider.fetched.append(request.path)
        return jsonify(keys=[provider.key.as_dict(private=False)])

    @app.route("/authorize", methods=["GET", "POST"])
    def authorize():
        """The provider's own login page; a right username and password grant the code."""
        provider.challenge_methods.append(request.values.get("code_challenge_method"))
        if request.values.get("code_challenge_method") != "S256" or not request.values.get("code_challenge"):
            abort(400, "PKCE (S256) is verplicht")
        error = ""
        if request.method == "POST":
            person = next((p for p in provider.people.values() if p.username == request.form.get("username")), None)
            if person and secrets.compare_digest(person.password, request.form.get("password", "")):
                return server.create_authorization_response(grant_user=person)
            error = "<p role='alert'>Onbekende gebruikersnaam of wachtwoord.</p>"
        try:
            server.get_consent_grant(end_user=None)  # an unknown client or redirect URI is refused before the page
        except OAuth2Error as exc:
            return f"{escape(exc.error)}: {escape(exc.description or '')}", 400
        return (f"<!doctype html><html lang='nl'><title>Inloggen bij de testprovider</title>"
                f"<h1>Testprovider: inloggen</h1>{error}<form method='post'>"
                f"<label>Gebruikersnaam <input name='username'></label>"
                f"<label>Wachtwoord <input name='password' type='password'></label>"
                f"<button type='submit'>Aanmelden bij de provider</button></form>")

    @app.post("/token")
    def issue_token():
        return server.create_token_response()

    return app


def _forged(provider: Provider, id_token: str) -> str:
    """The same ID token, spoilt as `provider.forge` says."""
    claims = jwt.decode(id_token, provider.key).claims
    key = provider.key
    if provider.forge == "signature":
        key = provider.other_key  # same kid, other key: the signature cannot be checked with the published key
    elif provider.forge == "nonce":
        claims["nonce"] = "een-andere-nonce"
    elif provider.forge == "audience":
        claims["aud"] = ["een-andere-client"]
    return jwt.encode({"alg": "RS256", "kid": KID}, claims, key)


def serve(provider: Provider):
    """Start the provider on 127.0.0.1 at a free port; returns the server (call .shutdown() to stop)."""
    app = create_provider_app(provider)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    provider.url = f"http://127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, name="oidc-provider", daemon=True).start()
    return server
