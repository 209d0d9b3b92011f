"""Whether the site's servers are running on a database, so that `make restore` can refuse.

Each server process (gunicorn's workers, runserver: whatever loads ``config.wsgi``) holds a shared
``flock`` on a file named after its database, ``var/run/site-<digest>.lock``, for as long as it
lives; the kernel releases it when the process ends, however it ends, so there is no stale pid to
clean up. ``servers_running`` asks for the exclusive lock without waiting: refused, a server holds
the file. It sees the servers of this machine, which is where the deployment runs its two.
"""

import fcntl
import hashlib
from pathlib import Path

from django.conf import settings

_held = []  # the open lock file of this process, kept open for its life


def lock_path(settings_dict):
    described = "|".join(str(settings_dict.get(key) or "") for key in ("ENGINE", "HOST", "PORT", "NAME"))
    digest = hashlib.sha256(described.encode()).hexdigest()[:16]
    return Path(settings.BASE_DIR) / "var" / "run" / f"site-{digest}.lock"


def announce(settings_dict):
    """Called by a server process as it starts: hold the shared lock of its database until it exits."""
    path = lock_path(settings_dict)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")  # noqa: SIM115 - kept open for the life of the process
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:  # a read-only checkout, or a restore running right now: serve anyway
        return False
    _held.append(handle)
    return True


def servers_running(settings_dict):
    """Whether any process of this machine serves the database of ``settings_dict``."""
    path = lock_path(settings_dict)
    if not path.exists():
        return False
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False
