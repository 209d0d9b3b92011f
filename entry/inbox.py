"""What waits for a user: the work inbox at /entry/, the header counts and the reminders.

For every unit the user holds a role in (pre-merger and current units alike) and every year:

- to approve: submitted figures, in the units where the user approves (every unit for a central admin);
- to fix: returned figures, with the reasons, where the user enters figures;
- to enter: for the year now due (``years.due_year``, before ``REPORTING_DEADLINE``) the figures not
  entered yet or still drafts; for other years the drafts left unsubmitted.

A handful of queries whatever the number of units and figures: the user's roles, one aggregate per
figure model, the indicator count and one count of qualitative tasks per unit the user enters for.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q

from indicators import years
from indicators.models import Indicator, Measurement, TaskReport, WorkflowStatus
from provinces import access
from provinces.models import Membership, Province

APPROVE, FIX, ENTER = "approve", "fix", "enter"


@dataclass
class Item:
    kind: str
    province: Province
    year: int
    count: int = 0
    oldest: datetime.datetime | None = None  # the oldest change among these figures
    deadline: datetime.date | None = None
    reasons: list = field(default_factory=list)

    @property
    def sort_key(self):
        since = self.oldest.date() if self.oldest else (self.deadline or datetime.date.max)
        return (since, self.year, self.province.name)


@dataclass
class Inbox:
    items: list
    enters: bool  # the user enters figures somewhere (the header shows "Nhập số liệu")
    approves: bool  # the user approves somewhere (the header shows "Phê duyệt")

    def of_kind(self, kind):
        return [item for item in self.items if item.kind == kind]

    @property
    def to_approve(self):
        return sum(item.count for item in self.of_kind(APPROVE))

    @property
    def to_enter(self):
        return sum(item.count for item in self.items if item.kind in (FIX, ENTER))

    @property
    def total(self):
        return self.to_approve + self.to_enter


def build(user, today=None, reasons=False):
    """The inbox of ``user``; ``reasons`` also reads the return reasons (the inbox page, the reminders)."""
    approve_ids = access.province_ids_with(user, Membership.Role.APPROVER)
    enter_ids = access.province_ids_with(user, Membership.Role.EDITOR)
    if enter_ids is None:  # a central administrator enters nothing of their own: no unit's editor
        enter_ids = set()
    if not user.is_authenticated or (approve_ids == set() and not enter_ids):
        return Inbox([], enters=False, approves=False)

    due = years.due_year(today)
    editing = list(Province.objects.filter(pk__in=enter_ids)) if enter_ids else []
    due_units = [p for p in editing if p.reports_year(due)]

    scope = Q(status=WorkflowStatus.SUBMITTED)
    if approve_ids is not None:
        scope &= Q(province_id__in=approve_ids)
    if enter_ids:
        scope |= Q(province_id__in=enter_ids, status__in=(WorkflowStatus.RETURNED, WorkflowStatus.DRAFT))
    if due_units:
        scope |= Q(province_id__in=[p.pk for p in due_units], year=due)

    found = {}  # (province id, year, status) → [count, oldest]
    for model in (Measurement, TaskReport):
        rows = (
            model.objects.filter(scope)
            .values("province_id", "year", "status")
            .annotate(n=Count("pk"), at=Min("updated_at"))
        )
        for row in rows:
            slot = found.setdefault((row["province_id"], row["year"], row["status"]), [0, None])
            slot[0] += row["n"]
            slot[1] = min(filter(None, (slot[1], row["at"])), default=None)

    provinces = {p.pk: p for p in editing}
    missing_ids = {pk for pk, _, _ in found} - set(provinces)
    if missing_ids:
        provinces.update(Province.objects.in_bulk(missing_ids))

    items = {}

    def item(kind, province_id, year):
        key = (kind, province_id, year)
        if key not in items:
            items[key] = Item(kind, provinces[province_id], year, deadline=years.reporting_deadline(year))
        return items[key]

    for (province_id, year, status), (n, at) in found.items():
        kind = {
            WorkflowStatus.SUBMITTED: APPROVE if approve_ids is None or province_id in approve_ids else None,
            WorkflowStatus.RETURNED: FIX if province_id in enter_ids else None,
            WorkflowStatus.DRAFT: ENTER if province_id in enter_ids else None,
        }.get(status)
        if kind is None:
            continue
        entry = item(kind, province_id, year)
        entry.count += n
        entry.oldest = min(filter(None, (entry.oldest, at)), default=None)

    if due_units:
        expected_indicators = Indicator.objects.provincial().count()
        from .sheets import qualitative_tasks

        for province in due_units:
            expected = expected_indicators + qualitative_tasks(province, due).count()
            stored = sum(n for (pk, year, _), (n, _at) in found.items() if pk == province.pk and year == due)
            if expected > stored:
                item(ENTER, province.pk, due).count += expected - stored

    if reasons:
        returned = [key for key in items if key[0] == FIX]
        if returned:
            wanted = Q()
            for _, province_id, year in returned:
                wanted |= Q(province_id=province_id, year=year)
            for model in (Measurement, TaskReport):
                for province_id, year, reason in (
                    model.objects.filter(wanted, status=WorkflowStatus.RETURNED)
                    .exclude(return_reason="")
                    .values_list("province_id", "year", "return_reason")
                    .distinct()
                ):
                    listed = items[(FIX, province_id, year)].reasons
                    if reason not in listed:
                        listed.append(reason)

    ordered = sorted((i for i in items.values() if i.count), key=lambda i: i.sort_key)
    return Inbox(ordered, enters=bool(enter_ids), approves=approve_ids is None or bool(approve_ids))


def for_request(request, reasons=False):
    """The inbox of the signed-in user, built once per request (the header and the page share it)."""
    cached = getattr(request, "_inbox", None)
    if cached is None or (reasons and not cached[1]):
        cached = (build(request.user, reasons=reasons), reasons)
        request._inbox = cached
    return cached[0]
