"""Importing a province's yearly figures from the Excel template: read, preview, apply.

1. ``read_template`` refuses anything that is not this system's template for this unit and year,
   before openpyxl parses it where it can: the size, the zip signature, the expanded size and
   compression ratio of every part, then the template version, unit, year and columns.
   Formulas are seen as formulas (``data_only=False``) and refused in the entry cells.
2. ``build_preview`` checks every row with the data-entry form's own rules
   (``FigureForm``, which calls ``validation.check_figure``) against what is stored now, and
   sorts the rows into new, changed, unchanged and rejected, each with its reason.
3. ``apply_import`` does it again under a row lock and, if the outcome is still what the person
   saw, saves every accepted row through ``workflow.save_values`` in one transaction, with the
   row version from the template, so a figure changed since the template was downloaded is a
   conflict, never an overwrite.

Between preview and confirmation the rows read from the file (plain strings, nothing parsed
twice) wait in the session under a random token (``remember`` / ``recall``).
"""

import datetime
import io
import os
import secrets
import time
import zipfile
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from indicators import workflow
from indicators.models import Measurement
from indicators.numbers import format_vn, typed_text
from provinces import access
from provinces.models import Province
from reporting.excel import YEAR, Column

from .forms import FigureForm
from .sheets import load_sheet
from .template import EDITABLE_KEYS, NUMBER_KEYS, TEMPLATE_COLUMNS, TEMPLATE_KEYS, TEMPLATE_META_SHEET, TEMPLATE_VERSION

ZIP_SIGNATURE = b"PK\x03\x04"
MAX_MEMBERS = 200  # a template has about a dozen parts
MAX_RATIO = 100  # spreadsheet XML compresses 5–20×; a run of zeros compresses 1000×
RATIO_CHECK_FROM = 256 * 1024  # tiny parts may compress oddly; only large ones can hurt
MAX_ROWS = 200  # a template has one row per indicator
MAX_SCAN_ROWS = 2000  # blank rows included
# Longer than any entry field allows (the form still says "too long"), short enough for the session.
MAX_CELL_CHARS = 2100
SESSION_KEY = "excel_imports"
KEEP_PENDING = 3
PENDING_SECONDS = 3600

NEW, CHANGED, UNCHANGED, REJECTED = "new", "changed", "unchanged", "rejected"


