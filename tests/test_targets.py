"""indicators.targets: which target applies to a status, and which one a figure is heading to."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from indicators.board import Assessment
from indicators.models import Indicator
from indicators.targets import Period, TargetBook, default_period, periods_of
from tests.factories import COUNT_INDICATOR as COUNT
from tests.factories import SHARE_INDICATOR as SHARE
from tests.factories import unsaved_target as target

PHU_THO = SimpleNamespace(pk=25)
LAO_CAI = SimpleNamespace(pk=10)


def choose_target(targets, indicator, place, window):
    return TargetBook(targets).applicable(indicator, place, window)


def nearest(targets, indicator, place, year):
    return TargetBook(targets).nearest(indicator, place, year)


def test_the_provinces_own_target_is_preferred_over_the_national_one():
    national = target(SHARE, 2015, 80)
    own = target(SHARE, 2015, 90, province=PHU_THO)
    assert choose_target([national, own], SHARE, PHU_THO, 2015) is own


def test_a_national_target_applies_to_a_province_without_its_own_for_a_share():
    national = target(SHARE, 2015, 80)
    someone_elses = target(SHARE, 2015, 95, province=LAO_CAI)
    assert choose_target([national, someone_elses], SHARE, PHU_THO, 2015) is national


def test_a_national_target_is_ignored_for_a_count():
    national = target(COUNT, 2015, 1_000_000)
    assert choose_target([national], COUNT, PHU_THO, 2015) is None


def test_the_nation_itself_uses_a_national_count_target():
    national = target(COUNT, 2015, 1_000_000)
    assert choose_target([national], COUNT, None, 2015) is national


def test_a_real_target_beats_a_demo_one_in_the_same_scope():
    demo = target(SHARE, 2015, 80, province=PHU_THO, demo=True)
    real = target(SHARE, 2014, 85, province=PHU_THO)
    assert choose_target([demo, real], SHARE, PHU_THO, 2015) is real


def test_the_provinces_demo_target_beats_a_real_national_one():
    own_demo = target(SHARE, 2015, 80, province=PHU_THO, demo=True)
    national_real = target(SHARE, 2015, 70)
    assert choose_target([own_demo, national_real], SHARE, PHU_THO, 2015) is own_demo


def test_a_real_national_target_beats_a_demo_national_one():
    demo = target(SHARE, 2020, 100, demo=True)
    real = target(SHARE, 2020, 95)
    assert choose_target([demo, real], SHARE, PHU_THO, 2020) is real


@pytest.mark.parametrize(
    ("deadline", "window"),
    [(2011, 2015), (2013, 2015), (2015, 2015), (2016, 2020), (2018, 2020), (2020, 2020)],
)
def test_the_2015_target_is_due_2011_to_2015_and_the_2020_target_2016_to_2020(deadline, window):
    due = target(SHARE, deadline, 80, province=PHU_THO)
    other = 2020 if window == 2015 else 2015
    assert choose_target([due], SHARE, PHU_THO, window) is due
    assert choose_target([due], SHARE, PHU_THO, other) is None


@pytest.mark.parametrize("deadline", [2010, 2021, 2025])
def test_targets_due_in_other_plan_periods_are_neither_2015_nor_2020(deadline):
    due = target(SHARE, deadline, 80, province=PHU_THO)
    assert choose_target([due], SHARE, PHU_THO, 2015) is None
    assert choose_target([due], SHARE, PHU_THO, 2020) is None


@pytest.mark.parametrize(("deadline", "period"), [(2021, "2021–2025"), (2025, "2021–2025"), (2030, "2026–2030")])
def test_a_target_due_in_2025_or_2030_applies_in_its_own_plan_period(deadline, period):
    due = target(SHARE, deadline, 80, province=PHU_THO)
    chosen = Period.containing(deadline)
    assert str(chosen) == period
    assert choose_target([due], SHARE, PHU_THO, chosen) is due
    assert choose_target([due], SHARE, PHU_THO, Period.containing(deadline - 5)) is None


def test_the_periods_come_from_the_targets_and_a_period_without_a_target_is_not_one():
    book = TargetBook([target(SHARE, 2015, 80), target(SHARE, 2025, 80), target(COUNT, 2030, 9, province=PHU_THO)])
    assert [str(p) for p in book.periods()] == ["2011–2015", "2021–2025", "2026–2030"]
    assert [str(p) for p in periods_of([2012, 2015, 2031])] == ["2011–2015", "2031–2035"]


def test_the_latest_target_in_the_window_is_chosen():
    early = target(SHARE, 2011, 100, province=PHU_THO)
    late = target(SHARE, 2015, 80, province=PHU_THO)
    assert choose_target([early, late], SHARE, PHU_THO, 2015) is late


def test_a_target_for_no_particular_subject_is_chosen_over_one_for_a_subject():
    departments = target(SHARE, 2015, 100, province=PHU_THO, subject="các sở, ban, ngành")
    general = target(SHARE, 2015, 90, province=PHU_THO)
    assert choose_target([departments, general], SHARE, PHU_THO, 2015) is general


def test_another_indicators_target_never_applies():
    assert choose_target([target(COUNT, 2015, 5, province=PHU_THO)], SHARE, PHU_THO, 2015) is None


# --- the target a figure is heading to ------------------------------------------------------------


def test_the_nearest_target_is_the_first_deadline_from_the_year_on():
    early, late = target(SHARE, 2015, 60, province=PHU_THO), target(SHARE, 2020, 90, province=PHU_THO)
    assert nearest([late, early], SHARE, PHU_THO, 2012) is early
    assert nearest([late, early], SHARE, PHU_THO, 2015) is early
    assert nearest([late, early], SHARE, PHU_THO, 2016) is late


def test_past_every_deadline_the_nearest_target_is_the_last_one():
    early, late = target(SHARE, 2015, 60, province=PHU_THO), target(SHARE, 2020, 90, province=PHU_THO)
    assert nearest([early, late], SHARE, PHU_THO, 2024) is late


def test_an_earlier_national_deadline_is_nearer_than_the_provinces_later_one():
    national = target(SHARE, 2015, 80)
    own = target(SHARE, 2020, 90, province=PHU_THO)
    assert nearest([own, national], SHARE, PHU_THO, 2013) is national


def test_on_the_same_deadline_the_nearest_target_is_chosen_as_the_applicable_one():
    """Ties are broken by the same preference: own real, own demo, national real, national demo."""
    national_real = target(SHARE, 2015, 80)
    own_demo = target(SHARE, 2015, 85, province=PHU_THO, demo=True)
    own_real = target(SHARE, 2015, 90, province=PHU_THO)
    targets = [national_real, own_demo, own_real]
    assert nearest(targets, SHARE, PHU_THO, 2013) is own_real
    assert nearest(targets, SHARE, PHU_THO, 2013) is choose_target(targets, SHARE, PHU_THO, 2015)
    assert nearest([national_real, own_demo], SHARE, PHU_THO, 2013) is own_demo


def test_on_the_same_deadline_and_scope_no_subject_then_the_oldest_wins():
    departments = target(SHARE, 2015, 95, province=PHU_THO, subject="sở, ban, ngành")
    first = target(SHARE, 2015, 80, province=PHU_THO)
    second = target(SHARE, 2015, 85, province=PHU_THO)
    assert nearest([departments, second, first], SHARE, PHU_THO, 2013) is first
    assert choose_target([departments, second, first], SHARE, PHU_THO, 2015) is first


def test_no_nearest_target_from_another_province_or_a_national_count():
    assert nearest([target(SHARE, 2015, 80, province=LAO_CAI)], SHARE, PHU_THO, 2013) is None
    assert nearest([target(COUNT, 2015, 500)], COUNT, PHU_THO, 2013) is None
    assert nearest([target(COUNT, 2015, 500)], COUNT, None, 2013) is not None


@pytest.mark.parametrize(
    ("today", "period"),
    [
        (datetime.date(2026, 12, 20), "2021–2025"),  # 2025's figures were due 31/01/2026; 2026's not yet
        (datetime.date(2027, 1, 31), "2021–2025"),  # the deadline day itself: 2026's figures may still come
        (datetime.date(2027, 2, 1), "2026–2030"),  # 2026's deadline has passed
        (datetime.date(2021, 2, 1), "2016–2020"),  # 2020 is the latest year closed
        (datetime.date(2022, 2, 1), "2021–2025"),
    ],
)
def test_the_default_period_holds_the_latest_year_whose_reporting_deadline_has_passed(on_date, today, period):
    on_date(today)
    assert str(default_period()) == period


def test_the_reporting_deadline_setting_moves_the_default_period(on_date, settings):
    settings.REPORTING_DEADLINE = "15/03"
    on_date(datetime.date(2027, 3, 1))
    assert str(default_period()) == "2021–2025"
    on_date(datetime.date(2027, 3, 16))
    assert str(default_period()) == "2026–2030"


def test_an_earlier_year_asked_opens_on_its_period_and_a_later_one_never_moves_it_forward(on_date):
    on_date(datetime.date(2026, 12, 20))
    assert str(default_period(2018)) == "2016–2020"
    assert str(default_period(2026)) == "2021–2025"


def test_pages_and_reports_write_the_comparison_from_one_function():
    from dashboards.html import status_title, target_text
    from indicators.board import assess
    from indicators.targets import compared

    lower = Indicator(pk=3, code="egdi-rank", unit=Indicator.Unit.COUNT, direction=Indicator.Direction.LOWER)
    assert compared(target(SHARE, 2025, 80, strict=True), SHARE, "80%") == "> 80%"
    assert compared(target(SHARE, 2025, 80), SHARE, "80%") == "≥ 80%"
    assert compared(target(lower, 2025, 70), lower, "70") == "≤ 70"
    assert compared(target(lower, 2025, 70, strict=True), lower, "70") == "< 70"

    fibre = target(SHARE, 2025, 80, strict=True)
    progress = assess(SHARE, {2020: Decimal(40), 2025: Decimal(80)}, fibre, as_of=2025)
    shown = Assessment(Period(2021, 2025), fibre, progress, None, is_demo=False)
    assert "Chỉ tiêu 2025: > 80%" in status_title(shown, SHARE)
    assert '<span class="target">&gt; 80%</span>' in target_text(shown, SHARE)
    assert progress.missed, "80 % does not meet '> 80 %'"
