"""Views of the site as a whole: the login lockout page and the load balancer's health check."""

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache


def locked_out(request, credentials=None, *args, **kwargs):
    """What django-axes shows after too many failed logins (site and admin alike)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


@never_cache
def healthz(request):
    """200 when the database and every cache answer, 503 otherwise: for the load balancer, no login."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as error:  # any failure means "take this server out of the pool"
        checks["database"] = type(error).__name__
    for alias in settings.CACHES:
        try:
            caches[alias].get("healthz")  # a read: answers or raises; a probe every few seconds writes nothing
            checks[f"cache:{alias}"] = "ok"
        except Exception as error:
            checks[f"cache:{alias}"] = type(error).__name__
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "failing", **checks}, status=200 if healthy else 503)


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon, such as the admin's.

    Resolved per request: the hashed name of the collected file is known only after collectstatic.
    """
    return redirect(static("img/favicon.svg"), permanent=True)
