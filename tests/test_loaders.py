"""`make setup` on a database an administrator has changed: every loader succeeds, says what it skipped and
keeps what was entered in the app."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directives.models import Directive, Task
from indicators.models import Indicator, Measurement, Target, WorkflowStatus
from provinces.models import Province


def make_setup(reload=False):
    """The loaders of `make setup`, in its order; their output. ``reload`` runs them even when nothing changed."""
    out = io.StringIO()
    for command, options in (("load_units", {}), ("load_documents", {}), ("load_demo", {"users": True})):
        call_command(command, stdout=out, reload=reload, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_make_setup_twice_after_an_administrator_added_an_indicator_a_directive_and_a_target(settings):
    settings.DEBUG = True  # `make setup` is a developer's command; load_demo --users refuses otherwise
    make_setup()
    phu_tho = Province.objects.current().get(code="25")
    fiber = Indicator.objects.create(
        code="fiber-households",
        name_vi="Hộ gia đình có cáp quang",
        name_en="Households with fibre",
        unit=Indicator.Unit.COUNT,
        aggregation=Indicator.Aggregation.SUM,
        category=Indicator.Category.INFRASTRUCTURE,
    )
    directive = Directive.objects.create(
        kind=Directive.Kind.DIRECTIVE,
        number="05-CT/TU",
        issuer="Tỉnh ủy Phú Thọ",
        title="Đẩy mạnh chuyển đổi số tỉnh Phú Thọ",
        slug="05-ct-tu-day-manh-chuyen-doi-so-tinh-phu-tho",
        province=phu_tho,
    )
    task = Task.objects.create(directive=directive, number="1", text="Phủ cáp quang đến mọi thôn")
    fiber.tasks.add(task)
    target = Target.objects.create(indicator=fiber, province=phu_tho, deadline_year=2030, value=Decimal(300000))
    editor = get_user_model().objects.get(username="phutho-editor")
    editor.first_name = "Nguyễn Văn A"
    editor.set_password("changed-by-the-admin")
    editor.save()
    entered = Measurement.objects.new(
        indicator=fiber, province=phu_tho, year=2025, value=Decimal(120000), status=WorkflowStatus.DRAFT
    )
    entered.save()
    counts = (Measurement.objects.count(), Target.objects.count(), Directive.objects.count(), Task.objects.count())

    with CaptureQueriesContext(connection) as queries:
        unchanged = make_setup()
    first = make_setup(reload=True)
    second = make_setup(reload=True)

    # nothing changed in the sources: a second `make setup` reads its fingerprints and the accounts, writes nothing
    for name in ("units", "documents", "demo"):
        assert f"{name}: already loaded, nothing changed since" in unchanged
    assert "demo accounts (password 'demo')" in unchanged, "the accounts are still checked"
    verbs = {q["sql"].split()[0].upper() for q in queries.captured_queries}
    assert not verbs & {"INSERT", "UPDATE", "DELETE"}, verbs

    for output in (first, second):
        assert "skipped indicator 'fiber-households': it has no demo series" in output
    assert (Measurement.objects.count(), Target.objects.count(), Directive.objects.count(), Task.objects.count()) == (
        counts
    ), "nothing added for the new indicator, nothing removed"
    entered.refresh_from_db()
    assert (entered.value, entered.status, entered.is_demo) == (Decimal(120000), WorkflowStatus.DRAFT, False)
    target.refresh_from_db()
    assert target.value == Decimal(300000)
    assert Directive.objects.get(slug=directive.slug).tasks.get().indicators.get() == fiber
    editor.refresh_from_db()
    assert editor.first_name == "Nguyễn Văn A" and editor.check_password("changed-by-the-admin")
