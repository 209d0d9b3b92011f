"""Chart data handed to the page through ``json_script``: built from the board's rows, never recomputed."""

from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from indicators.progress import COUNT_KEYS, status_key
from indicators.targets import national_targets_apply


def _num(value):
    return float(value) if value is not None else None


def _target_points(assessments):
    points = []
    for a in assessments:
        if a.target is None:
            continue
        progress = a.progress
        baseline, value = progress.baseline, a.target.value
        # the straight path to the target is drawn only where the baseline was short of it
        short = baseline is not None and (baseline < value if a.higher_is_better else baseline > value)
        points.append(
            {
                "window": str(a.window),
                "year": a.target.deadline_year,
                "value": _num(value),
                "baselineYear": progress.baseline_year,
                "baseline": _num(baseline),
                "path": short,
                "demo": a.target.is_demo,
            }
        )
    return points


def axis_title(indicator):
    """What an axis measures: the indicator's name in the reader's language and its unit.

    The browser splits it into lines to fit (charts-common.js ``axisTitle``), as long English names need.
    """
    unit = str(indicator.figure_unit)
    return f"{indicator.name} ({unit})" if unit else str(indicator.name)


def _chart_text():
    return {"target": str(_("Chỉ tiêu")), "demo": str(_("minh họa"))}


def _line(label, series, years, only_usable=False):
    values = []
    for year in years:
        figure = series.get(year)
        ok = figure is not None and figure.value is not None and (figure.usable or not only_usable)
        values.append(_num(figure.value) if ok else None)
    return {"label": label, "values": values}


def series_chart(row, years):
    """One place's line with its targets and the straight path from baseline to each target."""
    return {
        "years": years,
        "lines": [_line(row.place.label if row.place else str(_("Cả nước")), row.series, years)],
        "targets": _target_points(row.assessments),
        "unit": row.indicator.unit,
        "text": _chart_text(),
    }


def comparison_chart(rows, years, national=None):
    """Several places' lines (and the national one); targets drawn when they are the same for all."""
    lines = [_line(r.place.label, r.series, years) for r in rows]
    if national is not None:
        # a national count is the sum of every unit: on the provinces' axis it would flatten them
        own_axis = bool(rows) and national.indicator.unit == Indicator.Unit.COUNT
        lines.append(
            {
                **_line(str(_("Cả nước")), national.series, years, only_usable=True),
                "national": True,
                "secondAxis": own_axis,
            }
        )
    if len(rows) == 1:
        targets = _target_points(rows[0].assessments)
    elif national is not None and national_targets_apply(national.indicator):
        targets = _target_points(national.assessments)
    else:
        targets = []
    indicator = rows[0].indicator if rows else (national.indicator if national else None)
    text = {**_chart_text(), "national": str(_("Cả nước (trục phải)"))}
    return {
        "years": years,
        "lines": lines,
        "targets": targets,
        "unit": indicator.unit if indicator else "",
        "axisTitle": axis_title(indicator) if indicator else "",
        "text": text,
    }


def year_table(rows, years):
    """[(year, [the Figure of each row, or None])]: the table beside a line chart."""
    return [(year, [row.series.get(year) for row in rows]) for year in years]


def ranking_chart(ranked, window, common_target, year):
    return {
        "labels": [r.place.label for r in ranked],
        "values": [_num(r.current.value) for r in ranked],
        "demo": [r.current.is_demo for r in ranked],
        "statuses": [status_key(r.assessment(window).progress) for r in ranked],
        "statusLabels": [str(r.assessment(window).progress.label) for r in ranked],
        "targets": [_num(r.assessment(window).target.value) if r.assessment(window).target else None for r in ranked],
        "commonTarget": _num(common_target.value) if common_target else None,
        "window": str(window),
        "unit": ranked[0].indicator.unit if ranked else "",
        "axisTitle": axis_title(ranked[0].indicator) if ranked else "",
        "text": {**_chart_text(), "value": str(_("Giá trị năm %(year)s") % {"year": year})},
    }


def status_chart(summaries_, window):
    return {
        "labels": [s.indicator.name for s in summaries_],
        "statuses": [
            {"key": key, "label": str(label), "counts": [s.count_of(key) for s in summaries_]}
            for key, label in COUNT_KEYS
        ],
        "window": str(window),
        "axis": str(_("Số tỉnh, thành phố")),
    }


# Statuses whose pace means something to a reader (a negative pace only restates "deteriorating").
