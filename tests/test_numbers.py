"""Vietnamese numbers: how a figure is typed, read back and shown, by one rule (indicators/numbers.py).

The cases live in tests/number_cases.json, which the browser's twin (static/js/numbers.js) is tested
against too (tests/test_browser_numbers.py), so the form's live preview and the server cannot disagree.
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from dashboards.templatetags.dashboard_tags import share, with_unit
from indicators.models import Indicator
from indicators.numbers import FIGURE_PLACES, display_places, format_vn, parse_number, typed_text
from indicators.templatetags.vn_format import vn_number
from reporting import excel

CASES = json.loads((Path(__file__).parent / "number_cases.json").read_text(encoding="utf-8"))
PARSE = CASES["parse"]
FORMAT = CASES["format"]
NUMBERS = [case for case in PARSE if case["value"] is not None]


def case_id(case):
    return repr(case.get("typed", case.get("number")))


def test_the_table_holds_the_cases_everyone_asks_about():
    typed = {case["typed"] for case in PARSE}
    asked = {"1.234.567", "1234,5", "1.234,5", "1234.567", "\u22123", "1e3", "", "55.802", "95,4", "0.802", " 89.1 "}
    assert asked <= typed
    for case in PARSE:
        assert case["error"] is (case["value"] is None and case["typed"].strip(" \u00a0\t\n") != ""), case


@pytest.mark.parametrize("case", PARSE, ids=case_id)
def test_typed_text_reads_as_the_table_says(case):
    if case["error"]:
        with pytest.raises(ValueError):
            parse_number(case["typed"])
    elif case["value"] is None:
        assert parse_number(case["typed"]) is None
    else:
        assert parse_number(case["typed"]) == Decimal(case["value"])


@pytest.mark.parametrize("case", NUMBERS, ids=case_id)
def test_a_stored_number_typed_back_reads_as_the_same_number(case):
    number = Decimal(case["value"])
    text = typed_text(number)
    assert text == format_vn(number), "typed back as the page shows it, every decimal kept"
    assert parse_number(text) == number


@pytest.mark.parametrize("case", FORMAT, ids=case_id)
def test_a_number_is_shown_as_the_table_says(case):
    assert format_vn(Decimal(case["number"]), case["places"], trim=case["trim"]) == case["shown"]


@pytest.mark.parametrize("case", FORMAT, ids=case_id)
def test_a_float_is_shown_like_the_decimal_it_was_written_as(case):
    # Charts receive floats; what they show must not depend on the binary number underneath.
    assert format_vn(float(case["number"]), case["places"], trim=case["trim"]) == case["shown"]


def test_a_stored_figure_is_typed_back_grouped_the_vietnamese_way_without_padding():
    assert typed_text(Decimal("1520000.00")) == "1.520.000"
    assert typed_text(Decimal("1234.5")) == "1.234,5"
    assert typed_text(Decimal("55802.00")) == "55.802"
    assert typed_text(Decimal("95.40")) == "95,4"
    assert typed_text(Decimal("100")) == "100"
    assert typed_text(12.5) == "12,5"
    assert typed_text(None) == ""


def test_spreadsheet_cells_that_are_numbers_are_taken_as_they_are():
    assert parse_number(1250) == Decimal("1250")
    assert parse_number(12.5) == Decimal("12.5")
    assert parse_number(Decimal("0.802")) == Decimal("0.802")
    for not_a_number in (float("nan"), float("inf"), True):
        with pytest.raises(ValueError):
            parse_number(not_a_number)


def test_blank_and_text_that_is_not_a_number_are_shown_as_they_are():
    assert format_vn(None) == ""
    assert format_vn("") == ""
    assert format_vn("—") == "—"
    assert format_vn(float("nan")) == ""
    assert vn_number(Decimal("55802.00")) == "55.802"
    assert vn_number(Decimal("95.4"), 2) == "95,40"


def test_a_page_cell_shows_the_decimals_its_excel_format_asks_for():
    assert display_places(excel.COUNT) == (0, False)
    assert display_places(excel.DECIMAL) == (1, False)
    assert display_places(excel.PRECISE) == (FIGURE_PLACES, True), "the data sheets show a figure as pages do"
    assert display_places(excel.YEAR) == (0, False)
    assert display_places(None) == (0, False)
    decimal = excel.Column("Tỷ lệ", 10, lambda r: r, excel.DECIMAL)
    assert decimal.display(Decimal("95")) == "95,0"
    assert decimal.display(Decimal("95.45")) == "95,5"


def test_the_dashboard_filters_show_figures_shares_and_pace_by_the_same_rule():
    percent = Indicator(unit=Indicator.Unit.PERCENT)
    computers = Indicator(unit=Indicator.Unit.COUNT, unit_label="máy")
    assert with_unit(Decimal("95.40"), percent) == "95,4%"
    assert with_unit(Decimal("89.125"), percent) == "89,13%"
    assert with_unit(Decimal("55802.00"), computers) == "55.802 máy"
    assert with_unit(None, percent) == "—"
    assert share(Decimal("0.5432")) == "54%"
    assert share(0.545) == "55%"
