"""Helpers for the sheet tests: edit a workbook with openpyxl by identifier and header."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

CHECKOUT = Path(__file__).resolve().parents[3]
BASE = "https://w3id.org/bochum-strategie/"


def edit_workbook(content: bytes, edit) -> bytes:
    """Open the workbook with openpyxl, let `edit(workbook)` change it, return the new bytes."""
    workbook = load_workbook(io.BytesIO(content))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_of(sheet, identifier: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == identifier:
            return row
    raise KeyError(identifier)


def column_of(sheet, header: str) -> int:
    for column in range(1, sheet.max_column + 1):
        if sheet.cell(row=1, column=column).value == header:
            return column
    raise KeyError(header)


def set_cell(sheet, identifier: str, header: str, value) -> int:
    """Set one cell by row identifier and column header; returns the row number."""
    row = row_of(sheet, identifier)
    sheet.cell(row=row, column=column_of(sheet, header), value=value)
    return row


def append_row(sheet, values: dict[str, object]) -> int:
    """A new row at the end, cells given by header; returns its row number."""
    row = sheet.max_row + 1
    for header, value in values.items():
        sheet.cell(row=row, column=column_of(sheet, header), value=value)
    return row
