"""What a reader meets on the demo (issue 18 items 4, 5, 6 and 11), loaded once for the module.

- Names that cannot be confused: a unit before the 1 July 2025 merger always carries its generation
  ("Phú Thọ (trước 1/7/2025)"), so no page shows two different units under one label. The pages are
  crawled as a leader of Phú Thọ opens them (her unit exists in both generations), with and without
  ``units=current`` and ``year=2015``.
- Directive pages open on the units, year and period of every other page.
- A successor with one predecessor carries its value-only ratio; a national figure that cannot be
  computed says why, with its n/m, on the page and in the export.
- Sources are named by their document's title and link, never by a file name.
"""

import json
import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from directives.models import Directive
from indicators.demo import load_demo_users
from indicators.models import Indicator, Measurement
from provinces.models import Province
from tests.excel_helpers import records, row_with, workbook_of
from tests.factories import rebuilt

pytestmark = pytest.mark.django_db

User = get_user_model()
PROVINCE_LINK = re.compile(r"^/provinces/([\w-]+)/(?:\?.*)?$")


@pytest.fixture(scope="module")
def crawl(demo_db, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo_users()
        units = {p.slug: p for p in Province.objects.all()}
        directives = list(Directive.objects.order_by("pk"))
    return units, directives


class UnitNames(HTMLParser):
    """Every place a page names a unit it can be told apart by: links to a unit's page (their text) and
    the options of unit pickers (their text), as (slug, text); the charts' json_script data as text."""

    def __init__(self):
        super().__init__()
        self.named = []  # (slug, text, inside the filter form)
        self.charts = []
        self._link = None
        self._option = None
        self._script = None
        self._in_form = 0
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "filters" in (attrs.get("class") or ""):
            self._in_form += 1
        if tag == "a" and PROVINCE_LINK.match(attrs.get("href") or ""):
            self._link, self._text = PROVINCE_LINK.match(attrs["href"]).group(1), []
        elif tag == "option" and attrs.get("value"):
            self._option, self._text = attrs["value"], []
        elif tag == "script" and attrs.get("type") == "application/json":
            self._script, self._text = True, []

    def handle_data(self, data):
        if self._link or self._option or self._script:
            self._text.append(data)

    def handle_endtag(self, tag):
        text = " ".join("".join(self._text).split())
        if tag == "a" and self._link:
            self.named.append((self._link, text, bool(self._in_form)))
            self._link = None
        elif tag == "option" and self._option:
            self.named.append((self._option, text, True))
            self._option = None
        elif tag == "script" and self._script:
            self.charts.append(json.loads("".join(self._text)))
            self._script = None
        elif tag == "form" and self._in_form:
            self._in_form -= 1


def chart_labels(data):
    """Every series or bar label of a chart's data."""
    if not isinstance(data, dict):
        return []
    found = list(data.get("labels") or [])
    found += [line["label"] for line in data.get("lines") or [] if "label" in line]
    return [label for label in found if isinstance(label, str)]


def pages(units, directives):
    variants = ["", "?units=current", "?units=legacy", "?year=2015"]
    paths = ["/", "/provinces/", "/indicators/", "/directives/"]
    paths += ["/provinces/phu-tho/", "/provinces/phu-tho-2025/"]
    paths += [f"/indicators/{code}/" for code in ("computers", "units-with-lan", "services-fully-online")]
    paths += [d.get_absolute_url() for d in directives]
    return [path + variant for path in paths for variant in variants]


def check_page(url, html, units, response):
    """What one page must hold: a unit's every name on it is its own label, and a label is one unit's."""
    parser = UnitNames()
    parser.feed(html)
    by_label = defaultdict(set)
    for slug, text, _in_form in parser.named:
        unit = units.get(slug)
        if unit is None or unit.short_name not in text:
            continue  # a link that does not name the unit ("xem mọi chỉ số của tỉnh")
        named = (unit.label, unit.full_label)
        assert text in named or text.startswith(tuple(f"{n}{after}" for n in named for after in (" ", ":"))), (
            url,
            slug,
            text,
        )
        by_label[unit.label].add(slug)
    labels = {}
    for unit in units.values():
        labels.setdefault(unit.label, set()).add(unit.slug)
    for data in parser.charts:
        for label in chart_labels(data):
            if label in labels:
                by_label[label] |= labels[label]
    shared = {label: slugs for label, slugs in by_label.items() if len(slugs) > 1}
    assert not shared, (url, shared)
    # the charts that name units name them with the rows they draw
    context = response.context or {}
    for row, chart, _id in context.get("charts") or []:
        assert all(line["label"] == row.place.label for line in chart["lines"]), url
    if "ranking_chart" in context:
        assert context["ranking_chart"]["labels"] == [r.place.label for r in context["ranked"]], url
    if "comparison_chart" in context:
        drawn = [line["label"] for line in context["comparison_chart"]["lines"] if not line.get("national")]
        assert drawn == [r.place.label for r in context["compared"]], url
    return parser


def test_a_unit_before_the_merger_never_shares_a_label_with_a_current_one(crawl):
    units, _directives = crawl
    for language in ("vi", "en"):
        with translation.override(language):
            before = {p.label for p in units.values() if not p.is_current}
            now = {p.label for p in units.values() if p.is_current}
            assert len(before) == 63 and len(now) == 34
            assert not before & now
            assert (
                units["phu-tho"].label
                == {"vi": "Phú Thọ (trước 1/7/2025)", "en": "Phú Thọ (before 1 Jul 2025)"}[language]
            )
            assert units["phu-tho-2025"].label == "Phú Thọ"


def test_no_page_shows_two_units_under_one_label(crawl):
    units, directives = crawl
    client = Client()
    client.force_login(User.objects.get(username="phutho-viewer"))
    for url in pages(units, directives):
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(url, response.content.decode(), units, response)


def test_a_page_of_one_generation_lists_only_its_units_outside_the_pickers(crawl):
    """The overview's ranking row, its card and its charts speak of the same Phú Thọ (today's, by default)."""
    units, _directives = crawl
    client = Client()
    client.force_login(User.objects.get(username="phutho-viewer"))
    for url, current in [("/", True), ("/?units=legacy", False), ("/provinces/", True), ("/?year=2015", False)]:
        response = client.get(url)
        parser = UnitNames()
        parser.feed(response.content.decode())
        listed = {slug for slug, _text, in_form in parser.named if not in_form and slug in units}
        assert listed, url
        assert {units[slug].is_current for slug in listed} == {current}, url
        highlight = response.context.get("highlight")
        if highlight is not None:
            assert highlight.is_current == current, url


def test_unit_pickers_group_the_units_by_generation(crawl):
    client = Client()
    client.force_login(User.objects.get(username="phutho-viewer"))
    html = client.get("/?units=current").content.decode()
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', html, re.S)
    headings = [heading for heading, _options in groups[:2]]
    assert headings == ["Hiện nay (từ 1/7/2025)", "Trước 1/7/2025"]
    today, before = (re.findall(r"<option[^>]*>([^<]+)</option>", options) for _h, options in groups[:2])
    assert "Tỉnh Phú Thọ" in today and "Tỉnh Phú Thọ (trước 1/7/2025)" in before
    assert len(today) == 34 and len(before) == 63


def leader():
    client = Client()
    client.force_login(User.objects.get(username="phutho-viewer"))
    return client


def opened_on(response):
    context = response.context
    return context["as_of"], context["window"], context["params"].units


def test_a_directive_page_opens_on_the_units_year_and_period_of_every_other_page(crawl):
    client = leader()
    overview = opened_on(client.get("/"))
    assert overview[2] == "current"
    for slug in ("749-qd-ttg", "58-ct-tw"):
        national = client.get(f"/directives/{slug}/?province=")
        assert opened_on(national) == overview, slug
        assert "34 tỉnh, thành phố hiện nay" in national.content.decode()
    mine = client.get("/directives/749-qd-ttg/")  # her own unit, today's Phú Thọ
    assert mine.context["place"].slug == "phu-tho-2025"
    assert opened_on(mine)[1:] == overview[1:]
    assert opened_on(client.get("/directives/749-qd-ttg/?province=&year=2015"))[2] == "legacy"


def test_a_directive_without_numbered_tasks_shows_its_own_targets_or_says_it_has_none(crawl):
    client = leader()
    decision = client.get("/directives/749-qd-ttg/?province=")
    html = decision.content.decode()
    assert "Chỉ tiêu do văn bản đặt ra" in html
    own = [row.indicator.code for row in decision.context["own_table"].rows]
    assert "services-fully-online" in own
    assert sum(t.count for t in decision.context["counts"]) == len(own)
    politburo = client.get("/directives/58-ct-tw/")
    assert not politburo.context["counts"]  # no all-zero counts
    assert "Văn bản này chưa có chỉ số hay chỉ tiêu nào để đo." in politburo.content.decode()


def test_a_successor_with_a_single_predecessor_carries_its_value_only_ratio(crawl):
    share = Indicator.objects.get(code="units-with-lan")
    Measurement.objects.filter(indicator=share, province__slug="son-la", year=2024).update(
        value=7, numerator=None, denominator=None
    )
    rebuilt([share])  # a bulk update: its stored rows and the generation follow once
    response = leader().get("/provinces/son-la-2025/?year=2024")
    row = next(r for r in response.context["rows"] if r.indicator == share)
    assert (row.current.value, row.current.coverage, row.current.reason) == (7, "1/1", "")
    assert "Không cộng gộp được" not in response.content.decode()


def test_a_national_figure_that_cannot_be_computed_says_why_with_n_of_m(crawl):
    share = Indicator.objects.get(code="units-with-lan")
    reported = Measurement.objects.filter(indicator=share, year=2025).exclude(value=None)
    Measurement.objects.filter(pk=reported.first().pk).update(numerator=None, denominator=None)
    rebuilt([share])  # a bulk update: its stored rows and the generation follow once
    client = leader()
    response = client.get("/indicators/units-with-lan/?year=2025")
    national = response.context["national"]
    assert national.current.value is None and national.unresolved is national.current
    shown = response.content.decode()
    national_part = shown[shown.index('class="national"') :][:2000]
    assert "Không tính được" in national_part and "1 đơn vị chỉ báo cáo tỷ lệ" in national_part
    assert f"{reported.count()}/34 tỉnh báo cáo" in national_part
    assert "tạm tính" not in national_part
    sheet = workbook_of(client.get("/indicators/?year=2025&format=xlsx")).active
    header = row_with(sheet, "Không tính được vì")
    line = next(r for r in records(sheet, header) if r["Chỉ số"].value == str(share.name))
    assert "1 đơn vị chỉ báo cáo tỷ lệ" in line["Không tính được vì"].value
    assert (line["Năm tạm tính"].value, line["Số đơn vị đã báo cáo"].value) == (2025, f"{reported.count()}/34")
    assert line["Số liệu mới hơn (tạm tính)"].value is None


def test_a_source_shows_its_documents_title_and_link_never_a_file_name(crawl):
    client = leader()
    for slug in ("58-ct-tw", "749-qd-ttg", "24-ct-tu-lao-cai"):
        html = client.get(f"/directives/{slug}/").content.decode()
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", html), slug
    politburo = client.get("/directives/58-ct-tw/").content.decode()
    assert "Hội nghị tổng kết 10 năm thực hiện Chỉ thị 58-CT/TW của tỉnh Phú Thọ" in politburo
    decision = client.get("/directives/749-qd-ttg/").content.decode()
    assert 'href="https://vietnamlawmagazine.vn/program-on-national-digital-transformation-approved-27272.html"' in (
        decision
    )


def test_every_stored_source_reads_as_a_title_and_link_in_exports_and_reports(crawl):
    from indicators.models import Target
    from indicators.source_documents import PHU_THO_CONFERENCE_FILE, figure_source, source_of

    stored = set()
    for model in (Directive, Indicator, Target, Measurement):
        stored |= set(model.objects.exclude(source_file="").values_list("source_file", flat=True))
    assert PHU_THO_CONFERENCE_FILE in stored
    for source_file in stored:
        text = figure_source("", source_file)  # what an export or report cell holds
        assert text and not re.search(r"\d{3}_[0-9a-f]{16}\.txt", text), source_file
        assert text == str(source_of(source_file))
    assert figure_source("", PHU_THO_CONFERENCE_FILE) == (
        "Hội nghị tổng kết 10 năm thực hiện Chỉ thị 58-CT/TW của tỉnh Phú Thọ"
    )
    assert figure_source("Báo cáo số 12/BC-STTTT", "") == "Báo cáo số 12/BC-STTTT"  # typed by an editor
    with translation.override("en"):
        assert str(source_of(PHU_THO_CONFERENCE_FILE)) == (
            "Phú Thọ province's conference reviewing 10 years of Directive 58-CT/TW"
        )
