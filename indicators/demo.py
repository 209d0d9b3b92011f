"""Deterministic demo data: plausible yearly series for every unit and indicator.

Everything made here carries ``is_demo=True`` and is labelled as such wherever it
is shown. Nothing already in the database is overwritten: where any figure exists for an
(indicator, province, year), real or typed in by a user, the demo series skips it,
so running the command again changes nothing.
"""

import hashlib
import math
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from provinces.models import Membership, Province

from . import assessments
from . import generation as data_generation
from .models import Indicator, Measurement, Target, WorkflowStatus

FIRST_YEAR = 2008
LAST_LEGACY_YEAR = 2024
FIRST_CURRENT_YEAR = 2025
DEMO_BASELINE_YEAR = 2010
# Demo provincial targets for the 2026–2030 plan period, set against the units' 2025 figures.
DEMO_2030 = 2030
DEMO_2030_BASELINE_YEAR = 2025
# Indicators of the national 2025 targets (Decisions 749/QĐ-TTg, 942/QĐ-TTg): their demo series start
# in 2020, the baseline of the 2021–2025 period, and they get no demo 2015/2020 targets.
SERIES_FROM = {
    "services-fully-online": 2020,
    "records-online-province": 2020,
    "records-online-commune": 2020,
    "households-fibre": 2020,
    "communes-fibre": 2020,
    "documents-signed-online": 2020,
}
DEMO_TARGET_NOTE = "Chỉ tiêu minh họa (không lấy từ văn bản nào)"
DEMO_TARGET_NOTE_EN = "Demo target (not taken from any document)"
# Shown as the source and the history reason of every demo figure: words a leader reading a report understands.
DEMO_SOURCE = "Số liệu minh họa, không phải số liệu báo cáo"
# What earlier versions wrote there (a developer's command name); ``relabel_old_demo_rows`` rewrites it.
OLD_DEMO_SOURCES = ["Số liệu minh họa do lệnh load_demo sinh ra"]

# Demo provinces whose latest year is left for the demo accounts to work on.
UNFINISHED = {"25": WorkflowStatus.SUBMITTED, "10": WorkflowStatus.DRAFT}
LEFT_EMPTY_CURRENT = {"25", "15"}  # Phú Thọ and Lào Cai after the merger: 2025 is for the demo editors

# Denominators of the ratio indicators: what a province plausibly counts.
DENOMINATOR_RANGES = {
    "admin-services-online": (900, 2000),
    "units-with-lan": (150, 600),
    "enterprises-internet": (1500, 30000),
    "communes-ict-services": (100, 700),
    "party-agencies-lan": (20, 60),
    "commune-offices-wan": (200, 1400),
    "departments-lan": (25, 45),
    "commune-pc-broadband": (100, 700),
    "commune-officials-computer": (2000, 8000),
    "agencies-internet": (150, 700),
    "services-fully-online": (1200, 2000),
    "records-online-province": (20000, 90000),
    "records-online-commune": (40000, 200000),
    "households-fibre": (150000, 900000),
    "communes-fibre": (100, 700),
    "documents-signed-online": (30000, 150000),
}

DEMO_USERS = [
    # username, first name, superuser, [(legacy code, current code, role)]
    ("admin", "Quản trị trung ương", True, []),
    # Since 1 March 2025 the provincial ICT staff work in the Sở KH&CN (DOMAIN.md §7.4).
    ("phutho-editor", "Chuyên viên Sở KH&CN Phú Thọ", False, [("25", "25", Membership.Role.EDITOR)]),
    ("phutho-approver", "Lãnh đạo Sở KH&CN Phú Thọ", False, [("25", "25", Membership.Role.APPROVER)]),
    ("phutho-viewer", "Lãnh đạo Tỉnh ủy Phú Thọ", False, [("25", "25", Membership.Role.VIEWER)]),
    ("laocai-editor", "Chuyên viên Sở KH&CN Lào Cai", False, [("10", "15", Membership.Role.EDITOR)]),
]
# The demo accounts' names of earlier versions: an account still carrying one was never renamed by anyone.
OLD_DEMO_NAMES = {
    "Chuyên viên Sở TT&TT Phú Thọ": "Chuyên viên Sở KH&CN Phú Thọ",
    "Lãnh đạo Sở TT&TT Phú Thọ": "Lãnh đạo Sở KH&CN Phú Thọ",
    "Chuyên viên Sở TT&TT Lào Cai": "Chuyên viên Sở KH&CN Lào Cai",
}
DEMO_PASSWORD = "demo"  # noqa: S105 - the README prints it; refused on production settings


