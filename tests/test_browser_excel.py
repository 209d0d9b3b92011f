"""In a real browser: download the periodic report and the template, fill it, upload it, confirm."""

import io

import pytest
from openpyxl import load_workbook

from entry.template import TEMPLATE_HEADER_ROW
from indicators.models import Indicator, Measurement, WorkflowStatus
from provinces.models import Membership
from tests.browser import log_in
from tests.factories import PASSWORD, make_indicator, make_measurement, make_province, make_user, rebuilt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2020


@pytest.fixture
def world():
    province = make_province(name="Tỉnh Phú Thọ", code="25", slug="phu-tho")
    lan = make_indicator(code="units-with-lan", name_vi="Tỷ lệ đơn vị có mạng LAN")
    computers = make_indicator(code="computers", unit=Indicator.Unit.COUNT, name_vi="Số máy tính")
    make_measurement(lan, province, 2010, 50, numerator=50, denominator=100)
    make_measurement(computers, province, YEAR, 55802, is_demo=True)
    make_user("phutho-editor", Membership.Role.EDITOR, [province])
    rebuilt()
    return province


def test_the_editor_downloads_the_periodic_report_from_the_entry_page(world, live_server, page, artifacts_dir):
    log_in(page, live_server, "phutho-editor", PASSWORD)
    page.goto(f"{live_server.url}/entry/phu-tho/{YEAR}/")
    page.screenshot(path=f"{artifacts_dir}/excel-links.png")
    with page.expect_download() as info:
        page.click("text=Tải báo cáo định kỳ")
    download = info.value
    assert download.suggested_filename == f"bao-cao-dinh-ky-phu-tho-{YEAR}.xlsx"
    saved = f"{artifacts_dir}/{download.suggested_filename}"
    download.save_as(saved)
    workbook = load_workbook(saved)
    assert workbook.sheetnames[:2] == ["Bìa", "Tổng hợp"]
    summary = workbook["Tổng hợp"]
    values = {row[2]: row for row in summary.iter_rows(values_only=True) if row[2]}
    assert values["Số máy tính"][6] == 55802
    assert values["Số máy tính"][-2] == "minh họa"  # the last column, hidden, keeps the code for re-import
    assert not page.console_errors


def test_the_editor_fills_the_template_and_imports_it_after_a_preview(world, live_server, page, artifacts_dir):
    log_in(page, live_server, "phutho-editor", PASSWORD)
    page.goto(f"{live_server.url}/entry/phu-tho/{YEAR}/")
    with page.expect_download() as info:
        page.click("text=Tải mẫu Excel")
    saved = f"{artifacts_dir}/{info.value.suggested_filename}"
    info.value.save_as(saved)
    workbook = load_workbook(saved)
    ws = workbook["So lieu"]
    lines = {ws.cell(row=r, column=1).value: r for r in range(TEMPLATE_HEADER_ROW + 1, ws.max_row + 1)}
    ws[f"H{lines['units-with-lan']}"] = 89
    ws[f"I{lines['units-with-lan']}"] = 100
    ws[f"G{lines['computers']}"] = "abc"
    buffer = io.BytesIO()
    workbook.save(buffer)

    page.click("text=Nhập từ Excel")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "mau-da-dien.xlsx", "mimeType": "application/octet-stream", "buffer": buffer.getvalue()}],
    )
    page.click("button[type=submit].primary")
    page.wait_for_load_state("networkidle")
    assert "Mới: 1" in page.inner_text(".summary")
    assert "“abc” không phải là một số." in page.inner_text("#import-rejected")
    page.screenshot(path=f"{artifacts_dir}/excel-preview.png", full_page=True)

    page.click("text=Xác nhận nhập số liệu")
    page.wait_for_load_state("networkidle")
    assert "Đã nhập 1 số liệu từ tệp mau-da-dien.xlsx." in page.inner_text(".messages")
    figure = Measurement.objects.get(indicator__code="units-with-lan", year=YEAR)
    assert (figure.value, figure.status) == (89, WorkflowStatus.DRAFT)
    assert Measurement.objects.get(indicator__code="computers", year=YEAR).value == 55802
    assert not page.console_errors


def test_a_large_export_shows_its_progress_then_its_download_link(world, live_server, page, artifacts_dir, settings):
    """No worker runs: the page shows the queued job, the test does the worker's part, the page follows."""
    from reporting import background

    settings.EXPORT_BACKGROUND_ROWS = 1
    settings.EXPORT_DIR = f"{artifacts_dir}/exports"
    log_in(page, live_server, "phutho-editor", PASSWORD)
    page.goto(f"{live_server.url}/exports/data.xlsx")
    page.click("main form button[type=submit]")
    page.wait_for_selector("progress.export-progress")
    assert page.get_attribute("progress.export-progress", "value") == "0"
    assert "Đang chờ đến lượt tạo tệp" in page.inner_text("main")
    page.screenshot(path=f"{artifacts_dir}/export-queued.png")

    background.run(page.url.rstrip("/").rsplit("/", 1)[-1])
    page.wait_for_selector("text=Tải tệp Excel", timeout=10000)  # the page reloads itself
    assert page.get_attribute("progress.export-progress", "value") == "100"
    page.screenshot(path=f"{artifacts_dir}/export-done.png")
    with page.expect_download() as info:
        page.click("text=Tải tệp Excel")
    saved = f"{artifacts_dir}/{info.value.suggested_filename}"
    info.value.save_as(saved)
    assert load_workbook(saved)["Số liệu"]
    assert not page.console_errors
