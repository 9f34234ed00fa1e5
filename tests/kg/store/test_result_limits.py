"""Result limits (rows and bytes), applied to pyoxigraph's own serialization; cut results stay valid documents.

The cutting is checked against pyoxigraph's own output for literals made to confuse a cutter
(quotes, backslashes, `},{`, `</result>`, line breaks, commas), split into blocks at every kind
of offset; then each format through /sparql: spooled in memory, spooled to a file, and live.
"""

from __future__ import annotations

import csv
import io
import json
import random
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from rdflib import Graph

from bochum_kg.cli import build_parser, settings_from_args
from bochum_kg.commands.serve import settings_for_serve
from bochum_kg.config import Settings
from bochum_kg.kg.store import result_body, result_limits
from bochum_kg.kg.store.deadline import Deadline
from bochum_kg.kg.store.result_limits import TRUNCATION_MEMBERS_RESERVE, CappedWriter, Cut
from sparql_fixtures import TOTAL_TRIPLES, make_client

FORMATS = {
    "json": (result_limits.JSON, ox.QueryResultsFormat.JSON),
    "xml": (result_limits.XML, ox.QueryResultsFormat.XML),
    "csv": (result_limits.CSV, ox.QueryResultsFormat.CSV),
    "tsv": (result_limits.TSV, ox.QueryResultsFormat.TSV),
}
NASTY = ['},{', '}},{"s":{"type":"uri"', '"', "\\", '\\"', "\n", "\r\n", ",", '""', "</result>", "<result>", "\t",
         "]}}", "{}", "é", "\u2028", "'"]


def parse(data: bytes, fmt: ox.QueryResultsFormat) -> list[tuple]:
    """The rows of a results document, as strings (CSV with the csv module: pyoxigraph does not read CSV)."""
    if fmt == ox.QueryResultsFormat.CSV:
        return [tuple(row) for row in list(csv.reader(io.StringIO(data.decode(), newline="")))[1:]]
    return [tuple(str(term) for term in row) for row in ox.parse_query_results(data, format=fmt)]


def nasty_store(seed: int) -> ox.Store:
    rng, store = random.Random(seed), ox.Store()
    for i in range(rng.randint(0, 40)):
        text = "".join(rng.choice(NASTY + ["a", "b ", "x" * rng.randint(0, 300)]) for _ in range(rng.randint(0, 8)))
        obj = rng.choice([ox.Literal(text), ox.Literal(text, language="en"), ox.NamedNode(f"http://ex/{i}"),
                          ox.BlankNode(f"b{i}"), ox.Literal(str(i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))])
        store.add(ox.Quad(ox.NamedNode(f"http://ex/s{i % 7}"), ox.NamedNode("http://ex/p"), obj))
    return store


class Collect:
    def __init__(self):
        self.data = bytearray()

    def write(self, data: bytes) -> None:
        self.data += data


def cut(document: bytes, fmt, rows: int | None, size: int | None, rng: random.Random):
    """Feed `document` to a CappedWriter in blocks of random sizes: (output, truncated, cut_by, rows)."""
    sink = Collect()
    writer = CappedWriter(fmt, sink, rows, size, Deadline(None))
    at = 0
    try:
        while at < len(document):
            step = rng.choice([1, 2, 3, 7, 100, 8192, 20000])
            writer.write(document[at:at + step])
            at += step
    except Cut:
        pass
    truncated, cut_by, reported = writer.finish()
    written = writer.count_rows()
    # finish() reports the rows of a cut result; an uncut one's it may leave uncounted (None)
    assert reported == written or (reported is None and not truncated), (reported, written, truncated)
    return bytes(sink.data), truncated, cut_by, written


QUERIES = ["SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?o",
           "SELECT ?o ?x WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?x } } ORDER BY ?o",
           "SELECT * WHERE { ?s ?p ?o FILTER(false) }", "SELECT * WHERE {}",
           "SELECT ?x WHERE { ?s ?p ?o OPTIONAL { ?s <http://nope> ?x } }"]