class ImportRejected(Exception):
    """The whole file is refused; ``message`` says why, in the interface language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class StalePreview(Exception):
    """What would be imported is no longer what the person confirmed; ``preview`` is the fresh one."""

    def __init__(self, preview):
        super().__init__("stale preview")
        self.preview = preview


# --- reading the file -----------------------------------------------------------------------------


@dataclass
class RawRow:
    """One row as read from the file: the entry cells as text, the problems found while reading."""

    line: int
    code: str
    cells: dict
    version: int | None
    problems: list = field(default_factory=list)


@dataclass
class Upload:
    filename: str
    rows: list

    def to_session(self):
        return {"filename": self.filename, "rows": [asdict(row) for row in self.rows]}

    @classmethod
    def from_session(cls, data):
        return cls(data["filename"], [RawRow(**row) for row in data["rows"]])


def safe_filename(name):
    name = os.path.basename(force_str(name or "")).strip() or "tep.xlsx"
    return name[:100]


def read_template(uploaded, province, year):
    """Read ``uploaded`` (a Django UploadedFile) as the template of ``province`` for ``year``.

    Returns an Upload; raises ImportRejected with a message for a file that is refused as a whole.
    """
    filename = safe_filename(uploaded.name)
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    if uploaded.size is not None and uploaded.size > limit:
        raise ImportRejected(
            _("Tệp “%(name)s” quá lớn (%(size)s); chỉ nhận tệp tới %(limit)s.")
            % {"name": filename, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)}
        )
    content = uploaded.read(limit + 1)
    if len(content) > limit:
        raise ImportRejected(
            _("Tệp “%(name)s” quá lớn; chỉ nhận tệp tới %(limit)s.")
            % {"name": filename, "limit": filesizeformat(limit)}
        )
    check_archive(content, filename)
    corrupt = _("Tệp “%(name)s” bị hỏng hoặc không đọc được như một tệp Excel .xlsx.") % {"name": filename}
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds of error on a broken file; each means "unreadable"
        raise ImportRejected(corrupt) from error
    try:
        rows = _read_workbook(workbook, province, year, filename)
    except ImportRejected:
        raise
    except Exception as error:  # a broken part surfaces only once read_only mode reaches it
        raise ImportRejected(corrupt) from error
    finally:
        workbook.close()
    return Upload(filename, rows)


# The part that holds a workbook's VBA macros (xl/vbaProject.bin in an .xlsm; any folder, any case).
MACRO_PART = "vbaproject.bin"


def check_archive(content, filename):
    """Refuse what is not an .xlsx zip, or a zip that would expand too far, before anything unpacks it."""
    not_xlsx = _(
        "Tệp “%(name)s” không phải là tệp Excel .xlsx (có thể là tệp .xls cũ, .csv hoặc tệp đặt mật khẩu). "
        "Hãy dùng mẫu tải từ hệ thống và lưu dưới dạng .xlsx."
    ) % {"name": filename}
    if not content.startswith(ZIP_SIGNATURE):
        raise ImportRejected(not_xlsx)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ImportRejected(
            _("Tệp “%(name)s” bị hỏng hoặc không đầy đủ (có thể tải lên bị ngắt giữa chừng).") % {"name": filename}
        ) from error
    too_big = _("Tệp “%(name)s” khi giải nén lớn bất thường nên không được đọc. Hãy dùng mẫu tải từ hệ thống.") % {
        "name": filename
    }
    if len(members) > MAX_MEMBERS:
        raise ImportRejected(too_big)
    if sum(member.file_size for member in members) > settings.IMPORT_MAX_UNZIPPED_BYTES:
        raise ImportRejected(too_big)
    for member in members:
        if member.file_size > RATIO_CHECK_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise ImportRejected(too_big)
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ImportRejected(not_xlsx)
    if any(name.lower().endswith(MACRO_PART) for name in names):
        raise ImportRejected(
            _(
                "Tệp “%(name)s” có chứa macro (tệp .xlsm) nên không được nhận. "
                "Hãy lưu lại dưới dạng “Excel Workbook (.xlsx)” rồi tải lên."
            )
            % {"name": filename}
        )


def _not_template():
    return ImportRejected(
        _(
            "Tệp này không phải mẫu nhập số liệu của hệ thống. Hãy tải “Mẫu Excel” từ trang nhập số liệu, "
            "điền vào đó rồi tải lên."
        )
    )


def _read_meta(workbook):
    if TEMPLATE_META_SHEET not in workbook.sheetnames:
        raise _not_template()
    meta = {}
    for row in workbook[TEMPLATE_META_SHEET].iter_rows(max_row=50, max_col=2, values_only=True):
        if row and row[0] is not None:
            meta[str(row[0])] = "" if len(row) < 2 or row[1] is None else str(row[1])
    return meta


def _check_meta(meta, province, year):
    version = meta.get("template_version")
    if not version:
        raise _not_template()
    if version != TEMPLATE_VERSION:
        raise ImportRejected(
            _(
                "Tệp được tạo từ mẫu phiên bản cũ (“%(old)s”), không còn dùng được. "
                "Hãy tải mẫu mới rồi chép số liệu sang."
            )
            % {"old": version[:40]}
        )
    try:
        code = meta["province_code"]
        valid_from = datetime.date.fromisoformat(meta["province_valid_from"])
        file_year = int(meta["year"])
        header_row = int(meta["header_row"])
        data_sheet = meta["data_sheet"]
    except (KeyError, ValueError) as error:
        raise _not_template() from error
    if (code, valid_from) != (province.code, province.valid_from) or file_year != year:
        other = Province.objects.filter(code=code, valid_from=valid_from).first()
        raise ImportRejected(
            _(
                "Tệp này là mẫu của %(file_unit)s năm %(file_year)s, không phải của %(unit)s năm %(year)s. "
                "Không có gì được nhập."
            )
            % {
                "file_unit": other.name if other else _("đơn vị mã %(code)s") % {"code": code},
                "file_year": file_year,
                "unit": province.name,
                "year": year,
            }
        )
    return header_row, data_sheet


def expected_headers():
    """The template's header row in every interface language (a file made in English still imports)."""
    result = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            result[code] = [force_str(c.header) for c in TEMPLATE_COLUMNS]
    return result


