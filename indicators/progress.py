"""Progress status: one definition (../shared/DESIGN.md) used by every page and export.

For an indicator in a province, with a baseline ``b`` in year ``y0``, a target ``T``
due in ``yT`` and the latest value ``v`` in year ``y``::

    p = (v - b) / (T - b)      share of the distance covered
    e = (y - y0) / (yT - y0)   share of the time elapsed
    r = p / e                  pace

``p`` needs no sign flip for "lower is better": numerator and denominator flip
together. Direction matters for "achieved" and for a target already met at baseline.
The thresholds (0.95 / 0.6) follow Open SDG's target method.

Everything a reader sees of a status lives here too, so no page, export or chart restates it:
the keys pages count (the six statuses plus "missed"), their labels and order, the "behind" set,
the legend (its rules written from the threshold constants) and how a pace is written.

Choices where the definition leaves room, pinned by tests:
- a value that meets the target is *achieved* even without a baseline;
- *deteriorating* (p < 0) wins over *missed*: getting worse is the stronger signal;
- a target already met at baseline that is no longer met counts as deteriorating.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .numbers import format_vn, round_places

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

# Off track once the deadline has passed: a status of its own on every page, counted apart.
MISSED = "missed"
MISSED_LABEL = _("Không đạt (quá hạn)")

# The keys pages count, filter on and colour, worst first (the order of every count, legend and chart).
KEYS = [
    str(Status.DETERIORATING),
    MISSED,
    str(Status.OFF_TRACK),
    str(Status.NEEDS_ATTENTION),
    str(Status.ON_TRACK),
    str(Status.ACHIEVED),
    str(Status.NOT_ENOUGH_DATA),
]
KEY_LABELS = {**{str(status): label for status, label in STATUS_LABELS.items()}, MISSED: MISSED_LABEL}
# [(key, label)] worst first: choices for a filter, headers for a table of counts.
COUNT_KEYS = [(key, KEY_LABELS[key]) for key in KEYS]

# Worst first, the order used to sort rows "where are we behind" ("missed" sorts with off track).
SEVERITY = [Status(key) for key in KEYS if key != MISSED]

# Short of the target but not unknown; "behind" is also a filter value meaning any of these.
BEHIND = frozenset({str(Status.DETERIORATING), MISSED, str(Status.OFF_TRACK), str(Status.NEEDS_ATTENTION)})
BEHIND_KEY = "behind"
# Statuses whose pace means something to a reader (a negative pace only restates "deteriorating").
PACED = frozenset({Status.ON_TRACK, Status.NEEDS_ATTENTION, Status.OFF_TRACK})


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
    why: str = ""  # a key of REASONS: why there is no status (kept as a key, so it is stored and translated)
    awaiting: int | None = None  # the deadline year reached without a figure of it (see ``awaiting_year``)

    @property
    def reason(self):
        """Why there is no status, in the language of the page ("" when there is one)."""
        return str(REASONS[self.why]) if self.why else ""

    @property
    def label(self):
        return KEY_LABELS[status_key(self)]

    @property
    def severity(self):
        return SEVERITY.index(self.status)


# Why a status could not be computed: the keys ``Progress.why`` holds, and what a reader sees.
REASONS = {
    "no_target": _("không có chỉ tiêu"),
    "no_data": _("chưa có số liệu"),
    "no_baseline": _("không có số liệu năm gốc"),
    "one_point": _("chỉ có một điểm số liệu"),
}


def _meets(value, target, higher_is_better, strict=False):
    """Whether ``value`` meets ``target``: at least / at most it, or more / less than it when ``strict``."""
    if strict:
        return value > target if higher_is_better else value < target
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
    strict=False,
):
    """Status of one indicator in one place against one target (../shared/DESIGN.md "Progress status").

    ``values`` maps year → value (Decimal). ``as_of`` is the year the question is asked in: values
    after it are ignored. The baseline (``_baseline``) is the target's stated ``baseline`` in
    ``baseline_year``; else the latest value on or before the plan's base year ``plan_start`` (the
    year before the plan starts, or the stated ``baseline_year``); else the earliest value after it.
    The value judged (``_judged``) is that of the deadline year once there is one of that year or later;
    until then the latest, whose pace is the status, marked with the missing deadline year
    (``Progress.awaiting``) once the year asked has reached it. "Missed" needs a value of the deadline
    year or later that does not meet the target. A ``strict`` target ("> 80 %") is met only above it.
    """
    known = {year: value for year, value in values.items() if value is not None and (as_of is None or year <= as_of)}
    base = {"target": target, "target_year": target_year}
    if known:
        # The latest value is known with or without a target: every page shows the year it is from.
        y = _judged(known, target_year)
        v = known[y]
        base.update(latest=v, latest_year=y)
    if target is None or target_year is None:
        return Progress(Status.NOT_ENOUGH_DATA, why="no_target", **base)
    if not known:
        return Progress(Status.NOT_ENOUGH_DATA, why="no_data", **base)
    found = _baseline(known, plan_start if plan_start is not None else baseline_year, baseline, baseline_year)
    if found is not None:
        base.update(baseline=found[1], baseline_year=found[0])
    if _meets(v, target, higher_is_better, strict):
        return Progress(Status.ACHIEVED, **base)
    base["awaiting"] = awaiting_year(target_year, y, as_of)
    if found is None:
        return Progress(Status.NOT_ENOUGH_DATA, why="no_baseline", **base)
    y0, b = found
    if y <= y0 or target_year <= y0:
        return Progress(Status.NOT_ENOUGH_DATA, why="one_point", **base)

    sign = 1 if higher_is_better else -1
    if sign * (target - b) < 0 or (target == b and sign * (v - b) < 0):
        # The baseline already met the target and the latest value no longer does.
        return Progress(Status.DETERIORATING, **base)
    if target == b:
        # A strict target ("> 80 %") the baseline stood exactly at, and the value still does: no distance covered.
        return Progress(Status.OFF_TRACK, missed=y >= target_year, **base)

    p = (v - b) / (target - b)
    e = Decimal(y - y0) / Decimal(target_year - y0)
    r = p / e
    base.update(distance=p, elapsed=e, pace=r)
    if p < 0:
        return Progress(Status.DETERIORATING, **base)
    if y >= target_year:
        return Progress(Status.OFF_TRACK, missed=True, **base)
    if r >= ON_TRACK_PACE:
        return Progress(Status.ON_TRACK, **base)
    if r >= ATTENTION_PACE:
        return Progress(Status.NEEDS_ATTENTION, **base)
    return Progress(Status.OFF_TRACK, **base)


def _judged(known, target_year):
    """The year whose value is judged: the deadline year's once there is a value of it or later (the first
    such), else the latest."""
    if target_year is not None:
        due = [year for year in known if year >= target_year]
        if due:
            return min(due)
    return max(known)


def _baseline(known, base_year, stated, stated_year):
    """(year, value) of the baseline, or None (DESIGN.md, "Progress status"): the target's stated one
    (its year is then the base year, so no figure on or before it is newer); else the latest value on
    or before ``base_year``; else the earliest value after it."""
    if stated is not None and stated_year is not None:
        return stated_year, stated
    if base_year is None:
        return None
    before = [year for year in known if year <= base_year]
    return (max(before), known[max(before)]) if before else (min(known), known[min(known)])


def awaiting_year(target_year, judged_year, as_of):
    """The deadline year whose figure a status still waits for, or None.

    Once the year asked has reached the deadline but the figure judged is older, the status is the pace
    of that older figure and says which year is missing ("chưa có số liệu năm 2025"). The stored
    assessments give it back from the same three years (``indicators.stored``).
    """
    if None in (target_year, judged_year, as_of) or judged_year >= target_year or as_of < target_year:
        return None
    return target_year


# --- what a reader sees of a status ------------------------------------------------------------


def status_key(progress):
    """The status as pages count it: off track past the deadline is counted apart, as "missed"."""
    return MISSED if progress.missed else str(progress.status)


def matches(progress, wanted):
    """``wanted`` is a status key, "behind" (any key in BEHIND), or empty (anything)."""
    return matches_key(status_key(progress), wanted)


def matches_key(key, wanted):
    """``matches`` for a status key already worked out (a stored one)."""
    if not wanted:
        return True
    if wanted == BEHIND_KEY:
        return key in BEHIND
    return key == wanted


def _behind_label():
    labels = ", ".join(str(KEY_LABELS[key]) for key in KEYS if key in BEHIND)
    return gettext("Chưa đạt: %(statuses)s") % {"statuses": labels}


# Formatted when shown, not at import, so that it follows the language of the page.
BEHIND_LABEL = lazy(_behind_label, str)()
# Every value a status filter accepts, with its label: "behind", then each key.
FILTER_CHOICES = [(BEHIND_KEY, BEHIND_LABEL), *COUNT_KEYS]


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int


def tally(progresses):
    """[Tally] worst first, every key listed (with 0 when no progress has it)."""
    counts = Counter(status_key(p) for p in progresses)
    return [Tally(key, label, counts.get(key, 0)) for key, label in COUNT_KEYS]


PACE_DECIMALS = 2  # a pace is shown with two decimals (0,68): the legend's thresholds have two at most
DISTANCE_DECIMALS = 2  # a distance is shown as a whole percentage (0,54 → 54%)


def _inside(value, places, below):
    """``value`` rounded half away from zero to ``places``, kept below ``below`` when it is (0,9496 → 0,94
    under 0,95, not 0,95); a negative value stays negative (−0,001 → −0,01)."""
    shown = round_places(value, places)
    if below is not None and value < below and shown >= below:
        shown = below - Decimal(1).scaleb(-places)
    return shown


def _pace_ceiling(progress):
    """The bound a status's pace lies below, by the legend's rules (None: no bound, or no band at all)."""
    if progress.missed:
        return None
    return {
        Status.NEEDS_ATTENTION: ON_TRACK_PACE,
        Status.OFF_TRACK: ATTENTION_PACE,
        Status.DETERIORATING: Decimal(0),
    }.get(progress.status)


def shown_pace(progress):
    """The pace r as a reader sees it, rounded so that it stays inside its status's band; None without one."""
    if progress.pace is None:
        return None
    return _inside(progress.pace, PACE_DECIMALS, _pace_ceiling(progress))


