"""The dashboards in a real browser: charts drawn, no script errors, readable on a phone, printable on A4."""

import os

import pytest

from indicators.progress import KEYS
from provinces.models import Membership, Province
from tests.browser import log_in
from tests.factories import PASSWORD, make_user

# Not transactional: the demo is committed once for the module (demo_site); each test runs in a rolled-back transaction.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = {
    "overview": "/",
    "phu-tho": "/provinces/phu-tho/",
    "phu-tho-page-2": "/provinces/phu-tho/?page=2",
    "units-with-lan": "/indicators/units-with-lan/",
    "24-ct-tu": "/directives/24-ct-tu-lao-cai/",
}
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}

CANVASES = """() => [...document.querySelectorAll('canvas')].map((canvas) => ({
    source: canvas.dataset.source,
    width: canvas.getBoundingClientRect().width,
    height: canvas.getBoundingClientRect().height,
    chart: Boolean(window.Chart && Chart.getChart(canvas)),
}))"""


@pytest.fixture(scope="module")
def leader(demo_site, django_db_blocker):
    """Everything `make setup` loads, and a Party committee leader of (legacy) Phú Thọ."""
    with django_db_blocker.unblock():
        phu_tho = Province.objects.legacy().get(slug="phu-tho")
        return make_user("tinh-uy-phu-tho", role=Membership.Role.VIEWER, provinces=[phu_tho])


def charts_on(page, printed=False):
    charts = page.evaluate(CANVASES)
    if printed:  # the map prints as the server's SVG, not its canvas
        charts = [c for c in charts if c["source"] != "map-data"]
    for chart in charts:
        assert chart["width"] > 0 and chart["height"] > 0, chart
        assert chart["chart"], chart
    return charts


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_dashboards_draw_their_charts_without_errors(page, demo_site, artifacts_dir, leader, viewport):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, demo_site, leader.username, PASSWORD)
    drawn = {}
    for name, path in PAGES.items():
        page.goto(f"{demo_site.url}{path}")
        page.wait_for_load_state("networkidle")
        drawn[name] = len(charts_on(page))
        page.screenshot(path=os.path.join(artifacts_dir, f"dashboard-{name}-{viewport}.png"), full_page=True)
    assert page.console_errors == []
    # the overview's status chart and map; one small chart per indicator, twelve a page (26 provincial
    # indicators: 12, 12 then 2); an indicator's ranking, map and comparison
    assert drawn == {"overview": 2, "phu-tho": 12, "phu-tho-page-2": 12, "units-with-lan": 3, "24-ct-tu": 0}


def test_a_status_opens_to_show_the_numbers_behind_it(page, demo_site, leader):
    log_in(page, demo_site, leader.username, PASSWORD)
    page.goto(f"{demo_site.url}/provinces/phu-tho/?year=2013&target=2015")
    status = page.locator("table.data .status-details").first
    assert status.locator("summary").get_attribute("title")
    assert not status.locator(".status-numbers").is_visible()
    status.locator("summary").focus()
    page.keyboard.press("Enter")
    assert status.locator(".status-numbers").is_visible()
    assert "Tốc độ" in status.locator(".status-numbers").inner_text()


# For each chart coloured by status: the key of each colour, the colour drawn, the palette's colour of
# that key, and the text colour of the legend's badge for the key (a colour the browser resolved).
STATUS_COLOURS = """() => {
    const root = getComputedStyle(document.documentElement);
    const resolved = (colour) => {
        const probe = document.createElement('span');
        probe.style.color = colour;
        document.body.append(probe);
        const rgb = getComputedStyle(probe).color;
        probe.remove();
        return rgb;
    };
    const seen = [];
    for (const canvas of document.querySelectorAll('canvas[data-chart="status"], canvas[data-chart="ranking"]')) {
        const data = JSON.parse(document.getElementById(canvas.dataset.source).textContent);
        const datasets = Chart.getChart(canvas).data.datasets;
        const pairs = canvas.dataset.chart === 'status'
            ? data.statuses.map((status, i) => [status.key, datasets[i].backgroundColor])
            : data.statuses.map((key, i) => [key, datasets[0].backgroundColor[i]]);
        for (const [key, drawn] of pairs) {
            const palette = root.getPropertyValue(`--status-${key}`).trim();
            const badge = document.querySelector(`.legend .status-${key}`);
            seen.push({
                chart: canvas.dataset.chart, key, drawn, palette,
                drawnRgb: resolved(drawn), badgeRgb: badge && getComputedStyle(badge).color,
            });
        }
    }
    return seen;
}"""


