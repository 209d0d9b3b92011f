"""indicators.board: what feeds progress.compute, how places add up, and a row's figure, year and statuses.

A row's latest figure and every status of it come from the same figures, on every page and export.
The case a leader met: the national figure of the newest year beats the target, but only some
provinces have reported it; the status is computed from the last complete year. Every place that
shows the figure or the status must name that same year, and show the newer figure as provisional
with its "n/m".
"""

import re
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from directives.models import Directive
from indicators import board
from indicators import board as dashboard
from indicators.board import Board
from indicators.models import Indicator, Measurement, WorkflowStatus
from indicators.progress import Status
from indicators.targets import Period, plan_start
from provinces.generations import Units
from reporting import report
from tests.excel_helpers import records, row_with, workbook_of
from tests.factories import SHARE_INDICATOR as SHARE
from tests.factories import make_directive, make_indicator, make_measurement, make_province, make_target, rebuilt
from tests.factories import unsaved_target as target

PHU_THO = SimpleNamespace(pk=25)
LAO_CAI = SimpleNamespace(pk=10)


# --- what progress.compute is given ----------------------------------------------------------------


def test_the_plan_starts_at_the_targets_baseline_year():
    values = {2010: D(20), 2011: D(30), 2013: D(50)}
    t = target(SHARE, 2015, 80, province=PHU_THO, baseline_year=2010, directive=Directive(pk=3, period_start=2011))
    progress = dashboard.assess(SHARE, values, t, as_of=2013)
    assert (progress.baseline_year, progress.target_year, progress.latest_year) == (2010, 2015, 2013)
    assert plan_start(t) == 2010


def test_without_a_baseline_year_the_base_year_is_the_one_before_the_directives_period():
    directive = Directive(pk=1, period_start=2012)
    t = target(SHARE, 2015, 80, province=PHU_THO, directive=directive)
    assert plan_start(t) == 2011
    progress = dashboard.assess(SHARE, {2010: D(10), 2011: D(15), 2012: D(20), 2014: D(50)}, t, as_of=2014)
    assert (progress.baseline_year, progress.baseline) == (2011, D(15))
    late_start = dashboard.assess(SHARE, {2012: D(20), 2014: D(50)}, t, as_of=2014)
    assert (late_start.baseline_year, late_start.baseline) == (2012, D(20))


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
    waiting = dashboard.assess(SHARE, {2010: D(20), 2014: D(50)}, t, as_of=2016)
    assert waiting.status == Status.NEEDS_ATTENTION and not waiting.missed and waiting.awaiting == 2015
    missed = dashboard.assess(SHARE, {2010: D(20), 2014: D(50), 2016: D(70)}, t, as_of=2016)
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


# --- the figure, its year and its statuses, everywhere -------------------------------------------


User = get_user_model()


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def incomplete_newest_year(db):
    """Two units; both reported 2010 and 2019 (18,75 %), only one 2024 (20,96 %); target 20 % by 2020."""
    north = make_province("Tỉnh Bắc", code="01", slug="bac")
    south = make_province("Tỉnh Nam", code="02", slug="nam")
    share = make_indicator("units-with-lan", name_vi="Tỷ lệ đơn vị có mạng LAN")
    reported = {north: {2010: 10, 2019: 18, 2024: D("20.96")}, south: {2010: 10, 2019: D("19.5")}}
    for province, figures in reported.items():
        for year, numerator in figures.items():
            make_measurement(share, province, year, D(numerator), numerator=D(numerator), denominator=D(100))
    make_target(share, 20, 2020, baseline_year=2010)
    user = User.objects.create_superuser("leader", password="x")  # noqa: S106
    rebuilt()
    return share, user


def test_the_row_status_and_figure_name_the_last_complete_year(incomplete_newest_year):
    share, _user = incomplete_newest_year
    row = board.Board.load([share]).national_row(share)
    assert row.as_of == 2024
    assert (row.latest.year, row.latest.value, row.latest.coverage) == (2019, D("18.75"), "2/2")
    assert (row.provisional.year, row.provisional.value, row.provisional.coverage) == (2024, D("20.96"), "1/2")
    for assessment in row.assessments:
        assert assessment.year == assessment.progress.latest_year == 2019
        assert assessment.newer is row.provisional
    # 2024 asked, the 2020 figure never complete: the pace of 2019's, waiting for 2020's, not "missed"
    progress = row.assessment(2020).progress
    assert (progress.missed, progress.awaiting) == (False, 2020)


def test_the_indicator_page_headline_badge_and_tooltip_name_the_same_year(client, incomplete_newest_year):
    share, user = incomplete_newest_year
    client.force_login(user)
    html = client.get(f"/indicators/{share.code}/?target=2020").content.decode()
    national = html[html.index('class="national"') :]
    headline = text(national[: national.index("</p>")])
    assert "18,75% (2019)" in headline
    assert "2024, tạm tính: 20,96% 1/2 tỉnh báo cáo" in headline
    table = national[: national.index("</section>")]
    badges = re.findall(r'<summary title="([^"]*)">(.*?)</summary>', table, re.S)
    assert len(badges) == 1  # the target of the period compared against: 2016–2020, asked for
    for title, badge in badges:
        assert "Mới nhất 2019: 18,75%" in title
        assert "2024" not in title
        assert "theo số liệu 2019" in text(badge)
    assert "Đúng tiến độ theo số liệu 2019 chưa có số liệu năm 2020" in text(badges[0][1])


def test_the_national_report_row_names_the_same_year_as_the_page(client, incomplete_newest_year):
    share, user = incomplete_newest_year
    summary = report.build_report(user, None, 2024).summary
    assert [(r.latest, r.latest_year) for r in summary] == [(D("18.75"), 2019)]
    assert "Đúng tiến độ · tốc độ 0,97 · chưa có số liệu năm 2020" in summary[0].targets[Period(2016, 2020)][1]

    client.force_login(user)
    workbook = workbook_of(client.get("/reports/toan-quoc/2024.xlsx"))
    ws = workbook[workbook.sheetnames[1]]
    header = row_with(ws, "Giá trị mới nhất")
    rows = [r for r in records(ws, header) if isinstance(r["STT"].value, int)]  # not the legend under the table
    assert [(r["Giá trị mới nhất"].value, r["Năm"].value) for r in rows] == [(D("18.75"), 2019)]


def test_a_unit_without_a_target_still_shows_the_year_of_its_latest_figure(incomplete_newest_year):
    share, _user = incomplete_newest_year
    count = make_indicator("computers", unit=Indicator.Unit.COUNT)
    north = share.measurements.first().province
    make_measurement(count, north, 2019, 500)
    row = board.Board.load([count], only=[north]).row(count, north)
    assert row.latest.year == 2019
    assert all(a.target is None and a.year == 2019 for a in row.assessments)
