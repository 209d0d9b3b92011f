"""Entry details a team meets every day: numbers shown back the Vietnamese way, messages that say what is
wrong, a jump confirmed once, conflicts only where the person typed, and history lines that say what happened."""

from decimal import Decimal

import pytest

from indicators.models import Indicator, Measurement, WorkflowStatus
from provinces.models import Membership
from tests.entry_helpers import sheet_post, sheet_url
from tests.factories import logged_in, make_indicator, make_measurement, make_province, make_user

YEAR = 2020


@pytest.fixture
def world(db):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    computers = make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    online = make_indicator(code="services-online", ratio=False)
    return {
        "province": province,
        "computers": computers,
        "online": online,
        "editor": make_user("editor", Membership.Role.EDITOR, [province]),
        "colleague": make_user("colleague", Membership.Role.EDITOR, [province]),
        "approver": make_user("approver", Membership.Role.APPROVER, [province]),
    }


def post(world, user, action, values=None, data=None, **extra):
    data = data or sheet_post(world["province"], YEAR, action, values=values, **extra)
    return logged_in(world[user]).post(sheet_url(world["province"], YEAR), data)


def stored(world, code):
    return Measurement.objects.get(indicator__code=code, province=world["province"], year=YEAR)


def test_a_saved_figure_comes_back_grouped_as_it_was_typed(world):
    assert post(world, "editor", "save", {"computers": {"value": "1.520.000"}}).status_code == 302
    assert stored(world, "computers").value == Decimal(1520000)
    page = logged_in(world["editor"]).get(sheet_url(world["province"], YEAR)).content.decode()
    assert 'value="1.520.000"' in page


def test_a_number_with_a_stray_dot_after_the_comma_is_called_not_a_number(world):
    response = post(world, "editor", "save", {"computers": {"value": "1.520.000,5.3"}})
    form = next(row.form for row in response.context["sheet"].rows if row.indicator.code == "computers")
    assert form.errors["value"] == ["“1.520.000,5.3” không phải là một số."]
    assert not Measurement.objects.exists()


def test_a_confirmed_jump_is_not_asked_again_until_the_value_changes(world):
    make_measurement(world["computers"], world["province"], YEAR - 1, 100)
    asked = post(world, "editor", "save", {"computers": {"value": "1.000"}})
    assert asked.status_code == 200 and asked.context["sheet"].needs_confirmation
    assert post(world, "editor", "save", {"computers": {"value": "1.000", "confirm_jump": "on"}}).status_code == 302

    again = post(world, "editor", "save", {"services-online": {"value": "50"}})
    assert again.status_code == 302, "the confirmed value is kept without asking again"
    assert stored(world, "services-online").value == Decimal(50)

    changed = post(world, "editor", "save", {"computers": {"value": "2.000"}})
    assert changed.status_code == 200 and changed.context["sheet"].needs_confirmation, "a new value is asked again"
    assert stored(world, "computers").value == Decimal(1000)


def test_a_save_by_someone_else_on_a_row_this_person_left_alone_is_no_conflict(world):
    make_measurement(world["computers"], world["province"], YEAR, 10, status=WorkflowStatus.DRAFT)
    make_measurement(world["online"], world["province"], YEAR, 40, status=WorkflowStatus.DRAFT)
    page_as_loaded = sheet_post(world["province"], YEAR, "save")  # the editor's page, before the colleague saves
    assert post(world, "colleague", "save", {"computers": {"value": "12"}}).status_code == 302

    mine = dict(page_as_loaded, **{"m-services-online-value": "45"})
    assert post(world, "editor", "save", data=mine).status_code == 302
    assert stored(world, "services-online").value == Decimal(45)
    assert stored(world, "computers").value == Decimal(12), "the colleague's value stands"


def test_a_save_by_someone_else_on_a_row_this_person_changed_is_a_conflict(world):
    make_measurement(world["computers"], world["province"], YEAR, 10, status=WorkflowStatus.DRAFT)
    page_as_loaded = sheet_post(world["province"], YEAR, "save")
    assert post(world, "colleague", "save", {"computers": {"value": "12"}}).status_code == 302

    mine = dict(page_as_loaded, **{"m-computers-value": "15"})
    response = post(world, "editor", "save", data=mine)
    assert response.status_code == 200
    assert [row.indicator.code for row in response.context["sheet"].rows if row.conflict] == ["computers"]
    assert stored(world, "computers").value == Decimal(12)


def test_history_names_each_status_change_and_the_system_when_no_person_made_it(world):
    figure = make_measurement(world["computers"], world["province"], YEAR, 850000, status=WorkflowStatus.DRAFT)
    assert post(world, "editor", "submit").status_code == 302
    post(world, "approver", "return", selected=["computers"], reason="Thiếu nguồn")
    assert post(world, "editor", "submit").status_code == 302
    post(world, "approver", "approve", selected=["computers"])
    assert stored(world, "computers").status == WorkflowStatus.APPROVED

    url = f"/entry/phu-tho/{YEAR}/history/computers/"
    response = logged_in(world["editor"]).get(url)
    labels = [change["label"] for change in response.context["changes"]]
    assert labels == ["Phê duyệt", "Gửi duyệt", "Trả lại: Thiếu nguồn", "Gửi duyệt", "Tạo mới"]
    html = response.content.decode()
    assert "850.000 → 850.000" not in html
    assert "hệ thống" in html, "the first row was made by no person (a loader)"
    assert figure.history.earliest("history_date").history_user is None
