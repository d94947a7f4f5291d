"""Scale-out: a dataset split by employee, computed apart, merged into the whole's figures."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import zlib
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scale_workers
from builders import ORG, small_dataset
from samcore import (
    AnswerTally,
    Dataset,
    Employee,
    Employment,
    ExtraHours,
    Gender,
    Headcount,
    InvalidValueError,
    Month,
    Report,
    Reports,
    SickLeave,
    Turnover,
    Window,
    build_reports,
    extra_time,
    merge,
    partition,
    partition_of,
    roll_up,
    sick_leave,
    sick_leave_trend,
    staff_aged,
    turnover,
)
from samcore import strategies as sst
from samcore.examples import municipality

SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
R12 = Window.rolling12(Month(year=2024, month=12))
PERSON_TABLES = ("employees", "employments", "sick_leave", "extra_time", "rehab_cases")
UNIT_TABLES = (
    "incidents",
    "risks",
    "checklists",
    "certifications",
    "delegations",
    "answers",
    "employee_surveys",
    "narratives",
    "submissions",
    "health_factors",
)
SETTINGS = ("org", "delegation_top", "covers", "risk_matrix", "templates")
SPLITS = settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])


def person_of(record: Any) -> str:
    """The id of the person a record of a person names."""
    return record.id if isinstance(record, Employee) else record.employee_id


def people(report: Report) -> list[object]:
    """The people behind every distinct headcount of a report (no people: an empty set)."""
    counts: list[Headcount] = [report.aged_60, report.aged_60_previous]
    return [
        report.sick_leave.people(),
        report.sick_leave_previous.people(),
        report.turnover.people(),
        report.turnover_previous.people(),
        *(frozenset(h.people or ()) for h in counts),
        (report.managers.people, report.managers.certified_people),
    ]


def assert_same_reports(whole: Reports, merged: Reports) -> None:
    """Every unit's rolled-up report equal, and the people behind its headcounts too."""
    assert dict(whole) == dict(merged)
    for uid, report in whole.items():
        assert people(report) == people(merged[uid])


class TestPartitionOf:
    """ "partition the records by employee": the part of an id is the same in every process,
    so rows of an export can be routed before any record is built."""

    def test_the_checksum_of_the_utf8_id(self) -> None:
        """CRC-32 of "123456789" is 0xCBF43926 = 3421780262, which leaves 2 modulo 5; a
        non-ASCII id is taken as its UTF-8 bytes."""
        assert 2 == partition_of("123456789", 5)
        assert zlib.crc32(b"anst\xc3\xa4lld") % 7 == partition_of("anställd", 7)

    def test_one_part_is_part_zero(self) -> None:
        """With one part every id goes to part 0."""
        assert [0, 0, 0] == [partition_of(e, 1) for e in ("a", "e1", "ö")]

    @given(st.text(min_size=1).filter(str.strip), st.integers(1, 64))
    def test_in_range(self, employee_id: str, parts: int) -> None:
        """The part lies in 0 .. parts - 1."""
        assert 0 <= partition_of(employee_id, parts) < parts

    def test_same_under_another_hash_seed(self) -> None:
        """Two processes with different hash seeds give the same parts."""
        code = (
            "from samcore import partition_of; print([partition_of(f'e{n}', 5) for n in range(50)])"
        )
        printed = set()
        for seed in ("1", "2"):
            env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": SRC}
            done = subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
            )
            printed.add(done.stdout)
        assert {str([partition_of(f"e{n}", 5) for n in range(50)]) + "\n"} == printed

    @pytest.mark.parametrize(
        ("employee_id", "parts", "message"),
        [
            ("e1", 0, "'parts' must be an int >= 1 (got 0)"),
            ("e1", 2.0, "'parts' must be an int >= 1 (got 2.0)"),
            ("", 2, "'employee_id' must be a non-empty string"),
            (17, 2, "'employee_id' must be a non-empty string (got 17)"),
        ],
    )
    def test_bad_arguments(self, employee_id: Any, parts: Any, message: str) -> None:
        """A blank or non-text id, or parts not an int >= 1, is refused by name."""
        with pytest.raises(
            InvalidValueError, match=message.replace("(", r"\(").replace(")", r"\)")
        ):
            partition_of(employee_id, parts)


