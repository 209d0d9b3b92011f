"""The province map: what colour each unit takes, from the rows the page already has.

``province_map`` takes the rows of one indicator (``indicators.board.Row``: a place, the figure of
the year asked, an Assessment per plan period) and returns a ``ProvinceMap``: for every unit of the
generation shown (the 63 before 1 July 2025, the 34 after) its status, value, colour and link. The
canvas map (``static/js/map-chart.js``, chartjs-chart-geo), the SVG drawn here for print and for
browsers without JavaScript, and the legend all read that one object, and the table beside the map
is built from the same rows, so the three can never disagree.

The boundaries are ``provinces/boundaries/{legacy,current}.geojson`` (``manage.py build_boundaries``);
the colours are CSS custom properties of ``static/css/site.css``: ``--status-<key>`` by status,
``--map-scale-<n>`` by value, ``--map-none`` and ``--map-out``.
"""

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from indicators.numbers import format_vn
from indicators.progress import KEY_LABELS, KEYS, Status, status_key
from provinces.generations import Units

from .templatetags.dashboard_tags import with_unit

NOT_ENOUGH_DATA = str(Status.NOT_ENOUGH_DATA)
BOUNDARIES = Path(settings.BASE_DIR) / "provinces" / "boundaries"
STATUS = "status"
VALUE = "value"
COLOUR_BY = [(STATUS, _("Theo trạng thái")), (VALUE, _("Theo giá trị"))]
SCALE_STEPS = 5  # classes of the sequential scale (--map-scale-1 … --map-scale-5)
WIDTH = 600  # the SVG's viewBox width; its height follows the projection
ISLETS_EAST_OF = 110.5  # longitude: east of it lie only the islands of Hoàng Sa and Trường Sa

# The archipelagos, labelled where they lie so no reader takes them for anyone else's: Hoàng Sa is part
# of Đà Nẵng, Trường Sa of Khánh Hòa (build_boundaries). Each label: its lines, the longitude and latitude
# of its anchor, the side of the anchor the text takes ("middle", "end") and whether it stands above it.
ARCHIPELAGOS = [
    ((_("Quần đảo Hoàng Sa"), _("(Việt Nam)")), 112.0, 17.05, "middle", True),
    ((_("Quần đảo Trường Sa"), _("(Việt Nam)")), 115.7, 9.45, "end", False),
]
LABEL_SIZE = 12  # px in the SVG (its line height: 14)


def colour_by(value):
    """The colouring asked for in the query string (``map_by``): by status unless by value."""
    return VALUE if value == VALUE else STATUS


# --- geometry: a Mercator projection of the committed boundaries, as SVG paths ---------------------


