"""Adding figures up across units: the nation, or the units merged on 1 July 2025.

Counts add up. Ratios are Σnumerators / Σdenominators, never an average of
percentages. Where that cannot be computed (an indicator that does not aggregate,
a unit that reported a ratio without its numerator and denominator) the result has
no value and says why, rather than inventing one. How many units reported always
travels with the figure.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .models import Indicator

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Aggregate:
    value: Decimal | None
    reporting: int
    expected: int
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    reason: str = ""
    is_demo: bool = False  # some unit's figure is a demo one

    @property
    def complete(self):
        return self.reporting >= self.expected

    @property
    def coverage(self):
        """ "61/63": how many units reported, the one way pages, exports and reports write it."""
        return f"{self.reporting}/{self.expected}"


def aggregate(indicator, measurements, expected):
    """Aggregate ``measurements`` (one indicator, one year) over ``expected`` units."""
    measurements = [m for m in measurements if m.value is not None]
    reporting = len(measurements)
    is_demo = any(getattr(m, "is_demo", False) for m in measurements)
    if not measurements:
        return Aggregate(None, 0, expected, reason=str(_("chưa đơn vị nào báo cáo")))
    if indicator.aggregation == Indicator.Aggregation.SUM:
        return Aggregate(sum((m.value for m in measurements), Decimal(0)), reporting, expected, is_demo=is_demo)
    if indicator.aggregation == Indicator.Aggregation.RATIO:
        missing = [m for m in measurements if m.numerator is None or m.denominator is None]
        if missing:
            reason = _("%(count)s đơn vị chỉ báo cáo tỷ lệ, không có tử số và mẫu số") % {"count": len(missing)}
            return Aggregate(None, reporting, expected, reason=str(reason), is_demo=is_demo)
        numerator = sum((m.numerator for m in measurements), Decimal(0))
        denominator = sum((m.denominator for m in measurements), Decimal(0))
        value = (HUNDRED * numerator / denominator).quantize(Decimal("0.01"))
        return Aggregate(value, reporting, expected, numerator=numerator, denominator=denominator, is_demo=is_demo)
    reason = str(_("chỉ số này không cộng gộp được giữa các đơn vị"))
    return Aggregate(None, reporting, expected, reason=reason, is_demo=is_demo)


def roll_up(indicator, measurements, predecessor_counts):
    """Historic figures of the 63 units rolled up into the 34 that succeeded them.

    ``measurements`` carry ``province.successor_id``; ``predecessor_counts`` maps a
    successor's id to how many units merged into it. Returns {successor id: Aggregate}, one for
    every successor in ``predecessor_counts`` (with no value where none of its units reported).
    """
    groups = defaultdict(list)
    for m in measurements:
        groups[m.province.successor_id].append(m)
    return {
        successor_id: aggregate(indicator, groups.get(successor_id, []), expected)
        for successor_id, expected in predecessor_counts.items()
    }
