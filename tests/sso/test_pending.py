"""The login that is on its way to the provider, kept in the session cookie between the two requests."""
from __future__ import annotations

import pytest

from app.services.accounts.sso import Pending, SsoError

FIELDS = {"state": "s", "nonce": "n", "code_verifier": "v", "redirect_uri": "https://app.example/sso/terug"}


def test_a_login_begun_before_the_tenant_rename_still_comes_back():
    """Cookies written before the code said `organisation` carry `municipality_id`: such a login still completes."""
    assert Pending.from_dict({**FIELDS, "municipality_id": 7}).organisation_id == 7
    assert Pending.from_dict({**FIELDS, "organisation_id": 8}).organisation_id == 8


def test_a_cookie_without_a_pending_login_is_refused():
    with pytest.raises(SsoError):
        Pending.from_dict(FIELDS)
