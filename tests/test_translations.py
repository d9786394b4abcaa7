"""Bokmål and nynorsk are complete, and the compiled catalogues match their sources."""

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
CATALOGUES = [
    pytest.param(LOCALE / language / "LC_MESSAGES" / f"{domain}.po", id=f"{language}-{domain}")
    for language in ("nb", "nn")
    for domain in ("django", "djangojs")
]


@pytest.fixture
def msgfmt():
    path = shutil.which("msgfmt")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt (GNU gettext) is required in CI")
        pytest.skip("msgfmt (GNU gettext) is not installed")
    return path


@pytest.mark.parametrize("po", CATALOGUES)
def test_every_message_is_translated(msgfmt, po):
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", os.devnull, str(po)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("po", CATALOGUES)
def test_compiled_catalogue_is_up_to_date(msgfmt, tmp_path, po):
    fresh = tmp_path / "fresh.mo"
    subprocess.run([msgfmt, "-o", str(fresh), str(po)], check=True)
    with fresh.open("rb") as new, po.with_suffix(".mo").open("rb") as committed:
        assert (
            gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(new)._catalog
        ), f"{po.with_suffix('.mo').relative_to(LOCALE.parent)} is stale: run `make messages`"


def test_nynorsk_has_every_message_bokmal_has():
    def messages(language, domain):
        path = LOCALE / language / "LC_MESSAGES" / f"{domain}.mo"
        with path.open("rb") as catalogue:
            return set(gettext.GNUTranslations(catalogue)._catalog)

    for domain in ("django", "djangojs"):
        missing = messages("nb", domain) - messages("nn", domain)
        assert not missing, f"{domain}: not in nynorsk: {sorted(map(str, missing))[:10]}"