class TestPartition:
    """ "every period of a person in one partition, history before the window included", and
    nothing counted twice: the records of units in one part only."""

    def test_fields_are_all_placed(self) -> None:
        """Every field of a Dataset is a table of people, a table of units or a setting."""
        assert sorted(f.name for f in attrs.fields(Dataset)) == sorted(
            (*PERSON_TABLES, *UNIT_TABLES, *SETTINGS)
        )

    @SPLITS
    @given(sst.datasets(), st.integers(1, 5))
    def test_never_splits_a_person(self, data: Dataset, parts: int) -> None:
        """Every record of a person lies in the part of the person's id, and only there."""
        split = partition(data, parts)
        assert parts == len(split)
        for number, part in enumerate(split):
            for table in PERSON_TABLES:
                assert all(
                    partition_of(person_of(r), parts) == number for r in getattr(part, table)
                )
        for table in PERSON_TABLES:
            assert Counter(getattr(data, table)) == Counter(
                r for part in split for r in getattr(part, table)
            )

    @SPLITS
    @given(sst.datasets(), st.integers(2, 5))
    def test_units_records_in_part_zero(self, data: Dataset, parts: int) -> None:
        """The records of units are all in part 0, none elsewhere; the settings in every part."""
        first, *rest = partition(data, parts)
        for table in UNIT_TABLES:
            assert getattr(data, table) == getattr(first, table)
            assert [()] * len(rest) == [getattr(part, table) for part in rest]
        for name in SETTINGS:
            assert [getattr(data, name)] * parts == [getattr(p, name) for p in (first, *rest)]

    def test_keeps_history_before_the_window(self) -> None:
        """A person's periods of years before go with the person."""
        data = small_dataset()
        split = partition(data, 3)
        for period in data.sick_leave:
            assert period in split[partition_of(period.employee_id, 3)].sick_leave

    def test_one_part_is_the_dataset(self) -> None:
        """One part is the dataset itself."""
        data = small_dataset()
        assert (data,) == partition(data, 1)

    @pytest.mark.parametrize(
        ("dataset", "parts", "message"),
        [
            ("data", 2, r"'dataset' must be a Dataset \(got 'data'\) for partition"),
            (None, 0, r"'parts' must be an int >= 1 \(got 0\) for partition"),
            (None, True, r"'parts' must be an int >= 1 \(got True\)"),
        ],
    )
    def test_bad_arguments(self, dataset: Any, parts: Any, message: str) -> None:
        """A dataset that is not a Dataset, or parts not an int >= 1, is refused by name."""
        with pytest.raises(InvalidValueError, match=message):
            partition(small_dataset() if dataset is None else dataset, parts)


