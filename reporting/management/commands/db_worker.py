"""``manage.py db_worker``: django-tasks-db's worker, kept running through a locked SQLite database.

This command replaces the library's own ``db_worker`` (``reporting`` comes before ``django_tasks_db``
in INSTALLED_APPS, and the first app to define a command wins). The library retries a locked
database only while it claims a task; a write lock held past SQLite's busy timeout anywhere else
in its loop (a loader, a restore, a rebuild) ended the worker, and every export queued after it
waited at 0 %. Here the loop starts again after a pause; any other error still stops it.
"""

import logging
import time

from django.db import OperationalError, close_old_connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger(__name__)
PAUSE = 1.0  # seconds between a locked database and the next try, on top of SQLite's busy timeout


class Worker(db_worker.Worker):
    def run(self):
        while True:
            try:
                return super().run()
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                logger.warning("The database is locked (%s): trying again in %s s.", error, PAUSE)
                close_old_connections()
                time.sleep(PAUSE)


class Command(db_worker.Command):
    def handle(self, *args, **options):
        # The library's handle builds the worker from its module's ``Worker``: it builds ours.
        db_worker.Worker = Worker
        return super().handle(*args, **options)
