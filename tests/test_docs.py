"""Every setting, management command and make task is documented in the README."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_every_environment_variable_is_documented():
    sources = [ROOT / "kominn" / "settings.py", ROOT / "tests" / "browser" / "conftest.py"]
    names = set()
    for source in sources:
        text = source.read_text()
        names |= set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', text))
        names |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', text))
    names -= {"CI"}
    assert len(names) >= 20
    missing = sorted(name for name in names if f"| `{name}` |" not in README)
    assert missing == [], f"Settings missing from the README's table: {missing}"


def test_every_management_command_is_documented():
    commands = [path.stem for path in ROOT.glob("kominn/*/management/commands/[a-z]*.py")]
    assert commands
    missing = [name for name in commands if f"manage.py {name}`" not in README]
    assert missing == [], f"Commands missing from the README: {missing}"


def test_every_make_task_is_documented():
    tasks = re.findall(r"^([a-z-]+):.*## ", (ROOT / "Makefile").read_text(), re.M)
    assert "run" in tasks and "test" in tasks
    missing = [task for task in tasks if task != "help" and f"`make {task}`" not in README]
    assert missing == [], f"Make tasks missing from the README: {missing}"


def test_quick_start_is_exactly_make_run_and_make_test():
    quick_start = README.split("## Quick start", 1)[1].split("```", 2)[1]
    assert quick_start.strip().splitlines()[1:] == ["make run", "make test"]
