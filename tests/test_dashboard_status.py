"""indicators.board: which target applies, what feeds progress.compute, how places add up."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from directives.models import Directive
from indicators import board as dashboard
from indicators.board import Board
from indicators.models import Indicator, Measurement, Target, WorkflowStatus
from indicators.progress import Status
from indicators.targets import plan_start
from provinces.generations import Units
from tests.factories import make_directive, make_indicator, make_measurement, make_province, make_target

SHARE = Indicator(pk=1, code="units-with-lan", unit=Indicator.Unit.PERCENT, aggregation="ratio")
COUNT = Indicator(pk=2, code="computers", unit=Indicator.Unit.COUNT, aggregation="sum")
PHU_THO = SimpleNamespace(pk=25)
LAO_CAI = SimpleNamespace(pk=10)
_ids = iter(range(1, 10_000))


def target(indicator, deadline, value, province=None, demo=False, subject="", **extra):
    return Target(
        pk=next(_ids),
        indicator_id=indicator.pk,
        province_id=province.pk if province else None,
        deadline_year=deadline,
        value=D(value),
        is_demo=demo,
        subject=subject,
        **extra,
    )


# --- what progress.compute is given ----------------------------------------------------------------


def test_the_plan_starts_at_the_targets_baseline_year():
    values = {2010: D(20), 2011: D(30), 2013: D(50)}
    t = target(SHARE, 2015, 80, province=PHU_THO, baseline_year=2010, directive=Directive(pk=3, period_start=2011))
    progress = dashboard.assess(SHARE, values, t, as_of=2013)
    assert (progress.baseline_year, progress.target_year, progress.latest_year) == (2010, 2015, 2013)
    assert plan_start(t) == 2010


def test_without_a_baseline_year_the_plan_starts_with_the_directive():
    directive = Directive(pk=1, period_start=2012)
    values = {2010: D(10), 2012: D(20), 2014: D(50)}
    t = target(SHARE, 2015, 80, province=PHU_THO, directive=directive)
    progress = dashboard.assess(SHARE, values, t, as_of=2014)
    assert progress.baseline_year == 2010
    late_start = dashboard.assess(SHARE, {2012: D(20), 2014: D(50)}, t, as_of=2014)
    assert late_start.baseline == D(20)


def test_a_stated_baseline_value_and_year_are_used_as_they_are():
    values = {2008: D(10), 2013: D(50)}
    t = target(SHARE, 2015, 80, province=PHU_THO, baseline_year=2010, baseline_value=D(20))
    progress = dashboard.assess(SHARE, values, t, as_of=2013)
    assert (progress.baseline, progress.baseline_year) == (D(20), 2010)
    assert progress.distance == D(30) / D(60)
    assert progress.elapsed == D(3) / D(5)
    assert progress.status == Status.NEEDS_ATTENTION  # pace 0.83


def test_a_baseline_value_without_its_year_is_not_used():
    values = {2010: D(20), 2013: D(79)}
    t = target(SHARE, 2015, 80, province=PHU_THO, baseline_value=D(70), directive=Directive(pk=2, period_start=2010))
    assert dashboard.assess(SHARE, values, t, as_of=2013).baseline == D(20)


def test_the_year_asked_ignores_later_figures_and_passes_deadlines():
    values = {2010: D(20), 2014: D(50), 2016: D(90)}
    t = target(SHARE, 2015, 80, province=PHU_THO, baseline_year=2010)
    assert dashboard.assess(SHARE, values, t, as_of=2014).latest_year == 2014
    later = dashboard.assess(SHARE, values, t, as_of=2016)
    assert later.status == Status.ACHIEVED
    missed = dashboard.assess(SHARE, {2010: D(20), 2014: D(50)}, t, as_of=2016)
    assert missed.status == Status.OFF_TRACK and missed.missed


def test_no_target_means_not_enough_data_and_says_so():
    progress = dashboard.assess(SHARE, {2010: D(20)}, None, as_of=2014)
    assert progress.status == Status.NOT_ENOUGH_DATA
    assert progress.reason


def test_lower_is_better_is_passed_on():
    falling = Indicator(pk=3, unit=Indicator.Unit.PERCENT, direction=Indicator.Direction.LOWER, aggregation="ratio")
    t = target(falling, 2015, 10, province=PHU_THO, baseline_year=2010)
    progress = dashboard.assess(falling, {2010: D(50), 2015: D(8)}, t, as_of=2015)
    assert progress.status == Status.ACHIEVED


# --- loading and adding up (database) ----------------------------------------------------------------


@pytest.fixture
def merger(db):
    """Phú Thọ 2025 formed from Phú Thọ, Vĩnh Phúc and Hòa Bình; a ratio and a non-aggregating indicator."""
    current = make_province("Tỉnh Phú Thọ", code="25", current=True, slug="phu-tho-2025")
    units = [
        make_province("Tỉnh Phú Thọ", code="25", slug="phu-tho", successor=current),
        make_province("Tỉnh Vĩnh Phúc", code="26", slug="vinh-phuc", successor=current),
        make_province("Tỉnh Hòa Bình", code="17", slug="hoa-binh", successor=current),
    ]
    share = make_indicator("units-with-lan")
    rank = make_indicator("rank", unit=Indicator.Unit.COUNT, aggregation=Indicator.Aggregation.NONE)
    for unit, (num, den) in zip(units, [(5, 10), (3, 10), (2, 20)], strict=True):
        make_measurement(share, unit, 2020, 100 * num / den, numerator=D(num), denominator=D(den))
        make_measurement(rank, unit, 2020, 3)
    return SimpleNamespace(current=current, units=units, share=share, rank=rank)


def test_a_current_unit_rolls_up_its_predecessors_as_summed_numerators_over_denominators(merger):
    board = Board.load([merger.share], units=Units.CURRENT)
    figure = board.row(merger.share, merger.current).series[2020]
    assert figure.value == D(25)  # (5 + 3 + 2) / (10 + 10 + 20)
    assert (figure.numerator, figure.denominator) == (D(10), D(40))
    assert (figure.reporting, figure.expected) == (3, 3)


def test_a_non_aggregating_indicator_is_not_rolled_up_and_says_why(merger):
    board = Board.load([merger.rank], units=Units.CURRENT)
    figure = board.row(merger.rank, merger.current).series[2020]
    assert figure.value is None
    assert "không cộng gộp" in figure.reason


def test_a_partial_roll_up_is_shown_with_its_count_but_feeds_no_status(merger):
    Measurement.objects.filter(province=merger.units[2]).delete()  # Hòa Bình did not report 2020
    make_target(merger.share, 60, 2020, baseline_year=2015)
    for unit in merger.units:
        make_measurement(merger.share, unit, 2015, 10, numerator=D(1), denominator=D(10))
    row = Board.load([merger.share], units=Units.CURRENT, as_of=2020).row(merger.share, merger.current)
    assert row.series[2020].value == D(40)  # (5 + 3) / (10 + 10)
    assert (row.series[2020].reporting, row.series[2020].expected) == (2, 3)
    assert row.assessment(2020).progress.latest_year == 2015


def test_the_nation_adds_up_the_units_reporting_that_year(merger):
    board = Board.load([merger.share], units=Units.LEGACY, as_of=2020)
    national = board.national_row(merger.share).current
    assert national.value == D(25)
    assert (national.reporting, national.expected) == (3, 3)


def test_a_ratio_reported_without_numerator_and_denominator_gives_no_national_figure(merger):
    lone = make_province("Tỉnh Lào Cai", code="10", slug="lao-cai")
    make_measurement(merger.share, lone, 2020, "89.1")
    board = Board.load([merger.share], as_of=2020)
    national = board.national_row(merger.share).current
    assert national.value is None
    assert "1 đơn vị" in national.reason
    assert (national.reporting, national.expected) == (4, 4)


def test_the_default_year_is_the_latest_year_with_figures(merger):
    assert Board.load([merger.share]).as_of == 2020


def test_only_approved_figures_are_shown(merger):
    make_measurement(merger.share, merger.units[0], 2021, 90, status=WorkflowStatus.SUBMITTED)
    assert Board.load([merger.share]).as_of == 2020


def test_a_province_row_uses_its_own_target_and_the_national_one_otherwise(merger):
    own = make_target(merger.share, 70, 2015, province=merger.units[0], baseline_year=2010)
    national = make_target(merger.share, 80, 2015, directive=make_directive(period_start=2010))
    board = Board.load([merger.share])
    assert board.row(merger.share, merger.units[0]).assessment(2015).target == own
    assert board.row(merger.share, merger.units[1]).assessment(2015).target == national


def test_missed_targets_are_counted_apart_from_off_track(merger):
    make_target(merger.share, 90, 2015, baseline_year=2010)
    for unit in merger.units:
        make_measurement(merger.share, unit, 2010, 10, numerator=D(1), denominator=D(10))
    board = Board.load([merger.share], as_of=2020)
    counts = {t.key: t.count for t in dashboard.status_counts(board.rows(merger.share), 2015)}
    assert counts["missed"] == 3
    assert counts["off_track"] == 0
    rows = board.rows(merger.share)
    assert all(dashboard.matches_status(r, "behind", 2015) for r in rows)
    assert not any(dashboard.matches_status(r, "off_track", 2015) for r in rows)
