"""Sheets as plain tables of text, to and from .xlsx (openpyxl) and folders of CSV files.

Nothing here knows RDF: a Table is a name, a header and rows of cell texts. Reading keeps
the spreadsheet's row numbers and marks formulas, so that the caller can say where what is.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from xml.etree.ElementTree import ParseError
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from .cells import cell_text

MAX_ROWS = 10_000  # data rows per sheet; the real data has at most a few hundred
# What a workbook may unpack to: the real data's 240 KB workbook unpacks to 1.2 MB. A small file
# that unpacks to far more (a "zip bomb") is refused before a single sheet is parsed.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
# What openpyxl raises for a file that is a zip but not a readable workbook: a broken or truncated
# sheet (ParseError), a damaged archive (BadZipFile, zlib.error, EOFError), parts that are missing
# or of the wrong kind (KeyError, ValueError, TypeError, AttributeError, IndexError). All of them
# mean "this file cannot be read", never "our code broke"; the caller reports them as not_workbook.
_BROKEN_WORKBOOK = (InvalidFileException, zipfile.BadZipFile, zlib.error, EOFError, ParseError, KeyError,
                    ValueError, TypeError, AttributeError, IndexError, OSError)
CSV_SUFFIX = ".csv"


@dataclass
class Table:
    """A sheet to write: header, rows, and for some columns the list their drop-down offers."""

    name: str
    header: list[str]
    rows: list[list[str]]
    dropdowns: dict[int, str] = field(default_factory=dict)  # column index -> list name
    hidden: bool = False
    widths: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula instead of a value."""

    text: str


@dataclass
class ReadSheet:
    """A sheet as read: header and (row number, cells) pairs; `too_many_rows` if cut off."""

    name: str
    header: list[str]
    rows: list[tuple[int, list]]  # cells: str or Formula
    too_many_rows: bool = False


class UnreadableInput(Exception):
    """Not a workbook or folder we can read at all; `code` and `args_` as for problems."""

    def __init__(self, code: str, where: str = "", **args):
        super().__init__(code)
        self.code, self.where, self.args_ = code, where, args


def write_xlsx(tables: list[Table], lists: dict[str, list[str]], lists_sheet: str) -> bytes:
    """The workbook: one worksheet per table, drop-downs fed from a hidden sheet of lists."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    list_ranges = _write_lists(workbook, lists, lists_sheet)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append(table.header)
        for row in table.rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        wrap = Alignment(wrap_text=True, vertical="top")
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.value is not None and "\n" in str(cell.value):
                    cell.alignment = wrap
        for index, width in table.widths.items():
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        sheet.freeze_panes = "B2"
        for index, list_name in table.dropdowns.items():
            letter = get_column_letter(index + 1)
            validation = DataValidation(type="list", formula1=list_ranges[list_name], allow_blank=True,
                                        showErrorMessage=True, errorStyle="warning")
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            sheet.add_data_validation(validation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_lists(workbook: Workbook, lists: dict[str, list[str]], name: str) -> dict[str, str]:
    sheet = workbook.create_sheet(name)
    sheet.sheet_state = "hidden"
    ranges = {}
    for index, (list_name, values) in enumerate(sorted(lists.items()), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=list_name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        ranges[list_name] = f"{quote_sheetname(name)}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    return ranges


def write_csv_folder(tables: list[Table], folder: Path) -> list[Path]:
    """One UTF-8 CSV file per table (with a byte-order mark, so that Excel reads it as UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / (table.name + CSV_SUFFIX)
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.header)
            writer.writerows(table.rows)
        written.append(path)
    return written


def read_xlsx(content: bytes) -> list[ReadSheet]:
    """Every worksheet's cells as text (formulas marked), at most MAX_ROWS data rows each."""
    _check_unpacked_size(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except _BROKEN_WORKBOOK as err:
        raise UnreadableInput("not_workbook", reason=_reason(err)) from None
    try:
        return [_read_worksheet(ws) for ws in workbook.worksheets]  # read_only: sheets are parsed here
    except _BROKEN_WORKBOOK as err:
        raise UnreadableInput("not_workbook", reason=_reason(err)) from None
    finally:
        workbook.close()


def _check_unpacked_size(content: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_UNPACKED_BYTES (the sizes its zip
    directory declares: Python's zipfile never reads a part beyond its declared size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise UnreadableInput("not_workbook", reason=_reason(err)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableInput("too_large", limit=MAX_UNPACKED_BYTES // (1024 * 1024))


def _reason(err: Exception) -> str:
    lines = str(err).strip().splitlines()
    return lines[0] if lines else type(err).__name__


def _read_worksheet(ws) -> ReadSheet:
    rows = []
    too_many = False
    for number, cells in enumerate(ws.iter_rows(max_row=MAX_ROWS + 2), start=1):
        if number > MAX_ROWS + 1:  # even empty rows: a sheet that long is not a planner's sheet
            too_many = True
            break
        rows.append((number, [_cell_value(c) for c in cells]))
    header = [str(v).strip() if not isinstance(v, Formula) else v.text for v in rows[0][1]] if rows else []
    return ReadSheet(ws.title, header, _trimmed(rows[1:]), too_many)


def _cell_value(cell):
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(cell.value))
    return cell_text(cell.value)


def read_csv_folder(folder: Path) -> list[ReadSheet]:
    """Each *.csv file of the folder as one sheet named after the file."""
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() == CSV_SUFFIX and p.is_file())
    if not paths:
        raise UnreadableInput("not_workbook", reason=f"{folder}: no *.csv files")
    return [_read_csv(path) for path in paths]


def _read_csv(path: Path) -> ReadSheet:
    name = path.stem
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UnreadableInput("not_utf8", where=name, position=err.start) from None
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        raise UnreadableInput("bad_csv", where=name, reason=str(err)) from None
    too_many = len(records) > MAX_ROWS + 1
    rows = list(enumerate(records[: MAX_ROWS + 1], start=1))  # a CSV holds values, never formulas
    header = [v.strip() for v in records[0]] if records else []
    return ReadSheet(name, header, _trimmed(rows[1:]), too_many)


def _trimmed(rows: list[tuple[int, list]]) -> list[tuple[int, list]]:
    """Rows that hold anything."""
    return [(n, cells) for n, cells in rows if any(isinstance(c, Formula) or str(c).strip() for c in cells)]
