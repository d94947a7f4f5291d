"""The errors samcore raises.

Every error derives from :class:`SamcoreError` and from the builtin that fits
it, so callers can catch either: ``except ValueError`` keeps working for bad
values, ``except KeyError`` for unknown ids.

Examples:
    >>> from samcore import Month, SamcoreError
    >>> try:
    ...     Month(year=2024, month=13)
    ... except SamcoreError as error:
    ...     print(error)
    'month' must be an int in 1..12 (got 13) for a month
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

import attrs

__all__ = [
    "DatasetError",
    "InvalidRiskError",
    "InvalidValueError",
    "OrgTreeError",
    "OverlappingPeriodsError",
    "Problem",
    "SamcoreError",
    "UnknownEmployeeError",
    "UnknownUnitError",
    "WireFormatError",
]


class SamcoreError(Exception):
    """Base class of every error samcore raises.

    Examples:
        >>> issubclass(OrgTreeError, SamcoreError)
        True
    """


_NAMED_FIELD: Final = re.compile(r"'([^'\s]+)' must ")
"""How every rule's message begins: ``'<field>' must ...``."""


class InvalidValueError(SamcoreError, ValueError):
    """A value breaks a rule of the type it is given to.

    The message names the field, the rule, the value and the record.
    ``field`` is the field's name as the message gives it (``'fte'``,
    ``'bands[2]'``), or ``None`` when the rule concerns no one field. It may
    be passed as ``field=``; otherwise it is read from a message that begins
    ``'<field>' must``, as every field rule's message does.

    Examples:
        >>> from samcore import Ratio
        >>> Ratio(numerator=-1.0)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'numerator' must be a finite number >= 0 (got -1.0) for a ratio
        >>> try:
        ...     Ratio(numerator=-1.0)
        ... except InvalidValueError as error:
        ...     print(error.field)
        numerator
    """

    def __init__(self, *args: object, field: str | None = None) -> None:
        super().__init__(*args)
        if field is None and args and isinstance(args[0], str):
            named = _NAMED_FIELD.match(args[0])
            field = named[1] if named else None
        self.field: str | None = field


class InvalidRiskError(InvalidValueError):
    """A probability or consequence lies outside the risk matrix's scales.

    Examples:
        >>> from samcore import RiskMatrix
        >>> RiskMatrix().level(6, 1)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidRiskError: 'probability' must be in 1..5 (got 6) for a 5×5 risk matrix
    """


class OrgTreeError(SamcoreError, ValueError):
    """The units do not form one tree: no root or several, a missing parent, a cycle or a duplicate id.

    Examples:
        >>> from samcore import OrgTree, OrgUnit
        >>> OrgTree.from_units([OrgUnit(id="a", name="A", parent_id="x")])
        Traceback (most recent call last):
        ...
        samcore.errors.OrgTreeError: the units do not form one tree: unit 'a' names parent 'x', which is not a unit; no root (a unit without parent_id)
    """


class _MessageKeyError(KeyError):
    """A KeyError whose text is its message, not the repr of it."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownUnitError(SamcoreError, _MessageKeyError):
    """An org unit id that the organisation tree does not hold.

    Examples:
        >>> from samcore import OrgTree, OrgUnit
        >>> OrgTree.from_units([OrgUnit(id="k", name="Kommunen")]).unit("x")
        Traceback (most recent call last):
        ...
        samcore.errors.UnknownUnitError: unknown unit id 'x'
    """


class UnknownEmployeeError(SamcoreError, _MessageKeyError):
    """A record names an employee that is not among the employees given.

    Examples:
        >>> issubclass(UnknownEmployeeError, KeyError)
        True
    """


class OverlappingPeriodsError(SamcoreError, ValueError):
    """Two sick-leave periods of one employee cover the same day.

    Examples:
        >>> issubclass(OverlappingPeriodsError, ValueError)
        True
    """


_MESSAGE_LIMIT: Final = 1000
"""The most characters a problem's message holds; a longer one is cut with an ellipsis."""


def _clip(message: Any) -> Any:
    if not isinstance(message, str) or len(message) <= _MESSAGE_LIMIT:
        return message
    return message[: _MESSAGE_LIMIT - 1] + "…"


