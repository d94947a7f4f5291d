"""json_schema: the JSON Schema of every wire type agrees with to_json and from_json."""

import json
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import samcore
from samcore import (
    ALL_QUESTIONS,
    Answer,
    Dataset,
    Diagnostics,
    Employment,
    Gender,
    IncidentSummary,
    InvalidValueError,
    Month,
    OrgTree,
    Problem,
    QuestionnaireAnswer,
    Report,
    Turnover,
    WireFormatError,
    build_reports,
    from_json,
    json_schema,
    roll_up,
    to_json,
)
from samcore import strategies as sst
from test_wire import TYPES

FORMATS = Draft202012Validator.FORMAT_CHECKER


def reports() -> st.SearchStrategy[Report]:
    """Rolled-up reports of generated datasets: every part of a report filled in somewhere."""
    return (
        sst.datasets(max_units=5, max_employees=4)
        .map(lambda data: roll_up(data.org, build_reports(data, 2024)))
        .flatmap(lambda rolled: st.sampled_from(list(rolled.values())))
    )


ALL_TYPES: list[tuple[type[Any], st.SearchStrategy[Any]]] = [
    *TYPES,
    (Report, reports()),
    (Dataset, sst.datasets(max_units=5, max_employees=4)),
    (Diagnostics, sst.datasets(max_units=3, max_employees=4).map(Dataset.diagnostics)),
    (
        QuestionnaireAnswer,
        st.builds(
            QuestionnaireAnswer,
            unit_id=sst.ids(),
            year=st.integers(2000, 2100),
            question_id=st.sampled_from(sorted(ALL_QUESTIONS)),
            answer=st.sampled_from(Answer),
        ),
    ),
]
IDS = [c.__name__ for c, _ in ALL_TYPES]


def validator(cls: Any) -> Draft202012Validator:
    """A validator of the type's schema that checks formats (dates) too."""
    return Draft202012Validator(json_schema(cls), format_checker=FORMATS)


class TestSchemaOfEveryType:
    """ "samcore.json_schema(cls) for every public wire type" and it fits what to_json writes."""

    @pytest.mark.parametrize(("cls", "strategy"), ALL_TYPES, ids=IDS)
    def test_schema_is_valid_2020_12(
        self, cls: type[Any], strategy: st.SearchStrategy[Any]
    ) -> None:
        """The schema itself is a valid draft 2020-12 schema."""
        schema = json_schema(cls)
        Draft202012Validator.check_schema(schema)
        assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]

    @pytest.mark.parametrize(("cls", "strategy"), ALL_TYPES, ids=IDS)
    def test_to_json_validates(self, cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
        """Whatever to_json writes for generated values validates against the schema."""
        check = validator(cls)

        @settings(max_examples=25)
        @given(strategy)
        def run(value: Any) -> None:
            errors = [e.message for e in check.iter_errors(json.loads(to_json(value)))]
            assert [] == errors

        run()


def field_values() -> st.SearchStrategy[Any]:
    """JSON values to put in a field; no integral floats, which JSON Schema takes as integers."""
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(-3, 3)
        | st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer())
        | st.sampled_from(["", "x", "2024-01-01", "2024-02-30", "2024-13", "2024-12", "woman"])
        | st.sampled_from(["done", "accident", "near_miss", "not_applicable", "u0", "e1"])
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
        max_leaves=6,
    )


