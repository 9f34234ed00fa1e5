"""The knowledge core (bochum_kg.kg) is usable without the web layer: it imports no Flask and nothing of web/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "service" / "bochum_kg" / "kg"
FORBIDDEN = ("flask", "werkzeug", "bochum_kg.web")


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def forbidden_imports(path: Path) -> list[str]:
    return [m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN or m.startswith(FORBIDDEN)]


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_web_code(path):
    assert forbidden_imports(path) == []


def test_the_check_sees_a_flask_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from flask import current_app\n    from bochum_kg.web.context import kg\n")
    assert forbidden_imports(sample) == ["flask", "bochum_kg.web.context"]


def test_the_cli_commands_that_use_the_core_do_not_load_flask():
    import subprocess
    import sys

    code = ("import sys, bochum_kg.cli, bochum_kg.commands.query, bochum_kg.commands.export, "
            "bochum_kg.commands.validate, bochum_kg.kg.graph; print('flask' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
