"""Back up and restore the database with its own tools: `make backup`, `make restore FILE=…`.

PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot while the site runs) and
``pg_restore --clean --if-exists --single-transaction`` (all or nothing). SQLite: the online backup
API (a consistent copy while the site runs, also of a WAL database), and the same API back.
Every row comes back as it was: figures, their history, timestamps, users and sessions.
"""

import os
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path


def _pg_env(settings_dict):
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _pg_args(settings_dict):
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    return args


def is_postgresql(settings_dict):
    return "postgresql" in settings_dict["ENGINE"]


def backup_to(connection, path):
    """Write a backup of ``connection``'s database to ``path``."""
    settings_dict = connection.settings_dict
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if is_postgresql(settings_dict):
        subprocess.run(  # noqa: S603 - fixed program, arguments from the settings, no shell
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(path)]
            + _pg_args(settings_dict)
            + [settings_dict["NAME"]],
            env=_pg_env(settings_dict),
            check=True,
        )
    else:
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    return path


def backup(connection, directory):
    """A new backup file in ``directory``, named by engine and time; returns its path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = "pgdump" if is_postgresql(connection.settings_dict) else "sqlite3"
    return backup_to(connection, Path(directory) / f"ict-tracker-{stamp}.{suffix}")


def restore(settings_dict, path):
    """Replace the database of ``settings_dict`` by the backup at ``path`` (all or nothing)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    if is_postgresql(settings_dict):
        subprocess.run(  # noqa: S603 - fixed program, arguments from the settings, no shell
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
            + _pg_args(settings_dict)
            + ["--dbname", settings_dict["NAME"], str(path)],
            env=_pg_env(settings_dict),
            check=True,
        )
    else:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()


GENERATION_TABLE = "indicators_datageneration"


def generation_in(settings_dict, path):
    """The data generation's count held by the backup at ``path`` (0 when it has none)."""
    if is_postgresql(settings_dict):
        listing = subprocess.run(  # noqa: S603 - fixed program, arguments from the settings, no shell
            ["pg_restore", "--data-only", "--table", GENERATION_TABLE, "--file", "-", str(path)],  # noqa: S607 - pg_restore from PATH, as make restore uses it
            env=_pg_env(settings_dict),
            check=True,
            capture_output=True,
            text=True,
        ).stdout.splitlines()
        for number, line in enumerate(listing):
            if line.startswith("COPY ") and number + 1 < len(listing) and listing[number + 1] != "\\.":
                columns = line[line.index("(") + 1 : line.index(")")].split(", ")
                return int(listing[number + 1].split("\t")[columns.index("value")])
        return 0
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = source.execute(f"SELECT value FROM {GENERATION_TABLE} WHERE id = 1").fetchone()  # noqa: S608
    except sqlite3.OperationalError:  # a backup from before the table existed
        row = None
    finally:
        source.close()
    return row[0] if row else 0
