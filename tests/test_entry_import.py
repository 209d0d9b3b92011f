"""The import template and its upload: round trip, bad files, the entry rules, roles and conflicts.

Every refused file or row leaves the database exactly as it was (``snapshot``).
"""

import io
import os
import zipfile
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from entry.template import TEMPLATE_HEADER_ROW, TEMPLATE_KEYS, TEMPLATE_META_SHEET, TEMPLATE_VERSION
from indicators import workflow
from indicators.models import Indicator, Measurement, WorkflowStatus
from provinces.models import Membership
from tests.entry_helpers import snapshot
from tests.excel_helpers import response_bytes
from tests.factories import logged_in, make_indicator, make_measurement, make_province, make_user

YEAR = 2020
COLUMN = {key: chr(ord("A") + index) for index, key in enumerate(TEMPLATE_KEYS)}


@pytest.fixture
def world(db):
    phu_tho = make_province("Tỉnh Phú Thọ", code="25", slug="phu-tho")
    lao_cai = make_province("Tỉnh Lào Cai", code="10", slug="lao-cai")
    computers = make_indicator("computers", unit=Indicator.Unit.COUNT, name_vi="Số máy tính", unit_label="máy")
    lan = make_indicator("units-with-lan", name_vi="Tỷ lệ đơn vị có mạng LAN")  # a ratio
    online = make_indicator("services-online", ratio=False, name_vi="Tỷ lệ dịch vụ trực tuyến")  # a plain share
    level3 = make_indicator("level3-services", unit=Indicator.Unit.COUNT, name_vi="Số dịch vụ mức độ 3")
    make_measurement(computers, phu_tho, YEAR - 1, 900)
    make_measurement(computers, phu_tho, YEAR, 1000, status=WorkflowStatus.DRAFT, source="Sở TT&TT")
    make_measurement(lan, phu_tho, YEAR, 70, numerator=70, denominator=100)  # approved: locked
    make_measurement(lan, lao_cai, YEAR, 40, numerator=40, denominator=100)
    users = {
        "editor": make_user("editor", Membership.Role.EDITOR, [phu_tho]),
        "approver": make_user("approver", Membership.Role.APPROVER, [phu_tho]),
        "viewer": make_user("viewer", Membership.Role.VIEWER, [phu_tho]),
        "other-editor": make_user("other-editor", Membership.Role.EDITOR, [lao_cai]),
        "admin": make_user("admin", superuser=True),
    }
    return {
        "phu_tho": phu_tho,
        "lao_cai": lao_cai,
        "computers": computers,
        "lan": lan,
        "online": online,
        "level3": level3,
        "users": users,
    }


def client_for(world, role):
    return logged_in(None if role == "anonymous" else world["users"][role])


def template_bytes(world, role="editor", slug="phu-tho", year=YEAR):
    response = client_for(world, role).get(f"/entry/{slug}/{year}/template.xlsx")
    assert response.status_code == 200
    return response_bytes(response)


def edit(data, changes=(), sheet="So lieu", action=None):
    """The workbook ``data`` with cell ``changes`` {(code, key) or 'A7': value} made, as a person would in Excel."""
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook[sheet]
    lines = {ws.cell(row=r, column=1).value: r for r in range(TEMPLATE_HEADER_ROW + 1, ws.max_row + 1)}
    for where, value in dict(changes).items():
        ref = f"{COLUMN[where[1]]}{lines[where[0]]}" if isinstance(where, tuple) else where
        ws[ref] = value
    if action:
        action(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, data, slug="phu-tho", year=YEAR, name="mau-nhap.xlsx"):
    return client.post(f"/entry/{slug}/{year}/import/", {"file": SimpleUploadedFile(name, data)})


def outcomes(response):
    preview = response.context["preview"]
    return {
        outcome: sorted(row.code for row in getattr(preview, outcome))
        for outcome in ("new", "changed", "unchanged", "rejected")
    }


def reasons(response):
    return {row.code: row.reason_text for row in response.context["preview"].rejected}


