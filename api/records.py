"""The API's records of the domain's objects: an Assessment as the pages show it, a figure as the sheet holds it.

Nothing is computed here: each value is read from ``indicators.board``'s Row and Assessment (the
stored assessments, as every page reads them) or from the Measurement itself.
"""


def assessment(row):
    """The record of ``row`` (a board.Row) against its window: the status and every number behind it."""
    chosen = row.chosen
    progress = chosen.progress
    figure = chosen.figure
    target = chosen.target
    newer = chosen.newer
    return {
        "indicator": row.indicator.code,
        "unit": row.place.slug if row.place is not None else "",
        "as_of": row.as_of,
        "period": str(chosen.window),
        "status": chosen.key,
        "status_label": str(progress.label),
        "reason": progress.reason,
        "value": figure.value if figure else None,
        "year": figure.year if figure else None,
        "target": target.value if target else None,
        "target_year": target.deadline_year if target else None,
        "target_id": target.pk if target else None,
        "baseline": progress.baseline,
        "baseline_year": progress.baseline_year,
        "distance": progress.distance,
        "elapsed": progress.elapsed,
        "pace": progress.pace,
        "gap": chosen.gap,
        "newer_value": newer.value if newer else None,
        "newer_year": newer.year if newer else None,
        "is_demo": row.is_demo,
    }


def figure(indicator, measurement):
    """The record of one figure of a unit's year (``measurement`` None: none entered yet)."""
    if measurement is None:
        return {
            "indicator": indicator.code, "version": 0, "status": None, "value": None, "numerator": None,
            "denominator": None, "source": "", "note": "", "return_reason": "", "is_demo": False,
        }  # fmt: skip
    return {
        "indicator": indicator.code,
        "version": measurement.version,
        "status": measurement.status,
        "value": measurement.value,
        "numerator": measurement.numerator,
        "denominator": measurement.denominator,
        "source": measurement.source,
        "note": measurement.note,
        "return_reason": measurement.return_reason,
        "is_demo": measurement.is_demo,
    }
