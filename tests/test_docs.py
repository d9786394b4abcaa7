"""The README is a map to docs/: every setting, management command and make task is
documented on its page, every page is on the map, and every link between them works."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README_PATH = ROOT / "README.md"
DOCS = ROOT / "docs"
README = README_PATH.read_text()
PAGES = sorted(DOCS.glob("*.md"))
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def read(name):
    return (DOCS / name).read_text()


def test_every_environment_variable_is_documented():
    sources = [
        ROOT / "kominn" / "settings.py",
        ROOT / "conftest.py",
        ROOT / "tests" / "browser" / "conftest.py",
    ]
    names = set()
    for source in sources:
        text = source.read_text()
        names |= set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', text))
        names |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', text))
    names -= {"CI"}
    assert len(names) >= 20
    settings = read("settings.md")
    missing = sorted(name for name in names if f"| `{name}` |" not in settings)
    assert missing == [], f"Settings missing from the table in docs/settings.md: {missing}"


def test_every_management_command_is_documented():
    commands = [path.stem for path in ROOT.glob("kominn/*/management/commands/[a-z]*.py")]
    assert commands
    documented = read("commands.md")
    missing = [name for name in commands if f"| `python manage.py {name}` |" not in documented]
    assert missing == [], f"Commands missing from docs/commands.md: {missing}"


def test_every_make_task_is_documented():
    tasks = re.findall(r"^([a-z-]+):.*## ", (ROOT / "Makefile").read_text(), re.M)
    assert "run" in tasks and "test" in tasks
    documented = read("commands.md")
    missing = [task for task in tasks if task != "help" and f"| `make {task}` |" not in documented]
    assert missing == [], f"Make tasks missing from docs/commands.md: {missing}"


def test_quick_start_is_exactly_make_run_and_make_test():
    quick_start = README.split("## Quick start", 1)[1].split("```", 2)[1]
    assert quick_start.strip().splitlines()[1:] == ["make run", "make test"]


def test_readme_stays_a_short_map():
    lines = len(README.splitlines())
    assert lines < 200, f"README.md has {lines} lines; move details to a page in docs/"


def test_every_docs_page_is_in_the_readmes_table():
    assert PAGES
    table = README.split("## Where to read on", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| [")]
    linked = {target for row in rows for target in LINK.findall(row)}
    missing = [f"docs/{page.name}" for page in PAGES if f"docs/{page.name}" not in linked]
    assert missing == [], f"Pages missing from the README's table 'Where to read on': {missing}"


def anchors(path):
    """The anchors GitHub gives a Markdown file's headings."""
    text = re.sub(r"^```.*?^```", "", path.read_text(), flags=re.M | re.S)
    headings = re.findall(r"^#+\s+(.+?)\s*$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def relative_links(path):
    text = re.sub(r"^```.*?^```", "", path.read_text(), flags=re.M | re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    for target in LINK.findall(text):
        if not re.match(r"[a-z][a-z0-9+.-]*:", target):
            yield target


def resolves(path, target):
    """A relative link leads to an existing file and, with an anchor, to one of its headings."""
    file, _, anchor = target.partition("#")
    destination = (path.parent / file).resolve() if file else path
    if not destination.is_file():
        return False
    return not anchor or destination.suffix != ".md" or anchor in anchors(destination)


@pytest.mark.parametrize("path", [README_PATH, *PAGES], ids=lambda path: path.name)
def test_every_relative_link_points_to_an_existing_file_and_heading(path):
    broken = [target for target in relative_links(path) if not resolves(path, target)]
    assert broken == [], f"Broken links in {path.relative_to(ROOT)}: {broken}"
