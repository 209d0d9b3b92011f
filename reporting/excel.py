"""Writing workbooks: columns declared once, rows built elsewhere, one writer for every sheet.

A ``Column`` is a header, a width, a number format and a getter. The same declarations
write the workbook and render the HTML table beside which its export button sits
(``Column.display``), so a page and its export cannot drift apart. Rows are plain objects
(dataclasses, tuples from a queryset) built by ``indicators.reports``, ``indicators.dashboard``
or ``indicators.excel_import``; this module only knows how to put them on a sheet.

Every workbook but the full data export (``export.py``: xlsxwriter's constant-memory mode, its text
through ``write_text`` below) is written in openpyxl's write-only mode: rows go straight to a
temporary file as they are appended, so a 15,000-row export needs no more memory than a 15-row
one, and the finished file is handed to Django as a ``FileResponse`` over an unnamed temporary file.

Text that a person typed (notes, sources, names) is never allowed to become a formula: a string
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also after leading spaces)
is written as an explicit string cell with Excel's "quote prefix" set, which is what Excel itself
does when someone types an apostrophe before the text. The text is kept as it was typed.
"""

import functools
import math
import re
import tempfile
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.http import FileResponse
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators.models import Indicator
from indicators.numbers import display_places, format_vn

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
    if number_format is not None and isinstance(value, str):
        number_format = None
    _style(ws, cell, font, fill, border, alignment, number_format, protection)
    if isinstance(value, str):
        # openpyxl marks any string starting with "=" as a formula; ours are always text.
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    return cell


def _style(ws, cell, font, fill, border, alignment, number_format, protection):
    """Give ``cell`` these styles. openpyxl hashes every style object each time one is set (most of a
    report's writing time); the first cell of each combination (by the objects' identities) sets them,
    the next ones copy its style. The cache lives on the workbook and keeps the objects, so an
    identity stays theirs."""
    cache = ws.parent.__dict__.setdefault("_styles_by_identity", {})
    key = (id(font), id(fill), id(border), id(alignment), number_format, id(protection))
    found = cache.get(key)
    if found is not None:
        cell._style = copy(found[0])
        return
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None:
        cell.number_format = number_format
    if protection is not None:
        cell.protection = protection
    cache[key] = (copy(cell._style), (font, fill, border, alignment, protection))


def write_text(ws, row, col, value, quoted, cell_format=None):
    """Write ``value`` as text on an xlsxwriter sheet (the streamed full export); never as a formula.

    The same rules as ``make_cell``: XML-illegal control characters dropped, text that a spreadsheet
    could read as a formula written with the ``quoted`` format (Excel's quote prefix). Also one of
    xlsxwriter's own: in constant-memory mode it copies a string that starts with ``<r>`` and ends
    with ``</r>`` into the sheet's XML unescaped (as prepared rich text), so such a string, which
    could smuggle a formula element in, is written as a rich string of plain fragments, escaped
    and read back exactly as typed.
    """
    text = clean_text(value)
    if looks_like_formula(text):
        cell_format = quoted
    if text.startswith("<r>") and text.endswith("</r>"):
        fragments = [text[:1], text[1:2], text[2:]]
        return ws.write_rich_string(row, col, *fragments, *([cell_format] if cell_format else []))
    return ws.write_string(row, col, text, cell_format)


def number_format_for(indicator):
    """Counts as whole numbers, everything else (shares, densities) with a decimal."""
    return COUNT if indicator is not None and indicator.unit == Indicator.Unit.COUNT else DECIMAL


def precise_format_for(indicator):
    return COUNT if indicator.unit == Indicator.Unit.COUNT else PRECISE


