"""Planners' spreadsheets for the graph: export, import with validation, canonical Turtle, change reports.

The calls a command or a web page needs (the /curate page, web/curate/: upload, validation
table, change preview, Turtle diff):

    current = load_current(settings)                     # ontology, data/, comments, sheet model
    export_xlsx(current.data, current.model, "de")       # -> bytes of the workbook
    reading = read_workbook(content, current.model)      # -> .graph, .problems (sheet/row/column)
    verdict = check(reading, current.model, settings)    # sheet problems, else SHACL violations
    changes(current.data, reading.graph)                 # -> [ResourceChange]
    turtle_files(reading.graph, current.comments)        # -> {file name: canonical Turtle}
    preview(content, current, settings)                  # all of the above but writing: .verdict, .changes, .diff
    write_data(reading.graph, current)                   # all files of data/ replaced together
"""

from .changes import ChangeWriter, PropertyChange, ResourceChange, changes
from .curation import Current, Preview, Verdict, check, data_texts, load_current, preview, write_data
from .export import export_csv, export_xlsx
from .model import SheetModel, build_model
from .problems import Problem
from .reading import Reading, read_folder, read_workbook
from .turtle_diff import turtle_diff
from .turtle_writer import turtle_files

__all__ = [
    "ChangeWriter", "Current", "Preview", "Problem", "PropertyChange", "Reading", "ResourceChange", "SheetModel",
    "Verdict", "build_model", "changes", "check", "data_texts", "export_csv", "export_xlsx", "load_current",
    "preview", "read_folder", "read_workbook", "turtle_diff", "turtle_files", "write_data",
]