class TestMerge:
    """ "partition the records by employee ... and add the monoids": the merged partial results
    equal one computation over all records, distinct headcounts included."""

    def test_by_hand(self) -> None:
        """Hours add per unit; a unit missing from a part counts as zero there."""
        parts = [
            {"a": ExtraHours(overtime=2.5), "b": ExtraHours(additional=1.0)},
            {"a": ExtraHours(overtime=0.5, additional=4.0)},
        ]
        assert {
            "a": ExtraHours(overtime=3.0, additional=4.0),
            "b": ExtraHours(additional=1.0),
        } == merge(parts)

    def test_a_person_in_two_units_counts_once_above(self) -> None:
        """Headcounts of distinct people join: e1 and e2 in unit a (two parts) make 2, not 3."""
        one = {"a": Headcount(count=1, people=frozenset({"e1"}))}
        two = {"a": Headcount(count=2, people=frozenset({"e1", "e2"}))}
        merged = merge([one, two])["a"]
        assert (2, frozenset({"e1", "e2"})) == (merged.count, merged.people)

    def test_no_parts(self) -> None:
        """No parts merge to nothing."""
        assert {} == merge([])

    @SPLITS
    @given(sst.datasets(), st.integers(1, 5))
    def test_sick_leave_and_turnover(self, data: Dataset, parts: int) -> None:
        """Merged sick_leave, turnover, extra_time and staff_aged equal the whole's, people too."""
        split = partition(data, parts)
        args = (data.employees, data.employments)
        sick = merge(sick_leave(p.employees, p.employments, p.sick_leave, R12) for p in split)
        assert sick_leave(*args, data.sick_leave, R12) == sick
        for uid, whole in sick_leave(*args, data.sick_leave, R12).items():
            assert whole.people() == sick[uid].people()
        moves = merge(turnover(p.employees, p.employments, R12) for p in split)
        assert turnover(*args, R12) == moves
        for uid, whole_moves in turnover(*args, R12).items():
            assert whole_moves.people() == moves[uid].people()
        assert extra_time(data.extra_time, R12) == merge(
            extra_time(p.extra_time, R12) for p in split
        )
        aged = merge(staff_aged(p.employees, p.employments, R12.end) for p in split)
        assert staff_aged(*args, R12.end) == aged

    @SPLITS
    @given(sst.datasets(max_units=4, max_employees=5), st.integers(1, 5))
    def test_trend_merges_window_by_window(self, data: Dataset, parts: int) -> None:
        """Merged sick_leave_trend (a mapping of mappings) equals the whole's."""
        windows = [Window.rolling12(Month(year=2024, month=m)) for m in (4, 8, 12)]
        split = partition(data, parts)
        assert sick_leave_trend(
            data.employees, data.employments, data.sick_leave, windows
        ) == merge(
            sick_leave_trend(p.employees, p.employments, p.sick_leave, windows) for p in split
        )

    @SPLITS
    @given(sst.datasets(), st.integers(1, 5))
    def test_reports_roll_up_to_the_whole(self, data: Dataset, parts: int) -> None:
        """Every unit's rolled-up report from merged parts equals the single computation."""
        whole = roll_up(data.org, build_reports(data, 2024))
        merged = merge(build_reports(p, 2024) for p in partition(data, parts))
        assert_same_reports(whole, roll_up(data.org, merged))

    def test_merged_results_pickle_with_people(self) -> None:
        """Merged reports come back from pickle equal, the people behind their headcounts too."""
        data = municipality(employees=120)
        merged = merge(build_reports(p, 2024) for p in partition(data, 3))
        back = pickle.loads(pickle.dumps(merged))
        assert merged == back
        assert [people(r) for r in merged.values()] == [people(r) for r in back.values()]
        assert_same_reports(roll_up(data.org, merged), roll_up(data.org, back))

    def test_a_part_that_is_no_mapping(self) -> None:
        """A part that is not a mapping is refused by its index."""
        with pytest.raises(InvalidValueError, match=r"'parts\[1\]' must be a mapping"):
            merge([{}, [ExtraHours()]])  # type: ignore[arg-type]

    def test_values_of_two_types(self) -> None:
        """The values of one key must be of one type."""
        with pytest.raises(InvalidValueError, match=r"'parts\[a\]' must be a SickLeave in every"):
            merge([{"a": SickLeave()}, {"a": Turnover()}])  # type: ignore[arg-type]

    def test_values_without_addition(self) -> None:
        """Text, numbers and tuples are not samcore values to add."""
        with pytest.raises(
            InvalidValueError, match=r"'parts\[a\]' must be a samcore value with \+"
        ):
            merge([{"a": "x"}, {"a": "y"}])

    def test_reports_of_two_years(self) -> None:
        """Reports of one unit and different years are refused."""
        parts = [{"k": Report(unit_id="k", year=2024)}, {"k": Report(unit_id="k", year=2023)}]
        with pytest.raises(InvalidValueError, match=r"'parts\[k\].year' must be the same in every"):
            merge(parts)

    def test_reports_of_two_months(self) -> None:
        """Reports of one unit and different months are refused."""
        parts = [
            {"k": Report(unit_id="k", year=2024)},
            {"k": Report(unit_id="k", year=2024, month=4)},
        ]
        with pytest.raises(InvalidValueError, match=r"'parts\[k\].month' must be the same"):
            merge(parts)

    def test_report_of_another_unit(self) -> None:
        """A report kept under another unit's id is refused."""
        with pytest.raises(InvalidValueError, match=r"'parts\[k\]' must be the report of unit 'k'"):
            merge([{"k": Report(unit_id="n", year=2024)}])

    def test_rolled_up_reports(self) -> None:
        """Rolled-up reports would add the children twice in the next roll-up: refused."""
        rolled = roll_up(ORG, build_reports(small_dataset(), 2024))
        with pytest.raises(InvalidValueError, match="must be a unit's own report"):
            merge([rolled])

    def test_records_of_units_in_two_parts(self) -> None:
        """A unit's own records held by two parts would count twice: refused, naming the field."""
        answered = Report(unit_id="k", year=2024, answers={"q": AnswerTally(yes=1)})
        with pytest.raises(
            InvalidValueError,
            match=r"'parts\[k\]\.answers' must come from one part only \(got it from parts 0, 2\)",
        ):
            merge([{"k": answered}, {"k": Report(unit_id="k", year=2024)}, {"k": answered}])

    def test_people_in_two_parts_join(self) -> None:
        """A person in two parts by mistake is still counted once in a distinct headcount."""
        staff = [Employee(id="e1", gender=Gender.MAN)]
        jobs = [Employment(employee_id="e1", unit_id="k", start=date(2020, 1, 1))]
        once = sick_leave(staff, jobs, [], R12)
        assert 1 == merge([once, once])["k"].headcount()


