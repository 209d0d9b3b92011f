"""The data-entry page: validation next to the field, the workflow, conflicts, history, query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator, Measurement, TaskReport, WorkflowStatus
from provinces.models import Membership
from tests.entry_helpers import sheet_post, sheet_url, snapshot
from tests.factories import (
    logged_in,
    make_directive,
    make_indicator,
    make_measurement,
    make_province,
    make_user,
)

YEAR = 2020


@pytest.fixture
def setup(db):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    lan = make_indicator(code="units-with-lan")  # a ratio: numerator / denominator
    online = make_indicator(code="services-online", ratio=False)  # a plain percentage
    computers = make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    editor = make_user("editor", Membership.Role.EDITOR, [province])
    approver = make_user("approver", Membership.Role.APPROVER, [province])
    return {
        "province": province,
        "lan": lan,
        "online": online,
        "computers": computers,
        "editor": editor,
        "approver": approver,
    }


def client_as(user):
    return logged_in(user)


def post(client, setup, action, values=None, **extra):
    province = setup["province"]
    return client.post(sheet_url(province, YEAR), sheet_post(province, YEAR, action, values=values, **extra))


def errors_of(response, code, field):
    form = next(row.form for row in response.context["sheet"].rows if row.indicator.code == code)
    return form.errors.get(field, [])


# Bad input and the message the form gives beside the field; the write API refuses the same (tests/test_api_write.py).
BAD_FIGURES = [
    ("computers", {"value": "năm mươi"}, "value", "“năm mươi” không phải là một số."),
    ("computers", {"value": "-5"}, "value", "Giá trị không được âm."),
    ("computers", {"value": "12,5"}, "value", "Số lượng phải là số nguyên."),
    ("services-online", {"value": "120"}, "value", "Tỷ lệ phải nằm trong khoảng 0–100%."),
    (
        "units-with-lan",
        {"numerator": "60", "denominator": "50"},
        "numerator",
        "Tử số (60) không được lớn hơn mẫu số (50).",
    ),
    ("units-with-lan", {"numerator": "5", "denominator": "0"}, "denominator", "Mẫu số phải lớn hơn 0."),
    ("units-with-lan", {"numerator": "5"}, "denominator", "Nhập cả mẫu số khi đã nhập tử số."),
]


@pytest.mark.parametrize(("code", "values", "field", "message"), BAD_FIGURES)
def test_bad_input_gets_its_message_next_to_the_field_and_saves_nothing(setup, code, values, field, message):
    other = {"computers": {"value": "1.234"}} if code != "computers" else {"services-online": {"value": "50"}}
    response = post(client_as(setup["editor"]), setup, "save", values={code: values, **other})
    assert response.status_code == 200
    assert message in errors_of(response, code, field)
    assert Measurement.objects.count() == 0, "a page with an error saves nothing, not even the good rows"
    html = response.content.decode()
    for text in values.values():
        assert f'value="{text}"' in html, "what was typed is shown again"


def test_messages_follow_the_interface_language(setup):
    client = client_as(setup["editor"])
    client.cookies["django_language"] = "en"
    response = post(client, setup, "save", values={"computers": {"value": "-5"}})
    assert response.status_code == 200
    assert errors_of(response, "computers", "value") == ["The value cannot be negative."]
    assert "Save draft" in response.content.decode()


def test_a_ratio_is_computed_from_numerator_and_denominator(setup):
    response = post(
        client_as(setup["editor"]), setup, "save", values={"units-with-lan": {"numerator": "89", "denominator": "100"}}
    )
    assert response.status_code == 302
    figure = Measurement.objects.get(indicator=setup["lan"])
    assert (figure.value, figure.numerator, figure.denominator) == (Decimal("89.00"), 89, 100)
    assert figure.status == WorkflowStatus.DRAFT
    assert figure.updated_by == setup["editor"]


def test_numbers_are_read_the_vietnamese_way(setup):
    post(
        client_as(setup["editor"]),
        setup,
        "save",
        values={"computers": {"value": "55.802"}, "services-online": {"value": "95,4"}},
    )
    assert Measurement.objects.get(indicator=setup["computers"]).value == Decimal("55802")
    assert Measurement.objects.get(indicator=setup["online"]).value == Decimal("95.4")


def test_a_big_jump_from_last_year_asks_for_confirmation_then_saves(setup):
    make_measurement(setup["computers"], setup["province"], YEAR - 1, 1000)
    client = client_as(setup["editor"])
    response = post(client, setup, "save", values={"computers": {"value": "9000"}})
    assert response.status_code == 200
    assert any("chênh lệch lớn so với năm trước (1.000)" in e for e in errors_of(response, "computers", "value"))
    assert not Measurement.objects.filter(year=YEAR).exists()

    response = post(client, setup, "save", values={"computers": {"value": "9000", "confirm_jump": "on"}})
    assert response.status_code == 302
    assert Measurement.objects.get(year=YEAR).value == 9000


def test_a_year_outside_the_directives_period_is_refused(setup):
    client = client_as(setup["editor"])
    response = client.get(sheet_url(setup["province"], 1995))
    assert response.status_code == 404
    assert "nằm ngoài giai đoạn của các văn bản chỉ đạo" in response.content.decode()
    response = client.post(sheet_url(setup["province"], 1995), sheet_post(setup["province"], 1995, "save"))
    assert response.status_code == 404
    assert Measurement.objects.count() == 0


def test_a_legacy_unit_cannot_report_a_year_after_the_merger(setup):
    response = client_as(setup["editor"]).get(sheet_url(setup["province"], 2025))
    assert response.status_code == 404


def test_a_tampered_form_naming_an_unknown_indicator_saves_nothing(setup):
    data = sheet_post(setup["province"], YEAR, "save", values={"computers": {"value": "10"}})
    data["m-no-such-indicator-value"] = "50"
    data["m-no-such-indicator-version"] = "0"
    response = client_as(setup["editor"]).post(sheet_url(setup["province"], YEAR), data)
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()
    assert Measurement.objects.count() == 0


def test_a_tampered_selection_is_refused(setup):
    make_measurement(
        setup["lan"], setup["province"], YEAR, 50, status=WorkflowStatus.SUBMITTED, numerator=1, denominator=2
    )
    data = sheet_post(setup["province"], YEAR, "approve", selected=["units-with-lan", "ghost"])
    response = client_as(setup["approver"]).post(sheet_url(setup["province"], YEAR), data)
    assert response.status_code == 400
    assert Measurement.objects.get().status == WorkflowStatus.SUBMITTED


def test_a_form_posted_to_another_province_is_refused(setup):
    other = make_province(name="Tỉnh Yên Bái", slug="yen-bai")
    before = snapshot()
    response = client_as(setup["editor"]).post(
        sheet_url(other, YEAR), sheet_post(other, YEAR, "save", values={"computers": {"value": "5"}})
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_the_full_workflow_submit_return_fix_approve_reopen(setup):
    editor, approver = client_as(setup["editor"]), client_as(setup["approver"])
    post(
        editor,
        setup,
        "submit",
        values={"computers": {"value": "100"}, "units-with-lan": {"numerator": "8", "denominator": "10"}},
    )
    assert set(Measurement.objects.values_list("status", flat=True)) == {WorkflowStatus.SUBMITTED}

    # submitted figures are read-only for the editor
    response = post(editor, setup, "save", values={"computers": {"value": "999"}})
    assert Measurement.objects.get(indicator=setup["computers"]).value == 100

    response = post(approver, setup, "return", selected=["computers"], reason="")
    assert response.status_code == 200
    assert "Cần nêu lý do." in response.content.decode()
    post(approver, setup, "return", selected=["computers"], reason="Số máy tính chưa khớp báo cáo của Cục Thống kê")
    post(approver, setup, "approve", selected=["units-with-lan"])
    computers = Measurement.objects.get(indicator=setup["computers"])
    assert computers.status == WorkflowStatus.RETURNED

    page = editor.get(sheet_url(setup["province"], YEAR)).content.decode()
    assert "Số máy tính chưa khớp báo cáo của Cục Thống kê" in page, "the editor sees what was returned and why"

    post(editor, setup, "submit", values={"computers": {"value": "120"}})
    post(approver, setup, "approve", selected=["computers"])
    assert set(Measurement.objects.values_list("status", flat=True)) == {WorkflowStatus.APPROVED}

    # approved figures are locked: the editor's change is ignored
    post(editor, setup, "save", values={"computers": {"value": "1"}})
    assert Measurement.objects.get(indicator=setup["computers"]).value == 120

    post(approver, setup, "reopen", selected=["computers"], reason="Sửa theo số liệu mới")
    reopened = Measurement.objects.get(indicator=setup["computers"])
    assert reopened.status == WorkflowStatus.RETURNED
    assert reopened.return_reason == "Sửa theo số liệu mới"


def test_approving_a_figure_that_was_not_submitted_changes_nothing(setup):
    make_measurement(setup["computers"], setup["province"], YEAR, 5, status=WorkflowStatus.DRAFT)
    response = post(client_as(setup["approver"]), setup, "approve", selected=["computers"])
    assert response.status_code == 200
    assert "Chỉ phê duyệt được số liệu đã gửi duyệt." in response.content.decode()
    assert Measurement.objects.get().status == WorkflowStatus.DRAFT


def test_history_records_who_when_old_new_status_and_reason(setup):
    editor, approver = client_as(setup["editor"]), client_as(setup["approver"])
    post(editor, setup, "save", values={"computers": {"value": "100"}})
    post(editor, setup, "submit", values={"computers": {"value": "110"}})
    post(approver, setup, "return", selected=["computers"], reason="Kiểm tra lại")

    figure = Measurement.objects.get()
    history = list(figure.history.order_by("history_date", "history_id"))
    assert [h.value for h in history] == [100, 110, 110, 110]
    assert [h.status for h in history] == ["draft", "draft", "submitted", "returned"]
    assert [h.history_user.username for h in history] == ["editor", "editor", "editor", "approver"]
    assert history[-1].history_change_reason == "Trả lại: Kiểm tra lại"

    page = editor.get(f"/entry/phu-tho/{YEAR}/history/computers/").content.decode()
    assert "Trả lại: Kiểm tra lại" in page
    assert "100 → 110" in page


def test_a_second_save_over_someone_elses_does_not_silently_overwrite(setup):
    first = client_as(setup["editor"])
    second_user = make_user("editor2", Membership.Role.EDITOR, [setup["province"]])
    second = client_as(second_user)
    # both open the page while nothing is stored
    stale = sheet_post(setup["province"], YEAR, "save", values={"computers": {"value": "200"}})
    post(first, setup, "save", values={"computers": {"value": "100"}})

    response = second.post(sheet_url(setup["province"], YEAR), stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "vừa được người khác thay đổi" in html
    assert ">100<" in html, "the other person's value is shown"
    assert 'value="200"' in html, "and this person's typed value is kept"
    assert Measurement.objects.get().value == 100

    # the re-rendered form now carries the stored version: choosing "mine" saves it knowingly
    row = next(r for r in response.context["sheet"].rows if r.indicator.code == "computers")
    chosen = dict(stale)
    chosen["m-computers-version"] = row.form.data["m-computers-version"]
    chosen["m-computers-resolve"] = "mine"
    assert second.post(sheet_url(setup["province"], YEAR), chosen).status_code == 302
    assert Measurement.objects.get().value == 200


def test_choosing_their_value_keeps_it(setup):
    stale = sheet_post(setup["province"], YEAR, "save", values={"computers": {"value": "200"}})
    post(client_as(setup["editor"]), setup, "save", values={"computers": {"value": "100"}})
    stale["m-computers-resolve"] = "theirs"
    second = client_as(make_user("editor2", Membership.Role.EDITOR, [setup["province"]]))
    assert second.post(sheet_url(setup["province"], YEAR), stale).status_code == 302
    assert Measurement.objects.get().value == 100


def test_qualitative_task_reports_follow_the_same_workflow(setup):
    directive = make_directive(province=setup["province"], tasks=2)
    task = directive.tasks.get(number="1")
    data = sheet_post(setup["province"], YEAR, "submit")
    data.update(
        {
            f"t-{task.pk}-version": "0",
            f"t-{task.pk}-progress": "in_progress",
            f"t-{task.pk}-narrative": "Đã triển khai ở 5/13 huyện",
        }
    )
    other = directive.tasks.get(number="2")
    data[f"t-{other.pk}-version"] = "0"
    response = client_as(setup["editor"]).post(sheet_url(setup["province"], YEAR), data)
    assert response.status_code == 302
    report = TaskReport.objects.get()
    assert (report.progress, report.status, report.narrative) == (
        "in_progress",
        "submitted",
        "Đã triển khai ở 5/13 huyện",
    )

    data = sheet_post(setup["province"], YEAR, "approve")
    data["selected"] = [f"t-{task.pk}"]
    client_as(setup["approver"]).post(sheet_url(setup["province"], YEAR), data)
    report.refresh_from_db()
    assert report.status == WorkflowStatus.APPROVED
    assert report.history.count() == 3


def test_the_overview_shows_what_is_missing_draft_submitted_approved(setup):
    make_measurement(setup["computers"], setup["province"], YEAR, 5, status=WorkflowStatus.SUBMITTED)
    make_measurement(setup["lan"], setup["province"], YEAR, 50, status=WorkflowStatus.DRAFT, numerator=1, denominator=2)
    response = client_as(setup["approver"]).get("/entry/phu-tho/")
    row = next(r for r in response.context["table"] if r["year"] == YEAR)
    assert (row["missing"], row["draft"], row["submitted"], row["approved"]) == (1, 1, 1, 0)


def test_after_login_an_editor_lands_on_their_province(setup):
    client = Client()
    response = client.post("/accounts/login/", {"username": "editor", "password": "pw-for-tests"}, follow=True)
    assert response.redirect_chain[-1][0] == "/entry/phu-tho/"


def _entry_queries(setup, indicator_count):
    for _ in range(indicator_count - Indicator.objects.count()):
        indicator = make_indicator()
        make_measurement(indicator, setup["province"], YEAR - 1, 40, numerator=2, denominator=5)
        make_measurement(indicator, setup["province"], YEAR, 50, numerator=1, denominator=2)
    client = client_as(setup["approver"])
    client.get(sheet_url(setup["province"], YEAR))  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(sheet_url(setup["province"], YEAR))
    assert response.status_code == 200
    assert len(response.context["sheet"].rows) == indicator_count
    return len(queries)


def test_the_entry_page_query_count_does_not_grow_with_the_indicators(setup):
    five = _entry_queries(setup, 5)
    sixty = _entry_queries(setup, 60)
    assert five == sixty, (five, sixty)
    # 12 for the sheet, 1 its comment threads, 1 who changed the figures, 2 the header's inbox counts
    assert five <= 16, five


def test_saving_the_sheet_untouched_keeps_a_ratio_stored_without_numerator_and_denominator(setup):
    make_measurement(setup["lan"], setup["province"], YEAR, "89.1", status=WorkflowStatus.DRAFT)
    data = sheet_post(setup["province"], YEAR, "save", values={"computers": {"value": "7"}})
    assert client_as(setup["editor"]).post(sheet_url(setup["province"], YEAR), data).status_code == 302
    assert Measurement.objects.get(indicator=setup["lan"]).value == Decimal("89.1")


def test_emptying_a_draft_figure_deletes_it_with_a_trace(setup):
    make_measurement(setup["computers"], setup["province"], YEAR, 5, status=WorkflowStatus.DRAFT)
    post(client_as(setup["editor"]), setup, "save", values={"computers": {"value": ""}})
    assert not Measurement.objects.filter(indicator=setup["computers"]).exists()
    deleted = Measurement.history.filter(indicator=setup["computers"]).latest("history_date")
    assert (deleted.history_type, deleted.history_change_reason) == ("-", "Xóa số liệu nháp")


def test_a_demo_figure_a_person_corrects_is_no_longer_demo(setup):
    make_measurement(setup["computers"], setup["province"], YEAR, 5, status=WorkflowStatus.DRAFT, is_demo=True)
    post(client_as(setup["editor"]), setup, "save", values={"computers": {"value": "6"}})
    assert not Measurement.objects.get(indicator=setup["computers"]).is_demo
