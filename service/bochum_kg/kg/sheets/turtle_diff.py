"""The Turtle diff of a change: what `git diff data/` would show after an import, made in memory.

The files of data/ are canonical (turtle_writer.py: one triple per line, resources sorted), so a
unified diff of the old and the new texts shows a change as exactly the lines that change.
"""

from __future__ import annotations

import difflib

NO_NEWLINE = "\\ No newline at end of file\n"


def turtle_diff(old: dict[str, str], new: dict[str, str], folder: str = "data") -> str:
    """A unified diff (file name -> text, before and after) with git's a/ b/ names; '' when nothing differs."""
    out: list[str] = []
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        lines = difflib.unified_diff(
            _lines(before), _lines(after),
            fromfile=f"a/{folder}/{name}" if before is not None else "/dev/null",
            tofile=f"b/{folder}/{name}" if after is not None else "/dev/null",
        )
        out.extend(line if line.endswith("\n") else line + "\n" + NO_NEWLINE for line in lines)
    return "".join(out)


def _lines(text: str | None) -> list[str]:
    return text.splitlines(keepends=True) if text else []