class TestProcessPool:
    """ "tested with concurrent.futures process pools ... equal (==) to a single-process run",
    the records built inside the workers from plain rows."""

    def test_pool_of_two(self) -> None:
        """Rows routed by partition_of, reports built in two workers, merged: the single run."""
        data = municipality(employees=300)
        with ProcessPoolExecutor(max_workers=2) as pool:
            parts = list(pool.map(scale_workers.build_part, scale_workers.jobs(data, 3)))
        merged = roll_up(data.org, merge(parts))
        assert_same_reports(roll_up(data.org, build_reports(data, scale_workers.YEAR)), merged)


class TestDaskExtra:
    """ "a samcore[dask] extra": Dask is optional, never a dependency of samcore itself."""

    def test_import_samcore_imports_no_dask(self) -> None:
        """A fresh `import samcore` loads neither dask nor distributed."""
        code = (
            "import sys, samcore, samcore.examples; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'}))"
        )
        env = {**os.environ, "PYTHONPATH": SRC}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert "[]\n" == done.stdout


class TestDask:
    """ "a bag of partitions, map to partial results, fold to merge; a LocalCluster in the
    tests, kept small", equal to the single-process run."""

    def test_bag_on_a_local_cluster(self) -> None:
        """A bag of four jobs mapped on two worker processes and folded: the single run."""
        bag = pytest.importorskip("dask.bag")
        distributed = pytest.importorskip("distributed")
        data = municipality(employees=200)
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster),
        ):
            jobs = bag.from_sequence(scale_workers.jobs(data, 4), npartitions=2)
            merged = jobs.map(scale_workers.build_part).fold(scale_workers.merge_step).compute()
        single = roll_up(data.org, build_reports(data, scale_workers.YEAR))
        assert_same_reports(single, roll_up(data.org, merged))
