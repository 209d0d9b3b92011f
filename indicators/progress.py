"""Progress status: one definition (../shared/DESIGN.md) used by every page and export.

For an indicator in a province, with a baseline ``b`` in year ``y0``, a target ``T``
due in ``yT`` and the latest value ``v`` in year ``y``::

    p = (v - b) / (T - b)      share of the distance covered
    e = (y - y0) / (yT - y0)   share of the time elapsed
    r = p / e                  pace

``p`` needs no sign flip for "lower is better": numerator and denominator flip
together. Direction matters for "achieved" and for a target already met at baseline.
The thresholds (0.95 / 0.6) follow Open SDG's target method.

Choices where the definition leaves room, pinned by tests:
- a value that meets the target is *achieved* even without a baseline;
- *deteriorating* (p < 0) wins over *missed*: getting worse is the stronger signal;
- a target already met at baseline that is no longer met counts as deteriorating.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

ON_TRACK_PACE = Decimal("0.95")
ATTENTION_PACE = Decimal("0.6")


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    NEEDS_ATTENTION = "needs_attention"
    OFF_TRACK = "off_track"
    DETERIORATING = "deteriorating"
    NOT_ENOUGH_DATA = "not_enough_data"

    @property
    def label(self):
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.ACHIEVED: _("Đã đạt"),
    Status.ON_TRACK: _("Đúng tiến độ"),
    Status.NEEDS_ATTENTION: _("Cần chú ý"),
    Status.OFF_TRACK: _("Chậm tiến độ"),
    Status.DETERIORATING: _("Đang đi xuống"),
    Status.NOT_ENOUGH_DATA: _("Chưa đủ dữ liệu"),
}

# Worst first: the order used to sort rows "where are we behind".
SEVERITY = [
    Status.DETERIORATING,
    Status.OFF_TRACK,
    Status.NEEDS_ATTENTION,
    Status.ON_TRACK,
    Status.ACHIEVED,
    Status.NOT_ENOUGH_DATA,
]


@dataclass(frozen=True)
class Progress:
    status: Status
    target: Decimal | None = None
    target_year: int | None = None
    baseline: Decimal | None = None
    baseline_year: int | None = None
    latest: Decimal | None = None
    latest_year: int | None = None
    distance: Decimal | None = None  # p
    elapsed: Decimal | None = None  # e
    pace: Decimal | None = None  # r
    missed: bool = False
    reason: str = ""

    @property
    def label(self):
        if self.missed:
            return _("Không đạt (quá hạn)")
        return self.status.label

    @property
    def severity(self):
        return SEVERITY.index(self.status)


def _meets(value, target, higher_is_better):
    return value >= target if higher_is_better else value <= target


def compute(
    values,
    target,
    target_year,
    *,
    higher_is_better=True,
    plan_start=None,
    baseline=None,
    baseline_year=None,
    as_of=None,
):
    """Status of one indicator in one place against one target.

    ``values`` maps year → value (Decimal). The baseline is the target's stated one:
    ``baseline`` in ``baseline_year``, or the value reported for ``baseline_year`` when only
    the year is stated; failing that, the earliest value on or before ``plan_start``.
    ``as_of`` is the year the question is asked in: values after it are ignored, and a
    deadline before it has passed.
    """
    known = {year: value for year, value in values.items() if value is not None and (as_of is None or year <= as_of)}
    base = {"target": target, "target_year": target_year}
    if known:
        # The latest value is known with or without a target: every page shows the year it is from.
        y = max(known)
        v = known[y]
        base.update(latest=v, latest_year=y)
    if target is None or target_year is None:
        return Progress(Status.NOT_ENOUGH_DATA, reason=str(_("không có chỉ tiêu")), **base)
    if not known:
        return Progress(Status.NOT_ENOUGH_DATA, reason=str(_("chưa có số liệu")), **base)

    if baseline is not None and baseline_year is not None:
        b, y0 = baseline, baseline_year
    elif baseline_year is not None and baseline_year in known:
        b, y0 = known[baseline_year], baseline_year
    else:
        candidates = [year for year in known if plan_start is not None and year <= plan_start]
        if not candidates:
            if _meets(v, target, higher_is_better):
                return Progress(Status.ACHIEVED, **base)
            return Progress(Status.NOT_ENOUGH_DATA, reason=str(_("không có số liệu năm gốc")), **base)
        y0 = min(candidates)
        b = known[y0]
    base.update(baseline=b, baseline_year=y0)

    if _meets(v, target, higher_is_better):
        return Progress(Status.ACHIEVED, **base)
    if y <= y0 or target_year <= y0:
        return Progress(Status.NOT_ENOUGH_DATA, reason=str(_("chỉ có một điểm số liệu")), **base)

    sign = 1 if higher_is_better else -1
    if sign * (target - b) <= 0:
        # The baseline already met the target and the latest value no longer does.
        return Progress(Status.DETERIORATING, **base)

    p = (v - b) / (target - b)
    e = Decimal(y - y0) / Decimal(target_year - y0)
    r = p / e
    base.update(distance=p, elapsed=e, pace=r)
    if p < 0:
        return Progress(Status.DETERIORATING, **base)
    deadline_reached = y >= target_year or (as_of is not None and as_of > target_year)
    if deadline_reached:
        return Progress(Status.OFF_TRACK, missed=True, **base)
    if r >= ON_TRACK_PACE:
        return Progress(Status.ON_TRACK, **base)
    if r >= ATTENTION_PACE:
        return Progress(Status.NEEDS_ATTENTION, **base)
    return Progress(Status.OFF_TRACK, **base)