def test_the_charts_colour_each_status_as_its_badge(page, demo_site, leader):
    log_in(page, demo_site, leader.username, PASSWORD)
    seen = []
    for path in (PAGES["overview"], PAGES["units-with-lan"]):
        page.goto(f"{demo_site.url}{path}")
        page.wait_for_load_state("networkidle")
        seen += page.evaluate(STATUS_COLOURS)
    assert {s["chart"] for s in seen} == {"status", "ranking"}
    # the overview's chart has one bar colour per status key, missed included
    assert [s["key"] for s in seen if s["chart"] == "status"] == KEYS
    for s in seen:
        assert s["palette"], s
        assert s["drawn"] == s["palette"], s
        assert s["drawnRgb"] == s["badgeRgb"], s
    assert len({s["palette"] for s in seen if s["chart"] == "status"}) == len(KEYS)
    assert page.console_errors == []


A4_TEXT_WIDTH = 703  # 210 mm less the print stylesheet's 12 mm margins, at 96 px per inch


@pytest.mark.parametrize("name", ["overview", "phu-tho"])
def test_the_overview_and_province_pages_print_on_a4_with_their_charts(page, demo_site, artifacts_dir, leader, name):
    log_in(page, demo_site, leader.username, PASSWORD)
    page.goto(f"{demo_site.url}{PAGES[name]}")
    page.wait_for_load_state("networkidle")
    pdf = page.pdf(format="A4", print_background=True, path=os.path.join(artifacts_dir, f"dashboard-{name}.pdf"))
    assert pdf.startswith(b"%PDF")
    # the same layout on screen: every chart redrawn within the paper's width, at its print height
    page.set_viewport_size({"width": A4_TEXT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    page.wait_for_timeout(300)
    for chart in charts_on(page, printed=True):
        assert chart["width"] <= A4_TEXT_WIDTH, chart
        assert chart["height"] >= 150, chart
    if name == "overview":
        svg = page.locator("svg.map-svg").bounding_box()
        assert svg and 150 <= svg["width"] <= A4_TEXT_WIDTH and svg["height"] > svg["width"]
    page.screenshot(path=os.path.join(artifacts_dir, f"dashboard-{name}-print.png"), full_page=True)
    assert page.console_errors == []


PHONE_PAGES = [
    "/",
    "/?units=current",
    "/?target=2015",
    "/provinces/",
    "/provinces/phu-tho/",
    "/provinces/phu-tho-2025/",
    "/indicators/",
    "/indicators/units-with-lan/",
    "/indicators/households-fibre/?units=current",
    "/directives/",
    "/directives/24-ct-tu-lao-cai/",
    "/directives/749-qd-ttg/",
]
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# every table keeps the name of its rows in view: the first cell of each row lies inside the screen
NAMES_IN_VIEW = """() => [...document.querySelectorAll('table.data tbody tr')].filter((tr) => tr.offsetParent)
    .map((tr) => tr.firstElementChild.getBoundingClientRect()).filter((r) => r.width > 0)
    .every((r) => r.left >= 0 && r.left < window.innerWidth)"""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_dashboard_page_scrolls_sideways_on_a_phone(page, demo_site, artifacts_dir, leader, language):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, demo_site, leader.username, PASSWORD)
    if language == "en":
        page.click("text=EN")
        page.wait_for_load_state("networkidle")
    for path in PHONE_PAGES:
        page.goto(f"{demo_site.url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate(SIDEWAYS) <= 0, path
        assert page.evaluate(NAMES_IN_VIEW), path
    page.screenshot(path=os.path.join(artifacts_dir, f"phone-{language}-last.png"), full_page=True)
    assert page.console_errors == []


def test_provinces_are_chosen_for_comparison_by_tapping_on_a_phone(page, demo_site, leader):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, demo_site, leader.username, PASSWORD)
    page.goto(f"{demo_site.url}/indicators/units-with-lan/")
    page.wait_for_load_state("networkidle")
    choices = page.locator("fieldset.filter-choices")
    # the page shows today's units: the leader's pre-merger Phú Thọ stands as the Phú Thọ it merged into
    assert choices.locator("input[value=phu-tho-2025]").is_checked(), "the leader's own province is ticked"
    choices.locator("input[value=lao-cai-2025]").check()  # one tap on a checkbox, no Ctrl-click
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "compare=lao-cai-2025" in page.url and "compare=phu-tho-2025" in page.url
    lines = page.evaluate("() => Chart.getChart(document.querySelector('[data-chart=line]')).data.datasets.length")
    assert lines == 3, "Phú Thọ, Lào Cai and the nation"
