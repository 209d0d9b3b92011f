"""The dashboards: who may see them, what they show, what filters do, and bounded queries."""

import re
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from directives.models import Task
from indicators.models import Indicator, Measurement, Target, TaskReport, WorkflowStatus
from provinces.models import Membership, Province
from tests.factories import (
    make_directive,
    make_indicator,
    make_measurement,
    make_province,
    make_target,
    make_user,
    rebuilt,
)

NORTH = Province.Region.NORTHERN_MIDLANDS
DELTA = Province.Region.RED_RIVER_DELTA


@pytest.fixture
def world(db):
    """Phú Thọ, Vĩnh Phúc and Hòa Bình (merged into Phú Thọ 2025) and Lào Cai; Lào Cai's 24-CT/TU."""
    current = make_province("Tỉnh Phú Thọ", code="25", current=True, slug="phu-tho-2025", region=NORTH)
    lao_cai_2025 = make_province("Tỉnh Lào Cai", code="15", current=True, slug="lao-cai-2025", region=NORTH)
    phu_tho = make_province("Tỉnh Phú Thọ", code="25", slug="phu-tho", successor=current, region=NORTH)
    vinh_phuc = make_province("Tỉnh Vĩnh Phúc", code="26", slug="vinh-phuc", successor=current, region=DELTA)
    hoa_binh = make_province("Tỉnh Hòa Bình", code="17", slug="hoa-binh", successor=current, region=NORTH)
    lao_cai = make_province("Tỉnh Lào Cai", code="10", slug="lao-cai", successor=lao_cai_2025, region=NORTH)

    lan = make_indicator("units-with-lan", name_vi="Tỷ lệ đơn vị có mạng LAN", name_en="Share of units with a LAN")
    computers = make_indicator("computers", unit=Indicator.Unit.COUNT, name_vi="Số máy tính", unit_label="máy")
    rank = make_indicator(
        "ict-rank", unit=Indicator.Unit.COUNT, aggregation=Indicator.Aggregation.NONE, name_vi="Thứ hạng ICT"
    )
    directive = make_directive(
        province=lao_cai, number="24-CT/TU", slug="24-ct-tu-lao-cai", tasks=3, period_start=2011, period_end=2015
    )
    network_task = directive.tasks.get(number="2")
    network_task.indicators.add(lan, computers)

    figures = {  # province: {year: (numerator, denominator)} for the LAN share
        phu_tho: {2010: (40, 100), 2014: (70, 100), 2020: (5, 10)},
        vinh_phuc: {2010: (50, 100), 2014: (60, 100), 2020: (3, 10)},
        hoa_binh: {2010: (20, 100), 2014: (90, 100), 2020: (2, 20)},
        lao_cai: {2010: (10, 100), 2014: (95, 100)},
    }
    for province, years in figures.items():
        for year, (num, den) in years.items():
            make_measurement(lan, province, year, D(100) * num / den, numerator=D(num), denominator=D(den))
            make_measurement(computers, province, year, 1000 + num)
            make_measurement(rank, province, year, 5)
    make_target(lan, 80, 2015, baseline_year=2010)
    make_target(lan, 100, 2020, baseline_year=2010)
    make_target(computers, 2000, 2015, province=phu_tho, baseline_year=2010)
    viewer = make_user("phutho-viewer", role=Membership.Role.VIEWER, provinces=[phu_tho, current])
    rebuilt()
    return SimpleNamespace(**locals())


@pytest.fixture
def viewer_client(client, world):
    client.force_login(world.viewer)
    return client


