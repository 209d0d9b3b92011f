"""indicators.board: a row's figure, its year and its statuses come from the same figures, on every page and export.

The case a leader met: the national figure of the newest year beats the target, but only some
provinces have reported it; the status is computed from the last complete year. Every place
that shows the figure or the status must name that same year, and show the newer figure as
provisional with its "n/m".
"""

import re
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from indicators import board
from indicators.models import Indicator
from reporting import report
from tests.excel_helpers import records, row_with, workbook_of
from tests.factories import make_indicator, make_measurement, make_province, make_target

User = get_user_model()


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def incomplete_newest_year(db):
    """Two units; both reported 2010 and 2019 (18,75 %), only one 2024 (20,96 %); target 20 % by 2020."""
    north = make_province("Tỉnh Bắc", code="01", slug="bac")
    south = make_province("Tỉnh Nam", code="02", slug="nam")
    share = make_indicator("units-with-lan", name_vi="Tỷ lệ đơn vị có mạng LAN")
    reported = {north: {2010: 10, 2019: 18, 2024: D("20.96")}, south: {2010: 10, 2019: D("19.5")}}
    for province, figures in reported.items():
        for year, numerator in figures.items():
            make_measurement(share, province, year, D(numerator), numerator=D(numerator), denominator=D(100))
    make_target(share, 20, 2020, baseline_year=2010)
    user = User.objects.create_superuser("leader", password="x")  # noqa: S106
    return share, user


def test_the_row_status_and_figure_name_the_last_complete_year(incomplete_newest_year):
    share, _user = incomplete_newest_year
    row = board.Board.load([share]).national_row(share)
    assert row.as_of == 2024
    assert (row.latest.year, row.latest.value, row.latest.coverage) == (2019, D("18.75"), "2/2")
    assert (row.provisional.year, row.provisional.value, row.provisional.coverage) == (2024, D("20.96"), "1/2")
    for assessment in row.assessments:
        assert assessment.year == assessment.progress.latest_year == 2019
        assert assessment.newer is row.provisional
    assert row.assessment(2020).progress.missed


def test_the_indicator_page_headline_badge_and_tooltip_name_the_same_year(client, incomplete_newest_year):
    share, user = incomplete_newest_year
    client.force_login(user)
    html = client.get(f"/indicators/{share.code}/").content.decode()
    national = html[html.index('class="national"') :]
    headline = text(national[: national.index("</p>")])
    assert "18,75% (2019)" in headline
    assert "2024, tạm tính: 20,96% 1/2 tỉnh báo cáo" in headline
    table = national[: national.index("</section>")]
    badges = re.findall(r'<summary title="([^"]*)">(.*?)</summary>', table, re.S)
    assert len(badges) == 2  # the 2015 and the 2020 target
    for title, badge in badges:
        assert "Mới nhất 2019: 18,75%" in title
        assert "2024" not in title
        assert "theo số liệu 2019" in text(badge)
    assert "Không đạt (quá hạn)" in text(badges[1][1])


def test_the_national_report_row_names_the_same_year_as_the_page(client, incomplete_newest_year):
    share, user = incomplete_newest_year
    summary = report.build_report(user, None, 2024).summary
    assert [(r.latest, r.latest_year) for r in summary] == [(D("18.75"), 2019)]
    assert "Không đạt (quá hạn)" in summary[0].status_2020

    client.force_login(user)
    workbook = workbook_of(client.get("/reports/toan-quoc/2024.xlsx"))
    ws = workbook[workbook.sheetnames[1]]
    header = row_with(ws, "Giá trị mới nhất")
    rows = records(ws, header)
    assert [(r["Giá trị mới nhất"].value, r["Năm"].value) for r in rows] == [(D("18.75"), 2019)]


def test_a_unit_without_a_target_still_shows_the_year_of_its_latest_figure(incomplete_newest_year):
    share, _user = incomplete_newest_year
    count = make_indicator("computers", unit=Indicator.Unit.COUNT)
    north = share.measurements.first().province
    make_measurement(count, north, 2019, 500)
    row = board.Board.load([count], only=[north]).row(count, north)
    assert row.latest.year == 2019
    assert all(a.target is None and a.year == 2019 for a in row.assessments)
