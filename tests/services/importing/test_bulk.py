"""The cycle collector paused for bulk work: back as it was once the last pause ends, whatever happens."""

import gc
import threading

import pytest

from coorace_desktop.services.importing.bulk import collector_paused


def test_the_collector_is_back_after_a_pause_even_one_that_failed():
    assert gc.isenabled()
    with pytest.raises(OSError), collector_paused():
        assert not gc.isenabled()
        raise OSError("disque débranché")
    assert gc.isenabled()


def test_overlapping_pauses_end_with_the_last_one():
    first_in, second_done = threading.Event(), threading.Event()
    seen = []

    def second_job():
        first_in.wait()
        with collector_paused():
            pass
        seen.append(gc.isenabled())  # the first pause still runs
        second_done.set()

    job = threading.Thread(target=second_job)
    job.start()
    with collector_paused():
        first_in.set()
        second_done.wait(10)
        seen.append(gc.isenabled())
    job.join()
    assert seen == [False, False] and gc.isenabled()


def test_a_collector_turned_off_before_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
