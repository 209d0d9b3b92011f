"""Every URL of the project, asked by every demo role on the demo database, answers without a server error.

The table below gives each route of the URL resolver the paths to request, with real arguments
from the demo data (units before and after the merger, a ratio and a count indicator, a national
and a provincial directive, the history of existing figures, the Excel exports). A route that the
table does not name fails ``test_every_route_of_the_project_is_requested_here``, so a new URL
cannot slip past this module. Requests are GETs: a page that only takes POST answers 405.
"""

from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from simple_history.admin import SimpleHistoryAdmin

from directives.models import Directive, Task
from indicators import workflow
from indicators.demo import DEMO_USERS, FIRST_CURRENT_YEAR, LAST_LEGACY_YEAR, load_demo_users
from indicators.models import Indicator, Measurement, TaskReport
from provinces.models import Province

ROLES = ["anonymous", *(username for username, *_ in DEMO_USERS)]
# 301: /favicon.ico is a permanent redirect to the static icon; 401: the API asks an anonymous client for a token.
ALLOWED = {200, 301, 302, 401, 403, 404, 405}
MISSING_PK = 999999
NO_JOB = "0" * 32
# The full export is the same workbook for every logged-in reader (only its creator's name differs)
# and by far the slowest request here (seconds): asked by these two roles only, to keep CI quick.
ASKED_BY_TWO_ROLES = {"exports/data.xlsx": {"anonymous", "phutho-viewer"}}


@dataclass
class Demo:
    phu_tho: Province  # before the merger, with a submitted last year
    phu_tho_now: Province  # after the merger, left empty for the demo editors
    lao_cai: Province
    ratio: Indicator
    count: Indicator
    national: Directive
    provincial: Directive
    task_report: TaskReport


@pytest.fixture(scope="module")
def demo(demo_db, django_db_blocker):
    """The demo database (``demo_db``) and its accounts, loaded once for the module and rolled back after it.

    One task report is added (the demo has none) on Lào Cai's 24-CT/TU, so the task history has a
    figure to show.
    """
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        load_demo_users()
        lao_cai = Province.objects.legacy().get(code="10")
        task = Task.objects.filter(directive__province=lao_cai).order_by("pk").first()
        report = TaskReport(task=task, province=lao_cai, year=LAST_LEGACY_YEAR, version=0)
        editor = get_user_model().objects.get(username="laocai-editor")
        workflow.save_values(editor, report, {"progress": TaskReport.Progress.IN_PROGRESS, "narrative": "Đang làm"})
        yield Demo(
            phu_tho=Province.objects.legacy().get(code="25"),
            phu_tho_now=Province.objects.current().get(code="25"),
            lao_cai=lao_cai,
            ratio=Indicator.objects.filter(aggregation=Indicator.Aggregation.RATIO).order_by("position").first(),
            count=Indicator.objects.filter(unit=Indicator.Unit.COUNT).order_by("position").first(),
            national=Directive.objects.filter(province__isnull=True).order_by("pk").first(),
            provincial=task.directive,
            task_report=report,
        )


