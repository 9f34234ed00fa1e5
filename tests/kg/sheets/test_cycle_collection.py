"""`bochum-kg sheet` holds Python's cycle collector off while it runs, and leaves it as it was."""

from __future__ import annotations

import gc

import pytest

import bochum_kg.commands.sheet as sheet_command


def test_the_collector_is_off_during_an_import_and_on_again_after(project, cli, monkeypatch):
    seen = []
    load = sheet_command.load_current
    monkeypatch.setattr(sheet_command, "load_current", lambda settings: seen.append(gc.isenabled()) or load(settings))
    assert gc.isenabled()
    assert cli(project, "sheet", "normalise").exit_code == 0
    assert seen == [False] and gc.isenabled()


def test_the_collector_is_on_again_after_an_error_and_stays_off_if_it_was():
    with pytest.raises(RuntimeError), sheet_command.without_cycle_collection():
        raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with sheet_command.without_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