def _rng(*parts):
    seed = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return random.Random(int(seed[:16], 16))


def _q(value, places="0.01"):
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Point:
    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def _share(rng, years):
    """A rising share (0–1) per year: a logistic curve with a little noise, occasionally dipping."""
    start = rng.uniform(0.15, 0.6)
    speed = rng.uniform(0.15, 0.45)
    ceiling = rng.uniform(0.82, 1.0)
    shares = {}
    for i, year in enumerate(years):
        base = ceiling - (ceiling - start) * math.exp(-speed * i)
        shares[year] = min(1.0, max(0.0, base + rng.uniform(-0.03, 0.03)))
    return shares


# The indicators of the source documents that have a demo series; one added in the admin has none.
SERIES_CODES = {
    *DENOMINATOR_RANGES,
    "computers",
    "computers-per-100",
    "households-with-computer",
    "level3-services",
}


def has_series(indicator_code):
    return indicator_code in SERIES_CODES


def series(indicator_code, province_code, population, years):
    """The demo series of one indicator in one unit, as {year: Point}."""
    rng = _rng(indicator_code, province_code)
    if indicator_code in DENOMINATOR_RANGES:
        low, high = DENOMINATOR_RANGES[indicator_code]
        denominator = rng.randint(low, high)
        return {
            year: Point(
                _q(100 * round(share * denominator) / denominator),
                Decimal(round(share * denominator)),
                Decimal(denominator),
            )
            for year, share in _share(rng, years).items()
        }
    computers = _computers(province_code, population, years)
    if indicator_code == "computers":
        return {year: Point(Decimal(c)) for year, c in computers.items()}
    if indicator_code == "computers-per-100":
        return {year: Point(_q(100 * c / population), Decimal(c), Decimal(population)) for year, c in computers.items()}
    if indicator_code == "households-with-computer":
        return {year: Point(Decimal(round(c * rng.uniform(0.5, 0.6)))) for year, c in computers.items()}
    if indicator_code == "level3-services":
        first = rng.randint(2009, 2013)
        growth = rng.uniform(4, 25)
        return {year: Point(Decimal(max(0, round((year - first) * growth)))) for year in years}
    raise ValueError(f"no demo series for indicator {indicator_code!r}")


def _computers(province_code, population, years):
    rng = _rng("computers", province_code)
    per_100 = rng.uniform(2.0, 6.0)
    growth = rng.uniform(1.06, 1.14)
    result = {}
    for year in years:
        result[year] = round(population * per_100 / 100)
        per_100 *= growth * rng.uniform(0.98, 1.02)
    return result


def anchored(points, year, real, indicator):
    """Move a demo series so it passes through the real figure of ``year``, keeping its shape.

    Shares shift (and stay within 0–100); counts scale. Without this, a real figure would
    sit far from the demo years around it and read as a sudden rise or fall.
    """
    demo = points.get(year)
    if demo is None or demo.value == 0:
        return points
    moved = {}
    for y, point in points.items():
        if indicator.unit == Indicator.Unit.COUNT:
            moved[y] = Point(_q(point.value * real / demo.value, "1"))
            continue
        value = point.value + real - demo.value
        if indicator.is_capped_at_100:
            value = min(Decimal(100), value)
        value = max(Decimal(0), value)
        if point.denominator:
            numerator = min(point.denominator, _q(value * point.denominator / 100, "1"))
            moved[y] = Point(_q(100 * numerator / point.denominator), numerator, point.denominator)
        else:
            moved[y] = Point(_q(value))
    return moved


def population(province_code, generation):
    """A plausible population for a unit (demo only); merged units are larger."""
    low, high = (500_000, 3_500_000) if generation == "legacy" else (1_500_000, 8_000_000)
    return _rng("population", generation, province_code).randint(low, high)


def _status_for(province, year, last_year):
    if year == last_year and province.code in UNFINISHED and province.valid_to is not None:
        return UNFINISHED[province.code]
    return WorkflowStatus.APPROVED


def load_demo_figures():
    """``_load_demo_figures``, then the stored assessments rebuilt once (its figures are bulk-created)."""
    with transaction.atomic():
        created = _load_demo_figures()
        assessments.rebuild()
        data_generation.bump()
        return created