def _mercator(lon, lat):
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _exteriors(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [polygon[0] for polygon in polygons]


def _rings(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


@dataclass(frozen=True)
class Outline:
    """One generation's boundaries projected to the SVG: {code: path}, the projection and the size."""

    paths: dict
    islets: dict  # {code: [(lon, lat)]}: the archipelagos' islands, too small to see, marked by a dot
    names: dict
    slugs: dict
    scale: float
    left: float
    top: float
    height: float

    def point(self, lon, lat):
        x, y = _mercator(lon, lat)
        return round((x - self.left) * self.scale, 1), round((self.top - y) * self.scale, 1)


def geometry_path(units):
    return BOUNDARIES / f"{Units(units).value}.geojson"


@lru_cache(maxsize=2)
def outline(units):
    """The boundaries of ``units`` (a provinces.generations.Units) projected to a viewBox WIDTH wide."""
    features = json.loads(geometry_path(units).read_text(encoding="utf-8"))["features"]
    points = [_mercator(lon, lat) for f in features for ring in _rings(f["geometry"]) for lon, lat in ring]
    left, right = min(x for x, _y in points), max(x for x, _y in points)
    bottom, top = min(y for _x, y in points), max(y for _x, y in points)
    scale = WIDTH / (right - left)
    paths = {}
    islets = {}
    for f in features:
        islets[f["id"]] = [
            (round(sum(lon for lon, _ in ring) / len(ring), 3), round(sum(lat for _, lat in ring) / len(ring), 3))
            for ring in _exteriors(f["geometry"])
            if min(lon for lon, _ in ring) > ISLETS_EAST_OF
        ]
        parts = []
        for ring in _rings(f["geometry"]):
            xy = [_mercator(lon, lat) for lon, lat in ring[:-1]]
            coords = [f"{(x - left) * scale:.1f} {(top - y) * scale:.1f}" for x, y in xy]
            parts.append("M" + "L".join(coords) + "Z")
        paths[f["id"]] = "".join(parts)
    return Outline(
        paths,
        islets,
        {f["id"]: f["properties"]["name"] for f in features},
        {f["id"]: f["properties"]["slug"] for f in features},
        scale,
        left,
        top,
        round((top - bottom) * scale, 1),
    )


# --- the data of each unit ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """One unit on the map, as the canvas, the SVG and the legend show it."""

    code: str
    name: str
    url: str
    colour: str  # the CSS custom property that fills it, without "--": status-achieved, map-scale-3 …
    status: str  # the status key against the page's plan period ("" when the page has no row for it)
    status_label: str
    value: Decimal | None  # the figure of the year asked, as the table's value column
    value_text: str
    path: str = ""
    islets: tuple = ()  # [(lon, lat)] of the unit's far islands (Hoàng Sa, Trường Sa), drawn as dots
    dots: tuple = ()  # the same, projected to the SVG: [(x, y)] as text

    @property
    def shown(self):
        return bool(self.status)

    @property
    def title(self):
        if not self.shown:
            return gettext("%(name)s: không thuộc bộ lọc") % {"name": self.name}
        return f"{self.name}: {self.value_text} · {self.status_label}"

    def as_json(self):
        return {
            "code": self.code,
            "name": self.name,
            "url": self.url,
            "colour": self.colour,
            "status": self.status,
            "title": self.title,
            "value": float(self.value) if self.value is not None else None,
            "islets": [list(point) for point in self.islets],
        }


@dataclass(frozen=True)
class Label:
    """An archipelago's name on the map; ``svg_lines`` are its lines with their SVG x and y (text)."""

    lines: tuple
    lon: float
    lat: float
    anchor: str
    above: bool
    svg_lines: tuple


def _label(outline, lines, lon, lat, anchor, above):
    x, y = outline.point(lon, lat)
    first = y - 14 * (len(lines) - 1) - 3 if above else y + LABEL_SIZE
    return Label(
        lines, lon, lat, anchor, above, tuple((line, str(x), f"{first + 14 * i:.1f}") for i, line in enumerate(lines))
    )


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str
    count: int


@dataclass
class ProvinceMap:
    indicator: object
    units: str
    colour_by: str
    as_of: int | None
    window: object
    areas: list
    legend: list
    outline: Outline
    labels: list = field(default_factory=list)  # [Label]

    @property
    def geometry_url(self):
        return static(f"boundaries/{Units(self.units).value}.geojson")

    @property
    def width(self):
        return WIDTH

    @property
    def height(self):
        return self.outline.height

    @property
    def viewbox(self):
        """The SVG's viewBox, written with dots whatever the language (a template would localise floats)."""
        return f"0 0 {WIDTH} {self.outline.height}"

    @property
    def ratio(self):
        return f"{WIDTH} / {self.outline.height}"

    @property
    def colour_choices(self):
        return COLOUR_BY

    @property
    def by_value(self):
        return self.colour_by == VALUE

    def chart_data(self):
        """What map-chart.js needs beside the geometry (json_script)."""
        return {
            "areas": [a.as_json() for a in self.areas],
            "labels": [
                {
                    "lines": [str(t) for t in label.lines],
                    "lon": label.lon,
                    "lat": label.lat,
                    "anchor": label.anchor,
                    "above": label.above,
                }
                for label in self.labels
            ],
        }


def _nice_steps(span):
    """Round class widths from about ``span`` / SCALE_STEPS up: 1, 2, 2.5 or 5 times a power of ten."""
    power = Decimal(10) ** ((span / SCALE_STEPS).adjusted())
    while True:
        for factor in (1, 2, Decimal("2.5"), 5):
            yield power * factor
        power *= 10


def _scale(values):
    """Classes of one round width from a round number below the smallest value: [(low, high)], at most SCALE_STEPS."""
    low, high = min(values), max(values)
    if low == high:
        return [(low, high)]
    for step in _nice_steps(high - low):
        start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
        count = int(((high - start) / step).to_integral_value(rounding="ROUND_FLOOR")) + 1
        if (high - start) % step == 0:
            count -= 1  # the largest value closes the last class
        if count <= SCALE_STEPS:
            return [(start + step * i, start + step * (i + 1)) for i in range(count)]
    raise AssertionError("unreachable")


def _class_of(value, classes):
    for index, (_low, high) in enumerate(classes, 1):
        if value < high:
            return index
    return len(classes)


def province_map(rows, *, indicator, units, window, as_of, colour="status", query=""):
    """The ProvinceMap of ``rows`` (one indicator's board rows) for the units of ``units``.

    The status is each row's Assessment against ``window`` (the page's plan period), the value its
    figure of the year asked (``row.current``, the table's value column). Units without a row (another
    region, another status than the one filtered on) are drawn as outside the selection. ``query`` is
    appended to every unit's link (the filters its page keeps).
    """
    shape = outline(units)
    by_code = {row.place.code: row for row in rows if row.place is not None}
    values = [r.current.value for r in by_code.values() if r.current is not None and r.current.value is not None]
    classes = _scale(values) if values else []
    areas = []
    for code, path in shape.paths.items():
        row = by_code.get(code)
        url = reverse("province-detail", args=[shape.slugs[code]]) + query
        islets = tuple(shape.islets[code])
        dots = tuple(tuple(str(c) for c in shape.point(lon, lat)) for lon, lat in islets)
        if row is None:
            areas.append(Area(code, shape.names[code], url, "map-out", "", "", None, "", path, islets, dots))
            continue
        assessment = row.assessment(window)
        key = status_key(assessment.progress)
        figure = row.current
        value = figure.value if figure is not None else None
        if value is not None:
            text = with_unit(value, indicator)
        else:
            text = gettext("chưa báo cáo năm %(year)s") % {"year": as_of} if as_of else gettext("chưa báo cáo")
        if colour == VALUE:
            fill = f"map-scale-{_class_of(value, classes)}" if value is not None else "map-none"
        else:
            fill = f"status-{key}"
        label = str(assessment.progress.label)
        areas.append(Area(code, row.place.full_label, url, fill, key, label, value, text, path, islets, dots))
    return ProvinceMap(
        indicator,
        units,
        colour,
        as_of,
        window,
        areas,
        _legend(areas, colour, classes, indicator),
        shape,
        [_label(shape, *archipelago) for archipelago in ARCHIPELAGOS],
    )


def _legend(areas, colour, classes, indicator):
    counts = {}
    for area in areas:
        counts[area.colour] = counts.get(area.colour, 0) + 1
    entries = []
    if colour == VALUE:
        for index, (low, high) in enumerate(classes, 1):
            text = with_unit(low, indicator) if low == high else f"{format_vn(low)} – {with_unit(high, indicator)}"
            entries.append(LegendEntry(f"map-scale-{index}", text, counts.get(f"map-scale-{index}", 0)))
        if counts.get("map-none"):
            entries.append(LegendEntry("map-none", gettext("Chưa báo cáo năm này"), counts["map-none"]))
    else:
        for key in KEYS:
            if counts.get(f"status-{key}"):
                entries.append(LegendEntry(f"status-{key}", str(KEY_LABELS[key]), counts[f"status-{key}"]))
    if counts.get("map-out"):
        entries.append(LegendEntry("map-out", gettext("Không thuộc bộ lọc"), counts["map-out"]))
    return entries


def chosen_summary(summaries, code):
    """The overview's map indicator: ``?map=<code>`` if it is on the page, else the one with most units
    whose status is known against the page's period (the first of those, in the page's order)."""
    for summary in summaries:
        if summary.indicator.code == code:
            return summary
    if not summaries:
        return None

    def known(summary):
        return sum(t.count for t in summary.counts if t.key != NOT_ENOUGH_DATA)

    return max(summaries, key=known)
