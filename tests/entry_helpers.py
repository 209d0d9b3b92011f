"""Building the data-entry POST the way the browser sends it."""

from django.urls import reverse

from indicators.models import Indicator, Measurement, TaskReport
from provinces.models import Membership
from tests.factories import logged_in, make_indicator, make_province, make_user


def sheet_url(province, year):
    return reverse("entry-sheet", args=[province.slug, year])


def sheet_post(province, year, action, values=None, selected=(), reason="", **extra):
    """A POST for the whole sheet: every row's current version (task reports' too).

    ``values`` {code: {field: text}} are typed over the stored values.
    """
    stored = {m.indicator_id: m for m in Measurement.objects.filter(province=province, year=year)}
    data = {"action": action, "reason": reason}
    for indicator in Indicator.objects.all():
        prefix = f"m-{indicator.code}"
        m = stored.get(indicator.pk)
        data[f"{prefix}-version"] = str(m.version if m else 0)
        if m:
            for name in ("value", "numerator", "denominator"):
                number = getattr(m, name)
                if number is not None and not (indicator.is_ratio and name == "value"):
                    data[f"{prefix}-{name}"] = format(number.normalize(), "f").replace(".", ",")
            data[f"{prefix}-source"] = m.source
            data[f"{prefix}-note"] = m.note
        for name, text in (values or {}).get(indicator.code, {}).items():
            data[f"{prefix}-{name}"] = text
    for report in TaskReport.objects.filter(province=province, year=year):
        data[f"t-{report.task_id}-version"] = str(report.version)
    if selected:
        data["selected"] = [f"m-{code}" for code in selected]
    data.update(extra)
    return data


def snapshot():
    """Everything a denied request must leave untouched."""
    return (
        sorted(Measurement.objects.values_list("indicator_id", "province_id", "year", "value", "status", "version")),
        Measurement.history.count(),
    )


def personas():
    """Phú Thọ with a viewer, an editor and an approver, Lào Cai with nobody, a central admin, one indicator."""
    own = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    other = make_province(name="Tỉnh Lào Cai", slug="lao-cai")
    lan = make_indicator(code="units-with-lan")
    users = {
        "viewer": make_user("viewer", Membership.Role.VIEWER, [own]),
        "editor": make_user("editor", Membership.Role.EDITOR, [own]),
        "approver": make_user("approver", Membership.Role.APPROVER, [own]),
        "admin": make_user("admin", superuser=True),
    }
    return {"own": own, "other": other, "lan": lan, "users": users}


def client_for(world, role):
    """A client logged in as ``role`` of ``personas()`` ("anonymous": not logged in)."""
    return logged_in(None if role == "anonymous" else world["users"][role])