def _load_demo_figures():
    """Create the demo measurements and targets that are missing. Returns counts of what was created,
    and under "skipped" the codes of indicators with no demo series (added by an administrator): they
    get no demo figures or targets, and whatever was entered for them stays as it is."""
    every = list(Indicator.objects.provincial())
    indicators = [indicator for indicator in every if has_series(indicator.code)]
    skipped = [indicator.code for indicator in every if not has_series(indicator.code)]
    existing = set(Measurement.objects.values_list("indicator_id", "province_id", "year"))
    anchors = {}
    for indicator_id, province_id, year, value in (
        Measurement.objects.real().order_by("year").values_list("indicator_id", "province_id", "year", "value")
    ):
        anchors.setdefault((indicator_id, province_id), (year, value))

    rows = []
    plans = [
        (Province.objects.legacy(), "legacy", list(range(FIRST_YEAR, LAST_LEGACY_YEAR + 1))),
        (Province.objects.current().exclude(code__in=LEFT_EMPTY_CURRENT), "current", [FIRST_CURRENT_YEAR]),
    ]
    for provinces, generation, years in plans:
        for province in provinces:
            people = population(province.code if generation == "legacy" else "n" + province.code, generation)
            for indicator in indicators:
                # The curve runs from the indicator's first year, so a current unit's 2025 figure
                # continues the trend of its predecessors instead of starting a new curve.
                first = SERIES_FROM.get(indicator.code, FIRST_YEAR)
                curve = series(
                    indicator.code, f"{generation}{province.code}", people, list(range(first, years[-1] + 1))
                )
                points = {y: point for y, point in curve.items() if y in years}
                anchor = anchors.get((indicator.pk, province.pk))
                if anchor:
                    points = anchored(points, *anchor, indicator)
                for year, point in points.items():
                    if (indicator.pk, province.pk, year) in existing:
                        continue
                    rows.append(
                        Measurement.objects.new(
                            indicator=indicator,
                            province=province,
                            year=year,
                            value=point.value,
                            numerator=point.numerator,
                            denominator=point.denominator,
                            status=_status_for(province, year, years[-1]),
                            source=DEMO_SOURCE,
                            is_demo=True,
                        )
                    )
    # With their history rows, so the first correction of a demo figure shows its old value.
    bulk_create_with_history(rows, Measurement, batch_size=2000, default_change_reason=DEMO_SOURCE)
    existing_targets = set(Target.objects.values_list("indicator_id", "province_id", "deadline_year", "subject"))
    targets = [
        t
        for t in _demo_targets(indicators)
        if (t.indicator_id, t.province_id, t.deadline_year, t.subject) not in existing_targets
    ]
    Target.objects.bulk_create(targets)
    # demo targets made before the English note existed get it (an edited note is left alone)
    Target.objects.filter(is_demo=True, note=DEMO_TARGET_NOTE, note_en="").update(note_en=DEMO_TARGET_NOTE_EN)
    relabel_old_demo_rows()
    return {"measurements": len(rows), "targets": len(targets), "skipped": skipped}


def relabel_old_demo_rows():
    """Rewrite the old demo source and history reason (which named a developer's command) in today's words.

    Only demo rows holding exactly an old wording are touched; returns how many figures were."""
    changed = Measurement.objects.filter(is_demo=True, source__in=OLD_DEMO_SOURCES).update(source=DEMO_SOURCE)
    Measurement.history.filter(history_change_reason__in=OLD_DEMO_SOURCES).update(history_change_reason=DEMO_SOURCE)
    Measurement.history.filter(is_demo=True, source__in=OLD_DEMO_SOURCES).update(source=DEMO_SOURCE)
    return changed


def _demo_targets(indicators):
    """National 2015/2020/2025 targets for shares; per-unit ones for counts (a national count means nothing locally).

    Then every current unit's own 2030 target for every indicator (``_demo_2030_targets``).
    """
    targets = []
    for indicator in indicators:
        if indicator.code in SERIES_FROM:
            continue  # its real targets are the national 2025 ones
        # {deadline: (value, baseline year)}: the 2025 one is set against 2020, the start of 2021–2025
        if indicator.unit == Indicator.Unit.PERCENT:
            goals = {2015: (80, DEMO_BASELINE_YEAR), 2020: (95, DEMO_BASELINE_YEAR), 2025: (90, 2020)}
        elif indicator.unit == Indicator.Unit.PER_100:
            goals = {2015: (10, DEMO_BASELINE_YEAR), 2020: (20, DEMO_BASELINE_YEAR), 2025: (40, 2020)}
        else:
            goals = None
        if goals:
            for year, (value, baseline_year) in goals.items():
                targets.append(_demo_target(indicator, None, year, Decimal(value), baseline_year))
            continue
        baselines = Measurement.objects.filter(indicator=indicator, year=DEMO_BASELINE_YEAR).select_related("province")
        for baseline in baselines:
            rng = _rng("target", indicator.code, baseline.province.code)
            base = max(baseline.value, Decimal(5))
            for year, factor in ((2015, rng.uniform(1.5, 2.5)), (2020, rng.uniform(2.5, 4.0))):
                targets.append(_demo_target(indicator, baseline.province, year, _q(base * Decimal(factor), "1")))
        for baseline in Measurement.objects.filter(indicator=indicator, year=2020).select_related("province"):
            rng = _rng("target", 2025, indicator.code, baseline.province.code)
            value = _q(max(baseline.value, Decimal(5)) * Decimal(rng.uniform(1.3, 2.2)), "1")
            targets.append(_demo_target(indicator, baseline.province, 2025, value, 2020))
    return targets + _demo_2030_targets(indicators)


