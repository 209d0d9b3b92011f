"""Opening the workbooks the views send, and finding things in them."""

import io
import zipfile

from openpyxl import load_workbook


def response_bytes(response):
    """The body of a (possibly streamed) response.

    Reading the stream to its end closes the response, as a server would; closing it again here
    would fire request_finished outside the test client's guard and drop the test's database
    connection (harmless on SQLite's in-memory database, fatal on PostgreSQL).
    """
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def workbook_of(response, **kwargs):
    assert response.status_code == 200, response.content[:500] if not response.streaming else response.status_code
    return load_workbook(io.BytesIO(response_bytes(response)), **kwargs)


def row_with(ws, text, column=None):
    """The 1-based number of the first row holding a cell equal to ``text``."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text and (column is None or cell.column == column):
                return cell.row
    raise AssertionError(f"{text!r} is not on sheet {ws.title!r}")


def records(ws, header_row):
    """The rows under ``header_row`` as dicts keyed by header, with the cells kept (for formats)."""
    headers = [cell.value for cell in ws[header_row]]
    result = []
    for row in ws.iter_rows(min_row=header_row + 1):
        if all(cell.value is None for cell in row):
            continue
        result.append({header: cell for header, cell in zip(headers, row, strict=False) if header})
    return result


def all_text(ws):
    return "\n".join(str(cell.value) for row in ws.iter_rows() for cell in row if cell.value is not None)


def has_formulas(data):
    """Whether any worksheet part of the .xlsx ``data`` holds a formula element."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            b"<f>" in archive.read(name) or b"<f " in archive.read(name)
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        )
