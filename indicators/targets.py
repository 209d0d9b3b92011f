"""Which target applies: the one answer for the dashboards, the reports and the entry sheet.

A ``TargetBook`` holds the targets of the indicators a page shows (loaded in one query) and
answers two questions without another query:

- ``applicable(indicator, place, period)``: the target a status is computed against: one due
  within the plan ``Period`` (2011–2015, 2016–2020, 2021–2025, 2026–2030 …);
- ``nearest(indicator, place, year)``: the target a figure of ``year`` is heading to, the first
  deadline from ``year`` on, else the last one (the entry sheet shows it beside each figure).

Both rank the candidates with the same preference (``_preference``): the place's own real
target, its own demo target, a national real target, a national demo target. National targets
apply to a province only for shares and densities (a national count means nothing locally).
Within one rank, ``applicable`` takes the latest deadline in the period and ``nearest`` the
deadline it is heading to; then a target for no particular subject, then the oldest.

The plan periods come from the data, never from a list in the code: a target belongs to the
five-year socio-economic plan period its deadline falls in (DOMAIN.md §7.4), and the periods a
page offers are those of the targets there are (``plan_periods``, ``TargetBook.periods``).
Which one a page opens on is ``default_period``, the one rule pages, exports and reports call:
the calendar's (``years.closed_year``), never the latest approval's.
"""

from collections import defaultdict
from dataclasses import dataclass

from . import years
from .models import Indicator, Target

# Vietnamese five-year plans run 2011–2015, 2016–2020, 2021–2025, 2026–2030 … (DOMAIN.md §7.4).
PLAN_LENGTH = 5
PLAN_ANCHOR = 2011  # the first year of one of them; every other starts a multiple of 5 years away


@dataclass(frozen=True, order=True)
class Period:
    """A five-year plan period, ``first``–``last``; its ``key`` (the last year) names it in a URL."""

    first: int
    last: int

    @classmethod
    def containing(cls, year):
        first = PLAN_ANCHOR + (int(year) - PLAN_ANCHOR) // PLAN_LENGTH * PLAN_LENGTH
        return cls(first, first + PLAN_LENGTH - 1)

    @property
    def key(self):
        return self.last

    @property
    def baseline_year(self):
        """The year before the period: the figure its plans start from."""
        return self.first - 1

    def __contains__(self, year):
        return year is not None and self.first <= year <= self.last

    def __str__(self):
        return f"{self.first}–{self.last}"


def as_period(value):
    """A ``Period`` from a Period or any year in it (``2015`` and ``"2015"`` are 2011–2015); None stays None."""
    if value is None or isinstance(value, Period):
        return value
    return Period.containing(value)


def periods_of(deadline_years):
    """The sorted plan periods the deadlines fall in: a period with no target is not among them."""
    return sorted({Period.containing(year) for year in deadline_years if year is not None})


def plan_periods():
    """Every plan period some target falls due in (one query): what "So với" offers."""
    return periods_of(Target.objects.order_by().values_list("deadline_year", flat=True).distinct())


def default_period(asked_year=None, on=None):
    """The period a page opens on: the one rule for pages, exports, reports and the entry sheet.

    The calendar decides, the same for every reader and whatever is approved: the period that holds
    the latest year whose reporting deadline has passed (``years.closed_year``): on 20/12/2026 the
    2025 figures were due on 31/01/2026, so 2021–2025; from 01/02/2027, 2026–2030. A reader who asks
    for an earlier year sees the period of that year; a later one never moves it forward.
    """
    period = Period.containing(years.closed_year(on))
    if asked_year is not None:
        period = min(period, Period.containing(asked_year))
    return period


def comparison(target, indicator):
    """How a figure must compare with ``target``: "≥" / "≤" (at least / at most), ">" / "<" when strict."""
    higher = indicator.direction == Indicator.Direction.HIGHER
    if target.strict:
        return ">" if higher else "<"
    return "≥" if higher else "≤"


def compared(target, indicator, value_text):
    """A target as pages and reports write it: its comparison, then ``value_text`` ("> 80%", "≥ 80%")."""
    return f"{comparison(target, indicator)} {value_text}"


