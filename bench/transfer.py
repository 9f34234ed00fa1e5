"""Bytes a browser transfers for a page and everything it loads, on a first and a repeat visit.

    PYTHONPATH=service python bench/transfer.py                      # this checkout
    PYTHONPATH=service python bench/transfer.py --compare-with DIR   # and another checkout (e.g. before a change)

Each page is asked for through the Flask test client as a current browser would
(`Accept-Encoding: gzip, deflate, br, zstd`, `Accept-Language: de`), together with every file of
/static/ its HTML names (scripts, style sheets, the icon). A transfer is the response's status
line, headers and body as sent (compressed where it was). The repeat visit replays a browser
cache: a file answered with `Cache-Control: max-age` (and `immutable`) is not asked for again;
everything else is revalidated with `If-None-Match` (a 304: headers only) — browsers may also
reuse files without `max-age` for a while by heuristics, which this leaves out. Requests and
connection framing are not counted. The other checkout runs this same file in a subprocess with
its own `service/` on PYTHONPATH; its vendor files must be built (`sh scripts/build-assets.sh`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

PAGES = [
    ("home", "/"),
    ("project page", "/project/haus-des-wissens.html"),
    ("workbench", "/workbench"),
    ("explorer", "/explore?resource=https://w3id.org/bochum-strategie/project/haus-des-wissens"),
]
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
           "Accept-Encoding": "gzip, deflate, br, zstd", "Accept-Language": "de-DE,de;q=0.9"}
STATIC_REFERENCE = re.compile(r'(?:src|href)="([^"]*/static/[^"]+)"')


def wire_bytes(response) -> int:
    head = len(f"HTTP/1.1 {response.status}\r\n") + sum(len(k) + len(v) + 4 for k, v in response.headers.items()) + 2
    return head + len(response.get_data())


def visit(client, path: str) -> dict:
    """(first visit bytes, repeat visit bytes, requests on the repeat visit) for one page."""
    cache: dict[str, tuple[str | None, bool]] = {}  # url -> (etag, fresh without asking)
    first = 0
    page = client.get(path, headers=BROWSER)
    first += wire_bytes(page)
    cache[path] = (page.headers.get("ETag"), "max-age" in (page.headers.get("Cache-Control") or ""))
    urls = list(dict.fromkeys(u.replace("&amp;", "&") for u in STATIC_REFERENCE.findall(page.get_data(as_text=True) if "Content-Encoding" not in page.headers else _decoded(page))))
    for url in urls:
        response = client.get(url, headers=BROWSER)
        assert response.status_code == 200, (url, response.status_code)
        first += wire_bytes(response)
        cache[url] = (response.headers.get("ETag"), "max-age" in (response.headers.get("Cache-Control") or ""))
    repeat, asked = 0, 0
    for url, (etag, fresh) in cache.items():
        if fresh:
            continue
        asked += 1
        repeat += wire_bytes(client.get(url, headers={**BROWSER, **({"If-None-Match": etag} if etag else {})}))
    return {"first": first, "repeat": repeat, "files": len(urls) + 1, "asked_again": asked}


def _decoded(response) -> str:
    import gzip

    body = response.get_data()
    coding = response.headers["Content-Encoding"]
    if coding == "gzip":
        return gzip.decompress(body).decode("utf-8")
    if coding == "br":
        import brotli

        return brotli.decompress(body).decode("utf-8")
    raise ValueError(coding)


def measure(project_root: Path) -> dict:
    from bochum_kg.config import Settings
    from bochum_kg.web.app import create_app

    app = create_app(Settings(project_root=project_root, validate_on_start=False))
    client = app.test_client()
    return {name: visit(client, path) for name, path in PAGES}


def table(results: dict[str, dict], labels: list[str]) -> str:
    kb = lambda n: f"{n / 1000:,.1f} kB"  # noqa: E731
    head = "| page | " + " | ".join(f"first visit, {label}" for label in labels) + " | " + \
           " | ".join(f"repeat visit, {label}" for label in labels) + " |"
    lines = [head, "|---" * (1 + 2 * len(labels)) + "|"]
    for name, _ in PAGES:
        firsts = [kb(results[label][name]["first"]) + f" ({results[label][name]['files']} files)" for label in labels]
        repeats = [kb(results[label][name]["repeat"]) + f" ({results[label][name]['asked_again']} asked)" for label in labels]
        lines.append(f"| {name} | " + " | ".join(firsts) + " | " + " | ".join(repeats) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project-root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--compare-with", type=Path, help="another checkout, measured first (its column comes first)")
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON (used for --compare-with)")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.project_root)))
        return 0
    results, labels = {}, []
    if args.compare_with:
        other = args.compare_with.resolve()
        env = {**os.environ, "PYTHONPATH": str(other / "service")}
        out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--json", "--project-root", str(other)],
                             env=env, check=True, capture_output=True, text=True).stdout
        results["before"] = json.loads(out.strip().splitlines()[-1])
        labels.append("before")
    results["now"] = measure(args.project_root)
    labels.append("now")
    print(table(results, labels))
    return 0


if __name__ == "__main__":
    sys.exit(main())
