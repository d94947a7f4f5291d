import gc
import math
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from samcore import (
    Certification,
    Employee,
    Employment,
    EmploymentType,
    EndReason,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    Incident,
    IncidentKind,
    IngestError,
    InvalidValueError,
    OrgTree,
    OrgUnit,
    ProblemCode,
    SickLeavePeriod,
    build_records,
)
from samcore import strategies as sst
from samcore._bulk import Built, built
from samcore._check import (
    Validator,
    finite,
    fraction,
    instance_of,
    int_in,
    non_blank,
    non_negative,
    number_in,
    optional,
    plain_date,
    positive,
)
from samcore._columns import column_check

DAY = date(2024, 3, 1)


def constructed(cls: type, row: Sequence[object]) -> object:
    """The record the constructor builds from a row of values in field order, or its error."""
    names = [field.alias or field.name for field in attrs.fields(cls)]
    try:
        return cls(**dict(zip(names, row, strict=False)))
    except InvalidValueError as error:
        return error


class TestBuildRecords:
    """ "The validation must stay: every bad value still refused with a clear message naming
    field, rule, value, record" (issue 13), for many records built at once."""

    def test_records_equal_the_constructors(self) -> None:
        """Tuples in field order give the records the constructor gives, in order."""
        rows = [("e1", DAY, date(2024, 3, 4), 0.5), ("e2", date(2024, 5, 2), date(2024, 5, 2), 1)]
        expected = (
            SickLeavePeriod(employee_id="e1", start=DAY, end=date(2024, 3, 4), extent=0.5),
            SickLeavePeriod(employee_id="e2", start=date(2024, 5, 2), end=date(2024, 5, 2)),
        )
        assert expected == build_records(SickLeavePeriod, rows)

    def test_fields_left_out_take_their_defaults(self) -> None:
        """A short tuple leaves the trailing fields at their defaults: permanent, full time, 40 h."""
        (job,) = build_records(Employment, [("e1", "u1", DAY)])
        assert Employment(employee_id="e1", unit_id="u1", start=DAY) == job
        assert (1.0, 40.0, EmploymentType.PERMANENT, None) == (
            job.fte,
            job.weekly_hours,
            job.employment_type,
            job.end,
        )

    def test_rows_of_different_lengths_and_mappings(self) -> None:
        """Tuples of different lengths and mappings mix; each row becomes its own record."""
        rows: list[Any] = [
            ("e1", Gender.WOMAN),
            {"id": "e2", "gender": Gender.MAN, "birth_date": date(1980, 1, 1)},
            ("e3", Gender.UNSPECIFIED, None, "Undersköterska"),
        ]
        assert ["e1", "e2", "e3"] == [e.id for e in build_records(Employee, rows)]
        assert (None, date(1980, 1, 1), None) == tuple(
            e.birth_date for e in build_records(Employee, rows)
        )

    def test_no_rows_no_records(self) -> None:
        """No rows give no records."""
        assert () == build_records(ExtraTime, [])

    def test_every_refused_row_in_one_error(self) -> None:
        """Each broken field rule is a problem naming row, field, value; the message is the constructor's."""
        rows = [
            ("e1", DAY, DAY, 0.5),
            ("", DAY, DAY, 1.5),  # two broken fields
            ("e3", DAY, date(2024, 2, 29), 1.0),  # end before start
        ]
        with pytest.raises(IngestError) as caught:
            build_records(SickLeavePeriod, rows)
        details = caught.value.details
        assert [(2, "employee_id", "''"), (2, "extent", "1.5"), (3, "end", "2024-02-29")] == [
            (p.row, p.field, p.value) for p in details
        ]
        assert {ProblemCode.INVALID} == {p.code for p in details}
        assert (
            "'end' must be on or after start (got 2024-02-29) for sick-leave period of "
            "employee 'e3' starting 2024-03-01"
        ) == details[2].message
        assert "2 of 3 rows make no SickLeavePeriod" == caught.value.summary

    def test_the_rule_across_fields_waits_for_valid_fields(self) -> None:
        """A row refused for a field is not also refused for its end before its start."""
        with pytest.raises(IngestError) as caught:
            build_records(SickLeavePeriod, [("e1", DAY, date(2024, 2, 1), 0.0)])
        assert ["extent"] == [p.field for p in caught.value.details]

    def test_open_employment_with_an_end_reason(self) -> None:
        """An employment without an end but with a reason to end is refused, as by its constructor."""
        rows = [
            ("e1", "u1", DAY, None, 1.0, 40.0, EmploymentType.PERMANENT, EndReason.RETIREMENT),
            (
                "e2",
                "u1",
                DAY,
                date(2024, 6, 30),
                1.0,
                40.0,
                EmploymentType.PERMANENT,
                EndReason.OTHER,
            ),
        ]
        with pytest.raises(IngestError) as caught:
            build_records(Employment, rows)
        assert [(1, "end_reason")] == [(p.row, p.field) for p in caught.value.details]

    def test_missing_extra_and_unknown_values(self) -> None:
        """A required field left out, a value too many and an unknown key are problems too."""
        rows: list[Any] = [
            ("e1",),
            ("e2", Gender.MAN, None, None, "surplus"),
            {"id": "e3", "gender": Gender.MAN, "name": "Anna"},
        ]
        with pytest.raises(IngestError) as caught:
            build_records(Employee, rows)
        assert [
            (1, "gender", ProblemCode.MISSING),
            (2, None, ProblemCode.EXTRA_VALUES),
            (3, None, ProblemCode.UNKNOWN_COLUMN),
        ] == [(p.row, p.field, p.code) for p in caught.value.details]

    def test_a_row_that_is_no_row(self) -> None:
        """A row that is neither a tuple nor a mapping is refused by number."""
        with pytest.raises(IngestError) as caught:
            build_records(Employee, ["e1"])
        assert [(1, ProblemCode.INVALID)] == [(p.row, p.code) for p in caught.value.details]

    def test_not_a_record_class(self) -> None:
        """A class that is no attrs record is refused by name."""
        with pytest.raises(InvalidValueError, match="'cls' must be an attrs record class"):
            build_records(date, [(2024, 1, 1)])

    def test_a_class_that_needs_its_constructor(self) -> None:
        """A record whose field converts with the record itself is built by its constructor."""
        incident = Incident(id="i1", unit_id="u1", kind=IncidentKind.ACCIDENT, occurred_on=DAY)
        rows = [attrs.asdict(incident, recurse=False), {"id": "i2", "unit_id": "u1"}]
        assert (incident,) == build_records(Incident, rows[:1])
        with pytest.raises(IngestError) as caught:
            build_records(Incident, rows)
        assert [(2, "occurred_on", ProblemCode.MISSING), (2, "kind", ProblemCode.MISSING)] == [
            (p.row, p.field, p.code) for p in caught.value.details
        ]

    def test_a_class_with_fields_it_computes(self) -> None:
        """A record that computes some fields itself takes only the others, through its constructor."""
        units = (OrgUnit(id="k", name="Kommunen"), OrgUnit(id="u1", name="Skola", parent_id="k"))
        assert (OrgTree(units=units),) == build_records(OrgTree, [(units,)])

    def test_converters_apply(self) -> None:
        """A converting field (a list to a tuple) is converted before it is checked."""
        cert = Certification(person_id="m1", certified_on=DAY)
        values = attrs.astuple(cert, recurse=False)
        assert (cert,) == build_records(Certification, [values])

    def test_collector_state_is_kept(self) -> None:
        """The garbage collector is on after a build if it was on, and off if it was off."""
        build_records(Employee, [("e1", Gender.MAN)])
        assert gc.isenabled()
        gc.disable()
        try:
            build_records(Employee, [("e1", Gender.MAN)])
            assert not gc.isenabled()
        finally:
            gc.enable()


