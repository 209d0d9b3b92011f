"""What two people working at once, or a hostile input, must never cause: a 500, a lost typing, an
approval of a value nobody saw, an admin save over someone's newer figure."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from entry import sheets
from indicators import workflow
from indicators.models import Indicator, Measurement, Target, TaskReport, WorkflowStatus
from provinces.models import Membership
from tests.entry_helpers import sheet_post, sheet_url
from tests.factories import logged_in, make_directive, make_indicator, make_measurement, make_province, make_user

YEAR = 2020


@pytest.fixture
def setup(db):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    computers = make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    return {
        "province": province,
        "computers": computers,
        "editor": make_user("editor", Membership.Role.EDITOR, [province]),
        "other-editor": make_user("other-editor", Membership.Role.EDITOR, [province]),
        "approver": make_user("approver", Membership.Role.APPROVER, [province]),
        "other-approver": make_user("other-approver", Membership.Role.APPROVER, [province]),
        "admin": make_user("admin", superuser=True),
    }


def page_text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def post_sheet(setup, who, action, values=None, **extra):
    province = setup["province"]
    return logged_in(setup[who]).post(sheet_url(province, YEAR), sheet_post(province, YEAR, action, values, **extra))


# --- locks and concurrent inserts -------------------------------------------------------------------


def test_it_locks_only_the_figures_rows_when_saving_a_sheet(setup):
    if not connection.features.has_select_for_update_of:
        pytest.skip("SQLite locks the whole database; row locks are PostgreSQL's")
    make_measurement(setup["computers"], setup["province"], YEAR, 10, status=WorkflowStatus.DRAFT)
    with CaptureQueriesContext(connection) as queries:
        response = post_sheet(setup, "editor", "save", {"computers": {"value": "12"}})
    assert response.status_code == 302
    locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert locking, "the sheet locks the figures it saves"
    for sql in locking:
        assert re.search(r'FOR UPDATE OF "indicators_(measurement|taskreport)"$', sql), sql


@pytest.mark.django_db(transaction=True)
def test_a_second_writer_of_the_same_sheet_waits_for_the_first_and_other_sheets_do_not(setup):
    """The load test's deadlocks (8 editors on one sheet): writers of one sheet now run one at a time."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time already")
    import psycopg2

    province = setup["province"]
    first = psycopg2.connect(**connection.get_connection_params())
    try:
        with first.cursor() as cursor:  # another request, in the middle of saving this sheet
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [province.pk, YEAR])
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '300ms'")
            workflow.lock_sheet(province, YEAR - 1)  # another year of the unit: no wait
        with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '300ms'")
            workflow.lock_sheet(province, YEAR)
    finally:
        first.rollback()
        first.close()
    with transaction.atomic():
        workflow.lock_sheet(province, YEAR)  # the first one ended: the sheet is free again


def test_it_shows_the_conflict_when_someone_saves_the_same_new_figure_first(setup, monkeypatch):
    """The other editor's insert lands between this sheet's read and its own insert."""
    real_load_sheet = sheets.load_sheet
    calls = []

    def load_then_someone_saves(*args, **kwargs):
        sheet = real_load_sheet(*args, **kwargs)
        if not calls:
            figure = Measurement.objects.new(
                indicator=setup["computers"], province=setup["province"], year=YEAR, version=0
            )
            workflow.save_values(setup["other-editor"], figure, {"value": 77})
        calls.append(sheet)
        return sheet

    monkeypatch.setattr(sheets, "load_sheet", load_then_someone_saves)
    response = post_sheet(setup, "editor", "save", {"computers": {"value": "55"}})

    assert response.status_code == 200
    assert "vừa được người khác thay đổi" in page_text(response)
    assert Measurement.objects.get().value == 77, "their figure stays"
    assert 'value="55"' in response.content.decode(), "what this editor typed is shown again"


def test_an_import_racing_a_first_save_shows_the_fresh_preview(setup, monkeypatch):
    from entry import importer

    client = logged_in(setup["editor"])
    data = _template(client, setup)
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook["So lieu"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "computers")
    ws.cell(row=row, column=7).value = 55
    preview = client.post(f"/entry/phu-tho/{YEAR}/import/", {"file": SimpleUploadedFile("m.xlsx", _saved(workbook))})
    assert [r.code for r in preview.context["preview"].accepted] == ["computers"]

    real_build = importer.build_preview

    def build_then_someone_saves(*args, lock=False, **kwargs):
        result = real_build(*args, lock=lock, **kwargs)
        if lock and not Measurement.objects.exists():
            figure = Measurement.objects.new(
                indicator=setup["computers"], province=setup["province"], year=YEAR, version=0
            )
            workflow.save_values(setup["other-editor"], figure, {"value": 77})
        return result

    monkeypatch.setattr(importer, "build_preview", build_then_someone_saves)
    response = client.post(
        f"/entry/phu-tho/{YEAR}/import/confirm/", {"token": preview.context["token"], "accept": ["computers"]}
    )
    assert response.status_code == 409, "the fresh preview, not a server error"
    assert "đã thay đổi" in page_text(response)
    assert not Measurement.objects.filter(value=55).exists()


