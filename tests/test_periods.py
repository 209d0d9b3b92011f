"""Plan periods from the data: what "So với" offers, which period a page opens on, targets of any period."""

import datetime
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.models import Indicator, Measurement, Target, WorkflowStatus
from provinces.models import Membership
from tests.factories import (
    make_indicator,
    make_measurement,
    make_province,
    make_target,
    make_user,
    rebuilt,
    run_queued_rebuilds,
)


def text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def december_2026(db, client):
    """Two current units with 2021–2025 figures, a 2025 and a 2030 target, and a 2026 figure not yet approved."""
    phu_tho = make_province("Tỉnh Phú Thọ", code="25", current=True, slug="phu-tho-2025")
    lao_cai = make_province("Tỉnh Lào Cai", code="15", current=True, slug="lao-cai-2025")
    fibre = make_indicator("households-fibre", name_vi="Tỷ lệ hộ gia đình có cáp quang")
    for province, values in ((phu_tho, (30, 40, 55, 62, 70, 78)), (lao_cai, (25, 30, 35, 38, 40, 41))):
        for year, value in zip(range(2020, 2026), values, strict=True):
            make_measurement(fibre, province, year, D(value))
    make_target(fibre, 80, 2025)
    make_target(fibre, 95, 2030, province=phu_tho, is_demo=True, baseline_year=2025)
    pending = make_measurement(fibre, phu_tho, 2026, D(82), status=WorkflowStatus.SUBMITTED)
    viewer = make_user("phutho-viewer", role=Membership.Role.VIEWER, provinces=[phu_tho])
    client.force_login(viewer)
    rebuilt()
    return {"phu_tho": phu_tho, "fibre": fibre, "pending": pending, "client": client}


def test_so_voi_offers_every_period_with_a_target_and_no_other(december_2026):
    html = december_2026["client"].get("/?units=current").content.decode()
    offered = re.findall(r'<option value="(\d{4})"[^>]*>Chỉ tiêu giai đoạn ([^<]+)</option>', html)
    assert offered == [("2025", "2021–2025"), ("2030", "2026–2030")]


PAGES = ("/?units=current", "/provinces/phu-tho-2025/", "/indicators/households-fibre/?units=current")


def test_the_pages_open_on_the_calendars_period_whatever_is_approved(december_2026, on_date):
    client = december_2026["client"]
    on_date(datetime.date(2026, 12, 20))
    Measurement.objects.filter(pk=december_2026["pending"].pk).update(status=WorkflowStatus.APPROVED)
    rebuilt()  # a bulk update: the stored rows and the generation follow once
    for url in PAGES:
        response = client.get(url)
        assert str(response.context["window"]) == "2021–2025", url
        line = text(response)
        assert "Đang xem chỉ tiêu 2021–2025: năm 2025 là năm gần nhất đã hết hạn báo cáo (31/01/2026)" in line, url

    on_date(datetime.date(2027, 2, 1))
    for url in PAGES:
        response = client.get(url)
        assert str(response.context["window"]) == "2026–2030", url
        assert "năm 2026 là năm gần nhất đã hết hạn báo cáo (31/01/2027)" in text(response), url


def test_the_period_line_links_to_the_other_period_and_the_choice_stays_in_the_url(december_2026, on_date):
    client = december_2026["client"]
    on_date(datetime.date(2026, 12, 20))
    html = client.get("/provinces/phu-tho-2025/?status=behind").content.decode()
    line = re.search(r'<p class="period-line">(.*?)</p>', html, flags=re.S).group(1)
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', line)
    assert links == [("?status=behind&amp;target=2030", "2026–2030")]

    response = client.get("/provinces/phu-tho-2025/?status=behind&target=2030")
    assert str(response.context["window"]) == "2026–2030"
    line = re.search(r'<p class="period-line">(.*?)</p>', response.content.decode(), flags=re.S).group(1)
    assert "Đang xem chỉ tiêu 2026–2030 (đã chọn); mặc định là 2021–2025" in line
    # back to the default drops the parameter, the other filters kept
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', line) == [("?status=behind", "2021–2025")]


def test_the_province_status_against_2025_is_computed_from_the_2025_target(december_2026):
    row = december_2026["client"].get("/provinces/phu-tho-2025/").context["rows"][0]
    # 78 in 2025 against 80 due 2025: the deadline passed without reaching it
    assert row.chosen.target.value == 80 and row.chosen.progress.missed


