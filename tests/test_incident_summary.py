from datetime import date

import pytest
from hypothesis import given

from samcore import (
    Incident,
    IncidentKind,
    IncidentSummary,
    InvalidValueError,
    Window,
    incident_summary,
    injury_rate,
)
from samcore import strategies as sst

Y2024 = Window.calendar_year(2024)


def event(
    iid: str, occurred: date, kind: IncidentKind = IncidentKind.ACCIDENT, **kw: object
) -> Incident:
    fields: dict[str, object] = {"unit_id": "u"}
    fields.update(kw)
    return Incident(id=iid, occurred_on=occurred, kind=kind, **fields)  # type: ignore[arg-type]


class TestIncidentSummary:
    """The report counts reported injuries, reported near misses and closed events."""

    def test_counts_by_reporting_day(self) -> None:
        """An event is counted in the window it was reported in, not the one it occurred in."""
        rows = [
            event("a", date(2023, 12, 30), reported_on=date(2024, 1, 2)),
            event("b", date(2024, 12, 30), reported_on=date(2025, 1, 2)),
            event("c", date(2024, 5, 1), IncidentKind.NEAR_MISS),
        ]
        s = incident_summary(rows, Y2024)["u"]
        assert (1, 1) == (s.injuries, s.near_misses)

    def test_closed_on_or_before_window_end(self) -> None:
        """Closed counts events closed by the window's last day, that day included."""
        rows = [
            event("a", date(2024, 3, 1), closed_on=date(2024, 12, 31)),
            event("b", date(2024, 3, 1), closed_on=date(2025, 1, 1)),
            event("c", date(2024, 3, 1)),
        ]
        assert 1 == incident_summary(rows, Y2024)["u"].closed

    def test_kinds_categories_and_serious(self) -> None:
        """by_kind and by_category count; uncategorised keeps the rest; serious counts reportable ones."""
        rows = [
            event("a", date(2024, 3, 1), IncidentKind.COMMUTING_ACCIDENT, category="halka"),
            event("b", date(2024, 3, 1), IncidentKind.COMMUTING_ACCIDENT, serious=True),
            event("c", date(2024, 3, 1), IncidentKind.OCCUPATIONAL_DISEASE, category="halka"),
        ]
        s = incident_summary(rows, Y2024)["u"]
        assert {IncidentKind.COMMUTING_ACCIDENT: 2, IncidentKind.OCCUPATIONAL_DISEASE: 1} == dict(
            s.by_kind
        )
        assert ({"halka": 2}, 1, 1) == (dict(s.by_category), s.uncategorised, s.serious)

    @given(sst.incident_summaries(), sst.incident_summaries(), sst.incident_summaries())
    def test_monoid(self, a: IncidentSummary, b: IncidentSummary, c: IncidentSummary) -> None:
        """Associative, commutative, with IncidentSummary() as identity."""
        assert (a + b) + c == a + (b + c)
        assert a + b == b + a
        assert a == a + IncidentSummary()

    def test_closed_cannot_exceed_total(self) -> None:
        """A summary cannot close more events than it counts."""
        with pytest.raises(InvalidValueError, match="'closed' must not exceed"):
            IncidentSummary(injuries=1, closed=2)


class TestInjuryRate:
    """GRI 403-9: injuries per 1,000,000 hours worked (ILO) or per 200,000 hours (OSHA)."""

    def test_bases(self) -> None:
        """The same injuries give rates five times apart on the two bases."""
        assert 2.5 == injury_rate(5, 2_000_000).value
        assert 0.5 == injury_rate(5, 2_000_000, per=200_000).value

    def test_no_hours_no_rate(self) -> None:
        """Without hours worked there is no rate."""
        assert injury_rate(0, 0).value is None

    def test_bad_base(self) -> None:
        """The base must be a positive int."""
        with pytest.raises(InvalidValueError, match=r"'per' must be an int >= 1 \(got 0\)"):
            injury_rate(1, 100.0, per=0)


class TestCountMappings:
    """Counts by kind and category keep every key, or refuse it: nothing is dropped silently."""

    def test_unknown_kind_refused(self) -> None:
        """A key that is no IncidentKind is named, not dropped."""
        with pytest.raises(InvalidValueError, match="'by_kind key' must be an IncidentKind"):
            IncidentSummary(injuries=1, by_kind={"fall": 1})  # type: ignore[dict-item]

    def test_blank_category_refused(self) -> None:
        """A category is a non-empty string."""
        with pytest.raises(InvalidValueError, match="'by_category key' must be a non-empty"):
            IncidentSummary(injuries=1, by_category={" ": 1})

    def test_by_kind_matches_the_counts(self) -> None:
        """Counts by kind, when given, add up to the injuries and near misses."""
        with pytest.raises(InvalidValueError, match="'by_kind' must count injuries = 2"):
            IncidentSummary(injuries=2, by_kind={IncidentKind.ACCIDENT: 1})
        assert 0 == IncidentSummary(injuries=2).by_kind.get(IncidentKind.ACCIDENT, 0)

    def test_serious_within_the_total(self) -> None:
        """No more serious incidents than incidents."""
        with pytest.raises(InvalidValueError, match="'serious' must not exceed injuries"):
            IncidentSummary(injuries=1, serious=2)

    def test_hashable_and_read_only(self) -> None:
        """A summary hashes; its mappings cannot be changed."""
        s = IncidentSummary(near_misses=1, by_kind={IncidentKind.NEAR_MISS: 1})
        assert hash(s) == hash(IncidentSummary(near_misses=1, by_kind={IncidentKind.NEAR_MISS: 1}))
        with pytest.raises(TypeError):
            s.by_kind[IncidentKind.NEAR_MISS] = 2  # type: ignore[index]

    def test_arguments_named(self) -> None:
        """incident_summary names a bad argument."""
        with pytest.raises(InvalidValueError, match="'window' must be a Window"):
            incident_summary([], "2024")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=r"'incidents\[0\]' must be an Incident"):
            incident_summary(["i"], Window.calendar_year(2024))  # type: ignore[list-item]
