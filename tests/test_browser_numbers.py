"""In a real browser: static/js/numbers.js reads and shows every case of tests/number_cases.json as the server does."""

import json
from pathlib import Path

import pytest

from indicators.models import Indicator
from provinces.models import Membership
from tests.browser import log_in
from tests.factories import PASSWORD, make_indicator, make_province, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASES = json.loads((Path(__file__).parent / "number_cases.json").read_text(encoding="utf-8"))

# NaN becomes "error" on the way back to Python; a number comes back as the float JavaScript holds.
RUN_TABLE = """async (cases) => {
    const { parseNumber, formatNumber } = await import('/static/js/numbers.js');
    const read = (text) => {
        const n = parseNumber(text);
        if (n === null) return null;
        return Number.isNaN(n) ? 'error' : n;
    };
    return {
        parse: cases.parse.map((c) => read(c.typed)),
        format: cases.format.map((c) => ({
            got: formatNumber(Number(c.number), c.places, c.trim),
            fromText: formatNumber(c.number, c.places, c.trim),
        })),
    };
}"""


def test_the_browser_reads_and_shows_every_number_of_the_table_as_the_server_does(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    results = page.evaluate(RUN_TABLE, CASES)

    wrong = []
    for case, got in zip(CASES["parse"], results["parse"], strict=True):
        expected = "error" if case["error"] else None if case["value"] is None else float(case["value"])
        if got != expected:
            wrong.append(f"parseNumber({case['typed']!r}) = {got!r}, the table says {expected!r}")
    for case, result in zip(CASES["format"], results["format"], strict=True):
        for got in (result["got"], result["fromText"]):
            if got != case["shown"]:
                wrong.append(
                    f"formatNumber({case['number']}, {case['places']}, {case['trim']}) = {got!r}, "
                    f"the table says {case['shown']!r}"
                )
    assert wrong == [], "\n".join(wrong)
    assert len(results["parse"]) == len(CASES["parse"]) > 0
    assert page.console_errors == []


def test_the_entry_sheet_previews_a_ratio_by_the_rule_the_server_saves_it_with(page, live_server):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    make_indicator(code="units-with-lan", name_vi="Tỷ lệ đơn vị có mạng LAN")
    make_indicator(code="computers", unit=Indicator.Unit.COUNT, name_vi="Số máy tính")
    make_user("phutho-editor", Membership.Role.EDITOR, [province])
    log_in(page, live_server, "phutho-editor", PASSWORD)
    page.goto(f"{live_server.url}/entry/phu-tho/2020/")
    preview = "#row-units-with-lan [data-computed]"

    page.fill("[name=m-units-with-lan-numerator]", "1.234,5")
    page.fill("[name=m-units-with-lan-denominator]", "2.469")
    assert page.inner_text(preview) == "50"

    page.fill("[name=m-units-with-lan-numerator]", "1")
    page.fill("[name=m-units-with-lan-denominator]", "3")
    assert page.inner_text(preview) == "33,33"

    # exponent notation is no number on the server, so the preview does not compute one either
    page.fill("[name=m-units-with-lan-numerator]", "1e3")
    assert page.inner_text(preview) == "?"
    assert "error" in page.get_attribute(preview, "class")
    assert page.console_errors == []