def national_targets_apply(indicator):
    """Whether a national target applies to each province too: for shares and densities (a national count
    means nothing locally), never for a national-only indicator (no province reports it)."""
    return indicator.unit != Indicator.Unit.COUNT and not indicator.national_only


def plan_start(target):
    """A target's base year, whose figure its plan starts from: its stated baseline year, else the year
    before its directive's period starts, else the baseline year of the plan period it falls due in
    (2020 for a target due 2021–2025, as for Decision 942 whose period starts in 2021)."""
    if target.baseline_year is not None:
        return target.baseline_year
    if target.directive_id is not None and target.directive.period_start is not None:
        return target.directive.period_start - 1
    return Period.containing(target.deadline_year).baseline_year


def _tiers(indicator, place):
    """(province id, is_demo) in order of preference; ``place`` None is the nation."""
    if place is None:
        return [(None, False), (None, True)]
    tiers = [(place.pk, False), (place.pk, True)]
    if national_targets_apply(indicator):
        tiers += [(None, False), (None, True)]
    return tiers


def _preference(indicator, place):
    """A sort key (lower is preferred) for the targets that may apply to ``place``, None for the others."""
    tiers = _tiers(indicator, place)

    def key(target):
        tier = (target.province_id, target.is_demo)
        if target.indicator_id != indicator.pk or tier not in tiers:
            return None
        return (tiers.index(tier), target.subject != "", target.pk)

    return key


class TargetBook:
    """Targets indexed by indicator, so choosing one costs no query."""

    def __init__(self, targets):
        self._by_indicator = defaultdict(list)
        self._by_scope = defaultdict(list)  # (indicator id, province id or None) → [Target]
        for target in targets:
            self._by_indicator[target.indicator_id].append(target)
            self._by_scope[target.indicator_id, target.province_id].append(target)
        self._applicable = {}  # the answers given: the stored assessments ask the same one for every year

    @classmethod
    def load(cls, indicators=None, places=None):
        """One query: the targets of ``indicators`` (all when None) for ``places`` and the nation."""
        targets = Target.objects.select_related("directive")
        if indicators is not None:
            targets = targets.filter(indicator__in=list(indicators))
        if places is not None:
            targets = targets.filter(province__in=list(places)) | targets.filter(province__isnull=True)
        return cls(targets)

    def _candidates(self, indicator, place):
        key = _preference(indicator, place)
        scopes = dict.fromkeys(province_id for province_id, _demo in _tiers(indicator, place))
        found = [t for scope in scopes for t in self._by_scope.get((indicator.pk, scope), ())]
        return [(key(t), t) for t in found if key(t) is not None]

    def periods(self):
        """The plan periods these targets fall due in."""
        return periods_of(t.deadline_year for targets in self._by_indicator.values() for t in targets)

    def applicable(self, indicator, place, period):
        """The target of ``indicator`` that applies to ``place`` (None: the nation) in ``period``."""
        period = as_period(period)
        asked = (indicator.pk, place.pk if place is not None else None, period)
        if asked not in self._applicable:
            candidates = [(key, t) for key, t in self._candidates(indicator, place) if t.deadline_year in period]
            chosen = None
            if candidates:
                # Best tier first; within it the latest deadline, then no subject, then the oldest.
                best = min(key[0] for key, _ in candidates)
                same_tier = [(key, t) for key, t in candidates if key[0] == best]
                chosen = min(same_tier, key=lambda pair: (-pair[1].deadline_year, pair[0]))[1]
            self._applicable[asked] = chosen
        return self._applicable[asked]

    def nearest(self, indicator, place, year):
        """The target a figure for ``year`` is heading to: the first deadline from ``year`` on, else the last."""
        candidates = self._candidates(indicator, place)
        if not candidates:
            return None
        ahead = [t.deadline_year for _, t in candidates if t.deadline_year >= year]
        deadline = min(ahead) if ahead else max(t.deadline_year for _, t in candidates)
        return min((pair for pair in candidates if pair[1].deadline_year == deadline), key=lambda pair: pair[0])[1]

    def common(self, indicator, places, period):
        """The one target shared by every place (a national one), or None when they differ."""
        chosen = {self.applicable(indicator, place, period) for place in places}
        return chosen.pop() if len(chosen) == 1 else None

    def has_demo(self):
        return any(t.is_demo for targets in self._by_indicator.values() for t in targets)
