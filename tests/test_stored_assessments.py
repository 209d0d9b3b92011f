"""Stored assessments (issue 10): what pages read equals a fresh computation after every kind of change.

A leader opening a page right after an approval must see what the old whole-country computation
would have shown: the unit, the unit that succeeded it in 2025, its region and the nation, for every
year asked and every plan period. ``assessments.check()`` recomputes everything with ``board.make_row``
and compares it with the table, column by column; each test also looks at one stored number a reader
would check, so that a refresh that did nothing cannot pass.
"""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from indicators import assessments, workflow
from indicators.assessments import area_key, unit_key
from indicators.models import Indicator, Measurement, StoredAssessment, WorkflowStatus
from provinces.models import Membership, Province
from tests.factories import make_indicator, make_measurement, make_province, make_target, make_user

NORTH = Province.Region.NORTHERN_MIDLANDS
DELTA = Province.Region.RED_RIVER_DELTA


@pytest.fixture
def world(db):
    """Phú Thọ, Vĩnh Phúc (Red River Delta) and Hòa Bình merged into Phú Thọ 2025; a LAN share with 2015 and
    2020 national targets; computers with Phú Thọ's own target; an approver of each old unit."""
    current = make_province("Tỉnh Phú Thọ", code="25", current=True, slug="phu-tho-2025", region=NORTH)
    phu_tho = make_province("Tỉnh Phú Thọ", code="25", slug="phu-tho", successor=current, region=NORTH)
    vinh_phuc = make_province("Tỉnh Vĩnh Phúc", code="26", slug="vinh-phuc", successor=current, region=DELTA)
    hoa_binh = make_province("Tỉnh Hòa Bình", code="17", slug="hoa-binh", successor=current, region=NORTH)
    lan = make_indicator("units-with-lan")
    computers = make_indicator("computers", unit=Indicator.Unit.COUNT)
    for province, shares in ((phu_tho, (40, 70)), (vinh_phuc, (50, 60)), (hoa_binh, (20, 90))):
        for year, share in zip((2010, 2014), shares, strict=True):
            make_measurement(lan, province, year, share, numerator=D(share), denominator=D(100))
            make_measurement(computers, province, year, 10 * share)
    make_target(lan, 80, 2015, baseline_year=2010)
    make_target(lan, 100, 2020, baseline_year=2010)
    make_target(computers, 900, 2015, province=phu_tho, baseline_year=2010)
    approver = make_user("approver", role=Membership.Role.APPROVER, provinces=[phu_tho, vinh_phuc, hoa_binh])
    return SimpleNamespace(**locals())


def stored(indicator, place, as_of, period):
    return StoredAssessment.objects.get(indicator=indicator, place=place, as_of=as_of, period=period)


def consistent():
    differences = assessments.check()
    assert differences == [], differences[:5]


def submitted(indicator, province, year, value, **extra):
    return make_measurement(indicator, province, year, value, status=WorkflowStatus.SUBMITTED, **extra)


def test_the_store_agrees_with_a_fresh_computation_from_the_start(world):
    consistent()
    nation = stored(world.lan, area_key("legacy"), 2014, 2015)
    # (70 + 60 + 90) / 300 = 73.33 % in 2014 against 80 % due 2015, from 36.67 % in 2010
    assert nation.current_value == D("73.33") and (nation.current_reporting, nation.current_expected) == (3, 3)
    assert nation.status == "on_track"


def test_an_approval_refreshes_the_unit_its_successor_its_region_and_the_nation(world):
    figure = submitted(world.lan, world.phu_tho, 2016, 95, numerator=D(95), denominator=D(100))
    assert not StoredAssessment.objects.filter(as_of=2016).exists(), "a submitted figure is on no page"
    workflow.approve(world.approver, figure)
    consistent()
    unit = stored(world.lan, unit_key(world.phu_tho.pk), 2016, 2020)
    assert (unit.latest_year, unit.latest_value) == (2016, D(95))
    successor = stored(world.lan, unit_key(world.current.pk), 2016, 2020)
    # one of the three old units reported 2016: a provisional figure, the status stays on 2014
    assert (successor.provisional_year, successor.provisional_reporting) == (2016, 1)
    assert successor.latest_year == 2014
    region = stored(world.lan, area_key("legacy", NORTH), 2016, 2020)
    assert (region.current_reporting, region.current_expected) == (1, 2)  # Phú Thọ and Hòa Bình are northern
    nation = stored(world.lan, area_key("current"), 2016, 2020)
    assert (nation.current_value, nation.current_reporting) == (D(95), 1)


def test_a_return_changes_nothing_a_page_shows_and_a_reopen_takes_the_figure_off(world):
    figure = submitted(world.computers, world.vinh_phuc, 2014 + 1, 700)
    before = StoredAssessment.objects.count()
    workflow.return_to_editor(world.approver, figure, "Thiếu nguồn")
    consistent()
    assert StoredAssessment.objects.count() == before
    approved = Measurement.objects.get(indicator=world.computers, province=world.hoa_binh, year=2014)
    workflow.reopen(world.approver, approved, "Sửa theo số liệu mới")
    consistent()
    unit = stored(world.computers, unit_key(world.hoa_binh.pk), 2014, 2015)
    assert unit.latest_year == 2010 and unit.current_year is None
    nation = stored(world.computers, area_key("legacy"), 2014, 2015)
    assert (nation.current_value, nation.current_reporting) == (D(1300), 2)  # 700 + 600, Hòa Bình's taken off


