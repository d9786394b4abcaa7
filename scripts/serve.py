"""Run KomInn's three processes together, as `make serve` does: the app server (gunicorn),
the mail worker and the scheduler.

Each runs in its own process group, so Ctrl-C reaches only this script, which then sends
each process one SIGTERM: gunicorn finishes the requests in progress, the worker the pass
in progress, the scheduler the job in progress. SIGTERM to this script does the same. When
any one of them exits by itself, the others are stopped too, so nothing runs half.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# gunicorn's own graceful timeout is 30 s; after that, whatever is left is killed.
STOP_TIMEOUT = 40


def supervise(commands: list[list[str]], *, cwd: Path = ROOT) -> int:
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    processes = [subprocess.Popen(command, cwd=cwd, start_new_session=True) for command in commands]
    status = 0
    while not stopping:
        exited = [process for process in processes if process.poll() is not None]
        if exited:
            status = exited[0].returncode or 1
            print(f"{' '.join(exited[0].args)} exited; stopping the others.", file=sys.stderr)
            break
        time.sleep(0.2)
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return status


def app_server(bind: str, workers: int, threads: int, python: str = sys.executable) -> list[str]:
    """The gunicorn command line; scripts/loadtest.py measures this very server."""
    return [
        *(python, "-m", "gunicorn", "kominn.wsgi"),
        *("--bind", bind, "--workers", str(workers)),
        # Threads keep connections alive and overlap requests that wait on the database.
        *("--worker-class", "gthread", "--threads", str(threads)),
        *("--access-logfile", "-"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bind", default="127.0.0.1:8000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    python = sys.executable
    sys.exit(
        supervise(
            [
                app_server(args.bind, args.workers, args.threads, python),
                [python, "manage.py", "send_mail_queue"],
                [python, "manage.py", "run_scheduler"],
            ]
        )
    )


if __name__ == "__main__":
    main()
