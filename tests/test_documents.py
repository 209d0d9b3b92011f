"""The five source documents, loaded by ``load_units`` and ``load_documents``."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from directives.models import Directive, Task
from indicators.models import Indicator, Measurement, Target, TaskReport
from indicators.source_documents import NATIONAL_PAGES, SOURCE_FILES

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


def load(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def documents(db):
    load("load_units")
    load("load_documents")


def row_counts():
    """Rows in every table of the project's apps, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for label in ("provinces", "directives", "indicators")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def lao_cai_24():
    return Directive.objects.get(slug="24-ct-tu-lao-cai")


def binh_thuan_notice():
    return Directive.objects.get(slug="thong-bao-ket-luan-binh-thuan-2008")


def phu_tho_2010(code):
    return Measurement.objects.get(indicator__code=code, province__code="25", year=2010)


@pytest.mark.django_db
def test_directive_24_ct_tu_has_nine_tasks_and_task_4_covers_health(documents):
    tasks = lao_cai_24().tasks.filter(section=Task.Section.TASK).order_by("position")
    assert [task.number for task in tasks] == [str(n) for n in range(1, 10)]
    assert "y tế" in tasks.get(number="4").text


@pytest.mark.django_db
def test_binh_thuan_notice_has_six_tasks_two_sub_items_and_four_recommendations(documents):
    notice = binh_thuan_notice()
    top = notice.tasks.filter(section=Task.Section.TASK, parent__isnull=True).order_by("position")
    assert [task.number for task in top] == ["1", "2", "3", "4", "5", "6"]
    sub_items = notice.tasks.filter(parent__number="2").order_by("position")
    assert [(task.number, task.title) for task in sub_items] == [
        ("2.a", "Về xây dựng đội ngũ"),
        ("2.b", "Đẩy mạnh ứng dụng công nghệ thông tin"),
    ]
    recommendations = notice.tasks.filter(section=Task.Section.RECOMMENDATION).order_by("position")
    assert [task.number for task in recommendations] == ["1", "2", "3", "4"]


@pytest.mark.django_db
def test_phu_tho_figures_are_loaded_exactly_as_the_document_states_them(documents):
    lan = phu_tho_2010("units-with-lan")
    assert lan.value == Decimal("89.1")
    assert lan.capped_at_100 is True
    assert lan.numerator is None and lan.denominator is None
    assert lan.status == "approved" and lan.is_demo is False
    assert "2010" in lan.year_note
    computers = phu_tho_2010("computers")
    assert computers.value == 55802
    assert computers.capped_at_100 is False
    assert "ước đạt" in computers.note


@pytest.mark.django_db
def test_thai_nguyen_directive_has_no_number_and_no_date(documents):
    directive = Directive.objects.get(slug="thai-nguyen-tiep-tuc-58-ct-tw")
    assert directive.number == ""
    assert directive.issued_on is None
    assert directive.province.code == "19"
    assert [task.title for task in directive.tasks.order_by("position")][5:] == ["", ""]


@pytest.mark.django_db
def test_directive_24_ct_tu_implements_58_ct_tw(documents):
    assert lao_cai_24().parent.number == "58-CT/TW"


@pytest.mark.django_db
def test_thai_nguyen_target_of_100_percent_by_2015_exists(documents):
    target = Target.objects.get(indicator__code="agencies-internet", province__code="19", deadline_year=2015)
    assert target.value == 100
    assert target.directive.slug == "thai-nguyen-tiep-tuc-58-ct-tw"
    assert target.baseline_value is None and target.baseline_year is None


@pytest.mark.django_db
def test_every_loaded_record_names_one_of_the_five_source_files_or_a_page_it_was_read_from(documents):
    known = set(SOURCE_FILES) | set(NATIONAL_PAGES)
    for model in (Directive, Indicator, Target, Measurement):
        files = set(model.objects.values_list("source_file", flat=True))
        assert files, model
        assert files <= known, (model, files - known)
    assert set(Measurement.objects.values_list("source_file", flat=True)) <= set(SOURCE_FILES)