def test_a_sheet_approved_at_once_is_refreshed_once_at_the_end(world, django_assert_max_num_queries):
    figures = [
        submitted(world.lan, world.hoa_binh, 2015, 92, numerator=D(92), denominator=D(100)),
        submitted(world.computers, world.hoa_binh, 2015, 950),
    ]
    with assessments.deferred():
        for figure in figures:
            workflow.approve(world.approver, figure)
        assert not StoredAssessment.objects.filter(as_of=2015).exists(), "nothing refreshed before the end"
    consistent()
    assert stored(world.computers, unit_key(world.hoa_binh.pk), 2015, 2015).latest_value == D(950)


def test_a_year_gets_its_lines_with_its_first_approved_figure_and_keeps_them_refreshed(world):
    figure = submitted(world.lan, world.hoa_binh, 2019, 99, numerator=D(99), denominator=D(100))
    workflow.approve(world.approver, figure)
    assert StoredAssessment.objects.filter(as_of=2019, indicator=world.computers).exists(), "every indicator"
    assert stored(world.lan, unit_key(world.hoa_binh.pk), 2019, 2020).latest_year == 2019
    workflow.reopen(world.approver, figure, "Nhầm năm")
    consistent()
    assert stored(world.lan, unit_key(world.hoa_binh.pk), 2019, 2020).latest_year == 2014


def test_editing_a_target_refreshes_the_places_it_applies_to(world):
    target = world.lan.targets.get(deadline_year=2015)
    target.value = D(60)
    target.save()
    consistent()
    assert stored(world.lan, unit_key(world.phu_tho.pk), 2014, 2015).status == "achieved"  # 70 % ≥ 60 %
    own = world.computers.targets.get()
    own.value = D(650)
    own.save()
    consistent()
    assert stored(world.computers, unit_key(world.phu_tho.pk), 2014, 2015).status == "achieved"  # 700 ≥ 650
    own.delete()
    consistent()
    assert stored(world.computers, unit_key(world.phu_tho.pk), 2014, 2015).why == "no_target"


def test_a_target_of_a_new_plan_period_adds_that_period_everywhere(world):
    make_target(world.computers, 2000, 2030, province=world.current)
    consistent()
    assert StoredAssessment.objects.filter(indicator=world.lan, period=2030).exists()
    assert stored(world.computers, unit_key(world.current.pk), 2014, 2030).target_id is not None


def test_editing_an_indicator_recomputes_its_statuses(world):
    world.lan.direction = Indicator.Direction.LOWER
    world.lan.save()
    consistent()
    # lower is better: 70 % against 80 % is already met
    assert stored(world.lan, unit_key(world.phu_tho.pk), 2014, 2015).status == "achieved"


def test_a_new_unit_changes_every_national_count(world):
    make_province("Tỉnh Lào Cai", code="10", region=NORTH)
    consistent()
    nation = stored(world.lan, area_key("legacy"), 2014, 2015)
    assert (nation.current_reporting, nation.current_expected) == (3, 4)


def test_the_check_names_a_stored_row_that_differs_and_fails(world):
    call_command("rebuild_assessments", "--check")
    StoredAssessment.objects.filter(place=area_key("legacy"), as_of=2014, period=2015, indicator=world.lan).update(
        status="achieved"
    )
    with pytest.raises(CommandError):
        call_command("rebuild_assessments", "--check")
    call_command("rebuild_assessments")
    call_command("rebuild_assessments", "--check")


def test_loaders_leave_the_store_consistent(db):
    from tests.factories import load_everything

    load_everything(demo=True)
    assert StoredAssessment.objects.exists()
    consistent()


# --- rows read per page ---------------------------------------------------------------------------------

LISTS_INDICATORS = ["/", "/?units=current", "/indicators/", "/provinces/{province}/", "/directives/{directive}/"]
LISTS_PROVINCES = ["/provinces/", "/indicators/{indicator}/", "/indicators/{indicator}/?units=current"]


def rows_read(client, grid):
    """{url: stored lines and counts the page fetched}, every page of the two lists above."""
    found = {}
    for url in LISTS_INDICATORS + LISTS_PROVINCES:
        path = url.format(
            province=grid.provinces[0].slug, indicator=grid.indicators[0].code, directive=grid.directive.slug
        )
        response = client.get(path)
        assert response.status_code == 200, path
        found[url] = response.context["board"].rows_read
    return found


def test_rows_read_grow_only_with_what_the_page_lists(client, db):
    from tests.test_dashboards import Grid

    grid = Grid()
    grid.add_provinces(10)
    grid.add_indicators(5)
    client.force_login(make_user(role=Membership.Role.VIEWER, provinces=grid.provinces[:1]))
    small = rows_read(client, grid)
    grid.add_provinces(53)
    more_provinces = rows_read(client, grid)
    grid.add_indicators(45)
    more_indicators = rows_read(client, grid)
    for url in LISTS_INDICATORS:
        # a page listing indicators reads the same whatever the number of provinces, and a bounded
        # number of lines per indicator listed (its periods, its counts, its six places behind)
        # (the overview's map adds one line per unit of its one mapped indicator: 53 more units, 53 more lines)
        map_lines = 53 if url.startswith("/?") or url == "/" else 0
        assert more_provinces[url] - small[url] <= map_lines, url
        assert more_indicators[url] <= 20 * 50 + 63, (url, more_indicators[url])
    for url in LISTS_PROVINCES:
        # a page listing provinces reads the same whatever the number of indicators (the list of
        # one indicator's ranking, or one count per status and province)
        assert more_provinces[url] == more_indicators[url], url
        assert more_provinces[url] <= 8 * 64, (url, more_provinces[url])
