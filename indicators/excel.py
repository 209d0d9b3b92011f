"""Writing workbooks: columns declared once, rows built elsewhere, one writer for every sheet.

A ``Column`` is a header, a width, a number format and a getter. The same declarations
write the workbook and render the HTML table beside which its export button sits
(``Column.display``), so a page and its export cannot drift apart. Rows are plain objects
(dataclasses, tuples from a queryset) built by ``indicators.reports``, ``indicators.dashboard``
or ``indicators.excel_import``; this module only knows how to put them on a sheet.

Every workbook is written in openpyxl's write-only mode: rows go straight to a temporary file
as they are appended, so a 15,000-row export needs no more memory than a 15-row one, and the
finished file is handed to Django as a ``FileResponse`` over an unnamed temporary file.

Text that a person typed (notes, sources, names) is never allowed to become a formula: a string
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also after leading spaces)
is written as an explicit string cell with Excel's "quote prefix" set, which is what Excel itself
does when someone types an apostrophe before the text. The text is kept as it was typed.
"""

import math
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .dashboard import COUNT_KEYS, WINDOWS
from .models import Indicator
from .numbers import format_vn
from .reports import status_text

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Number formats. Excel stores the number and draws it with the reader's separators, so under a
# Vietnamese locale these show 55.802 and 95,4 while the cell still holds a number.
COUNT = "#,##0"
DECIMAL = "#,##0.0"
# For the underlying data (data sheets, the full export, the import template): every stored
# decimal is shown, without padding (95,4 and 71,31 rather than 95,40 and 71,3).
PRECISE = "#,##0.0#"
YEAR = "0"

FORMULA_TRIGGERS = ("=", "+", "-", "@")
CONTROL_TRIGGERS = ("\t", "\r")

DEMO_LABEL = gettext_lazy("minh họa")

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_FONT = Font(bold=True, size=14)
SUBTITLE_FONT = Font(bold=True, size=12)
BOLD = Font(bold=True)
NOTE_FONT = Font(italic=True, color="555555")
DEMO_FONT = Font(italic=True, color="7A4B00")
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")

LINE_HEIGHT = 15  # points, Calibri 11


def looks_like_formula(text):
    """Whether a spreadsheet program could read ``text`` as a formula (OWASP's CSV-injection list)."""
    return text.startswith(CONTROL_TRIGGERS) or text.lstrip().startswith(FORMULA_TRIGGERS)


def clean_text(value):
    """A string openpyxl can store: lazy translations resolved, XML-illegal control characters dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", force_str(value))


def make_cell(ws, value, *, font=None, fill=None, border=None, alignment=None, number_format=None, protection=None):
    """One write-only cell; strings can never turn into formulas."""
    if isinstance(value, (str, Promise)):
        value = clean_text(value)
    elif isinstance(value, bool):
        value = _("có") if value else ""
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        # openpyxl marks any string starting with "=" as a formula; ours are always text.
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None and not isinstance(value, str):
        cell.number_format = number_format
    if protection is not None:
        cell.protection = protection
    return cell


def number_format_for(indicator):
    """Counts as whole numbers, everything else (shares, densities) with a decimal."""
    return COUNT if indicator is not None and indicator.unit == Indicator.Unit.COUNT else DECIMAL


def precise_format_for(indicator):
    return COUNT if indicator.unit == Indicator.Unit.COUNT else PRECISE


def _places(number_format):
    if not number_format or "." not in number_format:
        return 0
    decimals = number_format.split(".", 1)[1]
    return decimals.count("0") or None


@dataclass(frozen=True)
class Column:
    """One column of a table, for the workbook and for the page.

    ``number_format`` is a format string or a function of the row (a "value" column holds
    counts and percentages side by side). ``wrap`` wraps long text in the cell.
    """

    header: object
    width: float
    getter: Callable
    number_format: object = None
    wrap: bool = False

    def value(self, row):
        return self.getter(row)

    def format_for(self, row):
        return self.number_format(row) if callable(self.number_format) else self.number_format

    def display(self, row):
        """The cell as the page shows it: numbers the Vietnamese way, the same decimals as the workbook."""
        value = self.value(row)
        if value is None:
            return ""
        if isinstance(value, bool):
            return _("có") if value else ""
        if isinstance(value, (int, float, Decimal)):
            number_format = self.format_for(row)
            if number_format in (YEAR, None) and isinstance(value, int):
                return str(value)
            places = _places(number_format)
            if number_format == PRECISE:
                return format_vn(Decimal(str(value)).quantize(Decimal("0.01")).normalize())
            return format_vn(value, places)
        return force_str(value)


@dataclass
class Table:
    """A titled table: what one sheet (or one page section) shows."""

    title: object
    columns: list
    rows: Iterable
    subtitle: list = ()  # lines under the title
    notes: list = ()  # lines above the header row (the demo note, what the figures are)
    is_demo: Callable | None = None  # row → bool: demo rows are set in italics

    def headers(self):
        return [force_str(c.header) for c in self.columns]


def demo_marker(is_demo):
    return force_str(DEMO_LABEL) if is_demo else ""


def demo_note():
    return _(
        "Các dòng đánh dấu “minh họa” ở cột “Minh họa” là số liệu minh họa do hệ thống sinh ra để trình diễn, "
        "không phải số liệu thật."
    )


def new_workbook(title="", creator=""):
    workbook = Workbook(write_only=True)
    workbook.properties.title = clean_text(title)
    workbook.properties.creator = clean_text(creator) or "ICT directive tracker"
    return workbook


def sheet_title(text, taken=()):
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\."""
    name = clean_text(text)
    for char in "[]:*?/\\":
        name = name.replace(char, "-")
    name = name.strip("'") or "Sheet"
    name = name[:31]
    base, n = name, 2
    while name in taken:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    return name