# --- the approver acts only on the value they saw -------------------------------------------------


def _resubmitted_meanwhile(setup):
    """Submitted at 10; the approver's page is built; another approver returns it, the editor resubmits 99."""
    figure = make_measurement(setup["computers"], setup["province"], YEAR, 10, status=WorkflowStatus.SUBMITTED)
    seen = sheet_post(setup["province"], YEAR, "approve", selected=["computers"])
    workflow.return_to_editor(setup["other-approver"], figure, "Kiểm tra lại")
    workflow.save_values(setup["editor"], figure, {"value": 99})
    workflow.submit(setup["editor"], figure)
    return seen


def test_a_stale_approve_is_refused_with_the_conflict_screen(setup):
    seen = _resubmitted_meanwhile(setup)
    response = logged_in(setup["approver"]).post(sheet_url(setup["province"], YEAR), seen)
    assert response.status_code == 200
    assert "đã thay đổi từ lúc bạn mở trang" in page_text(response)
    assert Measurement.objects.get().status == WorkflowStatus.SUBMITTED, "99 was never seen: not approved"


def test_a_stale_return_is_refused_with_the_conflict_screen(setup):
    seen = _resubmitted_meanwhile(setup)
    seen.update(action="return", reason="Sai")
    response = logged_in(setup["approver"]).post(sheet_url(setup["province"], YEAR), seen)
    assert "đã thay đổi từ lúc bạn mở trang" in page_text(response)
    assert Measurement.objects.get().status == WorkflowStatus.SUBMITTED


def test_a_stale_reopen_is_refused_with_the_conflict_screen(setup):
    figure = make_measurement(setup["computers"], setup["province"], YEAR, 10, status=WorkflowStatus.APPROVED)
    seen = sheet_post(setup["province"], YEAR, "reopen", selected=["computers"], reason="Sửa")
    workflow.reopen(setup["other-approver"], figure, "Sửa")
    workflow.save_values(setup["editor"], figure, {"value": 99})
    workflow.submit(setup["editor"], figure)
    workflow.approve(setup["other-approver"], figure)
    response = logged_in(setup["approver"]).post(sheet_url(setup["province"], YEAR), seen)
    assert "đã thay đổi từ lúc bạn mở trang" in page_text(response)
    assert Measurement.objects.get().status == WorkflowStatus.APPROVED


def test_the_approvers_page_posts_the_version_of_each_row(setup):
    make_measurement(setup["computers"], setup["province"], YEAR, 10, status=WorkflowStatus.SUBMITTED, version=4)
    response = logged_in(setup["approver"]).get(sheet_url(setup["province"], YEAR))
    field = re.search(r'<input[^>]*name="m-computers-version"[^>]*>', response.content.decode()).group(0)
    assert 'value="4"' in field
    assert "disabled" not in field, "a disabled input is not sent by the browser"


def test_a_fresh_approve_still_works(setup):
    make_measurement(setup["computers"], setup["province"], YEAR, 10, status=WorkflowStatus.SUBMITTED)
    response = post_sheet(setup, "approver", "approve", selected=["computers"])
    assert response.status_code == 302
    assert Measurement.objects.get().status == WorkflowStatus.APPROVED


# --- reasons go through their form --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "message"),
    [("Sai\x00số", "null"), ("x" * 1001, "1000")],
    ids=["nul-byte", "too-long"],
)
def test_a_return_reason_is_checked_by_its_form(setup, reason, message):
    make_measurement(setup["computers"], setup["province"], YEAR, 10, status=WorkflowStatus.SUBMITTED)
    response = post_sheet(setup, "approver", "return", selected=["computers"], reason=reason)
    assert response.status_code == 200
    assert Measurement.objects.get().status == WorkflowStatus.SUBMITTED
    assert response.context["sheet"].errors, "the refusal is explained"
    assert any(message in str(error).lower() for error in response.context["sheet"].errors)


# --- numbers beyond the column ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1E+1000000", "không phải là một số"),
        ("1.000.000.000.000.000", "Số quá lớn"),
        ("99999999999999999999999999999999999999", "Số quá lớn"),
    ],
)
def test_a_number_beyond_the_column_is_explained_in_the_sheet(setup, typed, message):
    response = post_sheet(setup, "editor", "save", {"computers": {"value": typed}})
    assert response.status_code == 200
    assert message in page_text(response)
    assert not Measurement.objects.exists()


def _template(client, setup):
    from tests.excel_helpers import response_bytes

    return response_bytes(client.get(f"/entry/phu-tho/{YEAR}/template.xlsx"))


