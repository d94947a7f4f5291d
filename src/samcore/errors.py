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

from collections.abc import Iterable

__all__ = [
    "DatasetError",
    "InvalidRiskError",
    "InvalidValueError",
    "OrgTreeError",
    "OverlappingPeriodsError",
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


class InvalidValueError(SamcoreError, ValueError):
    """A value breaks a rule of the type it is given to.

    The message names the field, the rule, the value and the record.

    Examples:
        >>> from samcore import Ratio
        >>> Ratio(numerator=-1.0)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'numerator' must be a finite number >= 0 (got -1.0) for a ratio
    """


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


class _ProblemsError(SamcoreError, ValueError):
    """An error that lists several problems found at once."""

    def __init__(self, summary: str, problems: Iterable[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        lines = "".join(f"\n  - {problem}" for problem in self.problems)
        super().__init__(f"{summary} ({len(self.problems)} problems):{lines}")


class DatasetError(_ProblemsError):
    """A dataset names ids that do not exist; ``problems`` lists every one found.

    Examples:
        >>> error = DatasetError("dataset is inconsistent", ["a", "b"])
        >>> error.problems
        ('a', 'b')
    """


class WireFormatError(_ProblemsError):
    """A JSON payload does not fit the samcore type asked for.

    ``problems`` holds one line per problem, each ending with the JSON path
    (``@ $.employees[3].gender``).

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
