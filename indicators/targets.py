"""Which target applies: the one answer for the dashboards, the reports and the entry sheet.

A ``TargetBook`` holds the targets of the indicators a page shows (loaded in one query) and
answers two questions without another query:

- ``applicable(indicator, place, window)``: the target a status is computed against. The
  "2015 target" is the one due 2011–2015, the "2020 target" the one due 2016–2020;
- ``nearest(indicator, place, year)``: the target a figure of ``year`` is heading to, the first
  deadline from ``year`` on, else the last one (the entry sheet shows it beside each figure).

Both rank the candidates with the same preference (``_preference``): the place's own real
target, its own demo target, a national real target, a national demo target. National targets
apply to a province only for shares and densities (a national count means nothing locally).
Within one rank, ``applicable`` takes the latest deadline in the window and ``nearest`` the
deadline it is heading to; then a target for no particular subject, then the oldest.
"""

from collections import defaultdict

from .models import Indicator, Target

# The plan windows a status can be computed against: {the window's name: (first, last deadline year)}.
WINDOWS = {2015: (2011, 2015), 2020: (2016, 2020)}


def default_window(as_of):
    """The first window still ahead of the year asked, else the last one."""
    for window in WINDOWS:
        if as_of is not None and as_of <= window:
            return window
    return max(WINDOWS)


def national_targets_apply(indicator):
    return indicator.unit != Indicator.Unit.COUNT


def plan_start(target):
    """The year a target's plan starts: its stated baseline year, else its directive's period start."""
    if target.baseline_year is not None:
        return target.baseline_year
    if target.directive_id is not None:
        return target.directive.period_start
    return None


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
        for target in targets:
            self._by_indicator[target.indicator_id].append(target)

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
        return [(key(t), t) for t in self._by_indicator.get(indicator.pk, ()) if key(t) is not None]

    def applicable(self, indicator, place, window):
        """The target of ``indicator`` that applies to ``place`` (None: the nation) in ``window``."""
        first, last = WINDOWS[window]
        candidates = [(key, t) for key, t in self._candidates(indicator, place) if first <= t.deadline_year <= last]
        if not candidates:
            return None
        # Best tier first; within it the latest deadline, then no subject, then the oldest.
        best = min(key[0] for key, _ in candidates)
        same_tier = [(key, t) for key, t in candidates if key[0] == best]
        return min(same_tier, key=lambda pair: (-pair[1].deadline_year, pair[0]))[1]

    def nearest(self, indicator, place, year):
        """The target a figure for ``year`` is heading to: the first deadline from ``year`` on, else the last."""
        candidates = self._candidates(indicator, place)
        if not candidates:
            return None
        ahead = [t.deadline_year for _, t in candidates if t.deadline_year >= year]
        deadline = min(ahead) if ahead else max(t.deadline_year for _, t in candidates)
        return min((pair for pair in candidates if pair[1].deadline_year == deadline), key=lambda pair: pair[0])[1]

    def common(self, indicator, places, window):
        """The one target shared by every place (a national one), or None when they differ."""
        chosen = {self.applicable(indicator, place, window) for place in places}
        return chosen.pop() if len(chosen) == 1 else None

    def has_demo(self):
        return any(t.is_demo for targets in self._by_indicator.values() for t in targets)
