"""``?format=csv``: every list as CSV, its fields' Vietnamese labels as headers, with a UTF-8 BOM for Excel."""

import csv
import io

from django.utils import translation
from rest_framework.renderers import BaseRenderer


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (list, tuple)):
        return "; ".join(csv_cell(item) for item in value)
    return str(value)


def csv_headers(serializer):
    """[(field name, Vietnamese label)] of a serializer's fields, in order."""
    with translation.override("vi"):
        return [(name, str(field.label or name)) for name, field in serializer.fields.items()]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        response = (renderer_context or {}).get("response")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if response is not None and response.status_code >= 400 or not hasattr(view, "csv_serializer"):
            # an error or an endpoint that is not a list: its message as one column
            writer.writerow(["detail"])
            writer.writerow([csv_cell(data.get("detail", data) if isinstance(data, dict) else data)])
        else:
            headers = csv_headers(view.csv_serializer())
            writer.writerow([label for _name, label in headers])
            rows = data["results"] if isinstance(data, dict) and "results" in data else data
            for row in rows:
                writer.writerow([csv_cell(row.get(name)) for name, _label in headers])
        return ("\ufeff" + out.getvalue()).encode("utf-8")
