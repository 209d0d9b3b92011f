"""In a real browser: the Phú Thọ editor fills a year and submits; the approver approves; the value is locked."""

import pytest

from indicators.models import Indicator, Measurement, WorkflowStatus
from provinces.models import Membership
from tests.browser import log_in, log_out
from tests.factories import PASSWORD, make_indicator, make_province, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2020


def test_editor_fills_and_submits_then_approver_approves_and_the_value_is_locked(live_server, page, artifacts_dir):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    make_indicator(code="units-with-lan", name_vi="Tỷ lệ đơn vị có mạng LAN")
    make_indicator(code="computers", unit=Indicator.Unit.COUNT, name_vi="Số máy tính")
    make_user("phutho-editor", Membership.Role.EDITOR, [province])
    make_user("phutho-approver", Membership.Role.APPROVER, [province])

    log_in(page, live_server, "phutho-editor", PASSWORD)
    assert page.url.endswith("/entry/phu-tho/")
    page.goto(f"{live_server.url}/entry/phu-tho/{YEAR}/")

    # the percentage is computed live from numerator and denominator
    page.fill("[name=m-units-with-lan-numerator]", "89")
    page.fill("[name=m-units-with-lan-denominator]", "100")
    assert page.inner_text("#row-units-with-lan [data-computed]") == "89"

    # Tab moves down the column, from the LAN numerator to the next row's first field in that column
    page.focus("[name=m-computers-value]")
    page.keyboard.type("abc")
    page.click("button[value=save]")
    page.wait_for_load_state("networkidle")
    assert "“abc” không phải là một số." in page.inner_text("#row-computers")
    assert page.input_value("[name=m-units-with-lan-numerator]") == "89", "nothing typed is lost"
    page.screenshot(path=f"{artifacts_dir}/entry-error.png", full_page=True)

    page.fill("[name=m-computers-value]", "55.802")
    page.click("button[value=submit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text(".messages") == "Đã lưu 2 số liệu. Đã gửi duyệt 2 số liệu."
    assert set(Measurement.objects.values_list("status", flat=True)) == {WorkflowStatus.SUBMITTED}
    log_out(page)

    log_in(page, live_server, "phutho-approver", PASSWORD)
    page.goto(f"{live_server.url}/entry/phu-tho/{YEAR}/")
    page.check("input[name=selected][value=m-computers]")
    page.check("input[name=selected][value=m-units-with-lan]")
    page.click("button[value=approve]")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=f"{artifacts_dir}/entry-approved.png", full_page=True)
    assert set(Measurement.objects.values_list("status", flat=True)) == {WorkflowStatus.APPROVED}
    log_out(page)

    log_in(page, live_server, "phutho-editor", PASSWORD)
    page.goto(f"{live_server.url}/entry/phu-tho/{YEAR}/")
    assert page.is_disabled("[name=m-computers-value]"), "an approved figure is locked for the editor"
    assert page.input_value("[name=m-computers-value]") == "55.802", "shown back as it was typed"
    assert "Đã phê duyệt" in page.inner_text("#row-computers")
    assert not page.console_errors


def test_tab_moves_down_the_column(live_server, page):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    first = make_indicator(code="a-count", unit=Indicator.Unit.COUNT, position=1)
    second = make_indicator(code="b-count", unit=Indicator.Unit.COUNT, position=2)
    make_user("editor", Membership.Role.EDITOR, [province])
    log_in(page, live_server, "editor", PASSWORD)
    page.goto(f"{live_server.url}/entry/phu-tho/{YEAR}/")
    page.focus(f"[name=m-{first.code}-value]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == f"m-{second.code}-value"
    page.set_viewport_size({"width": 390, "height": 844})


def test_values_typed_before_the_session_expired_can_be_restored(live_server, page):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    indicator = make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    make_user("editor", Membership.Role.EDITOR, [province])
    log_in(page, live_server, "editor", PASSWORD)
    page.goto(f"{live_server.url}/entry/phu-tho/{YEAR}/")
    page.fill(f"[name=m-{indicator.code}-value]", "4321")
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page with unsaved changes?"
    page.context.clear_cookies()  # the session expires
    page.goto(f"{live_server.url}/entry/phu-tho/{YEAR}/")
    log_in(page, live_server, "editor", PASSWORD)
    page.goto(f"{live_server.url}/entry/phu-tho/{YEAR}/")
    assert page.is_visible("#restore-banner")
    page.click("[data-restore]")
    assert page.input_value(f"[name=m-{indicator.code}-value]") == "4321"
    page.click("button[value=save]")
    page.wait_for_load_state("networkidle")
    assert Measurement.objects.get().value == 4321
    assert not page.is_visible("#restore-banner")
