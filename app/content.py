"""The guide's content and the clause library, loaded once at start-up and validated."""
from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from app.services.adoption import RouteContent, load_route_folder
from app.services.core.content import Content
from app.services.adoption.meeting_names import MeetingNames, load_meeting_names_folder
from app.services.atelier.rounds import RoundContent, load_rounds
from app.services.questions.handreiking import Handreiking, load_handreiking
from app.services.ordinance import ClauseLibrary, load_library
from app.services.ordinance.conditions import check_conditions
from app.services.reader.rules import Rules, rules_for
from app.services.zelfscan.zelfscan import ZelfscanContent, load_zelfscan
from app.services.projects.content import ProjectContent, load_project_content
from app.services.surveys.surveys import SurveyContent, load_survey_content
from app.services.loket.content import LoketContent, load_loket_content


def init_app(app: Flask) -> None:
    # Errors name the file and the problem (ContentError, LibraryError) and stop the start.
    app.extensions["handreiking"] = _cached(load_handreiking, app.config["HANDREIKING_DIR"])
    app.extensions["clause_library"] = _cached(load_library, app.config["ORDINANCE_TEMPLATES_DIR"])
    _check_against_questions(app.extensions["clause_library"], app.extensions["handreiking"],
                             Path(app.config["HANDREIKING_DIR"]) / "reader" / "rules.yaml")
    app.extensions["adoption_route"] = _cached(load_route_folder, str(Path(app.config["HANDREIKING_DIR"]) / "route"))
    app.extensions["meeting_names"] = _cached(load_meeting_names_folder,
                                              str(Path(app.config["HANDREIKING_DIR"]) / "route"))
    app.extensions["atelier_rounds"] = _cached(load_rounds, str(Path(app.config["HANDREIKING_DIR"]) / "atelier"))
    app.extensions["zelfscan"] = _cached(load_zelfscan, str(Path(app.config["HANDREIKING_DIR"]) / "zelfscan"))
    app.extensions["projects"] = _cached(load_project_content, str(Path(app.config["HANDREIKING_DIR"]) / "projects"))
    themes = {t.key for t in app.extensions["zelfscan"].success_factors}
    app.extensions["surveys"] = _cached(lambda folder: load_survey_content(folder, themes),
                                        str(Path(app.config["HANDREIKING_DIR"]) / "surveys"))
    app.extensions["loket"] = _cached(load_loket_content, str(Path(app.config["HANDREIKING_DIR"]) / "loket"))
    app.extensions["content"] = Content(folder=Path(app.config["HANDREIKING_DIR"]), **{k: app.extensions[k] for k in (
        "handreiking", "clause_library", "adoption_route", "meeting_names", "atelier_rounds", "zelfscan", "projects",
        "surveys", "loket")})


_CACHE: dict[tuple, object] = {}
_CHECKED: set[tuple[int, int]] = set()


def _check_against_questions(library: ClauseLibrary, guide: Handreiking, reader_rules: Path) -> None:
    """The clause library's conditions and the reader's rules name questions and options: a misspelled one stops
    the start (LibraryError, ContentError) instead of reading as "not answered". Once per loaded pair."""
    if (id(library), id(guide)) not in _CHECKED:
        check_conditions(library, guide)
        _CHECKED.add((id(library), id(guide)))
    if reader_rules.exists():
        rules_for(reader_rules, guide)  # loaded and checked once per version of the file


def _cached(loader, folder: str):
    """Load a content folder once per version of its files: compiling the clause library takes a noticeable
    fraction of a second, and every worker (and every test) builds an app."""
    path = Path(folder)
    stamp = tuple(sorted((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in path.glob("*") if f.is_file())) \
        if path.is_dir() else ()
    key = (loader.__name__, str(path.resolve()), stamp)
    if key not in _CACHE:
        _CACHE[key] = loader(path)
    return _CACHE[key]


def current() -> Content:
    """Everything loaded, as one object: views and commands hand it (or a part) to the services."""
    return current_app.extensions["content"]


def handreiking() -> Handreiking:
    return current_app.extensions["handreiking"]


def folder() -> Path:
    """The content folder (HANDREIKING_DIR): the document builders read their texts files from it."""
    return Path(current_app.config["HANDREIKING_DIR"])


def reader_rules() -> Rules:
    """The reader's rules for the gap report (checked at start-up, read again when the file changes)."""
    return current().reader_rules()


def clause_library() -> ClauseLibrary:
    return current_app.extensions["clause_library"]


def adoption_route() -> RouteContent:
    return current_app.extensions["adoption_route"]


def meeting_names() -> MeetingNames:
    return current_app.extensions["meeting_names"]


def atelier_rounds() -> dict[int, RoundContent]:
    return current_app.extensions["atelier_rounds"]


def zelfscan() -> ZelfscanContent:
    return current_app.extensions["zelfscan"]


def projects() -> ProjectContent:
    return current_app.extensions["projects"]


def surveys() -> SurveyContent:
    return current_app.extensions["surveys"]


def loket() -> LoketContent:
    return current_app.extensions["loket"]
