"""Whether a loader's sources are already in this database: the loaders' "nothing changed" check.

A second ``make run`` runs ``load_units``, ``load_documents`` and ``load_demo`` again. Each hashes
what it loads from (its fixture or documents and its own code; the demo also the other two's
fingerprints) and compares the hash with the one it stored in ``LoadedSource`` when it last loaded
them: equal, it writes nothing (no rebuild, no lock held) and says so; ``--reload`` loads again. The
hash is stored in the transaction of the load, so a load that fails stores nothing.

What the check cannot see is a row deleted by hand since the last load: ``--reload`` brings it back.
"""

import hashlib
from pathlib import Path

from .models import LoadedSource


def fingerprint(*paths, parts=()):
    """A hash of the files ``paths`` and the strings ``parts``."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    for part in parts:
        digest.update(str(part).encode())
    return digest.hexdigest()


def stored(name):
    """The fingerprint ``name`` was last loaded with, or "" when never."""
    return LoadedSource.objects.filter(name=name).values_list("fingerprint", flat=True).first() or ""


def unchanged(command, name, digest, reload=False):
    """Whether ``name`` is already loaded with ``digest`` (and no reload is asked); says so on the command's output."""
    if reload or stored(name) != digest:
        return False
    command.stdout.write(f"{name}: already loaded, nothing changed since (--reload loads again)")
    return True


def mark(name, digest):
    """Record that ``name`` is now loaded with ``digest`` (call it inside the load's transaction)."""
    LoadedSource.objects.update_or_create(name=name, defaults={"fingerprint": digest})
