"""/curate: download the workbook, upload an edited one, see its problems or its changes; nothing is written.

The app is the session's app on the real checkout (tests/conftest.py): the uploads are checked
against the real data/, and every test here proves that data/ is byte for byte what it was.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bochum_kg.kg.sheets import read_workbook
from curate_workbooks import NEW_PARTICIPATION, OTHER_PROJECT, PROJECT, SOURCE, sheets, two_errors, valid_edit

CHECKOUT = Path(__file__).resolve().parents[2]
DATA = CHECKOUT / "data"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _data_files() -> dict[str, bytes]:
    """Every file of data/, hidden ones included (a temporary file left behind would show)."""
    return {p.name: p.read_bytes() for p in sorted(DATA.iterdir())}


@pytest.fixture(autouse=True)
def data_untouched():
    """The service writes nothing: data/ is byte-identical after every test of this module."""
    before = _data_files()
    yield
    assert _data_files() == before


@pytest.fixture(scope="module")
def workbook(app) -> bytes:
    """The current workbook as the page offers it (German)."""
    response = app.test_client().get("/curate/workbook.xlsx?lang=de")
    assert response.status_code == 200
    return response.data


def _upload(client, content: bytes, query: str = "", name: str = "daten.xlsx", **headers):
    return client.post("/curate" + query, data={"workbook": (io.BytesIO(content), name)},
                       content_type="multipart/form-data", headers=headers)


class _Tables(HTMLParser):
    """The page's tables by data-role: rows of cell texts, and the links in each row."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._table: dict | None = None
        self._cell: list[str] | None = None
        self._row: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = {"role": attrs.get("data-role"), "resource": attrs.get("data-resource"), "rows": [],
                           "links": []}
            self.tables.append(self._table)
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table["rows"].append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "a" and self._table is not None and attrs.get("href"):
            self._table["links"].append(attrs["href"])
        elif tag == "li" and self._cell is not None and self._cell:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr":
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _tables(html: bytes, role: str) -> list[dict]:
    parser = _Tables()
    parser.feed(html.decode("utf-8"))
    return [t for t in parser.tables if t["role"] == role]


def _problem_rows(html: bytes) -> list[list[str]]:
    (table,) = _tables(html, "problems")
    return table["rows"][1:]  # the header row first


# --- the page and the download ---------------------------------------------------------------------


@pytest.mark.parametrize("lang, title", [("de", "Daten in einer Tabelle pflegen"),
                                         ("en", "Keep the data up to date in a spreadsheet")])
def test_the_page_offers_the_workbook_and_an_upload_form(client, lang, title):
    page = client.get(f"/curate?lang={lang}").get_data(as_text=True)
    assert f"<h1>{title}</h1>" in page
    assert f'href="/curate/workbook.xlsx?lang={lang}"' in page
    assert re.search(r'<form class="view-form" action="/curate\?lang=' + lang + '" method="post" enctype="multipart/form-data"', page)
    assert '<label for="curate-file">' in page and 'id="curate-file" name="workbook" type="file"' in page
    assert "bochum-kg sheet import daten.xlsx" in page


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_home_page_links_to_it_from_the_planners_box(client, lang):
    page = client.get(f"/?lang={lang}").get_data(as_text=True)
    planners = page[page.index({"de": "Für Planerinnen und Planer", "en": "For planners"}[lang]):]
    planners = planners[:planners.index("</div>")]
    assert f'<a href="/curate?lang={lang}">' in planners


def test_the_download_is_a_workbook_that_reads_back_unchanged(app, client, workbook):
    current = app.extensions["bochum_kg"].sheets()
    response = client.get("/curate/workbook.xlsx?lang=de")
    assert response.headers["Content-Type"] == XLSX
    assert response.headers["Content-Disposition"] == 'attachment; filename="bochum-strategie-daten.xlsx"'
    reading = read_workbook(workbook, current.model)
    assert reading.problems == [] and reading.lang == "de"
    assert set(reading.graph) == set(current.data)
    english = client.get("/curate/workbook.xlsx?lang=en")
    assert english.headers["Content-Disposition"] == 'attachment; filename="bochum-strategy-data.xlsx"'
    assert read_workbook(english.data, current.model).lang == "en"


# --- reports ------------------------------------------------------------------------------------------