def set_print_setup(ws, header_row=None):
    """A4 landscape, the full width on one page, as many pages down as needed; header row on each page."""
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.HeaderFooter.oddFooter.center.text = _("Trang &P / &N")
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"


def text_height(text, width):
    """Points needed to show ``text`` wrapped in a column ``width`` characters wide."""
    if not text:
        return LINE_HEIGHT
    usable = max(width * 1.1 - 1, 1)
    lines = sum(max(1, math.ceil(len(part) / usable)) for part in str(text).split("\n"))
    return lines * LINE_HEIGHT


class Cursor:
    """Appends rows to a write-only sheet and knows which row it is on (write-only sheets do not)."""

    def __init__(self, ws):
        self.ws = ws
        self.row = 0

    def append(self, cells, height=None):
        self.row += 1
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(cells)
        return self.row

    def line(self, values, *, merge=(), height=None, **style):
        """A row of plain values styled alike; ``merge`` lists (first, last) column pairs to merge."""
        row = self.append([make_cell(self.ws, v, **style) if v is not None else None for v in values], height)
        for start, end in merge:
            self.ws.merged_cells.add(f"{get_column_letter(start)}{row}:{get_column_letter(end)}{row}")
        return row


def write_table(workbook, table, *, name=None, taken=(), styled=True, freeze_columns=0):
    """Add ``table`` as a new sheet: merged title rows, a bold frozen header, autofilter, print setup.

    ``styled`` borders every cell and sizes wrapped rows, as a report should look; the large
    export turns it off (a border per cell on 15,000 rows only costs time). Returns the sheet
    and the number of data rows written.
    """
    columns = table.columns
    ws = workbook.create_sheet(sheet_title(name or table.title, taken))
    width = len(columns)
    last_letter = get_column_letter(width)
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    total_width = sum(c.width for c in columns)

    lead = [(table.title, TITLE_FONT)]
    lead += [(line, SUBTITLE_FONT) for line in table.subtitle]
    lead += [(line, NOTE_FONT) for line in table.notes]
    header_row = len(lead) + 2  # a blank row between the lead and the header
    # Write-only sheets write their views and column widths before the first row.
    ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{header_row + 1}"
    set_print_setup(ws, header_row)

    cursor = Cursor(ws)
    merge = [(1, width)] if width > 1 else []
    for line, font in lead:
        if font is NOTE_FONT:
            cursor.line([line], merge=merge, font=font, alignment=LEFT_WRAP, height=text_height(line, total_width))
        else:
            cursor.line([line], merge=merge, font=font, alignment=CENTER, height=text_height(line, total_width) + 4)
    cursor.append([])

    header_cells = [
        make_cell(ws, c.header, font=BOLD, fill=HEADER_FILL, border=BORDER, alignment=CENTER) for c in columns
    ]
    cursor.append(header_cells, height=max(text_height(force_str(c.header), c.width) for c in columns))

    count = 0
    for row in table.rows:
        count += 1
        demo = bool(table.is_demo and table.is_demo(row))
        cells = []
        height = LINE_HEIGHT
        for column in columns:
            value = column.value(row)
            if styled:
                cell = make_cell(
                    ws,
                    value,
                    font=DEMO_FONT if demo else None,
                    border=BORDER,
                    alignment=LEFT_WRAP if column.wrap else TOP,
                    number_format=column.format_for(row),
                )
                if column.wrap and value:
                    height = max(height, text_height(value, column.width))
            elif value is None or value == "":
                cell = None  # nothing to write: no cell at all
            else:
                cell = make_cell(ws, value, number_format=column.format_for(row))
            cells.append(cell)
        cursor.append(cells, height=min(height, 409) if styled and height > LINE_HEIGHT else None)

    ws.auto_filter.ref = f"A{header_row}:{last_letter}{cursor.row}"
    return ws, count


