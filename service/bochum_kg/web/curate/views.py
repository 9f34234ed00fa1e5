"""The /curate page: download the workbook, upload an edited one, see its problems or its changes.

    GET  /curate                the page: the current workbook to download, a form to upload one
    GET  /curate/workbook.xlsx  the served data as a workbook (?lang=de|en; default: the page's)
    POST /curate                multipart, field "workbook": the validation report (sheet, row,
                                column, value, problem) or the preview of the change (resources
                                added, removed, changed; the Turtle diff as a data: link);
                                ?format=diff answers the diff itself (text/x-diff), for scripts

Nothing is written, anywhere: the upload is read in memory (web/http/uploads.py, at most
Settings.max_upload_bytes), checked with the sheets module (kg.sheets.preview) against data/ as
this process read it, and forgotten with the answer. Applying a change stays the job of
`bochum-kg sheet import`, run by someone who may change the checkout. No server-side state, so
no CSRF token either: a forged POST could only show its sender a report.
"""

from __future__ import annotations

import logging

from flask import Response, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from bochum_kg.web.context import kg
from bochum_kg.web.errors import respond
from bochum_kg.web.i18n import LANGUAGES, request_language, t
from bochum_kg.web.layout import html_response

log = logging.getLogger("bochum_kg.web")

FIELD = "workbook"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORKBOOK_NAMES = {"de": "bochum-strategie-daten.xlsx", "en": "bochum-strategy-data.xlsx"}
FORMATS = ("html", "diff")

# The sheets module (openpyxl, pySHACL, web/curate/report.py) is imported by the requests that use
# it, not with the routes: every server and CLI start would pay for it (~0.2 s CPU) otherwise.


def page():
    if request.method == "GET":
        return _page()
    fmt = request.args.get("format", "html")
    if fmt not in FORMATS:
        return _no_store(respond(400, None, f"format must be one of {', '.join(FORMATS)}, got {fmt!r}"))
    try:
        upload = request.files.get(FIELD)
    except RequestEntityTooLarge:
        return _refused(413, t("curate.too_large").format(mb=_megabytes(kg().settings.max_upload_bytes)), fmt)
    if upload is None or not upload.filename:
        return _refused(400, t("curate.no_file"), fmt)
    content = upload.read()
    if not content:
        return _refused(400, t("curate.empty_file"), fmt)
    current = _current()
    if current is None:
        return _refused(503, t("curate.no_data"), fmt)
    from bochum_kg.kg.sheets import preview
    from bochum_kg.web.curate.report import build_report

    found = preview(content, current, kg().settings, request_language())
    if fmt == "diff":
        return _diff(found)
    report = build_report(found, current, upload.filename, request_language())
    return _no_store(_page(report=report))


def workbook():
    lang = request.args.get("lang")
    lang = lang if lang in LANGUAGES else request_language()
    current = _current()
    if current is None:
        return respond(503, None, t("curate.no_data"))
    from bochum_kg.kg.sheets import export_xlsx

    response = Response(export_xlsx(current.data, current.model, lang), mimetype=XLSX)
    response.headers["Content-Disposition"] = f'attachment; filename="{WORKBOOK_NAMES[lang]}"'
    response.headers["Content-Language"] = lang
    return response


def _current():
    """data/ as this process read it, or None (logged) when it cannot be read."""
    from bochum_kg.kg.sheets.data_folder import DataSourceError

    try:
        return kg().sheets()
    except DataSourceError as err:
        log.warning("curate: data/ cannot be read: %s", err)
        return None


def _page(report=None, status: int = 200, message: str | None = None) -> Response:
    from bochum_kg.web.curate.report import DIFF_FILE_NAME

    settings = kg().settings
    html = render_template("curate/curate.html", report=report, message=message, field=FIELD,
                           max_mb=_megabytes(settings.max_upload_bytes), diff_file_name=DIFF_FILE_NAME)
    return html_response(html, status)


def _refused(status: int, message: str, fmt: str) -> Response:
    """A request that gets no report: the page with the reason (or the error shape, for ?format=diff)."""
    if fmt == "diff":
        return _no_store(respond(status, None, message))
    return _no_store(_page(status=status, message=message))


def _diff(found) -> Response:
    from bochum_kg.web.curate.report import DIFF_FILE_NAME, DIFF_MEDIA_TYPE

    if not found.verdict.ok:
        problems = [p.as_dict() for p in found.verdict.problems]
        return _no_store(respond(422, None, t("curate.diff_refused").format(count=len(problems)), problems=problems))
    response = Response(found.diff, content_type=f"{DIFF_MEDIA_TYPE}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{DIFF_FILE_NAME}"'
    return _no_store(response)


def _no_store(response: Response) -> Response:
    """The answers to an upload are about that upload alone: no cache keeps them."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"