def test_an_upload_with_two_errors_lists_both_with_sheet_row_and_column(client, workbook):
    rows = {}
    response = _upload(client, sheets.edit_workbook(workbook, lambda wb: rows.update(two_errors(wb))))

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert 'data-state="invalid"' in response.get_data(as_text=True)
    found = _problem_rows(response.data)
    assert [row[:5] for row in found] == sorted([  # in the order of the sheet's rows
        ["Projekte", str(rows["status"]), PROJECT, "Status", "status/erledigt"],
        ["Projekte", str(rows["start"]), OTHER_PROJECT, "Beginn", "31.02.2020"],
    ], key=lambda row: int(row[1]))
    texts = sorted(row[5] for row in found)
    assert texts[0] == "‚31.02.2020‘ ist kein gültiges Datum (JJJJ-MM-TT, JJJJ-MM, JJJJ oder TT.MM.JJJJ)"
    assert texts[1].startswith("‚status/erledigt‘ ist kein bekannter Status (meinten Sie ")
    (table,) = _tables(response.data, "problems")
    assert sorted(table["links"]) == ["/" + OTHER_PROJECT, "/" + PROJECT]  # the rows' own pages


def test_a_valid_edit_shows_exactly_its_changes_and_the_diff_of_its_lines(client, workbook):
    edited = sheets.edit_workbook(workbook, valid_edit)
    response = _upload(client, edited)

    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    html = response.data
    assert 'data-state="changed"' in html.decode()
    assert _tables(html, "problems") == []
    changes = {(t["resource"]): t for t in _tables(html, "change")}
    assert sorted(changes) == [NEW_PARTICIPATION, PROJECT]
    assert changes[PROJECT]["rows"][1:] == [  # property | old | new, and nothing else
        ["Beteiligung", "–", "Haus des Wissens – Ruhr-Universität Bochum (Partner)"],  # linked resources by label
        ["Status", "in Umsetzung", "umgesetzt"],
    ]
    assert sorted(changes[NEW_PARTICIPATION]["rows"][1:]) == [
        ["Akteur", "Ruhr-Universität Bochum"],
        ["Klasse", "bs:Participation"],
        ["Name", "„Haus des Wissens – Ruhr-Universität Bochum (Partner)“"],
        ["Quellen", SOURCE],
        ["Rolle", "Partner"],
    ]
    assert changes[PROJECT]["links"] == ["/" + PROJECT] and changes[NEW_PARTICIPATION]["links"] == []  # no page yet

    diff = _upload(client, edited, "?format=diff")
    assert diff.status_code == 200
    assert diff.headers["Content-Type"] == "text/x-diff; charset=utf-8"
    assert diff.headers["Cache-Control"] == "no-store"
    text = diff.get_data(as_text=True)
    assert [line for line in text.splitlines() if line.startswith(("---", "+++"))] == [
        "--- a/data/projects.ttl", "+++ b/data/projects.ttl"]
    body = [line for line in text.splitlines() if line[:1] in "+-" and not line.startswith(("---", "+++"))]
    assert Counter(line for line in body if line.startswith("-")) == Counter(["-    bs:status status:in-progress ;"])
    assert Counter(line for line in body if line.startswith("+")) == Counter([
        "+    bs:status status:implemented ;",
        "+    bs:participation participation:haus-des-wissens--ruhr-universitaet-bochum--partner ;",
        "+participation:haus-des-wissens--ruhr-universitaet-bochum--partner",
        "+    a bs:Participation ;",
        '+    rdfs:label "Haus des Wissens – Ruhr-Universität Bochum (Partner)"@de ;',
        "+    bs:agent actor:ruhr-universitaet-bochum ;",
        "+    bs:role role:partner ;",
        f"+    dcterms:source <{SOURCE}> ;",
        "+    .",
        "+",
    ])
    link = re.search(r'href="data:text/x-diff;charset=utf-8;base64,([A-Za-z0-9+/=]+)" download="daten.diff"', html.decode())
    assert link is not None and base64.b64decode(link.group(1)).decode("utf-8") == text  # the page's download link


def test_a_workbook_without_changes_says_so(client, workbook):
    response = _upload(client, workbook)
    assert response.status_code == 200
    assert 'data-state="unchanged"' in response.get_data(as_text=True)
    assert _upload(client, workbook, "?format=diff").data == b""


