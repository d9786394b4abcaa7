"""Schemathesis against the OpenAPI document, on a live server holding the demo data:
every operation with generated parameters, valid and invalid, and every check (answers
as documented, in the documented shape, no 5xx)."""

import re
import subprocess
import sys
from pathlib import Path

from tests.demo_snapshot import load_demo

CONFIG = Path(__file__).with_name("schemathesis.toml")


def test_schemathesis_finds_no_failures(own_live_server, settings, tmp_path):
    live_server = own_live_server
    load_demo()  # every kind of content, drafts and hidden ideas among it
    settings.KOMINN_API_RATE_LIMIT = 0  # thousands of requests from one address
    schemathesis = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(
        [
            str(schemathesis),
            "--config-file",
            str(CONFIG),
            "run",
            f"{live_server.url}/api/v1/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            "30",
            "--seed",
            "1",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout
    cases = re.search(r"(\d+) generated", result.stdout)
    print(f"Schemathesis: {cases[1]} cases")  # the figure the open data docs quote
    assert int(cases[1]) > 500