def text(response):
    """The page's visible text, tags stripped and spaces collapsed (for "contains" checks)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def pages(world):
    return [
        "/",
        "/provinces/",
        f"/provinces/{world.phu_tho.slug}/",
        "/indicators/",
        f"/indicators/{world.lan.code}/",
        f"/directives/{world.directive.slug}/",
    ]


# --- who may see the dashboards ------------------------------------------------------------------


def test_every_dashboard_renders_for_a_viewer(viewer_client, world):
    for url in pages(world):
        response = viewer_client.get(url)
        assert response.status_code == 200, url


def test_every_dashboard_renders_for_an_anonymous_visitor_when_dashboards_are_public(client, world, settings):
    settings.PUBLIC_DASHBOARDS = True
    for url in pages(world):
        assert client.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_log_in_when_dashboards_are_not_public(client, world, settings):
    settings.PUBLIC_DASHBOARDS = False
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_the_pages_render_in_english(viewer_client, world):
    viewer_client.cookies["django_language"] = "en"
    for url in pages(world):
        response = viewer_client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en">' in response.content.decode(), url


def test_vietnamese_is_the_default_whatever_the_browser_asks(client, world, settings):
    settings.PUBLIC_DASHBOARDS = True
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="vi">' in response.content.decode()


def test_the_switch_in_the_header_turns_the_pages_english(client, world, settings):
    settings.PUBLIC_DASHBOARDS = True
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert '<html lang="en">' in response.content.decode()
    assert "Share of units with a LAN" in text(response)


def test_unknown_provinces_indicators_and_directives_are_not_found(viewer_client, world):
    for url in ["/provinces/nowhere/", "/indicators/nothing/", "/directives/none/"]:
        assert viewer_client.get(url).status_code == 404, url


# --- what the pages show ---------------------------------------------------------------------------


def test_the_overview_shows_the_national_figure_with_how_many_units_reported(viewer_client, world):
    response = viewer_client.get("/?year=2020")
    page = text(response)
    # 2020: Phú Thọ, Vĩnh Phúc and Hòa Bình reported (10 of 40 units), Lào Cai did not
    assert "25% 3/4 tỉnh báo cáo" in page
    summary = next(s for s in response.context["summaries"] if s.indicator == world.lan)
    national = summary.national.current
    assert (national.value, national.numerator, national.denominator) == (D(25), D(10), D(40))


def test_the_overview_says_why_a_national_figure_cannot_be_computed(viewer_client, world):
    make_measurement(world.lan, world.lao_cai, 2020, "89.1")  # a share without numerator and denominator
    rebuilt()
    page = text(viewer_client.get("/?year=2020"))
    assert "Không tính được: 1 đơn vị chỉ báo cáo tỷ lệ, không có tử số và mẫu số 4/4 tỉnh báo cáo" in page
    assert "Không tính được: chỉ số này không cộng gộp được giữa các đơn vị" in page


def test_the_overview_counts_provinces_per_status_and_lists_those_behind(viewer_client, world):
    response = viewer_client.get("/?year=2014&target=2015")
    summary = next(s for s in response.context["summaries"] if s.indicator == world.lan)
    counts = {t.key: t.count for t in summary.counts}
    # pace against 80 % by 2015 from 2010: Phú Thọ 0.94, Vĩnh Phúc 0.42, Hòa Bình and Lào Cai achieved
    assert counts == {
        "deteriorating": 0, "missed": 0, "off_track": 1, "needs_attention": 1,
        "on_track": 0, "achieved": 2, "not_enough_data": 0,
    }  # fmt: skip
    assert [r.place.slug for r in summary.listed] == ["vinh-phuc", "phu-tho"]


def test_a_status_shows_the_numbers_behind_it_on_hover_and_on_click(viewer_client, world):
    html = viewer_client.get("/provinces/phu-tho/?year=2014&target=2015").content.decode()
    # Phú Thọ, LAN share: 40 % (2010) → 70 % (2014), target 80 % (2015): p = 0.75, e = 0.8, pace 0.94
    assert 'title="Cần chú ý: Gốc 2010: 40% · Mới nhất 2014: 70% · Chỉ tiêu 2015: ≥ 80%' in html
    assert "tốc độ 0,94" in html
    details = re.search(r'<details class="status-details">.*?Cần chú ý.*?</details>', html, re.S).group(0)
    assert "75%" in details and "80%" in details and "0,94" in details


def test_the_province_page_shows_every_indicator_targets_and_tasks(viewer_client, world):
    report = TaskReport.objects.create(
        task=world.directive.tasks.get(number="1"),
        province=world.phu_tho,
        year=2014,
        progress=TaskReport.Progress.IN_PROGRESS,
        narrative="Đã ban hành kế hoạch",
        status=WorkflowStatus.APPROVED,
    )
    world.directive.province = None  # a national directive is every province's directive
    world.directive.save()
    response = viewer_client.get("/provinces/phu-tho/?year=2014")
    page = text(response)
    assert [r.indicator.code for r in response.context["rows"]] == ["units-with-lan", "computers", "ict-rank"]
    assert "2.000 máy" in page  # Phú Thọ's own 2015 target for computers
    assert "80%" in page and "100%" in page
    assert report.narrative in page
    assert "24-CT/TU" in page
    assert 'data-chart="line"' in response.content.decode()


def test_the_indicator_page_ranks_the_provinces_and_compares_the_chosen_ones(viewer_client, world):
    response = viewer_client.get("/indicators/units-with-lan/?year=2014&compare=lao-cai&compare=phu-tho")
    assert [r.place.slug for r in response.context["ranked"]] == ["lao-cai", "hoa-binh", "phu-tho", "vinh-phuc"]
    assert response.context["ranking_chart"]["values"] == [95.0, 90.0, 70.0, 60.0]
    assert response.context["ranking_chart"]["commonTarget"] == 80.0  # 2014 is asked: the national 2015 target
    assert [line["label"] for line in response.context["comparison_chart"]["lines"]] == [
        "Lào Cai (trước 1/7/2025)",
        "Phú Thọ (trước 1/7/2025)",
        "Cả nước",
    ]
    html = response.content.decode()
    assert 'id="ranking-data"' in html and 'id="comparison-data"' in html


def test_the_indicator_page_compares_the_viewers_province_by_default(viewer_client, world):
    response = viewer_client.get("/indicators/units-with-lan/")
    assert [r.place for r in response.context["compared"]] == [world.phu_tho]


def test_the_directive_page_shows_its_tasks_indicators_and_status_for_its_province(viewer_client, world):
    response = viewer_client.get("/directives/24-ct-tu-lao-cai/?year=2014")
    assert response.context["place"] == world.lao_cai
    task, rows, report = response.context["blocks"][1]
    assert task.number == "2"
    assert [r.indicator for r in rows] == [world.lan, world.computers]
    assert rows[0].assessment(2015).status == "achieved"


def test_the_directive_page_shows_the_province_filtered_on_or_the_nation(viewer_client, world):
    response = viewer_client.get("/directives/24-ct-tu-lao-cai/?province=phu-tho&year=2014")
    assert response.context["place"] == world.phu_tho
    response = viewer_client.get("/directives/24-ct-tu-lao-cai/?province=&year=2014")
    assert response.context["place"] is None
    assert "4/4 tỉnh báo cáo" in text(response)


def test_demo_figures_are_marked_and_the_page_says_it_has_them(viewer_client, world):
    assert "demo-banner" not in viewer_client.get("/provinces/phu-tho/").content.decode()
    Measurement.objects.filter(province=world.phu_tho, year=2020).update(is_demo=True)
    rebuilt()  # a bulk update: the stored rows and the generation follow once
    html = viewer_client.get("/provinces/phu-tho/").content.decode()
    assert "demo-banner" in html
    assert 'class="demo-badge"' in html


# --- filters -----------------------------------------------------------------------------------------


def test_the_region_filter_narrows_the_province_list(viewer_client, world):
    everyone = [p.place.slug for p in viewer_client.get("/provinces/").context["places"]]
    north = [p.place.slug for p in viewer_client.get(f"/provinces/?region={NORTH}").context["places"]]
    assert set(everyone) == {"phu-tho", "vinh-phuc", "hoa-binh", "lao-cai"}
    assert set(north) == {"phu-tho", "hoa-binh", "lao-cai"}
    assert "Vĩnh Phúc" not in text(viewer_client.get(f"/provinces/?region={NORTH}"))


def test_the_year_filter_changes_the_value_shown(viewer_client, world):
    assert "70% (2014)" in text(viewer_client.get("/provinces/phu-tho/?year=2014"))
    assert "40% (2010)" in text(viewer_client.get("/provinces/phu-tho/?year=2010"))
    assert "50% (2020)" in text(viewer_client.get("/provinces/phu-tho/"))


def test_the_category_and_directive_filters_narrow_the_indicators(viewer_client, world):
    world.rank.category = Indicator.Category.INDUSTRY
    world.rank.save()
    response = viewer_client.get("/indicators/?category=industry")
    assert [s.indicator for s in response.context["summaries"]] == [world.rank]
    response = viewer_client.get("/?directive=24-ct-tu-lao-cai")
    assert [s.indicator for s in response.context["summaries"]] == [world.lan, world.computers]


def test_the_status_filter_applies_after_the_statuses_are_computed(viewer_client, world):
    response = viewer_client.get("/indicators/units-with-lan/?year=2014&target=2015&status=achieved")
    assert [r.place.slug for r in response.context["ranked"]] == ["lao-cai", "hoa-binh"]
    response = viewer_client.get("/provinces/phu-tho/?year=2014&target=2015&status=needs_attention")
    assert [r.indicator for r in response.context["rows"]] == [world.lan]


def test_invalid_filter_values_are_reported_not_fatal(viewer_client, world):
    response = viewer_client.get("/?year=abc&units=everything&status=great&region=moon&target=2016")
    assert response.status_code == 200
    page = text(response)
    assert "Một số giá trị lọc không hợp lệ nên đã bị bỏ qua" in page
    assert "Năm:" in page and "Trạng thái:" in page
    response = viewer_client.get("/indicators/units-with-lan/?compare=atlantis&province=x")
    assert response.status_code == 200
    assert "So sánh các tỉnh:" in text(response)


def test_the_filters_live_in_the_query_string(viewer_client, world):
    html = viewer_client.get("/?year=2014&target=2015").content.decode()
    assert '<form method="get" class="filters"' in html
    assert re.search(r'<option value="2014" selected>', html)
    assert "/indicators/units-with-lan/?year=2014&amp;target=2015" in html


# --- the 2025 merger ---------------------------------------------------------------------------------


def test_current_units_show_historic_ratios_rolled_up_from_their_predecessors(viewer_client, world):
    response = viewer_client.get("/indicators/units-with-lan/?units=current&year=2020")
    rows = {r.place.slug: r for r in response.context["ranked"] + response.context["unreported"]}
    phu_tho = rows["phu-tho-2025"].current
    # (5 + 3 + 2) / (10 + 10 + 20): Σ numerators over Σ denominators of Phú Thọ, Vĩnh Phúc, Hòa Bình
    assert (phu_tho.value, phu_tho.numerator, phu_tho.denominator) == (D(25), D(10), D(40))
    assert "25% 3/3 đơn vị cũ báo cáo" in text(response)


def test_current_units_say_an_indicator_that_does_not_aggregate_cannot_be_rolled_up(viewer_client, world):
    response = viewer_client.get("/indicators/ict-rank/?units=current&year=2020")
    assert "Không cộng gộp được: chỉ số này không cộng gộp được giữa các đơn vị" in text(response)


def test_the_overview_and_province_list_offer_the_current_units(viewer_client, world):
    response = viewer_client.get("/provinces/?units=current")
    assert [p.place.slug for p in response.context["places"]] == ["lao-cai-2025", "phu-tho-2025"]
    response = viewer_client.get("/?units=current&year=2014")
    summary = next(s for s in response.context["summaries"] if s.indicator == world.lan)
    assert sum(t.count for t in summary.counts) == 2, "the two current units are counted, not the four old ones"
    assert summary.highlight.place == world.current


def test_a_current_units_page_lists_what_it_was_formed_from(viewer_client, world):
    page = text(viewer_client.get("/provinces/phu-tho-2025/?year=2020"))
    assert "Hợp nhất từ" in page and "Vĩnh Phúc" in page and "Hòa Bình" in page
    assert "25% (2020)" in page


# --- bounded queries -----------------------------------------------------------------------------------


class Grid:
    """A growing data set: provinces × indicators, each with figures, targets and a directive task."""

    def __init__(self):
        self.successor = make_province("Tỉnh Mới", current=True, slug="tinh-moi")
        self.directive = make_directive(tasks=2, slug="chi-thi-luoi", period_start=2010)
        self.task = Task.objects.get(directive=self.directive, number="1")
        self.provinces, self.indicators = [], []

    def add_provinces(self, count):
        new = [make_province(successor=self.successor) for _ in range(count)]
        self.provinces += new
        self._fill(new, self.indicators)
        rebuilt()  # one rebuild for the grid as it now stands

    def add_indicators(self, count):
        self._add_indicators(count)
        rebuilt()

    def _add_indicators(self, count):
        new = []
        for i in range(count):
            unit = Indicator.Unit.COUNT if i % 2 else Indicator.Unit.PERCENT
            indicator = make_indicator(unit=unit)
            self.task.indicators.add(indicator)
            make_target(indicator, 80, 2015, baseline_year=2010) if unit == Indicator.Unit.PERCENT else None
            new.append(indicator)
        self.indicators += new
        self._fill(self.provinces, new)

    def _fill(self, provinces, indicators):
        figures, targets = [], []
        for province in provinces:
            for indicator in indicators:
                ratio = indicator.unit == Indicator.Unit.PERCENT
                for year, value in ((2010, 20), (2013, 50)):
                    figures.append(
                        Measurement(
                            indicator=indicator, province=province, year=year, value=D(value),
                            numerator=D(value) if ratio else None, denominator=D(100) if ratio else None,
                            capped_at_100=ratio, status=WorkflowStatus.APPROVED,
                        )
                    )  # fmt: skip
                if not ratio:
                    targets.append(Target(indicator=indicator, province=province, deadline_year=2015, value=D(90)))
        Measurement.objects.bulk_create(figures)  # the callers rebuild the store once
        Target.objects.bulk_create(targets)


def count_queries(client, url):
    cache.clear()  # the page as computed, not as served from the page cache (Grid writes with bulk_create)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


BOUNDED_PAGES = [
    "/",
    "/?units=current",
    "/provinces/",
    "/provinces/{province}/",
    "/indicators/",
    "/indicators/{indicator}/",
    "/indicators/{indicator}/?units=current&compare={province}",
    "/directives/{directive}/?province={province}",
    "/directives/{directive}/?province=",
]
MAX_QUERIES = 20  # among them: the plan periods "So với" offers (targets.plan_periods), the overview map's rows,
# the targets of the places listed under the cards of the page shown (read apart from the national rows' targets)


@pytest.fixture(scope="module")
def queries_per_grid(django_db_setup, django_db_blocker):
    """{url: [queries on 10 units × 5 indicators, on 63 × 5, on 63 × 50]} for every bounded page.

    The grid is built once for the module (each stage under one rebuild) and every page measured at
    each stage; then it is rolled back, so the module's other tests never see it.
    """
    from django.test import Client

    counts = {url: [] for url in BOUNDED_PAGES}
    with django_db_blocker.unblock(), transaction.atomic():
        grid = Grid()
        grid.add_provinces(10)
        grid.add_indicators(5)
        client = Client()
        client.force_login(make_user(role=Membership.Role.VIEWER, provinces=grid.provinces[:1]))
        for grow in (lambda: None, lambda: grid.add_provinces(53), lambda: grid.add_indicators(45)):
            grow()
            for url in BOUNDED_PAGES:
                path = url.format(
                    province=grid.provinces[0].slug, indicator=grid.indicators[0].code, directive=grid.directive.slug
                )
                counts[url].append(count_queries(client, path))
        transaction.set_rollback(True)
    return counts


@pytest.mark.parametrize("url", BOUNDED_PAGES)
def test_page_queries_do_not_grow_with_provinces_or_indicators(queries_per_grid, url):
    small, more_provinces, more_indicators = queries_per_grid[url]
    assert small == more_provinces == more_indicators, (small, more_provinces, more_indicators)
    assert small <= MAX_QUERIES


def test_the_target_choice_follows_the_interface_language(viewer_client, world):
    viewer_client.cookies["django_language"] = "en"
    html = viewer_client.get("/").content.decode()
    assert "Chỉ tiêu 2015" not in html
    assert "2011–2015 targets</option>" in html