def confirm(client, response, confirmed=(), slug="phu-tho", year=YEAR):
    preview = response.context["preview"]
    data = {"token": response.context["token"], "accept": [row.code for row in preview.accepted]}
    if confirmed:
        data["confirm"] = list(confirmed)
    return client.post(f"/entry/{slug}/{year}/import/confirm/", data)


def stored(world, code, province="phu_tho"):
    return Measurement.objects.get(indicator__code=code, province=world[province], year=YEAR)


# --- the template -------------------------------------------------------------------------------------


def test_the_template_lists_every_indicator_with_what_is_stored(world):
    workbook = load_workbook(io.BytesIO(template_bytes(world)))
    assert workbook.sheetnames == ["So lieu", TEMPLATE_META_SHEET]
    ws = workbook["So lieu"]
    assert [c.value for c in ws[TEMPLATE_HEADER_ROW]][:9] == [
        "Mã chỉ số",
        "Chỉ số",
        "Đơn vị tính",
        "Tử số là",
        "Mẫu số là",
        "Giá trị năm trước",
        "Giá trị",
        "Tử số",
        "Mẫu số",
    ]
    rows = {row[0].value: row for row in ws.iter_rows(min_row=TEMPLATE_HEADER_ROW + 1)}
    assert list(rows) == ["computers", "units-with-lan", "services-online", "level3-services"]
    computers, lan = rows["computers"], rows["units-with-lan"]
    assert [c.value for c in computers[5:7]] == [900, 1000]
    assert computers[6].number_format == "#,##0"
    assert computers[9].value == "Sở TT&TT"
    assert (lan[3].value, lan[7].value, lan[8].value) == ("Tử", 70, 100)
    assert lan[11].value == "Đã phê duyệt"
    assert (computers[12].value, rows["services-online"][12].value) == (1, 0), "the row versions"
    assert ws.freeze_panes == f"C{TEMPLATE_HEADER_ROW + 1}"
    assert ws.page_setup.orientation == "landscape"


def test_only_the_entry_cells_of_editable_figures_are_unlocked(world):
    ws = load_workbook(io.BytesIO(template_bytes(world)))["So lieu"]
    assert ws.protection.sheet is True
    unlocked = {
        ws.cell(row=r, column=1).value: {
            key for key, letter in COLUMN.items() if not ws[f"{letter}{r}"].protection.locked
        }
        for r in range(TEMPLATE_HEADER_ROW + 1, ws.max_row + 1)
    }
    assert unlocked == {
        "computers": {"value", "source", "note"},
        "units-with-lan": set(),  # approved: locked
        "services-online": {"value", "source", "note"},
        "level3-services": {"value", "source", "note"},
    }
    lan_line = TEMPLATE_HEADER_ROW + 2
    fresh = load_workbook(io.BytesIO(template_bytes(world, year=2015)))["So lieu"]
    assert not fresh[f"{COLUMN['numerator']}{lan_line}"].protection.locked, "a ratio takes numerator and denominator"
    assert fresh[f"{COLUMN['value']}{lan_line}"].protection.locked, "and computes its value"


def test_number_cells_carry_excel_data_validation(world):
    ws = load_workbook(io.BytesIO(template_bytes(world, year=2015)))["So lieu"]
    rules = {}
    for validation in ws.data_validations.dataValidation:
        for ref in str(validation.sqref).split():
            rules[ref] = (validation.type, validation.operator, validation.formula1, validation.formula2)
    first = TEMPLATE_HEADER_ROW + 1
    assert rules[f"G{first}"] == ("whole", "greaterThanOrEqual", "0", None)  # computers
    assert rules[f"H{first + 1}"] == ("decimal", "greaterThanOrEqual", "0", None)  # LAN numerator
    assert rules[f"I{first + 1}"] == ("decimal", "greaterThan", "0", None)  # LAN denominator
    assert rules[f"G{first + 2}"] == ("decimal", "between", "0", "100")  # a capped share


def test_a_hidden_sheet_names_the_template_version_unit_and_year(world):
    workbook = load_workbook(io.BytesIO(template_bytes(world)))
    meta_sheet = workbook[TEMPLATE_META_SHEET]
    assert meta_sheet.sheet_state == "hidden"
    meta = {row[0]: row[1] for row in meta_sheet.iter_rows(values_only=True)}
    assert meta["template_version"] == TEMPLATE_VERSION
    assert (meta["province_code"], meta["province_valid_from"], meta["year"]) == ("25", "2008-08-01", "2020")
    assert workbook.security.lockStructure


