"""The import template: a workbook pre-filled with what is stored, protected except the value cells.

``entry.importer`` reads it back by the keys declared here, so the two cannot drift apart.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from indicators import workflow
from indicators.models import Indicator, Measurement, WorkflowStatus
from reporting.excel import (
    BOLD,
    BORDER,
    CENTER,
    HEADER_FILL,
    LEFT_WRAP,
    LINE_HEIGHT,
    NOTE_FONT,
    SUBTITLE_FONT,
    TITLE_FONT,
    TOP,
    YEAR,
    Column,
    Cursor,
    clean_text,
    demo_marker,
    demo_note,
    integral_format,
    make_cell,
    new_workbook,
    precise_format_for,
    producer_name,
    set_print_setup,
    text_height,
)

from .sheets import load_sheet

# --- the template -------------------------------------------------------------------------------------


@dataclass
class TemplateRow:
    """One indicator of the template: what is stored now, last year's value, whether it may change."""

    indicator: object
    measurement: Measurement | None
    previous_value: Decimal | None
    editable: bool
    comment_count: int = 0

    @property
    def is_demo(self):
        return bool(self.measurement and self.measurement.is_demo)

    def stored(self, name):
        return getattr(self.measurement, name) if self.measurement else None


def build_template(user, province, year):
    """The template workbook of ``province`` for ``year``, filled with what is stored now."""
    sheet = load_sheet(user, province, year)
    rows = [
        TemplateRow(
            row.indicator,
            row.measurement,
            row.previous_value,
            workflow.is_editable(row.measurement),
            len(row.comments),
        )
        for row in sheet.rows
    ]
    return template_workbook(
        province, year, rows, user_name=producer_name(user), has_demo=any(row.is_demo for row in rows)
    )


# --- the import template ------------------------------------------------------------------------

TEMPLATE_VERSION = "mau-nhap-2026.2"  # change when the columns change: older files are then refused
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


def _return_reason(row):
    """The approver's reason, while the figure waits for the editor to fix it."""
    figure = row.measurement
    return figure.return_reason if figure and figure.status == WorkflowStatus.RETURNED else ""


def _status_label(row):
    return row.measurement.get_status_display() if row.measurement else _("Chưa nhập")


TEMPLATE_COLUMNS = [
    TemplateColumn("code", Column(gettext_lazy("Mã chỉ số"), 24, lambda r: r.indicator.code)),
    TemplateColumn("name", Column(gettext_lazy("Chỉ số"), 44, lambda r: r.indicator.name, wrap=True)),
    TemplateColumn("unit", Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.indicator.display_unit, wrap=True)),
    TemplateColumn(
        "numerator_label",
        Column(gettext_lazy("Tử số là"), 26, lambda r: r.indicator.display_numerator_label, wrap=True),
    ),
    TemplateColumn(
        "denominator_label",
        Column(gettext_lazy("Mẫu số là"), 26, lambda r: r.indicator.display_denominator_label, wrap=True),
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
    TemplateColumn(
        "return_reason",
        Column(gettext_lazy("Lý do trả lại"), 30, _return_reason, wrap=True),
    ),
    TemplateColumn("comments", Column(gettext_lazy("Số trao đổi"), 9, lambda r: r.comment_count)),
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