@dataclass(frozen=True)
class Column:
    """One column of a table, for the workbook and for the page.

    ``number_format`` is a format string or a function of the row (a "value" column holds
    counts and percentages side by side). ``wrap`` wraps long text in the cell.

    The rest says how a dashboard page shows the column (``templates/partials/_table.html``):
    by default its ``display``; with ``cell_template``, that template rendered with the variables
    ``cell(row)`` returns (a link, a count); with ``cell_html``, the HTML it returns (a status with
    the numbers behind it, a target: ``dashboards/html.py``). ``page=False`` keeps
    a column to the workbook where the page shows it inside a neighbouring cell (the unit, the
    year, "n/m reporting" beside a value), so every column of the page is in the workbook, under
    the same header, in the same order.
    """

    header: object
    width: float
    getter: Callable
    number_format: object = None
    wrap: bool = False
    page: bool = True
    cell_template: str | None = None
    cell: Callable | None = None  # row → the cell template's variables
    cell_html: Callable | None = None  # (row, the request's query) → the page's cell as safe HTML (dashboards/html.py)
    header_html: object = None  # the page's header cell as safe HTML, reading as ``header``
    css_class: str = ""  # on the page's header and cells ("num": right-aligned figures)
    row_header: bool = False  # the cell that names the row: <th scope="row"> on the page
    sort: str = ""  # the page may sort by it: its name in the URL (?sort=name, ?sort=-name)
    sort_by: Callable | None = None  # row → what to sort on (default: the value)
    # for the workbook only
    hidden: bool = False  # kept for re-import (indicator codes), never shown or printed
    status: Callable | None = None  # row → a status key: the cell takes that status's colours

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
            return format_vn(value, *display_places(number_format))
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
    # for the page only
    group_by: Callable | None = None  # row → the heading of a run of rows (the workbook has it as a column)
    row_class: Callable | None = None  # row → a CSS class for the page's row
    empty: object = ""  # what the page says when no row matches
    sorted_by: str | None = None  # None: not sortable; else the ``sort`` the rows are in ("-name": descending)
    # for the workbook only
    footer: list = ()  # (label, text, status key or None) lines under the table: a legend
    keys: list | None = None  # one value per column, written in a hidden row above the header (codes)
    pages_tall: int = 0  # 0: as many pages down as needed; else fit the sheet on that many A4 pages
    pages_wide: int = 1  # a wide table printed over several pages side by side, its first columns repeated
    title_columns: int = 0  # how many first columns every printed page repeats (the row's name)

    def headers(self):
        return [force_str(c.header) for c in self.columns]

    def page_columns(self):
        return [c for c in self.columns if c.page]

    def part(self, rows):
        """The same table (columns, title) over some of its rows."""
        return replace(self, rows=list(rows))


def demo_marker(is_demo):
    return force_str(DEMO_LABEL) if is_demo else ""


def demo_note():
    return _(
        "Các dòng đánh dấu “minh họa” ở cột “Minh họa” là số liệu minh họa, không phải số liệu báo cáo "
        "(để trình diễn hệ thống)."
    )


PALETTE_RE = re.compile(r"--status-([a-z_]+)(-bg)?:\s*(#[0-9a-fA-F]{6})")


def status_palette():
    """{status key: (text colour, background colour)} as hex "RRGGBB", read from the one palette (site.css)."""
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")
    colours = {}
    for key, background, colour in PALETTE_RE.findall(css):
        colours.setdefault(key, [None, None])[1 if background else 0] = colour[1:].upper()
    return {key: tuple(pair) for key, pair in colours.items() if None not in pair}


def status_style(key, palette):
    """(font, fill) of a cell showing status ``key``: the pages' badge colours."""
    if key not in palette:
        return None, None
    return _status_style(*palette[key])


@functools.lru_cache(maxsize=64)
def _status_style(colour, background):
    """The same two objects for the same colours, so that ``make_cell`` finds their style in its cache."""
    return Font(color=colour, bold=True), PatternFill("solid", fgColor=background)


