"""`make serve` runs its processes through scripts/serve.py: a stop request reaches each of
them once, and none is left running."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A child that records each SIGTERM it gets, finishes its "work" and exits.
CHILD = """
import signal, sys, time
log = open(sys.argv[1], "a")
def stop(signum, frame):
    log.write("term\\n"); log.flush(); time.sleep(0.3); sys.exit(0)
signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, lambda *a: (log.write("int\\n"), log.flush()))
log.write("up\\n"); log.flush()
time.sleep(float(sys.argv[2]))
"""


def start(tmp_path, lifetimes):
    logs = [tmp_path / f"child{number}.log" for number in range(len(lifetimes))]
    commands = [
        [sys.executable, "-c", CHILD, str(log), str(lifetime)]
        for log, lifetime in zip(logs, lifetimes, strict=True)
    ]
    supervisor = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, 'scripts'); import serve; "
            f"sys.exit(serve.supervise({commands!r}))",
        ],
        cwd=ROOT,
    )
    deadline = time.monotonic() + 20
    while not all(log.exists() and "up" in log.read_text() for log in logs):
        assert time.monotonic() < deadline, "the children did not start"
        time.sleep(0.05)
    return supervisor, logs


def test_sigterm_stops_every_process_once_and_leaves_none(tmp_path):
    supervisor, logs = start(tmp_path, [60, 60, 60])
    supervisor.send_signal(signal.SIGTERM)
    assert supervisor.wait(20) == 0
    assert [log.read_text().split() for log in logs] == [["up", "term"]] * 3


def test_ctrl_c_stops_each_process_with_one_sigterm(tmp_path):
    supervisor, logs = start(tmp_path, [60, 60])
    # Ctrl-C signals the terminal's foreground process group; the children have their own.
    os.kill(supervisor.pid, signal.SIGINT)
    assert supervisor.wait(20) == 0
    assert [log.read_text().split() for log in logs] == [["up", "term"]] * 2


def test_when_one_process_exits_the_others_are_stopped(tmp_path):
    supervisor, logs = start(tmp_path, [60, 0.5])
    assert supervisor.wait(20) != 0
    assert logs[0].read_text().split() == ["up", "term"]
