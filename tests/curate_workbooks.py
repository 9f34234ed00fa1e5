"""The edits of the real data's workbook that the /curate tests upload (tests/web and tests/browser):
one with two errors, one valid change. Imported by name: tests/ is on sys.path (pytest puts the
directory of tests/conftest.py there), also in every xdist worker."""

from __future__ import annotations

import importlib.util
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]
PROJECT = "project/haus-des-wissens"
OTHER_PROJECT = "project/bochum-app"
NEW_PARTICIPATION = "participation/haus-des-wissens--ruhr-universitaet-bochum--partner"
SOURCE = "https://transfer.ruhr-uni-bochum.de/de/das-haus-des-wissens"


def _sheet_helpers():
    """tests/kg/sheets/sheet_helpers.py (edit a workbook by identifier and header), loaded from its file:
    its folder is on sys.path only when tests of that folder run."""
    spec = importlib.util.spec_from_file_location(
        "sheet_helpers_for_curate", CHECKOUT / "tests" / "kg" / "sheets" / "sheet_helpers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sheets = _sheet_helpers()


def two_errors(wb) -> dict[str, int]:
    """An unknown status and an impossible date in the Projekte sheet; the row numbers of both."""
    return {
        "status": sheets.set_cell(wb["Projekte"], PROJECT, "Status", "status/erledigt"),
        "start": sheets.set_cell(wb["Projekte"], OTHER_PROJECT, "Beginn", "31.02.2020"),
    }


def valid_edit(wb) -> None:
    """A project's new status and a new participation in it, listed by the project."""
    projects = wb["Projekte"]
    sheets.set_cell(projects, PROJECT, "Status", "status/implemented")
    cell = projects.cell(row=sheets.row_of(projects, PROJECT), column=sheets.column_of(projects, "Beteiligung"))
    cell.value = f"{cell.value}\n{NEW_PARTICIPATION}"
    sheets.append_row(wb["Beteiligungen"], {
        "Kennung": NEW_PARTICIPATION, "Klasse": "bs:Participation",
        "Name (de)": "Haus des Wissens – Ruhr-Universität Bochum (Partner)",
        "Akteur": "actor/ruhr-universitaet-bochum", "Rolle": "role/partner", "Quellen": SOURCE,
    })
