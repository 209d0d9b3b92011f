"""A chart never colours anything but a status with a status colour, nor with one close to it.

Both palettes live in static/css/site.css: ``--status-<key>`` (the badges and the status bars) and
``--chart-series-<n>``, ``--chart-national``, ``--chart-target`` (the places compared, the national line,
the targets), read by dashboards/static/js/charts-common.js.
"""

import itertools
import re
from pathlib import Path

from indicators.progress import KEYS

CSS = (Path(__file__).resolve().parent.parent / "static" / "css" / "site.css").read_text(encoding="utf-8")
JS = (Path(__file__).resolve().parent.parent / "dashboards" / "static" / "js").glob("*.js")

# CIE76 distance in Lab: about 2.3 is the smallest difference an eye sees; 25 is a clearly other colour.
DISTINCT = 25
DISTINCT_BETWEEN_SERIES = 20


def custom_properties(prefix):
    return {name: value.lower() for name, value in re.findall(rf"--({prefix}[\w-]*?):\s*(#[0-9a-fA-F]{{6}})", CSS)}


def lab(colour):
    def linear(c):
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
    y = r * 0.2126 + g * 0.7152 + b * 0.0722
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def distance(a, b):
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def status_colours():
    return {name: value for name, value in custom_properties("status-").items() if not name.endswith("-bg")}


def chart_colours():
    return custom_properties("chart-")


def test_every_status_has_its_colour_and_the_chart_palette_is_complete():
    assert set(status_colours()) == {f"status-{key}" for key in KEYS}
    assert {f"chart-series-{n}" for n in range(1, 7)} | {"chart-national", "chart-target"} == set(chart_colours())


def test_no_chart_colour_is_a_status_colour_or_close_to_one():
    statuses = status_colours()
    assert not set(chart_colours().values()) & set(statuses.values())
    close = [
        (chart, status, round(distance(a, b), 1))
        for chart, a in chart_colours().items()
        for status, b in statuses.items()
        if distance(a, b) < DISTINCT
    ]
    assert close == []


def test_the_chart_colours_are_told_apart_from_each_other():
    close = [
        (x, y, round(distance(a, b), 1))
        for (x, a), (y, b) in itertools.combinations(chart_colours().items(), 2)
        if distance(a, b) < DISTINCT_BETWEEN_SERIES
    ]
    assert close == []


def test_the_chart_scripts_write_no_colour_of_their_own():
    """Every colour a chart draws with comes from the two palettes (white and transparent aside)."""
    for script in JS:
        colours = set(re.findall(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", script.read_text(encoding="utf-8")))
        assert colours <= {"#fff", "#1d2530"}, (script.name, colours)
