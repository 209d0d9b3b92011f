"""What a reader sees of a status: the legend, the pace, the filter and the colours, all from progress.py."""

import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

from dashboards.filters import STATUS_CHOICES
from dashboards.html import status_details, status_title
from indicators import progress
from indicators.board import Assessment
from indicators.models import Indicator
from indicators.progress import KEY_LABELS, KEYS, compute, legend, pace_text, status_key, status_text

ROOT = Path(settings.BASE_DIR)
LAN = Indicator(code="units-with-lan", unit=Indicator.Unit.PERCENT)


def assessed(values, target, target_year, window=None):
    """What a page hands the templates: the progress and the target year the page is about."""
    result = compute(values, D(target), target_year, plan_start=min(values))
    return Assessment(window or target_year, None, result, None, is_demo=False)


# b = 40 (2010), v = 70 (2014), T = 80 (2015): p = 0.75, e = 0.8, r = 0.9375, needs attention
NEEDS_ATTENTION = ({2010: D(40), 2014: D(70)}, 80, 2015)
# b = 40 (2010), v = 95 (2016), T = 100 (2015): the deadline has passed
MISSED = ({2010: D(40), 2016: D(95)}, 100, 2015)


# --- the legend ----------------------------------------------------------------------------------


def test_the_legend_lists_every_status_key_once_worst_first_with_its_label():
    entries = legend()
    assert [e.key for e in entries] == KEYS
    assert len(set(KEYS)) == 7 and "missed" in KEYS
    assert [e.label for e in entries] == [str(KEY_LABELS[key]) for key in KEYS]


@pytest.mark.parametrize(
    ("key", "rule"),
    [
        ("deteriorating", "giá trị thấp hơn năm gốc (p < 0)"),
        ("missed", "đã đến hạn chỉ tiêu mà chưa đạt"),
        ("off_track", "0 ≤ r < 0,6"),
        ("needs_attention", "0,6 ≤ r < 0,95"),
        ("on_track", "chưa đạt, r ≥ 0,95"),
        ("achieved", "giá trị mới nhất đã đạt chỉ tiêu"),
        ("not_enough_data", "thiếu năm gốc, thiếu số liệu mới hoặc không có chỉ tiêu"),
    ],
)
def test_each_legend_rule_states_the_thresholds_the_status_is_computed_with(key, rule):
    assert {e.key: e.rule for e in legend()}[key] == rule


@pytest.mark.parametrize(
    ("constant", "value", "key", "rule"),
    [
        ("ON_TRACK_PACE", D("0.9"), "on_track", "chưa đạt, r ≥ 0,9"),
        ("ON_TRACK_PACE", D("0.9"), "needs_attention", "0,6 ≤ r < 0,9"),
        ("ATTENTION_PACE", D("0.5"), "needs_attention", "0,5 ≤ r < 0,95"),
        ("ATTENTION_PACE", D("0.5"), "off_track", "0 ≤ r < 0,5"),
    ],
)
def test_changing_a_threshold_changes_the_legend_the_hint_and_the_status_alike(monkeypatch, constant, value, key, rule):
    monkeypatch.setattr(progress, constant, value)
    assert {e.key: e.rule for e in legend()}[key] == rule
    assert rule in progress.pace_hint()
    assert escape(rule) in render_to_string("partials/_status_legend.html")
    # r = 0.5 exactly (b = 40, v = 64, T = 100, four years of five): the status moves with the text
    half = compute({2010: D(40), 2014: D(64)}, D(100), 2015, plan_start=2010)
    assert half.pace == D("0.5")
    assert half.status == ("needs_attention" if constant == "ATTENTION_PACE" else "off_track")


def test_the_legend_partial_shows_the_formula_and_a_badge_per_key_with_its_rule():
    html = render_to_string("partials/_status_legend.html")
    assert progress.formula() in html
    for entry in legend():
        badge = f'<span class="status status-{entry.key}">{entry.label}</span>'
        assert html.count(badge) == 1, badge
        assert escape(entry.rule) in html


def test_the_legend_is_translated_with_vietnamese_numbers():
    with translation.override("en"):
        rules = {e.key: e.rule for e in legend()}
        assert rules["on_track"] == "not yet achieved, r ≥ 0,95"
        assert rules["missed"] == "the deadline has come without the target being achieved"
        assert progress.formula().startswith("For each indicator")


def test_the_pace_hint_in_the_numbers_table_comes_from_the_thresholds(monkeypatch):
    monkeypatch.setattr(progress, "ON_TRACK_PACE", D("0.9"))
    html = status_details(assessed(*NEEDS_ATTENTION), LAN)
    hint = re.search(r'<th scope="row" title="([^"]*)">Tốc độ', html).group(1)
    assert "Cần chú ý: 0,6 ≤ r &lt; 0,9 · " in hint
    assert hint.endswith("Đúng tiến độ: chưa đạt, r ≥ 0,9")


# --- the pace as a reader sees it ----------------------------------------------------------------