# The sixteen national targets of ../shared/reference/DOMAIN.md §7.1 (749) and §7.2 (942), as the pages read state
# them: (indicator, deadline, value, decision, strict). 942 restates 749's work-record targets (one target each).
SECTION_7_TARGETS = [
    ("services-fully-online", 2025, 80, "749/QĐ-TTg", False),
    ("records-online-province", 2025, 90, "749/QĐ-TTg", False),
    ("records-online-district", 2025, 80, "749/QĐ-TTg", False),
    ("records-online-commune", 2025, 60, "749/QĐ-TTg", False),
    ("reporting-regimes-connected", 2025, 100, "749/QĐ-TTg", False),
    ("households-fibre", 2025, 80, "749/QĐ-TTg", True),  # "trên 80%"
    ("communes-fibre", 2025, 100, "749/QĐ-TTg", False),
    ("digital-economy-gdp", 2025, 20, "749/QĐ-TTg", False),
    ("digital-economy-sector-share", 2025, 10, "749/QĐ-TTg", False),
    ("egdi-rank", 2025, 70, "749/QĐ-TTg", False),
    ("egdi-rank", 2030, 50, "749/QĐ-TTg", False),
    ("agencies-online-24-7", 2025, 100, "942/QĐ-TTg", False),
    ("officials-digital-id", 2025, 100, "942/QĐ-TTg", False),
    ("documents-signed-online", 2025, 100, "942/QĐ-TTg", False),
    ("training-online", 2025, 70, "942/QĐ-TTg", False),
    ("records-electronic", 2025, 100, "942/QĐ-TTg", False),
]


@pytest.mark.django_db
def test_the_sixteen_national_targets_of_domain_section_7_are_loaded_with_their_sources(documents):
    national = Target.objects.filter(province=None).select_related("indicator", "directive")
    loaded = {(t.indicator.code, t.deadline_year): t for t in national}
    assert set(loaded) == {(code, year) for code, year, *_ in SECTION_7_TARGETS}
    for code, year, value, decision, strict in SECTION_7_TARGETS:
        target = loaded[code, year]
        assert (target.value, target.strict, target.is_demo) == (value, strict, False), code
        assert target.directive.number == decision and decision in target.note, code
        assert target.source_file in NATIONAL_PAGES and target.source_file in target.note, code
        assert target.baseline_value is None, "no page states a baseline"
        assert not Measurement.objects.filter(indicator__code=code).exists(), "no real figure is invented"


@pytest.mark.django_db
def test_the_measures_without_a_provincial_figure_are_national_only_and_the_un_rank_is_lower_is_better(documents):
    national_only = set(Indicator.objects.filter(national_only=True).values_list("code", flat=True))
    assert national_only == {"digital-economy-gdp", "digital-economy-sector-share", "egdi-rank"}
    assert Indicator.objects.get(code="egdi-rank").direction == Indicator.Direction.LOWER
    assert not Indicator.objects.provincial().filter(code__in=national_only).exists()


@pytest.mark.django_db
def test_loading_twice_changes_no_row_and_no_history(documents):
    assert Measurement.history.count() == Measurement.objects.count() == 8
    before = row_counts()
    assert before["indicators.HistoricalMeasurement"] == 8
    assert before["indicators.Indicator_tasks"] == 21
    updated_at = dict(Measurement.objects.values_list("pk", "updated_at"))
    output = load("load_documents", "--reload")  # without it, nothing would even be compared
    assert row_counts() == before
    assert dict(Measurement.objects.values_list("pk", "updated_at")) == updated_at
    assert TaskReport.history.count() == 0
    assert " 0 created, 0 updated" in output
    assert "1 created" not in output and "1 updated" not in output


@pytest.mark.django_db
def test_a_figure_edited_here_is_kept_and_reported_when_the_documents_are_loaded_again(documents):
    lan = phu_tho_2010("units-with-lan")
    Measurement.objects.filter(pk=lan.pk).update(value=Decimal("50"), status="returned")
    output = load("load_documents", "--reload")
    assert "Measurement: 0 created, 0 updated, 7 unchanged, 1 kept as edited here" in output
    lan.refresh_from_db()
    assert (lan.value, lan.status, lan.history.count()) == (Decimal("50"), "returned", 1)


@pytest.mark.django_db
def test_with_update_the_documents_win_in_place_with_one_history_row(documents):
    lan = phu_tho_2010("units-with-lan")
    Measurement.objects.filter(pk=lan.pk).update(value=Decimal("50"))
    output = load("load_documents", "--update")
    assert "Measurement: 0 created, 1 updated, 7 unchanged" in output
    lan.refresh_from_db()
    assert lan.value == Decimal("89.1")
    assert lan.version == 2
    assert lan.history.count() == 2


@pytest.mark.django_db
def test_loading_documents_without_units_fails_with_a_clear_message():
    with pytest.raises(CommandError, match="load_units"):
        load("load_documents")
    assert not Directive.objects.exists()


@pytest.mark.django_db
def test_every_task_text_appears_verbatim_in_its_source_file(documents):
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not available")
    texts = {name: (SEEDS / name).read_text(encoding="utf-8") for name in SOURCE_FILES}
    tasks = Task.objects.select_related("directive")
    assert tasks.count() == 28
    for task in tasks:
        assert task.text in texts[task.directive.source_file], (task.directive.slug, task.number)
