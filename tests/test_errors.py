import json
import pickle

import pytest

from samcore import (
    DatasetError,
    InvalidRiskError,
    InvalidValueError,
    Problem,
    Ratio,
    WireFormatError,
    from_json,
)


class TestProblem:
    """ "Problem(path, code, message)": one fault, located, coded and told."""

    def test_str_is_message_at_path(self) -> None:
        """str(problem) is the one line of before: message @ path."""
        problem = Problem(path="$.employments[0].fte", code="invalid", message="too much")
        assert "too much @ $.employments[0].fte" == str(problem)

    def test_frozen_and_comparable(self) -> None:
        """Problems are values: equal by their fields, hashable, not to be changed."""
        a = Problem(path="$", code="json", message="not JSON")
        assert a == Problem(path="$", code="json", message="not JSON")
        assert 1 == len({a, Problem(path="$", code="json", message="not JSON")})
        with pytest.raises(AttributeError):
            a.code = "x"  # type: ignore[misc]

    def test_message_cut_at_1000_characters(self) -> None:
        """A message longer than 1,000 characters ends in an ellipsis at 1,000."""
        problem = Problem(path="$", code="invalid", message="x" * 1001)
        assert 1000 == len(problem.message)
        assert problem.message.endswith("x…")
        assert "x" * 1000 == Problem(path="$", code="invalid", message="x" * 1000).message

    def test_as_dict(self) -> None:
        """as_dict gives the three fields, ready for json.dumps."""
        problem = Problem(path="$.gender", code="enum", message="expected one of 'woman'")
        assert {"path": "$.gender", "code": "enum", "message": "expected one of 'woman'"} == (
            problem.as_dict()
        )


class TestProblemsErrors:
    """DatasetError and WireFormatError carry problems and answer as JSON."""

    def test_as_dict_is_the_http_body(self) -> None:
        """error.as_dict() is {"error": ..., "problems": [...]}, and JSON."""
        with pytest.raises(WireFormatError) as info:
            from_json('{"numerator": "1", "denominator": 1, "x": 0}', Ratio)
        body = info.value.as_dict()
        assert {
            "error": "JSON does not fit Ratio",
            "problems": [
                {"path": "$.numerator", "code": "type", "message": "expected a number (got '1')"},
                {
                    "path": "$.x",
                    "code": "extra",
                    "message": "extra field 'x': Ratio has no such field",
                },
            ],
        } == body
        assert body == json.loads(json.dumps(body))

    def test_str_lists_the_problems(self) -> None:
        """str(error) is the summary and one line per problem, as before."""
        error = DatasetError(
            "dataset is inconsistent",
            [Problem(path="$.employees[1].id", code="duplicate_id", message="ids given twice")],
        )
        assert "dataset is inconsistent (1 problems):\n  - ids given twice @ $.employees[1].id" == (
            str(error)
        )
        assert "dataset is inconsistent" == error.summary

    def test_plain_strings_still_accepted(self) -> None:
        """A problem given as text becomes a problem at $ with code invalid."""
        error = DatasetError("dataset is inconsistent", ["a", "b"])
        assert (
            Problem(path="$", code="invalid", message="a"),
            Problem(path="$", code="invalid", message="b"),
        ) == error.problems

    def test_pickle_round_trip(self) -> None:
        """An error crosses a process boundary with its problems."""
        error = WireFormatError(
            "JSON does not fit X", [Problem(path="$", code="json", message="no")]
        )
        again = pickle.loads(pickle.dumps(error))
        assert (type(error), error.problems, str(error)) == (
            type(again),
            again.problems,
            str(again),
        )

    def test_still_value_errors(self) -> None:
        """Both stay ValueErrors, so except ValueError keeps working."""
        assert issubclass(DatasetError, ValueError)
        assert issubclass(WireFormatError, ValueError)


class TestInvalidValueErrorField:
    """InvalidValueError names the field its rule concerns."""

    def test_field_read_from_the_message(self) -> None:
        """A rule's message begins with the field's name; the error keeps it."""
        with pytest.raises(InvalidValueError) as info:
            Ratio(numerator=-1.0)
        assert "numerator" == info.value.field

    def test_field_given(self) -> None:
        """field= names it outright; the message stays as given."""
        error = InvalidValueError("bands overlap", field="bands[2]")
        assert ("bands[2]", "bands overlap") == (error.field, str(error))

    def test_no_field(self) -> None:
        """A message that names no field gives None; the constructor stays backwards compatible."""
        assert InvalidValueError("cannot add the headcounts").field is None
        assert InvalidValueError().field is None
        assert "mapping[x]" == InvalidRiskError("'mapping[x]' must be 1 (got 2)").field