@pytest.mark.parametrize(
    ("role", "slug", "status"),
    [
        ("anonymous", "phu-tho", 302),
        ("viewer", "phu-tho", 403),
        ("editor", "phu-tho", 200),
        ("approver", "phu-tho", 200),
        ("admin", "phu-tho", 200),
        ("other-editor", "phu-tho", 403),
    ],
)
def test_who_may_download_the_template(world, role, slug, status):
    response = client_for(world, role).get(f"/entry/{slug}/{YEAR}/template.xlsx")
    response_bytes(response)  # read to the end, which closes it as a server would
    assert response.status_code == status


# --- the round trip -------------------------------------------------------------------------------------


def test_download_fill_upload_preview_confirm_and_the_figures_are_saved_with_history(world):
    client = client_for(world, "editor")
    filled = edit(
        template_bytes(world),
        {
            ("computers", "value"): 1200,
            ("services-online", "value"): 95.4,
            ("level3-services", "value"): "12",
            ("level3-services", "source"): "Cổng thông tin điện tử tỉnh",
        },
    )
    before = Measurement.history.count()

    preview = upload(client, filled)
    assert preview.status_code == 200
    assert outcomes(preview) == {
        "new": ["level3-services", "services-online"],
        "changed": ["computers"],
        "unchanged": ["units-with-lan"],
        "rejected": [],
    }
    assert Measurement.history.count() == before, "a preview saves nothing"
    page = preview.content.decode()
    assert "1.000" in page and "1.200" in page

    done = confirm(client, preview)
    assert done.status_code == 302 and done["Location"] == f"/entry/phu-tho/{YEAR}/"
    assert stored(world, "computers").value == D("1200")
    assert stored(world, "services-online").value == D("95.40")
    level3 = stored(world, "level3-services")
    assert (level3.value, level3.source, level3.status) == (D("12"), "Cổng thông tin điện tử tỉnh", "draft")
    assert stored(world, "units-with-lan").version == 1, "the approved figure was not touched"
    new_history = Measurement.history.order_by("-history_id")[:3]
    assert {h.history_change_reason for h in new_history} == {"Nhập từ tệp Excel mau-nhap.xlsx"}
    assert {h.history_user.username for h in new_history} == {"editor"}

    sheet = client.get(f"/entry/phu-tho/{YEAR}/").content.decode()
    assert "Đã nhập 3 số liệu từ tệp mau-nhap.xlsx." in sheet
    assert 'value="1.200"' in sheet and 'value="95,4"' in sheet and 'value="12"' in sheet


def test_a_ratio_is_imported_from_its_numerator_and_denominator(world):
    client = client_for(world, "editor")
    filled = edit(
        template_bytes(world, year=2015), {("units-with-lan", "numerator"): 45, ("units-with-lan", "denominator"): 60}
    )
    preview = upload(client, filled, year=2015)
    assert outcomes(preview)["new"] == ["units-with-lan"]
    confirm(client, preview, year=2015)
    figure = Measurement.objects.get(indicator=world["lan"], province=world["phu_tho"], year=2015)
    assert (figure.value, figure.numerator, figure.denominator) == (D("75.00"), D("45"), D("60"))


def test_numbers_typed_as_text_follow_the_entry_form_rules(world):
    client = client_for(world, "editor")
    filled = edit(template_bytes(world), {("computers", "value"): "1.250", ("services-online", "value"): "95,4"})
    preview = upload(client, filled)
    assert outcomes(preview)["changed"] == ["computers"] and outcomes(preview)["new"] == ["services-online"]
    confirm(client, preview)
    assert stored(world, "computers").value == D("1250")
    assert stored(world, "services-online").value == D("95.4")


