"""The rights of an adopted version, and periods as the law counts them."""
from __future__ import annotations

from datetime import date

import pytest

from app import content
from app.services.loket.periods import end_of_period, feestdagen, next_working_day
from app.services.loket.rights import REASONABLE_WEEKS, rights_of
from tests.loket.factories import STEP4, STEP5


def test_the_law_s_feestdagen_every_year_including_5_may_and_good_friday():
    days = feestdagen(2027)
    assert date(2027, 5, 5) in days            # 5 May every year (art. 3 lid 1 Atw), not only every fifth
    assert date(2027, 3, 26) in days           # Goede Vrijdag (lid 2)
    assert date(2027, 3, 29) in days and date(2027, 5, 17) in days   # tweede Paas- en Pinksterdag
    assert date(2027, 5, 6) in days and date(2027, 4, 27) in days    # Hemelvaart, Koningsdag
    assert date(2027, 5, 7) not in days        # the Friday after Ascension: only by Royal Decree (lid 3)
    assert len(days) == 9


def test_a_period_ending_on_saturday_or_holiday_moves_to_the_next_working_day():
    # received Saturday 2 January 2027 + 10 weeks = Saturday 13 March -> Monday 15 March
    assert end_of_period(date(2027, 1, 2), 10) == date(2027, 3, 15)
    # received Monday 1 March + 4 weeks = Monday 29 March (tweede Paasdag) -> Tuesday 30 March
    assert end_of_period(date(2027, 3, 1), 4) == date(2027, 3, 30)
    # received 21 April + 2 weeks = 5 May 2027 (a Wednesday, Bevrijdingsdag) -> Thursday 6 May is Hemelvaart -> 7 May
    assert end_of_period(date(2027, 4, 21), 2) == date(2027, 5, 7)
    # Goede Vrijdag 26 March 2027 -> Tuesday 30 March (weekend and tweede Paasdag in between)
    assert next_working_day(date(2027, 3, 26)) == date(2027, 3, 30)
    # an ordinary Wednesday stays
    assert end_of_period(date(2027, 1, 6), 6) == date(2027, 2, 17)


@pytest.fixture()
def guide(app):
    return content.handreiking()


def test_rights_of_reads_the_adopted_answers(guide):
    found = rights_of({4: STEP4, 5: STEP5}, "gemeente", guide)
    assert set(found) == {"uitdaagrecht", "participatieverzoek", "burgerinitiatief", "buurtplanrecht"}
    assert "biedrecht" not in found                       # the ordinance does not grant it: not offered
    assert found["uitdaagrecht"].weeks == 10 and found["uitdaagrecht"].beschikking
    assert found["uitdaagrecht"].decided_by == "het college"
    assert found["uitdaagrecht"].criteria == ("Kwaliteit van de uitvoering", "Kosten")
    assert found["buurtplanrecht"].weeks == 12
    assert found["participatieverzoek"].weeks == 6 and not found["participatieverzoek"].beschikking
    assert found["burgerinitiatief"].supporters_needed == 25 and found["burgerinitiatief"].decided_by == "de raad"


def test_rights_follow_the_ordinance_s_choices(guide):
    no_challenge = rights_of({4: {"initiatief": ["gemeente"]}, 5: {"uitdaagrecht_opnemen": False}}, "provincie",
                             guide)
    assert no_challenge == {}
    province = rights_of({5: {"uitdaagrecht_opnemen": True, "buurtrechten": ["biedrecht"]}}, "provincie", guide)
    assert province["uitdaagrecht"].decided_by == "gedeputeerde staten"
    assert province["uitdaagrecht"].weeks == REASONABLE_WEEKS and province["uitdaagrecht"].period_source == "awb"
    assert "biedrecht" in province and "buurtplanrecht" not in province
