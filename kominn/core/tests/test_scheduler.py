"""The scheduler runs each periodic job once per due time (Europe/Oslo), whatever fails and
however many schedulers run."""

import threading
import time
from collections import Counter
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from conftest import at_once
from kominn.core import scheduler
from kominn.core.models import ScheduledJob

OSLO = ZoneInfo("Europe/Oslo")
SCHEDULE = [
    {"command": "every_five", "every_minutes": 5},
    {"command": "morning", "daily_at": "07:00"},
    {"command": "night", "daily_at": "03:30"},
]


def oslo(*args):
    return datetime(*args, tzinfo=OSLO)


@pytest.fixture
def commands(settings, monkeypatch):
    """The schedule above, with its commands recorded instead of run; a command named in
    `failing` raises."""
    settings.KOMINN_SCHEDULE = SCHEDULE
    calls = Counter()
    failing = set()

    def fake_call_command(name):
        calls[name] += 1
        if name in failing:
            raise RuntimeError(f"{name} broke")

    monkeypatch.setattr(scheduler, "call_command", fake_call_command)
    calls.failing = failing
    return calls


def test_due_jobs_run_once_and_not_again_in_the_same_slot(db, commands):
    scheduler.run_due(oslo(2026, 3, 10, 9, 2))
    assert commands == {"every_five": 1, "morning": 1, "night": 1}

    scheduler.run_due(oslo(2026, 3, 10, 9, 4, 59))
    assert commands == {"every_five": 1, "morning": 1, "night": 1}

    scheduler.run_due(oslo(2026, 3, 10, 9, 5))
    assert commands == {"every_five": 2, "morning": 1, "night": 1}


def test_daily_job_runs_at_its_time_in_oslo(db, commands):
    scheduler.run_due(oslo(2026, 3, 11, 6, 0))  # the first pass catches yesterday's up
    commands.clear()
    scheduler.run_due(oslo(2026, 3, 11, 6, 59))
    assert commands["morning"] == 0
    # 07:00 in Oslo is 06:00 UTC in winter.
    scheduler.run_due(datetime(2026, 3, 11, 6, 0, tzinfo=ZoneInfo("UTC")))
    assert commands["morning"] == 1
    assert ScheduledJob.objects.get(name="morning").last_slot == oslo(2026, 3, 11, 7, 0)


def test_daily_job_keeps_its_local_time_across_daylight_saving(db, commands):
    scheduler.run_due(oslo(2026, 3, 28, 12, 0))
    commands.clear()
    # Summer time began on 29 March; 07:00 in Oslo is now 05:00 UTC.
    scheduler.run_due(datetime(2026, 3, 29, 5, 0, tzinfo=ZoneInfo("UTC")))
    assert commands["morning"] == 1


def test_a_missed_daily_job_is_caught_up_once_after_a_restart(db, commands):
    scheduler.run_due(oslo(2026, 3, 10, 7, 1))
    commands.clear()
    # Down from 10 March, 07:01 until 13 March, 10:00: one morning run, not three.
    scheduler.run_due(oslo(2026, 3, 13, 10, 0))
    scheduler.run_due(oslo(2026, 3, 13, 10, 0, 30))
    assert commands["morning"] == 1
    assert commands["night"] == 1
    assert ScheduledJob.objects.get(name="morning").last_slot == oslo(2026, 3, 13, 7, 0)


def test_a_failing_job_is_recorded_and_logged_and_the_others_still_run(db, commands, caplog):
    commands.failing.add("morning")
    ran = scheduler.run_due(oslo(2026, 3, 10, 9, 0))
    assert commands == {"every_five": 1, "morning": 1, "night": 1}
    assert ran == ["every_five", "morning", "night"]
    failed = ScheduledJob.objects.get(name="morning")
    assert failed.succeeded is False
    assert "morning broke" in failed.error
    assert ScheduledJob.objects.get(name="night").succeeded is True
    assert "morning failed" in caplog.text
    # Not retried within the same slot.
    scheduler.run_due(oslo(2026, 3, 10, 9, 1))
    assert commands["morning"] == 1


def test_a_stop_request_ends_the_pass_after_the_job_in_progress(db, commands):
    ran = scheduler.run_due(oslo(2026, 3, 10, 9, 0), should_stop=lambda: bool(commands))
    assert ran == ["every_five"]
    assert commands == {"every_five": 1}


def test_a_schedule_entry_needs_exactly_one_kind_of_time(settings):
    settings.KOMINN_SCHEDULE = [{"command": "x", "every_minutes": 5, "daily_at": "07:00"}]
    with pytest.raises(ImproperlyConfigured):
        scheduler.schedule()
    settings.KOMINN_SCHEDULE = [{"command": "x", "every_minutes": 7}]
    with pytest.raises(ImproperlyConfigured):
        scheduler.schedule()


def test_run_scheduler_once_runs_the_real_jobs_that_are_due(db, capsys):
    """The default schedule names commands that exist and run on an empty site."""
    call_command("run_scheduler", "--once")
    out = capsys.readouterr().out
    assert (
        "Ran 8 job(s): notify_news, notify_phase_changes, send_digests, remind_overdue, "
        "send_event_reminders, send_needs_digest, purge_old_data, sync_shared." in out
    )
    assert set(ScheduledJob.objects.values_list("name", "succeeded")) == {
        ("notify_news", True),
        ("notify_phase_changes", True),
        ("send_digests", True),
        ("remind_overdue", True),
        ("send_event_reminders", True),
        ("send_needs_digest", True),
        ("purge_old_data", True),
        ("sync_shared", True),
    }
    call_command("run_scheduler", "--once")
    assert "Ran 0 job(s): none due." in capsys.readouterr().out


@pytest.mark.postgres
def test_two_racing_schedulers_run_each_job_once(transactional_db, settings, monkeypatch):
    settings.KOMINN_SCHEDULE = SCHEDULE
    calls = Counter()
    lock = threading.Lock()

    def slow_command(name):
        time.sleep(0.2)
        with lock:
            calls[name] += 1

    monkeypatch.setattr(scheduler, "call_command", slow_command)
    # Two schedulers take each minute's pass together.
    for minute in (0, 1, 2):
        at_once(partial(scheduler.run_due, oslo(2026, 3, 10, 9, minute)), 2)
    assert calls == {"every_five": 1, "morning": 1, "night": 1}
