"""The cyclic collector's pause (pipeline.gcpause): off inside, its old state back after, across
nested pauses and the batch's worker threads."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

from pipeline.gcpause import paused


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_off_inside_and_on_after(collector_on):
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause is still under way
    assert gc.isenabled()


def test_a_collector_off_before_stays_off():
    was = gc.isenabled()
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_on_again_after_an_exception(collector_on):
    with pytest.raises(ValueError), paused():
        raise ValueError("a file that fails half way")
    assert gc.isenabled()


def test_overlapping_pauses_in_two_threads(collector_on):
    """Thread A's pause ends while thread B's goes on: the collector stays off until B's ends."""
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def a():
        with paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def b():
        a_in.wait(5)
        with paused():
            b_in.set()
            a_out.wait(5)
            seen["after A's end"] = gc.isenabled()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"after A's end": False}
    assert gc.isenabled()


def test_cycles_made_during_a_pause_are_collected_after(collector_on):
    class Node:
        pass

    with paused():
        n = Node()
        n.self = n  # a cycle: only the collector frees it
        ref = weakref.ref(n)
        del n
        assert ref() is not None
    gc.collect()
    assert ref() is None
