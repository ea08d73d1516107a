"""The authorization matrix: every route of the app, requested as every kind of visitor.

EXPECTED below is the rule for each endpoint and method. A route that is added to the app without a rule
here makes test_every_route_has_a_rule fail, so access to a new page is always a deliberate choice.

Visitors: anonymous; the four roles of municipality A, which owns plan P; and the beheerder of
municipality B, who must get 404 for every URL that names A's objects (plan, municipality, snapshot, ...).
For the leeratelier: A takes part in an atelier with plan P; its facilitator; the beheerder of C, at A's table in
round 1; the beheerder of D, at another table. B does not take part. Whoever cannot know a target gets 404; whoever
knows it but lacks the right gets 403.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest
from flask.testing import FlaskClient
from sqlalchemy import delete, select, update

from app import content, create_app
from app.extensions import db, limiter
from app.models import (AtelierAssignment, AtelierGroup, AtelierHelpRequest, AtelierInvitation, AtelierParticipant,
                        AtelierReaction, AtelierRole, AtelierSeat, AtelierShare, Invitation, Membership, Organisation,
                        ParticipationPlan, PlanSnapshot, Project, ProjectComment, ProjectDocument, Survey,
                        SurveyResponse,
                        User)
from app.models.case import Case
from app.models.loket import LoketRequest
from app.services.atelier import ateliers
from app.services.plans import comments, exchange as plan_io, plans
from app.services.accounts import sessions
from app.services.core.access import PUBLIC as PUBLIC_ACTOR, RIGHTS, Action
from app.services.ordinance import build_ordinance
from config import TestConfig
from tests import helpers

# --- the rules ------------------------------------------------------------------------------------

PUBLIC = "iedereen"      # also without logging in
LOGGED_IN = "ingelogd"   # every logged-in user; the URL names no object of a municipality
ASSET = "bestand"        # static files and NL Design System CSS: public, not requested here

SURVEY_TOKEN = "vragenlijst-van-het-traject-van-a"
REQUEST_TOKEN = "privelink-van-een-verzoek-aan-a"
SUPPORT_TOKEN = "steun-voor-het-burgerinitiatief-van-a"
B, R, J, M = "beheerder", "redacteur", "jurist", "meelezer"
FACILITATOR, PEER, OTHER_GROUP = "facilitator", "zelfde groep", "andere groep"


def allowed_roles(action: Action) -> frozenset[str]:
    """The roles that may do `action`, read from the one table the app decides with (app/services/core/access.py)."""
    return frozenset(role.value for role in RIGHTS[action])


EVERY_ROLE = allowed_roles(Action.VIEW)
EDITORS = allowed_roles(Action.EDIT)
COMMENTERS = allowed_roles(Action.COMMENT)
REVIEWERS = allowed_roles(Action.REVIEW)
DOWNLOADERS = allowed_roles(Action.DOWNLOAD)
MANAGERS = allowed_roles(Action.MANAGE)
AUDITORS = allowed_roles(Action.AUDIT)
DELETERS = allowed_roles(Action.DELETE)
ADOPTERS = allowed_roles(Action.ADOPT)
HANDLERS = allowed_roles(Action.HANDLE_REQUESTS)
# The atelier's people: its facilitator and the members of participating organisations (A, C at A's table, D elsewhere).
FACILITATORS = frozenset({FACILITATOR})
ATELIER_PEOPLE = frozenset({FACILITATOR, B, R, J, M, PEER, OTHER_GROUP})

EXPECTED: dict[str, dict[str, object]] = {
    "static": {"GET": ASSET},
    "assets.vendor": {"GET": ASSET},
    # accounts
    "accounts.register": {"GET": PUBLIC, "POST": PUBLIC},
    "accounts.login": {"GET": PUBLIC, "POST": PUBLIC},
    "accounts.logout": {"POST": LOGGED_IN},
    "accounts.account": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    "accounts.my_data": {"GET": LOGGED_IN},
    "accounts.login_code": {"GET": PUBLIC, "POST": PUBLIC},  # without a password just checked it sends to /inloggen
    "accounts.change_password": {"POST": LOGGED_IN},
    "accounts.logout_everywhere": {"POST": LOGGED_IN},
    "accounts.second_factor": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    "accounts.disable_second_factor": {"POST": LOGGED_IN},
    "accounts.workspace_second_factor": {"POST": MANAGERS},
    "accounts.check_email": {"GET": PUBLIC},
    "accounts.confirm_email": {"GET": PUBLIC, "POST": PUBLIC},   # the link itself is the permission
    "accounts.forgot_password": {"GET": PUBLIC, "POST": PUBLIC},
    "accounts.reset_password": {"GET": PUBLIC, "POST": PUBLIC},  # the link itself is the permission
    "accounts.organisation_login": {"GET": PUBLIC, "POST": PUBLIC},
    "accounts.sso_start": {"GET": PUBLIC},     # for a domain without single sign-on it sends back to the form
    "accounts.sso_callback": {"GET": PUBLIC},  # without a login under way it sends to /inloggen
    # public pages
    "site.help_page": {"GET": PUBLIC},
    "site.favicon": {"GET": PUBLIC},
    "site.accessibility_statement": {"GET": PUBLIC},
    # plans
    "plans.index": {"GET": PUBLIC},  # a visitor who is not logged in gets the start page, a user their plans
    "plans.new": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    "plans.import_plan": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    # reading an existing ordinance; starting a plan from it offers only organisations the user may edit
    "reader.upload": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    "reader.start": {"POST": LOGGED_IN},
    "plans.export": {"GET": DOWNLOADERS},
    "plans.add_comment": {"POST": COMMENTERS},
    "plans.resolve_comment": {"POST": COMMENTERS},
    "plans.rename": {"GET": MANAGERS, "POST": MANAGERS},
    "plans.delete": {"GET": DELETERS, "POST": DELETERS},
    # the wizard
    "wizard.outline": {"GET": EVERY_ROLE},
    "wizard.step": {"GET": EVERY_ROLE, "POST": EDITORS},
    "wizard.merge": {"POST": EDITORS},
    "wizard.review": {"GET": EVERY_ROLE},
    # the draft ordinance
    "ordinance.preview": {"GET": EVERY_ROLE},
    "ordinance.download": {"GET": DOWNLOADERS},
    "ordinance.review_article": {"POST": REVIEWERS},
    "ordinance.article_text": {"GET": REVIEWERS, "POST": REVIEWERS},
    "ordinance.remove_article_text": {"POST": REVIEWERS},
    "ordinance.changes_docx": {"GET": DOWNLOADERS},
    # a plan's other documents (uitvoeringsprogramma, leerprogramma, …)
    "documents.index": {"GET": EVERY_ROLE},
    "documents.preview": {"GET": EVERY_ROLE},
    "documents.download": {"GET": DOWNLOADERS},
    "documents.download_pdf": {"GET": DOWNLOADERS},
    # the team
    "workspaces.team": {"GET": EVERY_ROLE},
    "workspaces.invite": {"POST": MANAGERS},
    "workspaces.join": {"GET": LOGGED_IN, "POST": LOGGED_IN},  # the link itself is the permission
    "workspaces.change_role": {"POST": MANAGERS},
    "workspaces.remove": {"POST": MANAGERS},
    "workspaces.withdraw": {"POST": MANAGERS},
    "workspaces.settings": {"GET": MANAGERS, "POST": MANAGERS},
    "workspaces.delete": {"GET": DELETERS, "POST": DELETERS},
    "workspaces.single_sign_on": {"GET": MANAGERS, "POST": MANAGERS},
    "workspaces.audit_log": {"GET": AUDITORS},
    # history and versions
    "history.index": {"GET": EVERY_ROLE, "POST": EDITORS},
    "history.compare": {"GET": EVERY_ROLE},
    "history.restore": {"POST": EDITORS},
    "history.undo": {"POST": EDITORS},
    # the route to adoption
    "adoption.schedule": {"GET": EVERY_ROLE, "POST": EDITORS},
    "adoption.meetings": {"GET": EVERY_ROLE, "POST": EDITORS},
    "adoption.import_meetings": {"POST": EDITORS},
    "adoption.fetch_meetings": {"POST": EDITORS},
    "adoption.confirm_import": {"POST": EDITORS},
    "adoption.download_ics": {"GET": EVERY_ROLE},
    # projects (trajecten) and their public pages
    "projects.index": {"GET": EVERY_ROLE},
    "projects.new": {"GET": EDITORS, "POST": EDITORS},
    "projects.show": {"GET": EVERY_ROLE},
    "projects.edit": {"GET": EDITORS, "POST": EDITORS},
    "projects.delete": {"GET": DELETERS, "POST": DELETERS},
    "projects.document": {"GET": EVERY_ROLE, "POST": EDITORS},
    "projects.publish": {"POST": EDITORS},
    "projects.download": {"GET": DOWNLOADERS},
    "projects.versions": {"GET": EVERY_ROLE},
    "projects.export": {"GET": DOWNLOADERS},
    "projects.import_project": {"POST": EDITORS},
    "projects.add_comment": {"POST": COMMENTERS},
    "projects.resolve_comment": {"POST": COMMENTERS},
    "projects.public_index": {"GET": PUBLIC},       # the published trajectories of an organisation, without login
    "projects.public_document": {"GET": PUBLIC},    # a published document; an unpublished one is 404 for everyone
    "projects.trajectory_report": {"GET": EVERY_ROLE},
    "projects.trajectory_report_docx": {"GET": DOWNLOADERS},
    "projects.ordinance_evaluation_page": {"GET": EVERY_ROLE},
    "projects.ordinance_evaluation_docx": {"GET": DOWNLOADERS},
    # the participant survey of a project: the questionnaire is for anyone with the link; the rest for its team
    "surveys.answer": {"GET": PUBLIC, "POST": PUBLIC},
    "surveys.manage": {"GET": EVERY_ROLE},
    "surveys.open_survey": {"POST": EDITORS},
    "surveys.close_survey": {"POST": EDITORS},
    "surveys.add_question": {"POST": EDITORS},
    "surveys.remove_question": {"POST": EDITORS},
    "surveys.export": {"GET": DOWNLOADERS},
    "surveys.settings": {"POST": EDITORS},       # event mode, access codes
    "surveys.make_codes": {"POST": EDITORS},
    "surveys.codes": {"GET": DOWNLOADERS},       # the access codes, to print
    "surveys.print_codes": {"GET": DOWNLOADERS},
    # the leeratelier
    "atelier.index": {"GET": LOGGED_IN},
    "atelier.new": {"GET": LOGGED_IN, "POST": LOGGED_IN},
    "atelier.show": {"GET": ATELIER_PEOPLE},
    "atelier.edit_round": {"GET": FACILITATORS, "POST": FACILITATORS},
    "atelier.groups": {"GET": FACILITATORS, "POST": FACILITATORS},
    "atelier.seating": {"POST": FACILITATORS},
    "atelier.invite": {"POST": FACILITATORS},
    "atelier.withdraw": {"POST": FACILITATORS},
    "atelier.facilitators_page": {"GET": FACILITATORS, "POST": FACILITATORS},
    "atelier.remove_facilitator": {"POST": FACILITATORS},  # a second facilitator (the spare member), never the last
    "atelier.join": {"GET": LOGGED_IN, "POST": LOGGED_IN},  # the link is the permission; a beheerder joins
    "atelier.share": {"GET": EVERY_ROLE, "POST": MANAGERS},  # an organisation's own choices: its team, its beheerder
    "atelier.live_state": {"GET": ATELIER_PEOPLE},
    "atelier.send_message": {"POST": FACILITATORS},
    "atelier.countdown": {"POST": FACILITATORS},
    "atelier.ask_help": {"POST": EVERY_ROLE},  # any member of a participating organisation asks for help for it
    "atelier.handle_help": {"POST": FACILITATORS},
    "atelier.dashboard": {"GET": FACILITATORS},
    "atelier.report": {"GET": FACILITATORS},
    "atelier.report_docx": {"GET": FACILITATORS},
    "atelier.participant_report": {"GET": FACILITATORS},
    "atelier.participant_report_docx": {"GET": FACILITATORS},
    "atelier.work": {"GET": ATELIER_PEOPLE},
    # copying a shared answer into one's own plan: who may edit that plan (A's editors, C and D's beheerders)
    "atelier.take_over": {"POST": EDITORS | {PEER, OTHER_GROUP}},
    # the zelfscan and the benchmark: the organisation's own; only its beheerder decides on taking part
    "zelfscan.overview": {"GET": EVERY_ROLE},
    "zelfscan.edit": {"GET": EDITORS, "POST": EDITORS},
    "zelfscan.benchmark_page": {"GET": EVERY_ROLE},
    "zelfscan.participation": {"POST": MANAGERS},
    "zelfscan.report_docx": {"GET": DOWNLOADERS},
    "zelfscan.export": {"GET": DOWNLOADERS},
    # opdrachten and huiswerk: the facilitator sets them; who may edit a participating plan marks homework done
    "atelier.assignments": {"GET": FACILITATORS, "POST": FACILITATORS},
    "atelier.edit_assignment": {"GET": FACILITATORS, "POST": FACILITATORS},
    "atelier.delete_assignment": {"POST": FACILITATORS},
    "atelier.homework_done": {"POST": EDITORS | {PEER, OTHER_GROUP}},
    # reactions on a shared answer: the atelier's people react (on what they see); only its author deletes one
    "atelier.react": {"POST": ATELIER_PEOPLE},
    "atelier.delete_reaction": {"POST": frozenset({PEER})},  # the world's reaction is by the participant at A's table
    # the casusbibliotheek: who may edit a project publishes its case; every logged-in user reads published cases
    "cases.edit": {"GET": EDITORS, "POST": EDITORS},
    "cases.unpublish": {"POST": EDITORS},
    "cases.index": {"GET": LOGGED_IN},
    "cases.show": {"GET": LOGGED_IN},    # the world's case of A is published
    # het loket: residents file and follow requests without login; staff who may handle them see personal data
    "loket.index": {"GET": PUBLIC},
    "loket.intake": {"GET": PUBLIC, "POST": PUBLIC},     # a refused form answers 200 with its messages
    "loket.follow": {"GET": PUBLIC},                     # the private link itself is the permission
    "loket.register": {"GET": PUBLIC},                   # no personal data
    "loket.support": {"GET": PUBLIC, "POST": PUBLIC},    # supporting a burgerinitiatief
    "loket.confirm_support": {"GET": PUBLIC, "POST": PUBLIC},  # the link from the mail is the permission
    "loket.paper_support": {"POST": HANDLERS},
    "loket.adopt": {"GET": ADOPTERS, "POST": ADOPTERS},
    "loket.cases": {"GET": HANDLERS},
    "loket.calendar": {"GET": HANDLERS},
    "loket.figures": {"GET": HANDLERS},
    "loket.case": {"GET": HANDLERS},
    "loket.start": {"POST": HANDLERS},
    "loket.assign": {"POST": HANDLERS},
    "loket.note": {"POST": HANDLERS},
    "loket.postpone": {"POST": HANDLERS},
    "loket.decide": {"POST": HANDLERS},
    "loket.letter": {"GET": HANDLERS},
    "loket.attachment": {"GET": HANDLERS},
}

# URL arguments that name an object of municipality A: an outsider gets 404 for such a URL.
SCOPED_ARGUMENTS = {"plan_id", "organisation_id", "snapshot_id", "comment_id", "membership_id", "invitation_id",
                    "atelier_id", "participant_id", "link_id", "help_id", "assignment_id", "reaction_id",
                    "project_id", "project_comment_id", "request_id", "attachment_id"}
# A's own objects, its participation included
ORGANISATION_ARGUMENTS = SCOPED_ARGUMENTS - {"atelier_id", "link_id", "help_id", "assignment_id", "reaction_id"}


# A participation seen from the atelier (the facilitator's report on one organisation): the atelier's people know it.
ATELIER_SIDE = {"atelier.participant_report", "atelier.participant_report_docx"}


def knowers(arguments: set[str], endpoint: str = "") -> frozenset[str]:
    """Who may learn that the URL's target exists (403 when the right is missing); everyone else gets 404."""
    if arguments & ORGANISATION_ARGUMENTS and endpoint not in ATELIER_SIDE:
        return frozenset({B, R, J, M})
    return ATELIER_PEOPLE
