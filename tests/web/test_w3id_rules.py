"""The w3id.org redirect rules (docs/w3id/.htaccess): in step with the route table, and (where
Apache is installed: `apt-get install apache2`) answering as docs/w3id/README.md says."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

from bochum_kg.web import routes
from bochum_kg.web.iris import DOCUMENT_SUFFIXES

HTACCESS = Path(__file__).resolve().parents[2] / "docs" / "w3id" / ".htaccess"
TARGET = "https://daten.bochum-strategie.example"
THING_SEGMENTS = {"ontology", "graph"}  # their paths are IRIs of things: negotiated, not passed on


def passed_on() -> set[str]:
    """The first path segments the rules pass on to the service unchanged."""
    text = HTACCESS.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.startswith("RewriteRule ^((sparql|"))
    names = re.search(r"\^\(\((.*?)\)\(/\.\*\)\?\|(.*?)\|\[a-z-\]\+/\)\$", line)
    return {n.replace("\\.", ".") for n in names.group(1).split("|") + names.group(2).split("|")}


def test_every_service_path_of_the_route_table_is_passed_on():
    segments = set()
    for route in routes.ROUTES:
        first = route.rule.split("/")[1]
        if first and "<" not in first:
            segments.add(first.split(".<")[0])
    assert sorted(segments - passed_on() - THING_SEGMENTS) == []


def test_every_document_suffix_is_negotiated():
    text = HTACCESS.read_text(encoding="utf-8")
    for suffix in DOCUMENT_SUFFIXES:
        assert f"/$1.{suffix} [R=303" in text, suffix


CASES = [
    ("project/haus-des-wissens", None, 303, "/project/haus-des-wissens.html"),
    ("project/haus-des-wissens", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", 303, "/project/haus-des-wissens.html"),
    ("project/haus-des-wissens?lang=en", "text/turtle", 303, "/project/haus-des-wissens.ttl?lang=en"),
    ("project/haus-des-wissens", "application/ld+json", 303, "/project/haus-des-wissens.jsonld"),
    ("project/haus-des-wissens", "application/rdf+xml", 303, "/project/haus-des-wissens.rdf"),
    ("project/haus-des-wissens", "application/n-triples", 303, "/project/haus-des-wissens.nt"),
    ("project/haus-des-wissens", "text/turtle;q=0.5, application/ld+json", 307, "/project/haus-des-wissens"),
    ("project/haus-des-wissens.ttl", None, 302, "/project/haus-des-wissens.ttl"),
    ("ontology", "text/turtle", 303, "/ontology.ttl"),
    ("ontology", None, 303, "/ontology.html"),
    ("graph/projects", "application/n-triples", 303, "/graph/projects.nt"),
    ("", "text/turtle", 303, "/dataset.ttl"),
    ("", None, 302, "/"),
    ("project/", None, 302, "/project/"),
    ("sparql?query=ASK%7B%7D", None, 302, "/sparql?query=ASK%7B%7D"),
    ("dumps/bochum-strategie.ttl.gz", None, 302, "/dumps/bochum-strategie.ttl.gz"),
    (".well-known/void", None, 302, "/.well-known/void"),
]


@pytest.fixture(scope="module")
def apache():
    binary = shutil.which("apache2") or "/usr/sbin/apache2"
    modules = Path("/usr/lib/apache2/modules")
    if not Path(binary).exists() or not (modules / "mod_rewrite.so").exists():
        pytest.fail("Apache is not installed: run `make install-test` (scripts/ensure-chromium.sh installs apache2)")

    root = Path(tempfile.mkdtemp(prefix="w3id-"))  # Apache's user must be able to read it: not below pytest's 0700 folder
    (root / "docroot" / "bochum-strategie").mkdir(parents=True)
    shutil.copy(HTACCESS, root / "docroot" / "bochum-strategie" / ".htaccess")
    port = _free_port()
    config = root / "httpd.conf"
    config.write_text(f"""ServerRoot /etc/apache2
PidFile {root}/httpd.pid
Listen 127.0.0.1:{port}
LoadModule mpm_event_module {modules}/mod_mpm_event.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule rewrite_module {modules}/mod_rewrite.so
LoadModule headers_module {modules}/mod_headers.so
ErrorLog {root}/error.log
ServerName localhost
User www-data
Group www-data
DocumentRoot {root}/docroot
<Directory {root}/docroot>
  AllowOverride All
  Require all granted
</Directory>
""")
    for path in (root, root / "docroot", root / "docroot" / "bochum-strategie"):
        path.chmod(0o755)
    (root / "docroot" / "bochum-strategie" / ".htaccess").chmod(0o644)
    subprocess.run([binary, "-f", str(config), "-k", "start"], check=True)
    url = f"http://127.0.0.1:{port}/bochum-strategie/"
    for _ in range(50):
        try:
            requests.get(url, allow_redirects=False, timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    yield url
    subprocess.run([binary, "-f", str(config), "-k", "stop"], check=False)
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("path, accept, status, location", CASES)
def test_apache_answers_as_documented(apache, path, accept, status, location):
    response = requests.get(apache + path, headers={"Accept": accept} if accept else {"Accept": ""}, allow_redirects=False, timeout=5)
    assert (response.status_code, response.headers.get("Location")) == (status, TARGET + location)
    assert "Accept" in response.headers.get("Vary", "")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
