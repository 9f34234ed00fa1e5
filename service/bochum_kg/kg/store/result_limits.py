"""The row cap and the byte limit, applied to pyoxigraph's own serialization as it is written.

pyoxigraph serializes query solutions in Rust (several times faster than anything written in
Python) into any object with a `write` method, in 8 KiB blocks. `CappedWriter` is that object:
it finds where each solution ends in the bytes of the format (a `RowFormat`), passes whole
solutions on to its sink, and when the next solution would break the row cap or the byte
limit, it ends the document there, validly (`]}}` in JSON, `</results></sparql>` in XML,
nothing in CSV/TSV) and stops the serializer by raising `Cut`, which also stops the lazy
evaluation behind it. It checks the deadline and a cancellation flag on every block.

Solution ends are found without a parser, from how pyoxigraph writes each format:
- TSV: one line per solution (newlines in literals are written as `\\n`);
- CSV: a line break outside double quotes (quoted fields may hold line breaks; `""` is a quote);
- XML: `</result>` (text and attribute values escape `<`);
- JSON: `},{` outside strings (backslash pairs are escapes; every other `"` opens or closes a
  string; a term is an object whose members are strings or objects, so `},{` outside strings
  only separates two solutions); the last solution ends where `]}}` closes the document.
The body never holds more than `byte_cap` bytes (with room for the truncation members of
`results.truncation_members`); rows are never split.
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass
from typing import Protocol

from bochum_kg.kg.store.deadline import Deadline

_ESCAPE_PAIR = re.compile(rb"\\.", re.S)
#: Room kept under the byte limit for members that say a JSON result was cut.
TRUNCATION_MEMBERS_RESERVE = 64


class Cut(Exception):
    """Raised through the serializer to stop it: the result is complete up to a limit (not an error)."""


class Cancelled(Exception):
    """The answer is not wanted any more (the client went away)."""


@dataclass(frozen=True)
class RowFormat:
    name: str
    header_end: bytes  # the header ends right after the first occurrence of this
    footer: bytes  # what pyoxigraph writes after the last row, and what ends a cut document
    separator: bytes  # marks a row end (JSON: between two rows)
    end_offset: int  # a row ends this many bytes after the start of its separator
    quote: bytes | None = None  # separators between these (outside strings) only
    escapes: bool = False  # backslash pairs inside strings (JSON)
    rows_end_at_footer: bool = False  # the last row has no separator: it ends where the footer starts (JSON)
    # the fewest bytes a row and what ends it can take (`{}` and `,`; `<result></result>`; an empty
    # CSV or TSV line); a piece of n bytes holds at most n // min_row_bytes + 1 rows
    min_row_bytes: int = 1

    def most_rows(self, size: int) -> int:
        """An upper bound on the rows in `size` bytes of this format, found without reading them."""
        return size // self.min_row_bytes + 1

    def row_ends(self, data: bytes) -> list[int]:
        """Offsets just after every row end in `data`, which starts at a row boundary (outside strings).

        JSON separators are only found once the next row starts, so the last row of a complete
        document is not among them (see `rows_end_at_footer`).
        """
        if self.quote is None:
            step = len(self.separator)
            ends, at = [], data.find(self.separator)
            while at >= 0:
                ends.append(at + self.end_offset)
                at = data.find(self.separator, at + step)
            return ends
        text = _ESCAPE_PAIR.sub(b"__", data) if self.escapes and b"\\" in data else data
        ends, counted, quotes = [], 0, 0
        for match in re.finditer(re.escape(self.separator), text):
            at = match.start()
            quotes += text.count(self.quote, counted, at)
            counted = at
            if quotes % 2 == 0:
                ends.append(at + self.end_offset)
        return ends


JSON = RowFormat("json", b'"bindings":[', b"]}}", b"},{", 1, quote=b'"', escapes=True, rows_end_at_footer=True,
                 min_row_bytes=len(b"{},"))
XML = RowFormat("xml", b"<results>", b"</results></sparql>", b"</result>", len(b"</result>"),
                min_row_bytes=len(b"<result></result>"))
CSV = RowFormat("csv", b"\n", b"", b"\n", 1, quote=b'"')
TSV = RowFormat("tsv", b"\n", b"", b"\n", 1)


def counted_json_rows(data: bytes) -> int | None:
    """The solutions in the last piece of a JSON document (from a solution's start to `]}}`),
    counted by three C-speed searches instead of `row_ends`' walk over every separator; None when
    the piece may hold a solution without bindings (`{}`), whose separators this count misses.

    Between two non-empty solutions pyoxigraph writes `}},{"` followed by a variable name. Inside
    a string the same five bytes can only stand where the string ends in `}},{` (any other `"`
    in a string is written `\\"`), and then its closing quote is followed by `}` or `,`, never by
    a name: those are subtracted. IRIs, blank node labels and language tags hold no braces.
    """
    if _may_hold_an_empty_row(data):
        return None
    if len(data) <= len(JSON.footer):
        return 0
    return _separators(data, len(data)) + 1


def _may_hold_an_empty_row(data: bytes) -> bool:
    """An empty solution `{}` starts the piece or is followed by the next one or the footer; the
    same bytes in a literal only send the count to the exact walk."""
    return data.startswith(b"{}") or b"{},{" in data or b"{}]" in data


def counted_json_rows_ended(data: bytes) -> tuple[int, int] | None:
    """For a piece of a JSON document that starts at a solution's start and goes on past its end:
    (solutions ended in it, the offset just after the last of them), counted as in
    `counted_json_rows`; None when the piece may hold a solution without bindings, or holds no
    separator that surely is one."""
    if _may_hold_an_empty_row(data):
        return None
    at = len(data)
    while True:
        at = data.rfind(b'}},{"', 0, at)
        if at < 0:
            return None
        follows = data[at + 5:at + 6]
        if follows and follows not in b"},":  # a variable name: a separator, not a string's end
            break
    # up to the end of this separator: every earlier occurrence ends (with its telling byte) before it
    return _separators(data, at + 5), at + 2


def _separators(data: bytes, upto: int) -> int:
    """The separators between non-empty solutions in data[:upto]: `}},{"` minus those that end a string."""
    return data.count(b'}},{"', 0, upto) - data.count(b'}},{"}', 0, upto) - data.count(b'}},{",', 0, upto)


class Sink(Protocol):
    """Where a writer puts the bytes of the result (a spool or a live stream)."""

    def write(self, data: bytes) -> None: ...


class CappedWriter:
    """The file object pyoxigraph serializes solutions into; whole rows go on to `sink`.

    `row_cap` / `byte_cap`: None = no such limit. After the serializer returns (or raises Cut),
    call `finish()`: it writes what is left and reports (truncated, cut_by, rows).
    """

    # Look for row ends when this much is held (and at least twice the part that held no end
    # last time, so a single huge row is not scanned again and again).
    SCAN_BYTES = 64 * 1024
    # While no limit can be broken by what is held (its size bounds its rows under the row cap),
    # the scan waits, up to this much: a result that ends by then is never counted (_passes_uncounted).
    WAIT_BYTES = 1024 * 1024

    def __init__(self, fmt: RowFormat, sink: Sink, row_cap: int | None, byte_cap: int | None,
                 deadline: Deadline, cancelled: threading.Event | None = None):
        self.fmt, self.sink = fmt, sink
        self.row_cap, self.byte_cap = row_cap, byte_cap
        self.deadline, self.cancelled = deadline, cancelled
        self.pending = bytearray()
        self.in_header = True
        self.committed = 0  # bytes passed to the sink
        self.rows = 0  # rows passed to the sink, but those of `uncounted`
        self.uncounted: bytes | None = None  # the end of an uncut result, passed on without counting its rows
        self.truncated = False
        self.cut_by: str | None = None
        self._scan_at = self.SCAN_BYTES
        self._done = False

    # --- the file object ---------------------------------------------------------------------

    def write(self, block) -> int:
        if self.cancelled is not None and self.cancelled.is_set():
            raise Cancelled()
        self.deadline.check()
        if self._done:  # cut already: anything more is past the limit
            raise Cut()
        self.pending += block
        if self.in_header:
            at = self.pending.find(self.fmt.header_end)
            if at < 0:
                return len(block)
            self._commit(at + len(self.fmt.header_end))
            self.in_header = False
        over_bytes = self.byte_cap is not None and self.committed + len(self.pending) + len(self.fmt.footer) > self.byte_cap
        if over_bytes or (len(self.pending) >= self._scan_at and not self._can_wait()):
            self._scan(final=False)
        return len(block)

    def flush(self) -> None:
        pass

    # --- applying the limits -----------------------------------------------------------------

    def _commit(self, upto: int) -> None:
        if upto:
            self.sink.write(bytes(self.pending[:upto]))
            del self.pending[:upto]
            self.committed += upto

    def _cut(self, at: int, rows: int, cut_by: str) -> None:
        """End the document after the row ending at `at` (0: before any further row) and stop."""
        self._commit(at)
        self.rows += rows
        self.sink.write(self.fmt.footer)
        self.committed += len(self.fmt.footer)
        self.pending.clear()
        self.truncated, self.cut_by, self._done = True, cut_by, True
        raise Cut()

    def _scan(self, final: bool) -> None:
        """Pass on the rows held that surely stay; cut when a further row breaks a limit."""
        fmt, data = self.fmt, bytes(self.pending)
        if final and self._passes_uncounted(data):
            return
        if fmt is JSON and (self._fits_whole(data) if final else self._passes_rows_ended(data)):
            return
        ends = self._row_ends(data, final)
        tail = data[ends[-1]:] if ends else data
        more = bool(tail) and not fmt.footer.startswith(tail)  # (part of) a further row follows the last end
        keep, cut_by = None, None
        if self.row_cap is not None and len(ends) + more > self.row_cap - self.rows:
            keep, cut_by = self.row_cap - self.rows, "rows"
        room = None  # bytes of rows that stay even if the result is cut (then JSON gets members too)
        if self.byte_cap is not None:
            room = self.byte_cap - len(fmt.footer) - self.committed - TRUNCATION_MEMBERS_RESERVE
            extent = len(data) if more else (ends[-1] if ends else 0)
            if more and fmt.rows_end_at_footer and data.endswith(fmt.footer):
                extent -= len(fmt.footer)  # maybe the end of the document: the final scan tells
            if extent > room + TRUNCATION_MEMBERS_RESERVE:  # the rows seen do not all fit
                fitting = bisect.bisect_right(ends, room)
                if keep is None or fitting < keep:
                    keep, cut_by = fitting, "bytes"
        if keep is not None:
            self._cut(ends[keep - 1] if keep else 0, keep, cut_by)
        if final:
            self._commit(len(data))
            self.rows += len(ends)
            return
        if room is not None:  # rows past `room` may still have to go, if a later row is cut
            ends = ends[:bisect.bisect_right(ends, room)]
        if ends:
            self._commit(ends[-1])
            self.rows += len(ends)
        self._scan_at = max(self.SCAN_BYTES, 2 * len(self.pending))

    def _can_wait(self) -> bool:
        held = len(self.pending)
        return held < self.WAIT_BYTES and self._rows_stay_under_cap(held)

    def _rows_stay_under_cap(self, size: int) -> bool:
        """`size` more bytes of rows cannot break the row cap, whatever rows they hold."""
        return self.row_cap is None or self.fmt.most_rows(size) <= self.row_cap - self.rows

    def _row_ends(self, data: bytes, final: bool) -> list[int]:
        ends = self.fmt.row_ends(data)
        if final and self.fmt.rows_end_at_footer and len(data) > len(self.fmt.footer):
            ends.append(len(data) - len(self.fmt.footer))
        return ends

    def _passes_uncounted(self, data: bytes) -> bool:
        """The end of a result that cannot break a limit, whatever its rows (it fits the byte limit,
        and its size bounds its rows under the row cap): passed on without counting them. An uncut
        result's row count has no use; counting costs ~3 µs per KiB (`count_rows` does it on demand)."""
        if not (self._fits_byte_cap(data) and self._rows_stay_under_cap(len(data))):
            return False
        self._commit(len(data))
        self.uncounted = data
        return True

    def _fits_byte_cap(self, data: bytes) -> bool:
        """`data`, the end of the document, can follow what was passed on without a cut."""
        return self.byte_cap is None or self.committed + len(data) <= self.byte_cap

    def count_rows(self) -> int:
        """Every row passed to the sink, including those `finish` left uncounted."""
        if self.uncounted is None:
            return self.rows
        counted = counted_json_rows(self.uncounted) if self.fmt is JSON else None
        return self.rows + (counted if counted is not None else len(self._row_ends(self.uncounted, final=True)))

    def _fits_whole(self, data: bytes) -> bool:
        """The common end of a JSON result: when the rest can break no limit, it is passed on whole
        and its rows are counted without finding where each ends (counted_json_rows)."""
        if not self._fits_byte_cap(data):
            return False
        rows = counted_json_rows(data)
        if rows is None or (self.row_cap is not None and rows > self.row_cap - self.rows):
            return False
        self._commit(len(data))
        self.rows += rows
        return True

    def _passes_rows_ended(self, data: bytes) -> bool:
        """Before the end of a JSON result: when every row held, and one more, can break no limit,
        the rows ended so far are passed on without finding where each ends (counted_json_rows_ended)."""
        if self.byte_cap is not None and (self.committed + len(data) >
                                          self.byte_cap - len(self.fmt.footer) - TRUNCATION_MEMBERS_RESERVE):
            return False
        counted = counted_json_rows_ended(data)
        if counted is None or (self.row_cap is not None and counted[0] + 1 > self.row_cap - self.rows):
            return False
        rows, end = counted
        self._commit(end)
        self.rows += rows
        self._scan_at = max(self.SCAN_BYTES, 2 * len(self.pending))
        return True

    def finish(self) -> tuple[bool, str | None, int | None]:
        """After the serializer ended: write the rest (when not cut); (truncated, cut_by, rows).

        `rows` is None for a result that was not cut and whose end went on uncounted (see
        `_passes_uncounted`); `count_rows()` gives the number then."""
        if not self._done:
            self._done = True
            if self.in_header:  # a result without rows that never reached the header's end marker
                self._commit(len(self.pending))
            else:
                try:
                    self._scan(final=True)
                except Cut:
                    pass
        return self.truncated, self.cut_by, None if self.uncounted is not None else self.rows
