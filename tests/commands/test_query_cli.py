"""`bochum-kg query`: listing, the three output formats, and usage errors (exit code 2)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from named_query_helpers import CHECKOUT, iri

COMPETENCE_TITLES = {
    "https://w3id.org/bochum-strategie/competence/vorreiterin-modernen-stadtmanagements": "Vorreiterin modernen Stadtmanagements",
    "https://w3id.org/bochum-strategie/competence/grossstadt-mit-lebensgefuehl": "Großstadt mit Lebensgefühl",
    "https://w3id.org/bochum-strategie/competence/hotspot-der-live-kultur": "Hotspot der Live-Kultur",
    "https://w3id.org/bochum-strategie/competence/talentschmiede-im-ruhrgebiet": "Talentschmiede im Ruhrgebiet",
    "https://w3id.org/bochum-strategie/competence/shootingstar-der-wissensarbeit": "Shootingstar der Wissensarbeit",
}


def test_json_prints_the_five_competences_with_exact_titles(runner):
    code, out, err = runner("--project-root", str(CHECKOUT), "query", "competences", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [set(r) for r in rows] == [{"competence", "label", "goalAreaCount", "projectCount"}] * 5
    assert {r["competence"]: r["label"] for r in rows} == COMPETENCE_TITLES
    assert all(isinstance(r["goalAreaCount"], int) and isinstance(r["projectCount"], int) for r in rows)


@pytest.fixture
def fixture_root(semantics_settings):
    return str(semantics_settings.project_root)


def test_json_keeps_unbound_values_as_null_and_numbers_as_numbers(runner, fixture_root):
    code, out, _ = runner("--project-root", fixture_root, "query", "universities", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"university": iri("actor:uni-a"), "label": "Universität A", "students": 5000},
        {"university": iri("actor:uni-b"), "label": "Hochschule B", "students": 700},
        {"university": iri("actor:uni-c"), "label": "Hochschule C", "students": 300},
        {"university": iri("actor:uni-d"), "label": "Hochschule D", "students": None},
    ]


def test_csv_has_a_header_and_plain_values(runner, fixture_root):
    code, out, _ = runner("--project-root", fixture_root, "query", "goals", "--format", "csv",
                           "--param", "competence=" + iri("competence:alpha"), "--param", "lang=en")
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == [
        ["competence", "goalArea", "goalAreaLabel", "goal", "goalLabel"],
        [iri("competence:alpha"), iri("goalarea:a1"), "Area A1", iri("goal:g1"), "Goal one"],
        [iri("competence:alpha"), iri("goalarea:a1"), "Area A1", iri("goal:g2"), "Ziel zwei"],
        [iri("competence:alpha"), iri("goalarea:a2"), "Area A2", "", ""],
    ]


def test_table_is_aligned_with_prefixed_names(runner, fixture_root):
    code, out, _ = runner("--project-root", fixture_root, "query", "project-actors",
                           "--param", "project=" + iri("project:p1"))
    assert code == 0
    assert out.splitlines() == [
        "actor        label          role",
        "-----------  -------------  ------------",
        "actor:city   Stadt          role:lead",
        "actor:uni-a  Universität A  role:funder",
        "actor:uni-a  Universität A  role:partner",
        "(3 rows)",
    ]


def test_table_is_the_default_and_shows_ontology_terms_with_the_query_prefix(runner, fixture_root):
    code, out, _ = runner("--project-root", fixture_root, "query", "search", "--param", "text=alpha")
    assert code == 0
    assert out.splitlines()[2].split() == ["competence:alpha", "Große", "Alpha", "bs:Competence"]


@pytest.mark.parametrize("argv", [["query"], ["query", "--list"]])
def test_no_name_or_list_prints_the_catalogue(runner, catalogue, argv):
    code, out, _ = runner("--project-root", str(CHECKOUT), *argv)
    assert code == 0
    listed = [line.split(":", 1)[0] for line in out.splitlines() if not line.startswith(" ")]
    assert listed == list(catalogue)
    assert "    --param project=…  (iri, required)" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["query", "no-such-query"], "unknown query 'no-such-query'"),
        (["query", "project-actors"], "parameter 'project': missing"),
        (["query", "project-actors", "--param", "project=haus-des-wissens"], "parameter 'project': not an absolute IRI"),
        (["query", "timeline", "--param", "since=2017-02-30"], "parameter 'since': no such date"),
        (["query", "competences", "--param", "lang=fr"], "parameter 'lang': must be one of de, en"),
        (["query", "competences", "--param", "colour=blue"], "parameter 'colour': unknown parameter"),
        (["query", "competences", "--param", "lang"], "--param needs KEY=VALUE"),
        (["query", "competences", "--param", "lang=de", "--param", "lang=en"], "--param lang given twice"),
    ],
)
def test_wrong_use_exits_2_with_a_clear_message(runner, argv, message):
    code, out, err = runner("--project-root", str(CHECKOUT), *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and message in err


def test_a_broken_query_file_exits_2_naming_the_file(runner, tmp_path):
    import shutil

    shutil.copytree(CHECKOUT / "queries", tmp_path / "queries")
    (tmp_path / "queries" / "broken.rq").write_text("SELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    code, _, err = runner("--project-root", str(tmp_path), "query", "--list")
    assert code == 2
    assert "broken.rq" in err and "no '#+' header" in err


def test_running_one_query_does_not_need_the_others_to_parse(runner, semantics_settings, tmp_path):
    import shutil

    root = tmp_path / "checkout"
    shutil.copytree(semantics_settings.project_root, root)
    (root / "queries" / "broken.rq").write_text("SELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    code, out, err = runner("--project-root", str(root), "query", "tranches", "--format", "csv")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == iri("tranche:t1") + ",Tranche Eins,25,2016,2"