def xlsx_response(workbook, filename):
    """Save to an unnamed temporary file and stream it: memory does not grow with the workbook."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def table_workbook(table, *, creator="", freeze_columns=1):
    """A one-sheet workbook of a dashboard table, exactly as the page shows it."""
    workbook = new_workbook(force_str(table.title), creator)
    write_table(workbook, table, freeze_columns=freeze_columns)
    return workbook


# --- column declarations shared by several tables -----------------------------------------------


def text(header, width, attr, wrap=False):
    """A column reading one attribute (dotted path allowed) of the row."""

    def getter(row):
        value = row
        for part in attr.split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    return Column(header, width, getter, wrap=wrap)


def demo_column(getter):
    return Column(gettext_lazy("Minh họa"), 10, lambda row: demo_marker(getter(row)))


def integral_format(value):
    """Numerators and denominators are mostly counts: no decimals unless the figure has some."""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return PRECISE
    return COUNT


# --- the periodic report ------------------------------------------------------------------------

SUMMARY_COLUMNS = [
    Column(gettext_lazy("STT"), 5, lambda r: r.number, YEAR),
    text(gettext_lazy("Nhiệm vụ"), 18, "tasks", wrap=True),
    Column(gettext_lazy("Chỉ số"), 40, lambda r: r.indicator.name, wrap=True),
    Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.indicator.display_unit, wrap=True),
    Column(gettext_lazy("Năm gốc"), 8, lambda r: r.baseline_year, YEAR),
    Column(gettext_lazy("Giá trị gốc"), 11, lambda r: r.baseline, lambda r: number_format_for(r.indicator)),
    Column(gettext_lazy("Giá trị mới nhất"), 11, lambda r: r.latest, lambda r: number_format_for(r.indicator)),
    Column(gettext_lazy("Năm"), 7, lambda r: r.latest_year, YEAR),
    Column(gettext_lazy("Chỉ tiêu 2015"), 11, lambda r: r.target_2015, lambda r: number_format_for(r.indicator)),
    text(gettext_lazy("Đánh giá so với chỉ tiêu 2015"), 24, "status_2015", wrap=True),
    Column(gettext_lazy("Chỉ tiêu 2020"), 11, lambda r: r.target_2020, lambda r: number_format_for(r.indicator)),
    text(gettext_lazy("Đánh giá so với chỉ tiêu 2020"), 24, "status_2020", wrap=True),
    text(gettext_lazy("Nguồn số liệu"), 32, "source", wrap=True),
    demo_column(lambda r: r.is_demo),
]

TASK_COLUMNS = [
    text(gettext_lazy("Số TT"), 9, "number", wrap=True),
    text(gettext_lazy("Nhiệm vụ"), 26, "title", wrap=True),
    text(gettext_lazy("Nội dung"), 60, "text", wrap=True),
    text(gettext_lazy("Chỉ số đo lường: giá trị mới nhất — đánh giá"), 46, "indicators", wrap=True),
    text(gettext_lazy("Tiến độ trong năm"), 18, "progress", wrap=True),
    text(gettext_lazy("Đánh giá của đơn vị"), 40, "narrative", wrap=True),
    demo_column(lambda r: r.is_demo),
]

DATA_COLUMNS = [
    Column(gettext_lazy("Năm"), 7, lambda r: r.year, YEAR),
    Column(gettext_lazy("Mã chỉ số"), 22, lambda r: r.indicator.code),
    Column(gettext_lazy("Chỉ số"), 40, lambda r: r.indicator.name, wrap=True),
    Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.indicator.display_unit, wrap=True),
    Column(gettext_lazy("Giá trị"), 12, lambda r: r.value, lambda r: precise_format_for(r.indicator)),
    Column(gettext_lazy("Tử số"), 12, lambda r: r.numerator, lambda r: integral_format(r.numerator)),
    Column(gettext_lazy("Mẫu số"), 12, lambda r: r.denominator, lambda r: integral_format(r.denominator)),
    text(gettext_lazy("Số đơn vị báo cáo"), 11, "reporting"),
    text(gettext_lazy("Nguồn số liệu"), 34, "source", wrap=True),
    text(gettext_lazy("Ghi chú"), 34, "note", wrap=True),
    demo_column(lambda r: r.is_demo),
]

COVER_WIDTHS = [6, 18, 16, 30, 14, 60]


def write_cover(workbook, report, contents):
    ws = workbook.create_sheet(_("Bìa"))
    for index, width in enumerate(COVER_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    set_print_setup(ws)
    cursor = Cursor(ws)
    full = [(1, len(COVER_WIDTHS))]
    cursor.line([_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")], merge=full, font=BOLD, alignment=CENTER)
    cursor.line(
        [_("Độc lập – Tự do – Hạnh phúc")], merge=full, font=Font(bold=True, underline="single"), alignment=CENTER
    )
    cursor.append([])
    cursor.line([_("BÁO CÁO ĐỊNH KỲ")], merge=full, font=Font(bold=True, size=18), alignment=CENTER, height=28)
    cursor.line(
        [_("Kết quả thực hiện các chỉ tiêu ứng dụng và phát triển công nghệ thông tin")],
        merge=full,
        font=SUBTITLE_FONT,
        alignment=CENTER,
    )
    cursor.line(
        [_("%(unit)s — năm %(year)s") % {"unit": report.unit_name, "year": report.year}],
        merge=full,
        font=SUBTITLE_FONT,
        alignment=CENTER,
    )
    cursor.append([])

    unit = report.unit_name
    if report.province is not None:
        unit = f"{report.province.name} ({_('mã')} {report.province.code}, {report.province})"
    status_note = _("Chỉ gồm số liệu đã phê duyệt.")
    if report.pending:
        status_note += " " + _("Còn %(n)s số liệu năm %(year)s chưa được phê duyệt nên chưa có trong báo cáo.") % {
            "n": report.pending,
            "year": report.year,
        }
    facts = [
        (_("Đơn vị báo cáo"), unit),
        (_("Kỳ báo cáo"), _("Năm %(year)s (01/01/%(year)s – 31/12/%(year)s)") % {"year": report.year}),
        (_("Đánh giá so với"), _("Chỉ tiêu năm 2015 và năm 2020 (tốc độ tuyến tính từ năm gốc đến hạn chỉ tiêu)")),
        (_("Ngày lập"), f"{report.produced_on:%d/%m/%Y}"),
        (_("Người lập"), report.produced_by),
        (_("Số liệu"), status_note),
    ]
    if report.has_demo:
        facts.append((_("Số liệu minh họa"), demo_note()))
    for label, value in facts:
        row = cursor.append(
            [make_cell(ws, label, font=BOLD, alignment=LEFT_WRAP), None, make_cell(ws, value, alignment=LEFT_WRAP)],
            height=text_height(value, sum(COVER_WIDTHS[2:])),
        )
        ws.merged_cells.add(f"A{row}:B{row}")
        ws.merged_cells.add(f"C{row}:{get_column_letter(len(COVER_WIDTHS))}{row}")
    cursor.append([])

    cursor.line([_("Các văn bản chỉ đạo được báo cáo")], merge=full, font=SUBTITLE_FONT)
    headers = [_("STT"), _("Số hiệu"), _("Loại văn bản"), _("Cơ quan ban hành"), _("Ngày ban hành"), _("Trích yếu")]
    cursor.line(headers, font=BOLD, alignment=CENTER, border=BORDER, fill=HEADER_FILL)
    for number, directive in enumerate(report.directives, 1):
        issued = f"{directive.issued_on:%d/%m/%Y}" if directive.issued_on else ""
        values = [
            number,
            str(directive.display_number),
            directive.get_kind_display(),
            directive.issuer,
            issued,
            directive.title,
        ]
        cursor.line(values, alignment=LEFT_WRAP, border=BORDER, height=text_height(directive.title, 60))
    if not report.directives:
        cursor.line([_("Chưa có văn bản nào.")], merge=full, font=NOTE_FONT)
    cursor.append([])

    cursor.line([_("Nội dung báo cáo")], merge=full, font=SUBTITLE_FONT)
    for number, (name, description) in enumerate(contents, 1):
        cursor.line(
            [number, name, None, description],
            merge=[(2, 3), (4, len(COVER_WIDTHS))],
            alignment=LEFT_WRAP,
            height=text_height(description, sum(COVER_WIDTHS[3:])),
        )
    return ws


def report_workbook(report):
    """The periodic report: cover, summary, one sheet per directive, the yearly data."""
    workbook = new_workbook(
        _("Báo cáo định kỳ %(unit)s năm %(year)s") % {"unit": report.unit_name, "year": report.year}, report.produced_by
    )
    scope = _("%(unit)s — năm %(year)s") % {"unit": report.unit_name, "year": report.year}
    demo = [demo_note()] if report.has_demo else []
    summary = Table(
        _("TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
        SUMMARY_COLUMNS,
        report.summary,
        subtitle=[scope],
        notes=[
            _(
                "Giá trị mới nhất là số liệu đã phê duyệt gần nhất tính đến hết năm %(year)s. Đánh giá theo tốc độ: "
                "quãng đường đã đi từ năm gốc tới chỉ tiêu chia cho thời gian đã qua; từ 95%% trở lên là đúng "
                "tiến độ, 60–95%% là cần chú ý, dưới 60%% là chậm tiến độ."
            )
            % {"year": report.year},
            *demo,
        ],
        is_demo=lambda r: r.is_demo,
    )
    data = Table(
        _("SỐ LIỆU CÁC NĂM"),
        DATA_COLUMNS,
        report.data,
        subtitle=[scope],
        notes=[
            _("Số liệu đã phê duyệt đến hết năm %(year)s, mỗi dòng một chỉ số trong một năm.") % {"year": report.year},
            *demo,
        ],
        is_demo=lambda r: r.is_demo,
    )
    taken = {_("Bìa")}
    names = {"summary": sheet_title(_("Tổng hợp"), taken)}
    taken.add(names["summary"])
    directive_tables = []
    for sheet in report.directive_sheets:
        directive = sheet.directive
        name = sheet_title(str(directive.display_number) if directive.number else directive.slug, taken)
        taken.add(name)
        issued = _("ban hành ngày %(day)s") % {"day": f"{directive.issued_on:%d/%m/%Y}"} if directive.issued_on else ""
        period = ""
        if directive.period_start or directive.period_end:
            period = _("giai đoạn %(start)s–%(end)s") % {
                "start": directive.period_start or "…",
                "end": directive.orientation_year or directive.period_end or "…",
            }
        heading = f"{directive.get_kind_display()} {directive.number}".strip() + f" — {directive.issuer}"
        notes = [directive.title]
        details = ", ".join(part for part in (issued, period) if part)
        if details:
            notes.append(details[0].upper() + details[1:] + ".")
        if not sheet.tasks:
            notes.append(
                _(
                    "Văn bản này chưa có nhiệm vụ được đánh số trong hệ thống; các chỉ tiêu của văn bản "
                    "được đánh giá ở trang “Tổng hợp”."
                )
            )
        if sheet.tasks:
            notes += demo
        table = Table(
            heading,
            TASK_COLUMNS,
            sheet.tasks,
            subtitle=[_("Tình hình thực hiện: %(scope)s") % {"scope": scope}],
            notes=notes,
            is_demo=lambda r: r.is_demo,
        )
        directive_tables.append((name, table))
    names["data"] = sheet_title(_("Số liệu các năm"), taken)

    contents = [
        (names["summary"], _("Từng chỉ số: năm gốc, giá trị mới nhất, chỉ tiêu 2015 và 2020, đánh giá, nguồn.")),
        *[
            (name, _("Các nhiệm vụ của %(heading)s và tình hình thực hiện.") % {"heading": table.title})
            for name, table in directive_tables
        ],
        (names["data"], _("Số liệu từng năm của từng chỉ số (số liệu gốc của trang Tổng hợp).")),
    ]
    write_cover(workbook, report, contents)
    write_table(workbook, summary, name=names["summary"], freeze_columns=3)
    for name, table in directive_tables:
        write_table(workbook, table, name=name, freeze_columns=2)
    write_table(workbook, data, name=names["data"], freeze_columns=3)
    return workbook


# --- the full data export -----------------------------------------------------------------------

EXPORT_COLUMNS = [
    Column(gettext_lazy("Mã tỉnh (GSO)"), 9, lambda r: r.province_code),
    Column(gettext_lazy("Tỉnh, thành phố"), 26, lambda r: r.province_name),
    Column(gettext_lazy("Hiệu lực"), 22, lambda r: r.validity),
    Column(gettext_lazy("Năm"), 7, lambda r: r.year, YEAR),
    Column(gettext_lazy("Mã chỉ số"), 24, lambda r: r.indicator_code),
    Column(gettext_lazy("Chỉ số"), 50, lambda r: r.indicator_name),
    Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.unit),
    Column(gettext_lazy("Giá trị"), 12, lambda r: r.value, lambda r: COUNT if r.is_count else PRECISE),
    Column(gettext_lazy("Tử số"), 12, lambda r: r.numerator, lambda r: integral_format(r.numerator)),
    Column(gettext_lazy("Mẫu số"), 12, lambda r: r.denominator, lambda r: integral_format(r.denominator)),
    Column(gettext_lazy("Nguồn số liệu"), 40, lambda r: r.source),
    Column(gettext_lazy("Ghi chú"), 40, lambda r: r.note),
    demo_column(lambda r: r.is_demo),
    Column(gettext_lazy("Cập nhật lúc"), 17, lambda r: r.updated_at, "dd/mm/yyyy hh:mm"),
]


def export_workbook(rows, *, has_demo=True, creator=""):
    """The full data export in one streamed sheet (``rows``: any iterable of ExportRow)."""
    workbook = new_workbook(_("Số liệu các tỉnh, thành phố"), creator)
    notes = [
        _("Mọi số liệu đã phê duyệt của mọi đơn vị hành chính, mọi chỉ số, mọi năm. Xuất ngày %(day)s.")
        % {"day": f"{timezone.localdate():%d/%m/%Y}"}
    ]
    if has_demo:
        notes.append(demo_note())
    table = Table(_("SỐ LIỆU CÁC TỈNH, THÀNH PHỐ"), EXPORT_COLUMNS, rows, notes=notes)
    sheet, count = write_table(workbook, table, name=_("Số liệu"), styled=False, freeze_columns=2)
    return workbook, count


# --- the import template ------------------------------------------------------------------------

TEMPLATE_VERSION = "mau-nhap-2026.1"  # change when the columns change: older files are then refused
TEMPLATE_DATA_SHEET = "So lieu"
TEMPLATE_META_SHEET = "_mau"
TEMPLATE_HEADER_ROW = 6
NUMBER_KEYS = ("value", "numerator", "denominator")
TEXT_KEYS = ("source", "note")
EDITABLE_KEYS = NUMBER_KEYS + TEXT_KEYS

EDITABLE_FILL = PatternFill("solid", fgColor="FFF4C2")
LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")
UNLOCKED = Protection(locked=False)


@dataclass(frozen=True)
class TemplateColumn:
    """A column of the import template: a Column plus the key the import reads it back by."""

    key: str
    column: Column

    @property
    def header(self):
        return self.column.header


def _status_label(row):
    return row.measurement.get_status_display() if row.measurement else _("Chưa nhập")


TEMPLATE_COLUMNS = [
    TemplateColumn("code", Column(gettext_lazy("Mã chỉ số"), 24, lambda r: r.indicator.code)),
    TemplateColumn("name", Column(gettext_lazy("Chỉ số"), 44, lambda r: r.indicator.name, wrap=True)),
    TemplateColumn("unit", Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.indicator.display_unit, wrap=True)),
    TemplateColumn(
        "numerator_label", Column(gettext_lazy("Tử số là"), 26, lambda r: r.indicator.numerator_label, wrap=True)
    ),
    TemplateColumn(
        "denominator_label", Column(gettext_lazy("Mẫu số là"), 26, lambda r: r.indicator.denominator_label, wrap=True)
    ),
    TemplateColumn(
        "previous",
        Column(
            gettext_lazy("Giá trị năm trước"), 12, lambda r: r.previous_value, lambda r: precise_format_for(r.indicator)
        ),
    ),
    TemplateColumn(
        "value",
        Column(gettext_lazy("Giá trị"), 12, lambda r: r.stored("value"), lambda r: precise_format_for(r.indicator)),
    ),
    TemplateColumn(
        "numerator",
        Column(
            gettext_lazy("Tử số"), 12, lambda r: r.stored("numerator"), lambda r: integral_format(r.stored("numerator"))
        ),
    ),
    TemplateColumn(
        "denominator",
        Column(
            gettext_lazy("Mẫu số"),
            12,
            lambda r: r.stored("denominator"),
            lambda r: integral_format(r.stored("denominator")),
        ),
    ),
    TemplateColumn("source", Column(gettext_lazy("Nguồn số liệu"), 30, lambda r: r.stored("source"), wrap=True)),
    TemplateColumn("note", Column(gettext_lazy("Ghi chú"), 30, lambda r: r.stored("note"), wrap=True)),
    TemplateColumn("status", Column(gettext_lazy("Trạng thái duyệt"), 15, _status_label, wrap=True)),
    TemplateColumn(
        "version", Column(gettext_lazy("Phiên bản"), 9, lambda r: r.measurement.version if r.measurement else 0, YEAR)
    ),
    TemplateColumn("demo", Column(gettext_lazy("Minh họa"), 9, lambda r: demo_marker(r.is_demo))),
]
TEMPLATE_KEYS = [c.key for c in TEMPLATE_COLUMNS]


def template_editable_keys(row):
    """The cells of ``row`` a person may fill: none once the figure is submitted or approved."""
    if not row.editable:
        return set()
    numbers = {"numerator", "denominator"} if row.indicator.is_ratio else {"value"}
    return numbers | set(TEXT_KEYS)


def _validation(kind, operator, formula1, formula2=None, *, title, message):
    validation = DataValidation(
        type=kind,
        operator=operator,
        formula1=formula1,
        formula2=formula2,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=clean_text(title),
        error=clean_text(message),
    )
    return validation


def template_validations():
    """Excel's own checks on the number cells (the server checks again: a paste skips them)."""
    title = _("Giá trị không hợp lệ")
    return {
        "percent": _validation("decimal", "between", "0", "100", title=title, message=_("Nhập một số từ 0 đến 100.")),
        "count": _validation(
            "whole", "greaterThanOrEqual", "0", title=title, message=_("Nhập một số nguyên không âm.")
        ),
        "decimal": _validation("decimal", "greaterThanOrEqual", "0", title=title, message=_("Nhập một số không âm.")),
        "positive": _validation("decimal", "greaterThan", "0", title=title, message=_("Mẫu số phải lớn hơn 0.")),
    }


