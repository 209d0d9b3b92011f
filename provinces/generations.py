"""The two generations of units and the 1 July 2025 merger: which units a page shows, which report a year.

The roll-up of the old units' figures into their successors is ``indicators.aggregation.roll_up``;
the date itself is ``provinces.models.MERGER_DATE``. Pages say the date with ``merger_date`` (a
context processor below), never typed into a template.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import MERGER_DATE, day_text


class Units(models.TextChoices):
    LEGACY = "legacy", _("63 tỉnh, thành phố (như đã báo cáo)")
    CURRENT = "current", _("34 tỉnh, thành phố hiện nay (cộng gộp số liệu cũ)")


def in_generation(province, units):
    """Whether ``province`` is one of the units of ``units``."""
    if units == Units.CURRENT:
        return province.valid_to is None
    return province.valid_from < MERGER_DATE


def units_reporting(year):
    """The generation that reports ``year``: the 34 units from the merger's year on, the 63 before."""
    return Units.CURRENT if year is not None and year >= MERGER_DATE.year else Units.LEGACY


def legacy_units_cannot_show(units, year):
    """Whether the 63 old units are asked for a year they no longer report (from the merger's year on)."""
    return units != Units.CURRENT and year is not None and units_reporting(year) == Units.CURRENT


def generation_groups(units):
    """[(heading, [units])]: today's units first, then those before the merger, for a picker's groups.

    Each unit keeps its own label (``Province.full_label``) inside its group, so a chosen option
    still says its generation when the list is closed.
    """
    units = list(units)
    groups = [
        (gettext("Hiện nay (từ %(day)s)") % {"day": day_text(MERGER_DATE)}, [u for u in units if u.is_current]),
        (gettext("Trước %(day)s") % {"day": day_text(MERGER_DATE)}, [u for u in units if not u.is_current]),
    ]
    return [(heading, members) for heading, members in groups if members]


def merger_date(request):
    """Context processor: ``{{ merger_date|date:"j/n/Y" }}`` in every template."""
    return {"merger_date": MERGER_DATE}
