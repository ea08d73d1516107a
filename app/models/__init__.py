"""The database models, one module per aggregate."""
from app.models.organisation import BodyType, Membership, Organisation, Role, Invitation
from app.models.user import User
from app.models.session import UserSession
from app.models.plan import ParticipationPlan, StepAnswer, PlanRevision, PlanSnapshot
from app.models.review import Comment, ArticleReview, ArticleText
from app.models.audit import AuditEvent
from app.models.recovery import AccountToken, RateLimitCounter
from app.models.adoption import AdoptionSchedule, MeetingDate
from app.models.atelier import (Atelier, AtelierGroup, AtelierInvitation, AtelierParticipant, AtelierRole,
                                AtelierRound, AtelierSeat, AtelierShare)
from app.models.atelier_live import AtelierCountdown, AtelierHelpRequest, AtelierMessage
from app.models.zelfscan import BenchmarkParticipation, SelfScan, SelfScanAnswer
from app.models.atelier_homework import AtelierAssignment, AtelierHomeworkDone, AtelierReaction
from app.models.project import Project, ProjectComment, ProjectDocument, ProjectRevision
from app.models.case import Case
from app.models.survey import Survey, SurveyCode, SurveyResponse
from app.models.sso import SingleSignOn, SsoIdentity
from app.models.loket import AdoptedVersion, InitiativeSupport, LoketAttachment, LoketNote, LoketRequest

__all__ = [
    "BodyType", "Membership", "Organisation", "Role", "Invitation", "User", "UserSession",
    "ParticipationPlan", "StepAnswer", "PlanRevision", "PlanSnapshot", "Comment", "ArticleReview", "ArticleText",
    "AuditEvent", "AccountToken", "RateLimitCounter", "AdoptionSchedule", "MeetingDate",
    "Atelier", "AtelierGroup", "AtelierInvitation", "AtelierParticipant", "AtelierRole", "AtelierRound", "AtelierSeat",
    "AtelierShare", "AtelierCountdown", "AtelierHelpRequest", "AtelierMessage",
    "SelfScan", "SelfScanAnswer", "BenchmarkParticipation",
    "AtelierAssignment", "AtelierHomeworkDone", "AtelierReaction",
    "Project", "ProjectDocument", "ProjectRevision", "ProjectComment", "Case", "Survey", "SurveyResponse", "SurveyCode",
    "SingleSignOn", "SsoIdentity",
    "AdoptedVersion", "LoketRequest", "LoketNote", "LoketAttachment", "InitiativeSupport",
]