def _validation_kind(row, key):
    if key == "denominator":
        return "positive"
    if key == "numerator":
        return "decimal"
    if row.indicator.is_capped_at_100:
        return "percent"
    if row.indicator.unit == Indicator.Unit.COUNT:
        return "count"
    return "decimal"


def template_workbook(province, year, rows, *, user_name="", has_demo=False):
    """The import template of ``province`` for ``year``: one row per indicator, only the entry cells unlocked.

    ``rows`` provide ``indicator``, ``measurement``, ``previous_value``, ``editable``, ``is_demo`` and
    ``stored(field)``. A hidden, protected sheet holds the template version, the unit and the year.
    """
    workbook = new_workbook(
        _("Mẫu nhập số liệu %(unit)s năm %(year)s") % {"unit": province.name, "year": year}, user_name
    )
    workbook.security = WorkbookProtection(lockStructure=True)  # the hidden sheet stays hidden
    ws = workbook.create_sheet(TEMPLATE_DATA_SHEET)
    columns = [c.column for c in TEMPLATE_COLUMNS]
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = f"C{TEMPLATE_HEADER_ROW + 1}"
    set_print_setup(ws, TEMPLATE_HEADER_ROW)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # people may still widen a column to read it
    ws.protection.formatRows = False

    cursor = Cursor(ws)
    full = [(1, len(columns))]
    total_width = sum(c.width for c in columns)
    cursor.line([_("MẪU NHẬP SỐ LIỆU CHỈ TIÊU CÔNG NGHỆ THÔNG TIN")], merge=full, font=TITLE_FONT, alignment=CENTER)
    cursor.line(
        [_("%(unit)s (mã %(code)s) — năm %(year)s") % {"unit": province.name, "code": province.code, "year": year}],
        merge=full,
        font=SUBTITLE_FONT,
        alignment=CENTER,
    )
    instructions = _(
        "Chỉ nhập vào các ô nền vàng. Chỉ số dạng tỷ lệ: nhập tử số và mẫu số, hệ thống tự tính giá trị. "
        "Số liệu đã gửi duyệt hoặc đã phê duyệt bị khóa. Không thêm, xóa hay đổi thứ tự cột; không nhập công thức. "
        "Nhập xong, tải tệp lên ở mục “Nhập từ Excel” của trang nhập số liệu: hệ thống cho xem trước từng dòng "
        "trước khi lưu."
    )
    cursor.line(
        [instructions], merge=full, font=NOTE_FONT, alignment=LEFT_WRAP, height=text_height(instructions, total_width)
    )
    note = demo_note() if has_demo else ""
    cursor.line([note], merge=full, font=NOTE_FONT, alignment=LEFT_WRAP)
    cursor.append([])
    header = [make_cell(ws, c.header, font=BOLD, fill=HEADER_FILL, border=BORDER, alignment=CENTER) for c in columns]
    header_row = cursor.append(header, height=max(text_height(force_str(c.header), c.width) for c in columns))
    if header_row != TEMPLATE_HEADER_ROW:  # the import reads the header from this row
        raise RuntimeError("import template header row moved")

    validations = template_validations()
    for row in rows:
        editable = template_editable_keys(row)
        line = cursor.row + 1
        cells = []
        height = LINE_HEIGHT
        for index, template_column in enumerate(TEMPLATE_COLUMNS, 1):
            key, column = template_column.key, template_column.column
            value = column.value(row)
            open_cell = key in editable
            cells.append(
                make_cell(
                    ws,
                    value,
                    fill=EDITABLE_FILL if open_cell else (LOCKED_FILL if not row.editable else None),
                    border=BORDER,
                    alignment=LEFT_WRAP if column.wrap else TOP,
                    number_format=column.format_for(row),
                    protection=UNLOCKED if open_cell else None,
                )
            )
            if column.wrap and value:
                height = max(height, text_height(value, column.width))
            if open_cell and key in NUMBER_KEYS:
                validations[_validation_kind(row, key)].add(f"{get_column_letter(index)}{line}")
        cursor.append(cells, height=height if height > LINE_HEIGHT else None)
    for validation in validations.values():
        if validation.sqref:
            ws.data_validations.append(validation)

    meta = workbook.create_sheet(TEMPLATE_META_SHEET)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    for key, value in template_meta(province, year, user_name).items():
        meta.append([make_cell(meta, key), make_cell(meta, value)])
    return workbook


