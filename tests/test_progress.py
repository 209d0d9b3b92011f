"""Progress status, hand-computed against the definition in DESIGN.md."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from indicators.progress import BEHIND, KEY_LABELS, Status, compute, matches, status_key, status_text, tally


def test_higher_is_better_on_track():
    # b=40 (2010), v=70 (2014), T=80 (2015): p = 30/40 = 0.75, e = 4/5 = 0.8, r = 0.9375 → needs attention
    result = compute({2010: D(40), 2014: D(70)}, D(80), 2015, plan_start=2010)
    assert result.distance == D("0.75")
    assert result.elapsed == D("0.8")
    assert result.pace == D("0.9375")
    assert result.status is Status.NEEDS_ATTENTION


def test_pace_at_exactly_095_is_on_track():
    # b=0, T=100, y0=2000, yT=2020; v=47.5 in 2010: p=0.475, e=0.5, r=0.95
    result = compute({2000: D(0), 2010: D("47.5")}, D(100), 2020, plan_start=2000)
    assert result.pace == D("0.95")
    assert result.status is Status.ON_TRACK


def test_pace_below_06_is_off_track_but_not_missed():
    # b=50, T=100, v=60 after half the time: p=0.2, e=0.5, r=0.4
    result = compute({2010: D(50), 2015: D(60)}, D(100), 2020, plan_start=2010)
    assert result.pace == D("0.4")
    assert result.status is Status.OFF_TRACK
    assert not result.missed


def test_lower_is_better_flips_both_signs():
    # rank: b=40, T=20, v=30 after half the time: p = (30-40)/(20-40) = 0.5, e = 0.5, r = 1
    result = compute({2010: D(40), 2015: D(30)}, D(20), 2020, higher_is_better=False, plan_start=2010)
    assert result.distance == D("0.5")
    assert result.status is Status.ON_TRACK


def test_lower_is_better_getting_worse_is_deteriorating():
    result = compute({2010: D(40), 2015: D(45)}, D(20), 2020, higher_is_better=False, plan_start=2010)
    assert result.distance < 0
    assert result.status is Status.DETERIORATING


def test_lower_is_better_achieved_when_at_or_below_target():
    result = compute({2010: D(40), 2015: D(20)}, D(20), 2020, higher_is_better=False, plan_start=2010)
    assert result.status is Status.ACHIEVED


def test_target_already_met_is_achieved():
    result = compute({2010: D(60), 2013: D("100")}, D(100), 2015, plan_start=2010)
    assert result.status is Status.ACHIEVED
    assert result.label == "Đã đạt"


def test_deadline_passed_without_achieving_is_missed_off_track():
    # b=40 (2010), v=95 (2016) > yT 2015, T=100: p=0.9167 but the deadline has passed
    result = compute({2010: D(40), 2016: D(95)}, D(100), 2015, plan_start=2010)
    assert result.status is Status.OFF_TRACK
    assert result.missed
    assert result.label == "Không đạt (quá hạn)"


def test_a_deadline_year_not_yet_reported_is_the_pace_of_the_latest_figure_marked_with_the_missing_year():
    # the fibre row of phu-tho-2025 in December 2026: 73,71 (2024) against 80 (2025), 2026 asked
    result = compute({2020: D("40"), 2024: D("73.71")}, D(80), 2025, plan_start=2020, as_of=2026)
    assert not result.missed
    assert result.status is Status.ON_TRACK  # p = 33.71 / 40 = 0.84, e = 0.8, r = 1.05
    assert result.awaiting == 2025
    assert (
        status_text(SimpleNamespace(progress=result, window=2025))
        == "Đúng tiến độ · tốc độ 1,05 · chưa có số liệu năm 2025"
    )


def test_the_missing_year_is_not_marked_before_the_deadline_year_is_asked_nor_once_achieved():
    assert compute({2020: D(40), 2024: D(70)}, D(80), 2025, plan_start=2020, as_of=2024).awaiting is None
    assert compute({2020: D(40), 2024: D(85)}, D(80), 2025, plan_start=2020, as_of=2026).awaiting is None


def test_missed_needs_a_figure_of_the_deadline_year_or_later_below_the_target():
    at_deadline = compute({2020: D(40), 2024: D(73), 2025: D(79)}, D(80), 2025, plan_start=2020, as_of=2026)
    assert at_deadline.missed and at_deadline.latest_year == 2025 and at_deadline.awaiting is None
    only_later = compute({2020: D(40), 2024: D(73), 2026: D(79)}, D(80), 2025, plan_start=2020, as_of=2026)
    assert only_later.missed and only_later.latest_year == 2026


def test_a_target_is_judged_on_the_figure_of_its_deadline_year_not_a_later_one():
    met_then_fell = compute({2020: D(40), 2025: D(81), 2026: D(70)}, D(80), 2025, plan_start=2020, as_of=2026)
    assert met_then_fell.status is Status.ACHIEVED and met_then_fell.latest_year == 2025
    missed_then_met = compute({2020: D(40), 2025: D(75), 2026: D(85)}, D(80), 2025, plan_start=2020, as_of=2026)
    assert missed_then_met.missed and missed_then_met.latest == D(75)


def test_values_after_the_year_asked_are_ignored():
    result = compute({2010: D(40), 2012: D(60), 2014: D(100)}, D(100), 2015, plan_start=2010, as_of=2012)
    assert result.latest_year == 2012
    assert result.status is not Status.ACHIEVED


def test_without_a_figure_on_or_before_the_base_year_the_baseline_is_the_earliest_after_it():
    # the series starts after the plan did: b = 40 (2012), v = 60 (2014), T = 100 (2015): p = 1/3, e = 2/3
    result = compute({2012: D(40), 2014: D(60)}, D(100), 2015, plan_start=2010)
    assert (result.baseline_year, result.baseline) == (2012, D(40))
    assert round(result.pace, 6) == D("0.5") and result.status is Status.OFF_TRACK


def test_a_single_figure_after_the_base_year_is_not_enough_data():
    result = compute({2014: D(60)}, D(100), 2015, plan_start=2010)
    assert result.status is Status.NOT_ENOUGH_DATA and result.why == "one_point"


def test_stated_baseline_is_used_when_the_target_gives_one():
    # b=20 (2010 stated), v=60 (2012), T=100 (2015): p=0.5, e=0.4, r=1.25
    result = compute({2012: D(60)}, D(100), 2015, baseline=D(20), baseline_year=2010)
    assert result.pace == D("1.25")
    assert result.status is Status.ON_TRACK


def test_a_stated_baseline_year_takes_the_value_reported_that_year():
    # the target was set against the 2010 figure: b = 20, not the earlier 10 of 2008
    result = compute({2008: D(10), 2010: D(20), 2013: D(50)}, D(80), 2015, plan_start=2010, baseline_year=2010)
    assert (result.baseline_year, result.baseline) == (2010, D(20))
    assert result.pace == D("0.8333333333333333333333333333")  # p = 0.5, e = 0.6


def test_a_stated_baseline_year_without_a_figure_falls_back_to_the_plan_start():
    result = compute({2008: D(10), 2013: D(50)}, D(80), 2015, plan_start=2010, baseline_year=2010)
    assert (result.baseline_year, result.baseline) == (2008, D(10))


def test_single_data_point_is_not_enough_data():
    result = compute({2010: D(40)}, D(100), 2015, plan_start=2010)
    assert result.status is Status.NOT_ENOUGH_DATA


def test_no_value_at_all_is_not_enough_data():
    assert compute({}, D(100), 2015, plan_start=2010).status is Status.NOT_ENOUGH_DATA


def test_no_target_is_not_enough_data():
    assert compute({2010: D(1), 2012: D(2)}, None, None, plan_start=2010).status is Status.NOT_ENOUGH_DATA


def test_baseline_equal_to_target_and_still_met_is_achieved():
    assert compute({2010: D(100), 2013: D(100)}, D(100), 2015, plan_start=2010).status is Status.ACHIEVED


def test_baseline_equal_to_target_then_falling_is_deteriorating():
    result = compute({2010: D(100), 2013: D(90)}, D(100), 2015, plan_start=2010)
    assert result.status is Status.DETERIORATING


def test_decreasing_values_are_deteriorating():
    # b=70, v=60, T=90: p = -10/20 = -0.5
    result = compute({2010: D(70), 2012: D(65), 2013: D(60)}, D(90), 2015, plan_start=2010)
    assert result.distance == D("-0.5")
    assert result.status is Status.DETERIORATING


def test_baseline_is_the_latest_value_on_or_before_the_base_year():
    result = compute({2008: D(10), 2010: D(30), 2014: D(60)}, D(100), 2020, plan_start=2010)
    assert (result.baseline_year, result.baseline) == (2010, D(30))
    earlier = compute({2008: D(10), 2009: D(20), 2014: D(60)}, D(100), 2020, plan_start=2010)
    assert (earlier.baseline_year, earlier.baseline) == (2009, D(20))


@pytest.mark.parametrize(
    ("latest", "pace", "expected"),
    [
        (D(88), D("1"), Status.ON_TRACK),
        (D("85.6"), D("0.95"), Status.ON_TRACK),
        (D(85), D("0.9375"), Status.NEEDS_ATTENTION),
        (D("68.8"), D("0.6"), Status.NEEDS_ATTENTION),
        (D(64), D("0.5"), Status.OFF_TRACK),
        (D(40), D("0"), Status.OFF_TRACK),
    ],
)
def test_pace_boundaries(latest, pace, expected):
    # b=40 (2010), T=100 (2015), latest in 2014: e=0.8, r = ((v-40)/60)/0.8
    result = compute({2010: D(40), 2014: latest}, D(100), 2015, plan_start=2010)
    assert result.pace == pace
    assert result.status is expected


# --- the keys pages count ------------------------------------------------------------------------


def test_off_track_past_the_deadline_is_counted_under_its_own_key():
    missed = compute({2010: D(40), 2016: D(95)}, D(100), 2015, plan_start=2010)
    slow = compute({2010: D(50), 2015: D(60)}, D(100), 2020, plan_start=2010)
    assert (status_key(missed), status_key(slow)) == ("missed", "off_track")
    assert missed.label == KEY_LABELS["missed"]


@pytest.mark.parametrize(
    ("values", "target_year", "behind"),
    [
        ({2010: D(70), 2013: D(60)}, 2015, True),  # deteriorating
        ({2010: D(40), 2016: D(95)}, 2015, True),  # missed
        ({2010: D(50), 2015: D(60)}, 2020, True),  # off track
        ({2010: D(40), 2014: D(85)}, 2015, True),  # needs attention
        ({2010: D(40), 2014: D(88)}, 2015, False),  # on track
        ({2010: D(40), 2014: D(100)}, 2015, False),  # achieved
        ({2014: D(60)}, 2015, False),  # not enough data
    ],
)
def test_behind_means_short_of_the_target_but_not_unknown(values, target_year, behind):
    result = compute(values, D(100), target_year, plan_start=2010)
    assert matches(result, "behind") is behind
    assert (status_key(result) in BEHIND) is behind
    assert matches(result, status_key(result)) and matches(result, "")


def test_a_tally_lists_every_key_worst_first_with_zeros():
    progresses = [
        compute({2010: D(40), 2016: D(95)}, D(100), 2015, plan_start=2010),
        compute({2010: D(40), 2014: D(100)}, D(100), 2015, plan_start=2010),
        compute({2010: D(40), 2013: D(100)}, D(100), 2015, plan_start=2010),
    ]
    counts = [(t.key, t.count) for t in tally(progresses)]
    assert counts == [
        ("deteriorating", 0), ("missed", 1), ("off_track", 0), ("needs_attention", 0),
        ("on_track", 0), ("achieved", 2), ("not_enough_data", 0),
    ]  # fmt: skip


# --- strict targets ("> 80 %"): issue 18 item 9 -------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "strict", "achieved"),
    [
        (D("80"), False, True),  # "≥ 80 %": 80 meets it
        (D("80"), True, False),  # "> 80 %": 80 does not
        (D("80.01"), True, True),
        (D("79.99"), False, False),
    ],
)
def test_a_strict_target_is_met_only_above_it(latest, strict, achieved):
    result = compute({2020: D(40), 2025: latest}, D(80), 2025, plan_start=2020, as_of=2025, strict=strict)
    assert (result.status is Status.ACHIEVED) is achieved
    assert result.missed is not achieved


@pytest.mark.parametrize(("latest", "achieved"), [(D("70"), False), (D("69.9"), True)])
def test_a_strict_lower_is_better_target_is_met_only_below_it(latest, achieved):
    result = compute({2020: D(100), 2025: latest}, D(70), 2025, higher_is_better=False, plan_start=2020, strict=True)
    assert (result.status is Status.ACHIEVED) is achieved


def test_a_strict_target_the_baseline_stood_at_is_off_track_not_deteriorating():
    result = compute({2020: D(80), 2024: D(80)}, D(80), 2025, plan_start=2020, strict=True)
    assert result.status is Status.OFF_TRACK and not result.missed
    assert compute({2020: D(80), 2024: D(79)}, D(80), 2025, plan_start=2020, strict=True).status is Status.DETERIORATING
