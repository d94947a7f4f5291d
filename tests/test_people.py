from datetime import date

import pytest

from samcore import (
    AgeBand,
    Employee,
    Employment,
    EmploymentType,
    EndReason,
    ExtraTime,
    ExtraTimeKind,
    Gender,
    InvalidValueError,
    SickLeavePeriod,
    Window,
    personnel_group,
)


class TestAgeBand:
    """ "Age is the completed years on the last day of the window." (CONTRACT.md)"""

    @pytest.mark.parametrize(
        ("on", "band"),
        [
            (date(2024, 12, 30), AgeBand.UP_TO_29),
            (date(2024, 12, 31), AgeBand.FROM_30_TO_49),
        ],
    )
    def test_thirtieth_birthday(self, on: date, band: AgeBand) -> None:
        """Born 1994-12-31: 29 on 2024-12-30, 30 on 2024-12-31."""
        assert band == Employee(id="e", gender=Gender.MAN, birth_date=date(1994, 12, 31)).age_band(
            on
        )

    def test_fiftieth_birthday(self) -> None:
        """The day of the 50th birthday moves an employee into 50 and over."""
        e = Employee(id="e", gender=Gender.WOMAN, birth_date=date(1974, 6, 1))
        assert AgeBand.FROM_30_TO_49 == e.age_band(date(2024, 5, 31))
        assert AgeBand.FROM_50 == e.age_band(date(2024, 6, 1))

    def test_leap_day_birthday(self) -> None:
        """Born 29 February: the year is completed on 1 March in a common year."""
        leap = Employee(id="l", gender=Gender.WOMAN, birth_date=date(1996, 2, 29))
        assert AgeBand.UP_TO_29 == leap.age_band(date(2026, 2, 28))
        assert AgeBand.FROM_30_TO_49 == leap.age_band(date(2026, 3, 1))

    def test_unknown_without_birth_date(self) -> None:
        """No birth date gives the unknown band."""
        assert AgeBand.UNKNOWN == Employee(id="e", gender=Gender.MAN).age_band(date(2024, 1, 1))


class TestActiveIn:
    """An employment is active in a window when it covers at least one of its days."""

    @pytest.mark.parametrize(
        ("start", "end", "active"),
        [
            (date(2023, 1, 1), date(2024, 1, 1), True),
            (date(2024, 12, 31), None, True),
            (date(2023, 1, 1), date(2023, 12, 31), False),
            (date(2025, 1, 1), None, False),
            (date(2020, 1, 1), None, True),
        ],
    )
    def test_window_edges(self, start: date, end: date | None, active: bool) -> None:
        """Touching either end of the window counts; ending before or starting after does not."""
        job = Employment(employee_id="e", unit_id="u", start=start, end=end)
        assert active == job.active_in(Window.calendar_year(2024))


class TestEmploymentTypeAndEndReason:
    """Tillsvidare, visstid or timavlönad, and why an employment ended: "I personalomsättningen
    ingår även pensionsavgångar" (seed 000) needs the reason an employment ended."""

    def test_permanent_by_default(self) -> None:
        """An employment whose form is not given is permanent, and has no end reason."""
        e = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1))
        assert (EmploymentType.PERMANENT, None) == (e.employment_type, e.end_reason)

    def test_reason_with_an_end(self) -> None:
        """An ended fixed-term employment may say its contract ran out."""
        e = Employment(
            employee_id="e",
            unit_id="u",
            start=date(2024, 1, 8),
            end=date(2024, 6, 14),
            employment_type=EmploymentType.FIXED_TERM,
            end_reason=EndReason.END_OF_CONTRACT,
        )
        assert EndReason.END_OF_CONTRACT == e.end_reason

    def test_reason_without_an_end(self) -> None:
        """A reason to end on an ongoing employment is refused, naming both fields."""
        with pytest.raises(
            InvalidValueError,
            match=r"'end_reason' must be None while 'end' is None: only an employment that ends "
            r"has a reason to end \(got 'retirement'\) for employment of employee 'e'",
        ):
            Employment(
                employee_id="e",
                unit_id="u",
                start=date(2024, 1, 1),
                end_reason=EndReason.RETIREMENT,
            )

    def test_types_are_enums(self) -> None:
        """A wire string where an enum belongs is named, not taken."""
        with pytest.raises(InvalidValueError, match="'employment_type' must be an EmploymentType"):
            Employment(
                employee_id="e",
                unit_id="u",
                start=date(2024, 1, 1),
                employment_type="permanent",  # type: ignore[arg-type]
            )
        with pytest.raises(InvalidValueError, match="'end_reason' must be an EndReason or None"):
            Employment(
                employee_id="e",
                unit_id="u",
                start=date(2024, 1, 1),
                end=date(2024, 2, 1),
                end_reason="pension",  # type: ignore[arg-type]
            )


class TestPersonnelGroup:
    """Seed 002 ranks personnel groups; a person can change group, so the employment holds it."""

    ANNA = Employee(id="e", gender=Gender.WOMAN, personnel_group="Barnskötare")

    def test_employment_group_first(self) -> None:
        """The employment's own group wins over the employee's."""
        job = Employment(
            employee_id="e", unit_id="u", start=date(2024, 1, 1), personnel_group="Förskollärare"
        )
        assert "Förskollärare" == personnel_group(self.ANNA, job)

    def test_employee_group_otherwise(self) -> None:
        """Without a group of its own, the employment is in the employee's."""
        job = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1))
        assert "Barnskötare" == personnel_group(self.ANNA, job)

    def test_neither(self) -> None:
        """Without either, the group is unknown: None."""
        job = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1))
        assert personnel_group(Employee(id="e", gender=Gender.MAN), job) is None

    def test_blank_group_refused(self) -> None:
        """A blank group is no group: it is refused, named."""
        with pytest.raises(InvalidValueError, match="'personnel_group' must be a non-empty"):
            Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1), personnel_group=" ")


