"""The periodic report as a Word document (python-docx): the narrative report a Party committee reads.

The same ``reporting.report.Report`` the workbook is written from, laid out as an administrative
report under Decree 30/2020/NĐ-CP (Appendix I): A4, Times New Roman, margins top and bottom
20 mm, left 30 mm, right 15 mm; the issuing agency top left with its number and symbol, the
national motto top right with the place and date in italics; the title bold and centred;
"Kính gửi"; the body (the overall result, the summary table, the tasks and their progress, the
figures that are behind); "Nơi nhận" bottom left and the signature block bottom right; the
page number at the top centre from the second page on. Who generated the file is in the core
properties only.
"""

import datetime
import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from indicators.progress import formula, legend
from indicators.targets import compared
from provinces.agencies import unit_phrase

from .excel import clean_text, status_palette
from .report import (
    DEMO_WORDS,
    directive_name,
    distribution_lines,
    format_figure,
    provisional_text,
    recipient_lines,
    signature_lines,
)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SERIF = "Times New Roman"
BODY = 14
TABLE = 13
TEXT_WIDTH = Mm(210 - 30 - 15)


def _set_font(run_or_style, size=None, bold=None, italic=None, underline=None):
    font = run_or_style.font
    font.name = SERIF
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if underline is not None:
        font.underline = underline
    # Vietnamese letters with stacked marks fall back to the East Asian font slot in some Word builds
    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), SERIF)


def _paragraph(container, text="", size=BODY, bold=False, italic=False, align=None, indent=True, after=6):
    paragraph = container.add_paragraph()
    if text:
        _set_font(paragraph.add_run(clean_text(text)), size, bold, italic)
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.1
    if align is not None:
        paragraph.alignment = align
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            fmt.first_line_indent = Cm(1.27)
    return paragraph


def _centred(container, text, size=13, bold=False, italic=False, after=0, underline=None):
    paragraph = container.add_paragraph()
    _set_font(paragraph.add_run(clean_text(text)), size, bold, italic, underline)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _rule(container, width_cm, within_cm):
    """The short solid line Decree 30 draws under the agency's name, the motto and the title:
    ``width_cm`` long, centred in a column ``within_cm`` wide."""
    paragraph = container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    run = paragraph.add_run("")
    _set_font(run, 4)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)
    side = max((within_cm - width_cm) / 2, 0)
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    return paragraph


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _set_widths(table, widths):
    """Column widths that Word and LibreOffice both keep: the grid's and every cell's."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _no_cell_margins(table):
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _two_columns(document, left_cm, right_cm, rows=1):
    """A borderless table of two blocks side by side; with ``rows`` 2, the second row's blocks line up too."""
    table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _no_cell_margins(table)
    _set_widths(table, [Cm(left_cm), Cm(right_cm)])
    for row in table.rows:
        for cell in row.cells:
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    if rows > 1:
        return [tuple(row.cells) for row in table.rows]
    left, right = table.rows[0].cells
    return left, right


def _shade(cell, hex_colour):
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_colour)
    tc_pr.append(shading)


