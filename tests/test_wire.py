import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import samcore
from samcore import (
    AnswerTally,
    Dataset,
    Employee,
    Employment,
    Month,
    OrgTree,
    Problem,
    Ratio,
    Risk,
    Turnover,
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
    (samcore.Headcount, sst.headcounts()),
    (samcore.PublishedReport, sst.published_reports()),
    (samcore.PersonnelGroupRow, sst.personnel_group_rows()),
    (samcore.ExtraHours, sst.extra_hours()),
    (samcore.IncidentSummary, sst.incident_summaries()),
    (samcore.WorkingTimeViolation, sst.working_time_violations()),
    (samcore.Template, sst.templates()),
    (samcore.ChildReport, sst.child_reports()),
    (samcore.OpenMeasure, sst.open_measures()),
    (samcore.EmployeeSurvey, sst.employee_surveys()),
    (samcore.SurveyResult, sst.survey_results()),
    (samcore.Narrative, sst.narratives()),
    (samcore.Submission, sst.submissions()),
    (samcore.Step, sst.steps()),
    (samcore.AggregationPlan, sst.aggregation_plans()),
    (samcore.ChildProgress, sst.child_progresses()),
    (samcore.Progress, sst.progresses()),
    (samcore.KoladaValue, sst.kolada_values()),
    (samcore.KoladaComparison, sst.kolada_comparisons()),
    (samcore.SignalPolicy, sst.signal_policies()),
    (samcore.Signal, sst.signals()),
    (samcore.RehabStepTaken, sst.rehab_steps_taken()),
    (samcore.RehabCase, sst.rehab_cases()),
    (samcore.CaseCount, sst.case_counts()),
    (samcore.RehabSummary, sst.rehab_summaries()),
    (samcore.HealthFactorInventory, sst.health_factor_inventories()),
    (samcore.HealthFactorSummary, sst.health_factor_summaries()),
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
        """An unknown key is named, at its own path."""
        with pytest.raises(
            WireFormatError, match=r"extra field 'colour': Ratio has no such field @ \$\.colour"
        ):
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
        with pytest.raises(WireFormatError, match=r"'fte' must be in \(0, 1\].* @ \$\.fte"):
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
                for problem in error.problems:
                    assert problem.code in CODES, problem
                    assert len(problem.message) <= 1000
                    if problem.code not in ("json", "depth"):
                        assert_located(json.loads(text), problem)
            else:
                assert isinstance(value, cls)

        check()


CODES = {"json", "depth", "type", "missing", "extra", "enum", "date", "invalid"} | {
    "unknown_unit",
    "unknown_employee",
    "unknown_question",
    "duplicate_id",
    "duplicate_row",
    "over_full_time",
    "overlap",
}

STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]|\['((?:[^'\\]|\\.)*)'\]")


def steps(path: str) -> list[str | int]:
    """The keys and indexes of a problem's JSON path."""
    assert path.startswith("$")
    found: list[str | int] = []
    at = 1
    while at < len(path):
        step = STEP.match(path, at)
        assert step, f"cannot read {path!r} from {path[at:]!r}"
        name, index, quoted = step.groups()
        if index is not None:
            found.append(int(index))
        else:
            found.append(name if name is not None else re.sub(r"\\(.)", r"\1", quoted))
        at = step.end()
    return found


def assert_located(document: Any, problem: Problem) -> None:
    """The path leads to a value of the document; for a missing key, to where it is missing.

    A rule may concern a field left out and so taken at its default (bands
    that do not fit the levels given): its path leads to where it would be.
    """
    node = document
    path = steps(problem.path)
    last = len(path) - 1
    for n, step in enumerate(path):
        if problem.code == "missing" and n == last:
            assert isinstance(node, dict), problem
            assert step not in node, problem
            return
        if problem.code == "invalid" and n == last and isinstance(node, dict):
            return
        if isinstance(step, int):
            assert isinstance(node, list), problem
            assert 0 <= step < len(node), problem
        else:
            assert isinstance(node, dict), problem
            assert step in node, problem
        node = node[step]