def template_meta(province, year, user_name=""):
    return {
        "template_version": TEMPLATE_VERSION,
        "province_code": province.code,
        "province_valid_from": province.valid_from.isoformat(),
        "province_slug": province.slug,
        "province_name": province.name,
        "year": str(year),
        "data_sheet": TEMPLATE_DATA_SHEET,
        "header_row": str(TEMPLATE_HEADER_ROW),
        "generated_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "generated_by": user_name,
    }


# --- the dashboard tables, exported as the page shows them ---------------------------------------


def _figure_value(figure):
    return figure.value if figure is not None else None


def _figure_format(row):
    return number_format_for(row.indicator)


def _reporting(figure):
    if figure is None or not figure.is_aggregate:
        return ""
    return f"{figure.reporting}/{figure.expected}"


def _target_value(assessment):
    return assessment.target.value if assessment is not None and assessment.target is not None else None


def assessment_columns(window, assessment_of, indicator_of, *, status_width=28):
    """A target column and a status column for one window (2015 or 2020)."""
    return [
        Column(
            gettext_lazy("Chỉ tiêu %(year)s") % {"year": window},
            11,
            lambda r: _target_value(assessment_of(r, window)),
            lambda r: number_format_for(indicator_of(r)),
        ),
        Column(
            gettext_lazy("Trạng thái (%(year)s)") % {"year": window},
            status_width,
            lambda r: status_text(assessment_of(r, window)),
            wrap=True,
        ),
    ]