def routes(patterns=None, prefix=""):
    """Every route of the URL resolver, as its full pattern text (``entry/<slug:slug>/``)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        else:
            yield route


def admin_paths(demo):
    """The routes every registered ModelAdmin has, for a real row of its model (or a missing one)."""
    paths = {}
    samples = {
        Measurement: Measurement.objects.filter(province=demo.phu_tho, year=LAST_LEGACY_YEAR).first(),
        TaskReport: demo.task_report,
    }
    for model, model_admin in admin.site._registry.items():
        app, name = model._meta.app_label, model._meta.model_name
        sample = samples.get(model) or model._default_manager.order_by("pk").first()
        pk = sample.pk if sample else MISSING_PK
        base = f"admin/{app}/{name}/"
        paths[base] = [reverse(f"admin:{app}_{name}_changelist"), reverse(f"admin:{app}_{name}_changelist") + "?q=a"]
        paths[base + "add/"] = [reverse(f"admin:{app}_{name}_add")]
        for view in ("change", "history", "delete"):
            paths[f"{base}<path:object_id>/{view}/"] = [reverse(f"admin:{app}_{name}_{view}", args=[pk])]
        paths[f"{base}<path:object_id>/"] = [f"/{base}{pk}/"]  # the old change URL, redirected
        if isinstance(model_admin, SimpleHistoryAdmin):
            history_id = sample.history.order_by("history_id").values_list("history_id", flat=True).first()
            paths[f"{base}^([^/]+)/history/([^/]+)/$"] = [
                reverse(f"admin:{app}_{name}_simple_history", args=[pk, history_id])
            ]
    return paths


def project_paths(demo):
    """Every route of the project → the paths requested for it."""
    old, now, lao_cai = demo.phu_tho, demo.phu_tho_now, demo.lao_cai
    entry = [(old, LAST_LEGACY_YEAR), (now, FIRST_CURRENT_YEAR), (lao_cai, LAST_LEGACY_YEAR), (old, 1990)]
    lan, computers = demo.ratio.code, demo.count.code
    indicator_ct = ContentType.objects.get_for_model(Indicator).pk
    return {
        **admin_paths(demo),
        "admin/": [reverse("admin:index")],
        "admin/login/": [reverse("admin:login")],
        "admin/logout/": [reverse("admin:logout")],
        "admin/password_change/": [reverse("admin:password_change")],
        "admin/password_change/done/": [reverse("admin:password_change_done")],
        "admin/autocomplete/": [
            reverse("admin:autocomplete"),
            reverse("admin:autocomplete")
            + "?app_label=indicators&model_name=measurement&field_name=indicator&term=lan",
        ],
        "admin/jsi18n/": [reverse("admin:jsi18n")],
        "admin/r/<path:content_type_id>/<path:object_id>/": [
            reverse("admin:view_on_site", args=[indicator_ct, demo.ratio.pk])
        ],
        "admin/auth/user/<id>/password/": [
            reverse("admin:auth_user_password_change", args=[get_user_model().objects.get(username="admin").pk])
        ],
        # the admin's apps in INSTALLED_APPS order (django_tasks_db after reporting, whose db_worker replaces its own)
        "admin/^(?P<app_label>auth|provinces|directives|indicators|django_tasks_database)/$": [
            reverse("admin:app_list", args=[app])
            for app in ("auth", "django_tasks_database", "provinces", "directives", "indicators")
        ],
        "admin/(?P<url>.*)$": ["/admin/no-such-page/"],
        "favicon.ico": ["/favicon.ico"],
        "healthz": ["/healthz"],
        "accounts/login/": [reverse("login")],
        "accounts/logout/": [reverse("logout")],
        "i18n/setlang/": [reverse("set_language") + "?next=/"],
        "": ["/", f"/?format=xlsx&units=current&year={LAST_LEGACY_YEAR}&target=2020&region=tdmnpb"],
        "provinces/": ["/provinces/", "/provinces/?format=xlsx&status=off_track"],
        "provinces/<slug:slug>/": [
            *(reverse("province-detail", args=[p.slug]) for p in (old, now, lao_cai)),
            reverse("province-detail", args=[old.slug]) + "?format=xlsx",
            reverse("province-detail", args=["no-such-province"]),
        ],
        "indicators/": ["/indicators/", "/indicators/?format=xlsx&category=infrastructure"],
        "indicators/<slug:code>/": [
            *(reverse("indicator-detail", args=[code]) for code in (lan, computers)),
            reverse("indicator-detail", args=[lan]) + f"?format=xlsx&year=2015&compare={old.slug}",
            reverse("indicator-detail", args=["no-such-indicator"]),
        ],
        "directives/": ["/directives/", "/directives/?format=xlsx"],
        "directives/<slug:slug>/": [
            *(reverse("directive-detail", args=[d.slug]) for d in (demo.national, demo.provincial)),
            reverse("directive-detail", args=[demo.provincial.slug]) + "?format=xlsx",
        ],
        "start/": [reverse("landing")],
        "entry/": [reverse("entry-home")],
        "entry/preferences/": [reverse("entry-preferences")],
        "entry/<slug:slug>/": [reverse("entry-overview", args=[p.slug]) for p in (old, now, lao_cai)],
        "entry/<slug:slug>/<int:year>/": [reverse("entry-sheet", args=[p.slug, y]) for p, y in entry],
        "entry/<slug:slug>/<int:year>/history/<slug:code>/": [
            reverse("figure-history", args=[old.slug, LAST_LEGACY_YEAR, code]) for code in (lan, computers)
        ]
        + [reverse("figure-history", args=[now.slug, FIRST_CURRENT_YEAR, lan])],
        "entry/<slug:slug>/<int:year>/comments/<slug:code>/": [
            reverse("figure-comment", args=[old.slug, LAST_LEGACY_YEAR, lan])
        ],
        "entry/<slug:slug>/<int:year>/task-history/<int:task_id>/": [
            reverse("task-history", args=[lao_cai.slug, LAST_LEGACY_YEAR, demo.task_report.task_id]),
            reverse("task-history", args=[old.slug, LAST_LEGACY_YEAR, demo.task_report.task_id]),
            reverse("task-history", args=[lao_cai.slug, LAST_LEGACY_YEAR, MISSING_PK]),
        ],
        "entry/<slug:slug>/<int:year>/template.xlsx": [reverse("import-template", args=[p.slug, y]) for p, y in entry],
        "entry/<slug:slug>/<int:year>/import/": [reverse("import-upload", args=[old.slug, LAST_LEGACY_YEAR])],
        "entry/<slug:slug>/<int:year>/import/confirm/": [reverse("import-confirm", args=[old.slug, LAST_LEGACY_YEAR])],
        "reports/<slug:slug>/<int:year>.xlsx": [
            reverse("report-workbook", args=[p.slug, y]) for p, y in entry if p is not lao_cai
        ],
        "reports/<slug:slug>/<int:year>.docx": [
            reverse("report-document", args=[p.slug, y]) for p, y in entry if p is not lao_cai
        ],
        "api/v1/indicators/": ["/api/v1/indicators/", "/api/v1/indicators/?format=csv&category=infrastructure"],
        "api/v1/targets/": ["/api/v1/targets/?target=2025", f"/api/v1/targets/?province={old.slug}&format=csv"],
        "api/v1/units/": ["/api/v1/units/", "/api/v1/units/?units=current&format=csv"],
        "api/v1/measurements/": [
            f"/api/v1/measurements/?year={LAST_LEGACY_YEAR}",
            "/api/v1/measurements/?units=current&format=csv",
        ],
        "api/v1/assessments/": ["/api/v1/assessments/?status=behind", f"/api/v1/assessments/?province={old.slug}"],
        "api/v1/units/<slug:slug>/years/<int:year>/figures/": [
            reverse("api-figures", args=[p.slug, y]) for p, y in entry
        ],
        "api/v1/reports/<slug:slug>/<int:year>/": [
            reverse("api-report", args=[p.slug, y]) for p, y in entry if p is not lao_cai
        ],
        "api/v1/schema/": [reverse("api-schema")],
        "api/v1/docs/": [reverse("api-docs"), reverse("api-docs") + "?script"],
        "exports/data.xlsx": [reverse("export-data")],
        "exports/data/": [reverse("export-start")],
        # A job nobody started (404 for all): tests/test_background_export.py follows real ones.
        "exports/<str:job_id>/": [reverse("export-job", args=[NO_JOB])],
        "exports/<str:job_id>/status.json": [reverse("export-job-status", args=[NO_JOB])],
        "exports/<str:job_id>/data.xlsx": [reverse("export-job-file", args=[NO_JOB])],
    }


@pytest.fixture
def paths(demo, db, settings):
    settings.DEBUG = False  # the pages a server error shows in production, not Django's debug page
    return project_paths(demo)


def test_every_route_of_the_project_is_requested_here(paths):
    assert sorted(set(routes()) - set(paths)) == [], "add the new routes to project_paths() with real arguments"
    assert sorted(set(paths) - set(routes())) == [], "these routes are gone: remove them from project_paths()"


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_demo_role_without_a_server_error(paths, role):
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(username=role))
    answers, failures = {}, []
    asked = [
        path
        for route, route_paths in paths.items()
        if role in ASKED_BY_TWO_ROLES.get(route, {role})
        for path in route_paths
    ]
    for path in asked:
        response = client.get(path)
        answers[path] = response.status_code
        if response.status_code not in ALLOWED:
            error = getattr(response, "exc_info", None)
            failures.append(f"{response.status_code} {path}" + (f": {error[1]!r}" if error else ""))
    assert failures == [], f"{role}:\n" + "\n".join(failures)
    # The role really was logged in (or not): the dashboards need a login.
    assert answers["/"] == (302 if role == "anonymous" else 200)
