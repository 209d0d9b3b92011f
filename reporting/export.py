"""The full national data export: every published figure of every unit, streamed to one sheet.

Written at the writer's speed: the rows come from one ``values_list`` query read with
``.iterator()``, names and units are looked up once per unit and per indicator, every cell format
is made once, and xlsxwriter writes the sheet in its constant-memory mode (each row goes to a
temporary file as soon as it is written), so memory stays flat whatever the row count. The
report and the page tables keep openpyxl (``excel.py``); this one sheet of up to millions of cells
is the place where the writer's speed decides the time.
"""

import functools
import tempfile
from dataclasses import dataclass

import xlsxwriter
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import Indicator, Measurement
from indicators.source_documents import figure_source
from provinces.models import Province

from .excel import (
    COUNT,
    PRECISE,
    YEAR,
    clean_text,
    demo_marker,
    demo_note,
    looks_like_formula,
    sheet_title,
    text_height,
    write_text,
)

DATETIME = "dd/mm/yyyy hh:mm"
DEFAULT_CREATOR = "ICT directive tracker"

# --- the rows -------------------------------------------------------------------------------------

EXPORT_FIELDS = (
    "province_id",
    "indicator_id",
    "year",
    "value",
    "numerator",
    "denominator",
    "source",
    "source_file",
    "note",
    "is_demo",
    "updated_at",
)


def export_queryset():
    """Every published figure of every unit, in a stable order (one query, streamed)."""
    return (
        Measurement.objects.published()
        .order_by("province__valid_from", "province__code", "indicator__position", "indicator__code", "year")
        .values_list(*EXPORT_FIELDS)
    )


def validity(valid_from, valid_to):
    end = f"{valid_to:%d/%m/%Y}" if valid_to else _("nay")
    return f"{valid_from:%d/%m/%Y}–{end}"


def export_rows(queryset=None, chunk_size=5000):
    """One tuple per figure, its cells in the order of ``EXPORT_COLUMNS``, then whether it is a count.

    Read with ``.iterator()`` so memory does not grow with the row count; the unit's code, name
    and validity and the indicator's code, name and unit are resolved once each, not once per row.
    """
    provinces = {
        p.pk: (p.code, p.full_label, validity(p.valid_from, p.valid_to))
        for p in Province.objects.only("code", "name", "valid_from", "valid_to")
    }
    indicators = {
        i.pk: (i.code, i.name, force_str(i.display_unit), i.unit == Indicator.Unit.COUNT)
        for i in Indicator.objects.all()
    }
    demo = demo_marker(True)
    sources = functools.lru_cache(maxsize=1024)(figure_source)  # a few distinct sources repeat on every row
    tz = timezone.get_current_timezone()
    queryset = export_queryset() if queryset is None else queryset
    for (
        province_id,
        indicator_id,
        year,
        value,
        numerator,
        denominator,
        source,
        source_file,
        note,
        is_demo,
        updated_at,
    ) in queryset.iterator(chunk_size=chunk_size):
        code, name, valid = provinces[province_id]
        indicator_code, indicator_name, unit, is_count = indicators[indicator_id]
        yield (
            code,
            name,
            valid,
            year,
            indicator_code,
            indicator_name,
            unit,
            value,
            numerator,
            denominator,
            sources(source, source_file),
            note,
            demo if is_demo else "",
            updated_at.astimezone(tz).replace(tzinfo=None) if updated_at else None,
            is_count,
        )


def export_has_demo():
    return Measurement.objects.published().filter(is_demo=True).exists()


# --- the sheet --------------------------------------------------------------------------------------

TEXT, NUMBER, WHOLE_OR_PRECISE, DATE = "text", "number", "whole", "date"


@dataclass(frozen=True)
class ExportColumn:
    """A column of the export: header, width, what its cells hold (so how they are written), number format."""

    header: object
    width: float
    kind: str
    number_format: str | None = None


EXPORT_COLUMNS = [
    ExportColumn(gettext_lazy("Mã tỉnh (GSO)"), 9, TEXT),
    ExportColumn(gettext_lazy("Tỉnh, thành phố"), 26, TEXT),
    ExportColumn(gettext_lazy("Hiệu lực"), 22, TEXT),
    ExportColumn(gettext_lazy("Năm"), 7, NUMBER, YEAR),
    ExportColumn(gettext_lazy("Mã chỉ số"), 24, TEXT),
    ExportColumn(gettext_lazy("Chỉ số"), 50, TEXT),
    ExportColumn(gettext_lazy("Đơn vị tính"), 10, TEXT),
    ExportColumn(gettext_lazy("Giá trị"), 12, NUMBER),  # counts as COUNT, everything else as PRECISE
    ExportColumn(gettext_lazy("Tử số"), 12, WHOLE_OR_PRECISE),
    ExportColumn(gettext_lazy("Mẫu số"), 12, WHOLE_OR_PRECISE),
    ExportColumn(gettext_lazy("Nguồn số liệu"), 40, TEXT),
    ExportColumn(gettext_lazy("Ghi chú"), 40, TEXT),
    ExportColumn(gettext_lazy("Minh họa"), 10, TEXT),
    ExportColumn(gettext_lazy("Cập nhật lúc"), 17, DATE, DATETIME),
]
VALUE_COLUMN = 7
FREEZE_COLUMNS = 2


