"""The periodic report as data: ``reporting.report``'s Report (what the workbook and the Word document hold) as JSON.

Nothing is recomputed: every value is read off the Report that ``build_report`` makes for the
workbook, so the three can never differ.
"""

from indicators import targets
from reporting import report as periodic

NATIONAL = periodic.NATIONAL


class Unavailable(Exception):
    """No such report (a year the unit did not report, a plan period without a target)."""


def _status(entry, indicator):
    value, text, key, target = entry
    comparison = targets.comparison(target, indicator) if target is not None else None
    return {"target": value, "comparison": comparison, "status": key, "status_text": text}


def _summary(row, periods):
    return {
        "number": row.number,
        "tasks": row.tasks,
        "indicator": row.code,
        "name": row.indicator.name,
        "unit": row.indicator.display_unit,
        "baseline": row.baseline,
        "baseline_year": row.baseline_year,
        "latest": row.latest,
        "latest_year": row.latest_year,
        "periods": {str(period): _status(row.targets[period], row.indicator) for period in periods},
        "source": row.source,
        "is_demo": row.is_demo,
    }


def _directive(sheet):
    directive = sheet.directive
    return {
        "directive": directive.slug,
        "number": directive.number,
        "title": periodic.directive_name(directive),
        "tasks": [
            {
                "number": line.number,
                "title": line.title,
                "text": line.text,
                "indicators": line.indicators,
                "progress": line.progress,
                "narrative": line.narrative,
                "is_demo": line.is_demo,
            }
            for line in sheet.tasks
        ],
        "targets": [
            {
                "indicator": line.indicator.code,
                "target": line.target.value,
                "deadline": line.deadline,
                "latest": line.latest,
                "latest_year": line.latest_year,
                "status": line.status_key,
                "status_text": line.status,
                "is_demo": line.is_demo,
            }
            for line in sheet.targets
        ],
    }


def _matrix_row(row):
    return {
        "indicator": row.code or None,
        "label": row.label,
        "counts": row.counts,
        "values": {str(year): value for year, value in row.values.items()},
        "sources": row.sources,
        "is_demo": row.is_demo,
    }


def _place(line, indicators):
    return {
        "name": line.name,
        "region": str(line.region),
        "is_total": line.is_total,
        "is_demo": line.is_demo,
        "cells": {
            indicator.code: {
                "value": cell.value,
                "year": cell.year,
                "status": cell.key,
                "status_text": cell.label,
                "reporting": cell.coverage,
                "provisional": cell.provisional,
            }
            for indicator in indicators
            if (cell := line.cells.get(indicator.pk)) is not None
        },
    }


def report_data(user, slug, year, asked=""):
    """The report of ``slug`` (or ``NATIONAL``) for ``year``: PermissionDenied, Http404 or Unavailable if none."""
    province, window, problem = periodic.report_request(user, slug, year, asked)
    if problem:
        raise Unavailable(problem)
    report = periodic.build_report(user, province, year, window)
    agency = report.agency
    return {
        "unit": report.slug,
        "unit_name": str(report.unit_name),
        "year": report.year,
        "title": str(report.title),
        "period": str(report.window),
        "periods": [str(period) for period in report.periods],
        "year_note": str(report.year_note),
        "agency": {
            "governing_body": agency.governing_body,
            "name": agency.name,
            "full_name": agency.full_name,
            "number": str(agency.number_line),
            "place_date": str(agency.place_date_line),
            "recipients": agency.recipients,
            "signer_title": agency.signer_title,
            "signer_name": agency.signer_name,
            "distribution": agency.distribution,
        },
        "counts": {tally.key: tally.count for tally in report.counts},
        "pending": report.pending,
        "has_demo": report.has_demo,
        "summary": [_summary(row, report.periods) for row in report.summary],
        "directives": [_directive(sheet) for sheet in report.directive_sheets],
        "years": report.years,
        "matrix": [_matrix_row(row) for row in report.matrix],
        "places": [_place(line, report.indicators) for line in report.places],
        "regions": [
            {"region": str(sheet.region.label), "places": [_place(line, report.indicators) for line in sheet.lines]}
            for sheet in report.regions
        ],
    }
