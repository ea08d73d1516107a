"""The route to adoption: pure date logic (planner), .ics in and out (calendar_io), the plan's settings (schedules)."""
from app.services.adoption.planner import (MEETING_BODIES, AdoptionContentError, PlannedStep, Route, RouteContent,
                                           StepSetting, StepSpec, label_for, load_route_content, load_route_folder,
                                           plan_route, today_in_amsterdam, words_for)

__all__ = ["MEETING_BODIES", "AdoptionContentError", "PlannedStep", "Route", "RouteContent", "StepSetting",
           "StepSpec", "label_for", "load_route_content", "load_route_folder", "plan_route", "today_in_amsterdam",
           "words_for"]
