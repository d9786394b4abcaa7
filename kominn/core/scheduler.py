"""Periodic jobs without cron: management commands run by name on a schedule.

The schedule is `settings.KOMINN_SCHEDULE`, a list of jobs such as
`{"command": "notify_news", "every_minutes": 5}` or
`{"command": "send_digests", "daily_at": "07:00"}`, in the site's time zone (TIME_ZONE).

A job's *slot* is the latest time it was due. A job runs when its slot is later than the
slot it last ran for (a `ScheduledJob` row); so a scheduler that was down at 07:00 runs the
daily job once when it starts again, however many days it missed. Several schedulers may
run at once (one beside each app server): each claims a slot with one conditional update,
which the database lets only one of them win.
"""

import logging
import time as clock
import traceback
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from .models import ScheduledJob

logger = logging.getLogger("kominn.scheduler")


@dataclass(frozen=True)
class Job:
    command: str
    every_minutes: int | None = None
    daily_at: time | None = None

    def slot(self, now: datetime) -> datetime:
        """The latest time at or before `now` when this job was due."""
        if self.every_minutes:
            # Counted from the epoch: Europe/Oslo is a whole number of hours from UTC, so
            # this is the local wall clock's */5 too, and stays so across daylight saving.
            step = self.every_minutes * 60
            return datetime.fromtimestamp(now.timestamp() // step * step, tz=UTC)
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        today = now.astimezone(zone).date()
        due = _local(today, self.daily_at, zone)
        return due if due <= now else _local(today - timedelta(days=1), self.daily_at, zone)


def _local(day: date, at: time, zone: zoneinfo.ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)


def schedule() -> list[Job]:
    """The jobs in settings.KOMINN_SCHEDULE, checked."""
    jobs = []
    for entry in settings.KOMINN_SCHEDULE:
        every, at = entry.get("every_minutes"), entry.get("daily_at")
        if (every is None) == (at is None):
            raise ImproperlyConfigured(
                f"KOMINN_SCHEDULE: {entry!r} needs either every_minutes or daily_at"
            )
        if every is not None and (every < 1 or (60 % every and every % 60)):
            raise ImproperlyConfigured(
                f"KOMINN_SCHEDULE: every_minutes must divide an hour or be whole hours: {entry!r}"
            )
        jobs.append(
            Job(
                command=entry["command"],
                every_minutes=every,
                daily_at=time.fromisoformat(at) if at is not None else None,
            )
        )
    return jobs


def claim(job: Job, slot: datetime) -> bool:
    """Take this slot of the job for this scheduler; False when another one took it."""
    ScheduledJob.objects.get_or_create(name=job.command)
    # One UPDATE with the condition in its WHERE: the database serialises concurrent ones,
    # and the loser finds the row already moved on.
    return bool(
        ScheduledJob.objects.filter(name=job.command)
        .filter(Q(last_slot__isnull=True) | Q(last_slot__lt=slot))
        .update(last_slot=slot, started_at=timezone.now(), finished_at=None, succeeded=None)
    )


def run(job: Job, slot: datetime) -> bool:
    """Run one claimed job and record how it went; a failure is logged, not raised."""
    logger.info("Running %s (due %s).", job.command, timezone.localtime(slot))
    started = clock.monotonic()
    error = ""
    try:
        call_command(job.command)
    except Exception:
        error = traceback.format_exc()
        logger.exception("%s failed; it runs again when next due.", job.command)
    else:
        logger.info("%s done in %.1f s.", job.command, clock.monotonic() - started)
    ScheduledJob.objects.filter(name=job.command, last_slot=slot).update(
        finished_at=timezone.now(), succeeded=not error, error=error
    )
    return not error


def run_due(now: datetime | None = None, should_stop=lambda: False) -> list[str]:
    """Run every job that is due and that no other scheduler has taken; returns their names.

    `should_stop` is asked between jobs, so a stop request ends the pass after the job in
    progress.
    """
    now = now or timezone.now()
    ran = []
    for job in schedule():
        if should_stop():
            break
        slot = job.slot(now)
        if claim(job, slot):
            run(job, slot)
            ran.append(job.command)
    return ran