def _saved(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_raw_cell(data, code, raw):
    """The workbook with the Giá trị cell of ``code`` holding ``raw`` as Excel stores a number: <v>raw</v>."""
    workbook = load_workbook(io.BytesIO(data))
    ws = workbook["So lieu"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == code)
    ws.cell(row=row, column=7).value = 123456789
    source = zipfile.ZipFile(io.BytesIO(_saved(workbook)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = content.replace(b"<v>123456789</v>", f"<v>{raw}</v>".encode())
            target.writestr(item, content)
    return out.getvalue()


@pytest.mark.parametrize("raw", ["1E+1000000", "1E+300", "-1E+16"])
def test_a_number_beyond_the_column_in_a_template_cell_is_explained(setup, raw):
    client = logged_in(setup["editor"])
    data = _with_raw_cell(_template(client, setup), "computers", raw)
    response = client.post(f"/entry/phu-tho/{YEAR}/import/", {"file": SimpleUploadedFile("m.xlsx", data)})
    assert response.status_code in (200, 400)
    text = page_text(response)
    assert "Số quá lớn" in text or "không phải là một số" in text
    assert not Measurement.objects.exists()


def test_a_huge_number_in_the_admin_is_explained(setup, settings):
    figure = make_measurement(setup["computers"], setup["province"], YEAR, 10, status=WorkflowStatus.DRAFT)
    client = logged_in(setup["admin"])
    response = client.post(
        f"/admin/indicators/measurement/{figure.pk}/change/", _admin_data(figure, value="1E+1000000")
    )
    assert response.status_code == 200
    assert Measurement.objects.get().value == 10


# --- the admin's change form checks the version ----------------------------------------------------


def _admin_data(figure, **changes):
    data = {
        "indicator": figure.indicator_id,
        "province": figure.province_id,
        "year": figure.year,
        "value": str(figure.value),
        "numerator": "",
        "denominator": "",
        "status": figure.status,
        "return_reason": figure.return_reason,
        "source": figure.source,
        "source_file": "",
        "note": figure.note,
        "year_note": "",
        "seen_version": str(figure.version),
        "_save": "Save",
    }
    data.update(changes)
    return data


def test_the_admin_refuses_to_save_over_a_newer_figure(setup):
    figure = make_measurement(setup["computers"], setup["province"], YEAR, 10, status=WorkflowStatus.DRAFT)
    client = logged_in(setup["admin"])
    form_page = client.get(f"/admin/indicators/measurement/{figure.pk}/change/")
    seen = re.search(r'name="seen_version" value="(\d+)"', form_page.content.decode()).group(1)
    workflow.save_values(setup["editor"], figure, {"value": 20})  # the editor saves meanwhile

    response = client.post(
        f"/admin/indicators/measurement/{figure.pk}/change/", _admin_data(figure, value="30", seen_version=seen)
    )
    assert response.status_code == 200
    assert "người khác thay đổi" in page_text(response)
    assert Measurement.objects.get().value == 20, "the editor's newer save stays"


def test_the_admin_saves_when_nobody_changed_the_figure(setup):
    figure = make_measurement(setup["computers"], setup["province"], YEAR, 10, status=WorkflowStatus.DRAFT)
    response = logged_in(setup["admin"]).post(
        f"/admin/indicators/measurement/{figure.pk}/change/", _admin_data(figure, value="30")
    )
    assert response.status_code == 302
    stored = Measurement.objects.get()
    assert (stored.value, stored.version) == (30, figure.version + 1)


def test_the_admin_refuses_a_stale_task_report_too(setup):
    directive = make_directive(province=setup["province"], tasks=1)
    task = directive.tasks.first()
    report = TaskReport.objects.create(task=task, province=setup["province"], year=YEAR, progress="done", version=3)
    data = {
        "task": task.pk,
        "province": setup["province"].pk,
        "year": YEAR,
        "progress": "done",
        "narrative": "Đổi",
        "status": report.status,
        "return_reason": "",
        "seen_version": "2",
        "_save": "Save",
    }
    response = logged_in(setup["admin"]).post(f"/admin/indicators/taskreport/{report.pk}/change/", data)
    assert response.status_code == 200
    assert "người khác thay đổi" in page_text(response)
    assert TaskReport.objects.get().narrative == ""


# --- uploads and the demo loader ---------------------------------------------------------------------


def test_a_macro_enabled_workbook_is_refused(setup):
    client = logged_in(setup["editor"])
    source = zipfile.ZipFile(io.BytesIO(_template(client, setup)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    response = client.post(f"/entry/phu-tho/{YEAR}/import/", {"file": SimpleUploadedFile("m.xlsx", out.getvalue())})
    assert response.status_code == 400
    assert "macro" in page_text(response)


def test_load_demo_users_refuses_before_writing_anything_on_production_settings(setup, settings):
    settings.DEBUG = False
    make_measurement(setup["computers"], setup["province"], YEAR - 1, 5)
    before = (Measurement.objects.count(), Target.objects.count())
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", users=True, verbosity=0)
    assert (Measurement.objects.count(), Target.objects.count()) == before