def shown_distance(progress):
    """The distance covered p (a share of 1) as shown, whole percent inside its band: below 0 while
    deteriorating, below 1 while not achieved (99%, never 100% short of the target); None without one."""
    if progress.distance is None:
        return None
    below = Decimal(0) if progress.status is Status.DETERIORATING else None
    if below is None and progress.status is not Status.ACHIEVED:
        below = Decimal(1)
    return _inside(progress.distance, DISTANCE_DECIMALS, below)


def format_pace(progress):
    """The pace r of ``progress`` as a reader sees it everywhere (hover, table, Excel): two decimals, 0,68.

    The same number the legend compares with the thresholds, so a reader can check a status by hand;
    rounded inside its status's band (``shown_pace``).
    """
    return format_vn(shown_pace(progress), PACE_DECIMALS)


def pace_text(progress):
    """The pace in a sentence ("tốc độ 0,68"), the same words in the hover line and in a cell."""
    return gettext("tốc độ %(pace)s") % {"pace": format_pace(progress)}


def awaiting_text(progress):
    """The missing deadline year a status still waits for ("chưa có số liệu năm 2025"), or ""."""
    if progress.awaiting is None:
        return ""
    return gettext("chưa có số liệu năm %(year)s") % {"year": progress.awaiting}


def status_text(assessment):
    """The status with the numbers behind it, for a cell that has no hover.

    ``assessment`` is anything with the ``progress`` and the ``window`` (the plan period, or its
    last year) a page shows, such as ``board.Assessment``; None gives "". The deadline is named
    when it is not the period's last year.
    """
    if assessment is None:
        return ""
    progress = assessment.progress
    parts = [str(progress.label)]
    period_end = getattr(assessment.window, "last", assessment.window)
    if progress.target_year is not None and progress.target_year != period_end:
        parts.append(gettext("hạn %(year)s") % {"year": progress.target_year})
    if progress.pace is not None and progress.status in PACED:
        parts.append(pace_text(progress))
    elif progress.reason:
        parts.append(progress.reason)
    if progress.awaiting is not None:
        parts.append(awaiting_text(progress))
    return " · ".join(parts)