@st.composite
def edited(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> Any:
    """A valid document with one value somewhere replaced, one key dropped or one added."""
    document = json.loads(to_json(draw(strategy)))
    places: list[Any] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            places.append(node)
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            places.extend([node] if node else [])
            for value in node:
                collect(value)

    collect(document)
    if not places:
        return draw(field_values())
    node = draw(st.sampled_from(places))
    if isinstance(node, list):
        node[draw(st.integers(0, len(node) - 1))] = draw(field_values())
        return document
    action = draw(st.sampled_from(["replace", "drop", "add"] if node else ["add"]))
    if action == "add":
        node[draw(st.text(min_size=1, max_size=6))] = draw(field_values())
    else:
        key = draw(st.sampled_from(sorted(node)))
        if action == "drop":
            del node[key]
        else:
            node[key] = draw(field_values())
    return document


SHAPE_CODES = {"type", "missing", "extra", "enum", "date", "json", "depth"}


class TestSchemaAndReaderAgree:
    """Documents the schema refuses, from_json refuses; where it does not, only a rule is broken."""

    @pytest.mark.parametrize(("cls", "strategy"), ALL_TYPES, ids=IDS)
    def test_edited_documents(self, cls: type[Any], strategy: st.SearchStrategy[Any]) -> None:
        """One edit anywhere in a document: a schema violation is a WireFormatError, and a
        shape problem found by from_json is a schema violation too."""
        check = validator(cls)

        @settings(max_examples=25)
        @given(edited(strategy))
        def run(document: Any) -> None:
            violations = list(check.iter_errors(document))
            try:
                from_json(json.dumps(document), cls)
            except WireFormatError as error:
                shapes = [p for p in error.problems if p.code in SHAPE_CODES]
                assert not shapes or violations, shapes
            else:
                assert [] == [v.message for v in violations]

        run()


class TestNamedViolations:
    """An extra key, a wrong type, a missing required key, a bad enum: refused by both."""

    EMPLOYMENT: ClassVar[dict[str, Any]] = {
        "employee_id": "e1",
        "unit_id": "u1",
        "start": "2024-01-01",
        "fte": 0.5,
    }

    @pytest.mark.parametrize(
        ("change", "path", "code"),
        [
            ({"colour": "red"}, "$.colour", "extra"),
            ({"fte": "0.5"}, "$.fte", "type"),
            ({"unit_id": None}, "$.unit_id", "type"),
            ({"start": "2024-02-30"}, "$.start", "date"),
            ({"end": "20240301"}, "$.end", "date"),
        ],
    )
    def test_employment(self, change: dict[str, Any], path: str, code: str) -> None:
        """Each violation is refused by the schema and by from_json, at the same place."""
        document = {**self.EMPLOYMENT, **change}
        assert not validator(Employment).is_valid(document)
        with pytest.raises(WireFormatError) as info:
            from_json(json.dumps(document), Employment)
        assert [(path, code)] == [(p.path, p.code) for p in info.value.problems]

    def test_missing_required_key(self) -> None:
        """A required key left out."""
        document = {k: v for k, v in self.EMPLOYMENT.items() if k != "start"}
        assert not validator(Employment).is_valid(document)
        with pytest.raises(WireFormatError) as info:
            from_json(json.dumps(document), Employment)
        assert (Problem(path="$.start", code="missing", message="required field missing"),) == (
            info.value.problems
        )

    def test_bad_enum_value_and_key(self) -> None:
        """An enum's value, and an enum's value as the key of a count."""
        document = {"departures": {"female": 1}, "head_months": {"woman": 12}, "months": 12}
        assert not validator(Turnover).is_valid(document)
        with pytest.raises(WireFormatError) as info:
            from_json(json.dumps(document), Turnover)
        assert [("$.departures.female", "enum")] == [(p.path, p.code) for p in info.value.problems]

    def test_in_memory_fields_are_not_in_the_schema(self) -> None:
        """The people behind a headcount never go on the wire, nor into the schema."""
        cell = json_schema(samcore.SickLeaveCell)
        assert "people" not in cell["properties"]
        assert {"people", "certified_people"}.isdisjoint(
            json_schema(samcore.Managers)["properties"]
        )
        assert ["count"] == list(json_schema(samcore.Headcount)["properties"])


class TestSchemaShape:
    """The schema follows the converter's rules: aliases, defaults, enums, dates, months, trees."""

    def test_alias_not_attribute_name(self) -> None:
        """A private attribute appears by its alias, as on the wire."""
        schema = json_schema(Turnover)
        assert ["departures", "retirements", "head_months", "months"] == list(schema["properties"])
        assert {"woman", "man", "unspecified"} == set(
            schema["properties"]["departures"]["properties"]
        )

    def test_required_are_the_fields_without_default(self) -> None:
        """Keys with a default may be left out."""
        schema = json_schema(Employment)
        assert ["employee_id", "unit_id", "start"] == schema["required"]
        assert 1.0 == schema["properties"]["fte"]["default"]
        assert False is schema["additionalProperties"]

    def test_a_default_taken_from_the_record_is_not_given(self) -> None:
        """An incident's report date defaults to its event's: no fixed default to state."""
        reported = json_schema(samcore.Incident)["properties"]["reported_on"]
        assert "default" not in reported
        assert "date" == reported["format"]

    def test_enums_are_named_definitions(self) -> None:
        """An enum is a definition of its values, referred to where used."""
        schema = json_schema(samcore.Employee)
        assert {"$ref": "#/$defs/Gender"} == schema["properties"]["gender"]
        assert [g.value for g in Gender] == schema["$defs"]["Gender"]["enum"]

    def test_org_tree_is_its_units(self) -> None:
        """An organisation is {"units": [...]}, whatever it keeps inside."""
        schema = json_schema(OrgTree)
        assert ["units"] == list(schema["properties"])
        assert {"$ref": "#/$defs/OrgUnit"} == schema["properties"]["units"]["items"]

    def test_month_pattern(self) -> None:
        """A month is YYYY-MM with a month 01 to 12 and a year from 0001."""
        check = validator(Month)
        assert [True, False, False, False, False] == [
            check.is_valid(text) for text in ["2024-12", "2024-13", "0000-01", "2024-1", 202412]
        ]
        for text in ["2024-12", "0001-01", "9999-09"]:
            assert text == str(from_json(json.dumps(text), Month))

    def test_mapping_keyed_by_text(self) -> None:
        """A count by category is an object of any keys with integer values."""
        by_category = json_schema(IncidentSummary)["properties"]["by_category"]
        assert {"type": "integer"} == by_category["additionalProperties"]

    def test_references_for_openapi_components(self) -> None:
        """ref_prefix points the references at an OpenAPI document's components."""
        schema = json_schema(samcore.Risk, ref_prefix="#/components/schemas/")
        assert {"$ref": "#/components/schemas/Measure"} == schema["properties"]["measures"]["items"]
        assert "Measure" in schema["$defs"]

    def test_collections_of_a_type(self) -> None:
        """A list of records, as from_json reads it, has a schema too."""
        schema = json_schema(list[samcore.Employee])
        assert {"type": "array", "items": {"$ref": "#/$defs/Employee"}} == {
            k: schema[k] for k in ("type", "items")
        }
        Draft202012Validator.check_schema(schema)

    def test_not_a_wire_type(self) -> None:
        """A type the wire format does not know is refused, naming it."""
        with pytest.raises(InvalidValueError, match="must be a type of the wire format"):
            json_schema(set[int])

    def test_problem_has_a_schema(self) -> None:
        """The problems of an error answer have a schema of their own."""
        schema = json_schema(Problem)
        assert ["path", "code", "message"] == schema["required"]
        assert validator(Problem).is_valid(
            Problem(path="$", code="json", message="not JSON").as_dict()
        )
