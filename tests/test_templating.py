"""Times are shown as a Dutch reader expects them."""
from datetime import datetime

from app.templating import local_time


def test_stored_utc_time_is_shown_in_amsterdam_time():
    assert local_time(datetime(2026, 11, 24, 13, 5)) == "24 november 2026, 14:05 uur"   # winter: UTC+1
    assert local_time(datetime(2026, 7, 1, 23, 30)) == "2 juli 2026, 01:30 uur"        # summer: UTC+2
    assert local_time(None) == ""