# Query strings a page needs to show anything at all.
QUERY = {"history.compare": lambda w: {"van": str(w.snapshot_id), "naar": "huidig"},
         "ordinance.changes_docx": lambda w: {"van": str(w.snapshot_id), "naar": "huidig"}}

ANONYMOUS, OUTSIDER = "anoniem", "buitenstaander"
VISITORS = [ANONYMOUS, B, R, J, M, OUTSIDER, FACILITATOR, PEER, OTHER_GROUP]
METHODS_IGNORED = {"HEAD", "OPTIONS"}




# --- the world: two municipalities, one plan, every role --------------------------------------------

@dataclass
class World:
    app: object
    users: dict[str, User]
    organisation_a: Organisation
    organisation_b: Organisation
    plan: ParticipationPlan
    snapshot_id: int
    comment_id: int
    article_key: str
    spare: User
    project_id: int = 0
    project_comment_id: int = 0
    case_id: int = 0
    request_id: int = 0
    attachment_id: int = 0
    initiative_id: int = 0
    atelier_id: int = 0
    participant_id: int = 0
    seats: list[tuple[int, int, int]] = field(default_factory=list)
    clients: dict[str, FlaskClient] = field(default_factory=dict)

    # Each case starts from the same situation, whatever the previous POST changed.
    def reset(self) -> None:
        keep = {self.users[r].id: r for r in (B, R, J, M)} | {self.spare.id: M}
        for m in db.session.scalars(select(Membership)
                                    .where(Membership.organisation_id == self.organisation_a.id)).all():
            if m.user_id not in keep:
                db.session.delete(m)          # e.g. the outsider who accepted an invitation
            elif m.role != keep[m.user_id]:
                m.role = keep[m.user_id]
        present = {m.user_id for m in db.session.scalars(
            select(Membership).where(Membership.organisation_id == self.organisation_a.id))}
        if self.spare.id not in present:      # removed by a beheerder in the previous case
            db.session.add(Membership(user_id=self.spare.id, organisation_id=self.organisation_a.id, role=M))
        # The atelier's tables as they were (a facilitator's POST may have cleared them), and no sharing choices.
        db.session.execute(update(Survey).values(is_open=True))   # an editor's POST may have closed it
        db.session.execute(delete(AtelierSeat))
        db.session.execute(delete(AtelierShare))
        db.session.execute(delete(AtelierRole).where(AtelierRole.user_id == self.spare.id))  # a second facilitator
        db.session.execute(update(Case).values(published=True))  # taken back by the previous case
        db.session.execute(update(LoketRequest).values(status="ontvangen", outcome=None, postponed_on=None,
                                                       due_on=date.today() + timedelta(weeks=8)))
        db.session.add_all([AtelierSeat(group_id=g, participant_id=p, round_number=n) for g, p, n in self.seats])
        db.session.commit()
        db.session.expire_all()
        limiter.reset()

    def spare_membership_id(self) -> int:
        return db.session.scalar(select(Membership.id).where(Membership.organisation_id == self.organisation_a.id,
                                                             Membership.user_id == self.spare.id))

    def fresh_token(self) -> str:
        invite = Invitation(organisation_id=self.organisation_a.id,
                            token=f"uitnodiging-{db.session.query(Invitation).count()}",
                            role=M, created_by_id=self.users[B].id)
        db.session.add(invite)
        db.session.commit()
        return invite.token

    def open_invitation_id(self) -> int:
        self.fresh_token()
        return db.session.scalar(select(Invitation.id).order_by(Invitation.id.desc()).limit(1))

    def fresh_atelier_token(self) -> str:
        invite = AtelierInvitation(atelier_id=self.atelier_id, token=f"atelier-{db.session.query(AtelierInvitation).count()}",
                                   created_by_id=self.users[FACILITATOR].id)
        db.session.add(invite)
        db.session.commit()
        return invite.token

    def open_atelier_invitation_id(self) -> int:
        self.fresh_atelier_token()
        return db.session.scalar(select(AtelierInvitation.id).order_by(AtelierInvitation.id.desc()).limit(1))

    def second_facilitator_id(self) -> int:
        """The spare member as a second facilitator, so that removing one is allowed (the last one stays)."""
        db.session.add(AtelierRole(atelier_id=self.atelier_id, user_id=self.spare.id, role="facilitator"))
        db.session.commit()
        return self.spare.id

    def open_help_id(self) -> int:
        help_ = AtelierHelpRequest(atelier_id=self.atelier_id, round_number=1, participant_id=self.participant_id)
        db.session.add(help_)
        db.session.commit()
        return help_.id

    def open_assignment_id(self) -> int:
        homework = AtelierAssignment(atelier_id=self.atelier_id, round_number=1, kind="huiswerk", title="Huiswerk",
                                     due_date=date(2027, 1, 12), description="")
        db.session.add(homework)
        db.session.commit()
        return homework.id

    def open_reaction_id(self) -> int:
        reaction = AtelierReaction(atelier_id=self.atelier_id, participant_id=self.participant_id, step_number=1,
                                   question_key="participatie_definitie", body="Mooi.",
                                   author_id=self.users[PEER].id)
        db.session.add(reaction)
        db.session.commit()
        return reaction.id

    def url(self, endpoint: str, method: str) -> tuple[str, set[str]]:
        rule = next(self.app.url_map.iter_rules(endpoint))
        makers = {
            "plan_id": lambda: self.plan.id, "organisation_id": lambda: self.organisation_a.id,
            "snapshot_id": lambda: self.snapshot_id, "comment_id": lambda: self.comment_id,
            "membership_id": self.spare_membership_id, "article_key": lambda: self.article_key,
            "number": lambda: 1, "token": self.fresh_token, "action": lambda: "afhandelen",
            "invitation_id": self.open_invitation_id,
            "atelier_id": lambda: self.atelier_id, "participant_id": lambda: self.participant_id,
            "link_id": self.open_atelier_invitation_id, "help_id": self.open_help_id,
            "user_id": self.second_facilitator_id,
            "year": lambda: 2026,
            # a plan's document kinds and a project's are different words in the same URL part
            "kind": lambda: "participatieplan" if endpoint.startswith("projects.") else (
                "publicatie" if endpoint == "documents.download_pdf" else "uitvoeringsprogramma"),
            "assignment_id": self.open_assignment_id, "reaction_id": self.open_reaction_id,
            "project_id": lambda: self.project_id,
            "project_comment_id": lambda: self.project_comment_id,
            "public_id": lambda: self.organisation_a.id, "public_project_id": lambda: self.project_id,
            "case_id": lambda: self.case_id,
            "survey_token": lambda: SURVEY_TOKEN,
            "right_key": lambda: "uitdaagrecht", "request_token": lambda: REQUEST_TOKEN,
            "request_id": lambda: self.initiative_id if endpoint == "loket.paper_support" else self.request_id,
            "attachment_id": lambda: self.attachment_id,
            "initiative_id": lambda: self.initiative_id, "support_token": lambda: SUPPORT_TOKEN,
        }
        if endpoint.startswith("atelier."):
            makers["token"] = self.fresh_atelier_token
        unknown = set(rule.arguments) - set(makers)
        assert not unknown, f"{endpoint}: geef de test een waarde voor URL-argument(en) {sorted(unknown)}"
        values = {name: makers[name]() for name in rule.arguments}
        values.update(QUERY.get(endpoint, lambda w: {})(self))
        adapter = self.app.url_map.bind("localhost")
        return adapter.build(endpoint, values, method=method), set(rule.arguments)

    def client(self, who: str) -> FlaskClient:
        client = self.clients[who]
        if who != ANONYMOUS:
            user = self.users[who]
            with client.session_transaction() as session:
                token = session.get("_user_id")
            # The cookie holds a session token; it counts while the server's session for this user is open.
            logged_in = bool(token) and getattr(sessions.resume(token, 120, 12, by=PUBLIC_ACTOR), "id", None) == user.id
            db.session.commit()
            if not logged_in:                 # the previous case logged this visitor out
                limiter.reset()
                helpers.login(client, user.email)
        return client