@functools.lru_cache(maxsize=4096)
def _prepared(text):
    """A user string as the sheet takes it (cleaned) and whether it needs the careful path of write_text.

    Names, units and sources repeat on thousands of rows: the check runs once per distinct
    string (bounded, so memory stays flat on a column of unique notes).
    """
    cleaned = clean_text(text)
    careful = looks_like_formula(cleaned) or (cleaned.startswith("<r>") and cleaned.endswith("</r>"))
    return cleaned, careful


def write_export(handle, rows, *, has_demo=True, creator=""):
    """Write the full data export as .xlsx to ``handle`` (``rows``: tuples from ``export_rows``).

    Returns the number of data rows written.
    """
    workbook = xlsxwriter.Workbook(handle, {"constant_memory": True, "tmpdir": tempfile.gettempdir()})
    workbook.set_properties(
        {"title": clean_text(_("Số liệu các tỉnh, thành phố")), "author": clean_text(creator) or DEFAULT_CREATOR}
    )
    ws = workbook.add_worksheet(sheet_title(_("Số liệu")))
    title_format = workbook.add_format(
        {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter", "text_wrap": True}
    )
    note_format = workbook.add_format(
        {"italic": True, "font_color": "#555555", "align": "left", "valign": "top", "text_wrap": True}
    )
    header_format = workbook.add_format(
        {
            "bold": True,
            "bg_color": "#DDE5F0",
            "border": 1,
            "border_color": "#999999",
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
        }
    )
    quoted = workbook.add_format({"quote_prefix": True})
    count_format = workbook.add_format({"num_format": COUNT})
    precise_format = workbook.add_format({"num_format": PRECISE})
    column_formats = [
        workbook.add_format({"num_format": c.number_format}) if c.number_format else None for c in EXPORT_COLUMNS
    ]

    columns = EXPORT_COLUMNS
    last = len(columns) - 1
    total_width = sum(c.width for c in columns)
    for index, column in enumerate(columns):
        ws.set_column(index, index, column.width)

    notes = [
        _("Mọi số liệu đã phê duyệt của mọi đơn vị hành chính, mọi chỉ số, mọi năm. Xuất ngày %(day)s.")
        % {"day": f"{timezone.localdate():%d/%m/%Y}"}
    ]
    if has_demo:
        notes.append(demo_note())
    title = _("SỐ LIỆU CÁC TỈNH, THÀNH PHỐ")
    lead = [(title, title_format, text_height(title, total_width) + 4)]
    lead += [(note, note_format, text_height(note, total_width)) for note in notes]
    for row, (text, cell_format, height) in enumerate(lead):
        ws.set_row(row, height)
        ws.merge_range(row, 0, row, last, "", cell_format)
        write_text(ws, row, 0, text, quoted, cell_format)
    header = len(lead) + 1  # 0-based, a blank row between the lead and the header
    ws.set_row(header, max(text_height(force_str(c.header), c.width) for c in columns))
    for index, column in enumerate(columns):
        write_text(ws, header, index, column.header, quoted, header_format)
    ws.freeze_panes(header + 1, FREEZE_COLUMNS)
    ws.repeat_rows(header)
    _set_print_setup(ws)

    write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
    kinds = [(index, column.kind, column_formats[index]) for index, column in enumerate(columns)]
    row = header
    for cells in rows:
        row += 1
        is_count = cells[-1]
        for index, kind, cell_format in kinds:
            value = cells[index]
            if value is None or value == "":
                continue  # nothing to write: no cell at all
            if kind is TEXT:
                text, careful = _prepared(value)
                if careful:
                    write_text(ws, row, index, text, quoted)
                else:
                    write_string(row, index, text)
            elif kind is NUMBER:
                if index == VALUE_COLUMN:
                    cell_format = count_format if is_count else precise_format
                write_number(row, index, value, cell_format)
            elif kind is WHOLE_OR_PRECISE:
                write_number(row, index, value, count_format if value == value.to_integral_value() else precise_format)
            else:
                write_datetime(row, index, value, cell_format)
    ws.autofilter(header, 0, row, last)
    workbook.close()
    return row - header


def _set_print_setup(ws):
    """A4 landscape, the full width on one page, the header row on each page (as ``excel.set_print_setup``)."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer("&C" + _("Trang &P / &N"))


def export_file(rows, *, has_demo=True, creator=""):
    """The export in an unnamed temporary file, rewound for streaming; and its row count."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    count = write_export(handle, rows, has_demo=has_demo, creator=creator)
    handle.seek(0)
    return handle, count
