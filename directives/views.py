from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from indicators.views import dashboards
from indicators.views import excel as excel_views
from provinces.access import dashboard_view

from .models import Directive, Task


def _with_tasks(queryset):
    tasks = Task.objects.order_by("position")
    return queryset.select_related("province", "parent").prefetch_related(Prefetch("tasks", queryset=tasks))


@dashboard_view
def directive_list(request):
    directives = _with_tasks(Directive.objects.all())
    return render(request, "directives/directive_list.html", {"directives": directives})


@dashboard_view
def directive_detail(request, slug):
    """The directive's numbered tasks, the indicators under each and their status for one province."""
    directive = get_object_or_404(dashboards.directives_with_tasks(Directive.objects.all()), slug=slug)
    context = dashboards.directive_status(request, directive)
    context["directive"] = directive
    if excel_views.wants_xlsx(request):
        return excel_views.directive_export(request, context)
    return render(request, "directives/directive_detail.html", context)
