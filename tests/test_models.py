"""The domain models' own promises: quiet __str__, one meaning of "ratio", one way to make a figure."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from entry.forms import FigureForm
from indicators import workflow
from indicators.models import Indicator, Measurement, Target, WorkflowStatus
from indicators.validation import check_figure
from provinces.models import Membership
from tests.factories import make_indicator, make_measurement, make_province, make_target, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "pw"))
    return client


# __str__ never queries: admin lists, deletion summaries and logs print many rows at once.


def test_a_target_fetched_alone_prints_without_a_query(django_assert_num_queries):
    province = make_province("Tỉnh Phú Thọ")
    lan = make_indicator(code="units-with-lan")
    local = make_target(lan, 80, 2020, province=province)
    national = make_target(lan, 95, 2025)
    local, national = Target.objects.get(pk=local.pk), Target.objects.get(pk=national.pk)
    with django_assert_num_queries(0):
        texts = str(local), str(national)
    assert texts == (f"#{lan.pk}: 80.00 (2020, #{province.pk})", f"#{lan.pk}: 95.00 (2025, toàn quốc)")


def test_a_target_fetched_with_its_indicator_and_province_names_them():
    lan = make_indicator(code="units-with-lan")
    target = make_target(lan, 80, 2020, province=make_province("Tỉnh Phú Thọ"))
    assert str(Target.objects.select_related("indicator", "province").get(pk=target.pk)) == (
        "units-with-lan: 80.00 (2020, Phú Thọ (trước 1/7/2025))"
    )


def test_a_role_fetched_alone_prints_without_a_query(django_assert_num_queries):
    province = make_province("Tỉnh Phú Thọ")
    user = make_user("phutho-editor", Membership.Role.EDITOR, [province])
    membership = Membership.objects.get(user=user)
    with django_assert_num_queries(0):
        text = str(membership)
    assert text == f"#{user.pk} · Chuyên viên nhập liệu · #{province.pk}"


def test_a_role_fetched_with_its_user_and_province_names_them():
    province = make_province("Tỉnh Phú Thọ")
    make_user("phutho-editor", Membership.Role.EDITOR, [province])
    membership = Membership.objects.select_related("user", "province").get()
    assert str(membership) == "phutho-editor · Chuyên viên nhập liệu · Tỉnh Phú Thọ (trước 1/7/2025)"


def test_a_figure_fetched_alone_prints_without_a_query(django_assert_num_queries):
    figure = make_measurement(make_indicator(), make_province(), 2020, 50)
    figure = Measurement.objects.get(pk=figure.pk)
    with django_assert_num_queries(0):
        assert str(figure).endswith("2020: 50.00")


def test_the_admin_titles_a_target_and_a_role_by_name(admin_client):
    province = make_province("Tỉnh Phú Thọ")
    target = make_target(make_indicator(code="units-with-lan"), 80, 2020, province=province)
    editor = make_user("phutho-editor", Membership.Role.EDITOR, [province])
    role = Membership.objects.get(user=editor)
    pages = [
        (
            reverse("admin:indicators_target_change", args=[target.pk]),
            "units-with-lan: 80.00 (2020, Phú Thọ (trước 1/7/2025))",
        ),
        (
            reverse("admin:provinces_membership_change", args=[role.pk]),
            "phutho-editor · Chuyên viên nhập liệu · Tỉnh Phú Thọ",
        ),
        (reverse("admin:auth_user_change", args=[editor.pk]), "phutho-editor · Chuyên viên nhập liệu · Tỉnh Phú Thọ"),
    ]
    for url, title in pages:
        assert title in admin_client.get(url).content.decode()


# "Ratio" means one thing: the indicator aggregates as summed numerators over summed denominators.


def test_an_indicator_with_fraction_labels_but_summed_nationally_takes_a_typed_value():
    summed = make_indicator(
        unit=Indicator.Unit.PERCENT, ratio=False, numerator_label="Số đơn vị", denominator_label="Tổng số"
    )
    assert summed.aggregation == Indicator.Aggregation.SUM
    assert not summed.is_ratio
    assert set(FigureForm(indicator=summed).fields) >= {"value"}
    assert not {"numerator", "denominator"} & set(FigureForm(indicator=summed).fields)
    assert check_figure(summed, "12", "1", "2").errors == {"value": "Chỉ số này không có tử số và mẫu số."}
    assert check_figure(summed, "12").value == Decimal("12")


def test_a_ratio_indicator_takes_numerator_and_denominator_and_computes_the_value():
    ratio = make_indicator(unit=Indicator.Unit.PERCENT, ratio=True)
    assert ratio.aggregation == Indicator.Aggregation.RATIO
    assert ratio.is_ratio
    fields = FigureForm(indicator=ratio).fields
    assert "value" not in fields
    assert (fields["numerator"].label, fields["denominator"].label) == ("Tử", "Mẫu")
    assert check_figure(ratio, None, "891", "1000").value == Decimal("89.10")


# One constructor copies the 0–100 rule onto a figure; a changed unit reaches the stored figures.


@pytest.mark.parametrize(
    ("unit", "allows_over_100", "capped"),
    [
        (Indicator.Unit.PERCENT, False, True),
        (Indicator.Unit.PERCENT, True, False),
        (Indicator.Unit.COUNT, False, False),
        (Indicator.Unit.PER_100, False, False),
    ],
)
def test_a_new_figure_is_capped_at_100_exactly_when_its_indicator_is(unit, allows_over_100, capped):
    indicator = make_indicator(unit=unit, allows_over_100=allows_over_100)
    figure = Measurement.objects.new(indicator=indicator, province=make_province(), year=2020, value=Decimal(5))
    assert figure.pk is None
    assert figure.capped_at_100 is capped


def test_allowing_an_indicator_over_100_lifts_the_cap_from_its_stored_figures():
    share = make_indicator(unit=Indicator.Unit.PERCENT)
    figure = make_measurement(share, make_province(), 2020, 90)
    assert figure.capped_at_100 is True
    share.allows_over_100 = True
    share.save()
    assert Measurement.objects.get().capped_at_100 is True  # saving alone rewrites no figure
    assert share.apply_cap_to_measurements() == 1
    assert Measurement.objects.get().capped_at_100 is False
    assert Measurement.objects.get().history.count() == 1


def indicator_form(indicator, **fields):
    data = {
        "code": indicator.code,
        "name_vi": indicator.name_vi,
        "name_en": indicator.name_en,
        "category": indicator.category,
        "position": indicator.position,
        "unit": indicator.unit,
        "unit_label": "",
        "direction": indicator.direction,
        "numerator_label": indicator.numerator_label,
        "denominator_label": indicator.denominator_label,
        "aggregation": indicator.aggregation,
        "description": "",
        "source_file": "",
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "1000",
    }
    return {**data, **fields}


def test_changing_an_indicator_to_a_percentage_in_the_admin_caps_its_figures(admin_client):
    counted = make_indicator(unit=Indicator.Unit.COUNT)
    make_measurement(counted, make_province(), 2020, 60)
    url = reverse("admin:indicators_indicator_change", args=[counted.pk])
    response = admin_client.post(url, indicator_form(counted, unit=Indicator.Unit.PERCENT))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Measurement.objects.get().capped_at_100 is True


def test_the_admin_refuses_to_cap_an_indicator_with_figures_above_100_and_says_why(admin_client):
    counted = make_indicator(unit=Indicator.Unit.COUNT)
    make_measurement(counted, make_province(), 2020, 60)
    make_measurement(counted, make_province(), 2020, 150)
    url = reverse("admin:indicators_indicator_change", args=[counted.pk])
    response = admin_client.post(url, indicator_form(counted, unit=Indicator.Unit.PERCENT))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["allows_over_100"] == [
        "1 số liệu của chỉ số này lớn hơn 100: sửa chúng trước, hoặc chọn “cho phép vượt 100%”."
    ]
    counted.refresh_from_db()
    assert counted.unit == Indicator.Unit.COUNT
    assert not Measurement.objects.filter(capped_at_100=True).exists()


# Workflow transitions write only what they change, and still leave their history row.


@pytest.fixture
def submitted():
    province = make_province("Tỉnh Phú Thọ")
    figure = make_measurement(
        make_indicator(unit=Indicator.Unit.COUNT), province, 2020, 120, status=WorkflowStatus.SUBMITTED
    )
    return (
        figure,
        make_user("editor", Membership.Role.EDITOR, [province]),
        make_user("approver", Membership.Role.APPROVER, [province]),
    )


def test_approving_keeps_a_note_corrected_since_the_approver_opened_the_figure(submitted):
    figure, _, approver = submitted
    Measurement.objects.filter(pk=figure.pk).update(note="Theo báo cáo 12/BC-STTTT")
    workflow.approve(approver, figure)
    stored = Measurement.objects.get()
    assert (stored.status, stored.note, stored.version) == (WorkflowStatus.APPROVED, "Theo báo cáo 12/BC-STTTT", 2)
    assert stored.updated_by == approver
    latest = stored.history.latest("history_id")
    assert (latest.history_change_reason, latest.history_user, latest.status) == ("Phê duyệt", approver, "approved")


def test_returning_records_the_reason_in_the_row_and_its_history(submitted):
    figure, _, approver = submitted
    workflow.return_to_editor(approver, figure, "Kiểm tra lại")
    assert Measurement.objects.get().return_reason == "Kiểm tra lại"
    assert Measurement.objects.get().history.latest("history_id").history_change_reason == "Trả lại: Kiểm tra lại"


def test_an_editors_correction_keeps_the_source_file_recorded_meanwhile(submitted):
    figure, editor, approver = submitted
    workflow.return_to_editor(approver, figure, "Kiểm tra lại")
    Measurement.objects.filter(pk=figure.pk).update(source_file="bao-cao-2020.pdf")
    workflow.save_values(editor, figure, {"value": Decimal(125), "source": "Sở TT&TT"})
    workflow.submit(editor, figure)
    stored = Measurement.objects.get()
    assert (stored.value, stored.source, stored.source_file) == (125, "Sở TT&TT", "bao-cao-2020.pdf")
    assert (stored.status, stored.return_reason, stored.version) == (WorkflowStatus.SUBMITTED, "", 4)
    reasons = [h.history_change_reason for h in stored.history.order_by("history_id")]
    assert reasons[-2:] == ["Cập nhật số liệu", "Gửi duyệt"]
    assert stored.history.latest("history_id").history_user == editor


# The year filter's choices: every page asks, so they come from the (status, year) index.


def test_the_published_years_are_the_years_with_an_approved_figure_oldest_first(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert Measurement.objects.published_years() == []
    phu_tho, lao_cai = make_province("Tỉnh Phú Thọ"), make_province("Tỉnh Lào Cai")
    lan = make_indicator(code="units-with-lan")
    make_measurement(lan, phu_tho, 2012, 50)
    make_measurement(lan, lao_cai, 2012, 40)
    make_measurement(lan, phu_tho, 2003, 10)
    make_measurement(lan, phu_tho, 2024, 70, status=WorkflowStatus.SUBMITTED)  # not approved: not offered
    make_measurement(lan, lao_cai, 2025, 70, status=WorkflowStatus.DRAFT)
    with django_assert_num_queries(1):
        assert Measurement.objects.published_years() == [2003, 2012]
    assert Measurement.objects.published_years() == list(Measurement.objects.published().years())
