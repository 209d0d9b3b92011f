"""Charts in a real browser: target labels never overlap each other or a line; series never wear a status colour.

The label layout (dashboards/static/js/label-layout.js ``stackLabels``) is run alone on many cases, then
the labels the annotation plugin actually drew on a province page are measured, on a desk and on a phone.
"""

import pytest

from provinces.models import Membership
from tests.browser import log_in
from tests.factories import PASSWORD, make_indicator, make_measurement, make_province, make_target, make_user, rebuilt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NAME = (
    "Share of commune Party committee and People's Committee offices connected to the provincial wide area "
    "network (WAN) with a digitally signed document exchange"
)

RUN_LAYOUT = """async () => {
    const { stackLabels, overlaps } = await import('/static/js/label-layout.js');
    const problems = [];
    const check = (name, items, bounds) => {
        const placed = stackLabels(items, bounds);
        const boxes = placed.map((p) => ({ left: p.left, right: p.right, top: -p.row * 18, bottom: -p.row * 18 + 15 }));
        boxes.forEach((a, i) => boxes.forEach((b, j) => {
            if (i < j && overlaps(a, b)) problems.push(`${name}: labels ${i} and ${j} overlap`);
        }));
        placed.forEach((p, i) => {
            if (Math.abs(p.right - p.left - items[i].width) > 1e-9) problems.push(`${name}: label ${i} resized`);
            if (items[i].width <= bounds.right - bounds.left && (p.left < bounds.left || p.right > bounds.right)) {
                problems.push(`${name}: label ${i} leaves the chart`);
            }
        });
        return placed;
    };
    const same = check('same year', [{ x: 200, width: 120 }, { x: 200, width: 120 }, { x: 200, width: 90 }],
        { left: 0, right: 400 });
    const near = check('near years', [{ x: 100, width: 150 }, { x: 160, width: 150 }], { left: 0, right: 400 });
    const far = check('far apart', [{ x: 80, width: 100 }, { x: 300, width: 100 }], { left: 0, right: 400 });
    const edge = check('at the edge', [{ x: 395, width: 150 }], { left: 0, right: 400 });
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let n = 0; n < 300; n++) {
        const items = Array.from({ length: 1 + Math.floor(random() * 6) }, () => ({
            x: random() * 400, width: 40 + random() * 160,
        }));
        check(`random ${n}`, items, { left: 0, right: 400, gap: 6 });
    }
    return { problems, same: same.map((p) => p.row), near: near.map((p) => p.row),
             far: far.map((p) => p.row), edge: edge[0] };
}"""

MEASURE = """() => [...document.querySelectorAll('canvas[data-chart=line]')].map((canvas) => {
    const chart = Chart.getChart(canvas);
    const area = chart.chartArea;
    const plugin = Chart.registry.getPlugin('annotation');
    const labels = Object.keys(chart.options.plugins.annotation.annotations).filter((k) => k.startsWith('label'));
    const elements = plugin.getAnnotations(chart);
    const boxes = elements.filter((e) => e.options && e.options.content !== undefined && e.options.content !== null
        && String(e.options.content).includes(':')).map((e) => ({
        left: e.x, right: e.x2, top: e.y, bottom: e.y2, text: String(e.options.content) }));
    const points = chart.data.datasets.flatMap((d, i) => chart.getDatasetMeta(i).data.filter((p) => !p.skip)
        .map((p) => ({ x: p.x, y: p.y })));
    const css = getComputedStyle(document.documentElement);
    const status = ['deteriorating', 'missed', 'off_track', 'needs_attention', 'on_track', 'achieved',
        'not_enough_data'].map((k) => css.getPropertyValue(`--status-${k}`).trim());
    return { labels: labels.length, boxes, width: chart.width, points,
             area: { top: area.top, bottom: area.bottom, left: area.left, right: area.right },
             colours: chart.data.datasets.map((d) => d.borderColor), status };
})"""


def test_the_label_layout_never_lets_two_labels_overlap_or_leave_the_chart(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    result = page.evaluate(RUN_LAYOUT)
    assert result["problems"] == []
    assert sorted(result["same"]) == [0, 1, 2]  # three labels over one year: three rows
    assert sorted(result["near"]) == [0, 1]
    assert result["far"] == [0, 0]  # apart: one row
    assert result["edge"]["right"] == 400  # pulled back inside the chart, not cut
    assert page.console_errors == []


@pytest.fixture
def province_with_close_targets(db):
    """A province whose line nears its targets, with four targets of close values over four periods."""
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    indicator = make_indicator(code="commune-wan", name_en=LONG_NAME, name_vi="Tỷ lệ thử")
    for year, value in zip(range(2008, 2025), range(60, 100, 2), strict=False):
        make_measurement(indicator, province, year, value)
    for year, value in ((2015, 80), (2020, 82), (2025, 81), (2030, 83)):
        make_target(indicator, value, year, province=province, baseline_year=2010)
    make_user("phutho-viewer", Membership.Role.VIEWER, [province])
    rebuilt()
    return province


@pytest.mark.parametrize("viewport", [(1366, 900), (390, 844)])
def test_target_labels_drawn_on_a_province_page_overlap_no_label_and_no_line(
    page, live_server, province_with_close_targets, viewport
):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    log_in(page, live_server, "phutho-viewer", PASSWORD)
    page.goto(f"{live_server.url}/provinces/phu-tho/?target=")
    page.wait_for_timeout(300)  # a chart that needed more rows of labels draws again on the next frame
    charts = page.evaluate(MEASURE)
    assert charts, "a line chart is drawn"
    chart = charts[0]
    boxes = chart["boxes"]
    assert len(boxes) == chart["labels"] == 4, boxes
    for i, a in enumerate(boxes):
        assert a["bottom"] <= chart["area"]["top"], f"{a['text']} reaches into the plot, over the line"
        assert a["top"] >= 0 and a["left"] >= 0 and a["right"] <= chart["width"] + 0.5, a
        for b in boxes[i + 1 :]:
            apart = (
                a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
            )
            assert apart, (a, b)
    assert all(p["y"] >= chart["area"]["top"] - 0.5 for p in chart["points"])
    assert not set(chart["colours"]) & set(chart["status"])
    assert page.console_errors == []
