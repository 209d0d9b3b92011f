"""Read-only dashboards: where the provinces stand against the targets of a plan period.

Each view parses its filters, asks ``indicators.stored`` for the rows (read from the stored
assessments with SQL: filtered, counted and limited there), builds the table of ``dashboards.tables``
once and renders it, or hands the same table to ``dashboards.exports`` for ``?format=xlsx``; the
number of queries does not depend on how many provinces, indicators or years there are, and the rows
read grow only with what the page lists.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from directives.models import Directive, Task
from indicators import board as dashboard
from indicators.models import Indicator, Measurement, TaskReport, WorkflowStatus
from indicators.progress import matches_key
from indicators.stored import StoredBoard
from provinces import access
from provinces.access import dashboard_view
from provinces.generations import Units, legacy_units_cannot_show
from provinces.models import Province

from . import charts, maps, tables
from . import exports as excel_views
from .filters import DashboardFilter
from .paging import card_page

OVERVIEW_FILTERS = ["year", "units", "target", "region", "category", "directive", "status", "province"]
PROVINCE_LIST_FILTERS = ["year", "units", "target", "region", "category", "directive", "status"]
PROVINCE_FILTERS = ["year", "target", "category", "directive", "status"]
INDICATOR_LIST_FILTERS = ["year", "units", "target", "region", "category", "directive", "status"]
INDICATOR_FILTERS = ["year", "units", "target", "region", "status", "compare"]
DIRECTIVE_FILTERS = ["province", "year", "units", "target", "status"]
CATEGORY_ORDER = {category: i for i, category in enumerate(Indicator.Category.values)}


def parse_filters(request, fields, queryset=None, defaults=None, relabel=None):
    """The page's FilterSet, validated: invalid values are dropped and listed in ``error_messages``.

    ``defaults`` fill in parameters absent from the query string (``DashboardFilter``), so the form
    shows what the page actually uses. ``relabel`` maps a field to its (label, empty label) on this page.
    """
    filters = DashboardFilter(request.GET, queryset=queryset, fields=fields, defaults=defaults, request=request)
    for name, (label, empty_label) in (relabel or {}).items():
        filters.form.fields[name].label = label
        filters.form.fields[name].empty_label = empty_label
    filters.is_valid()
    return filters


def home_slug(request, default=None):
    """A filter default: the slug of the user's unit (else ``default``'s) of the generation the page shows.

    On a page of today's units a pre-merger unit (a directive's province named before 1 July 2025)
    stands for its successor, so the page never sets a unit of one generation beside the other's units.
    """

    def slug(units):
        current = units == Units.CURRENT
        unit = default or access.home_province(request.user, current)
        if unit is not None and current and not unit.is_current:
            unit = unit.successor
        return unit.slug if unit is not None else None

    return slug


def _board(filters, indicators=None):
    """The board of every unit the filters choose (units, region), as of the year and target asked."""
    params = filters.params
    return StoredBoard(
        filters.qs if indicators is None else indicators,
        units=params.units,
        region=params.region,
        as_of=params.year,
        window=params.window,
        periods=params.periods,
    )


def _board_context(filters, board):
    """What every dashboard template needs to know about the filters and the board."""
    return {
        "filters": filters,
        "params": filters.params,
        "board": board,
        "as_of": board.as_of,
        "window": board.window,
        "periods": board.periods,
        "has_demo": board.has_demo,
    }


def _province_map(request, filters, board, indicator, rows):
    """The map of ``rows`` (issue 13 item 7): coloured as ``?map_by=`` asks, each unit linked to its page."""
    keep = urlencode(
        [(name, value) for name in ("year", "target", "category", "directive") for value in request.GET.getlist(name)]
    )
    return maps.province_map(
        rows,
        indicator=indicator,
        units=filters.params.units,
        window=board.window,
        as_of=board.as_of,
        colour=maps.colour_by(request.GET.get("map_by")),
        query=f"?{keep}" if keep else "",
    )


def _map_form_fields(request, *names):
    """The query string's other parameters, carried as hidden fields by the map's own small form."""
    return [(name, value) for name, values in request.GET.lists() if name not in names for value in values]


def scope_label(params):
    return Province.Region(params.region).label if params.region else _("Cả nước")


def _page(request, template, filters, board, **context):
    params = filters.params
    context.update(_board_context(filters, board))
    context.update(
        {
            "scope_label": scope_label(params),
            "units_label": Units(params.units).label,
            "legacy_year_out_of_range": legacy_units_cannot_show(params.units, board.as_of),
        }
    )
    return render(request, template, context)


@dashboard_view
def overview(request):
    filters = parse_filters(
        request,
        OVERVIEW_FILTERS,
        defaults={"province": home_slug(request)},
        relabel={"province": (_("Xem cùng tỉnh"), _("Không chọn"))},
    )
    params = filters.params
    board = _board(filters)
    highlight = params.province
    items = board.summaries(params.status, highlight)
    counts_table = tables.sort_table(tables.summary_counts_table(items, window=board.window), request.GET.get("sort"))
    if excel_views.wants_xlsx(request):
        return excel_views.table_export(request, filters, board, counts_table, "tong-quan")
    # the chart, the table and the cards show the same page of indicators, in the table's order
    cards = card_page(request, counts_table.rows)
    board.list_places(cards.object_list, params.status)
    mapped = maps.chosen_summary(items, request.GET.get("map"))
    # every unit's row of the mapped indicator: one read of at most 63 stored lines
    map_rows = mapped and [
        r for r in board.indicator_page(mapped.indicator)[0] if dashboard.matches_status(r, params.status, board.window)
    ]
    return _page(
        request,
        "dashboards/overview.html",
        filters,
        board,
        summaries=items,
        cards=cards,
        counts_table=counts_table.part(cards.object_list),
        highlight=highlight,
        status_chart=charts.status_chart(cards.object_list, board.window),
        mapped=mapped,
        province_map=mapped and _province_map(request, filters, board, mapped.indicator, map_rows),
        map_table=mapped
        and tables.map_values_table(
            dashboard.ranking(map_rows), indicator=mapped.indicator, as_of=board.as_of, window=board.window
        ),
        map_form_fields=_map_form_fields(request, "map", "map_by", "sort"),
    )


@dashboard_view
def province_list(request):
    filters = parse_filters(request, PROVINCE_LIST_FILTERS)
    params = filters.params
    board = _board(filters, filters.qs.provincial())  # a national-only indicator has no provincial figure
    places = board.place_counts()
    if params.status:
        places = [p for p in places if any(t.count for t in p.counts if matches_key(t.key, params.status))]
    places_table = tables.sort_table(tables.place_list_table(places), request.GET.get("sort"))
    if excel_views.wants_xlsx(request):
        return excel_views.table_export(request, filters, board, places_table, "tinh-thanh-pho")
    return _page(request, "dashboards/province_list.html", filters, board, places=places, places_table=places_table)


def directives_with_tasks(queryset):
    tasks = Task.objects.order_by("position").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("position", "code"))
    )
    return queryset.select_related("province", "parent").prefetch_related(Prefetch("tasks", queryset=tasks))


def latest_reports(province, as_of, tasks):
    """{task id: the latest approved TaskReport up to ``as_of``} for ``province`` (one query)."""
    if province is None:
        return {}
    reports = TaskReport.objects.filter(task__in=tasks, province=province, status=WorkflowStatus.APPROVED)
    if as_of is not None:
        reports = reports.filter(year__lte=as_of)
    latest = {}
    for report in reports.order_by("year"):
        latest[report.task_id] = report
    return latest


def task_blocks(directives, rows_by_indicator, reports, status, window):
    """[(directive, [(task, [rows], report)])]: each task with the rows of the indicators under it."""
    result = []
    for directive in directives:
        tasks = []
        for task in directive.tasks.all():
            rows = [rows_by_indicator[i.pk] for i in task.indicators.all() if i.pk in rows_by_indicator]
            rows = [r for r in rows if dashboard.matches_status(r, status, window)]
            tasks.append((task, rows, reports.get(task.pk)))
        result.append((directive, tasks))
    return result


@dashboard_view
def province_detail(request, slug):
    province = get_object_or_404(Province.objects.select_related("successor"), slug=slug)
    filters = parse_filters(request, PROVINCE_FILTERS)
    params = filters.params
    indicators = filters.qs.provincial()  # a national-only indicator has no provincial figure
    board = StoredBoard(indicators, only=province, as_of=params.year, window=params.window, periods=params.periods)
    rows = board.place_rows(province)
    shown = [r for r in rows if dashboard.matches_status(r, params.status, board.window)]
    indicators_table = tables.indicator_rows_table(shown, scope=province.full_label, window=board.window)
    if excel_views.wants_xlsx(request):
        return excel_views.table_export(request, filters, board, indicators_table, province.slug)

    charted = card_page(request, shown)
    board.add_series(charted.object_list)
    predecessors = list(province.predecessors.all())
    own = {province.pk} | {p.pk for p in predecessors}
    directives = directives_with_tasks(Directive.objects.applicable_to(province, board.as_of))
    if params.directive:
        directives = directives.filter(pk=params.directive.pk)
    directives = list(directives)
    tasks = [t for d in directives for t in d.tasks.all()]
    reports = latest_reports(province, board.as_of, tasks)
    blocks = task_blocks(directives, {r.indicator.pk: r for r in rows}, reports, params.status, board.window)
    return _page(
        request,
        "dashboards/province_detail.html",
        filters,
        board,
        province=province,
        predecessors=sorted(predecessors, key=lambda p: p.code),
        rows=shown,
        indicators_table=indicators_table,
        counts=dashboard.status_counts(rows, board.window),
        charted=charted,
        charts=[
            (r, charts.series_chart(r, r.years(board.as_of)), f"series-{r.indicator.code}") for r in charted.object_list
        ],
        directives=[
            (
                d,
                tables.task_parts(
                    tables.directive_tasks_table(task_rows, directive=d, place=province, window=board.window)
                ),
            )
            for d, task_rows in blocks
        ],
        has_own_directive=any(d.province_id in own for d in directives),
        report_year=board.as_of if board.as_of and province.reports_year(board.as_of) else None,
    )


@dashboard_view
def indicator_list(request):
    filters = parse_filters(request, INDICATOR_LIST_FILTERS)
    params = filters.params
    board = _board(filters)
    summaries = sorted(board.summaries(params.status), key=lambda s: CATEGORY_ORDER[s.indicator.category])
    indicators_table = tables.indicator_list_table(
        summaries, as_of=board.as_of, scope=scope_label(params), window=board.window
    )
    if excel_views.wants_xlsx(request):
        return excel_views.table_export(request, filters, board, indicators_table, "chi-so")
    return _page(
        request,
        "dashboards/indicator_list.html",
        filters,
        board,
        summaries=summaries,
        indicators_table=indicators_table,
    )


@dashboard_view
def indicator_detail(request, code):
    indicator = get_object_or_404(Indicator, code=code)
    home = home_slug(request)
    filters = parse_filters(
        request,
        INDICATOR_FILTERS,
        queryset=Indicator.objects.filter(pk=indicator.pk),
        defaults={"compare": lambda units: [slug] if (slug := home(units)) else []},
    )
    params = filters.params
    board = _board(filters, [indicator])
    window = board.window
    every, national, compared = board.indicator_page(indicator, params.compare)
    rows = [r for r in every if dashboard.matches_status(r, params.status, window)]
    ranked, unreported = dashboard.ranking(rows)
    board.add_series([*compared, national])
    published = Measurement.objects.published().filter(indicator=indicator).years()
    years = [y for y in published if board.as_of is None or y <= board.as_of]
    common_target = board.common_target(every)
    ranking = tables.sort_table(
        tables.ranking_table(ranked, unreported, indicator=indicator, as_of=board.as_of, window=window),
        request.GET.get("sort"),
    )
    series_rows = [*compared, national]
    series = tables.year_series_table(
        charts.year_table(series_rows, years),
        [row.place.label if row.place else scope_label(params) for row in series_rows],
        indicator,
    )
    if excel_views.wants_xlsx(request):
        return excel_views.indicator_detail_export(request, filters, board, indicator, ranking, series)
    return _page(
        request,
        "dashboards/indicator_detail.html",
        filters,
        board,
        indicator=indicator,
        national=national,
        ranked=ranked,
        unreported=unreported,
        counts=dashboard.status_counts(rows, window),
        compared=compared,
        years=years,
        common_target=common_target,
        ranking_chart=charts.ranking_chart(ranked, window, common_target, board.as_of),
        province_map=_province_map(request, filters, board, indicator, rows),
        map_form_fields=_map_form_fields(request, "map_by"),
        comparison_chart=charts.comparison_chart(compared, years, national),
        national_table=tables.indicator_rows_table([national], scope=scope_label(params), window=window),
        ranking_table=ranking,
        series_table=series,
    )


def directive_indicators(directive):
    """(the indicators under the directive's tasks, those of its own targets that no task carries), each by
    position: a directive without numbered tasks (749/QĐ-TTg) is measured by the targets it set."""
    tasked = {i.pk: i for t in directive.tasks.all() for i in t.indicators.all()}
    own = {
        t.indicator.pk: t.indicator
        for t in directive.targets.select_related("indicator")
        if t.indicator.pk not in tasked
    }
    return _by_position(tasked), _by_position(own)


def _by_position(indicators):
    return sorted(indicators.values(), key=lambda i: (i.position, i.code))


def directive_status(request, directive):
    """Everything the directive page shows: its tasks, the indicators under each, its own targets, their status.

    Units, year and period default as on every other page (``DashboardFilter``): today's units for the
    latest year. The place is the province filtered on, else the directive's own province (its successor
    among today's units), else the user's province of those units; with none of those, the nation.
    """
    filters = parse_filters(
        request,
        DIRECTIVE_FILTERS,
        defaults={"province": home_slug(request, directive.province)},
        relabel={"province": (_("Trạng thái của"), _("Cả nước"))},
    )
    params = filters.params
    tasks = list(directive.tasks.all())
    tasked, own = directive_indicators(directive)
    indicators = tasked + own
    place = params.province
    as_of = params.year
    if as_of is None and not indicators:  # nothing to measure: the year every other page opens on
        as_of = StoredBoard(Indicator.objects.all(), units=params.units, periods=params.periods).as_of
    common = {"as_of": as_of, "window": params.window, "periods": params.periods}
    if place is not None:
        board = StoredBoard(indicators, only=place, **common)
        rows = {r.indicator.pk: r for r in board.place_rows(place)}
    else:
        board = StoredBoard(indicators, units=params.units, **common)
        rows = board.national_rows()
    reports = latest_reports(place, board.as_of, tasks)
    blocks = task_blocks([directive], rows, reports, params.status, board.window)[0][1]
    tasks_table = tables.directive_tasks_table(blocks, directive=directive, place=place, window=board.window)
    own_rows = [rows[i.pk] for i in own if i.pk in rows]
    own_rows = [r for r in own_rows if dashboard.matches_status(r, params.status, board.window)]
    scope = place.full_label if place is not None else scope_label(params)
    own_table = tables.indicator_rows_table(own_rows, scope=scope, window=board.window) if own else None
    return {
        **_board_context(filters, board),
        "place": place,
        "is_national": place is None,
        "blocks": blocks,
        "tasks_table": tasks_table,
        "task_parts": tables.task_parts(tasks_table),
        "own_table": own_table,
        "export_table": tasks_table if tasks or own_table is None else own_table,
        "units_label": Units(params.units).label,
        "counts": indicators and dashboard.status_counts(list(rows.values()), board.window),
    }


def _with_tasks(queryset):
    tasks = Task.objects.order_by("position")
    return queryset.select_related("province", "parent").prefetch_related(Prefetch("tasks", queryset=tasks))


@dashboard_view
def directive_list(request):
    directives = _with_tasks(Directive.objects.all())
    return render(request, "dashboards/directive_list.html", {"directives": directives})


@dashboard_view
def directive_detail(request, slug):
    """The directive's numbered tasks, the indicators under each and their status for one province."""
    directive = get_object_or_404(directives_with_tasks(Directive.objects.all()), slug=slug)
    context = directive_status(request, directive)
    context["directive"] = directive
    if excel_views.wants_xlsx(request):
        return excel_views.table_export(request, context["filters"], context["board"], context["export_table"], slug)
    return render(request, "dashboards/directive_detail.html", context)