def _check_headers(found):
    found = [("" if value is None else str(value).strip()) for value in found]
    while found and not found[-1]:
        found.pop()
    candidates = expected_headers()
    if found in candidates.values():
        return
    # Explain against the language the file matches best.
    expected = max(candidates.values(), key=lambda headers: len(set(headers) & set(found)))
    missing = [h for h in expected if h not in found]
    extra = [h or _("(cột không tên)") for h in found if h not in expected]
    parts = []
    if missing:
        parts.append(_("thiếu cột %(columns)s") % {"columns": ", ".join(f"“{h}”" for h in missing)})
    if extra:
        parts.append(_("có cột lạ %(columns)s") % {"columns": ", ".join(f"“{h[:40]}”" for h in extra)})
    if not parts:
        parts.append(_("các cột không đúng thứ tự của mẫu"))
    raise ImportRejected(
        _("Các cột của tệp không khớp với mẫu: %(problems)s. Hãy dùng mẫu tải từ hệ thống, không thêm hay xóa cột.")
        % {"problems": "; ".join(parts)}
    )


def number_text(value):
    """A number cell as the entry form would receive it typed, so that both read it by one rule."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return typed_text(value)
    return "" if value is None else str(value)


def _read_workbook(workbook, province, year, filename):
    meta = _read_meta(workbook)
    header_row, data_sheet = _check_meta(meta, province, year)
    if data_sheet not in workbook.sheetnames:
        raise _not_template()
    ws = workbook[data_sheet]
    columns = {key: index for index, key in enumerate(TEMPLATE_KEYS)}
    headers = {c.key: force_str(c.header) for c in TEMPLATE_COLUMNS}
    rows = []
    too_many = ImportRejected(_("Tệp có quá nhiều dòng (hơn %(n)s dòng số liệu).") % {"n": MAX_ROWS})
    # Bounds on every read: a sheet's declared size cannot make openpyxl pad millions of cells.
    last_row = header_row + MAX_SCAN_ROWS
    if ws.max_row and ws.max_row > last_row:
        raise too_many
    header = next(ws.iter_rows(min_row=header_row, max_row=header_row, max_col=len(TEMPLATE_KEYS) + 20), None)
    if header is None:
        raise _not_template()
    _check_headers([cell.value for cell in header])
    iterator = ws.iter_rows(min_row=header_row + 1, max_row=last_row, max_col=len(TEMPLATE_KEYS))
    for offset, cells in enumerate(iterator, 1):
        if len(rows) > MAX_ROWS:
            raise too_many
        line = header_row + offset
        cells = list(cells) + [None] * (len(TEMPLATE_KEYS) - len(cells))

        def cell_at(key, cells=cells):
            return cells[columns[key]]

        raw = {}
        problems = []
        for key in EDITABLE_KEYS:
            cell = cell_at(key)
            value = getattr(cell, "value", None)
            is_formula = getattr(cell, "data_type", None) == "f"
            if key in NUMBER_KEYS and isinstance(value, str) and value.lstrip().startswith("="):
                is_formula = True
            if is_formula:
                problems.append(
                    _("Ô %(cell)s (%(column)s) chứa công thức “%(formula)s”: hãy nhập số liệu, không nhập công thức.")
                    % {
                        "cell": f"{get_column_letter(columns[key] + 1)}{line}",
                        "column": headers[key],
                        "formula": str(value)[:40],
                    }
                )
                raw[key] = ""
                continue
            text = number_text(value) if key in NUMBER_KEYS else ("" if value is None else str(value))
            raw[key] = text[:MAX_CELL_CHARS]
        code_value = getattr(cell_at("code"), "value", None)
        code = "" if code_value is None else str(code_value).strip()[:100]
        version_value = getattr(cell_at("version"), "value", None)
        version = version_value if isinstance(version_value, int) and not isinstance(version_value, bool) else None
        if not code and not any(str(v).strip() for v in raw.values()):
            continue
        rows.append(RawRow(line, code, raw, version, problems))
    return rows


# --- the preview ----------------------------------------------------------------------------------


@dataclass
class PreviewRow:
    raw: RawRow
    indicator: object = None
    current: Measurement | None = None
    outcome: str = REJECTED
    reasons: list = field(default_factory=list)
    values: dict | None = None
    needs_confirmation: bool = False

    @property
    def code(self):
        return self.raw.code

    @property
    def line(self):
        return self.raw.line

    @property
    def name(self):
        return self.indicator.name if self.indicator else ""

    @property
    def current_text(self):
        return figure_text(self.indicator, self.current)

    @property
    def new_text(self):
        if self.values is not None:
            return figure_text(self.indicator, self.values)
        cells = self.raw.cells
        if cells.get("numerator") or cells.get("denominator"):
            return f"{cells.get('numerator', '')} / {cells.get('denominator', '')}"
        return cells.get("value", "")

    @property
    def new_source(self):
        return self.values["source"] if self.values else self.raw.cells.get("source", "")

    @property
    def new_note(self):
        return self.values["note"] if self.values else self.raw.cells.get("note", "")

    @property
    def reason_text(self):
        return " ".join(self.reasons)


def figure_text(indicator, figure):
    """'89,5' or '358 / 400 = 89,5' for a Measurement or a dict of values."""
    if figure is None:
        return ""
    get = figure.get if isinstance(figure, dict) else (lambda name: getattr(figure, name))
    value, numerator, denominator = get("value"), get("numerator"), get("denominator")
    if numerator is not None and denominator is not None:
        return f"{format_vn(numerator)} / {format_vn(denominator)} = {format_vn(value)}"
    return format_vn(value)


PREVIEW_COLUMNS = [
    Column(gettext_lazy("Dòng"), 6, lambda r: r.line, YEAR),
    Column(gettext_lazy("Mã chỉ số"), 20, lambda r: r.code),
    Column(gettext_lazy("Chỉ số"), 40, lambda r: r.name),
    Column(gettext_lazy("Đang lưu"), 14, lambda r: r.current_text),
    Column(gettext_lazy("Trong tệp"), 14, lambda r: r.new_text),
    Column(gettext_lazy("Nguồn"), 24, lambda r: r.new_source),
    Column(gettext_lazy("Ghi chú"), 24, lambda r: r.new_note),
    Column(gettext_lazy("Lý do"), 40, lambda r: r.reason_text),
]


@dataclass
class Preview:
    province: Province
    year: int
    filename: str
    rows: list

    def _with(self, outcome):
        return [row for row in self.rows if row.outcome == outcome]

    @property
    def new(self):
        return self._with(NEW)

    @property
    def changed(self):
        return self._with(CHANGED)

    @property
    def unchanged(self):
        return self._with(UNCHANGED)

    @property
    def rejected(self):
        return self._with(REJECTED)

    @property
    def accepted(self):
        return [row for row in self.rows if row.outcome in (NEW, CHANGED)]

    @property
    def confirmable(self):
        return [row for row in self.rows if row.needs_confirmation]

    def sections(self):
        """[(outcome, title, rows, cells)] in the order the page lists them, problems first."""
        titles = {
            REJECTED: _("Bị từ chối"),
            NEW: _("Số liệu mới"),
            CHANGED: _("Thay đổi"),
            UNCHANGED: _("Không đổi"),
        }
        result = []
        for outcome in (REJECTED, NEW, CHANGED, UNCHANGED):
            rows = self._with(outcome)
            result.append(
                (outcome, titles[outcome], [(row, [c.display(row) for c in PREVIEW_COLUMNS]) for row in rows])
            )
        return result


def _form_data(indicator, raw, confirmed):
    prefix = "f"
    data = {f"{prefix}-version": str(raw.version or 0)}
    for key in EDITABLE_KEYS:
        text = raw.cells.get(key, "")
        if key == "value" and indicator.is_ratio:
            text = ""  # computed from numerator and denominator, as on the entry page
        data[f"{prefix}-{key}"] = text
    if raw.code in confirmed:
        data[f"{prefix}-confirm_jump"] = "on"
    return prefix, data


def _check_row(row, sheet_row, confirmed):
    """Fill in ``row``'s outcome, reasons and values from the entry form's rules and the stored figure."""
    indicator = sheet_row.indicator
    current = sheet_row.measurement
    row.indicator, row.current = indicator, current
    prefix, data = _form_data(indicator, row.raw, confirmed)
    form = FigureForm(data, prefix=prefix, indicator=indicator, previous=sheet_row.previous_value, editable=True)
    form.is_valid()
    warnings = set(form.checked.warnings.values()) if form.checked else set()
    errors = []
    for name, messages in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        errors.extend(f"{label}: {m}" if label else m for m in messages if m not in warnings)
    if errors:
        row.reasons = errors
        return
    # form.has_input reads cleaned_data, which loses the value a warning was attached to.
    has_input = any(data[f"{prefix}-{key}"].strip() for key in NUMBER_KEYS)
    if not has_input:
        if current is not None:
            row.outcome = UNCHANGED
            row.reasons = [_("Ô số liệu để trống: giữ nguyên số liệu đang lưu.")]
        elif data[f"{prefix}-source"].strip() or data[f"{prefix}-note"].strip():
            row.reasons = [_("Có nguồn hoặc ghi chú nhưng chưa có số liệu.")]
        else:
            row.outcome = None  # a blank row: nothing to list
        return
    row.values = form.values()
    if current is not None and all(getattr(current, name) == value for name, value in row.values.items()):
        row.outcome = UNCHANGED
        return
    if not workflow.is_editable(current):
        row.reasons = [
            _("Số liệu đang ở trạng thái “%(status)s” nên không sửa được bằng tệp nhập.")
            % {"status": current.get_status_display()}
        ]
        return
    stored_version = current.version if current is not None else 0
    if row.raw.version is None:
        row.reasons = [_("Thiếu số phiên bản của dòng này; hãy dùng mẫu tải từ hệ thống.")]
        return
    if row.raw.version != stored_version:
        row.reasons = [
            _(
                "Số liệu này đã được thay đổi sau khi tải mẫu (phiên bản trong tệp %(file)s, hiện tại %(now)s). "
                "Tải mẫu mới, hoặc sửa trên trang nhập số liệu."
            )
            % {"file": row.raw.version, "now": stored_version}
        ]
        return
    if warnings:
        row.needs_confirmation = True
        row.reasons = sorted(warnings)
        return
    row.outcome = NEW if current is None else CHANGED


def build_preview(user, province, year, upload, confirmed=frozenset(), lock=False):
    """Sort the rows of ``upload`` into new, changed, unchanged and rejected, with a reason for each."""
    sheet = load_sheet(user, province, year, lock=lock)
    by_code = {row.indicator.code: row for row in sheet.rows}
    counts = {}
    for raw in upload.rows:
        counts[raw.code] = counts.get(raw.code, 0) + 1
    rows = []
    for raw in upload.rows:
        row = PreviewRow(raw)
        sheet_row = by_code.get(raw.code)
        if sheet_row is not None:
            row.indicator = sheet_row.indicator
            row.current = sheet_row.measurement
        if raw.problems:
            row.reasons = list(raw.problems)
        elif not raw.code:
            row.reasons = [_("Thiếu mã chỉ số.")]
        elif sheet_row is None:
            row.reasons = [_("Không có chỉ số mã “%(code)s” trong hệ thống.") % {"code": raw.code[:40]}]
        elif counts[raw.code] > 1:
            row.reasons = [_("Chỉ số này xuất hiện %(n)s lần trong tệp; chỉ giữ một dòng.") % {"n": counts[raw.code]}]
        else:
            _check_row(row, sheet_row, confirmed)
        if row.outcome is not None:
            rows.append(row)
    return Preview(province, year, upload.filename, rows)


def import_reason(filename):
    """The history reason, in Vietnamese whatever the interface language (as every workflow reason)."""
    return workflow.recorded("Nhập từ tệp Excel %(filename)s", filename=filename)


def apply_import(user, province, year, upload, expected, confirmed=frozenset(), reason=None):
    """Save the accepted rows in one transaction; returns the number saved.

    ``reason`` is the history's (default: the file's name, ``import_reason``); the write API names its token.

    ``expected`` is the set of indicator codes the person saw as accepted (plus those whose jump
    they confirmed). If checking again under lock accepts a different set, nothing is saved and
    StalePreview carries the fresh preview. Conflict, WorkflowError and PermissionDenied from the
    workflow also leave nothing saved.
    """
    access.require(user, "enter", province)
    try:
        with transaction.atomic():
            preview = build_preview(user, province, year, upload, confirmed, lock=True)
            accepted = preview.accepted
            if {row.code for row in accepted} != set(expected):
                raise StalePreview(preview)
            reason = reason or import_reason(upload.filename)
            saved = 0
            for row in accepted:
                figure = row.current or Measurement.objects.new(
                    indicator=row.indicator, province=province, year=year, version=0
                )
                if workflow.save_values(user, figure, row.values, expected_version=row.raw.version, reason=reason):
                    saved += 1
    except IntegrityError as error:
        # Someone saved a figure this import read as missing, between the read and the insert: nothing
        # was kept; the person sees the fresh preview, with their figure.
        raise StalePreview(build_preview(user, province, year, upload, confirmed)) from error
    return saved


# --- waiting between preview and confirmation -------------------------------------------------------


def remember(session, user, province, year, upload):
    """Keep ``upload`` in the session under a new random token; the oldest pending ones are dropped."""
    pending = {
        token: item
        for token, item in session.get(SESSION_KEY, {}).items()
        if time.time() - item.get("created", 0) < PENDING_SECONDS
    }
    token = secrets.token_urlsafe(16)
    pending[token] = {
        "user": user.pk,
        "province": province.pk,
        "year": year,
        "created": time.time(),
        "upload": upload.to_session(),
    }
    newest = sorted(pending.items(), key=lambda item: item[1]["created"])[-KEEP_PENDING:]
    session[SESSION_KEY] = dict(newest)
    return token


def recall(session, token, user, province, year):
    """The upload kept under ``token`` for this user, unit and year, or None."""
    item = session.get(SESSION_KEY, {}).get(token or "")
    if not item or (item["user"], item["province"], item["year"]) != (user.pk, province.pk, year):
        return None
    if time.time() - item.get("created", 0) >= PENDING_SECONDS:
        return None
    return Upload.from_session(item["upload"])


def forget(session, token):
    pending = dict(session.get(SESSION_KEY, {}))
    pending.pop(token, None)
    session[SESSION_KEY] = pending
