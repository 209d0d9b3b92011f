"""The work inbox at /entry/, where editors and approvers land, and the header's counts on every page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entry import inbox
from indicators import years
from indicators.models import Indicator, Measurement, WorkflowStatus
from provinces.models import Membership
from tests.entry_helpers import sheet_post
from tests.factories import logged_in, make_indicator, make_measurement, make_province, make_user

DECEMBER = datetime.date(2026, 12, 2)


@pytest.fixture
def team(db):
    old = make_province(name="Tỉnh Cũ", slug="tinh-cu")
    new = make_province(name="Tỉnh Mới", slug="tinh-moi", current=True)
    old.successor = new
    old.save()
    other = make_province(name="Tỉnh Khác", slug="tinh-khac", current=True)
    count = make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    share = make_indicator(code="online")
    editor = make_user("editor", Membership.Role.EDITOR, [old, new])
    approver = make_user("approver", Membership.Role.APPROVER, [old, new])
    return {
        "old": old,
        "new": new,
        "other": other,
        "count": count,
        "share": share,
        "editor": editor,
        "approver": approver,
    }


def test_the_deadline_is_31_january_of_the_next_year_unless_set(settings):
    assert years.reporting_deadline(2026) == datetime.date(2027, 1, 31)
    assert years.due_year(datetime.date(2027, 1, 31)) == 2026
    assert years.due_year(datetime.date(2027, 2, 1)) == 2027
    settings.REPORTING_DEADLINE = "15/03"
    assert years.due_year(datetime.date(2027, 3, 1)) == 2026


def test_an_editor_sees_the_returned_figures_with_their_reason_and_what_is_left_to_enter(team):
    make_measurement(team["count"], team["old"], 2024, 5, status=WorkflowStatus.RETURNED, return_reason="Thiếu nguồn")
    make_measurement(team["share"], team["new"], 2026, 40, status=WorkflowStatus.DRAFT)
    make_measurement(team["count"], team["other"], 2026, 9, status=WorkflowStatus.RETURNED, return_reason="khác")
    box = inbox.build(team["editor"], today=DECEMBER, reasons=True)
    [fix] = box.of_kind(inbox.FIX)
    assert (fix.province, fix.year, fix.count, fix.reasons) == (team["old"], 2024, 1, ["Thiếu nguồn"])
    [enter] = box.of_kind(inbox.ENTER)
    assert (enter.province, enter.year, enter.count) == (team["new"], 2026, 2), "one missing, one draft"
    assert enter.deadline == datetime.date(2027, 1, 31)
    assert box.to_enter == 3 and box.to_approve == 0
    assert not box.approves


def test_an_approver_sees_submitted_figures_of_their_units_only_oldest_first(team):
    newer = make_measurement(team["count"], team["new"], 2025, 5, status=WorkflowStatus.SUBMITTED)
    older = make_measurement(team["count"], team["old"], 2024, 5, status=WorkflowStatus.SUBMITTED)
    make_measurement(team["share"], team["old"], 2024, 5, status=WorkflowStatus.SUBMITTED)
    make_measurement(team["count"], team["other"], 2025, 5, status=WorkflowStatus.SUBMITTED)
    Measurement.objects.filter(pk=older.pk).update(updated_at=newer.updated_at - datetime.timedelta(days=3))
    box = inbox.build(team["approver"], today=DECEMBER)
    assert [(i.province.slug, i.year, i.count) for i in box.of_kind(inbox.APPROVE)] == [
        ("tinh-cu", 2024, 2),
        ("tinh-moi", 2025, 1),
    ]
    assert box.to_approve == 3 and box.to_enter == 0


def test_a_viewer_has_no_inbox_and_no_work_links(team):
    viewer = make_user("viewer", Membership.Role.VIEWER, [team["new"]])
    make_measurement(team["count"], team["new"], 2025, 5, status=WorkflowStatus.SUBMITTED)
    html = logged_in(viewer).get("/entry/").content.decode()
    assert "Chờ phê duyệt" not in html
    assert "count-badge" not in html


def test_an_editor_with_nothing_waiting_lands_on_their_unit(team, settings):
    settings.REPORTING_DEADLINE = "31/01"
    for indicator in (team["count"], team["share"]):
        make_measurement(indicator, team["new"], years.due_year(), 5, status=WorkflowStatus.APPROVED)
    response = logged_in(team["editor"]).get("/start/")
    assert response.url == "/entry/tinh-moi/"


def test_the_header_costs_the_same_queries_whatever_the_number_of_units_and_figures(team):
    def header_queries():
        client = logged_in(team["approver"])
        client.get("/entry/tinh-moi/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/entry/tinh-moi/")
        assert b"count-badge" in response.content
        return len(queries)

    make_measurement(team["count"], team["old"], 2024, 5, status=WorkflowStatus.SUBMITTED)
    few = header_queries()
    for _ in range(30):
        province = make_province(current=True)
        Membership.objects.create(user=team["approver"], province=province, role=Membership.Role.APPROVER)
        indicator = make_indicator()
        make_measurement(indicator, province, 2025, 5, status=WorkflowStatus.SUBMITTED)
    many = header_queries()
    assert few == many, (few, many)


def test_an_approver_approves_every_submitted_figure_of_a_sheet_with_one_button(team):
    submitted = [
        make_measurement(indicator, team["old"], 2024, 5, status=WorkflowStatus.SUBMITTED)
        for indicator in (team["count"], team["share"])
    ]
    other = make_measurement(team["count"], team["old"], 2023, 5, status=WorkflowStatus.SUBMITTED)
    client = logged_in(team["approver"])
    page = client.get("/entry/tinh-cu/2024/").content.decode()
    assert "Phê duyệt cả biểu (2 số liệu đã gửi duyệt)" in page
    assert 'data-select="all"' in page and 'data-select="none"' in page
    data = sheet_post(team["old"], 2024, "approve_all")
    response = client.post("/entry/tinh-cu/2024/", data, follow=True)
    assert "Đã phê duyệt 2 số liệu." in response.content.decode()
    for figure in submitted:
        figure.refresh_from_db()
        assert figure.status == WorkflowStatus.APPROVED
    other.refresh_from_db()
    assert other.status == WorkflowStatus.SUBMITTED, "another year's sheet is untouched"
    assert inbox.build(team["approver"], today=DECEMBER).to_approve == 1


def test_approving_a_whole_sheet_needs_the_approver_role(team):
    figure = make_measurement(team["count"], team["old"], 2024, 5, status=WorkflowStatus.SUBMITTED)
    response = logged_in(team["editor"]).post("/entry/tinh-cu/2024/", sheet_post(team["old"], 2024, "approve_all"))
    assert response.status_code == 403
    figure.refresh_from_db()
    assert figure.status == WorkflowStatus.SUBMITTED
