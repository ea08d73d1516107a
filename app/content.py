"""The guide's content and the clause library, loaded once at start-up and validated."""
from __future__ import annotations

from flask import Flask, current_app

from app.services.handreiking import Handreiking, load_handreiking
from app.services.ordinance import ClauseLibrary, load_library


def init_app(app: Flask) -> None:
    # Errors name the file and the problem (ContentError, LibraryError) and stop the start.
    app.extensions["handreiking"] = load_handreiking(app.config["HANDREIKING_DIR"])
    app.extensions["clause_library"] = load_library(app.config["ORDINANCE_TEMPLATES_DIR"])


def handreiking() -> Handreiking:
    return current_app.extensions["handreiking"]


def clause_library() -> ClauseLibrary:
    return current_app.extensions["clause_library"]