@pytest.fixture(scope="module")
def world():
    app = create_app(TestConfig)
    app.test_client_class = helpers.IsolatedClient
    app.config["SOFFICE_PATH"] = "/geen/soffice"  # the PDF page then says LibreOffice is missing, without running it
    with app.app_context():
        db.drop_all()
        db.create_all()
        limiter.reset()
        users = {r: helpers.make_user(f"{r}@a.nl", f"{r.capitalize()} A") for r in (B, R, J, M)}
        users[OUTSIDER] = helpers.make_user("beheerder@b.nl", "Beheerder B")
        spare = helpers.make_user("lid@a.nl", "Extra Lid")
        organisation_a = helpers.make_organisation("Aadorp", users[B], B)
        for role in (R, J, M):
            helpers.add_member(organisation_a, users[role], role)
        helpers.add_member(organisation_a, spare, M)
        organisation_b = helpers.make_organisation("Beestad", users[OUTSIDER], B)
        helpers.make_plan(organisation_b, "Plan van B")
        plan = helpers.make_plan(organisation_a, "Plan van A")
        plans.save_step(plan, 1, {"participatie_definitie": "Samen beleid maken."}, users[R], None)
        db.session.commit()
        snapshot = plans.take_snapshot(plan, "Eerste versie", users[R])
        db.session.commit()
        comment = comments.add_comment(plan, "step:1", "Klopt deze definitie?", by=users[J])
        db.session.commit()
        ordinance = build_ordinance(content.clause_library(), content.handreiking(),
                                    plan_io.plan_input(plan, content.current()))
        keys = [a.key for a in ordinance.articles()]
        article_key = "begripsbepalingen" if "begripsbepalingen" in keys else keys[0]
        # A project of A with a published participatieplan.
        project = Project(organisation_id=organisation_a.id, name="Traject van A", domain="economie", phase="idee",
                          impact="klein", plan_id=plan.id)
        db.session.add(project)
        db.session.flush()
        db.session.add(ProjectDocument(project_id=project.id, kind="participatieplan", answers={"doel": "Meedenken."},
                                       version=1, published=True))
        project_comment = ProjectComment(project_id=project.id, kind="participatieplan", body="Klopt dit?",
                                         author_id=users[J].id)
        db.session.add(project_comment)
        case = Case(project_id=project.id, title="Casus van A", approach="Gedaan.", outcomes="Opgeleverd.",
                    lessons="", factors="", published=True)
        db.session.add(case)
        survey = Survey(project_id=project.id, token=SURVEY_TOKEN, own_questions=[])
        db.session.add(survey)
        db.session.flush()
        # five responses, so the results and their CSV exist for whoever may see them
        db.session.add_all(SurveyResponse(survey_id=survey.id, answers={"weer_meedoen": "4"},
                                          answered_on=date(2027, 1, 5)) for _ in range(5))
        db.session.commit()
        # A's adopted ordinance (in force) and one request at its loket, with an attachment
        _version, filed, initiative = helpers.make_loket(plan, db.session.get(PlanSnapshot, snapshot.id), users[B],
                                                         REQUEST_TOKEN, SUPPORT_TOKEN)
        # The leeratelier: A (plan P) and C at one table in round 1, D at another; B does not take part.
        for who in (FACILITATOR, PEER, OTHER_GROUP):
            users[who] = helpers.make_user(f"{who.replace(' ', '-')}@atelier.nl", who.capitalize())
        atelier = ateliers.create_atelier("Leeratelier", users[FACILITATOR])
        table, other_table = (AtelierGroup(atelier=atelier, round_number=1, name=n) for n in ("Tafel 1", "Tafel 2"))
        db.session.add_all([table, other_table])
        db.session.commit()
        taking_part = {B: plan}
        for who in (PEER, OTHER_GROUP):
            taking_part[who] = helpers.make_plan(helpers.make_organisation(f"Gemeente van {who}", users[who], B),
                                                 f"Plan van {who}")
        participants = {who: AtelierParticipant(atelier_id=atelier.id, organisation_id=p.organisation_id,
                                                plan_id=p.id) for who, p in taking_part.items()}
        db.session.add_all(participants.values())
        db.session.flush()
        seats = [(table.id, participants[B].id, 1), (table.id, participants[PEER].id, 1),
                 (other_table.id, participants[OTHER_GROUP].id, 1)]
        db.session.commit()
        w = World(app=app, users=users, organisation_a=organisation_a, organisation_b=organisation_b, plan=plan,
                  snapshot_id=snapshot.id, comment_id=comment.id, article_key=article_key, spare=spare,
                  atelier_id=atelier.id, participant_id=participants[B].id, seats=seats, project_id=project.id,
                  project_comment_id=project_comment.id, case_id=case.id, request_id=filed.id,
                  attachment_id=filed.attachments[0].id, initiative_id=initiative.id)
        for who in VISITORS:
            w.clients[who] = app.test_client()
            if who != ANONYMOUS:
                limiter.reset()
                helpers.login(w.clients[who], users[who].email)
        yield w
        db.session.remove()
        db.drop_all()


