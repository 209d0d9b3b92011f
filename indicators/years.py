"""Which years a unit reports for: while it existed, from 2000 (Directive 58-CT/TW), never in the future.

Also the calendar the rules read: ``today`` (the one place tests fix the date), the reporting
deadline of a year's figures, the year now due and the latest year whose deadline has passed.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

FIRST_REPORTING_YEAR = 2000  # Directive 58-CT/TW, the start of the whole chain, was issued in 2000


def today():
    """Today's date where the site is (``TIME_ZONE``): the one "today" every rule reads."""
    return timezone.localdate()


def reporting_years(province, on=None):
    """The years a unit can report for: while it existed, from 2000, and not in the future."""
    today_ = on or today()
    first = max(FIRST_REPORTING_YEAR, province.valid_from.year)
    last = min(today_.year, province.valid_to.year if province.valid_to else today_.year)
    return [year for year in range(first, last + 1) if province.reports_year(year)]


def check_year(province, year):
    """A Vietnamese message if ``province`` cannot report ``year``, else None."""
    if year < FIRST_REPORTING_YEAR:
        return _("Năm %(year)s nằm ngoài giai đoạn của các văn bản chỉ đạo (từ năm %(first)s, Chỉ thị 58-CT/TW).") % {
            "year": year,
            "first": FIRST_REPORTING_YEAR,
        }
    if year > today().year:
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


def due_year(on=None):
    """The year whose figures are due next: last year's until its deadline has passed, then this year's."""
    on = on or today()
    return on.year - 1 if on <= reporting_deadline(on.year - 1) else on.year


def closed_year(on=None):
    """The latest year whose reporting deadline has passed (20/12/2026: 2025; 01/02/2027: 2026)."""
    return due_year(on) - 1
