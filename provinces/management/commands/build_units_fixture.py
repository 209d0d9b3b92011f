"""Write provinces/fixtures/units.json from the vietnamadminunits package.

The package is a build-time source only: the fixture is committed and ``load_units`` reads
it, so the site never needs the package at runtime. Rerun this after upgrading the package
and review the diff.
"""

import csv
import json
import sqlite3
from importlib import metadata, resources
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from provinces.models import Province
from provinces.regions import LEGACY_REGIONS, current_region

PACKAGE = "vietnamadminunits"
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "units.json"
# An independent old→new table kept beside the project; checked when present.
# ../shared/ sits beside the repository on developers' machines and in CI.
SHARED_REFERENCE = Path(settings.BASE_DIR).parent / "shared" / "reference" / "admin_mapping_2025.tsv"

LEGACY_PERIOD = {
    "valid_from": "2008-08-01",
    "valid_to": "2025-06-30",
    "basis": "Nghị quyết 15/2008/QH12 (Hà Tây nhập vào Hà Nội từ 01/08/2008)",
}
CURRENT_PERIOD = {
    "valid_from": "2025-07-01",
    "valid_to": None,
    "basis": "Nghị quyết 202/2025/QH15 (sắp xếp đơn vị hành chính cấp tỉnh, từ 01/07/2025)",
}

# The package gives code 46 the name it took on 1 January 2025 (Resolution 175/2024/QH15).
# The legacy generation reports years 2008–2024, all under Tỉnh Thừa Thiên Huế, the name the
# source documents and ICT Index tables use.
LEGACY_NAME_OVERRIDES = {
    "46": {
        "package": "Thành phố Huế",
        "name": "Tỉnh Thừa Thiên Huế",
        "reason": "Tên trong các năm báo cáo 2008–2024; thành phố trực thuộc TW từ 01/01/2025 "
        "theo Nghị quyết 175/2024/QH15.",
    },
}


def read_package_mapping():
    """Every legacy unit with the current unit it became: (old_code, old_name, new_code, new_name), by old code."""
    data = resources.files(PACKAGE) / "data"
    with resources.as_file(data / "dataset.db") as db_path:
        connection = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
        try:
            legacy = _units(connection, "admin_units_legacy")
            current = _units(connection, "admin_units")
        finally:
            connection.close()
    merges = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]

    if len(legacy) != 63 or len(current) != 34:
        raise CommandError(
            f"Expected 63 legacy and 34 current units, the package has {len(legacy)} and {len(current)}."
        )
    new_key_of = {}
    for new_key, old_keys in merges.items():
        if new_key not in current:
            raise CommandError(f"DICT_PROVINCE names an unknown current unit {new_key!r}.")
        for old_key in old_keys:
            if old_key in new_key_of:
                raise CommandError(f"{old_key!r} is merged into both {new_key_of[old_key]!r} and {new_key!r}.")
            new_key_of[old_key] = new_key
    if set(new_key_of) != set(legacy) or set(merges) != set(current):
        raise CommandError("DICT_PROVINCE does not cover every legacy and every current unit exactly.")

    rows = [(*legacy[old_key], *current[new_key]) for old_key, new_key in new_key_of.items()]
    return sorted(rows)


def _units(connection, table):
    """{provinceKey: (code, name)}; the tables hold one row per ward, hence DISTINCT."""
    rows = connection.execute(f"SELECT DISTINCT provinceKey, provinceCode, province FROM {table}").fetchall()  # noqa: S608 (fixed table names)
    units = {key: (code, name) for key, code, name in rows}
    codes = [code for code, _name in units.values()]
    if len(units) != len(rows) or len(set(codes)) != len(codes):
        raise CommandError(f"{table}: a province key or code has more than one name.")
    return units


def check_reference(mapping, path):
    """Fail unless the independent table at ``path`` lists exactly the package's mapping."""
    with open(path, encoding="utf-8", newline="") as f:
        reference = {
            (r["old_code"], r["old_name"], r["new_code"], r["new_name"]) for r in csv.DictReader(f, delimiter="\t")
        }
    package = set(mapping)
    if package != reference:
        only_package = sorted(package - reference)
        only_reference = sorted(reference - package)
        raise CommandError(
            f"The package mapping disagrees with {path}:\n"
            f"  only in the package: {only_package}\n  only in the reference: {only_reference}"
        )


def slug_for(name, suffix=""):
    short = name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
    # slugify drops what NFKD cannot reduce to ASCII, and đ has no decomposition.
    return slugify(short.replace("đ", "d").replace("Đ", "D") + suffix)


def kind_for(name):
    return Province.Kind.CITY if name.startswith("Thành phố") else Province.Kind.PROVINCE


def build_document(mapping):
    legacy_names = {}
    for old_code, old_name, *_new in mapping:
        override = LEGACY_NAME_OVERRIDES.get(old_code)
        if override and override["package"] != old_name:
            raise CommandError(f"Legacy {old_code} is now {old_name!r} in the package; review LEGACY_NAME_OVERRIDES.")
        legacy_names[old_code] = override["name"] if override else old_name
    current_names = {new_code: new_name for *_old, new_code, new_name in mapping}

    legacy_units = [
        {
            "code": old_code,
            "name": legacy_names[old_code],
            "slug": slug_for(legacy_names[old_code]),
            "kind": kind_for(legacy_names[old_code]),
            "region": LEGACY_REGIONS[old_code],
            "successor_code": new_code,
        }
        for old_code, _old_name, new_code, _new_name in mapping
    ]
    current_units = [
        {
            "code": code,
            "name": name,
            "slug": slug_for(name, "-2025"),
            "kind": kind_for(name),
            "region": current_region(name, code, legacy_names),
        }
        for code, name in sorted(current_names.items())
    ]
    slugs = [unit["slug"] for unit in legacy_units + current_units]
    if len(set(slugs)) != len(slugs):
        raise CommandError("Two units would share a slug.")

    return {
        "source": {
            "package": PACKAGE,
            "version": metadata.version(PACKAGE),
            "files": ["data/dataset.db", "data/converter_2025.json"],
            "tables": ["admin_units_legacy", "admin_units"],
            "mapping": "DICT_PROVINCE in data/converter_2025.json",
            "regions": "provinces/regions.py (six GSO socio-economic regions)",
            "name_overrides": LEGACY_NAME_OVERRIDES,
        },
        "generated_by": "python manage.py build_units_fixture",
        "legacy": {**LEGACY_PERIOD, "units": legacy_units},
        "current": {**CURRENT_PERIOD, "units": current_units},
    }


class Command(BaseCommand):
    help = "Regenerate provinces/fixtures/units.json from the vietnamadminunits package."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=FIXTURE, help="where to write (default: %(default)s)")
        parser.add_argument(
            "--reference",
            type=Path,
            default=SHARED_REFERENCE if SHARED_REFERENCE.exists() else None,
            help="old→new TSV (old_code, old_name, new_code, new_name) that must agree with the package",
        )

    def handle(self, *args, output, reference, **options):
        mapping = read_package_mapping()
        if reference is not None:
            if not reference.exists():
                raise CommandError(f"Reference file {reference} does not exist.")
            check_reference(mapping, reference)
        document = build_document(mapping)
        output.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(
            f"Wrote {len(document['legacy']['units'])} legacy and {len(document['current']['units'])} current units "
            f"to {output}" + (f" (checked against {reference})" if reference else "")
        )