def _values(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field's value: mostly valid, sometimes one of the wrong values."""
    wrong = st.sampled_from(
        ["", " ", None, 0, -1, 1.5, float("nan"), float("inf"), True, datetime(2024, 3, 1), "x"]
    )
    return st.one_of(valid, valid, valid, wrong)


def _rows_of(record: st.SearchStrategy[Any]) -> st.SearchStrategy[list[tuple[object, ...]]]:
    """Rows in field order taken from valid records, some values replaced by wrong ones."""

    @st.composite
    def rows(draw: st.DrawFn) -> list[tuple[object, ...]]:
        out = []
        for value in draw(st.lists(record, max_size=6)):
            row = attrs.astuple(value, recurse=False)
            out.append(tuple(draw(_values(st.just(v))) for v in row))
        return out

    return rows()


SPOILT_DATES = st.one_of(st.dates(date(2020, 1, 1), date(2026, 12, 31)), st.just(DAY))


class TestSameAsTheConstructor:
    """ "The bulk path must produce records == to the ones the constructors give, and refuse exactly
    what the constructors refuse" (issue 13)."""

    def _check(self, cls: type, rows: list[tuple[object, ...]]) -> None:
        expected = [constructed(cls, row) for row in rows]
        made: Built[object] = built(cls, rows)
        assert [None if isinstance(e, InvalidValueError) else e for e in expected] == made.records
        first: dict[int, tuple[str | None, str]] = {}
        for refusal in made.refusals:
            first.setdefault(refusal.place, (refusal.field, refusal.message))
        assert {
            place: (e.field, str(e))
            for place, e in enumerate(expected)
            if isinstance(e, InvalidValueError)
        } == first

    @given(_rows_of(sst.sick_leave_periods()))
    def test_sick_leave_periods(self, rows: list[tuple[object, ...]]) -> None:
        """Periods: the same records, or the same first refusal per row, field and message."""
        self._check(SickLeavePeriod, rows)

    @given(_rows_of(sst.employments()))
    def test_employments(self, rows: list[tuple[object, ...]]) -> None:
        """Employments: the same records, or the same first refusal per row, field and message."""
        self._check(Employment, rows)

    @given(_rows_of(sst.employees()))
    def test_employees(self, rows: list[tuple[object, ...]]) -> None:
        """Employees: the same records, or the same first refusal per row, field and message."""
        self._check(Employee, rows)

    @given(_rows_of(sst.extra_times()))
    def test_extra_time(self, rows: list[tuple[object, ...]]) -> None:
        """Extra time: the same records, or the same first refusal per row, field and message."""
        self._check(ExtraTime, rows)

    @given(
        st.lists(st.tuples(st.sampled_from(["e1", "e2"]), SPOILT_DATES, SPOILT_DATES), max_size=8)
    )
    def test_ends_before_starts(self, rows: list[tuple[object, ...]]) -> None:
        """Valid fields whose end may fall before the start: refused exactly where the constructor refuses."""
        self._check(SickLeavePeriod, rows)


VALUES = st.one_of(
    st.integers(-5, 300),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.text(max_size=3),
    st.dates(),
    st.datetimes(),
    st.sampled_from(list(Gender) + list(ExtraTimeKind)),
)
CHECKED: list[tuple[str, Validator]] = [
    ("int_in", int_in(1, 12)),
    ("int_in open", int_in(0)),
    ("positive", positive()),
    ("non_negative", non_negative()),
    ("finite", finite()),
    ("fraction", fraction()),
    ("number_in", number_in(0, 168)),
    ("number_in closed", number_in(0, 24, open_low=False)),
    ("non_blank", non_blank()),
    ("plain_date", plain_date()),
    ("instance_of", instance_of(Gender)),
    ("optional fraction", optional(fraction())),
    ("optional non_blank", optional(non_blank())),
]


def _passes(validator: Validator, value: object) -> bool:
    try:
        validator("a test", attrs.fields(SickLeavePeriod).extent, value)
    except InvalidValueError:
        return False
    return True


class TestColumnChecks:
    """A column check "says True only if the validator would pass every value" (samcore._columns)."""

    @pytest.mark.parametrize(("name", "validator"), CHECKED, ids=[n for n, _ in CHECKED])
    @given(values=st.lists(VALUES, max_size=6))
    def test_never_clears_a_bad_value(
        self, name: str, validator: Validator, values: list[object]
    ) -> None:
        """If the column check clears a column, the validator passes each of its values."""
        check = column_check(validator)
        assert check is not None, name
        if check(values):
            assert all(_passes(validator, v) for v in values), values

    @pytest.mark.parametrize(
        ("validator", "column"),
        [
            (fraction(), [0.5, 1, 1e-9]),
            (non_blank(), ["a", " b "]),
            (plain_date(), [DAY]),
            (int_in(1, 12), [1, 12]),
            (optional(plain_date()), [None, DAY]),
            (instance_of(Gender), list(Gender)),
        ],
    )
    def test_clears_a_good_column(self, validator: Validator, column: list[object]) -> None:
        """A column of plain good values is cleared at once."""
        check: Callable[[Sequence[Any]], bool] | None = column_check(validator)
        assert check is not None
        assert check(column)

    @pytest.mark.parametrize(
        "column", [[0.5, math.nan], [math.nan, 0.5], [0.5, 0.0], [True], [0.5, math.inf]]
    )
    def test_refuses_a_bad_share(self, column: list[object]) -> None:
        """NaN anywhere, zero, a bool and infinity are no shares (0, 1]."""
        check = column_check(fraction())
        assert check is not None
        assert not check(column)