def test_an_admin_added_2025_target_changes_the_province_page_status(db, client, on_date):
    on_date(datetime.date(2026, 12, 20))
    unit = make_province("Tỉnh Phú Thọ", code="25", current=True, slug="phu-tho-2025")
    share = make_indicator("records-online", name_vi="Tỷ lệ hồ sơ xử lý trên mạng")
    for year, value in ((2019, 20), (2021, 30), (2023, 60), (2025, 85)):
        make_measurement(share, unit, year, D(value))
    make_target(share, 50, 2020)
    rebuilt()
    client.force_login(make_user("viewer", role=Membership.Role.VIEWER, provinces=[unit]))
    before = client.get("/provinces/phu-tho-2025/")
    assert str(before.context["window"]) == "2021–2025", "the calendar's period, with or without a target"
    assert before.context["rows"][0].chosen.progress.why == "no_target"

    admin = make_user("central", superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/indicators/target/add/",
        {"indicator": share.pk, "province": "", "deadline_year": 2025, "value": "80", "subject": "", "note": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Target.objects.filter(deadline_year=2025).exists()
    run_queued_rebuilds()  # a new plan period: rebuilt in the background (the worker's job, run here)

    client.force_login(make_user("viewer2", role=Membership.Role.VIEWER, provinces=[unit]))
    response = client.get("/provinces/phu-tho-2025/")
    assert str(response.context["window"]) == "2021–2025"
    row = response.context["rows"][0]
    assert row.chosen.target.value == 80 and row.chosen.status == "achieved"
    assert "Chỉ tiêu 2025: ≥ 80%" in response.content.decode(), "the tooltip names the target and its deadline"


def test_no_page_shows_none_for_an_indicator_with_no_data_yet(december_2026):
    client = december_2026["client"]
    make_indicator("empty-share", name_vi="Chỉ số chưa có số liệu")
    make_indicator("empty-count", unit=Indicator.Unit.COUNT, name_vi="Số lượng chưa có số liệu")
    rebuilt()
    urls = [
        "/",
        "/?units=current",
        "/?units=current&target=2030",
        "/provinces/",
        "/provinces/phu-tho-2025/",
        "/provinces/phu-tho-2025/?target=2030",
        "/indicators/",
        "/indicators/empty-share/",
        "/indicators/empty-count/?units=current",
        "/indicators/households-fibre/?units=current",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "None" not in text(response), url
    assert "chưa có số liệu" in text(client.get("/indicators/empty-share/")).lower()


def test_a_viewer_lands_on_the_current_units_page_with_the_pre_merger_unit_one_click_away(db, client):
    today = make_province("Tỉnh Phú Thọ", code="25", current=True, slug="phu-tho-2025")
    before = make_province("Tỉnh Phú Thọ", code="25", slug="phu-tho", successor=today)
    client.force_login(make_user("leader", role=Membership.Role.VIEWER, provinces=[before, today]))
    response = client.get(reverse("landing"), follow=True)
    assert response.redirect_chain[-1][0] == "/provinces/phu-tho-2025/"
    assert 'href="/provinces/phu-tho/"' in response.content.decode()


# --- a leader's ten-second read: the behind lists, sorting in the URL ----------------------------------


def test_the_overview_behind_list_gives_each_provinces_value_target_and_gap(december_2026):
    response = december_2026["client"].get("/?units=current")
    behind = text(response)[text(response).index("chưa đạt, cần theo dõi") :]
    # Lào Cai: 41% in 2025 against 80%, missed, 39 points short; Phú Thọ: 78% against 80%, 2 short
    assert "Lào Cai" in behind and "41% (2025) / chỉ tiêu 80% · còn thiếu 39%" in behind
    assert "78% (2025) / chỉ tiêu 80% · còn thiếu 2%" in behind


def names_in_order(html, names):
    return sorted(names, key=html.index)


def test_the_provinces_list_sorts_by_any_column_in_the_url_and_exports_in_that_order(december_2026):
    client = december_2026["client"]
    html = client.get("/provinces/?units=current&sort=-ten").content.decode()
    assert names_in_order(html, ["Lào Cai", "Phú Thọ"]) == ["Phú Thọ", "Lào Cai"]
    html = client.get("/provinces/?units=current&sort=ten").content.decode()
    assert names_in_order(html, ["Lào Cai", "Phú Thọ"]) == ["Lào Cai", "Phú Thọ"]
    assert 'aria-sort="ascending"' in html
    assert "?units=current&amp;sort=-ten" in html, "a second click sorts the other way, filters kept"
    assert '<input type="hidden" name="sort" value="ten">' in html, "changing a filter keeps the order"


def test_the_ranking_table_sorts_by_name_value_or_status_in_the_url(december_2026):
    client = december_2026["client"]
    url = "/indicators/households-fibre/?units=current&year=2025"
    by_value = client.get(url + "&sort=gia-tri").context["ranking_table"]
    assert [x.row.place.short_name for x in by_value.rows] == ["Lào Cai", "Phú Thọ"]
    by_rank = client.get(url).context["ranking_table"]
    assert [x.row.place.short_name for x in by_rank.rows] == ["Phú Thọ", "Lào Cai"]
    worst_first = client.get(url + "&sort=trang-thai").context["ranking_table"]
    assert [x.rank for x in worst_first.rows] == [2, 1], "both missed: the slower pace (Lào Cai) first"
    ignored = client.get(url + "&sort=nonsense")
    assert ignored.status_code == 200 and [x.rank for x in ignored.context["ranking_table"].rows] == [1, 2]


# --- charts -----------------------------------------------------------------------------------------


def test_a_count_indicators_national_total_gets_its_own_axis_beside_the_provinces(db, client):
    unit = make_province("Tỉnh Phú Thọ", code="25", current=True, slug="phu-tho-2025")
    other = make_province("Tỉnh Lào Cai", code="15", current=True, slug="lao-cai-2025")
    computers = make_indicator("computers", unit=Indicator.Unit.COUNT, name_vi="Số máy tính", unit_label="máy")
    share = make_indicator("lan", name_vi="Tỷ lệ LAN")
    for province in (unit, other):
        for year in (2020, 2025):
            make_measurement(computers, province, year, D(1000 + year))
            make_measurement(share, province, year, D(50))
    rebuilt()
    client.force_login(make_user("viewer", role=Membership.Role.VIEWER, provinces=[unit]))
    count_chart = client.get("/indicators/computers/?units=current").context["comparison_chart"]
    assert [line.get("secondAxis") for line in count_chart["lines"]] == [None, True]
    share_chart = client.get("/indicators/lan/?units=current").context["comparison_chart"]
    assert [line.get("secondAxis") for line in share_chart["lines"]] == [None, False]


def test_the_path_to_a_target_is_drawn_only_where_the_baseline_was_short_of_it(december_2026):
    make_target(december_2026["fibre"], 20, 2020, province=december_2026["phu_tho"], baseline_year=2018)
    rebuilt()
    response = december_2026["client"].get("/provinces/phu-tho-2025/?target=2025")
    chart = response.context["charts"][0][1]
    paths = {point["window"]: point["path"] for point in chart["targets"]}
    # 2021–2025: 30% in 2020 against 80%, a path; 2016–2020: no baseline figure by 2018, no path
    assert paths == {"2021–2025": True, "2016–2020": False, "2026–2030": True}


def test_a_page_without_units_shows_the_units_that_report_the_year_asked(db, client):
    """December 2026: the overview opens on today's 34 units; asking for 2015 shows the 63 old ones."""
    old = make_province("Tỉnh Vĩnh Phúc", code="26", slug="vinh-phuc")
    new = make_province("Tỉnh Phú Thọ", code="25", current=True, slug="phu-tho-2025")
    lan = make_indicator("units-with-lan")
    make_measurement(lan, old, 2015, D(60))
    make_measurement(lan, new, 2025, D(90))
    make_target(lan, 100, 2025)
    rebuilt()
    client.force_login(make_user("viewer", role=Membership.Role.VIEWER, provinces=[new]))

    latest = client.get("/")
    assert latest.context["params"].units == "current"
    assert 'value="current" selected' in latest.content.decode(), "the form shows the units the page uses"
    assert client.get("/?year=2015").context["params"].units == "legacy"
    assert client.get("/indicators/units-with-lan/?year=2024").context["params"].units == "legacy"
    # an explicit choice is kept
    assert client.get("/?year=2015&units=current").context["params"].units == "current"
    assert client.get("/?units=legacy").context["params"].units == "legacy"


def test_a_deadline_year_not_yet_reported_reads_as_its_pace_on_the_page_not_as_missed(db, client, on_date):
    """phu-tho-2025's fibre row in December 2026: 73,71 % (2024) against > 80 % (2025), 2026 figures of
    other indicators approved. The page (stored assessments) shows the pace, waiting for the 2025 figure."""
    on_date(datetime.date(2026, 12, 20))
    unit = make_province("Tỉnh Phú Thọ", code="25", current=True, slug="phu-tho-2025")
    fibre = make_indicator("households-fibre", name_vi="Tỷ lệ hộ gia đình có cáp quang")
    other = make_indicator("records-online", name_vi="Tỷ lệ hồ sơ xử lý trên mạng")
    make_measurement(fibre, unit, 2020, D(40))
    make_measurement(fibre, unit, 2024, D("73.71"))
    make_measurement(other, unit, 2025, D(45))  # 2025 reported for other indicators, not for fibre
    make_measurement(other, unit, 2026, D(50))  # an early 2026 figure: read when asked, never by default
    make_target(fibre, 80, 2025, strict=True)
    rebuilt()
    client.force_login(make_user("viewer", role=Membership.Role.VIEWER, provinces=[unit]))
    response = client.get("/provinces/phu-tho-2025/?target=2025")
    assert response.context["as_of"] == 2025, "the calendar's year: 2026 is still open for reporting"
    row = next(r for r in response.context["rows"] if r.indicator == fibre)
    assert not row.chosen.progress.missed
    page = text(response)
    assert "Đúng tiến độ · tốc độ 1,05 · chưa có số liệu năm 2025" in row.chosen.text
    assert "Chỉ tiêu 2025: &gt; 80%" in response.content.decode() or "Chỉ tiêu 2025: > 80%" in page
    assert {t.key: t.count for t in response.context["counts"]}["missed"] == 0
