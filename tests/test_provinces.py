import csv
import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from provinces.management.commands.build_units_fixture import FIXTURE, LEGACY_NAME_OVERRIDES
from provinces.management.commands.build_units_fixture import SHARED_REFERENCE as REFERENCE
from provinces.models import MERGER_DATE, Province

BEFORE = datetime.date(2020, 1, 1)
AFTER = datetime.date(2026, 1, 1)


@pytest.fixture
def units(db):
    call_command("load_units", stdout=StringIO())


def legacy(name):
    return Province.objects.legacy().get(name=name)


def current(name):
    return Province.objects.current().get(name=name)


def predecessor_names(name):
    return {p.short_name for p in current(name).predecessors.all()}


def test_63_units_report_before_the_merger_and_34_after(units):
    assert Province.objects.valid_on(BEFORE).count() == 63
    assert Province.objects.valid_on(AFTER).count() == 34
    assert Province.objects.valid_on(MERGER_DATE - datetime.timedelta(days=1)).count() == 63
    assert Province.objects.valid_on(MERGER_DATE).count() == 34


def test_vinh_phuc_is_succeeded_by_phu_tho(units):
    assert legacy("Tỉnh Vĩnh Phúc").successor == current("Tỉnh Phú Thọ")


@pytest.mark.parametrize(
    ("new_unit", "predecessors"),
    [
        ("Tỉnh Thái Nguyên", {"Thái Nguyên", "Bắc Kạn"}),
        ("Tỉnh Lào Cai", {"Lào Cai", "Yên Bái"}),
        ("Tỉnh Phú Thọ", {"Phú Thọ", "Vĩnh Phúc", "Hòa Bình"}),
        ("Tỉnh Lâm Đồng", {"Lâm Đồng", "Bình Thuận", "Đắk Nông"}),
        ("Thành phố Huế", {"Thừa Thiên Huế"}),
    ],
)
def test_merged_units_have_exactly_their_predecessors(units, new_unit, predecessors):
    assert predecessor_names(new_unit) == predecessors


def test_every_legacy_unit_has_a_successor_and_every_current_unit_a_predecessor(units):
    assert not Province.objects.legacy().filter(successor__isnull=True).exists()
    assert all(p.successor.is_current for p in Province.objects.legacy().select_related("successor"))
    assert not Province.objects.current().filter(predecessors__isnull=True).exists()
    assert not Province.objects.current().filter(successor__isnull=False).exists()


def test_code_15_is_yen_bai_before_and_lao_cai_after(units):
    assert Province.objects.valid_on(BEFORE).get(code="15").name == "Tỉnh Yên Bái"
    assert Province.objects.valid_on(AFTER).get(code="15").name == "Tỉnh Lào Cai"


def test_kinds_and_regions_follow_the_names(units):
    assert current("Thành phố Huế").kind == Province.Kind.CITY
    assert legacy("Tỉnh Thừa Thiên Huế").kind == Province.Kind.PROVINCE
    assert Province.objects.current().filter(kind=Province.Kind.CITY).count() == 6
    assert legacy("Tỉnh Quảng Ninh").region == Province.Region.RED_RIVER_DELTA
    assert current("Tỉnh Lào Cai").region == legacy("Tỉnh Lào Cai").region == Province.Region.NORTHERN_MIDLANDS
    assert current("Thành phố Huế").region == Province.Region.CENTRAL_COAST


def test_loading_twice_changes_nothing(units):
    before = list(Province.objects.order_by("pk").values())
    out = StringIO()
    call_command("load_units", stdout=out, reload=True)
    assert list(Province.objects.order_by("pk").values()) == before
    assert out.getvalue().strip() == "0 created, 0 updated, 97 unchanged"


def test_loading_again_with_nothing_changed_reads_no_unit(units, django_assert_num_queries):
    out = StringIO()
    with django_assert_num_queries(1):  # the stored fingerprint
        call_command("load_units", stdout=out)
    assert out.getvalue().strip() == "units: already loaded, nothing changed since (--reload loads again)"


