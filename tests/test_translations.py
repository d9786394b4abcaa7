"""Bokmål is complete, and the compiled catalogue matches the source."""

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
PO = LOCALE / "nb" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


@pytest.fixture
def msgfmt():
    path = shutil.which("msgfmt")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt (GNU gettext) is required in CI")
        pytest.skip("msgfmt (GNU gettext) is not installed")
    return path


def test_every_message_is_translated_to_bokmal(msgfmt):
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", os.devnull, str(PO)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


def test_compiled_catalogue_is_up_to_date(msgfmt, tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "-o", str(fresh), str(PO)], check=True)
    with fresh.open("rb") as new, MO.open("rb") as committed:
        assert (
            gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(new)._catalog
        ), "locale/nb/LC_MESSAGES/django.mo is stale: run `make messages`"