class TestValidation:
    """ "Invalid values raise at construction, with a message that names the field, the rule
    and the value." (CONTRACT.md)
    """

    def test_employment_fte_bounds(self) -> None:
        """0 < fte <= 1."""
        Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1), fte=1.0)
        with pytest.raises(InvalidValueError, match=r"'fte' must be in \(0, 1\] \(got 1.2\)"):
            Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1), fte=1.2)

    def test_employment_hours_positive(self) -> None:
        """0 < weekly_hours <= 168, the hours of a week."""
        for hours in (0, 168.5, float("nan")):
            with pytest.raises(
                InvalidValueError, match=r"'weekly_hours' must be a number in \(0, 168\]"
            ):
                Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1), weekly_hours=hours)
        assert (
            168
            == Employment(
                employee_id="e", unit_id="u", start=date(2024, 1, 1), weekly_hours=168
            ).weekly_hours
        )

    def test_employment_end_before_start(self) -> None:
        """End >= start; the message names the record."""
        with pytest.raises(
            InvalidValueError,
            match="'end' must be on or after start .* employment of employee 'e' in unit 'u'",
        ):
            Employment(employee_id="e", unit_id="u", start=date(2024, 1, 2), end=date(2024, 1, 1))

    def test_employment_one_day(self) -> None:
        """An employment may start and end on the same day."""
        e = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 2), end=date(2024, 1, 2))
        assert e.is_active(date(2024, 1, 2))

    def test_employment_string_fte(self) -> None:
        """A string where a number belongs is named, not a TypeError from deep inside."""
        with pytest.raises(InvalidValueError, match="'fte'"):
            Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1), fte="1")  # type: ignore[arg-type]

    @pytest.mark.parametrize("extent", [0.0, -0.5, 1.01])
    def test_period_extent(self, extent: float) -> None:
        """0 < extent <= 1, with employee and start in the message."""
        with pytest.raises(
            InvalidValueError,
            match=r"'extent' must be in \(0, 1\].*employee 'e17' starting 2024-03-01",
        ):
            SickLeavePeriod(
                employee_id="e17", start=date(2024, 3, 1), end=date(2024, 3, 2), extent=extent
            )

    def test_period_end_before_start(self) -> None:
        """End >= start for a sick-leave period."""
        with pytest.raises(InvalidValueError, match="'end' must be on or after start"):
            SickLeavePeriod(employee_id="e", start=date(2024, 3, 2), end=date(2024, 3, 1))

    def test_employee_gender_must_be_enum(self) -> None:
        """Gender must be a Gender."""
        with pytest.raises(InvalidValueError, match="'gender' must be a Gender"):
            Employee(id="e", gender="woman")  # type: ignore[arg-type]

    def test_empty_id(self) -> None:
        """Ids are non-empty strings."""
        with pytest.raises(InvalidValueError, match="'id' must be a non-empty string"):
            Employee(id=" ", gender=Gender.MAN)

    def test_extra_time_hours_positive(self) -> None:
        """ExtraTime hours > 0, and at most the 24 hours of a day."""
        for hours in (0, 24.25):
            with pytest.raises(InvalidValueError, match=r"'hours' must be a number in \(0, 24\]"):
                ExtraTime(
                    employee_id="e",
                    unit_id="u",
                    day=date(2024, 1, 1),
                    hours=hours,
                    kind=ExtraTimeKind.OVERTIME,
                )

    def test_frozen(self) -> None:
        """Records are immutable."""
        import attrs

        e = Employee(id="e", gender=Gender.MAN)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            e.id = "x"  # type: ignore[misc]

    def test_enum_wire_values(self) -> None:
        """Enum values are the stable wire strings of the contract."""
        assert ["woman", "man", "unspecified"] == [g.value for g in Gender]
        assert ["up_to_29", "30_to_49", "50_and_over", "unknown"] == [a.value for a in AgeBand]
        assert ["additional", "overtime"] == [k.value for k in ExtraTimeKind]
        assert ["permanent", "fixed_term", "hourly"] == [t.value for t in EmploymentType]
        assert ["retirement", "resignation", "end_of_contract", "other"] == [
            r.value for r in EndReason
        ]


class TestPlausibility:
    """Values that cannot be real are refused where they are given."""

    def test_no_age_before_birth(self) -> None:
        """An age band on a day before the birth date is an error, not 'up to 29'."""
        e = Employee(id="e", gender=Gender.WOMAN, birth_date=date(2000, 6, 1))
        assert AgeBand.UP_TO_29 == e.age_band(date(2000, 6, 1))
        with pytest.raises(InvalidValueError, match="'birth_date' must not be after the day"):
            e.age_band(date(2000, 5, 31))

    def test_methods_name_a_bad_argument(self) -> None:
        """A string where a date or window belongs is named."""
        job = Employment(employee_id="e", unit_id="u", start=date(2024, 1, 1))
        with pytest.raises(InvalidValueError, match="'day' must be a datetime.date"):
            job.is_active("2024-01-01")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'window' must be a Window"):
            job.active_in(2024)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="'on' must be a datetime.date"):
            Employee(id="e", gender=Gender.MAN).age_band(None)  # type: ignore[arg-type]
