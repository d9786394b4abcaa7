"""Schemathesis against the OpenAPI document, on a live server: every operation with
generated parameters, valid and invalid, and every check (answers as documented, in the
documented shape, no 5xx)."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import make_challenge, make_goal, make_idea, make_initiative, make_user
from kominn.portfolio.models import Benefit, Measurement, NewsArticle

CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.fixture
def content(asker):
    goal = make_goal(asker, "Klimanøytral kommune")
    sub_goal = make_goal(asker, "Fossilfri byggeplass", parent=goal)
    challenge = make_challenge(asker, "Hvordan sparer vi strøm?")
    author = make_user("idea@example.no", display_name="Ida Idé")
    for number in range(3):
        initiative = make_initiative(asker, f"Solceller {number}", goals=[goal, sub_goal])
        benefit = Benefit.objects.create(
            initiative=initiative, type="climate", indicator="CO₂", unit="tonn", baseline=9
        )
        Measurement.objects.create(benefit=benefit, measured_on=date(2026, 1, 1), value=number)
        make_idea(asker, author, f"Idé {number}", challenge=challenge, initiative=initiative)
    NewsArticle.objects.create(
        organisation=asker, title="Solceller i drift", lead="Nå.", body="Ja.", is_published=True
    )


def test_schemathesis_finds_no_failures(live_server, content, settings, tmp_path):
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
            "15",
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
