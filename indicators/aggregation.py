"""Adding figures up across units: the nation, or the units merged on 1 July 2025.

Counts add up. Ratios are Σnumerators / Σdenominators, never an average of
percentages. Where that cannot be computed (an indicator that does not aggregate,
a unit that reported a ratio without its numerator and denominator beside others) the result
has no value and says why, rather than inventing one; a single unit standing for the whole (a
successor with one predecessor) carries its own figure. How many units reported always
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
    why: str = ""  # a key of REASONS: why there is no value (kept as a key, so it is stored and translated)
    is_demo: bool = False  # some unit's figure is a demo one
    missing: int = 0  # with why="ratio_only": how many units reported a ratio without its parts

    @property
    def reason(self):
        """Why there is no value, in the language of the page ("" when there is one)."""
        if not self.why:
            return ""
        return str(REASONS[self.why] % {"count": self.missing})

    @property
    def complete(self):
        return self.reporting >= self.expected

    @property
    def coverage(self):
        """ "61/63": how many units reported, the one way pages, exports and reports write it."""
        return f"{self.reporting}/{self.expected}"

    def coverage_text(self, is_national=False):
        """The same in words: "61/63 tỉnh báo cáo" (the nation, a region), "2/3 đơn vị cũ báo cáo" (a merged unit)."""
        if is_national:
            return str(_("%(n)s tỉnh báo cáo") % {"n": self.coverage})
        return str(_("%(n)s đơn vị cũ báo cáo") % {"n": self.coverage})


# Why an added-up figure has no value: the keys ``Aggregate.why`` holds, and what a reader sees.
REASONS = {
    "none_reported": _("chưa đơn vị nào báo cáo"),
    "ratio_only": _("%(count)s đơn vị chỉ báo cáo tỷ lệ, không có tử số và mẫu số"),
    "not_additive": _("chỉ số này không cộng gộp được giữa các đơn vị"),
}


def aggregate(indicator, measurements, expected):
    """Aggregate ``measurements`` (one indicator, one year) over ``expected`` units."""
    measurements = [m for m in measurements if m.value is not None]
    reporting = len(measurements)
    is_demo = any(getattr(m, "is_demo", False) for m in measurements)
    if not measurements:
        return Aggregate(None, 0, expected, why="none_reported")
    if expected == 1 and reporting == 1:
        # a unit that is the whole (a successor with a single predecessor) carries its figure unchanged,
        # a ratio reported without its numerator and denominator included: there is nothing to add up
        only = measurements[0]
        return Aggregate(only.value, 1, 1, only.numerator, only.denominator, is_demo=is_demo)
    if indicator.aggregation == Indicator.Aggregation.SUM:
        return Aggregate(sum((m.value for m in measurements), Decimal(0)), reporting, expected, is_demo=is_demo)
    if indicator.aggregation == Indicator.Aggregation.RATIO:
        missing = [m for m in measurements if m.numerator is None or m.denominator is None]
        if missing:
            return Aggregate(None, reporting, expected, why="ratio_only", is_demo=is_demo, missing=len(missing))
        numerator = sum((m.numerator for m in measurements), Decimal(0))
        denominator = sum((m.denominator for m in measurements), Decimal(0))
        value = (HUNDRED * numerator / denominator).quantize(Decimal("0.01"))
        return Aggregate(value, reporting, expected, numerator=numerator, denominator=denominator, is_demo=is_demo)
    return Aggregate(None, reporting, expected, why="not_additive", is_demo=is_demo)


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
