"""The database models, one module per aggregate."""
from app.models.municipality import BodyType, Membership, Municipality, Role, Invitation
from app.models.user import User
from app.models.plan import ParticipationPlan, StepAnswer, PlanRevision, PlanSnapshot
from app.models.review import Comment, ArticleReview
from app.models.audit import AuditEvent
from app.models.recovery import AccountToken, RateLimitCounter

__all__ = [
    "BodyType", "Membership", "Municipality", "Role", "Invitation", "User",
    "ParticipationPlan", "StepAnswer", "PlanRevision", "PlanSnapshot", "Comment", "ArticleReview", "AuditEvent",
    "AccountToken", "RateLimitCounter",
]