def _page_number_header(section):
    """The page number at the top centre, from the second page (Decree 30: none on the first)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _set_font(run, 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _setup(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    normal = document.styles["Normal"]
    _set_font(normal, BODY)
    _page_number_header(section)


def _heading(document, text):
    return _paragraph(document, text, bold=True, indent=False, after=6)


def write_header(document, report):
    """Agency, number, motto, place and date; the title; "Kính gửi"."""
    agency = report.agency
    # Decree 30 sets the agency and the motto in 12–13 pt capitals: 12 keeps each on one line
    # (the number and the place-date in a row of their own, so that they stand on one line)
    (left, right), (number, place_date) = _two_columns(document, 6.9, 9.6, rows=2)
    if agency.governing_body:
        _centred(left, agency.governing_body.upper(), 12)
    _centred(left, agency.name.upper(), 12, bold=True)
    _rule(left, 2.5, 6.9)
    _centred(right, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
    _centred(right, _("Độc lập - Tự do - Hạnh phúc"), 13, bold=True)
    _rule(right, 5.0, 9.6)
    _centred(number, agency.number_line, 13, after=0)
    _centred(place_date, agency.place_date_line, 14, italic=True)
    _paragraph(document, "", after=6)
    _centred(document, _("BÁO CÁO"), 14, bold=True)
    _centred(document, report.title, 14, bold=True)
    _centred(document, _("(so với chỉ tiêu giai đoạn %(period)s)") % {"period": report.window}, 14, italic=True)
    _rule(document, 3, TEXT_WIDTH.cm)
    _paragraph(document, "", after=0)
    for line in recipient_lines(agency):
        _centred(document, line, 14)
    _paragraph(document, "", after=0)


def _count_sentence(report):
    parts = [f"{tally.count} {str(tally.label).lower()}" for tally in report.counts if tally.count]
    return _("Trong %(n)s chỉ số theo dõi, so với chỉ tiêu giai đoạn %(period)s: %(parts)s.") % {
        "n": len(report.summary),
        "period": report.window,
        "parts": "; ".join(parts) or "—",
    }


def write_overview(document, report):
    agency = report.agency
    directives = ", ".join(directive_name(d) for d in report.directives) or "—"
    _paragraph(
        document,
        _(
            "Thực hiện %(directives)s, %(agency)s báo cáo kết quả thực hiện các chỉ tiêu ứng dụng và phát triển "
            "công nghệ thông tin năm %(year)s của %(unit)s như sau:"
        )
        % {
            "directives": directives,
            "agency": agency.full_name,
            "year": report.year,
            "unit": unit_phrase(report.province) if report.province else _("cả nước"),
        },
    )
    _heading(document, _("I. KẾT QUẢ CHUNG"))
    _paragraph(document, _count_sentence(report))
    note = _("Báo cáo chỉ gồm số liệu đã phê duyệt, tính đến ngày %(day)s.") % {"day": f"{report.produced_on:%d/%m/%Y}"}
    if report.year_note:
        note += " " + report.year_note
    if report.pending:
        note += " " + _("Còn %(n)s số liệu năm %(year)s chưa được phê duyệt nên chưa có trong báo cáo.") % {
            "n": report.pending,
            "year": report.year,
        }
    _paragraph(document, note)
    if report.has_demo:
        _paragraph(
            document,
            _("%(words)s: các dòng in nghiêng là số liệu minh họa để trình diễn hệ thống.") % {"words": DEMO_WORDS},
            italic=True,
        )


def summary_headers(report):
    return [
        _("STT"),
        _("Chỉ số"),
        _("Đơn vị tính"),
        _("Giá trị mới nhất (năm)"),
        _("Chỉ tiêu %(period)s") % {"period": report.window},
        _("Đánh giá so với chỉ tiêu %(period)s") % {"period": report.window},
    ]


def summary_cells(report, row, formatted):
    """The Word table's cells of one summary row; ``formatted`` writes a number the Vietnamese way."""
    _value, status, _key, target = row.targets[report.window]
    latest = "\n".join(
        filter(None, [row.figure_text(), provisional_text(row.indicator, row.provisional, row.is_national)])
    )
    return [
        str(row.number),
        row.indicator.name,
        str(row.indicator.display_unit),
        latest,
        "—" if target is None else compared(target, row.indicator, formatted(row.indicator, target.value)),
        status,
    ]


