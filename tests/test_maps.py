"""The province map: boundaries for the 63 and the 34 units, the archipelagos with the units that hold
them, and the same statuses and values on the map as in the table beside it."""

import json
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
import shapely
from django.conf import settings
from shapely.geometry import Point, box, shape

from dashboards import maps
from provinces.generations import Units
from provinces.models import Membership, Province
from tests.factories import logged_in, make_user

ROOT = Path(settings.BASE_DIR)
UNITS = json.loads((ROOT / "provinces" / "fixtures" / "units.json").read_text(encoding="utf-8"))
GENERATIONS = {"legacy": 63, "current": 34}
DA_NANG, KHANH_HOA = "48", "56"
PATTLE = Point(111.605, 16.529)  # Đảo Hoàng Sa (Pattle Island), Quần đảo Hoàng Sa
NAM_YET = Point(114.365, 10.181)  # Đảo Nam Yết, Quần đảo Trường Sa
PARACELS = box(111.0, 15.6, 112.9, 17.2)
SPRATLYS = box(113.8, 9.5, 116.0, 11.3)


def features(generation):
    return json.loads((ROOT / "provinces" / "boundaries" / f"{generation}.geojson").read_text(encoding="utf-8"))[
        "features"
    ]


def geometries(generation):
    return {f["id"]: shape(f["geometry"]) for f in features(generation)}


@pytest.mark.parametrize("generation", GENERATIONS)
def test_each_map_has_one_feature_per_unit_of_its_generation(generation):
    found = features(generation)
    assert len(found) == GENERATIONS[generation]
    units = {u["code"]: u for u in UNITS[generation]["units"]}
    assert sorted(f["id"] for f in found) == sorted(units)
    for f in found:
        assert f["properties"]["code"] == f["id"]
        assert f["properties"]["slug"] == units[f["id"]]["slug"]


@pytest.mark.django_db
def test_the_map_codes_are_the_units_in_the_database():
    from django.core.management import call_command

    call_command("load_units", verbosity=0)
    for generation in GENERATIONS:
        units = [p for p in Province.objects.all() if (p.valid_to is None) == (generation == "current")]
        assert sorted((f["id"], f["properties"]["slug"]) for f in features(generation)) == sorted(
            (p.code, p.slug) for p in units
        )


@pytest.mark.parametrize("generation", GENERATIONS)
def test_da_nang_holds_hoang_sa_and_khanh_hoa_truong_sa(generation):
    shapes = geometries(generation)
    assert shapes[DA_NANG].contains(PATTLE)
    assert shapes[KHANH_HOA].contains(NAM_YET)
    paracels = [p for p in shapes[DA_NANG].geoms if p.within(PARACELS)]
    spratlys = [p for p in shapes[KHANH_HOA].geoms if p.within(SPRATLYS)]
    assert len(paracels) == 6 and len(spratlys) == 11  # every island of the source's two archipelagos
    for code, geometry in shapes.items():
        if code not in (DA_NANG, KHANH_HOA):
            assert not geometry.intersects(PARACELS) and not geometry.intersects(SPRATLYS), code


@pytest.mark.parametrize("generation", GENERATIONS)
def test_the_boundaries_are_valid_small_and_wound_for_d3_geo(generation):
    path = ROOT / "provinces" / "boundaries" / f"{generation}.geojson"
    assert path.stat().st_size < 150_000
    shapes = geometries(generation)
    for code, geometry in shapes.items():
        assert geometry.is_valid, code
        for polygon in geometry.geoms:
            # d3-geo: exterior rings clockwise in longitude/latitude, holes anticlockwise (not RFC 7946)
            assert not polygon.exterior.is_ccw, code
            assert all(ring.is_ccw for ring in polygon.interiors), code
    # neighbours share their borders: no overlaps
    total = sum(g.area for g in shapes.values())
    assert shapely.union_all(list(shapes.values())).area == pytest.approx(total, rel=1e-6)


def test_the_34_units_cover_what_the_63_covered():
    old, new = geometries("legacy"), geometries("current")
    old_union, new_union = shapely.union_all(list(old.values())), shapely.union_all(list(new.values()))
    assert new_union.symmetric_difference(old_union).area < 0.01 * old_union.area
    # Phú Thọ of 2025 is Phú Thọ, Vĩnh Phúc and Hòa Bình
    merged = shapely.union_all([old["25"], old["26"], old["17"]])
    assert new["25"].symmetric_difference(merged).area < 0.02 * merged.area


def test_the_svg_outline_projects_every_unit():
    outline = maps.outline(Units.CURRENT)
    assert len(outline.paths) == 34 and all(p.startswith("M") for p in outline.paths.values())
    assert outline.islets[DA_NANG] and outline.islets[KHANH_HOA]
    assert not any(points for code, points in outline.islets.items() if code not in (DA_NANG, KHANH_HOA))


