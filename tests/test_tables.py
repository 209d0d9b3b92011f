"""Every dashboard table with a "Tải Excel" button shows what its workbook holds.

A leader reads a table on the page, downloads it with the button beside it and expects the same
columns, under the same headers and in the same order, and the same rows (the workbook may add
columns the page shows inside a neighbouring cell: the unit, the year, "n/m reporting").
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import test_reporting
from tests.excel_helpers import records, workbook_of
from tests.test_reporting import YEAR, client_for

world = test_reporting.world  # the fixture of the Excel tests: Phú Thọ's figures, 24-CT/TU, personas

PAGES = [
    # (page, table= of its export button)
    (f"/?year={YEAR}", ""),
    (f"/provinces/?year={YEAR}", ""),
    (f"/provinces/phu-tho/?year={YEAR}", ""),
    (f"/indicators/?year={YEAR}", ""),
    (f"/indicators/units-with-lan/?year={YEAR}&compare=phu-tho&compare=lao-cai", ""),
    (f"/indicators/units-with-lan/?year={YEAR}&compare=phu-tho&compare=lao-cai", "series"),
    ("/directives/{directive}/?province=phu-tho", ""),
    ("/directives/{directive}/?province=", ""),
]


class PageTables(HTMLParser):
    """The sections of a page, each with the href of its "Tải Excel" button and its data tables.

    A table is a ``table.data`` not nested in another table (a status opens onto a small table
    of its own numbers); for each: the header texts and the number of body rows, leaving out
    group headings and the "nothing matches" line.
    """

    def __init__(self, html):
        super().__init__()
        self.sections = []
        self._open = []  # sections being read
        self._depth = 0  # tables open
        self._part = None  # thead or tbody of the outer table
        self._header = None  # the text of the header cell being read
        self._row = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "section":
            self._open.append({"export": None, "tables": []})
        elif tag == "a" and "export-button" in classes and self._open:
            self._open[-1]["export"] = attrs["href"]
        elif tag == "table":
            self._depth += 1
            if self._depth == 1 and "data" in classes and self._open:
                self._open[-1]["tables"].append({"headers": [], "rows": 0})
        elif self._depth != 1 or not self._open or not self._open[-1]["tables"]:
            return
        elif tag in ("thead", "tbody"):
            self._part = tag
        elif tag == "th" and self._part == "thead":
            self._header = []
        elif tag == "tr" and self._part == "tbody":
            self._row = {"group": "group" in classes, "spans": False}
        elif tag == "td" and self._row is not None and "colspan" in attrs:
            self._row["spans"] = True

    def handle_endtag(self, tag):
        if tag == "section" and self._open:
            self.sections.append(self._open.pop())
        elif tag == "table":
            self._depth -= 1
            if self._depth == 0:
                self._part = None
        elif self._depth != 1 or not self._open or not self._open[-1]["tables"]:
            return
        elif tag == "th" and self._header is not None:
            self._open[-1]["tables"][-1]["headers"].append(re.sub(r"\s+", " ", "".join(self._header)).strip())
            self._header = None
        elif tag == "tr" and self._row is not None:
            if not self._row["group"] and not self._row["spans"]:
                self._open[-1]["tables"][-1]["rows"] += 1
            self._row = None

    def handle_data(self, data):
        if self._header is not None:
            self._header.append(data)


def page_and_export(world, url, table, language="vi"):
    """The page's tables beside the button for ``table``, and the sheet that button downloads."""
    client = client_for(world, "viewer")
    client.cookies["django_language"] = language
    url = url.format(directive=world["directive"].slug)
    response = client.get(url)
    assert response.status_code == 200, url
    sections = PageTables(response.content.decode()).sections
    buttons = [s for s in sections if s["export"] is not None]
    chosen = [s for s in buttons if parse_qs(urlsplit(s["export"]).query).get("table", [""])[0] == table]
    assert len(chosen) == 1, [s["export"] for s in buttons]
    section = chosen[0]
    assert section["tables"], f"no table beside the button {section['export']}"
    ws = workbook_of(client.get(urlsplit(url).path + section["export"])).active
    return section["tables"], ws, header_row_of(ws)