def write_summary(document, report):
    _heading(document, _("II. TỔNG HỢP CÁC CHỈ SỐ"))
    widths = [Cm(1.3), Cm(5.3), Cm(1.9), Cm(2.6), Cm(2.0), Cm(3.4)]
    table = document.add_table(rows=1, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    palette = status_palette()
    for cell, header, width in zip(table.rows[0].cells, summary_headers(report), widths, strict=True):
        cell.width = width
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(cell.paragraphs[0].add_run(clean_text(header)), TABLE, bold=True)
        _shade(cell, "DDE5F0")
    _repeat_header(table.rows[0])
    for row in report.summary:
        added = table.add_row()
        _keep_together(added)
        cells = added.cells
        values = summary_cells(report, row, format_figure)
        for index, (cell, value, width) in enumerate(zip(cells, values, widths, strict=True)):
            cell.width = width
            paragraph = cell.paragraphs[0]
            if index in (0, 3, 4):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_font(paragraph.add_run(clean_text(value)), TABLE, italic=row.is_demo)
        key = row.targets[report.window][2]
        if key in palette:
            _shade(cells[5], palette[key][1])
    _set_widths(table, widths)
    _paragraph(document, "", after=0)
    _paragraph(document, _("Cách đánh giá: %(formula)s") % {"formula": formula()}, size=TABLE, italic=True)
    for entry in legend():
        paragraph = _paragraph(document, "", size=TABLE, indent=False, after=0)
        _set_font(paragraph.add_run(f"{entry.label}: "), TABLE, bold=True)
        _set_font(paragraph.add_run(entry.rule), TABLE)
    _paragraph(document, "", after=0)


def _keep_together(row):
    """A row is never split across two pages."""
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def write_tasks(document, report):
    _heading(document, _("III. NHIỆM VỤ VÀ TIẾN ĐỘ THỰC HIỆN"))
    tracked = [s for s in report.directive_sheets if not s.is_empty]
    untracked = [s for s in report.directive_sheets if s.is_empty]
    if not tracked:
        _paragraph(document, _("Chưa có nhiệm vụ hay chỉ tiêu của văn bản nào được theo dõi trong hệ thống."))
    for number, sheet in enumerate(tracked, 1):
        directive = sheet.directive
        issued = _(" ngày %(day)s") % {"day": f"{directive.issued_on:%d/%m/%Y}"} if directive.issued_on else ""
        _paragraph(
            document,
            f"{number}. {directive_name(directive)}{issued} {_('của')} "
            f"{directive.display_issuer}: {directive.display_title}",
            bold=True,
            italic=True,
            indent=False,
        )
        for line in sheet.tasks:
            paragraph = _paragraph(document)
            label = _("Nhiệm vụ %(number)s") % {"number": line.number} if line.number.isdigit() else line.number
            title = f" ({line.title})" if line.title else ""
            _set_font(paragraph.add_run(clean_text(f"{label}{title}: ")), BODY, bold=True, italic=line.is_demo)
            _set_font(paragraph.add_run(clean_text(line.progress or str(_("Chưa báo cáo")))), BODY, italic=line.is_demo)
            if line.narrative:
                _set_font(paragraph.add_run(clean_text(". " + line.narrative)), BODY, italic=line.is_demo)
            for indicator_line in filter(None, line.indicators.split("\n")):
                _paragraph(document, indicator_line.replace("• ", "- "), italic=line.is_demo)
        for line in sheet.targets:
            latest = (
                "—" if line.latest is None else f"{format_figure(line.indicator, line.latest)} ({line.latest_year})"
            )
            _paragraph(
                document,
                _("- %(name)s: chỉ tiêu %(target)s%(unit)s đến năm %(deadline)s; đạt %(latest)s; %(status)s.")
                % {
                    "name": line.indicator.name,
                    "target": compared(line.target, line.indicator, format_figure(line.indicator, line.target.value)),
                    "unit": _unit_suffix(line.indicator),
                    "deadline": line.deadline,
                    "latest": latest,
                    "status": line.status,
                },
                italic=line.is_demo,
            )
    if untracked:
        _paragraph(
            document,
            _("%(directives)s: chưa có nhiệm vụ được đánh số hay chỉ tiêu định lượng trong hệ thống.")
            % {"directives": ", ".join(directive_name(s.directive) for s in untracked)},
            italic=True,
        )


def _unit_suffix(indicator):
    unit = str(indicator.display_unit)
    return unit if unit == "%" else f" {unit}"


def write_behind(document, report):
    _heading(document, _("IV. CÁC CHỈ TIÊU CHƯA ĐẠT TIẾN ĐỘ"))
    behind = report.behind
    if not behind:
        _paragraph(
            document,
            _("Không có chỉ số nào chậm hoặc chưa đạt tiến độ so với chỉ tiêu giai đoạn %(period)s.")
            % {"period": report.window},
        )
    for row in behind:
        assessment = row.chosen
        figure = assessment.figure
        target = assessment.target
        gap = assessment.gap
        parts = [
            _("%(value)s%(unit)s năm %(year)s")
            % {
                "value": format_figure(row.indicator, figure.value),
                "unit": _unit_suffix(row.indicator),
                "year": figure.year,
            }
            if figure is not None and figure.value is not None
            else _("chưa có số liệu"),
            _("chỉ tiêu %(target)s%(unit)s đến năm %(deadline)s")
            % {
                "target": compared(target, row.indicator, format_figure(row.indicator, target.value)),
                "unit": _unit_suffix(row.indicator),
                "deadline": target.deadline_year,
            }
            if target is not None
            else "",
            _("còn thiếu %(gap)s") % {"gap": format_figure(row.indicator, gap)} if gap else "",
        ]
        paragraph = _paragraph(document, italic=row.is_demo)
        _set_font(paragraph.add_run(clean_text(f"- {row.indicator.name}: ")), BODY, bold=True, italic=row.is_demo)
        if report.province is None:
            short, units = report.places_behind(row.indicator)
            parts.append(_("%(n)s/%(m)s tỉnh, thành phố chưa đạt tiến độ") % {"n": short, "m": units})
        text = "; ".join(p for p in parts if p) + f" — {row.targets[report.window][1]}."
        _set_font(paragraph.add_run(clean_text(text)), BODY, italic=row.is_demo)


def write_closing(document, report):
    agency = report.agency
    _paragraph(document, "", after=6)
    left, right = _two_columns(document, 7.5, 9.0)
    first = left.add_paragraph()
    _set_font(first.add_run(_("Nơi nhận:")), 12, bold=True, italic=True)
    first.paragraph_format.space_after = Pt(0)
    for line in distribution_lines(agency):
        paragraph = left.add_paragraph()
        _set_font(paragraph.add_run(clean_text(line)), 11)
        paragraph.paragraph_format.space_after = Pt(0)
    for line in signature_lines(agency):
        _centred(right, line, 14, bold=True)


def report_document(report):
    """The Word document of ``report`` (a reporting.report.Report)."""
    document = Document()
    _setup(document)
    write_header(document, report)
    write_overview(document, report)
    write_summary(document, report)
    write_tasks(document, report)
    write_behind(document, report)
    write_closing(document, report)
    properties = document.core_properties
    properties.title = clean_text(
        _("Báo cáo định kỳ %(unit)s năm %(year)s") % {"unit": report.unit_name, "year": report.year}
    )
    properties.author = clean_text(report.produced_by)
    properties.last_modified_by = clean_text(report.produced_by)
    properties.comments = ""
    now = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)
    properties.created = properties.modified = now
    return document


def docx_bytes(report):
    buffer = io.BytesIO()
    report_document(report).save(buffer)
    return buffer.getvalue()
