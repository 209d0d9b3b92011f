"""The database itself refuses bad rows; the admin explains the same rules in Vietnamese."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from directives.models import Directive, Task
from indicators.models import Indicator, Measurement, Target
from provinces.models import Province


@pytest.fixture
def province(db):
    return Province.objects.create(
        code="25",
        name="Tỉnh Phú Thọ",
        slug="phu-tho-2008",
        kind=Province.Kind.PROVINCE,
        region=Province.Region.NORTHERN_MIDLANDS,
        valid_from=datetime.date(2008, 8, 1),
        valid_to=datetime.date(2025, 6, 30),
    )


@pytest.fixture
def percent(db):
    return Indicator.objects.create(
        code="units-with-lan",
        name_vi="Tỷ lệ đơn vị có kết nối mạng cục bộ (LAN)",
        name_en="Share of units with a LAN",
        unit=Indicator.Unit.PERCENT,
        aggregation=Indicator.Aggregation.RATIO,
        numerator_label="Số đơn vị có mạng LAN",
        denominator_label="Tổng số đơn vị",
        category=Indicator.Category.INFRASTRUCTURE,
    )


@pytest.fixture
def count(db):
    return Indicator.objects.create(
        code="computers",
        name_vi="Số máy tính đang hoạt động",
        name_en="Computers in use",
        unit=Indicator.Unit.COUNT,
        aggregation=Indicator.Aggregation.SUM,
        category=Indicator.Category.INFRASTRUCTURE,
    )


def measurement(indicator, province, **fields):
    values = {"year": 2010, "value": Decimal("50"), **fields}
    figure = Measurement.objects.new(indicator=indicator, province=province, **values)
    figure.save()
    return figure


def rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.mark.django_db
def test_a_second_measurement_for_the_same_indicator_province_and_year_is_rejected(percent, province):
    measurement(percent, province)
    rejected(lambda: measurement(percent, province, value=Decimal("60")))


@pytest.mark.django_db
def test_a_measurement_for_the_year_1800_is_rejected(percent, province):
    rejected(lambda: measurement(percent, province, year=1800))


@pytest.mark.django_db
def test_a_percentage_of_120_is_rejected_when_capped_at_100(percent, province):
    rejected(lambda: measurement(percent, province, value=Decimal("120")))


@pytest.mark.django_db
def test_a_count_above_100_is_accepted(count, province):
    assert measurement(count, province, value=Decimal("55802")).capped_at_100 is False


@pytest.mark.django_db
def test_a_numerator_above_its_denominator_is_rejected(percent, province):
    rejected(lambda: measurement(percent, province, numerator=Decimal("12"), denominator=Decimal("10")))


@pytest.mark.django_db
def test_a_negative_value_is_rejected(count, province):
    rejected(lambda: measurement(count, province, value=Decimal("-1")))


def directive(number, issuer, slug):
    return Directive.objects.create(kind=Directive.Kind.DIRECTIVE, number=number, issuer=issuer, title="T", slug=slug)


@pytest.mark.django_db
def test_a_directive_number_repeated_by_the_same_issuer_is_rejected():
    directive("24-CT/TU", "Tỉnh ủy Lào Cai", "a")
    rejected(lambda: directive("24-CT/TU", "Tỉnh ủy Lào Cai", "b"))


@pytest.mark.django_db
def test_the_same_directive_number_from_another_issuer_is_accepted():
    directive("24-CT/TU", "Tỉnh ủy Lào Cai", "a")
    directive("24-CT/TU", "Tỉnh ủy Yên Bái", "b")
    assert Directive.objects.filter(number="24-CT/TU").count() == 2


@pytest.mark.django_db
def test_two_directives_without_a_number_from_the_same_issuer_are_accepted():
    directive("", "Tỉnh ủy Thái Nguyên", "a")
    directive("", "Tỉnh ủy Thái Nguyên", "b")
    assert Directive.objects.filter(number="").count() == 2


@pytest.mark.django_db
def test_a_target_due_in_3000_is_rejected(percent, province):
    rejected(lambda: Target.objects.create(indicator=percent, province=province, deadline_year=3000, value=100))


@pytest.mark.django_db
def test_a_target_baseline_value_without_its_baseline_year_is_rejected(percent, province):
    rejected(
        lambda: Target.objects.create(
            indicator=percent, province=province, deadline_year=2020, value=80, baseline_value=40
        )
    )


@pytest.mark.django_db
def test_a_target_baseline_year_without_a_baseline_value_is_accepted(percent, province):
    target = Target.objects.create(
        indicator=percent, province=province, deadline_year=2020, value=80, baseline_year=2010
    )
    assert target.baseline_value is None


# The admin, in Vietnamese, for the central administrator.


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Directive, Indicator, Measurement])
def test_admin_changelist_and_add_page_answer_200(admin_client, model, percent, province):
    measurement(percent, province)
    directive("24-CT/TU", "Tỉnh ủy Lào Cai", "24-ct-tu-lao-cai")
    info = model._meta.app_label, model._meta.model_name
    assert admin_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    assert admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200


@pytest.mark.django_db
def test_directive_change_page_shows_its_tasks_inline(admin_client):
    lao_cai = directive("24-CT/TU", "Tỉnh ủy Lào Cai", "24-ct-tu-lao-cai")
    Task.objects.create(directive=lao_cai, number="4", title="Giáo dục và y tế", text="Đẩy mạnh ứng dụng … y tế.")
    response = admin_client.get(reverse("admin:directives_directive_change", args=[lao_cai.pk]))
    assert response.status_code == 200
    assert 'name="tasks-0-title"' in response.text
    assert "Giáo dục và y tế" in response.text


def measurement_form(indicator, province, **fields):
    data = {
        "indicator": indicator.pk,
        "province": province.pk,
        "year": 2010,
        "value": "50",
        "numerator": "",
        "denominator": "",
        "status": "draft",
        "return_reason": "",
        "source": "",
        "source_file": "",
        "note": "",
        "year_note": "",
    }
    return {**data, **fields}


@pytest.mark.django_db
def test_admin_explains_a_percentage_above_100_next_to_the_value(admin_client, percent, province):
    data = measurement_form(percent, province, value="120")
    response = admin_client.post(reverse("admin:indicators_measurement_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "0–100" in str(errors["value"])
    assert not Measurement.objects.exists()


@pytest.mark.django_db
def test_admin_explains_a_numerator_above_the_denominator_next_to_the_numerator(admin_client, percent, province):
    data = measurement_form(percent, province, numerator="12", denominator="10")
    response = admin_client.post(reverse("admin:indicators_measurement_add"), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "mẫu số" in str(form.errors["numerator"])
    assert not form.non_field_errors()


@pytest.mark.django_db
def test_admin_explains_a_value_that_disagrees_with_its_numerator_and_denominator(admin_client, percent, province):
    data = measurement_form(percent, province, value="30", numerator="50", denominator="100")
    response = admin_client.post(reverse("admin:indicators_measurement_add"), data)
    assert response.status_code == 200
    assert "tính ra 50" in str(response.context["adminform"].form.errors["value"])


@pytest.mark.django_db
def test_admin_sets_capped_at_100_from_the_indicator_and_records_who_saved(admin_client, percent, province):
    data = measurement_form(percent, province, value="89.1", numerator="891", denominator="1000")
    response = admin_client.post(reverse("admin:indicators_measurement_add"), data)
    assert response.status_code == 302
    saved = Measurement.objects.get()
    assert saved.capped_at_100 is True
    assert saved.updated_by.username == "root"
    assert saved.history.count() == 1


@pytest.mark.django_db
def test_saving_a_directive_keeps_its_nested_tasks(admin_client):
    notice = directive("", "Thường trực Tỉnh ủy Bình Thuận", "thong-bao")
    two = Task.objects.create(directive=notice, number="2", text="Tiếp tục …", position=1)
    sub = Task.objects.create(directive=notice, number="2.a", text="- Tiến hành …", position=2, parent=two)
    data = {
        "kind": notice.kind,
        "number": "",
        "issuer": notice.issuer,
        "title": "Thông báo kết luận",
        "slug": notice.slug,
        "position": "0",
        "tasks-TOTAL_FORMS": "2",
        "tasks-INITIAL_FORMS": "2",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
    }
    for i, task in enumerate([two, sub]):
        data |= {
            f"tasks-{i}-id": task.pk,
            f"tasks-{i}-directive": notice.pk,
            f"tasks-{i}-section": task.section,
            f"tasks-{i}-number": task.number,
            f"tasks-{i}-title": "",
            f"tasks-{i}-text": task.text,
            f"tasks-{i}-position": task.position,
            f"tasks-{i}-parent": task.parent_id or "",
        }
    response = admin_client.post(reverse("admin:directives_directive_change", args=[notice.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    notice.refresh_from_db()
    assert notice.title == "Thông báo kết luận"
    assert Task.objects.get(pk=sub.pk).parent == two


@pytest.mark.django_db
def test_admin_asks_for_the_baseline_year_beside_it_when_a_baseline_value_is_given(admin_client, percent, province):
    data = {
        "indicator": percent.pk,
        "province": province.pk,
        "deadline_year": "2020",
        "value": "80",
        "baseline_year": "",
        "baseline_value": "40",
        "directive": "",
        "subject": "",
        "note": "",
        "source_file": "",
    }
    response = admin_client.post(reverse("admin:indicators_target_add"), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["baseline_year"] == ["Giá trị gốc cần có năm gốc."]
    assert not form.non_field_errors()
    assert not Target.objects.exists()