def count_columns(counts_of):
    """One column per status, worst first: how many places stand there."""
    columns = []
    for key, label in COUNT_KEYS:
        columns.append(Column(label, 11, lambda r, key=key: next(t.count for t in counts_of(r) if t.key == key), COUNT))
    return columns


def indicator_rows_table(rows, *, title, subtitle=(), notes=()):
    """Rows of one place (a province, or the nation): latest figure, then target and status per window."""
    columns = [
        Column(gettext_lazy("Chỉ số"), 44, lambda r: r.indicator.name, wrap=True),
        Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.indicator.display_unit, wrap=True),
        Column(gettext_lazy("Mới nhất"), 12, lambda r: _figure_value(r.latest), _figure_format),
        Column(gettext_lazy("Năm"), 7, lambda r: r.latest.year if r.latest else None, YEAR),
        Column(gettext_lazy("Số đơn vị báo cáo"), 10, lambda r: _reporting(r.latest)),
    ]
    for window in WINDOWS:
        columns += assessment_columns(window, lambda r, w: r.assessment(w), lambda r: r.indicator)
    columns.append(demo_column(lambda r: r.is_demo))
    return Table(title, columns, rows, subtitle=list(subtitle), notes=list(notes), is_demo=lambda r: r.is_demo)


@dataclass(frozen=True)
class TaskLine:
    """One line of a directive's table: a task with one of its indicators, or alone with its report."""

    task: object
    row: object = None  # the indicator's dashboard row, when the task has one
    report: object = None  # the latest qualitative report, on the task's first line


