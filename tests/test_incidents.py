from datetime import date

import attrs
import pytest

from samcore import Incident, IncidentKind, InvalidValueError


def incident(**kw: object) -> Incident:
    fields: dict[str, object] = {
        "id": "i1",
        "unit_id": "u1",
        "occurred_on": date(2024, 3, 5),
        "kind": IncidentKind.ACCIDENT,
    }
    fields.update(kw)
    return Incident(**fields)  # type: ignore[arg-type]


class TestIncident:
    """Arbetsmiljölagen 3 kap. 3 a §: injuries and near misses are reported; a death, a serious
    injury or a near miss with serious danger is reported to Arbetsmiljöverket without delay.
    """

    def test_reported_on_defaults_to_occurred_on(self) -> None:
        """reported_on defaults to occurred_on, also when None is passed."""
        assert date(2024, 3, 5) == incident().reported_on
        assert date(2024, 3, 5) == incident(reported_on=None).reported_on

    def test_reported_on_must_be_a_date(self) -> None:
        """A reported_on that is not a date is named, not compared."""
        with pytest.raises(
            InvalidValueError, match="'reported_on' must be a datetime.date .* incident 'i1'"
        ):
            incident(reported_on="2024-03-05")

    def test_evolve_keeps_reported_on(self) -> None:
        """An evolved incident keeps the reported_on it was given."""
        moved = attrs.evolve(incident(), occurred_on=date(2024, 3, 1))
        assert date(2024, 3, 5) == moved.reported_on

    def test_reported_before_occurred_rejected(self) -> None:
        """reported_on may not precede occurred_on."""
        with pytest.raises(InvalidValueError, match="'reported_on' must not precede occurred_on"):
            incident(reported_on=date(2024, 3, 4))

    def test_closed_before_reported_rejected(self) -> None:
        """closed_on may not precede reported_on; the same day is fine."""
        assert (
            date(2024, 3, 6)
            == incident(reported_on=date(2024, 3, 6), closed_on=date(2024, 3, 6)).closed_on
        )
        with pytest.raises(InvalidValueError, match="'closed_on' must not precede reported_on"):
            incident(reported_on=date(2024, 3, 6), closed_on=date(2024, 3, 5))

    @pytest.mark.parametrize(
        ("kind", "injury"),
        [
            (IncidentKind.ACCIDENT, True),
            (IncidentKind.COMMUTING_ACCIDENT, True),
            (IncidentKind.OCCUPATIONAL_DISEASE, True),
            (IncidentKind.NEAR_MISS, False),
        ],
    )
    def test_is_injury(self, kind: IncidentKind, injury: bool) -> None:
        """Every kind but a near miss is an injury (arbetsskada)."""
        assert injury == incident(kind=kind).is_injury

    def test_serious_is_reportable(self) -> None:
        """A serious event, injury or near miss, is reportable to Arbetsmiljöverket."""
        assert incident(kind=IncidentKind.NEAR_MISS, serious=True).is_reportable
        assert not incident().is_reportable

    def test_wire_values(self) -> None:
        """The kinds' wire values are stable."""
        assert ["accident", "commuting_accident", "occupational_disease", "near_miss"] == [
            k.value for k in IncidentKind
        ]
