"""Every script in bench/ imports (its imports from other bench modules still exist): a broken import
is found here, not by the next person who wants to measure (bench/scale.py once imported a function
that bench/soak.py no longer had)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.mark.parametrize("script", sorted(p.stem for p in BENCH.glob("*.py")))
def test_bench_script_imports(script, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    for name in [n for n in sys.modules if n == script]:
        monkeypatch.delitem(sys.modules, name)
    module = importlib.import_module(script)
    assert module.__file__ == str(BENCH / f"{script}.py")