# --- the tests ------------------------------------------------------------------------------------

def test_every_route_has_a_rule(world):
    """A new route without an entry in EXPECTED fails here: decide who may use it, then add it."""
    found: dict[str, set[str]] = {}
    for rule in world.app.url_map.iter_rules():
        found.setdefault(rule.endpoint, set()).update(rule.methods - METHODS_IGNORED)
    missing, stale = sorted(set(found) - set(EXPECTED)), sorted(set(EXPECTED) - set(found))
    assert not missing, f"routes zonder regel in EXPECTED: {missing}"
    assert not stale, f"regels in EXPECTED voor routes die niet (meer) bestaan: {stale}"
    assert set(found) == set(EXPECTED)
    wrong = {ep: (sorted(methods), sorted(EXPECTED[ep])) for ep, methods in found.items()
             if methods != set(EXPECTED[ep])}
    assert not wrong, f"methoden wijken af van EXPECTED (app, test): {wrong}"


def test_role_rules_only_on_urls_that_name_an_organisation(world):
    """A rule by role needs a plan or municipality in the URL; otherwise there is no role to check."""
    for rule in world.app.url_map.iter_rules():
        rules = EXPECTED.get(rule.endpoint, {})
        if any(isinstance(r, frozenset) for r in rules.values()):
            assert set(rule.arguments) & SCOPED_ARGUMENTS, rule.endpoint


