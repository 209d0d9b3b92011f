"""The periodic report as an office sends it: the official layout (Decree 30/2020/NĐ-CP) in Excel and Word,
the issuing agency set in the admin, the national breakdown by province and region, the yearly matrix.

Each test opens the files the views send, as the office (or the Party committee) would read them.
"""

import io
import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl.utils import column_index_from_string, range_boundaries

from directives.models import Directive
from indicators import demo
from indicators.models import Indicator, TaskReport
from provinces.agencies import agency_for
from provinces.models import Membership, Province, ReportingAgency
from reporting.excel import status_palette
from reporting.report import format_figure
from tests.excel_helpers import records, response_bytes, row_with, workbook_of
from tests.factories import (
    logged_in,
    make_directive,
    make_indicator,
    make_measurement,
    make_province,
    make_target,
    make_user,
    rebuilt,
)

YEAR = 2012
R = Province.Region


@pytest.fixture
def world(db):
    phu_tho = make_province("Tỉnh Phú Thọ", code="25", slug="phu-tho", region=R.NORTHERN_MIDLANDS)
    lao_cai = make_province("Tỉnh Lào Cai", code="10", slug="lao-cai", region=R.NORTHERN_MIDLANDS)
    ha_noi = make_province("Thành phố Hà Nội", code="01", slug="ha-noi", region=R.RED_RIVER_DELTA, kind="thanh_pho")
    lan = make_indicator("units-with-lan", name_vi="Tỷ lệ đơn vị có mạng LAN")
    computers = make_indicator("computers", unit=Indicator.Unit.COUNT, name_vi="Số máy tính", unit_label="máy")
    local = make_directive(province=phu_tho, number="24-CT/TU", issuer="Tỉnh ủy Phú Thọ", tasks=2)
    local.tasks.get(number="1").indicators.add(lan)
    decision = make_directive(
        tasks=0, kind=Directive.Kind.DECISION, number="749/QĐ-TTg", issuer="Thủ tướng Chính phủ", slug="qd-749"
    )
    make_directive(tasks=0, number="58-CT/TW", issuer="Bộ Chính trị", slug="chi-thi-58")
    make_target(lan, 80, 2015, baseline_year=2010, baseline_value=50, directive=decision)
    make_target(computers, 70000, 2015, province=phu_tho, baseline_year=2010, baseline_value=50000)
    for place, (v2010, v2012) in {phu_tho: (50, D("70.5")), lao_cai: (40, 45), ha_noi: (60, 85)}.items():
        make_measurement(lan, place, 2010, v2010, numerator=v2010, denominator=100, source="Sở TT&TT")
        make_measurement(lan, place, YEAR, v2012, numerator=v2012, denominator=100, source="Sở TT&TT")
    make_measurement(computers, phu_tho, 2010, 50000, source="Báo cáo tổng kết")
    make_measurement(computers, phu_tho, YEAR, 52000, is_demo=True, source=demo.DEMO_SOURCE)
    TaskReport.objects.create(
        task=local.tasks.get(number="2"),
        province=phu_tho,
        year=YEAR,
        progress=TaskReport.Progress.IN_PROGRESS,
        narrative="Đã triển khai phần mềm quản lý văn bản.",
        status="approved",
    )
    viewer = make_user("viewer", Membership.Role.VIEWER, [phu_tho])
    viewer.first_name = "Người Bấm Nút"
    viewer.save()
    rebuilt()
    return {
        "phu_tho": phu_tho,
        "lao_cai": lao_cai,
        "ha_noi": ha_noi,
        "lan": lan,
        "computers": computers,
        "viewer": viewer,
        "outsider": make_user("outsider", Membership.Role.VIEWER, [lao_cai]),
        "admin": make_user("admin", superuser=True),
    }


def get(world, slug, extension, query="", user="viewer"):
    return logged_in(world[user]).get(f"/reports/{slug}/{YEAR}.{extension}{query}")


def document_of(response):
    assert response.status_code == 200
    return Document(io.BytesIO(response_bytes(response)))


