"""`make backup` and `make restore FILE=… [FORCE=1]`: python scripts/backup.py backup DIR | restore FILE.

The database is the one the settings name (DATABASE_URL, or the embedded SQLite). Restoring replaces
everything in it by the backup, so it refuses while a server of this machine serves that database
(``config/serving.py``; stop them first: `systemctl stop 'ict-tracker@*'`), unless FORCE=1 is set;
it says how many changes committed since the backup will be lost. After the restore the data
generation gets a new epoch (``indicators.generation.renew_epoch``): no page cached before the
restore, in Redis or anywhere, is served after it.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from config import backup, serving  # noqa: E402
from indicators import generation  # noqa: E402


def restore(path, force=False, out=print):
    """Restore the backup at ``path`` into the settings' database; returns an exit status."""
    settings_dict = connection.settings_dict
    if serving.servers_running(settings_dict) and not force:
        out(
            "refused: the site's servers are running on this database (stop them first, "
            "or FORCE=1 to restore under them)"
        )
        return 1
    now = generation.stored()
    then = backup.generation_in(settings_dict, path)
    out(f"{max(now - then, 0)} changes committed since this backup will be lost (data generation {now} → {then})")
    connection.close()
    backup.restore(settings_dict, path)
    generation.renew_epoch()
    out(f"restored {settings_dict['NAME']} from {path}")
    return 0


def main(argv):
    if len(argv) != 3 or argv[1] not in ("backup", "restore"):
        print(__doc__)
        return 2
    if argv[1] == "backup":
        path = backup.backup(connection, argv[2])
        print(f"backup written: {path} ({path.stat().st_size:,} bytes)")
        return 0
    return restore(argv[2], force=os.environ.get("FORCE") == "1")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
