"""Dashboards say when the figure behind a number was approved (the latest approval behind an added-up one)."""

import datetime

from indicators import assessments
from indicators.board import Board
from indicators.models import Indicator, Measurement
from provinces.models import Membership
from tests.factories import logged_in, make_indicator, make_measurement, make_province, make_user


def approved_on(figure, day):
    Measurement.objects.filter(pk=figure.pk).update(updated_at=datetime.datetime(*day, 9, tzinfo=datetime.UTC))
    assessments.rebuild()  # QuerySet.update bypasses save(), which refreshes the stored assessments


def test_a_province_page_gives_the_approval_date_of_its_latest_figure(db):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    indicator = make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    approved_on(make_measurement(indicator, province, 2019, 100), (2020, 2, 1))
    approved_on(make_measurement(indicator, province, 2020, 120), (2021, 3, 15))
    html = logged_in(make_user("viewer", Membership.Role.VIEWER, [province])).get("/provinces/phu-tho/").content
    assert "duyệt 15/03/2021" in html.decode()


def test_a_figure_added_up_from_several_units_carries_the_latest_of_their_approvals(db):
    indicator = make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    first, second = make_province(), make_province()
    approved_on(make_measurement(indicator, first, 2020, 100), (2021, 1, 10))
    approved_on(make_measurement(indicator, second, 2020, 50), (2021, 2, 20))
    board = Board.load([indicator])
    national = board.national_series(indicator)[2020]
    assert national.value == 150
    assert national.approved_at.date() == datetime.date(2021, 2, 20)