def set_agency(province):
    return ReportingAgency.objects.create(
        province=province,
        from_year=2010,
        governing_body="UBND TỈNH PHÚ THỌ",
        name="Sở Thông tin và Truyền thông",
        abbreviation="STTTT",
        place="Việt Trì",
        signer_title="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn An",
        recipients="Ban Tuyên giáo Tỉnh ủy\nỦy ban nhân dân tỉnh Phú Thọ",
        distribution="Như trên;\nLưu: VT, CNTT.",
    )


def visible_cells(ws):
    """Every cell a reader can see: hidden columns (codes kept for re-import) and hidden rows left out."""
    hidden_columns = {column_index_from_string(k) for k, d in ws.column_dimensions.items() if d.hidden}
    hidden_rows = {r for r, d in ws.row_dimensions.items() if d.hidden}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and cell.column not in hidden_columns and cell.row not in hidden_rows:
                yield cell


def paragraphs(document):
    """Every paragraph of the Word document: body, tables (nested too) and page headers."""
    found = list(document.paragraphs)

    def walk(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    found.extend(cell.paragraphs)
                    walk(cell.tables)

    walk(document.tables)
    for section in document.sections:
        found.extend(section.header.paragraphs)
        found.extend(section.first_page_header.paragraphs)
    return found


def table_records(ws, header_row):
    """The table's rows under ``header_row`` as dicts keyed by header, up to the first blank row (the legend)."""
    result = []
    for row in records(ws, header_row):
        if row_is_blank_before(ws, header_row, row):
            break
        result.append(row)
    return result


def row_is_blank_before(ws, header_row, row):
    number = next(iter(row.values())).row
    return any(all(c.value is None for c in ws[r]) for r in range(header_row + 1, number))


def cell_at(ws, text, column=None):
    row = row_with(ws, text, column)
    return next(c for c in ws[row] if c.value == text)


# --- the issuing agency ---------------------------------------------------------------------------


def test_the_agency_defaults_follow_the_1_march_2025_reorganisation(world):
    phu_tho = world["phu_tho"]
    before, after = agency_for(phu_tho, 2024), agency_for(phu_tho, 2025)
    assert (before.full_name, before.abbreviation) == ("Sở Thông tin và Truyền thông tỉnh Phú Thọ", "STTTT")
    assert (after.full_name, after.abbreviation) == ("Sở Khoa học và Công nghệ tỉnh Phú Thọ", "SKHCN")
    assert (after.governing_body, after.place) == ("UBND TỈNH PHÚ THỌ", "Phú Thọ")
    assert agency_for(world["ha_noi"], 2025).governing_body == "UBND THÀNH PHỐ HÀ NỘI"
    assert agency_for(None, 2024).name == "Bộ Thông tin và Truyền thông"
    assert (agency_for(None, 2025).name, agency_for(None, 2025).place) == ("Bộ Khoa học và Công nghệ", "Hà Nội")


def test_what_the_admin_sets_applies_from_its_year_and_blank_fields_keep_the_defaults(world):
    phu_tho = world["phu_tho"]
    ReportingAgency.objects.create(province=phu_tho, from_year=2025, signer_name="Trần Thị Bình")
    assert agency_for(phu_tho, 2024).signer_name == ""
    agency = agency_for(phu_tho, 2026)
    assert (agency.signer_name, agency.name, agency.signer_title) == (
        "Trần Thị Bình",
        "Sở Khoa học và Công nghệ",
        ["GIÁM ĐỐC"],
    )


def test_the_admin_edits_a_units_reporting_agency(world):
    client = logged_in(world["admin"])
    assert client.get("/admin/provinces/reportingagency/add/").status_code == 200
    page = client.get(f"/admin/provinces/province/{world['phu_tho'].pk}/change/")
    assert page.status_code == 200 and "reporting_agencies-TOTAL_FORMS" in page.content.decode()


def test_the_cover_carries_the_agency_place_date_and_signature_set_for_the_unit(world):
    set_agency(world["phu_tho"])
    workbook = workbook_of(get(world, "phu-tho", "xlsx"))
    ws = workbook["Bìa"]
    # top left the agency and its number; top right the motto and the place-date, in italics
    assert (ws["A1"].value, ws["D1"].value) == ("UBND TỈNH PHÚ THỌ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert (ws["A2"].value, ws["D2"].value) == ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Độc lập - Tự do - Hạnh phúc")
    assert ws["A2"].font.b and ws["D1"].font.b
    assert (ws["A4"].value, ws["D4"].value) == ("Số: …/BC-STTTT", "Việt Trì, ngày … tháng … năm …")
    assert ws["D4"].font.i
    assert cell_at(ws, "BÁO CÁO").font.b
    assert (
        row_with(ws, "Kính gửi:")
        < row_with(ws, "- Ban Tuyên giáo Tỉnh ủy;")
        < row_with(ws, "- Ủy ban nhân dân tỉnh Phú Thọ.")
    )
    # bottom: "Nơi nhận" on the left, the signature block on the right, on the same rows
    closing = row_with(ws, "Nơi nhận:", column=1)
    assert cell_at(ws, "Nơi nhận:").font.b and cell_at(ws, "Nơi nhận:").font.i
    assert ws.cell(closing, 4).value == "KT. GIÁM ĐỐC"
    assert ws.cell(closing + 1, 4).value == "PHÓ GIÁM ĐỐC"
    assert (ws.cell(closing + 1, 1).value, ws.cell(closing + 2, 1).value) == ("- Như trên;", "- Lưu: VT, CNTT.")
    assert row_with(ws, "Nguyễn Văn An", column=4) > closing + 2, "room to sign above the name"
    texts = {c.value for c in visible_cells(ws)}
    assert "Sở Thông tin và Truyền thông tỉnh Phú Thọ" in texts, "the preparer is the unit"
    assert not any("Người Bấm Nút" in str(t) for t in texts), "who generated the file is not on the cover"
    assert workbook.properties.creator == "Người Bấm Nút"


def test_the_word_report_carries_the_agency_place_date_and_signature_set_for_the_unit(world):
    set_agency(world["phu_tho"])
    document = document_of(get(world, "phu-tho", "docx"))
    header, closing = document.tables[0], document.tables[-1]
    left, right = ([p.text for cell in column.cells for p in cell.paragraphs if p.text] for column in header.columns)
    assert left == ["UBND TỈNH PHÚ THỌ", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: …/BC-STTTT"]
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Việt Trì, ngày … tháng … năm …",
    ]
    number, place_date = (cell.paragraphs[-1] for cell in header.rows[1].cells)
    assert (number.text, place_date.text) == ("Số: …/BC-STTTT", "Việt Trì, ngày … tháng … năm …"), "on one line"
    assert all(run.italic for run in place_date.runs)
    body = [p.text for p in document.paragraphs]
    assert body.index("BÁO CÁO") < body.index("Kính gửi:") < body.index("- Ủy ban nhân dân tỉnh Phú Thọ.")
    notes, signature = ([p.text for p in cell.paragraphs] for cell in closing.rows[0].cells)
    assert notes == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, CNTT."]
    assert signature[:2] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] and signature[-1] == "Nguyễn Văn An"
    assert "" in signature[2:-1], "room to sign above the name"
    assert document.core_properties.author == "Người Bấm Nút"
    assert not any("Người Bấm Nút" in p.text for p in paragraphs(document))


