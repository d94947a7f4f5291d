"""Every public value pickles and deep-copies, in-memory fields included.

Results can come back from worker processes: the people behind distinct
headcounts stay with the values through pickle and copy (only JSON drops
them), so that values computed apart still add up to distinct counts.
"""

from __future__ import annotations

import copy
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samcore import Headcount, Managers, Reports, SickLeave, Turnover, build_reports, roll_up
from samcore import strategies as sst
from test_fuzz import TYPES

SRC = Path(__file__).resolve().parent.parent / "src"


def people(value: Any) -> object:
    """The in-memory people of a value that keeps them, or None."""
    if isinstance(value, SickLeave):
        return [c.people for c in value.cells]
    if isinstance(value, Turnover):
        return value.presence
    if isinstance(value, Managers):
        return (value.people, value.certified_people)
    if isinstance(value, Headcount):
        return value.people
    return None


@pytest.mark.parametrize(("cls", "strategy"), TYPES, ids=[c.__name__ for c, _ in TYPES])
def test_pickle_and_deepcopy(cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
    """pickle.loads(pickle.dumps(x)) == x and copy.deepcopy(x) == x, people included."""

    @settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy)
    def check(value: Any) -> None:
        for protocol in (2, pickle.HIGHEST_PROTOCOL):
            back = pickle.loads(pickle.dumps(value, protocol=protocol))
            assert value == back
            assert people(value) == people(back)
        twin = copy.deepcopy(value)
        assert value == twin
        assert people(value) == people(twin)
        assert value == copy.copy(value)

    check()


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(sst.datasets(max_units=5, max_employees=4))
def test_reports_pickle_with_people(data: Any) -> None:
    """Rolled-up Reports (a dict with .org and .own) pickle and copy, and so do their people."""
    reports = roll_up(data.org, build_reports(data, 2024))
    reports.published()  # a cache, not pickled
    for back in (pickle.loads(pickle.dumps(reports)), copy.deepcopy(reports)):
        assert isinstance(back, Reports)
        assert dict(reports) == dict(back)
        assert reports.org == back.org
        assert reports.own == back.own
        for uid, report in reports.items():
            assert people(report.sick_leave) == people(back[uid].sick_leave)
            assert people(report.turnover) == people(back[uid].turnover)
            assert people(report.managers) == people(back[uid].managers)
        assert reports.published() == back.published()


def test_values_added_after_a_round_trip_through_pickle() -> None:
    """Halves computed apart (as in worker processes) add up to the distinct count of the whole."""

    @settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
    @given(sst.datasets(max_units=4, max_employees=5))
    def check(data: Any) -> None:
        own = build_reports(data, 2024)
        rolled = roll_up(data.org, own)
        shipped = {uid: pickle.loads(pickle.dumps(r)) for uid, r in own.items()}
        assert dict(rolled) == dict(roll_up(data.org, shipped))

    check()


TURNOVER_KEYS = """
import hashlib, json
from datetime import date
import samcore
from samcore import Employee, Employment, Gender, Month, Window, turnover, to_json
staff = [Employee(id=f"e{i}", gender=Gender.WOMAN if i % 2 else Gender.MAN) for i in range(40)]
jobs = [Employment(employee_id=f"e{i}", unit_id=f"u{i % 7}", start=date(2020, 1, 1),
                   end=date(2024, 1 + i % 12, 1)) for i in range(40)]
w = Window.rolling12(Month(year=2024, month=12))
keyed = turnover(staff, jobs, w, key=lambda e, j: (j.unit_id, e.gender.value))
print(json.dumps([list(turnover(staff, jobs, w)), [list(k) for k in keyed]]))
print(to_json(turnover(set(staff), jobs, w)))
"""


def test_turnover_keys_do_not_depend_on_the_hash_seed() -> None:
    """turnover() gives the same keys in the same order under two hash seeds."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
        done = subprocess.run(
            [sys.executable, "-c", TURNOVER_KEYS], env=env, capture_output=True, text=True
        )
        assert 0 == done.returncode, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert '["u0", "u1", "u2"' in outputs[0]
