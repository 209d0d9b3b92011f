"""Who sends a periodic report: the issuing agency, its number symbol, place, recipients and signer.

The one answer for the Excel and Word reports (``agency_for``). What the administrator set for a
unit (``ReportingAgency``, from a report year on) wins field by field; a blank field takes the
default below. The defaults follow the reorganisation of 1 March 2025 (DOMAIN.md §7.4): the
provincial Departments of Information and Communications (Sở TT&TT) merged into the Departments
of Science and Technology (Sở KH&CN), and the Ministry of Information and Communications into the
Ministry of Science and Technology, so a report for 2025 on comes from the Sở (Bộ) KH&CN and one
for an earlier year from the Sở (Bộ) TT&TT. The report's year decides, not the day it is printed.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Province, ReportingAgency

DEPARTMENT_MERGER_DATE = datetime.date(2025, 3, 1)
NATIONAL_PLACE = "Hà Nội"


@dataclass(frozen=True)
class Agency:
    governing_body: str  # the first line top-left (UBND TỈNH PHÚ THỌ); "" for a ministry
    name: str  # the issuing agency (Sở Khoa học và Công nghệ)
    full_name: str  # the agency as a sentence names it (Sở Khoa học và Công nghệ tỉnh Phú Thọ)
    abbreviation: str  # in "Số: …/BC-<abbreviation>"
    place: str  # in "<place>, ngày … tháng … năm …"
    signer_title: list  # the lines of the signer's title (KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC)
    signer_name: str
    recipients: list  # "Kính gửi"
    distribution: list  # "Nơi nhận"

    @property
    def number_line(self):
        return _("Số: …/BC-%(abbreviation)s") % {"abbreviation": self.abbreviation}

    @property
    def place_date_line(self):
        return _("%(place)s, ngày … tháng … năm …") % {"place": self.place}


def after_merger(year):
    return year >= DEPARTMENT_MERGER_DATE.year


def unit_phrase(province):
    """ "tỉnh Phú Thọ", "thành phố Hà Nội": how a sentence names the unit after an agency's name."""
    kind = "thành phố" if province.kind == Province.Kind.CITY else "tỉnh"
    return f"{kind} {province.short_name}"


def default_agency(province, year):
    """The agency a report of ``province`` (None: the nation) for ``year`` comes from when nothing is set."""
    new = after_merger(year)
    if province is None:
        name = "Bộ Khoa học và Công nghệ" if new else "Bộ Thông tin và Truyền thông"
        return Agency(
            governing_body="",
            name=name,
            full_name=name,
            abbreviation="BKHCN" if new else "BTTTT",
            place=NATIONAL_PLACE,
            signer_title=["BỘ TRƯỞNG"],
            signer_name="",
            recipients=["Ban Bí thư Trung ương Đảng", "Thủ tướng Chính phủ"],
            distribution=["- Như trên;", "- Lưu: VT."],
        )
    name = "Sở Khoa học và Công nghệ" if new else "Sở Thông tin và Truyền thông"
    unit = unit_phrase(province)
    committee = "Thành ủy" if province.kind == Province.Kind.CITY else "Tỉnh ủy"
    place = province.short_name
    if place == "Hồ Chí Minh":
        place = "Thành phố Hồ Chí Minh"
    return Agency(
        governing_body=f"UBND {unit}".upper(),
        name=name,
        full_name=f"{name} {unit}",
        abbreviation="SKHCN" if new else "STTTT",
        place=place,
        signer_title=["GIÁM ĐỐC"],
        signer_name="",
        recipients=[f"{committee} {province.short_name}", f"Ủy ban nhân dân {unit}"],
        distribution=["- Như trên;", "- Lưu: VT."],
    )


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def agency_for(province, year):
    """The agency of a report (one query): the administrator's settings over the defaults."""
    default = default_agency(province, year)
    stored = (
        ReportingAgency.objects.filter(province=province, from_year__lte=year).order_by("-from_year").first()
        if province is not None
        else ReportingAgency.objects.filter(province__isnull=True, from_year__lte=year).order_by("-from_year").first()
    )
    if stored is None:
        return default
    name = stored.name.strip() or default.name
    named = province is None or province.short_name in name
    full_name = name if named else f"{name} {unit_phrase(province)}"
    return Agency(
        governing_body=stored.governing_body.strip() or default.governing_body,
        name=name,
        full_name=full_name,
        abbreviation=stored.abbreviation.strip() or default.abbreviation,
        place=stored.place.strip() or default.place,
        signer_title=_lines(stored.signer_title.replace("/", "\n")) or default.signer_title,
        signer_name=stored.signer_name.strip() or default.signer_name,
        recipients=_lines(stored.recipients) or default.recipients,
        distribution=_lines(stored.distribution) or default.distribution,
    )