# --- the legend ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegendEntry:
    key: str
    label: str
    rule: str


def formula():
    """How p, e and r are worked out, the line above the legend's rules."""
    return gettext(
        "Với mỗi chỉ số: giá trị gốc b (năm y0), chỉ tiêu T (năm yT), giá trị mới nhất v (năm y). "
        "Quãng đường đã đi p = (v − b) / (T − b); thời gian đã qua e = (y − y0) / (yT − y0); tốc độ r = p / e."
    )


def _rules():
    """{key: rule}, written from the threshold constants (read when called, so a change shows at once)."""
    on_track, attention = format_vn(ON_TRACK_PACE), format_vn(ATTENTION_PACE)
    return {
        str(Status.DETERIORATING): gettext("giá trị thấp hơn năm gốc (p < 0)"),
        MISSED: gettext("đã đến hạn chỉ tiêu mà chưa đạt"),
        str(Status.OFF_TRACK): gettext("0 ≤ r < %(attention)s") % {"attention": attention},
        str(Status.NEEDS_ATTENTION): gettext("%(attention)s ≤ r < %(on_track)s")
        % {"attention": attention, "on_track": on_track},
        str(Status.ON_TRACK): gettext("chưa đạt, r ≥ %(on_track)s") % {"on_track": on_track},
        str(Status.ACHIEVED): gettext("giá trị mới nhất đã đạt chỉ tiêu"),
        str(Status.NOT_ENOUGH_DATA): gettext("thiếu năm gốc, thiếu số liệu mới hoặc không có chỉ tiêu"),
    }


def legend():
    """[LegendEntry] for every key, worst first: its label and the rule that gives it."""
    rules = _rules()
    return [LegendEntry(key, str(label), rules[key]) for key, label in COUNT_KEYS]


def legend_text():
    """The legend on one line, for a sheet that has no hover: "label: rule; label: rule; …"."""
    return "; ".join(f"{entry.label}: {entry.rule}" for entry in legend())


def pace_hint():
    """The thresholds a pace is read against, for the hover on "Tốc độ": the legend's paced rules."""
    paced = {str(status) for status in PACED}
    rules = [f"{entry.label}: {entry.rule}" for entry in legend() if entry.key in paced]
    return "r = p / e · " + " · ".join(rules)
