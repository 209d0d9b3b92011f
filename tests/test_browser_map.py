"""The province map in a real browser: drawn without errors, clickable, and the SVG without JavaScript."""

import os

import pytest

from provinces.models import Membership, Province
from tests.browser import log_in
from tests.factories import PASSWORD, make_user

# Not transactional: the demo is committed once for the module (demo_site); each test runs in a rolled-back transaction.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# The map's chart: how many units it draws, whether its labels data name the archipelagos, and the
# centre (in page pixels) of the unit whose code is given.
MAP = """(code) => {
    const canvas = document.querySelector('canvas[data-chart=map]');
    const chart = Chart.getChart(canvas);
    const data = JSON.parse(document.getElementById(canvas.dataset.source).textContent);
    const features = chart.data.datasets[0].data.map((d) => d.feature.id);
    const element = chart.getDatasetMeta(0).data[features.indexOf(code)];
    const box = canvas.getBoundingClientRect();
    const centre = element.getCenterPoint();
    return {
        drawn: canvas.closest('[data-map]').classList.contains('map-drawn'),
        units: features.length,
        labels: data.labels.map((l) => l.lines.join(' ')),
        x: box.left + centre.x, y: box.top + centre.y,
    };
}"""


@pytest.fixture(scope="module")
def leader(demo_site, django_db_blocker):
    with django_db_blocker.unblock():
        phu_tho = Province.objects.legacy().get(slug="phu-tho")
        return make_user("lanh-dao-phu-tho", role=Membership.Role.VIEWER, provinces=[phu_tho])


@pytest.mark.parametrize(
    "path, units, code, slug",
    [
        ("/?units=current", 34, "52", "gia-lai-2025"),
        ("/?units=legacy&year=2015", 63, "40", "nghe-an"),
        ("/indicators/admin-services-online/?units=current", 34, "40", "nghe-an-2025"),
        ("/indicators/admin-services-online/?year=2015&map_by=value", 63, "64", "gia-lai"),
    ],
)
def test_the_map_is_drawn_and_a_province_opens_its_page(
    page, demo_site, artifacts_dir, leader, path, units, code, slug
):
    log_in(page, demo_site, leader.username, PASSWORD)
    page.goto(f"{demo_site.url}{path}")
    page.wait_for_load_state("networkidle")
    page.locator("canvas[data-chart=map]").scroll_into_view_if_needed()
    found = page.evaluate(MAP, code)
    assert found["drawn"] and found["units"] == units
    assert found["labels"] == ["Quần đảo Hoàng Sa (Việt Nam)", "Quần đảo Trường Sa (Việt Nam)"]
    assert not page.locator("svg.map-svg").is_visible()  # the canvas replaces it on screen
    name = path.strip("/?").replace("/", "-").replace("&", "-").replace("=", "-")
    page.locator(".map").screenshot(path=os.path.join(artifacts_dir, f"map-{name}.png"))
    page.mouse.click(found["x"], found["y"])
    page.wait_for_url(f"**/provinces/{slug}/**")
    assert page.console_errors == []


def test_without_javascript_the_map_is_the_servers_svg(chromium, demo_site, leader):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    log_in(page, demo_site, leader.username, PASSWORD)
    page.goto(f"{demo_site.url}/?units=current")
    svg = page.locator("svg.map-svg")
    assert svg.is_visible() and not page.locator("canvas[data-chart=map]").is_visible()
    assert svg.locator("a[data-code]").count() == 34
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    labels = svg.locator("text.map-label").all_text_contents()
    assert labels == ["Quần đảo Hoàng Sa(Việt Nam)", "Quần đảo Trường Sa(Việt Nam)"]
    svg.locator("a[data-code='52'] path").click()  # Gia Lai
    page.wait_for_url("**/provinces/gia-lai-2025/**")
    context.close()