def _broken_sheet(workbook: bytes) -> bytes:
    """The workbook with its second sheet's XML cut in half."""
    source, out = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, data[:len(data) // 2] if info.filename == "xl/worksheets/sheet2.xml" else data)
    return out.getvalue()


def _with_formula(workbook: bytes) -> bytes:
    return sheets.edit_workbook(workbook, lambda wb: sheets.set_cell(wb["Projekte"], PROJECT, "Status", '=CONCAT("status/", "planned")'))


@pytest.mark.parametrize("make, lang, state, message", [
    (lambda wb: b"Kennung;Klasse\nproject/x;bs:CoreActivity\n", "de", "unreadable",
     "keine Excel-Arbeitsmappe (.xlsx) und kein Ordner mit CSV-Dateien: File is not a zip file"),
    (lambda wb: b"PK\x03\x04 not really a zip", "en", "unreadable",
     "not an Excel workbook (.xlsx) nor a folder of CSV files: File is not a zip file"),
    (_broken_sheet, "de", "unreadable", "keine Excel-Arbeitsmappe (.xlsx) und kein Ordner mit CSV-Dateien: "),
    # the messages about cells come in the workbook's language (German here), whatever the page's
    (_with_formula, "en", "invalid", "‚=CONCAT(\"status/\", \"planned\")‘ ist eine Formel; bitte nur Werte eintragen"),
])
def test_a_bad_upload_gets_the_sheets_modules_message_and_no_traceback(client, workbook, make, lang, state, message):
    response = _upload(client, make(workbook), f"?lang={lang}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'data-state="{state}"' in page and "Traceback" not in page
    texts = [row[5] for row in _problem_rows(response.data)]
    assert len(texts) == 1 and message in texts[0]


def test_the_diff_of_an_invalid_workbook_is_refused_with_its_problems(client, workbook):
    response = _upload(client, _with_formula(workbook), "?format=diff")
    assert response.status_code == 422 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["status"] == 422 and [p["column"] for p in body["problems"]] == ["Status"]


def test_everything_from_the_upload_is_escaped(client, workbook):
    hostile = "<script>alert(1)</script>"
    edited = sheets.edit_workbook(workbook, lambda wb: sheets.set_cell(wb["Projekte"], PROJECT, "Status", hostile))
    response = _upload(client, edited, name='<img src=x onerror="alert(2)">.xlsx')
    page = response.get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=" in page


# --- what a request may be ---------------------------------------------------------------------------


def test_a_post_without_a_file_is_a_400_page(client):
    response = client.post("/curate?lang=en", data={"other": "x"}, content_type="multipart/form-data")
    assert response.status_code == 400 and response.headers["Cache-Control"] == "no-store"
    assert "Please choose a workbook (.xlsx)." in response.get_data(as_text=True)


def test_an_upload_above_5_mb_is_a_413_with_a_clear_page(app, client):
    limit = app.extensions["bochum_kg"].settings.max_upload_bytes
    assert limit == 5 * 1024 * 1024
    response = _upload(client, b"x" * (limit + 1), "?lang=en")
    assert response.status_code == 413
    assert "The file is larger than 5 MB and was not read." in response.get_data(as_text=True)
    as_json = _upload(client, b"x" * (limit + 1), "?format=diff", Accept="application/json")
    assert as_json.status_code == 413 and as_json.get_json()["status"] == 413


def test_uploads_up_to_the_limit_are_read_in_memory_and_other_routes_keep_their_1_mb(client, monkeypatch):
    import tempfile

    def no_disk(*args, **kwargs):
        raise AssertionError("an upload was spooled to disk")

    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", no_disk)
    monkeypatch.setattr(tempfile, "TemporaryFile", no_disk)
    response = _upload(client, b"x" * (2 * 1024 * 1024), "?lang=en")  # above the app's 1 MB, below the 5 MB
    assert response.status_code == 200
    assert "not an Excel workbook (.xlsx)" in response.get_data(as_text=True)
    big_query = client.post("/sparql", data={"query": "ASK {}" + " " * (2 * 1024 * 1024)})
    assert big_query.status_code == 413


def test_the_data_files_on_disk_are_byte_identical_after_a_valid_upload_and_its_diff(client, workbook):
    before = _data_files()
    edited = sheets.edit_workbook(workbook, lambda wb: sheets.set_cell(wb["Projekte"], PROJECT, "Status", "status/implemented"))
    assert _upload(client, edited).status_code == 200
    assert _upload(client, edited, "?format=diff").status_code == 200
    assert _data_files() == before


def test_under_the_public_server_an_upload_takes_5_mb_and_not_more(running_server):
    import requests

    server = running_server(workers=1, threads=2)
    files = {"workbook": ("daten.xlsx", b"x" * (2 * 1024 * 1024))}  # past the admission's 1 MB for other routes
    response = requests.post(server.url + "/curate?lang=en", files=files, timeout=60)
    assert response.status_code == 200 and "not an Excel workbook (.xlsx)" in response.text
    files = {"workbook": ("daten.xlsx", b"x" * (5 * 1024 * 1024 + 1))}
    response = requests.post(server.url + "/curate?lang=en", files=files, headers={"Accept": "text/html"}, timeout=60)
    assert response.status_code == 413 and "The file is larger than 5 MB" in response.text
