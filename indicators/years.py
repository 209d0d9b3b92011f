"""Which years a unit reports for: while it existed, from 2000 (Directive 58-CT/TW), never in the future."""

import datetime

from django.utils.translation import gettext as _

FIRST_REPORTING_YEAR = 2000  # Directive 58-CT/TW, the start of the whole chain, was issued in 2000


def reporting_years(province, today=None):
    """The years a unit can report for: while it existed, from 2000, and not in the future."""
    today = today or datetime.date.today()
    first = max(FIRST_REPORTING_YEAR, province.valid_from.year)
    last = min(today.year, province.valid_to.year if province.valid_to else today.year)
    return [year for year in range(first, last + 1) if province.reports_year(year)]


def check_year(province, year):
    """A Vietnamese message if ``province`` cannot report ``year``, else None."""
    if year < FIRST_REPORTING_YEAR:
        return _("Năm %(year)s nằm ngoài giai đoạn của các văn bản chỉ đạo (từ năm %(first)s, Chỉ thị 58-CT/TW).") % {
            "year": year,
            "first": FIRST_REPORTING_YEAR,
        }
    if year > datetime.date.today().year:
        return _("Chưa thể báo cáo số liệu năm %(year)s.") % {"year": year}
    if not province.reports_year(year):
        return _("%(province)s không báo cáo số liệu năm %(year)s (đơn vị hành chính có hiệu lực %(span)s).") % {
            "province": province.name,
            "year": year,
            "span": f"{province.valid_from:%d/%m/%Y}–{province.valid_to:%d/%m/%Y}"
            if province.valid_to
            else _("từ %(day)s") % {"day": f"{province.valid_from:%d/%m/%Y}"},
        }
    return None


def reporting_deadline(year):
    """The day the figures of ``year`` are due: ``REPORTING_DEADLINE`` ("dd/mm", default 31/01) of the next year."""
    from django.conf import settings

    day, month = (int(part) for part in settings.REPORTING_DEADLINE.split("/"))
    return datetime.date(year + 1, month, day)


def due_year(today=None):
    """The year whose figures are due next: last year's until its deadline has passed, then this year's."""
    today = today or datetime.date.today()
    return today.year - 1 if today <= reporting_deadline(today.year - 1) else today.year