def new_workbook(title="", creator=""):
    """A write-only workbook; ``creator`` (who generated it) goes into the document properties only."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = clean_text(title)
    workbook.properties.creator = clean_text(creator) or "ICT directive tracker"
    workbook.properties.lastModifiedBy = clean_text(creator) or None
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


def set_print_setup(ws, header_row=None, pages_tall=0, pages_wide=1, title_columns=0):
    """A4 landscape, the full width on one page (or ``pages_wide``), as many pages down as needed (or
    ``pages_tall``); the header row (and ``title_columns`` first columns) on each page."""
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = pages_tall
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.HeaderFooter.oddFooter.center.text = _("Trang &P / &N")
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    if title_columns:
        ws.print_title_cols = f"A:{get_column_letter(title_columns)}"
    if pages_wide > 1:
        ws.page_setup.pageOrder = "overThenDown"  # the pages of one band of rows follow each other


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
        if column.hidden:
            ws.column_dimensions[get_column_letter(index)].hidden = True
    shown = [index for index, column in enumerate(columns, 1) if not column.hidden]
    last_shown = get_column_letter(max(shown)) if shown else last_letter
    total_width = sum(c.width for c in columns if not c.hidden)
    palette = status_palette() if any(c.status for c in columns) or table.footer else {}

    lead = [(table.title, TITLE_FONT)]
    lead += [(line, SUBTITLE_FONT) for line in table.subtitle]
    lead += [(line, NOTE_FONT) for line in table.notes]
    header_row = len(lead) + 2  # a blank row between the lead and the header
    # Write-only sheets write their views and column widths before the first row.
    ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{header_row + 1}"
    set_print_setup(ws, header_row, table.pages_tall, table.pages_wide, table.title_columns)

    cursor = Cursor(ws)
    # A table printed over several pages side by side has its title and legend on the first page only: over
    # its columns after those every page repeats (which would show a cut-off piece of them on the others).
    lead_start, lead_end = 1, (max(shown) if shown else 1)
    if table.pages_wide > 1:
        lead_start = table.title_columns + 1
        lead_end = table.title_columns + math.ceil((lead_end - table.title_columns) / table.pages_wide)
        total_width = sum(c.width for c in columns[lead_start - 1 : lead_end])
    merge = [(lead_start, lead_end)] if lead_end > lead_start else []
    padding = [None] * (lead_start - 1)
    for line, font in lead:
        height = text_height(line, total_width)
        if font is NOTE_FONT:
            cursor.line([*padding, line], merge=merge, font=font, alignment=LEFT_WRAP, height=height)
        else:
            cursor.line([*padding, line], merge=merge, font=font, alignment=CENTER, height=height + 4)
    if table.keys is not None:
        # the blank row above the header, hidden, holds what a re-import matches columns on
        ws.row_dimensions[cursor.row + 1].hidden = True  # before the row: a write-only sheet writes it at once
        cursor.append([make_cell(ws, key) if key else None for key in table.keys])
    else:
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
                font, fill = status_style(column.status(row), palette) if column.status else (None, None)
                cell = make_cell(
                    ws,
                    value,
                    font=DEMO_FONT if demo and font is None else font,
                    fill=fill,
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

    last_row = cursor.row
    ws.auto_filter.ref = f"A{header_row}:{last_letter}{last_row}"
    if table.footer:
        cursor.append([])
        label_end = min(lead_start + 1, lead_end)
        for label, text_, key in table.footer:
            font, fill = status_style(key, palette)
            cells = [*padding, make_cell(ws, label, font=font or BOLD, fill=fill, border=BORDER, alignment=LEFT_WRAP)]
            cells += [None] * (label_end - lead_start)
            cells.append(make_cell(ws, text_, alignment=LEFT_WRAP))
            row_number = cursor.append(cells, height=text_height(text_, total_width - 20))
            if label_end > lead_start:
                first = get_column_letter(lead_start)
                ws.merged_cells.add(f"{first}{row_number}:{get_column_letter(label_end)}{row_number}")
            if lead_end > label_end + 1:
                ws.merged_cells.add(
                    f"{get_column_letter(label_end + 1)}{row_number}:{get_column_letter(lead_end)}{row_number}"
                )
    ws.print_area = f"A1:{last_shown}{cursor.row}"
    return ws, count


def xlsx_response(workbook, filename):
    """Save to an unnamed temporary file and stream it: memory does not grow with the workbook.

    Every export and template download goes through here.
    """
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    workbook.save(handle)
    handle.seek(0)
    return file_response(handle, filename)


def file_response(handle, filename):
    """Stream a finished .xlsx from an open, rewound file; the response closes it once sent.

    Exports hold figures a login protects (drafts, a province's own data): no shared or disk cache keeps them.
    """
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response


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


# The three columns of a figure (``figure_columns``): as the latest one, and as a newer provisional one.
LATEST_HEADERS = (gettext_lazy("Mới nhất"), gettext_lazy("Năm"), gettext_lazy("Số đơn vị báo cáo"))
PROVISIONAL_HEADERS = (
    gettext_lazy("Số liệu mới hơn (tạm tính)"),
    gettext_lazy("Năm tạm tính"),
    gettext_lazy("Số đơn vị đã báo cáo"),
)


def _on_figure(figure_of, getter):
    def get(row):
        figure = figure_of(row)
        return getter(figure) if figure is not None else None

    return get


def coverage_column(header, figure_of, width=10):
    """ "61/63" (``Aggregate.coverage``) of a figure added up from several units, in a column of its own;
    the page shows it beside the figure (``dashboards/html.py`` ``coverage``)."""
    return Column(header, width, _on_figure(figure_of, lambda f: f.coverage), page=False)


def figure_columns(figure_of, indicator_of, headers=LATEST_HEADERS, *, width=12, **value_options):
    """A figure (``board.Figure``) as every export writes it: its value, its year and, added up from
    several units, how many reported ("61/63"), each in its own column. ``value_options`` go to the
    value's column (the page's ``cell_html``, ``page=False``); the page shows the other two beside it.
    """
    value, year, coverage = headers
    return [
        Column(
            value,
            width,
            _on_figure(figure_of, lambda f: f.value),
            lambda row: number_format_for(indicator_of(row)),
            **value_options,
        ),
        Column(year, 7, _on_figure(figure_of, lambda f: f.year), YEAR, page=False),
        coverage_column(coverage, figure_of),
    ]


def target_format(target, indicator):
    """A target cell's number format: the figure's after its comparison ("> 80,0", "≥ 80,0"), the cell
    still a number; the bare figure's format where there is no target."""
    from indicators import targets

    number_format = number_format_for(indicator)
    if target is None:
        return number_format
    return f'"{targets.comparison(target, indicator)} "{number_format}'


def integral_format(value):
    """Numerators and denominators are mostly counts: no decimals unless the figure has some."""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return PRECISE
    return COUNT


def producer_name(user):
    """Who generated a workbook, for its document properties."""
    return user.get_full_name() or user.get_username()
