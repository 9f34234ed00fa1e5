"""/curate in a real browser on the real data: download the workbook, upload one with two errors and
see both, upload a valid edit and see the change preview and the diff; the report also at 390 px.

The screenshot of the report is kept as tests/artifacts/curate-report.png (README "Keeping the data
up to date").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curate_workbooks import NEW_PARTICIPATION, OTHER_PROJECT, PROJECT, sheets, two_errors, valid_edit


def cells(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        selector, "rows => rows.map(r => Array.from(r.querySelectorAll('th,td')).map(c => c.innerText.trim()))")


@pytest.fixture(scope="module")
def workbooks(browser, real_server, tmp_path_factory) -> dict[str, Path]:
    """The workbook as Chromium downloads it from the page, and the two edits of it."""
    folder = tmp_path_factory.mktemp("curate")
    context = browser.new_context(locale="de-DE", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(real_server + "/curate")
    with page.expect_download() as download:
        page.click("[data-role=download-workbook]")
    assert download.value.suggested_filename == "bochum-strategie-daten.xlsx"
    original = folder / "daten.xlsx"
    download.value.save_as(original)
    context.close()
    paths = {"original": original}
    for name, edit in (("two-errors", two_errors), ("valid", valid_edit)):
        paths[name] = folder / f"{name}.xlsx"
        paths[name].write_bytes(sheets.edit_workbook(original.read_bytes(), edit))
    return paths


def _upload(page, path: Path) -> None:
    page.set_input_files("#curate-file", str(path))
    with page.expect_navigation(timeout=120_000):  # the check of a valid workbook runs SHACL: seconds
        page.click("form.view-form button[type=submit]")
    page.wait_for_selector("[data-role=report]")


def test_a_planner_checks_a_workbook_with_two_errors_then_a_valid_one(page, real_server, workbooks, artifacts):
    page.set_default_timeout(120_000)
    page.goto(real_server + "/curate")

    _upload(page, workbooks["two-errors"])
    assert page.get_attribute("[data-role=report]", "data-state") == "invalid"
    rows = cells(page, "table[data-role=problems] tbody tr")
    assert sorted((row[2], row[3], row[4]) for row in rows) == [
        (OTHER_PROJECT, "Beginn", "31.02.2020"), (PROJECT, "Status", "status/erledigt")]
    assert all(row[0] == "Projekte" and row[1].isdigit() for row in rows)
    assert any("ist kein gültiges Datum" in row[5] for row in rows)
    assert any("ist kein bekannter Status" in row[5] for row in rows)
    page.locator("[data-role=report]").screenshot(path=str(artifacts / "curate-report.png"))
    page.screenshot(path=str(artifacts / "curate-report-page.png"), full_page=True)
    with page.expect_navigation():  # the row's link goes to the resource's page here
        page.click(f"table[data-role=problems] a[href='/{PROJECT}']")
    assert page.url.endswith(f"/{PROJECT}.html") and "Haus des Wissens" in page.inner_text("h1")
    page.goto(real_server + "/curate")  # not back: a report is no-store, going back would post the form again

    _upload(page, workbooks["valid"])
    assert page.get_attribute("[data-role=report]", "data-state") == "changed"
    changed = cells(page, f"table[data-role=change][data-resource='{PROJECT}'] tbody tr")
    assert changed == [["Beteiligung", "–", "Haus des Wissens – Ruhr-Universität Bochum (Partner)"],
                       ["Status", "in Umsetzung", "umgesetzt"]]
    assert page.locator(f"section[data-role=added] table[data-resource='{NEW_PARTICIPATION}']").count() == 1
    assert page.locator("section[data-role=removed]").count() == 0
    with page.expect_download() as download:
        page.click("[data-role=download-diff]")
    assert download.value.suggested_filename == "daten.diff"
    diff = Path(download.value.path()).read_text(encoding="utf-8")
    assert "-    bs:status status:in-progress ;\n" in diff and "+    bs:status status:implemented ;\n" in diff
    assert page.inner_text("[data-role=diff]").strip() == diff.strip()
    page.screenshot(path=str(artifacts / "curate-preview.png"), full_page=True)
    assert page.console_log.errors == []


def test_the_report_fits_a_phone_and_axe_finds_nothing_serious(phone, real_server, workbooks, artifacts, axe_violations):
    phone.set_default_timeout(120_000)
    phone.goto(real_server + "/curate")
    _upload(phone, workbooks["two-errors"])
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(artifacts / "curate-report-390.png"), full_page=True)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in axe_violations(phone)
               if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)
