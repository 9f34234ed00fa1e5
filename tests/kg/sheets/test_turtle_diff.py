"""The Turtle diff of a change: git's unified format, a/ and b/ names, /dev/null for new and removed files."""

from __future__ import annotations

from bochum_kg.kg.sheets import turtle_diff


def test_only_the_files_that_differ_and_only_their_changed_lines():
    old = {"a.ttl": "x:1\n    p:q x:2 ;\n    .\n", "same.ttl": "s\n", "gone.ttl": "g\n"}
    new = {"a.ttl": "x:1\n    p:q x:3 ;\n    .\n", "same.ttl": "s\n", "new.ttl": "n\n"}
    assert turtle_diff(old, new) == (
        "--- a/data/a.ttl\n+++ b/data/a.ttl\n@@ -1,3 +1,3 @@\n x:1\n-    p:q x:2 ;\n+    p:q x:3 ;\n     .\n"
        "--- a/data/gone.ttl\n+++ /dev/null\n@@ -1 +0,0 @@\n-g\n"
        "--- /dev/null\n+++ b/data/new.ttl\n@@ -0,0 +1 @@\n+n\n"
    )


def test_nothing_differs_nothing_to_show_and_a_missing_last_newline_is_said():
    assert turtle_diff({"a.ttl": "x\n"}, {"a.ttl": "x\n"}) == ""
    assert turtle_diff({"a.ttl": "x"}, {"a.ttl": "y\n"}).endswith("-x\n\\ No newline at end of file\n+y\n")
