import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from indicators import workflow
from indicators.models import Measurement, WorkflowStatus


def bare(request):
    """The baseline: a view that does nothing, behind the same middleware as every page."""
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
@require_POST
def approve(request):
    """A real approval, for the cold measurement: the first approved figure of the first benchmark
    indicator in the latest year is reopened and submitted (each committed), then approved through
    the workflow; the response's ``X-Bench-Approve-Ms`` is the approval's own time (its stored
    assessments refreshed, committed). Benchmark site only, on 127.0.0.1."""
    user, _created = get_user_model().objects.get_or_create(
        username="bench-approver", defaults={"is_superuser": True, "is_staff": True}
    )
    figure = (
        Measurement.objects.filter(indicator__code="bench-001", status=WorkflowStatus.APPROVED)
        .order_by("-year", "province__code")
        .first()
    )
    with transaction.atomic():
        workflow.reopen(user, figure, "benchmark")
    with transaction.atomic():
        figure.refresh_from_db()
        workflow.submit(user, figure)
    started = time.perf_counter()
    with transaction.atomic():
        figure.refresh_from_db()
        workflow.approve(user, figure)
    took = (time.perf_counter() - started) * 1000
    response = HttpResponse("approved", content_type="text/plain")
    response["X-Bench-Approve-Ms"] = f"{took:.0f}"
    return response


urlpatterns = [
    path("__bench__/bare/", bare),
    path("__bench__/approve/", approve),
    path("", include("config.urls")),
]
