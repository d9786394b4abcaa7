"""`make lighthouse` (scripts/lighthouse.py): how it reads Lighthouse's report and judges
the targets, and that it never fetches Lighthouse itself."""

import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import lighthouse


def report(performance=0.99, accessibility=1.0, best=1.0, seo=1.0, size=120 * 1024):
    return {
        "categories": {
            "performance": {"score": performance},
            "accessibility": {"score": accessibility},
            "best-practices": {"score": best},
            "seo": {"score": seo},
        },
        "audits": {"total-byte-weight": {"numericValue": size}},
    }


def test_scores_are_read_as_percent_and_the_transfer_in_kilobytes():
    assert lighthouse.summarise(report()) == {
        "performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100, "kb": 120.0,
    }  # fmt: skip


def test_a_page_passes_only_when_it_meets_every_target():
    assert lighthouse.misses(lighthouse.summarise(report())) == []
    missed = lighthouse.misses(lighthouse.summarise(report(performance=0.97, seo=0.91)))
    assert missed == ["performance 97 < 98", "seo 91 < 100"]
    assert lighthouse.misses(lighthouse.summarise(report(size=151 * 1024))) == ["151.0 KB > 150 KB"]
    # A category Lighthouse could not score is a miss, not a pass.
    assert lighthouse.misses(lighthouse.summarise(report(accessibility=None))) == [
        "accessibility None < 100"
    ]


def test_the_table_names_each_page_its_scores_and_what_it_missed():
    out = io.StringIO()
    rows = [
        (lighthouse.Page("front page", "/"), lighthouse.summarise(report())),
        (lighthouse.Page("an idea", "/ideer/1/"), lighthouse.summarise(report(best=0.96))),
    ]
    lighthouse.print_table(rows, out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["page", "perf", "a11y", "best", "seo", "KB", "result"]
    assert lines[2].split() == ["front", "page", "99", "100", "100", "100", "120.0", "PASS", "/"]
    assert "FAIL: best-practices 96 < 100" in lines[3]


def test_without_lighthouse_installed_it_says_how_to_get_it(monkeypatch):
    monkeypatch.setattr(lighthouse, "lighthouse_version", lambda: None)
    with pytest.raises(SystemExit) as stopped:
        lighthouse.main([])
    assert "devDependency in package.json" in str(stopped.value)


def test_lighthouse_is_run_without_downloading_it_with_debians_chromium_flags():
    source = Path(lighthouse.__file__).read_text()
    assert '"--no-install", "lighthouse"' in source
    for flag in ("--no-sandbox", "--disable-gpu", "--disable-background-networking"):
        assert flag in lighthouse.CHROMIUM_FLAGS
