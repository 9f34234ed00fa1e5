"""Fixtures for the sheet tests: a copy of the checkout to write to, the CLI, workbook edits.

Every test that imports works on its own copy of ontology/, shapes/ and data/ (tmp_path), so
the checkout's data/ is never written by a test.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from bochum_kg.cli import main
from bochum_kg.config import Settings
from sheet_helpers import CHECKOUT


@dataclass
class Project:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def settings(self) -> Settings:
        return Settings(project_root=self.root)

    def texts(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(self.data.glob("*.ttl"))}


def copy_checkout(root: Path) -> Project:
    """A copy of the checkout's ontology, shapes and data."""
    for folder in ("ontology", "shapes", "data"):
        shutil.copytree(CHECKOUT / folder, root / folder)
    return Project(root)


@pytest.fixture()
def project(tmp_path) -> Project:
    """A copy of the checkout's ontology, shapes and data."""
    return copy_checkout(tmp_path / "checkout")


@pytest.fixture(scope="session")
def exported_workbook(tmp_path_factory) -> bytes:
    """The checkout's data as an .xlsx workbook (German), exported once per session for the tests
    that edit it (every test's project is an unchanged copy of the same checkout, so its own export
    would hold the same cells)."""
    copy = copy_checkout(tmp_path_factory.mktemp("export") / "checkout")
    path = copy.root / "daten.xlsx"
    assert main(["--project-root", str(copy.root), "sheet", "export", str(path)]) == 0
    return path.read_bytes()


@pytest.fixture()
def canonical_project(project) -> Project:
    """The copy with data/ in canonical form (as the branch's last commit leaves it)."""
    assert main(["--project-root", str(project.root), "sheet", "normalise"]) == 0
    return project


@pytest.fixture()
def cli(runner):
    """cli(project, *args): `bochum-kg ARGS…` on a project copy (the `runner` of tests/conftest.py)."""
    return lambda project, *args: runner(*args, project_root=project.root)