def test_the_cell_text_and_the_hover_write_the_pace_the_same_way():
    a = assessed(*NEEDS_ATTENTION)
    assert pace_text(a.progress) == "tốc độ 0,94"
    assert status_text(a) == "Cần chú ý · tốc độ 0,94"
    assert "tốc độ 0,94" in status_title(a, LAN)
    assert "%" not in status_text(a), "the pace is the r of the legend, not a percentage"


def test_the_numbers_table_shows_the_same_pace_as_the_hover():
    html = status_details(assessed(*NEEDS_ATTENTION), LAN)
    assert "<td>0,94</td>" in html
    assert "tốc độ 0,94" in html


def test_the_cell_text_names_a_deadline_other_than_the_target_year_asked():
    a = assessed(*MISSED, window=2020)
    assert status_text(a).startswith("Không đạt (quá hạn) · hạn 2015 · tốc độ ")


# --- missed, the filter and the colours ----------------------------------------------------------


def test_a_missed_status_wears_its_own_badge():
    a = assessed(*MISSED)
    assert status_key(a.progress) == "missed"
    html = status_details(a, LAN)
    assert '<span class="status status-missed">Không đạt (quá hạn)</span>' in html


def test_the_status_filter_offers_behind_then_every_key_with_its_label():
    assert [key for key, _ in STATUS_CHOICES] == ["behind", *KEYS]
    behind = str(dict(STATUS_CHOICES)["behind"])
    for key in progress.BEHIND:
        assert str(KEY_LABELS[key]) in behind
    assert str(KEY_LABELS["achieved"]) not in behind


def css_rules():
    """{selector: declarations} of site.css, and the custom properties of its :root blocks."""
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "static/css/site.css").read_text(), flags=re.S)
    blocks = [(sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)]
    root = " ".join(body for sel, body in blocks if sel == ":root")
    return dict(blocks), dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root))


@pytest.mark.parametrize("key", KEYS)
def test_every_status_key_has_a_colour_in_the_palette_and_a_badge_rule_using_it(key):
    rules, variables = css_rules()
    assert re.fullmatch(r"#[0-9a-f]{6}", variables[f"--status-{key}"].strip())
    assert re.fullmatch(r"#[0-9a-f]{6}", variables[f"--status-{key}-bg"].strip())
    body = rules[f".status-{key}"]
    assert f"color: var(--status-{key})" in body and f"background: var(--status-{key}-bg)" in body


def test_no_two_statuses_share_a_colour():
    _, variables = css_rules()
    colours = [variables[f"--status-{key}"].strip().lower() for key in KEYS]
    assert len(set(colours)) == len(KEYS)


def test_the_charts_take_status_colours_from_the_css_palette_only():
    scripts = ROOT / "dashboards/static/js"
    common = (scripts / "charts-common.js").read_text()
    assert "getPropertyValue(`--status-${key}`)" in common
    for name in ("status-chart.js", "ranking-chart.js"):
        assert "statusColour" in (scripts / name).read_text()
    assert "STATUS_COLOURS" not in "".join(p.read_text() for p in scripts.glob("*.js"))


# --- a shown number never contradicts its status (issue 18 item 8) --------------------------------


def progress_at(latest, baseline=D(0)):
    """b in 2020, T = 100 due 2025, ``latest`` in 2024: e = 0.8, r = p / 0.8."""
    return compute({2020: baseline, 2024: latest}, D(100), 2025, plan_start=2020)


@pytest.mark.parametrize(
    ("latest", "status", "shown"),
    [
        (D("75.968"), "needs_attention", "0,94"),  # r = 0.9496: 0,95 would read as on track
        (D("76"), "on_track", "0,95"),  # r = 0.95: the edge itself belongs to on track
        (D("47.968"), "off_track", "0,59"),  # r = 0.5996
        (D("48"), "needs_attention", "0,60"),  # r = 0.6
        (D("47.596"), "off_track", "0,59"),  # r = 0.59495
    ],
)
def test_a_pace_is_rounded_inside_its_status_band(latest, status, shown):
    result = progress_at(latest)
    assert str(result.status) == status
    assert progress.format_pace(result) == shown
    assert status_text(Assessment(2025, None, result, None, is_demo=False)).endswith(f"tốc độ {shown}")


def test_a_distance_short_of_the_target_never_shows_100_percent():
    result = progress_at(D("99.6"))  # p = 0.996, not achieved
    assert result.status is progress.Status.ON_TRACK
    assert progress.shown_distance(result) == D("0.99")
    assert "đã đi 99% quãng đường" in status_title(Assessment(2025, None, result, None, is_demo=False), LAN)
    assert progress.shown_distance(progress_at(D("100"))) is None  # achieved: no distance worked out


def test_a_deteriorating_distance_and_pace_stay_below_zero():
    result = progress_at(D("49.996"), baseline=D(50))  # p = −0.00008, r = −0.0001
    assert result.status is progress.Status.DETERIORATING
    assert progress.shown_distance(result) == D("-0.01")
    assert progress.shown_pace(result) == D("-0.01")
    assert progress.shown_pace(progress_at(D(50), baseline=D(50))) == D("0.00")  # p = 0: off track, not below 0