def _text(instance: Any, attribute: Any, value: Any) -> None:
    """Validator of the fields of a problem: a non-empty string."""
    if not isinstance(value, str) or not value:
        shown = repr(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        raise InvalidValueError(
            f"{attribute.name!r} must be a non-empty string (got {shown}) for a problem",
            field=attribute.name,
        )


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a payload or a dataset: where, what kind, and in words.

    ``path`` is a JSON path from the payload's root ``$`` to the field
    (``$.employments[0].fte``; a key that is no identifier is written
    ``$.figures['sick leave']``). ``code`` is a stable word a program can
    switch on; ``message`` is for people, at most 1,000 characters (values
    in it are cut with an ellipsis). The codes:

    - from JSON (:class:`WireFormatError`): ``json`` (not JSON at all),
      ``depth`` (nested too deep), ``type`` (a value of the wrong JSON
      kind), ``missing`` (a required key), ``extra`` (a key the type does
      not have), ``enum`` (not one of the allowed words), ``date`` (not a
      date ``YYYY-MM-DD`` or month ``YYYY-MM``), ``invalid`` (a rule of the
      domain, such as ``fte`` in (0, 1]);
    - from a :class:`DatasetError`, and from a dataset read from JSON:
      ``type`` (a record of the wrong type), ``unknown_unit``,
      ``unknown_employee``, ``unknown_question``, ``duplicate_id``,
      ``duplicate_row``, ``over_full_time``, ``overlap``, ``off_matrix``,
      ``before_birth``;
    - from :meth:`AggregationPlan.problems`: ``no_level``, ``no_step``,
      ``due_after_parent``.

    ``str(problem)`` is the one line ``message @ path``.

    Examples:
        >>> problem = Problem(path="$.employments[0].fte", code="invalid", message="'fte' must be in (0, 1]")
        >>> print(problem)
        'fte' must be in (0, 1] @ $.employments[0].fte
        >>> len(Problem(path="$", code="invalid", message="x" * 5000).message)
        1000
    """

    path: str = attrs.field(validator=_text)
    code: str = attrs.field(validator=_text)
    message: str = attrs.field(converter=_clip, validator=_text)

    def __str__(self) -> str:
        return f"{self.message} @ {self.path}"

    def as_dict(self) -> dict[str, str]:
        """The problem as a JSON-ready object, keys ``path``, ``code`` and ``message``.

        Examples:
            >>> Problem(path="$.gender", code="enum", message="expected one of 'woman', 'man'").as_dict()
            {'path': '$.gender', 'code': 'enum', 'message': "expected one of 'woman', 'man'"}
        """
        return {"path": self.path, "code": self.code, "message": self.message}


class _ProblemsError(SamcoreError, ValueError):
    """An error that lists several problems found at once.

    ``summary`` says what went wrong as a whole; ``problems`` are
    :class:`Problem` values (a plain string given instead becomes a
    problem with path ``$`` and code ``invalid``).
    """

    def __init__(self, summary: str, problems: Iterable[Problem | str]) -> None:
        self.summary = summary
        self.problems: tuple[Problem, ...] = tuple(
            p if isinstance(p, Problem) else Problem(path="$", code="invalid", message=str(p))
            for p in problems
        )
        lines = "".join(f"\n  - {problem}" for problem in self.problems)
        super().__init__(f"{summary} ({len(self.problems)} problems):{lines}")

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.summary, self.problems)

    def as_dict(self) -> dict[str, Any]:
        """The error as a JSON-ready object: ``{"error": summary, "problems": [...]}``.

        Each problem is an object with ``path``, ``code`` and ``message``:
        the body of an HTTP 422 answer, say.

        Examples:
            >>> error = WireFormatError("JSON does not fit Employee",
            ...                         [Problem(path="$.id", code="missing", message="required field missing")])
            >>> error.as_dict()
            {'error': 'JSON does not fit Employee', 'problems': [{'path': '$.id', 'code': 'missing', 'message': 'required field missing'}]}
        """
        return {"error": self.summary, "problems": [p.as_dict() for p in self.problems]}


class DatasetError(_ProblemsError):
    """Records of a dataset do not fit together; ``problems`` lists every one found.

    Each :class:`Problem` has the path of the record or field in the
    dataset (``$.employments[3].unit_id``) and a code such as
    ``unknown_unit`` or ``overlap``.

    Examples:
        >>> error = DatasetError("dataset is inconsistent",
        ...                      [Problem(path="$.employments[3].unit_id", code="unknown_unit", message="unknown unit 'x'")])
        >>> [(p.path, p.code) for p in error.problems]
        [('$.employments[3].unit_id', 'unknown_unit')]
        >>> print(error)
        dataset is inconsistent (1 problems):
          - unknown unit 'x' @ $.employments[3].unit_id
    """


class WireFormatError(_ProblemsError):
    """A JSON payload does not fit the samcore type asked for.

    ``problems`` holds one :class:`Problem` per fault, each with the JSON
    path of the field (``$.employees[3].gender``), a code and a message;
    :meth:`as_dict` gives them ready to send back to a client.

    Examples:
        >>> from samcore import Month, from_json
        >>> from_json('"2024-13"', Month)
        Traceback (most recent call last):
        ...
        samcore.errors.WireFormatError: JSON does not fit Month (1 problems):
          - 'month' must be an int in 1..12 (got 13) for a month @ $
    """


def __dir__() -> list[str]:
    """Show only the public names (``dir(module)``), not the imports behind them."""
    return list(__all__)