def test_the_word_report_is_set_in_times_new_roman_on_a4_with_decree_30_margins(world):
    document = document_of(get(world, "phu-tho", "docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [20, 20]
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 14)
    sizes = set()
    for paragraph in document.paragraphs:  # the body: title, "Kính gửi", the text
        for run in paragraph.runs:
            if run.text.strip():
                assert run.font.name in (None, "Times New Roman")
                sizes.add(run.font.size.pt if run.font.size else 14)
    assert sizes <= {13, 14}, sizes


# --- what a reader sees, and what is kept for re-import -------------------------------------------


@pytest.mark.parametrize("slug", ["phu-tho", "toan-quoc"])
def test_no_developer_words_in_any_visible_cell_or_paragraph(world, slug):
    codes = list(Indicator.objects.values_list("code", flat=True)) + list(
        Directive.objects.values_list("slug", flat=True)
    )
    forbidden = re.compile(r"load_demo|" + "|".join(rf"(?<![\w-]){re.escape(c)}(?![\w-])" for c in codes))
    workbook = workbook_of(get(world, slug, "xlsx"))
    for ws in workbook.worksheets:
        for cell in visible_cells(ws):
            assert not forbidden.search(str(cell.value)), (ws.title, cell.coordinate, cell.value)
    summary = workbook["Tổng hợp"]
    kept = {c.value for c in summary.iter_rows() for c in c if c.value in codes}
    assert kept == {"units-with-lan", "computers"}, "the codes stay, hidden, for re-import"
    document = document_of(get(world, slug, "docx"))
    for paragraph in paragraphs(document):
        assert not forbidden.search(paragraph.text), paragraph.text
    assert any("Số liệu minh họa, không phải số liệu báo cáo" in p.text for p in paragraphs(document))


def test_the_demo_source_is_written_in_words_a_leader_understands(world):
    assert "load_demo" not in demo.DEMO_SOURCE
    old = make_measurement(
        world["computers"], world["lao_cai"], YEAR, 10, is_demo=True, source=demo.OLD_DEMO_SOURCES[0]
    )
    old.history.update(history_change_reason=demo.OLD_DEMO_SOURCES[0])
    demo.relabel_old_demo_rows()
    old.refresh_from_db()
    assert old.source == demo.DEMO_SOURCE
    assert {h.history_change_reason for h in old.history.all()} == {demo.DEMO_SOURCE}
    ws = workbook_of(get(world, "phu-tho", "xlsx"))["Số liệu các năm"]
    computers = next(r for r in table_records(ws, row_with(ws, "STT")) if r["Chỉ số"].value == "Số máy tính")
    assert "Số liệu minh họa, không phải số liệu báo cáo" in computers["Nguồn số liệu"].value


def test_the_demo_accounts_have_the_titles_of_the_sở_khcn(db):
    assert "Lãnh đạo Sở KH&CN Phú Thọ" in [name for _u, name, *_ in demo.DEMO_USERS]
    assert not any("TT&TT" in name for _u, name, *_ in demo.DEMO_USERS)


# --- the sheets ----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["phu-tho", "toan-quoc"])
def test_the_matrix_sheet_fits_the_print_area_it_sets(world, slug):
    ws = workbook_of(get(world, slug, "xlsx"))["Số liệu các năm"]
    header = row_with(ws, "STT")
    assert ws.print_area, "a print area is set"
    first_col, first_row, last_col, last_row = range_boundaries(ws.print_area.split("!")[1].replace("$", ""))
    assert (first_col, first_row) == (1, 1)
    for cell in visible_cells(ws):
        assert first_col <= cell.column <= last_col and cell.row <= last_row, cell.coordinate
    assert last_col == max(c.column for c in visible_cells(ws)), "the hidden code column is left out"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight in (1, 2)
    assert ws.print_title_rows == f"${header}:${header}"
    years = [c.value for c in ws[header] if c.value and str(c.value).isdigit()]
    assert years == ["2010", "2012"]


def test_the_national_province_sheet_equals_the_dashboards_assessments(world):
    workbook = workbook_of(get(world, "toan-quoc", "xlsx", user="outsider"))
    ws = workbook["Tỉnh, thành phố"]
    header = row_with(ws, "STT")
    lines = {r["Tỉnh, thành phố"].value: r for r in table_records(ws, header)}
    palette = status_palette()
    client = logged_in(world["outsider"])
    for indicator in (world["lan"], world["computers"]):
        page = client.get(f"/indicators/{indicator.code}/?year={YEAR}")
        window = page.context["window"]
        column = f"{indicator.name} ({indicator.display_unit})"
        rows = page.context["ranked"] + page.context["unreported"]
        assert {r.place.name for r in rows} == {"Tỉnh Phú Thọ", "Tỉnh Lào Cai", "Thành phố Hà Nội"}
        for row in rows:
            assessment = row.assessment(window)
            cell = lines[row.place.full_label][column]
            value_line, label = cell.value.split("\n")[:2]
            assert label == str(assessment.progress.label), (row.place.name, indicator.code)
            figure = assessment.figure
            expected = f"{format_figure(indicator, figure.value)} ({figure.year})" if figure else "—"
            assert value_line == expected
            assert cell.fill.fgColor.rgb.endswith(palette[assessment.key][1]), "coloured as the page's badge"
    # the nation first, then each unit once; each region's sheet lists its own units under its own figure
    assert next(iter(lines)) == "Toàn quốc"
    regions = {
        "Trung du, miền núi phía Bắc": {"Tỉnh Phú Thọ (trước 1/7/2025)", "Tỉnh Lào Cai (trước 1/7/2025)"},
        "Đồng bằng sông Hồng": {"Thành phố Hà Nội (trước 1/7/2025)"},
    }
    for name, members in regions.items():
        sheet = workbook[name]
        listed = {r["Tỉnh, thành phố"].value: r for r in table_records(sheet, row_with(sheet, "STT"))}
        assert set(listed) == {"Toàn vùng", *members}
        for member in members:
            column = "Tỷ lệ đơn vị có mạng LAN (%)"
            assert listed[member][column].value == lines[member][column].value
    hidden = [r for r, d in ws.row_dimensions.items() if d.hidden]
    assert hidden == [header - 1] and "units-with-lan" in [c.value for c in ws[header - 1]], "codes kept, hidden"


def test_the_region_sheet_adds_up_its_units(world):
    ws = workbook_of(get(world, "toan-quoc", "xlsx", user="outsider"))["Trung du, miền núi phía Bắc"]
    region = table_records(ws, row_with(ws, "STT"))[0]
    lan = region["Tỷ lệ đơn vị có mạng LAN (%)"].value.split("\n")
    assert lan[0] == "57,8 (2012)"  # (70.5 + 45) / 200
    assert "2/2 tỉnh báo cáo" in lan


def test_a_directive_without_numbered_tasks_lists_the_targets_it_set(world):
    workbook = workbook_of(get(world, "phu-tho", "xlsx"))
    ws = workbook["749-QĐ-TTg"]
    rows = table_records(ws, row_with(ws, "Chỉ số"))
    assert [(r["Chỉ số"].value, r["Chỉ tiêu"].value, r["Hạn"].value) for r in rows] == [
        ("Tỷ lệ đơn vị có mạng LAN", 80, 2015)
    ]
    assert rows[0]["Đánh giá"].value.startswith("Đúng tiến độ")
    assert "58-CT-TW" not in workbook.sheetnames, "no empty sheet for a directive with neither tasks nor targets"
    summary = workbook["Tổng hợp"]
    tasks = {r["Chỉ số"].value: r["Nhiệm vụ"].value for r in table_records(summary, row_with(summary, "STT"))}
    assert tasks == {"Tỷ lệ đơn vị có mạng LAN": "24-CT/TU: nhiệm vụ 1", "Số máy tính": "Chưa gắn với nhiệm vụ nào"}
    tasks_sheet = workbook["24-CT-TU"]
    progress = {
        r["Số TT"].value: r["Tiến độ trong năm"].value
        for r in table_records(tasks_sheet, row_with(tasks_sheet, "Số TT"))
    }
    assert progress == {"1": "Chưa báo cáo", "2": "Đang triển khai"}


# --- the Word document -----------------------------------------------------------------------------


def written_target(cell, indicator):
    """A target as the workbook shows it: the comparison its number format writes ("≥ "), then the value."""
    if cell.value is None:
        return "—"
    sign = re.match(r'"([^"]+) "', cell.number_format)
    assert sign, f"the target cell writes its comparison: {cell.number_format!r}"
    return f"{sign.group(1)} {format_figure(indicator, D(str(cell.value)))}"


@pytest.mark.parametrize("slug", ["phu-tho", "toan-quoc"])
def test_the_word_report_opens_and_its_table_matches_the_workbook_summary(world, slug):
    user = "viewer" if slug == "phu-tho" else "outsider"
    document = document_of(get(world, slug, "docx", user=user))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    period = "2011–2015"
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Chỉ số",
        "Đơn vị tính",
        "Giá trị mới nhất (năm)",
        f"Chỉ tiêu {period}",
        f"Đánh giá so với chỉ tiêu {period}",
    ]
    words = [[c.text for c in row.cells] for row in table.rows[1:]]
    ws = workbook_of(get(world, slug, "xlsx", user=user))["Tổng hợp"]
    expected = []
    for r in table_records(ws, row_with(ws, "STT")):
        indicator = Indicator.objects.get(code=r["Mã chỉ số"].value)
        latest, year = r["Giá trị mới nhất"].value, r["Năm"].value
        # the nation's figures add the provinces up: "n/m" beside them, in the workbook a column of its own
        coverage = r["Số đơn vị báo cáo"].value
        when = f"{year}; {coverage} tỉnh báo cáo" if coverage else year
        shown = f"{format_figure(indicator, D(str(latest)))} ({when})" if latest is not None else "—"
        newer = r["Số liệu mới hơn (tạm tính)"].value
        if newer is not None:  # a newer figure not every unit reported: under it, with its n/m
            newer_value = format_figure(indicator, D(str(newer)))
            shown += (
                f"\nTạm tính {r['Năm tạm tính'].value}: {newer_value} ({r['Số đơn vị đã báo cáo'].value} tỉnh báo cáo)"
            )
        expected.append(
            [
                str(r["STT"].value),
                r["Chỉ số"].value,
                r["Đơn vị tính"].value,
                shown,
                written_target(r[f"Chỉ tiêu {period}"], indicator),
                r[f"Đánh giá so với chỉ tiêu {period}"].value,
            ]
        )
    assert words == expected
    assert len(words) == 2