# --- the page: the server's SVG and the table beside it say the same ------------------------------


@pytest.fixture
def leader(demo_db, db):
    phu_tho = Province.objects.legacy().get(slug="phu-tho")
    return logged_in(make_user(role=Membership.Role.VIEWER, provinces=[phu_tho]))


def svg_areas(doc):
    return {
        urlsplit(a.get("href")).path: (a.get("data-status"), a.get("data-value"))
        for a in doc.xpath("//*[local-name()='svg'][contains(@class, 'map-svg')]//*[local-name()='a'][@data-code]")
    }


def table_rows(table):
    rows = {}
    for tr in table.xpath("./tbody/tr"):
        link = tr.xpath("./th[@scope='row']//a")[0]
        status = (
            tr.xpath(".//span[contains(concat(' ', @class, ' '), ' status ')]")[0]
            .get("class")
            .split()[1]
            .removeprefix("status-")
        )
        value_cell = tr.xpath("./td[starts-with(@data-label, 'Giá trị năm')]")[0]
        figure = value_cell.xpath("./span[@class='figure']")  # not the latest figure shown under a missing one
        value = figure[0].text_content().strip() if figure else None
        rows[urlsplit(link.get("href")).path] = (status, value, value_cell.text_content())
    return rows


def assert_map_matches_table(doc, table, count):
    areas = svg_areas(doc)
    rows = table_rows(table)
    assert len(areas) == count and len(rows) == count
    assert set(areas) == set(rows)
    for path, (status, value_text) in areas.items():
        table_status, table_value, cell = rows[path]
        assert status == table_status, path
        if table_value is not None:
            assert value_text == table_value, path
        else:
            assert value_text in cell, path


@pytest.mark.parametrize(
    "query, count",
    [("?units=current", 34), ("?units=legacy&year=2015", 63), ("?units=current&map_by=value&map=households-fibre", 34)],
)
def test_the_overview_map_and_its_table_carry_the_same_statuses_and_values(leader, query, count):
    response = leader.get(f"/{query}")
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    assert_map_matches_table(doc, doc.xpath("//table[contains(@class, 'map-values')]")[0], count)
    labels = " ".join(t.text_content() for t in doc.xpath("//*[local-name()='text'][@class='map-label']"))
    assert "Quần đảo Hoàng Sa" in labels and "Quần đảo Trường Sa" in labels and labels.count("(Việt Nam)") == 2


@pytest.mark.parametrize("query, count", [("?units=current", 34), ("?year=2015", 63), ("?year=2015&map_by=value", 63)])
def test_the_indicator_page_map_and_its_ranking_carry_the_same_statuses_and_values(leader, query, count):
    response = leader.get(f"/indicators/admin-services-online/{query}")
    doc = lxml.html.fromstring(response.content)
    assert_map_matches_table(doc, doc.xpath("//table[contains(@class, 'ranking-table')]")[0], count)


def test_the_map_colours_by_value_with_a_legend_of_round_classes(leader):
    response = leader.get("/indicators/admin-services-online/?year=2015&map_by=value")
    doc = lxml.html.fromstring(response.content)
    fills = {p.get("class") for p in doc.xpath("//*[local-name()='path'][starts-with(@class, 'map-fill')]")}
    assert fills <= {f"map-fill-map-scale-{n}" for n in range(1, 6)} | {"map-fill-map-none"}
    legend = [li.text_content() for li in doc.xpath("//ul[@class='map-legend']/li")]
    assert legend and all("–" in entry for entry in legend if "Chưa" not in entry)
    counted = sum(int(entry.rsplit("(", 1)[1].rstrip(") \n")) for entry in legend)
    assert counted == 63


def test_the_map_follows_the_status_filter_and_the_region(leader):
    response = leader.get("/indicators/admin-services-online/?year=2015&region=tdmnpb")
    doc = lxml.html.fromstring(response.content)
    statuses = [
        a.get("data-status")
        for a in doc.xpath("//*[local-name()='svg'][contains(@class, 'map-svg')]//*[local-name()='a'][@data-code]")
    ]
    assert len(statuses) == 63
    shown = [s for s in statuses if s]
    assert 0 < len(shown) < 63  # the other regions are drawn, outside the selection
    assert len(doc.xpath("//*[local-name()='path'][@class='map-fill-map-out']")) == 63 - len(shown)


def test_the_map_speaks_english(leader):
    leader.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = leader.get("/?units=current")
    doc = lxml.html.fromstring(response.content)
    labels = " ".join(t.text_content() for t in doc.xpath("//*[local-name()='text'][@class='map-label']"))
    assert "Hoang Sa" in labels or "Hoàng Sa" in labels
    assert "(Viet Nam)" in labels