def _base_2025(indicators):
    """{(indicator id, current unit id): its 2025 figure, else the sum or mean of its predecessors' 2024 ones}."""
    own = {
        (i, p): v
        for i, p, v in Measurement.objects.filter(year=DEMO_2030_BASELINE_YEAR, province__valid_to__isnull=True)
        .exclude(value__isnull=True)
        .values_list("indicator_id", "province_id", "value")
    }
    before = {}
    for i, successor, v in (
        Measurement.objects.filter(year=DEMO_2030_BASELINE_YEAR - 1, province__successor__isnull=False)
        .exclude(value__isnull=True)
        .values_list("indicator_id", "province__successor_id", "value")
    ):
        before.setdefault((i, successor), []).append(v)
    units = {i.pk: i for i in indicators}
    for key, values in before.items():
        if key in own or key[0] not in units:
            continue
        counted = units[key[0]].unit == Indicator.Unit.COUNT
        own[key] = sum(values) if counted else sum(values) / len(values)
    return own


def _demo_2030_targets(indicators):
    """A 2030 target of each current unit for each indicator, above its 2025 figure (demo, no document)."""
    base = _base_2025(indicators)
    targets = []
    for province in Province.objects.current():
        for indicator in indicators:
            rng = _rng("target", DEMO_2030, indicator.code, province.code)
            now = base.get((indicator.pk, province.pk))
            if indicator.unit == Indicator.Unit.PERCENT:
                value = Decimal(rng.choice((90, 95, 100)))
                if now is not None and now >= value:
                    value = Decimal(100)
            elif now is None:
                continue
            elif indicator.unit == Indicator.Unit.PER_100:
                value = _q(max(now, Decimal(1)) * Decimal(rng.uniform(1.3, 1.8)))
            else:
                value = _q(max(now, Decimal(5)) * Decimal(rng.uniform(1.3, 2.0)), "1")
            targets.append(_demo_target(indicator, province, DEMO_2030, value, DEMO_2030_BASELINE_YEAR))
    return targets


def _demo_target(indicator, province, year, value, baseline_year=DEMO_BASELINE_YEAR):
    return Target(
        indicator=indicator,
        province=province,
        deadline_year=year,
        value=value,
        baseline_year=baseline_year,
        subject="",
        note=DEMO_TARGET_NOTE,
        note_en=DEMO_TARGET_NOTE_EN,
        is_demo=True,
    )


@transaction.atomic
def load_demo_users():
    """The demo accounts of the README, all with the password ``demo``, and their roles, where missing.

    An account that already exists is left as it is (an administrator may have changed it). Returns the
    usernames."""
    User = get_user_model()
    names = []
    for username, first_name, superuser, roles in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:  # an account that exists keeps what an administrator set: name, password, rights
            user.first_name = first_name
            user.email = f"{username}@demo.invalid"  # e-mails go to the console in development
            user.is_superuser = user.is_staff = superuser
            user.is_active = True
            user.set_password(DEMO_PASSWORD)
            user.save()
        elif user.first_name in OLD_DEMO_NAMES:  # the old demo name, never changed by anyone: today's title
            user.first_name = OLD_DEMO_NAMES[user.first_name]
            user.save(update_fields=["first_name"])
        for legacy_code, current_code, role in roles:
            for province in (
                Province.objects.legacy().get(code=legacy_code),
                Province.objects.current().get(code=current_code),
            ):
                Membership.objects.get_or_create(user=user, province=province, role=role)
        names.append(username)
    return names