# --- rows refused, with their reason ------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "code", "reason"),
    [
        ({("computers", "value"): "=1+1"}, "computers", "Ô G7 (Giá trị) chứa công thức “=1+1”"),
        ({("computers", "value"): "abc"}, "computers", "Giá trị: “abc” không phải là một số."),
        ({("computers", "value"): 12.5}, "computers", "Số lượng phải là số nguyên."),
        ({("services-online", "value"): 120}, "services-online", "Tỷ lệ phải nằm trong khoảng 0–100%."),
        ({("services-online", "note"): "x" * 2001, ("services-online", "value"): 5}, "services-online", "Ghi chú:"),
        ({("units-with-lan", "numerator"): 80}, "units-with-lan", "“Đã phê duyệt” nên không sửa được"),
        (
            {("level3-services", "code"): "khong-co", ("level3-services", "value"): 3},
            "khong-co",
            "Không có chỉ số mã “khong-co”",
        ),
        ({("level3-services", "code"): "computers"}, "computers", "xuất hiện 2 lần trong tệp"),
        ({("level3-services", "source"): "Sở"}, "level3-services", "Có nguồn hoặc ghi chú nhưng chưa có số liệu."),
    ],
)
def test_a_bad_row_is_rejected_with_its_reason_and_nothing_is_saved(world, changes, code, reason):
    client = client_for(world, "editor")
    before = snapshot()
    preview = upload(client, edit(template_bytes(world), changes))
    assert preview.status_code == 200
    assert reason in reasons(preview)[code]
    assert snapshot() == before


def test_a_formula_computed_in_excel_is_seen_as_a_formula(world):
    def formula(workbook):
        ws = workbook["So lieu"]
        ws[f"G{TEMPLATE_HEADER_ROW + 1}"] = "=SUM(1,2)"  # openpyxl stores it as a formula cell

    preview = upload(client_for(world, "editor"), edit(template_bytes(world), action=formula))
    assert "chứa công thức “=SUM(1,2)”" in reasons(preview)["computers"]


def test_a_submitted_figure_cannot_be_changed_by_import(world):
    figure = stored(world, "computers")
    workflow.submit(world["users"]["editor"], figure)
    preview = upload(client_for(world, "editor"), edit(template_bytes(world), {("computers", "value"): 1100}))
    assert "“Đã gửi duyệt” nên không sửa được" in reasons(preview)["computers"]


def test_rejected_rows_are_skipped_and_the_rest_applied_together(world):
    client = client_for(world, "editor")
    filled = edit(
        template_bytes(world),
        {("computers", "value"): "abc", ("services-online", "value"): 50, ("units-with-lan", "numerator"): 90},
    )
    preview = upload(client, filled)
    assert outcomes(preview)["rejected"] == ["computers", "units-with-lan"]
    confirm(client, preview)
    assert stored(world, "services-online").value == 50
    assert stored(world, "computers").value == 1000
    assert stored(world, "units-with-lan").numerator == 70


def test_a_big_jump_is_refused_unless_confirmed_on_the_preview(world):
    client = client_for(world, "editor")
    filled = edit(template_bytes(world), {("computers", "value"): 9000})  # 10× last year's 900
    preview = upload(client, filled)
    assert "chênh lệch lớn so với năm trước (900)" in reasons(preview)["computers"]
    assert [row.code for row in preview.context["preview"].confirmable] == ["computers"]
    assert 'name="confirm" value="computers"' in preview.content.decode()

    nothing = confirm(client, preview)  # the box left unticked
    assert nothing.status_code == 400
    assert stored(world, "computers").value == 1000

    done = confirm(client, preview, confirmed=["computers"])
    assert done.status_code == 302
    assert stored(world, "computers").value == 9000


# --- conflicts ----------------------------------------------------------------------------------------


def test_a_figure_changed_after_the_template_was_downloaded_is_a_conflict(world):
    client = client_for(world, "editor")
    template = template_bytes(world)
    workflow.save_values(world["users"]["editor"], stored(world, "computers"), {"value": D(1100)})
    preview = upload(client, edit(template, {("computers", "value"): 1200}))
    assert "đã được thay đổi sau khi tải mẫu (phiên bản trong tệp 1, hiện tại 2)" in reasons(preview)["computers"]


