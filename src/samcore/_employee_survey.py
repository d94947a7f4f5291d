"""The yearly employee survey (medarbetarenkät): who was asked, who answered, and the index.

Each unit's result is a record of counts and of the sum of its respondents'
index scores, never of a mean: means of groups of different sizes cannot be
averaged, sums can be added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import ClassVar, Final

import attrs

from samcore._check import at_most, describe, fail, int_in, non_blank, non_negative, optional
from samcore._frozen import records
from samcore._monoid import Summable, quantize
from samcore._ratio import Ratio

__all__ = ["MIN_RESPONDENTS", "EmployeeSurvey", "SurveyResult"]

_SCALE: Final = 100  # the top of the index scale: each respondent's score lies in 0..100

MIN_RESPONDENTS: Final = 5
"""Survey results are not shown for groups of this many respondents or fewer.

The source municipality's rule: "De sektioner som har fem medarbetare eller
färre har inte fått ett eget resultat" (sections of five employees or fewer
get no result of their own; they work from their department's result). An
index is shown only when more than ``MIN_RESPONDENTS`` respondents stand
behind it (:attr:`SurveyResult.indexed`).

Hiding each small group on its own does not protect it across a tree: a
hidden unit's index follows from its parent's and its siblings' shown
figures, since index totals and respondents add. Publishing survey results
therefore belongs to the report's publication step, which hides figures
across the whole tree; this constant is the threshold it applies.
"""


@attrs.frozen(kw_only=True)
class EmployeeSurvey:
    """One unit's result of the yearly employee survey: invited, respondents, index total.

    ``invited`` is the number of people asked to answer, ``respondents`` the
    number who did (``0 <= respondents <= invited``). ``index_total``, when
    the survey gives an index, is the sum over the respondents of their
    index scores on a 0–100 scale, so that the unit's mean index is
    ``index_total / respondents`` and the figures of several units add up
    exactly (:class:`SurveyResult`). It lies in ``0..100 × respondents``,
    and is ``None`` or 0 when nobody answered.

    Examples:
        >>> s = EmployeeSurvey(unit_id="ksf", year=2024, invited=40, respondents=32,
        ...                    index_total=32 * 71.5)
        >>> s.index_total / s.respondents
        71.5
        >>> EmployeeSurvey(unit_id="ksf", year=2024, invited=40, respondents=41)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'respondents' must not exceed invited = 40 (got 41) for employee survey of unit 'ksf'
    """

    unit_id: str = attrs.field(validator=non_blank())
    year: int = attrs.field(validator=int_in(1, 9999))
    invited: int = attrs.field(validator=int_in(0))
    respondents: int = attrs.field(validator=int_in(0))
    index_total: float | None = attrs.field(default=None, validator=optional(non_negative()))

    @property
    def _subject(self) -> str:
        return describe("an employee survey", "employee survey", ("of unit", self.unit_id))

    def __attrs_post_init__(self) -> None:
        at_most(self.respondents, "respondents", self.invited, "invited", self._subject)
        top = _SCALE * self.respondents
        if self.index_total is not None and self.index_total > top:
            rule = (
                f"be at most {_SCALE} × respondents = {top}"
                if top
                else "be None or 0 when respondents = 0"
            )
            fail("index_total", rule, self.index_total, self._subject)


@attrs.frozen(kw_only=True)
class SurveyResult(Summable):
    """The employee survey of a group of units: invited, respondents and index, a monoid.

    ``a + b`` adds every count; ``SurveyResult()`` is the zero. Respondents
    are distinct people by construction: each person answers once, for
    their own unit, so the respondents of several units add without
    counting anyone twice, and no ids need to be kept (unlike the
    headcounts of :class:`SickLeave`); every figure stays exact after a
    JSON round trip. ``indexed`` counts the respondents behind
    ``index_total``: units whose survey gives no index add their invited and
    respondents but nothing to the index, so the index of a mix is the mean
    of those who have one. Built by :meth:`of`, index totals are rounded to
    multiples of 2**-20 (see :func:`quantize`), so that any grouping of the
    units adds to the same bits.

    Examples:
        >>> a = SurveyResult(invited=12, respondents=10, index_total=700.0, indexed=10)
        >>> b = SurveyResult(invited=40, respondents=30, index_total=1500.0, indexed=30)
        >>> (a + b).index, (a + b).response_rate.percent
        (55.0, 76.92307692307693)
        >>> sum([a, b], SurveyResult()) == a + b
        True
    """

    invited: int = attrs.field(default=0, validator=int_in(0))
    respondents: int = attrs.field(default=0, validator=int_in(0))
    index_total: float = attrs.field(default=0.0, validator=non_negative())
    indexed: int = attrs.field(default=0, validator=int_in(0))

    _subject: ClassVar[str] = "a survey result"

    def __attrs_post_init__(self) -> None:
        at_most(self.respondents, "respondents", self.invited, "invited", self._subject)
        at_most(self.indexed, "indexed", self.respondents, "respondents", self._subject)
        top = _SCALE * self.indexed
        if self.index_total > top:
            fail(
                "index_total",
                f"be at most {_SCALE} × indexed = {top}",
                self.index_total,
                self._subject,
            )

    @property
    def response_rate(self) -> Ratio:
        """Respondents over invited (svarsfrekvens).

        Examples:
            >>> round(SurveyResult(invited=5732, respondents=4700).response_rate.percent)
            82
        """
        return Ratio(numerator=self.respondents, denominator=self.invited)

    @property
    def index(self) -> float | None:
        """The mean index of the respondents who gave one, or ``None`` when none did.

        Examples:
            >>> SurveyResult(invited=9, respondents=8, index_total=520.0, indexed=8).index
            65.0
            >>> SurveyResult(invited=9, respondents=8).index is None
            True
        """
        if self.indexed == 0:
            return None
        return self.index_total / self.indexed

    @classmethod
    def of(cls, surveys: Iterable[EmployeeSurvey]) -> SurveyResult:
        """The result of a group of units' surveys of one year, each unit given once.

        Raises:
            InvalidValueError: ``surveys`` is not an iterable of
                :class:`EmployeeSurvey`, mixes years (the respondents of two
                years are not distinct people) or gives a unit twice.

        Examples:
            >>> SurveyResult.of([
            ...     EmployeeSurvey(unit_id="a", year=2024, invited=12, respondents=10, index_total=700),
            ...     EmployeeSurvey(unit_id="b", year=2024, invited=4, respondents=4),
            ... ])
            SurveyResult(invited=16, respondents=14, index_total=700.0, indexed=10)
        """
        given = records("surveys", surveys, EmployeeSurvey, "a survey result")
        if not given:
            return _NO_SURVEY
        years = sorted({s.year for s in given})
        if len(years) > 1:
            fail("surveys", "be of one year", years, "a survey result")
        twice = sorted(u for u, n in Counter(s.unit_id for s in given).items() if n > 1)
        if twice:
            fail("surveys", "give each unit once", twice, "a survey result")
        scored = [s for s in given if s.index_total is not None]
        return cls(
            invited=sum(s.invited for s in given),
            respondents=sum(s.respondents for s in given),
            index_total=sum((quantize(s.index_total or 0.0) for s in scored), 0.0),
            indexed=sum(s.respondents for s in scored),
        )


_NO_SURVEY: Final = SurveyResult()
