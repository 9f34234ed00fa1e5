"""The query threads' hand-off (kg/store/deadline.py Job): what the stores rely on of a Future."""

from __future__ import annotations

import threading
from concurrent.futures import CancelledError
from concurrent.futures import TimeoutError as FutureTimeout

import pytest

from bochum_kg.kg.store import deadline


def test_a_result_an_error_and_the_states_come_back_from_the_query_thread():
    assert deadline.run_with_deadline(lambda: 42, 5) == 42
    with pytest.raises(KeyError, match="gone"):
        deadline.run_with_deadline(lambda: {}["gone"], 5)
    job = deadline.start(lambda: "done")
    assert job.result(timeout=5) == "done" and job.result() == "done"  # asked again: the same answer
    assert job.done() and not job.running() and not job.cancel()


def test_a_waiter_times_out_while_the_job_runs_and_can_wait_again():
    release = threading.Event()
    job = deadline.start(lambda: release.wait(5) and "late")
    with pytest.raises(FutureTimeout):
        job.result(timeout=0.05)
    assert job.running() and not job.done() and not job.cancel()  # started: it cannot be cancelled
    release.set()
    assert job.result(timeout=5) == "late" and job.done()


def test_a_job_cancelled_before_a_thread_takes_it_never_runs():
    ran = []
    job = deadline.Job(lambda: ran.append(1))
    assert job.cancel() and job.cancel() and job.done()
    assert not job.start()  # what a query thread does with it
    with pytest.raises(CancelledError):
        job.result(timeout=0)
    assert ran == []


def test_several_waiters_all_get_the_result():
    release = threading.Event()
    job = deadline.start(lambda: release.wait(5) and 7)
    seen = []
    waiters = [threading.Thread(target=lambda: seen.append(job.result(timeout=5))) for _ in range(4)]
    for waiter in waiters:
        waiter.start()
    release.set()
    for waiter in waiters:
        waiter.join(5)
    assert seen == [7, 7, 7, 7]