def test_a_figure_changed_between_preview_and_confirmation_is_not_overwritten(world):
    client = client_for(world, "editor")
    preview = upload(client, edit(template_bytes(world), {("computers", "value"): 1200}))
    assert outcomes(preview)["changed"] == ["computers"]
    workflow.save_values(world["users"]["editor"], stored(world, "computers"), {"value": D(1100)})
    before = snapshot()

    response = confirm(client, preview)
    assert response.status_code == 409
    assert "Số liệu đã thay đổi từ lúc xem trước" in response.content.decode()
    assert outcomes(response)["rejected"] == ["computers"]
    assert snapshot() == before
    assert stored(world, "computers").value == 1100


def test_an_unknown_or_expired_token_imports_nothing(world):
    client = client_for(world, "editor")
    before = snapshot()
    response = client.post(f"/entry/phu-tho/{YEAR}/import/confirm/", {"token": "forged", "accept": ["computers"]})
    assert response.status_code == 302 and response["Location"] == f"/entry/phu-tho/{YEAR}/import/"
    assert snapshot() == before


def test_a_token_from_one_province_cannot_be_confirmed_for_another(world):
    world["users"]["editor"].memberships.create(province=world["lao_cai"], role=Membership.Role.EDITOR)
    client = client_for(world, "editor")
    preview = upload(client, edit(template_bytes(world), {("computers", "value"): 1200}))
    before = snapshot()
    response = confirm(client, preview, slug="lao-cai")
    assert response.status_code == 302 and "/lao-cai/" in response["Location"]
    assert snapshot() == before


# --- whole files refused --------------------------------------------------------------------------------