def test_a_changed_fixture_is_loaded_again_and_so_are_the_documents_that_name_its_units(units, tmp_path):
    from indicators.management.commands.load_documents import documents_fingerprint
    from provinces import loaded
    from provinces.management.commands.load_units import FIXTURE

    before = (loaded.stored("units"), documents_fingerprint())
    fixture = tmp_path / "units.json"
    fixture.write_text(FIXTURE.read_text(encoding="utf-8").replace("Tỉnh Phú Thọ", "Tỉnh Phú Thọ (sửa)"), "utf-8")
    out = StringIO()
    call_command("load_units", fixture=fixture, stdout=out)
    assert out.getvalue().strip() == "0 created, 2 updated, 95 unchanged"
    after = (loaded.stored("units"), documents_fingerprint())
    assert after[0] != before[0] and after[1] != before[1], "the documents (and so the demo) load again"


def test_loading_repairs_an_edited_row(units):
    Province.objects.filter(code="25", valid_from__lt=MERGER_DATE).update(name="Phú Thọ?", successor=None)
    out = StringIO()
    call_command("load_units", stdout=out, reload=True)
    assert out.getvalue().strip() == "0 created, 1 updated, 96 unchanged"
    assert legacy("Tỉnh Phú Thọ").successor == current("Tỉnh Phú Thọ")


def test_committed_fixture_is_what_the_package_generates(tmp_path):
    generated = tmp_path / "units.json"
    call_command("build_units_fixture", output=generated, reference=None, stdout=StringIO())
    assert generated.read_text(encoding="utf-8") == FIXTURE.read_text(encoding="utf-8")


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"independent reference table {REFERENCE} is not present")
def test_fixture_agrees_with_the_reference_mapping():
    with open(REFERENCE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    legacy_units = {u["code"]: u for u in document["legacy"]["units"]}
    current_names = {u["code"]: u["name"] for u in document["current"]["units"]}

    assert {r["old_code"]: r["new_code"] for r in rows} == {c: u["successor_code"] for c, u in legacy_units.items()}
    assert {r["new_code"]: r["new_name"] for r in rows} == current_names
    for r in rows:
        override = LEGACY_NAME_OVERRIDES.get(r["old_code"])
        expected = override["name"] if override and override["package"] == r["old_name"] else r["old_name"]
        assert legacy_units[r["old_code"]]["name"] == expected


def test_the_same_code_cannot_start_twice_on_the_same_day(units):
    with pytest.raises(IntegrityError), transaction.atomic():
        Province.objects.create(
            code="25",
            name="Tỉnh Phú Thọ (bản sao)",
            slug="phu-tho-copy",
            kind=Province.Kind.PROVINCE,
            region=Province.Region.NORTHERN_MIDLANDS,
            valid_from=MERGER_DATE,
        )


def test_slugs_are_unique_and_plain(units):
    slugs = list(Province.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 97
    assert {"phu-tho", "ha-noi", "thua-thien-hue", "dak-nong", "ba-ria-vung-tau", "phu-tho-2025"} <= set(slugs)


def test_province_admin_searches_and_filters_by_generation(units, admin_client):
    url = reverse("admin:provinces_province_changelist")
    response = admin_client.get(url, {"q": "Phú Thọ"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2
    response = admin_client.get(url, {"generation": "current"})
    assert response.context["cl"].result_count == 34
    assert admin_client.get(reverse("admin:provinces_membership_changelist"), {"q": "admin"}).status_code == 200


def test_user_admin_page_shows_the_membership_inline(units, admin_client, admin_user):
    response = admin_client.get(reverse("admin:auth_user_change", args=[admin_user.pk]))
    assert response.status_code == 200
    assert "memberships-TOTAL_FORMS" in response.content.decode()
