"""The change report: resource by resource, as text and JSON, between folders or git revisions."""

from __future__ import annotations

import json
import shutil
import subprocess

from rdflib import Graph
from sheet_helpers import BASE, CHECKOUT

from bochum_kg.kg.sheets import ChangeWriter, changes

OLD = f"""@prefix bs: <{BASE}ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix project: <{BASE}project/> .
@prefix status: <{BASE}status/> .
@prefix actor: <{BASE}actor/> .
@prefix role: <{BASE}role/> .
@prefix participation: <{BASE}participation/> .
status:in-progress rdfs:label "in progress"@en .
status:implemented rdfs:label "implemented"@en .
role:lead rdfs:label "lead"@en .
actor:y a bs:Organisation ; rdfs:label "Actor Y"@en .
project:x a bs:CoreActivity ; rdfs:label "Project X"@en ; bs:status status:in-progress .
project:old a bs:CoreActivity ; rdfs:label "Old"@en .
"""
NEW = OLD.replace("bs:status status:in-progress .", "bs:status status:implemented ;\n"
                  "    bs:participation participation:x--y--lead .\n"
                  "participation:x--y--lead a bs:Participation ; bs:agent actor:y ; bs:role role:lead .").replace(
    'project:old a bs:CoreActivity ; rdfs:label "Old"@en .\n', "")


def _ontology() -> Graph:
    return Graph().parse(CHECKOUT / "ontology" / "bochum-strategie.ttl", format="turtle")


def _graphs():
    return Graph().parse(data=OLD, format="turtle"), Graph().parse(data=NEW, format="turtle")


def test_changes_as_text():
    old, new = _graphs()
    text = ChangeWriter(old, new, _ontology(), "en").text(changes(old, new))
    assert text == ("removed: project project/old “Old”\n"
                    "project project/x “Project X”: status in progress → implemented; "
                    "new participation: agent Actor Y, role lead\n")


def test_changes_as_dicts():
    old, new = _graphs()
    found = ChangeWriter(old, new, _ontology(), "en").as_dicts(changes(old, new))
    assert [(c["resource"], c["change"]) for c in found] == [
        ("participation/x--y--lead", "added"), ("project/old", "removed"), ("project/x", "changed")]
    assert found[2]["properties"] == [
        {"property": "participation", "iri": BASE + "ontology#participation", "removed": [],
         "added": ["participation/x--y--lead"]},
        {"property": "status", "iri": BASE + "ontology#status", "removed": ["in progress"], "added": ["implemented"]},
    ]


def test_diff_of_two_folders_and_of_two_git_revisions(project, cli, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "x.ttl").write_text(OLD, encoding="utf-8")
    (new / "x.ttl").write_text(NEW, encoding="utf-8")
    by_folder = cli(project, "diff", str(old), str(new))
    assert by_folder.exit_code == 0
    assert by_folder.stdout.splitlines()[1].startswith("project project/x “Project X”: status in progress → implemented")

    shutil.rmtree(project.data)
    shutil.copytree(old, project.data)
    git = ["git", "-C", str(project.root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "data"], check=True)
    subprocess.run([*git, "commit", "-qm", "old"], check=True)
    (project.data / "x.ttl").write_text(NEW, encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "new"], check=True)
    by_revision = cli(project, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert by_revision.exit_code == 0
    assert [c["resource"] for c in json.loads(by_revision.stdout)] == [
        "participation/x--y--lead", "project/old", "project/x"]


def test_diff_of_an_unknown_revision(project, cli):
    outcome = cli(project, "diff", "no-such-revision", "HEAD")
    assert outcome.exit_code == 2
    assert outcome.stderr.startswith("error: ")
