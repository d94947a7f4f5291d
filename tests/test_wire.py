import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import samcore
from samcore import (
    AnswerTally,
    Employee,
    Employment,
    Month,
    OrgTree,
    Ratio,
    Risk,
    Window,
    WireFormatError,
    from_json,
    to_json,
)
from samcore import strategies as sst

# Every public domain type with the shipped strategy that builds it.
TYPES: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    (samcore.Month, sst.months()),
    (samcore.Window, sst.windows()),
    (samcore.Ratio, sst.ratios()),
    (samcore.OrgUnit, sst.org_units()),
    (samcore.OrgTree, sst.org_trees()),
    (samcore.Employee, sst.employees()),
    (samcore.Employment, sst.employments()),
    (samcore.SickLeavePeriod, sst.sick_leave_periods()),
    (samcore.ExtraTime, sst.extra_times()),
    (samcore.Incident, sst.incidents()),
    (samcore.RiskBand, sst.risk_bands()),
    (samcore.RiskMatrix, sst.risk_matrices()),
    (samcore.Measure, sst.measures()),
    (samcore.Risk, sst.risks()),
    (samcore.ChecklistItem, sst.checklist_items()),
    (samcore.Checklist, sst.checklists()),
    (samcore.AnswerTally, sst.answer_tallies()),
    (samcore.Certification, sst.certifications()),
    (samcore.Delegation, sst.delegations()),
    (samcore.Finding, sst.findings()),
    (samcore.SickLeaveCell, sst.sick_leave_cells()),
    (samcore.SickLeave, sst.sick_leaves()),
    (samcore.Turnover, sst.turnovers()),
    (samcore.Managers, sst.managers()),
    (samcore.PublishedReport, sst.published_reports()),
    (samcore.ExtraHours, sst.extra_hours()),
    (samcore.IncidentSummary, sst.incident_summaries()),
    (samcore.WorkingTimeViolation, sst.working_time_violations()),
]


class TestRoundTrip:
    """ "to_json(obj) and from_json(text, cls) round-trip every public domain type" (CONTRACT.md)."""

    @pytest.mark.parametrize(("cls", "strategy"), TYPES, ids=[c.__name__ for c, _ in TYPES])
    def test_round_trip(self, cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
        """from_json(to_json(x), type(x)) == x for generated values."""

        @given(strategy)
        def check(value: Any) -> None:
            assert value == from_json(to_json(value), cls)

        check()

    def test_dates_and_enums_as_strings(self) -> None:
        """Dates are ISO 8601 and enums their values on the wire."""
        e = Employee(
            id="e",
            gender=samcore.Gender.WOMAN,
            birth_date=samcore.Month(year=1980, month=2).last_day,
        )
        assert {
            "id": "e",
            "gender": "woman",
            "birth_date": "1980-02-29",
            "personnel_group": None,
        } == json.loads(to_json(e))

    def test_month_is_a_string(self) -> None:
        """A Month is written YYYY-MM."""
        assert '"2024-12"' == to_json(Month(year=2024, month=12))

    def test_missing_optional_keys_take_defaults(self) -> None:
        """Keys with defaults may be left out."""
        e = from_json('{"employee_id": "e", "unit_id": "u", "start": "2024-01-01"}', Employment)
        assert (None, 1.0, 40.0) == (e.end, e.fte, e.weekly_hours)


class TestErrors:
    """ "unknown keys and bad values raise WireFormatError (a ValueError) naming the JSON path"."""

    def test_unknown_key(self) -> None:
        """An unknown key is named."""
        with pytest.raises(WireFormatError, match=r"extra fields found \(colour\) @ \$"):
            from_json('{"numerator": 1, "denominator": 2, "colour": "red"}', Ratio)

    def test_nested_path(self) -> None:
        """A bad value deep inside is located by its path."""
        payload = {
            "id": "r",
            "unit_id": "u",
            "title": "t",
            "identified_on": "2024-01-01",
            "probability": 1,
            "consequence": 1,
            "measures": [{"title": "m"}, {"title": "n", "status": "finished"}],
        }
        with pytest.raises(WireFormatError, match=r"@ \$\.measures\[1\]\.status") as info:
            from_json(json.dumps(payload), Risk)
        assert isinstance(info.value, ValueError)

    def test_domain_rule_broken_in_payload(self) -> None:
        """A value that breaks a domain rule reports the rule and where."""
        with pytest.raises(WireFormatError, match=r"'fte' must be in \(0, 1\].* @ \$"):
            from_json(
                '{"employee_id": "e", "unit_id": "u", "start": "2024-01-01", "fte": 2}', Employment
            )

    def test_all_problems_listed(self) -> None:
        """Every bad field is listed, not only the first."""
        with pytest.raises(WireFormatError) as info:
            from_json('{"yes": "1", "no": -1, "partly": 1.5}', AnswerTally)
        assert 2 <= len(info.value.problems)

    def test_not_json(self) -> None:
        """Text that is not JSON raises WireFormatError at $."""
        with pytest.raises(WireFormatError, match=r"not JSON.*@ \$"):
            from_json("{", Window)

    def test_no_silent_coercion(self) -> None:
        """A number is not taken as a string, nor a boolean as a number."""
        with pytest.raises(WireFormatError, match=r"expected a string \(got 5\) @ \$\.id"):
            from_json('{"id": 5, "gender": "man"}', Employee)
        with pytest.raises(WireFormatError, match="expected a number"):
            from_json('{"numerator": true, "denominator": 1}', Ratio)

    def test_org_tree_validation(self) -> None:
        """A tree payload with a missing parent fails with the tree's own message."""
        with pytest.raises(WireFormatError, match="names parent 'x'"):
            from_json('{"units": [{"id": "a", "name": "A", "parent_id": "x"}]}', OrgTree)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["2024-01-01", "2024-13", "woman", "done", "u0", "e1"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=20,
)


@st.composite
def mutated_payloads(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> str:
    """A valid payload with one value replaced, one key dropped or one key added."""
    data = json.loads(to_json(draw(strategy)))
    if not isinstance(data, dict) or not data:
        return json.dumps(draw(json_values))
    key = draw(st.sampled_from(sorted(data)))
    action = draw(st.sampled_from(["replace", "drop", "add"]))
    if action == "replace":
        data[key] = draw(json_values)
    elif action == "drop":
        del data[key]
    else:
        data[draw(st.text(min_size=1, max_size=8))] = draw(json_values)
    return json.dumps(data)


class TestBadPayloads:
    """Random bad payloads raise only WireFormatError."""

    @pytest.mark.parametrize(("cls", "strategy"), TYPES, ids=[c.__name__ for c, _ in TYPES])
    def test_only_wire_format_error(self, cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
        """Whatever the payload, from_json returns a value of the type or raises WireFormatError."""

        @given(
            st.one_of(mutated_payloads(strategy), json_values.map(json.dumps), st.text(max_size=20))
        )
        def check(text: str) -> None:
            try:
                value = from_json(text, cls)
            except WireFormatError as error:
                assert error.problems
            else:
                assert isinstance(value, cls)

        check()
