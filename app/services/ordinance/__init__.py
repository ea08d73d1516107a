"""From a plan's answers to a draft participatieverordening: clause selection, model, check, documents."""
from app.services.ordinance.builder import build_ordinance, PlanInput
from app.services.ordinance.library import ClauseLibrary, LibraryError, load_library
from app.services.ordinance.model import Article, Chapter, Finding, Member, OpenPoint, Ordinance, Part

__all__ = ["ClauseLibrary", "LibraryError", "load_library", "Article", "Chapter", "Finding", "Member", "OpenPoint",
           "Ordinance", "Part", "build_ordinance", "PlanInput"]
