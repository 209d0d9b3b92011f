"""The full national data export: every published figure of every unit, streamed to one sheet."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import Indicator, Measurement

from .excel import (
    COUNT,
    PRECISE,
    YEAR,
    Column,
    Table,
    demo_column,
    demo_note,
    integral_format,
    new_workbook,
    write_table,
)

# --- the full data export ---------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRow:
    """One published figure of one unit, as the full data export lists it."""

    province_code: str
    province_name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    year: int
    indicator_code: str
    indicator_name: str
    unit: str
    is_count: bool
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    source: str
    note: str
    is_demo: bool
    updated_at: datetime.datetime | None

    @property
    def validity(self):
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else _("nay")
        return f"{self.valid_from:%d/%m/%Y}–{end}"


EXPORT_FIELDS = (
    "province__code",
    "province__name",
    "province__valid_from",
    "province__valid_to",
    "year",
    "indicator__code",
    "indicator_id",
    "value",
    "numerator",
    "denominator",
    "source",
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


def export_rows(queryset=None, chunk_size=2000):
    """ExportRow per figure, read with ``.iterator()`` so memory does not grow with the row count."""
    # Names and units resolved once per indicator, not once per row.
    indicators = {i.pk: (i.name, str(i.display_unit), i.unit == Indicator.Unit.COUNT) for i in Indicator.objects.all()}
    queryset = export_queryset() if queryset is None else queryset
    for (
        code,
        name,
        valid_from,
        valid_to,
        year,
        indicator_code,
        indicator_id,
        value,
        numerator,
        denominator,
        source,
        note,
        is_demo,
        updated_at,
    ) in queryset.iterator(chunk_size=chunk_size):
        indicator_name, unit, is_count = indicators[indicator_id]
        yield ExportRow(
            code,
            name,
            valid_from,
            valid_to,
            year,
            indicator_code,
            indicator_name,
            unit,
            is_count,
            value,
            numerator,
            denominator,
            source,
            note,
            is_demo,
            timezone.localtime(updated_at).replace(tzinfo=None) if updated_at else None,
        )


def export_has_demo():
    return Measurement.objects.published().filter(is_demo=True).exists()


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