@pytest.mark.parametrize("name", list(FORMATS))
def test_cut_at_row_boundaries_of_pyoxigraph_output(name):
    fmt, oxf = FORMATS[name]
    for seed in range(80):
        rng, store = random.Random(seed), nasty_store(seed)
        document = store.query(rng.choice(QUERIES)).serialize(format=oxf)
        rows = parse(document, oxf)
        assert cut(document, fmt, None, None, rng)[:2] == (document, False)
        for cap in sorted({1, 2, 5, max(1, len(rows) - 1), len(rows) or 1, len(rows) + 1}):
            output, truncated, cut_by, written = cut(document, fmt, cap, None, rng)
            assert parse(output, oxf) == rows[:cap], (seed, cap)
            assert (truncated, written) == (len(rows) > cap, min(cap, len(rows))), (seed, cap)
            assert cut_by == ("rows" if truncated else None)
        for size in sorted({len(document) + 5, len(document), len(document) - 1, len(document) - 40, len(document) // 2, 300, 150}):
            if size < 150:
                continue
            output, truncated, cut_by, written = cut(document, fmt, None, size, rng)
            got = parse(output, oxf)
            assert got == rows[:len(got)] and written == len(got), (seed, size)
            assert truncated == (len(document) > size), (seed, size, len(document))
            if truncated:
                assert cut_by == "bytes" and (len(output) + TRUNCATION_MEMBERS_RESERVE <= size or not got), (seed, size)
            else:
                assert output == document


@pytest.mark.parametrize("name", list(FORMATS))
def test_an_uncut_result_under_the_limits_is_passed_on_without_counting_its_rows(name):
    """The common case, the default row cap far above what the document's size allows: its end goes
    on whole (finish() reports no count), and count_rows() still finds every row."""
    fmt, oxf = FORMATS[name]
    store = nasty_store(7)
    document = store.query(QUERIES[0]).serialize(format=oxf)
    rows = parse(document, oxf)
    assert len(document) < 100_000
    sink = Collect()
    writer = CappedWriter(fmt, sink, 100_000, 64 * 1024 * 1024, Deadline(None))
    writer.write(document)
    assert writer.finish() == (False, None, None)
    assert bytes(sink.data) == document and writer.count_rows() == len(rows) > 0


# --- through /sparql -------------------------------------------------------------------------------------

ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def many(rows_per_triple: int) -> str:
    """A query with TOTAL_TRIPLES * rows_per_triple rows (every triple, times a counter)."""
    tens, units = divmod(rows_per_triple, 100)
    assert units == 0
    return ("SELECT ?s ?p ?o ?a ?b WHERE { ?s ?p ?o VALUES ?a { " + " ".join(map(str, range(100))) + " } "
            "VALUES ?b { " + " ".join(map(str, range(tens))) + " } }")


def get(client, query: str, fmt: ox.QueryResultsFormat, **params):
    return client.get("/sparql?" + urlencode({"query": query, **params}), headers={"Accept": fmt.media_type})


@pytest.fixture(scope="module")
def row_capped():
    return make_client(row_cap=5, max_result_bytes=None)


@pytest.fixture(scope="module")
def byte_capped():
    return make_client(row_cap=None, max_result_bytes=100_000)


@pytest.mark.parametrize("name", list(FORMATS))
def test_row_cap_in_every_format_is_a_valid_document(row_capped, name):
    _, oxf = FORMATS[name]
    response = get(row_capped, ALL, oxf)
    assert response.status_code == 200
    assert response.headers["X-Result-Truncated"] == "true" and response.headers["X-Row-Cap"] == "5"
    assert "X-Max-Result-Bytes" not in response.headers
    assert len(parse(response.data, oxf)) == 5
    if name == "json":
        assert list(response.get_json()) == ["truncated", "rowCap", "head", "results"]


@pytest.mark.parametrize("name", list(FORMATS))
def test_a_result_far_larger_than_the_byte_limit_is_cut_and_signalled(byte_capped, name):
    _, oxf = FORMATS[name]
    response = get(byte_capped, many(1000), oxf)  # 26,000 rows: several MB in every format
    assert response.status_code == 200
    assert response.headers["X-Result-Truncated"] == "true"
    assert response.headers["X-Max-Result-Bytes"] == "100000" and "X-Row-Cap" not in response.headers
    assert "100000 bytes" in response.headers["Warning"]
    assert 100_000 - 5_000 < len(response.data) <= 100_000
    rows = parse(response.data, oxf)
    assert 100 < len(rows) < TOTAL_TRIPLES * 1000
    if name == "json":
        body = json.loads(response.data)
        assert list(body)[:2] == ["truncated", "maxResultBytes"] and body["maxResultBytes"] == 100_000


def test_graph_results_are_cut_by_both_limits(row_capped, byte_capped):
    query = "CONSTRUCT { ?s ?p ?o . ?s <http://example.org/n> ?b } WHERE { ?s ?p ?o VALUES ?b { " + " ".join(map(str, range(5000))) + " } }"
    by_rows = row_capped.get("/sparql?" + urlencode({"query": query}), headers={"Accept": "text/turtle"})
    assert by_rows.headers["X-Row-Cap"] == "5" and len(Graph().parse(data=by_rows.data, format="turtle")) == 5
    by_bytes = byte_capped.get("/sparql?" + urlencode({"query": query}), headers={"Accept": "application/n-triples"})
    assert by_bytes.headers["X-Result-Truncated"] == "true" and by_bytes.headers["X-Max-Result-Bytes"] == "100000"
    assert len(by_bytes.data) <= 100_000
    assert 100 < len(Graph().parse(data=by_bytes.data, format="nt")) < 5000 * TOTAL_TRIPLES


def test_result_within_the_limits_is_one_unmarked_body(byte_capped):
    response = get(byte_capped, ALL, ox.QueryResultsFormat.JSON)
    assert response.headers["ETag"] and response.content_length == len(response.data)  # ETag: one body (a stream has none)
    assert "X-Result-Truncated" not in response.headers and "truncated" not in response.get_json()


def test_a_capped_result_larger_than_the_spool_memory_is_sent_from_a_file():
    client = make_client(row_cap=None, max_result_bytes=64 * 1024 * 1024)
    response = get(client, many(2000), ox.QueryResultsFormat.TSV)  # ~5 MB > 4 MB kept in memory
    assert "ETag" not in response.headers and "X-Result-Truncated" not in response.headers
    data = response.data
    assert len(data) > result_body.SPOOL_MEMORY_BYTES and response.content_length == len(data)
    assert len(parse(data, ox.QueryResultsFormat.TSV)) == TOTAL_TRIPLES * 2000


def test_a_capped_result_cut_after_the_spool_memory_keeps_its_json_members():
    client = make_client(row_cap=20_000, max_result_bytes=None)
    response = get(client, many(1000), ox.QueryResultsFormat.JSON)
    assert "ETag" not in response.headers and response.headers["X-Row-Cap"] == "20000"
    body = json.loads(response.data)
    assert list(body) == ["truncated", "rowCap", "head", "results"] and len(body["results"]["bindings"]) == 20_000
    assert response.content_length == len(response.data)


@pytest.mark.parametrize("name", list(FORMATS))
def test_without_limits_a_large_result_is_streamed_live(name):
    _, oxf = FORMATS[name]
    client = make_client(row_cap=None, max_result_bytes=None)
    response = get(client, many(1000), oxf)
    assert response.content_length is None and "ETag" not in response.headers
    assert "X-Result-Truncated" not in response.headers
    assert len(parse(response.data, oxf)) == TOTAL_TRIPLES * 1000
    small = get(client, ALL, oxf)
    assert small.headers["ETag"] and len(parse(small.data, oxf)) == TOTAL_TRIPLES


def test_defaults_and_flags():
    assert (Settings().row_cap, Settings().max_result_bytes, Settings().min_client_timeout) == (100_000, 64 * 1024 * 1024, 5.0)
    parser = build_parser()

    def serve_settings(*flags):
        args = parser.parse_args(["serve", *flags])
        return settings_for_serve(args, settings_from_args(args))

    default = serve_settings()
    assert (default.row_cap, default.max_result_bytes, default.min_client_timeout) == (100_000, 64 * 1024 * 1024, 5.0)
    off = serve_settings("--row-cap", "0", "--max-result-bytes", "0", "--min-client-timeout", "0")
    assert (off.row_cap, off.max_result_bytes, off.min_client_timeout) == (None, None, 0.0)
    assert serve_settings("--row-cap", "7", "--max-result-bytes", "1.5M").max_result_bytes == 1_572_864
    assert serve_settings("--max-result-bytes", "2G").max_result_bytes == 2 * 1024 ** 3
    with pytest.raises(SystemExit):
        serve_settings("--max-result-bytes", "lots")


ENDINGS = ['}},{', 'x}},{', '}},{"', '\\}},{', '}},{\\']  # literals whose string ends as a separator would start


@pytest.mark.parametrize("seed", range(60))
def test_the_quick_json_row_count_is_the_parsed_count_or_declines(seed):
    rng, store = random.Random(seed), nasty_store(seed)
    for i in range(rng.randint(1, 6)):  # values that end in the separator's bytes, plain and with a language
        text = rng.choice(NASTY + ["a"]) + rng.choice(ENDINGS)
        value = ox.Literal(text, language="en") if rng.random() < 0.5 else ox.Literal(text)
        store.add(ox.Quad(ox.NamedNode(f"http://ex/e{i}"), ox.NamedNode("http://ex/p"), value))
    for query in QUERIES:
        document = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)
        start = document.index(b'"bindings":[') + len(b'"bindings":[')
        rows = len(parse(document, ox.QueryResultsFormat.JSON))
        counted = result_limits.counted_json_rows(document[start:])
        assert counted in (rows, None), (seed, query)
        if b"{}" not in document[start:]:
            assert counted == rows, (seed, query)
        # also from the start of any later solution, as after the writer has passed rows on
        ends = result_limits.JSON.row_ends(document[start:])
        for end in ends[:3]:
            assert result_limits.counted_json_rows(document[start + end + 1:]) in (rows - ends.index(end) - 1, None)


@pytest.mark.parametrize("seed", range(12))
def test_results_larger_than_a_scan_are_cut_and_counted_as_pyoxigraph_parses_them(seed):
    rng, store = random.Random(seed), ox.Store()
    # one seed in three with every nasty literal (the exact walk takes over wherever `{}` could be an
    # empty solution), the others with literals that end as a separator would start (the quick count)
    tokens = NASTY + ENDINGS if seed % 3 == 0 else ENDINGS + ['"', "\\", '\\"', "\n", ",", "a", "é"]
    for i in range(rng.randint(1200, 1600)):  # several scans of CappedWriter.SCAN_BYTES
        text = "".join(rng.choice(tokens + ["x" * rng.randint(0, 400)]) for _ in range(rng.randint(1, 6)))
        value = ox.Literal(text, language="en") if rng.random() < 0.3 else ox.Literal(text)
        store.add(ox.Quad(ox.NamedNode(f"http://ex/s{i}"), ox.NamedNode("http://ex/p"), value))
    document = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s").serialize(format=ox.QueryResultsFormat.JSON)
    assert len(document) > 2 * CappedWriter.SCAN_BYTES
    rows = parse(document, ox.QueryResultsFormat.JSON)
    fmt = result_limits.JSON
    assert cut(document, fmt, None, None, rng)[:2] == (document, False)
    for cap in (len(rows) + 1, len(rows), len(rows) - 1, len(rows) // 2, 100_000):
        output, truncated, cut_by, written = cut(document, fmt, cap, None, rng)
        assert parse(output, ox.QueryResultsFormat.JSON) == rows[:cap], (seed, cap)
        assert (truncated, written) == (len(rows) > cap, min(cap, len(rows))), (seed, cap)
    for size in (len(document) + 100, len(document), len(document) - 1, len(document) // 2, 3 * CappedWriter.SCAN_BYTES // 2):
        output, truncated, cut_by, written = cut(document, fmt, None, size, rng)
        got = parse(output, ox.QueryResultsFormat.JSON)
        assert got == rows[:len(got)] and written == len(got), (seed, size)
        assert truncated == (len(document) > size) and len(output) <= size, (seed, size)


@pytest.mark.parametrize("seed", range(6))
def test_rows_ended_in_any_prefix_are_those_the_exact_walk_finds(seed):
    """counted_json_rows_ended on every prefix of a document: a row end the exact walk finds too,
    and the number of rows up to it (a prefix may end right after a literal's `}},{"`)."""
    rng, store = random.Random(seed), ox.Store()
    for i in range(30):
        text = "".join(rng.choice(ENDINGS + ['"', "\\", "a", "x" * rng.randint(0, 20)]) for _ in range(rng.randint(1, 4)))
        store.add(ox.Quad(ox.NamedNode(f"http://ex/s{i}"), ox.NamedNode("http://ex/p"),
                          ox.Literal(text, language="en") if i % 3 == 0 else ox.Literal(text)))
    document = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s").serialize(format=ox.QueryResultsFormat.JSON)
    body = document[document.index(b'"bindings":[') + len(b'"bindings":['):]
    ends = result_limits.JSON.row_ends(body)
    assert len(ends) == 29
    fakes_last = 0
    for length in range(len(body) + 1):
        prefix = body[:length]
        sure = [end for end in ends if end + 4 <= length]  # the byte after its `}},{"` is in the prefix
        expected = (len(sure), sure[-1]) if sure else None
        assert result_limits.counted_json_rows_ended(prefix) == expected, length
        fakes_last += bool(sure) and prefix.rfind(b'}},{"') > sure[-1] + 1
    assert fakes_last, "no prefix ended just after a literal's }},{\""
