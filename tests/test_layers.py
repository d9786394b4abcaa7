"""Apps import only downward, as kominn/layers.py orders them."""

import ast
from pathlib import Path

from kominn.layers import LAYERS

ROOT = Path(__file__).resolve().parent.parent
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}


def _imported_modules(path: Path, tree: ast.AST):
    """(line, module) for every import in the file, also those inside functions."""
    package = list(path.relative_to(ROOT).with_suffix("").parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: -node.level]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            yield node.lineno, module
            # `from kominn import participation` names the app in the alias.
            if module == "kominn":
                for alias in node.names:
                    yield node.lineno, f"kominn.{alias.name}"


def layer_violations(root: Path = ROOT):
    """Every import from one app of an app in the same or a higher layer."""
    found = []
    for path in sorted((root / "kominn").rglob("*.py")):
        parts = path.relative_to(root / "kominn").parts
        if len(parts) < 2 or "migrations" in parts:
            continue  # the project package (urls, settings) sits above every app
        app = parts[0]
        tree = ast.parse(path.read_text(), filename=str(path))
        for line, module in _imported_modules(path.relative_to(root).resolve(), tree):
            names = module.split(".")
            if names[0] != "kominn" or len(names) < 2 or names[1] == app:
                continue
            target = names[1]
            if target not in LEVEL and not (root / "kominn" / target).is_dir():
                continue  # a module of the project package, e.g. kominn.layers
            if LEVEL.get(target, len(LAYERS)) >= LEVEL.get(app, -1):
                found.append(f"{path.relative_to(root)}:{line}: {app} imports {target}")
    return found


def function_local_imports(root: Path = ROOT):
    """Imports of KomInn modules inside functions, other than in an AppConfig's ready()
    (where Django wants them, since models cannot load before the app registry)."""
    found = []
    for path in sorted((root / "kominn").rglob("*.py")):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if function.name == "ready" and path.name == "apps.py":
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.ImportFrom)
                    and (node.level or (node.module or "").startswith("kominn"))
                ) or (
                    isinstance(node, ast.Import)
                    and any(alias.name.startswith("kominn") for alias in node.names)
                ):
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in (ROOT / "kominn").glob("*/__init__.py")} - {"templatetags"}
    assert apps - set(LEVEL) == set(), "Name the new app's layer in kominn/layers.py"
    assert set(LEVEL) - apps == set(), "kominn/layers.py names an app that does not exist"


def test_apps_import_only_from_layers_below():
    assert layer_violations() == []


def test_no_import_hides_inside_a_function():
    """An import inside a function is how a cycle is dodged; with layers there is none."""
    assert function_local_imports() == []


def test_an_upward_import_is_named_with_file_line_and_apps(tmp_path):
    """The check bites: a portfolio module that imports participation, even inside a
    function, is reported."""
    for app in ("portfolio", "participation", "core"):
        (tmp_path / "kominn" / app).mkdir(parents=True)
        (tmp_path / "kominn" / app / "__init__.py").write_text("")
    (tmp_path / "kominn" / "portfolio" / "views.py").write_text(
        "from kominn.core import markdown\n\n\n"
        "def idea_count():\n"
        "    from kominn.participation.models import Idea\n"
        "    return Idea.objects.count()\n"
    )
    (tmp_path / "kominn" / "core" / "access.py").write_text("from ..portfolio import views\n")
    assert layer_violations(tmp_path) == [
        "kominn/core/access.py:1: core imports portfolio",
        "kominn/portfolio/views.py:5: portfolio imports participation",
    ]
