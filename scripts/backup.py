"""`make backup` and `make restore FILE=…`: python scripts/backup.py backup DIR | restore FILE.

The database is the one the settings name (DATABASE_URL, or the embedded SQLite). Restoring replaces
everything in it by the backup; stop the app servers first (`systemctl stop 'ict-tracker@*'`).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from config import backup  # noqa: E402


def main(argv):
    if len(argv) != 3 or argv[1] not in ("backup", "restore"):
        print(__doc__)
        return 2
    if argv[1] == "backup":
        path = backup.backup(connection, argv[2])
        print(f"backup written: {path} ({path.stat().st_size:,} bytes)")
    else:
        connection.close()
        backup.restore(connection.settings_dict, argv[2])
        print(f"restored {connection.settings_dict['NAME']} from {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