def zip_of(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb(size):
    """A valid-looking .xlsx skeleton with one part that is ``size`` bytes of zeros (it compresses ~1000×)."""
    return zip_of(
        {
            "[Content_Types].xml": "<Types/>",
            "xl/workbook.xml": "<workbook/>",
            "xl/worksheets/sheet1.xml": b"\0" * size,
        }
    )


def plain_workbook():
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Mã chỉ số"
    workbook.save(buffer)
    return buffer.getvalue()


def set_meta(key, value):
    def action(workbook):
        ws = workbook[TEMPLATE_META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == key:
                row[1].value = value

    return action


def remove_column(letter):
    def action(workbook):
        ws = workbook["So lieu"]
        ws.delete_cols(ord(letter) - ord("A") + 1)

    return action


def add_column(workbook):
    ws = workbook["So lieu"]
    ws.cell(row=TEMPLATE_HEADER_ROW, column=len(TEMPLATE_KEYS) + 1, value="Cột thêm")


def many_rows(workbook):
    ws = workbook["So lieu"]
    for line in range(TEMPLATE_HEADER_ROW + 1, TEMPLATE_HEADER_ROW + 300):
        ws.cell(row=line, column=1, value=f"ma-{line}")


BAD_FILES = {
    "random bytes": (lambda t: os.urandom(4096), "không phải là tệp Excel .xlsx"),
    "a text file": (lambda t: "Mã chỉ số;Giá trị\ncomputers;1200\n".encode(), "không phải là tệp Excel .xlsx"),
    "an .xls-era file": (lambda t: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "không phải là tệp Excel .xlsx"),
    "a truncated template": (lambda t: t[: len(t) // 2], "bị hỏng hoặc không đầy đủ"),
    "a zip that is not a workbook": (lambda t: zip_of({"word/document.xml": "<w/>"}), "không phải là tệp Excel .xlsx"),
    "a broken workbook part": (
        lambda t: zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "not xml"}),
        "bị hỏng hoặc không đọc được",
    ),
    "a zip bomb past the size limit": (lambda t: zip_bomb(30 * 1024 * 1024), "khi giải nén lớn bất thường"),
    "a zip bomb under the limit but absurdly compressed": (
        lambda t: zip_bomb(8 * 1024 * 1024),
        "giải nén lớn bất thường",
    ),
    "some other workbook": (lambda t: plain_workbook(), "không phải mẫu nhập số liệu của hệ thống"),
    "an old template version": (
        lambda t: edit(t, action=set_meta("template_version", "mau-nhap-2019.1")),
        "mẫu phiên bản cũ (“mau-nhap-2019.1”)",
    ),
    "another year's template": (
        lambda t: edit(t, action=set_meta("year", "2019")),
        "là mẫu của Tỉnh Phú Thọ năm 2019, không phải của Tỉnh Phú Thọ năm 2020",
    ),
    "a column removed": (lambda t: edit(t, action=remove_column("K")), "thiếu cột “Ghi chú”"),
    "a column added": (lambda t: edit(t, action=add_column), "có cột lạ “Cột thêm”"),
    "hundreds of rows": (lambda t: edit(t, action=many_rows), "Tệp có quá nhiều dòng"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(world, case):
    build, message = BAD_FILES[case]
    data = build(template_bytes(world))
    before = snapshot()
    response = upload(client_for(world, "editor"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "preview" not in response.context
    assert snapshot() == before


def test_another_provinces_template_is_refused(world):
    other = template_bytes(world, "other-editor", "lao-cai")
    response = upload(client_for(world, "editor"), other)
    assert response.status_code == 400
    assert "là mẫu của Tỉnh Lào Cai năm 2020, không phải của Tỉnh Phú Thọ năm 2020" in response.content.decode()


def test_an_oversized_upload_is_refused_before_it_is_read(world, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    data = template_bytes(world)
    assert len(data) > 1000
    response = upload(client_for(world, "editor"), data)
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()


def test_the_unzipped_limit_is_a_setting(world, settings):
    data = template_bytes(world)
    settings.IMPORT_MAX_UNZIPPED_BYTES = 2000
    response = upload(client_for(world, "editor"), data)
    assert "khi giải nén lớn bất thường" in response.content.decode()


def test_a_template_made_in_english_imports_too(world):
    client = client_for(world, "editor")
    client.cookies["django_language"] = "en"
    english = template_bytes_with(client)
    client.cookies["django_language"] = "vi"
    preview = upload(client, edit(english, {("computers", "value"): 1200}))
    assert outcomes(preview)["changed"] == ["computers"]


def template_bytes_with(client):
    return response_bytes(client.get(f"/entry/phu-tho/{YEAR}/template.xlsx"))


# --- roles ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("viewer", 403), ("approver", 403), ("other-editor", 403)]
)
def test_only_the_provinces_editors_may_import(world, role, status):
    data = edit(template_bytes(world), {("computers", "value"): 1200})
    before = snapshot()
    client = client_for(world, role)
    assert client.get(f"/entry/phu-tho/{YEAR}/import/").status_code == status
    assert upload(client, data).status_code == status
    assert (
        client.post(f"/entry/phu-tho/{YEAR}/import/confirm/", {"token": "x", "accept": ["computers"]}).status_code
        == status
    )
    assert snapshot() == before


def test_an_admin_may_import_for_any_province(world):
    client = client_for(world, "admin")
    preview = upload(client, edit(template_bytes(world, "admin"), {("computers", "value"): 1200}))
    confirm(client, preview)
    assert stored(world, "computers").value == 1200


def test_the_upload_page_explains_the_steps(world):
    page = client_for(world, "editor").get(f"/entry/phu-tho/{YEAR}/import/").content.decode()
    assert f"/entry/phu-tho/{YEAR}/template.xlsx" in page
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page


def test_the_entry_pages_link_to_the_excel_tools(world):
    editor = client_for(world, "editor")
    sheet = editor.get(f"/entry/phu-tho/{YEAR}/").content.decode()
    for text in ("Tải mẫu Excel", "Nhập từ Excel", "Tải báo cáo định kỳ"):
        assert text in sheet
    assert f"/reports/phu-tho/{YEAR}.xlsx" in editor.get("/entry/phu-tho/").content.decode()
    viewer_sheet = client_for(world, "viewer").get(f"/entry/phu-tho/{YEAR}/").content.decode()
    assert "Tải báo cáo định kỳ" in viewer_sheet and "Nhập từ Excel" not in viewer_sheet


def test_the_history_reason_is_vietnamese_whatever_the_interface_language(world):
    client = client_for(world, "editor")
    client.cookies["django_language"] = "en"
    preview = upload(client, edit(template_bytes(world), {("computers", "value"): 1200}))
    confirm(client, preview)
    assert Measurement.history.latest("history_id").history_change_reason == "Nhập từ tệp Excel mau-nhap.xlsx"
