"""National aggregation and the 2025 roll-up: counts add, ratios are Σnum/Σden."""

from decimal import Decimal as D
from types import SimpleNamespace

from indicators.aggregation import aggregate, roll_up
from indicators.models import Indicator

COUNT = Indicator(code="computers", unit="count", aggregation="sum")
SHARE = Indicator(
    code="units-with-lan", unit="percent", aggregation="ratio", numerator_label="n", denominator_label="d"
)
NONE = Indicator(code="rank", unit="count", aggregation="none")


def m(value, numerator=None, denominator=None, successor=None):
    return SimpleNamespace(
        value=D(value), numerator=numerator, denominator=denominator, province=SimpleNamespace(successor_id=successor)
    )


def test_counts_add_up_and_say_how_many_reported():
    result = aggregate(COUNT, [m(100), m(250), m(5)], expected=63)
    assert result.value == D(355)
    assert (result.reporting, result.expected) == (3, 63)
    assert not result.complete


def test_ratios_are_summed_numerators_over_summed_denominators_not_an_average():
    # 9/10 = 90 % and 10/100 = 10 %: the average of percentages would say 50 %, the truth is 19/110
    result = aggregate(SHARE, [m(90, D(9), D(10)), m(10, D(10), D(100))], expected=2)
    assert result.value == D("17.27")
    assert (result.numerator, result.denominator) == (D(19), D(110))
    assert result.complete


def test_a_ratio_without_numerator_and_denominator_gives_no_number_and_says_why():
    result = aggregate(SHARE, [m(90, D(9), D(10)), m("89.1")], expected=2)
    assert result.value is None
    assert "1 đơn vị" in result.reason


def test_an_indicator_that_does_not_aggregate_gives_no_number():
    result = aggregate(NONE, [m(3), m(5)], expected=2)
    assert result.value is None
    assert result.reason


def test_nobody_reported():
    result = aggregate(COUNT, [], expected=63)
    assert result.value is None
    assert result.reporting == 0


def test_roll_up_groups_the_old_units_into_their_successor():
    # Phú Thọ (id 1) ← Phú Thọ, Vĩnh Phúc, Hòa Bình; Lào Cai (id 2) ← Lào Cai, Yên Bái
    figures = [
        m(50, D(5), D(10), successor=1),
        m(30, D(3), D(10), successor=1),
        m(10, D(2), D(20), successor=1),
        m(100, D(1), D(1), successor=2),
    ]
    result = roll_up(SHARE, figures, {1: 3, 2: 2})
    assert result[1].value == D(25)  # 10/40
    assert result[1].complete
    assert result[2].value == D(100)
    assert (result[2].reporting, result[2].expected) == (1, 2)


def test_a_successor_with_a_single_predecessor_carries_its_value_only_ratio_unchanged():
    # Sơn La (id 3) ← Sơn La alone: 7 % entered without numerator and denominator stays 7 %, 1/1;
    # Phú Thọ (id 1) ← three units, one of them value-only: still no number, and it says why
    figures = [m(7, successor=3), m(50, D(5), D(10), successor=1), m("89.1", successor=1)]
    result = roll_up(SHARE, figures, {1: 3, 3: 1})
    assert (result[3].value, result[3].coverage, result[3].reason) == (D(7), "1/1", "")
    assert result[1].value is None
    assert "1 đơn vị" in result[1].reason


def test_a_single_unit_standing_for_the_whole_carries_a_figure_that_does_not_add_up():
    result = aggregate(NONE, [m(4)], expected=1)
    assert (result.value, result.complete) == (D(4), True)
