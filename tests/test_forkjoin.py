"""util/forkjoin.py: the answer never depends on the fork, only the time."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from targettrack.util import forkjoin


def squares(items: list) -> dict:
    return {i: (i * i, str(i), None) for i in items}


@given(st.lists(st.integers(-1000, 1000), unique=True, max_size=40), st.integers(0, 10))
@settings(max_examples=25, deadline=None)
def test_in_two_is_the_work_done_in_one(items, at_least):
    assert forkjoin.in_two(items, squares, at_least=at_least) == squares(items)


def test_a_copy_that_fails_leaves_its_half_here():
    parent = os.getpid()

    def work(items):
        if os.getpid() != parent:
            raise RuntimeError("the copy fails")
        return squares(items)

    assert forkjoin.in_two(list(range(10)), work, at_least=2) == squares(range(10))


def test_a_result_marshal_cannot_write_is_made_here():
    parent = os.getpid()

    def work(items):
        return {i: (object() if os.getpid() != parent else i) for i in items}

    assert forkjoin.in_two(list(range(6)), work, at_least=2) == {i: i for i in range(6)}


def test_no_answer_from_either_half_is_no_answer():
    parent = os.getpid()
    assert forkjoin.in_two(list(range(8)), lambda items: None if os.getpid() != parent else {}, at_least=2) is None
    assert forkjoin.in_two(list(range(8)), lambda items: {} if os.getpid() != parent else None, at_least=2) is None


def test_an_error_here_waits_for_the_copy_and_is_raised(tmp_path):
    parent = os.getpid()

    def work(items):
        if os.getpid() == parent:
            raise ValueError("here")
        return {i: b"x" * 100_000 for i in items}  # more than a pipe holds: the copy must not wait forever

    with pytest.raises(ValueError, match="here"):
        forkjoin.in_two(list(range(20)), work, at_least=2)


def test_one_core_or_few_items_is_one_process(monkeypatch):
    given = []

    def work(items):
        given.append(len(items))  # in this process: all of them, not a half
        return squares(items)

    forkjoin.in_two([1, 2, 3], work, at_least=4)
    monkeypatch.setattr(forkjoin, "cores", lambda: 1)
    forkjoin.in_two(list(range(50)), work, at_least=2)
    assert given == [3, 50]