def test_the_word_report_lists_the_tasks_and_the_figures_behind(world):
    make_target(world["lan"], 100, 2013, province=world["phu_tho"], baseline_year=2010, baseline_value=50)
    rebuilt()
    document = document_of(get(world, "phu-tho", "docx", query="?target=2015"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "III. NHIỆM VỤ VÀ TIẾN ĐỘ THỰC HIỆN" in text
    assert "Nhiệm vụ 1: Chưa báo cáo" in text
    assert "Nhiệm vụ 2: Đang triển khai. Đã triển khai phần mềm quản lý văn bản." in text
    behind = text.split("IV. CÁC CHỈ TIÊU CHƯA ĐẠT TIẾN ĐỘ")[1]
    # 2013's target of 100 from 50 in 2010: by 2012 two thirds of the time gone, 41 % of the way: off track
    assert "Tỷ lệ đơn vị có mạng LAN: 70,5% năm 2012; chỉ tiêu ≥ 100,0% đến năm 2013; còn thiếu 29,5" in behind


# --- the plan period -----------------------------------------------------------------------------


def test_the_report_compares_against_the_plan_period_asked_defaulting_as_the_dashboards(world):
    make_target(world["lan"], 95, 2020, baseline_year=2015, baseline_value=80)
    rebuilt()
    default = workbook_of(get(world, "phu-tho", "xlsx"))["Tổng hợp"]
    headers = [c.value for c in default[row_with(default, "STT")]]
    assert "Chỉ tiêu 2011–2015" in headers and "Chỉ tiêu 2016–2020" not in headers, "a 2012 report opens on 2011–2015"
    asked = get(world, "phu-tho", "xlsx", "?target=2020")
    assert asked["Content-Disposition"].endswith('-2012-2016-2020.xlsx"')
    ws = workbook_of(asked)["Tổng hợp"]
    assert {"Chỉ tiêu 2011–2015", "Chỉ tiêu 2016–2020"} <= {c.value for c in ws[row_with(ws, "STT")]}
    document = document_of(get(world, "phu-tho", "docx", "?target=2020"))
    assert "Chỉ tiêu 2016–2020" in [c.text for c in document.tables[1].rows[0].cells]
    assert get(world, "phu-tho", "xlsx", "?target=1999").status_code == 404
    assert get(world, "phu-tho", "docx", "?target=abc").status_code == 404


def test_the_province_page_links_both_reports_with_its_plan_period(world):
    page = logged_in(world["viewer"]).get("/provinces/phu-tho/?target=2015").content.decode()
    assert f'href="/reports/phu-tho/{YEAR}.xlsx?target=2015"' in page
    assert f'href="/reports/phu-tho/{YEAR}.docx?target=2015"' in page
    other = logged_in(world["viewer"]).get("/provinces/lao-cai/").content.decode()
    assert "/reports/lao-cai/" not in other, "no link to a report the user may not download"


def test_the_national_report_runs_the_same_queries_whatever_the_number_of_units(world):
    client = logged_in(world["outsider"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response_bytes(client.get(f"/reports/toan-quoc/{YEAR}.xlsx"))
        return len(captured)

    before = queries()
    extra = make_province("Tỉnh Yên Bái", code="15", slug="yen-bai", region=R.NORTHERN_MIDLANDS)
    make_measurement(world["lan"], extra, YEAR, 30, numerator=30, denominator=100)
    assert queries() == before