def task_lines(blocks):
    for task, rows, report in blocks:
        if not rows:
            yield TaskLine(task, None, report)
        for i, row in enumerate(rows):
            yield TaskLine(task, row, report if i == 0 else None)


def directive_tasks_table(blocks, *, title, subtitle=(), notes=()):
    """The directive page as it is shown: numbered tasks, the indicators under each, their status."""

    def on_row(getter):
        return lambda line: getter(line.row) if line.row is not None else None

    columns = [
        Column(gettext_lazy("Nhiệm vụ"), 9, lambda line: line.task.number),
        Column(gettext_lazy("Nội dung"), 40, lambda line: line.task.title or line.task.text, wrap=True),
        Column(gettext_lazy("Chỉ số"), 36, on_row(lambda r: r.indicator.name), wrap=True),
        Column(gettext_lazy("Đơn vị tính"), 10, on_row(lambda r: r.indicator.display_unit), wrap=True),
        Column(
            gettext_lazy("Mới nhất"),
            12,
            on_row(lambda r: _figure_value(r.latest)),
            lambda line: number_format_for(line.row.indicator if line.row is not None else None),
        ),
        Column(gettext_lazy("Năm"), 7, on_row(lambda r: r.latest.year if r.latest else None), YEAR),
    ]
    for window in WINDOWS:
        columns += assessment_columns(
            window,
            lambda line, w: line.row.assessment(w) if line.row is not None else None,
            lambda line: line.row.indicator if line.row is not None else None,
        )
    columns += [
        Column(
            gettext_lazy("Tiến độ nhiệm vụ"),
            16,
            lambda line: line.report.get_progress_display() if line.report else "",
        ),
        Column(gettext_lazy("Đánh giá"), 36, lambda line: line.report.narrative if line.report else "", wrap=True),
        demo_column(lambda line: _line_is_demo(line)),
    ]
    lines = list(task_lines(blocks))
    return Table(title, columns, lines, subtitle=list(subtitle), notes=list(notes), is_demo=_line_is_demo)