class TestProblems:
    """Every problem has the path of the field, a stable code and a short message."""

    def problems(self, payload: Any, cls: type[Any]) -> list[tuple[str, str]]:
        """The (path, code) of each problem found reading the payload."""
        with pytest.raises(WireFormatError) as info:
            from_json(json.dumps(payload), cls)
        return [(p.path, p.code) for p in info.value.problems]

    def test_rule_of_a_nested_record_names_its_field(self) -> None:
        """A record's own rule is located at the field it names, not at the record."""
        data = {
            "org": {"units": [{"id": "k", "name": "K"}]},
            "employees": [{"id": "e1", "gender": "man"}],
            "employments": [
                {"employee_id": "e1", "unit_id": "k", "start": "2024-01-01", "fte": 1.5}
            ],
        }
        assert [("$.employments[0].fte", "invalid")] == self.problems(data, Dataset)

    def test_units_of_a_tree_by_their_key(self) -> None:
        """Inside an organisation the units are at $.units, as written, whatever the tree keeps."""
        units: list[dict[str, Any]] = [
            {"id": f"u{n}", "name": f"U{n}", "parent_id": "u0" if n else None} for n in range(4)
        ]
        units[3]["name"] = " "
        units[2]["level"] = 3
        assert [("$.units[2].level", "type"), ("$.units[3].name", "invalid")] == self.problems(
            {"units": units}, OrgTree
        )
        del units[2]["level"]
        assert [("$.org.units[3].name", "invalid")] == self.problems(
            {"org": {"units": units}}, Dataset
        )

    def test_tree_rules_at_the_units(self) -> None:
        """A tree that is no tree is reported at its units, in the tree's own words."""
        with pytest.raises(WireFormatError) as info:
            from_json('{"units": [{"id": "a", "name": "A", "parent_id": "x"}]}', OrgTree)
        (problem,) = info.value.problems
        assert ("$.units", "invalid") == (problem.path, problem.code)
        assert "unit 'a' names parent 'x'" in problem.message

    def test_alias_not_private_name(self) -> None:
        """A count kept in a private attribute is named by its key, in path and message."""
        with pytest.raises(WireFormatError) as info:
            from_json(
                '{"departures": {"man": -1}, "head_months": {"man": 12}, "months": 12}', Turnover
            )
        (problem,) = info.value.problems
        assert ("$.departures.man", "invalid") == (problem.path, problem.code)
        assert problem.message.startswith("'departures[man]' must be an int >= 0 (got -1)")
        assert "_departures" not in str(info.value)

    def test_shape_and_rules_together(self) -> None:
        """Wrong shapes and broken rules of one payload are reported at once, each at its field."""
        payload = {
            "employee_id": "e1",
            "unit_id": 7,
            "start": "2024-02-30",
            "fte": 1.5,
            "weekly_hours": 0,
            "x": 1,
        }
        assert [
            ("$.unit_id", "type"),
            ("$.start", "date"),
            ("$.x", "extra"),
            ("$.fte", "invalid"),
            ("$.weekly_hours", "invalid"),
        ] == self.problems(payload, Employment)

    def test_every_broken_rule_of_a_record(self) -> None:
        """Not only the first rule the constructor meets: every field rule broken."""
        payload = {"departures": {"man": -1}, "head_months": {"woman": -2}, "months": -1}
        assert [
            ("$.departures.man", "invalid"),
            ("$.head_months.woman", "invalid"),
            ("$.months", "invalid"),
        ] == self.problems(payload, Turnover)

    def test_codes(self) -> None:
        """Each kind of problem has its code."""
        assert [("$.gender", "enum"), ("$.birth_date", "date")] == self.problems(
            {"id": "e", "gender": "female", "birth_date": "1980-02-30"}, Employee
        )
        assert [("$.gender", "missing")] == self.problems({"id": "e"}, Employee)
        assert [("$", "date")] == self.problems("2024-13", Month)
        assert [("$.measures", "type")] == self.problems(
            {
                "id": "r",
                "unit_id": "u",
                "title": "t",
                "identified_on": "2024-01-01",
                "probability": 1,
                "consequence": 1,
                "measures": "ab",
            },
            Risk,
        )

    def test_dataset_problems_at_their_records(self) -> None:
        """A dataset read from JSON reports its references where they are, with their codes."""
        data = {
            "org": {"units": [{"id": "k", "name": "K"}]},
            "employees": [{"id": "e1", "gender": "man"}],
            "employments": [{"employee_id": "e2", "unit_id": "x", "start": "2024-01-01"}],
        }
        with pytest.raises(WireFormatError) as info:
            from_json(json.dumps(data), Dataset)
        assert (
            Problem(
                path="$.employments[0].unit_id",
                code="unknown_unit",
                message="unknown unit 'x' (not in org)",
            ),
            Problem(
                path="$.employments[0].employee_id",
                code="unknown_employee",
                message="unknown employee 'e2' (not in employees)",
            ),
        ) == info.value.problems

    def test_keys_that_are_no_names(self) -> None:
        """A key that is no identifier is quoted in the path."""
        assert [("$['a b']", "extra"), ("$['it\\'s']", "extra")] == self.problems(
            {"start": "2024-01-01", "end": "2024-01-02", "a b": 1, "it's": 2}, Window
        )

    def test_not_json(self) -> None:
        """Text that is no JSON has code json."""
        assert [("$", "json")] == [(p.path, p.code) for p in error_of("{", Window).problems]