CASES = [(endpoint, method, who) for endpoint, rules in EXPECTED.items() for method, rule in rules.items()
         if rule != ASSET for who in VISITORS]


def _is_login_redirect(response) -> bool:
    """Sent to the login page because the page needs a login (with ?next= back to it; logging out has none)."""
    location = urlparse(response.headers.get("Location", ""))
    return response.status_code == 302 and location.path == "/inloggen" and "next=" in location.query


@pytest.mark.parametrize(("endpoint", "method", "who"), CASES,
                         ids=[f"{e}-{m}-{w}" for e, m, w in CASES])
def test_matrix(world, endpoint, method, who):
    world.reset()
    client = world.client(who)
    url, arguments = world.url(endpoint, method)
    if method == "GET":
        response = client.get(url)
    else:
        token = helpers.csrf_token(client)
        limiter.reset()
        response = client.post(url, data={"csrf_token": token})
    status = response.status_code
    rule = EXPECTED[endpoint][method]
    scoped = bool(arguments & SCOPED_ARGUMENTS)
    where = f"{method} {url} als {who}: status {status}"

    if who == ANONYMOUS:
        if rule == PUBLIC:
            assert status < 400, where
        else:
            assert _is_login_redirect(response) or status == 401, f"{where}, verwacht: naar /inloggen of 401"
        return
    if scoped and who not in knowers(arguments, endpoint):
        assert status == 404, f"{where}, verwacht 404: een URL van iets waar {who} niet bij hoort"
        return
    if rule in (PUBLIC, LOGGED_IN) or who in rule:
        assert status < 500, where
        assert status not in (401, 403, 404, 405), where
        assert not _is_login_redirect(response), f"{where}: onverwacht naar de inlogpagina"
        if method == "GET":
            assert status < 400, where
        return
    assert status == 403, f"{where}, verwacht 403: de rol {who} mag dit niet"
    assert "U heeft niet de rol die voor deze handeling nodig is." in helpers.text_of(response)