def header_row_of(ws):
    """The header row is where the autofilter starts (A5:M9 → 5)."""
    return int(re.match(r"[A-Z]+(\d+):", ws.auto_filter.ref).group(1))


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("url", "table"), PAGES)
def test_every_column_of_a_page_table_is_in_its_export_under_the_same_header_in_the_same_order(
    world, url, table, language
):
    tables, ws, header_row = page_and_export(world, url, table, language)
    shown = tables[0]["headers"]
    assert shown, "the page table has headers"
    assert all(t["headers"] == shown for t in tables), "the tables beside one button share their columns"
    exported = [str(cell.value) for cell in ws[header_row] if cell.value is not None]
    missing = [header for header in shown if header not in exported]
    assert not missing, (missing, exported)
    positions = [exported.index(header) for header in shown]
    assert positions == sorted(positions), (shown, exported)


@pytest.mark.parametrize(("url", "table"), [p for p in PAGES if not p[0].startswith("/directives/")])
def test_a_page_table_has_as_many_rows_as_its_export(world, url, table):
    tables, ws, header_row = page_and_export(world, url, table)
    shown = sum(t["rows"] for t in tables)
    assert shown > 0, "the world has rows for every table"
    assert shown == len(records(ws, header_row))


@pytest.mark.parametrize("province", ["phu-tho", ""])
def test_the_directive_page_shows_each_indicator_line_and_each_task_of_its_export(world, province):
    url = f"/directives/{{directive}}/?province={province}"
    tables, ws, header_row = page_and_export(world, url, "")
    rows = records(ws, header_row)
    assert sum(t["rows"] for t in tables) == len([r for r in rows if r["Chỉ số"].value]) == 2
    assert [r["Nhiệm vụ"].value for r in rows] == ["1", "1", "2", "3"], "every task is a line of the workbook"


def test_the_province_list_shows_under_the_status_headers_the_counts_the_export_holds(world):
    client = client_for(world, "viewer")
    html = client.get(f"/provinces/?year={YEAR}").content.decode()
    tables = PageTables(html).sections[0]["tables"]
    assert tables[0]["headers"][:3] == ["Tỉnh, thành phố", "Vùng", "Đang đi xuống"]
    ws = workbook_of(client.get(f"/provinces/?year={YEAR}&format=xlsx")).active
    rows = {r["Tỉnh, thành phố"].value: r for r in records(ws, header_row_of(ws))}
    phu_tho = rows["Tỉnh Phú Thọ (trước 1/7/2025)"]
    # Phú Thọ's LAN share is on track for 2015 in 2012; its computers have no target
    assert (phu_tho["Đúng tiến độ"].value, phu_tho["Chưa đủ dữ liệu"].value) == (1, 1)
    assert '<a href="/provinces/phu-tho/?year=2012&amp;status=on_track" title="Đúng tiến độ">1</a>' in html


def test_text_typed_into_the_admin_stays_text_in_a_page_table(world):
    world["lan"].name_vi = "Tỷ lệ <b>LAN</b> & Wi-Fi"
    world["lan"].save()
    world["phu_tho"].name = "Tỉnh <i>Phú Thọ</i>"
    world["phu_tho"].save()
    client = client_for(world, "viewer")
    pages = {url: client.get(url).content.decode() for url in ["/provinces/phu-tho/", "/indicators/", "/provinces/"]}
    pages["series"] = client.get("/indicators/units-with-lan/?compare=phu-tho").content.decode()
    for name, html in pages.items():
        assert "<b>LAN</b>" not in html and "<i>Phú Thọ</i>" not in html, name
    assert "Tỷ lệ &lt;b&gt;LAN&lt;/b&gt; &amp; Wi-Fi" in pages["/indicators/"]
    assert "&lt;i&gt;Phú Thọ&lt;/i&gt; (trước 1/7/2025)</a>" in pages["/provinces/"]
    assert '<th scope="col" class="num">&lt;i&gt;Phú Thọ&lt;/i&gt; (trước 1/7/2025)</th>' in pages["series"], (
        "a place heads a column"
    )
