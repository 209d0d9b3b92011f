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
