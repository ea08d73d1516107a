"""The guide's content as one object: what app/content.py loads at start-up, handed to the services and document
builders that need it (they never reach for the web layer to find it)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only the types: the loaders are app/content.py's business
    from app.services.adoption import RouteContent
    from app.services.adoption.meeting_names import MeetingNames
    from app.services.atelier.rounds import RoundContent
    from app.services.loket.content import LoketContent
    from app.services.ordinance import ClauseLibrary
    from app.services.projects.content import ProjectContent
    from app.services.questions.handreiking import Handreiking
    from app.services.reader.rules import Rules
    from app.services.surveys.surveys import SurveyContent
    from app.services.zelfscan.zelfscan import ZelfscanContent


@dataclass(frozen=True)
class Content:
    folder: Path                   # the content folder (HANDREIKING_DIR): the builders read their texts files here
    handreiking: Handreiking
    clause_library: ClauseLibrary
    adoption_route: RouteContent
    meeting_names: MeetingNames
    atelier_rounds: dict[int, RoundContent]
    zelfscan: ZelfscanContent
    projects: ProjectContent
    surveys: SurveyContent
    loket: LoketContent

    def reader_rules(self) -> Rules:
        """The reader's rules for the gap report (checked at start-up, read again when the file changes)."""
        from app.services.reader.rules import rules_for
        return rules_for(self.folder / "reader" / "rules.yaml", self.handreiking)
