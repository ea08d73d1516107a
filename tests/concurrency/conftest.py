"""The live server for the tests in this folder: see tests/live.py."""
import pytest

from tests.live import run_live_server


@pytest.fixture()
def live_server(tmp_path):
    """live_server(seed) starts gunicorn on a database that `seed()` filled; stopped and emptied afterwards."""
    yield from run_live_server(tmp_path)
