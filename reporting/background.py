"""The full data export as a background task, when it would keep a request waiting for long.

``data_export`` (the view) counts the rows first (one ``COUNT``); above ``EXPORT_BACKGROUND_ROWS``
it offers to prepare the file in the background instead of writing it during the request. A job is
two files in ``EXPORT_DIR`` (outside the web root, never served by nginx or whitenoise), so it
needs no table and the app servers and the worker of one machine all see it: ``<id>.json``, its
state (who asked, their permission scope, rows written of how many, done or failed), rewritten
atomically as the rows are written; and ``<id>.xlsx``, the workbook, written by the worker through
the same ``reporting.export`` as the synchronous export.
Files are kept for ``KEPT`` (a day): ``remove_expired`` runs before every new job and from
``manage.py prune_exports`` (daily, from a timer or cron); an expired job is refused even before that.

Who may follow or download a job: the user who asked, or a user with the same permission scope
(``provinces.access.scope_key``); anyone else gets a 404, as if the job did not exist.

The task runs on django-tasks (``TASKS`` in settings: the database backend, run by
``manage.py db_worker``; ``make run`` starts one, production has ``deploy/ict-tracker-worker.service``).
"""

import datetime
import json
import os
import tempfile
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from indicators.models import Measurement
from provinces import access

from . import excel, export

KEPT = datetime.timedelta(days=1)
# The state file is rewritten at most once per this many rows (a few times a second at the writer's speed).
PROGRESS_EVERY = 2000


class State:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass
class Job:
    id: str
    owner: int
    scope: str
    creator: str
    total: int
    written: int = 0
    state: str = State.QUEUED
    created: str = ""
    finished: str = ""
    task_id: str = ""  # the django-tasks result that runs it: how a job learns that its task failed

    @property
    def percent(self):
        if self.state == State.DONE:
            return 100
        return min(99, self.written * 100 // self.total) if self.total else 0

    @property
    def is_done(self):
        return self.state == State.DONE

    @property
    def has_failed(self):
        return self.state == State.FAILED

    @property
    def created_at(self):
        return datetime.datetime.fromisoformat(self.created)

    @property
    def expires_at(self):
        return self.created_at + KEPT

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at

    @property
    def file_path(self):
        return directory() / f"{self.id}.xlsx"

    def save(self):
        """Rewrite the state file atomically: a reader sees the old state or the new, never half of one."""
        target = directory() / f"{self.id}.json"
        with tempfile.NamedTemporaryFile("w", dir=directory(), suffix=".part", delete=False) as handle:
            json.dump(asdict(self), handle)
        os.replace(handle.name, target)


def directory():
    path = Path(settings.EXPORT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def row_count():
    """What the export would write: one cheap COUNT, the same rows as ``export.export_queryset``."""
    return Measurement.objects.published().count()


def runs_in_background(count):
    return count > settings.EXPORT_BACKGROUND_ROWS


def load(job_id):
    try:
        uuid.UUID(hex=job_id)
        data = json.loads((directory() / f"{job_id}.json").read_text())
    except (ValueError, OSError):
        return None
    return Job(**data)


def job_for(user, job_id):
    """The job ``job_id`` if ``user`` asked for it or holds the same permissions, and it has not expired; else 404."""
    job = load(job_id)
    if (
        job is None
        or not user.is_authenticated
        or not (job.owner == user.pk or job.scope == access.scope_key(user))
        or job.is_expired()
    ):
        raise Http404
    return follow_task(job)


def follow_task(job):
    """The job, failed if its task failed without saying so in the job's state.

    ``run`` records its own errors; a task can also fail before or around it (the worker could not
    load it, the database was locked past its timeout): the worker then marks the task failed, and
    the job's page says so instead of waiting at its last percentage.
    """
    if job.state not in (State.QUEUED, State.RUNNING) or not job.task_id:
        return job
    try:
        failed = build_data_export.get_result(job.task_id).status == TaskResultStatus.FAILED
    except TaskResultDoesNotExist:
        return job
    if failed:
        job.state = State.FAILED
        job.finished = timezone.now().isoformat()
        job.save()
    return job


def start(user, total):
    """A new job for ``user`` (``total`` rows), queued for the worker."""
    remove_expired()
    job = Job(
        id=uuid.uuid4().hex,
        owner=user.pk,
        scope=access.scope_key(user),
        creator=excel.producer_name(user),
        total=total,
        created=timezone.now().isoformat(),
    )
    job.save()
    with transaction.atomic():  # the worker sees the task only once its id is in the job's state
        task_id = str(build_data_export.enqueue(job.id).id)
        job = load(job.id)  # as the task left it if it has already run (an immediate backend)
        job.task_id = task_id
        job.save()
    return job


class _Counted:
    """The export's rows, passed through while the job's state records how many have gone by."""

    def __init__(self, rows, job):
        self.rows = rows
        self.job = job

    def __iter__(self):
        for written, row in enumerate(self.rows, start=1):
            if written % PROGRESS_EVERY == 0:
                self.job.written = written
                self.job.save()
            yield row


def run(job_id):
    """Write the job's workbook (the worker calls this through ``build_data_export``)."""
    job = load(job_id)
    if job is None or job.state != State.QUEUED:
        return
    job.state = State.RUNNING
    job.save()
    partial = job.file_path.with_suffix(".xlsx.part")
    try:
        with partial.open("wb") as handle:
            written = export.write_export(
                handle, _Counted(export.export_rows(), job), has_demo=export.export_has_demo(), creator=job.creator
            )
        os.replace(partial, job.file_path)
    except Exception:
        partial.unlink(missing_ok=True)
        job.state = State.FAILED
        job.finished = timezone.now().isoformat()
        job.save()
        raise
    job.written = written
    job.total = written
    job.state = State.DONE
    job.finished = timezone.now().isoformat()
    job.save()


@task()
def build_data_export(job_id):
    run(job_id)


def remove_expired(now=None):
    """Delete the files of every job older than ``KEPT`` (and any stray partial file as old); returns how many jobs."""
    now = now or timezone.now()
    removed = 0
    for state_file in directory().glob("*.json"):
        job = load(state_file.stem)
        if job is not None and not job.is_expired(now):
            continue
        job_id = state_file.stem
        for path in directory().glob(f"{job_id}.*"):
            path.unlink(missing_ok=True)
        removed += 1
    cutoff = (now - KEPT).timestamp()
    for stray in directory().glob("*.part"):
        if stray.stat().st_mtime < cutoff:
            stray.unlink(missing_ok=True)
    return removed
