"""The faces (web/sparql, web/pages, web/api, web/workbench, web/curate) import the core and the shared web
modules, never each other; the shared web modules import no face (only app.py and routes.py,
which assemble the app, do)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import bochum_kg.web

WEB = Path(bochum_kg.web.__file__).parent
FACES = ("sparql", "pages", "api", "workbench", "curate")
ASSEMBLY = ("app.py", "routes.py")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(WEB.parent.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module an import statement anywhere in `source` (functions included) may load."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def face_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if parts[:2] == ["bochum_kg", "web"] and len(parts) > 2 and parts[2] in FACES else None


def faces_imported(path: Path) -> set[str]:
    module = module_name(path)
    return {face for m in imported(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")
            if (face := face_of(m)) is not None and face != face_of(module)}


FACE_FILES = sorted(p for face in FACES for p in (WEB / face).rglob("*.py"))
SHARED_FILES = sorted(p for p in WEB.rglob("*.py") if face_of(module_name(p)) is None and p.name not in ASSEMBLY)


@pytest.mark.parametrize("path", FACE_FILES, ids=lambda p: str(p.relative_to(WEB)))
def test_a_face_imports_no_other_face(path):
    assert faces_imported(path) == set()


@pytest.mark.parametrize("path", SHARED_FILES, ids=lambda p: str(p.relative_to(WEB)))
def test_shared_web_modules_import_no_face(path):
    assert faces_imported(path) == set()


def test_the_files_are_found():
    assert {p.parent.name for p in FACE_FILES} >= set(FACES)
    assert {"errors.py", "i18n/__init__.py", "layout.py", "params.py"} <= {p.relative_to(WEB).as_posix() for p in SHARED_FILES}


@pytest.mark.parametrize("source", [
    "import bochum_kg.web.api.views",
    "from bochum_kg.web.api.views import catalogue",
    "from bochum_kg.web.api import views",
    "from bochum_kg.web import iris, api",
    "from ..api import views",
    "from ..api.views import catalogue",
    "def f():\n    from bochum_kg.web.api import views\n",
])
def test_the_check_sees_every_way_of_importing_a_face(source):
    faces = {face_of(m) for m in imported(source, "bochum_kg.web.workbench.views")} - {None}
    assert faces == {"api"}


def test_own_face_and_the_core_are_allowed():
    source = "from . import planner\nfrom bochum_kg.web.workbench import planner\nfrom bochum_kg.kg import labels\nfrom bochum_kg.web import i18n"
    assert {face_of(m) for m in imported(source, "bochum_kg.web.workbench.views")} - {None} == {"workbench"}
