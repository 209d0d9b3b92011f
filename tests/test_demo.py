"""indicators.demo: the demo series, targets and accounts that `make setup` loads beside the real figures.

The units, the documents and the demo figures are loaded once for this module (``demo_db``) and
every test runs in a savepoint inside it.
"""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from indicators.models import Measurement, Target

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_db")]


def test_the_demo_series_passes_near_the_real_figures_it_surrounds():
    lan = Measurement.objects.filter(
        indicator__code="units-with-lan", province__code="25", province__valid_to__isnull=False
    )
    by_year = dict(lan.values_list("year", "value"))
    assert by_year[2010] == Decimal("89.1")
    assert not lan.get(year=2010).is_demo
    assert all(lan.get(year=y).is_demo for y in (2009, 2011))
    assert abs(by_year[2011] - by_year[2010]) < 10, "no jump between the real figure and the demo years"


def test_loading_the_demo_twice_changes_nothing_and_everything_it_made_is_marked_demo():
    before = (Measurement.objects.count(), Target.objects.count(), Measurement.history.count())
    call_command("load_demo", verbosity=0, reload=True)
    assert (Measurement.objects.count(), Target.objects.count(), Measurement.history.count()) == before
    assert Measurement.objects.filter(is_demo=False).count() == 8, "only the eight real Phú Thọ figures are real"
    assert not Target.objects.filter(is_demo=True, source_file__gt="").exists()


def test_the_demo_accounts_are_refused_on_a_production_configuration(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", users=True, verbosity=0)
    call_command("load_demo", users=True, force=True, verbosity=0)
    assert get_user_model().objects.get(username="phutho-editor").memberships.count() == 2


def test_demo_figures_have_a_first_history_row_so_a_correction_shows_the_old_value():
    figure = Measurement.objects.filter(is_demo=True).first()
    assert figure.history.count() == 1
    assert figure.history.get().value == figure.value


def test_the_national_2025_indicators_have_demo_series_from_2020_and_2026_is_left_empty():
    fibre = Measurement.objects.filter(indicator__code="households-fibre")
    assert sorted(set(fibre.values_list("year", flat=True))) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert all(fibre.values_list("is_demo", flat=True))
    assert not Measurement.objects.filter(year__gte=2026).exists(), "2026 is for the demo editors"
    demo_targets = Target.objects.filter(indicator__code="households-fibre", is_demo=True)
    assert set(demo_targets.values_list("deadline_year", flat=True)) == {2030}, "no demo 2015/2020 target"


def test_every_current_unit_has_demo_2030_targets_labelled_as_illustrations():
    # the only real 2030 target is Decision 749's national orientation for the UN E-Government rank
    national = Target.objects.filter(deadline_year=2030, province=None)
    assert [(t.indicator.code, t.is_demo) for t in national] == [("egdi-rank", False)]
    targets = Target.objects.filter(deadline_year=2030, province__isnull=False)
    assert targets.exists() and all(t.is_demo for t in targets)
    assert set(targets.values_list("province__valid_to", flat=True)) == {None}, "only the 34 current units"
    assert set(targets.values_list("note", flat=True)) == {"Chỉ tiêu minh họa (không lấy từ văn bản nào)"}
    assert targets.filter(indicator__code="households-fibre").count() == 34