def _line_is_demo(line):
    return bool((line.row is not None and line.row.is_demo) or (line.report is not None and line.report.is_demo))


def summary_counts_table(summaries, *, title, subtitle=(), notes=()):
    """The overview's table: for each indicator, how many places stand at each status."""
    columns = [Column(gettext_lazy("Chỉ số"), 44, lambda s: s.indicator.name, wrap=True)]
    columns += count_columns(lambda s: s.counts)
    columns.append(demo_column(lambda s: s.national.is_demo or any(r.is_demo for r in s.rows)))
    return Table(title, columns, summaries, subtitle=list(subtitle), notes=list(notes))


def indicator_list_table(summaries, *, as_of, scope, title, subtitle=(), notes=()):
    """The indicator list: the national figure, targets and statuses, and places per status."""
    columns = [
        Column(gettext_lazy("Nhóm"), 20, lambda s: s.indicator.get_category_display(), wrap=True),
        Column(gettext_lazy("Chỉ số"), 40, lambda s: s.indicator.name, wrap=True),
        Column(gettext_lazy("Đơn vị tính"), 10, lambda s: s.indicator.display_unit, wrap=True),
        Column(
            f"{scope} {as_of or ''}".strip(),
            12,
            lambda s: _figure_value(s.national.current),
            lambda s: number_format_for(s.indicator),
        ),
        Column(gettext_lazy("Số tỉnh báo cáo"), 10, lambda s: _reporting(s.national.current)),
    ]
    for window in WINDOWS:
        columns += assessment_columns(window, lambda s, w: s.national.assessment(w), lambda s: s.indicator)
    columns += count_columns(lambda s: s.counts)
    columns.append(demo_column(lambda s: s.national.is_demo or any(r.is_demo for r in s.rows)))
    return Table(title, columns, summaries, subtitle=list(subtitle), notes=list(notes))


def place_list_table(places, *, title, subtitle=(), notes=()):
    """The province list: for each place, how many indicators stand at each status."""
    columns = [
        Column(gettext_lazy("Mã"), 6, lambda p: p.place.code),
        Column(gettext_lazy("Tỉnh, thành phố"), 24, lambda p: p.place.name),
        Column(gettext_lazy("Vùng"), 28, lambda p: p.place.get_region_display(), wrap=True),
    ]
    columns += count_columns(lambda p: p.counts)
    columns += [
        Column(gettext_lazy("Chỉ số có số liệu"), 11, lambda p: p.with_data, COUNT),
        Column(gettext_lazy("Tổng số chỉ số"), 11, lambda p: len(p.rows), COUNT),
        demo_column(lambda p: p.is_demo),
    ]
    return Table(title, columns, places, subtitle=list(subtitle), notes=list(notes), is_demo=lambda p: p.is_demo)


@dataclass(frozen=True)
class RankedRow:
    rank: int | None
    row: object


def ranking_table(ranked, unreported, *, as_of, window, title, subtitle=(), notes=()):
    """The indicator page's ranking: the places with a figure in ``as_of``, best first, then the others."""
    rows = [RankedRow(i, r) for i, r in enumerate(ranked, 1)] + [RankedRow(None, r) for r in unreported]
    columns = [
        Column(gettext_lazy("Hạng"), 6, lambda x: x.rank, YEAR),
        Column(gettext_lazy("Mã"), 6, lambda x: x.row.place.code),
        Column(gettext_lazy("Tỉnh, thành phố"), 24, lambda x: x.row.place.name),
        Column(
            gettext_lazy("Giá trị năm %(year)s") % {"year": as_of},
            12,
            lambda x: _figure_value(x.row.current),
            lambda x: number_format_for(x.row.indicator),
        ),
        Column(
            gettext_lazy("Mới nhất"),
            12,
            lambda x: _figure_value(x.row.latest),
            lambda x: number_format_for(x.row.indicator),
        ),
        Column(gettext_lazy("Năm"), 7, lambda x: x.row.latest.year if x.row.latest else None, YEAR),
        Column(gettext_lazy("Số đơn vị cũ báo cáo"), 10, lambda x: _reporting(x.row.current)),
        Column(
            gettext_lazy("Chỉ tiêu %(year)s") % {"year": window},
            11,
            lambda x: _target_value(x.row.assessment(window)),
            lambda x: number_format_for(x.row.indicator),
        ),
        Column(
            gettext_lazy("Trạng thái (%(year)s)") % {"year": window},
            30,
            lambda x: status_text(x.row.assessment(window)),
            wrap=True,
        ),
        demo_column(lambda x: x.row.is_demo),
    ]
    return Table(title, columns, rows, subtitle=list(subtitle), notes=list(notes), is_demo=lambda x: x.row.is_demo)


def year_series_table(year_rows, places, indicator, *, title, subtitle=(), notes=()):
    """The table beside a line chart: one row per year, one column per place (``None``: the nation)."""
    columns = [Column(gettext_lazy("Năm"), 7, lambda r: r[0], YEAR)]
    for index, label in enumerate(places):
        columns.append(Column(label, 14, lambda r, i=index: _figure_value(r[1][i]), number_format_for(indicator)))
    columns.append(demo_column(lambda r: any(f is not None and f.is_demo for f in r[1])))
    return Table(
        title,
        columns,
        year_rows,
        subtitle=list(subtitle),
        notes=list(notes),
        is_demo=lambda r: any(f is not None and f.is_demo for f in r[1]),
    )