def error_of(text: str, cls: type[Any]) -> WireFormatError:
    """The error reading the text raises."""
    with pytest.raises(WireFormatError) as info:
        from_json(text, cls)
    return info.value


class TestLimits:
    """Deep nesting and long values raise WireFormatError with short messages."""

    def test_deep_nesting_refused(self) -> None:
        """994 nested arrays raise WireFormatError, not RecursionError."""
        error = error_of("[" * 994 + "]" * 994, Employee)
        assert [("$", "depth")] == [(p.path, p.code) for p in error.problems]

    def test_far_deeper_nesting_refused(self) -> None:
        """Nesting beyond what the JSON parser itself can take is refused the same way."""
        error = error_of('{"a": ' * 100_000 + "1" + "}" * 100_000, Employee)
        assert "depth" == error.problems[0].code

    def test_depth_limit(self) -> None:
        """64 levels are read (and refused for their shape); 65 are too deep."""
        assert "type" == error_of("[" * 64 + "]" * 64, Employee).problems[0].code
        assert "depth" == error_of("[" * 65 + "]" * 65, Employee).problems[0].code
        deep_inside = {"id": "e", "gender": "man", "personnel_group": [[[[[[[[1]]]]]]]]}
        problem = error_of(json.dumps(deep_inside), Employee).problems[0]
        assert "expected a string (got [[[...]]]) @ $.personnel_group" == str(problem)

    @settings(max_examples=10)
    @given(st.text(min_size=1000, max_size=5000))
    def test_long_values_cut(self, text: str) -> None:
        """A long value is cut with an ellipsis; no message is over 1,000 characters."""
        payloads = [
            {"id": "e", "gender": text},
            {"id": text, "gender": "man", "birth_date": text},
            {"employee_id": text, "unit_id": text, "start": "2024-01-01", "fte": 2},
            {"id": "e", "gender": "man", text: 1},
        ]
        for payload, cls in zip(payloads, [Employee, Employee, Employment, Employee], strict=True):
            for problem in error_of(json.dumps(payload), cls).problems:
                assert len(problem.message) <= 1000
                assert len(problem.path) <= 120
        problem = error_of(json.dumps(payloads[0]), Employee).problems[0]
        assert "..." in problem.message

    def test_long_rule_message_cut(self) -> None:
        """A record's own message naming long ids stays within 1,000 characters: the id is cut."""
        payload = {"employee_id": "e" * 3000, "unit_id": "u", "start": "2024-01-01", "fte": 2}
        (problem,) = error_of(json.dumps(payload), Employment).problems
        assert len(problem.message) <= 1000
        assert "..." in problem.message
        assert problem.message.startswith("'fte' must be in (0, 1] (got 2.0)")
