"""Kolada, RKA's database of municipal key figures, set beside samcore's own figures.

What this module relies on, as Kolada and the clients of its API describe it:

- The sick-leave key figures of a municipality's employees come from the
  sick-leave disclosure of the annual accounts (sick hours as a share of
  scheduled ordinary hours, in percent): N00090 all employees, divided by
  gender; N00091 the share of the sick hours that belong to absences of
  60 days or more (Kolada: more than 59 days); N00092 employees aged 29
  or younger; N00093 aged 30-49; N00094 aged 50 or older.
- A value is for a KPI, a municipality id, a year and a gender: ``T``
  the total, ``K`` women (kvinnor), ``M`` men (män); it may be missing.
- Ids: a municipality is its four-digit code (``"0126"``); the whole
  country is ``"0000"`` (Riket); a county's region is ``"00"`` and the
  county code (``"0001"`` Stockholm, ``"0013"`` Halland). Kolada's groups
  of municipalities have ids of their own; a group's value is the
  unweighted mean of its members' values.

Reading Kolada's JSON is in :mod:`samcore._kolada_read`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext
from types import MappingProxyType
from typing import Any, Final

import attrs

from samcore._check import (
    describe,
    fail,
    finite,
    instance_of,
    int_in,
    name_of,
    non_blank,
    non_negative,
    optional,
    require,
    show,
    subject_of,
)
from samcore._frozen import records
from samcore._people import AgeBand, Gender
from samcore._privacy import round_half_up
from samcore._sick_leave import SLICES, SickLeave

__all__ = [
    "GENDER_CODES",
    "KOLADA_KPIS",
    "KoladaComparison",
    "KoladaValue",
    "compare_kolada",
    "kolada_figures",
]

GENDER_CODES: Final[Mapping[str, Gender | None]] = MappingProxyType(
    {"T": None, "K": Gender.WOMAN, "M": Gender.MAN}
)
"""Kolada's gender codes: ``T`` the total, ``K`` women (kvinnor), ``M`` men (män)."""

KOLADA_KPIS: Final[Mapping[tuple[str, Gender | None], tuple[str, str]]] = MappingProxyType(
    {
        ("N00090", None): ("total", "percent"),
        ("N00090", Gender.WOMAN): (Gender.WOMAN.value, "percent"),
        ("N00090", Gender.MAN): (Gender.MAN.value, "percent"),
        ("N00091", None): ("total", "long_term_share_percent"),
        ("N00092", None): (AgeBand.UP_TO_29.value, "percent"),
        ("N00093", None): (AgeBand.FROM_30_TO_49.value, "percent"),
        ("N00094", None): (AgeBand.FROM_50.value, "percent"),
    }
)
"""Which of samcore's sick-leave figures each Kolada key figure is.

A key is Kolada's KPI id and gender (``None`` for the total, ``T``); its
value names the figure as :meth:`SickLeave.figures` does: the group (a key
of ``SLICES``) and the figure's key (``percent``, the sick-leave rate, or
``long_term_share_percent``, the share of 60 days or more). Kolada divides
N00090 by gender, as the disclosure divides the whole; the long-term share
and the age bands are mapped for everyone only, so a gender entry Kolada
may give for them shows in :func:`compare_kolada` as a published figure
without an own one.

Examples:
    >>> KOLADA_KPIS[("N00090", Gender.WOMAN)], KOLADA_KPIS[("N00094", None)]
    (('woman', 'percent'), ('50_and_over', 'percent'))
"""

_KOLADA_GENDER: Final = optional(instance_of(Gender))
_GENDER_ORDER: Final = {gender: rank for rank, gender in enumerate(GENDER_CODES.values())}


def _gender(instance: Any, attribute: Any, value: Any) -> None:
    """Validator: women, men or ``None`` (the total): the genders Kolada divides by."""
    _KOLADA_GENDER(instance, attribute, value)
    if value is Gender.UNSPECIFIED:
        rule = "be Gender.WOMAN, Gender.MAN or None"
        fail(name_of(attribute), rule, value, subject_of(instance))


@attrs.frozen(kw_only=True)
class KoladaValue:
    """One published key figure: a KPI of a municipality (or group) for a year, for a gender.

    ``gender`` is ``None`` for the total (Kolada's ``T``); ``value`` is
    ``None`` where Kolada gives none.

    Examples:
        >>> v = KoladaValue(kpi="N00090", municipality="0126", period=2024, value=7.5)
        >>> v.gender is None, v.value
        (True, 7.5)
        >>> KoladaValue(kpi="N00090", municipality="0126", period=2024, gender=Gender.UNSPECIFIED)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'gender' must be Gender.WOMAN, Gender.MAN or None (got <Gender.UNSPECIFIED: 'unspecified'>) for Kolada value 'N00090' of '0126'
    """

    kpi: str = attrs.field(validator=non_blank())
    municipality: str = attrs.field(validator=non_blank())
    period: int = attrs.field(validator=int_in(1, 9999))
    gender: Gender | None = attrs.field(default=None, validator=_gender)
    value: float | None = attrs.field(default=None, validator=optional(finite()))

    @property
    def _subject(self) -> str:
        return describe("a Kolada value", "Kolada value", ("", self.kpi), ("of", self.municipality))


@attrs.frozen(kw_only=True)
class KoladaComparison:
    """An own figure beside the published one, for one KPI, gender, year and municipality.

    ``against`` is the id whose published values were compared: the
    municipality itself, or the country or a county for an average.
    ``own`` and ``published`` are ``None`` where that side has no figure;
    then ``difference`` and ``within`` are ``None`` too. Otherwise
    ``difference`` is ``own - published`` in percentage points and
    ``within`` tells whether ``own``, rounded as samcore publishes it,
    lies within the tolerance of ``published`` (see :func:`compare_kolada`).

    Examples:
        >>> c = KoladaComparison(kpi="N00090", period=2024, municipality="0126", against="0126",
        ...                      own=7.46, published=7.5, difference=7.46 - 7.5, within=True)
        >>> round(c.difference, 2)
        -0.04
        >>> KoladaComparison(kpi="N00090", period=2024, municipality="0126", against="0126",
        ...                  own=7.46, within=True)
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'within' must be None when own or published is None (got True) for Kolada comparison 'N00090' of '0126'
    """

    kpi: str = attrs.field(validator=non_blank())
    period: int = attrs.field(validator=int_in(1, 9999))
    municipality: str = attrs.field(validator=non_blank())
    against: str = attrs.field(validator=non_blank())
    gender: Gender | None = attrs.field(default=None, validator=_gender)
    own: float | None = attrs.field(default=None, validator=optional(finite()))
    published: float | None = attrs.field(default=None, validator=optional(finite()))
    difference: float | None = attrs.field(default=None, validator=optional(finite()))
    within: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))

    @property
    def _subject(self) -> str:
        return describe(
            "a Kolada comparison", "Kolada comparison", ("", self.kpi), ("of", self.municipality)
        )

    def __attrs_post_init__(self) -> None:
        if self.own is None or self.published is None:
            for name in ("difference", "within"):
                if getattr(self, name) is not None:
                    rule = "be None when own or published is None"
                    fail(name, rule, getattr(self, name), self._subject)
            return
        for name in ("difference", "within"):
            if getattr(self, name) is None:
                fail(name, "be given when own and published are", None, self._subject)
        if self.difference != self.own - self.published:
            rule = f"equal own - published = {self.own - self.published!r}"
            fail("difference", rule, self.difference, self._subject)


def kolada_figures(sick: SickLeave, municipality: str, period: int) -> tuple[KoladaValue, ...]:
    """The sick-leave figures samcore computes, as Kolada values: one per entry of ``KOLADA_KPIS``.

    Each value is the percent unrounded (``None`` where the group has no
    scheduled hours, or no sick hours for the long-term share). The
    figures are for checking against what Kolada publishes, not for
    publishing: they are not rounded and no small group is hidden (use
    :meth:`SickLeave.rows` for that).

    Examples:
        >>> from samcore import SickLeaveCell
        >>> cell = SickLeaveCell(gender=Gender.WOMAN, age_band=AgeBand.FROM_50, headcount=12,
        ...                      scheduled_hours=1000.0, short_hours=40.0, long_hours=35.0)
        >>> [(v.kpi, v.gender, v.value) for v in kolada_figures(SickLeave(cells=[cell]), "0126", 2024)]
        ... # doctest: +NORMALIZE_WHITESPACE
        [('N00090', None, 7.5), ('N00090', <Gender.WOMAN: 'woman'>, 7.5),
         ('N00090', <Gender.MAN: 'man'>, None), ('N00091', None, 0.0), ('N00092', None, None),
         ('N00093', None, None), ('N00094', None, 7.5)]
    """
    subject = "kolada_figures"
    require("sick", sick, instance_of(SickLeave), subject)
    require("municipality", municipality, non_blank(), subject)
    require("period", period, int_in(1, 9999), subject)
    found = []
    for (kpi, gender), (group, figure) in KOLADA_KPIS.items():
        of_gender, band = SLICES[group]
        if figure == "percent":
            ratio = sick.rate(gender=of_gender, age_band=band)
        else:
            ratio = sick.long_term_share(gender=of_gender, age_band=band)
        found.append(
            KoladaValue(
                kpi=kpi,
                municipality=municipality,
                period=period,
                gender=gender,
                value=ratio.percent,
            )
        )
    return tuple(found)


_Figures = dict[tuple[str, Gender | None], float | None]


def _index(field: str, values: tuple[KoladaValue, ...]) -> dict[tuple[str, int], _Figures]:
    """The values by municipality and year, then by KPI and gender; a figure given twice must agree."""
    found: dict[tuple[str, int], _Figures] = {}
    for index, v in enumerate(values):
        figures = found.setdefault((v.municipality, v.period), {})
        key = (v.kpi, v.gender)
        if key in figures and figures[key] != v.value:
            rule = f"not give another value for a figure given before ({show(figures[key])})"
            fail(f"{field}[{index}]", rule, v, "compare_kolada")
        figures[key] = v.value
    return found


def compare_kolada(
    own: Iterable[KoladaValue],
    published: Iterable[KoladaValue],
    *,
    tolerance: float = 0.05,
    against: str | None = None,
) -> tuple[KoladaComparison, ...]:
    """Own figures beside the published ones: a row per KPI, gender, year and municipality.

    The own values choose what is compared: every municipality and year
    among them, against the published values of the same municipality and
    year, or, with ``against``, of that id instead (``"0000"`` for the
    country, a county's id, a group's id): the way to set a municipality
    beside an average. Published values of other ids or years are left
    aside. Within a municipality and year, a figure that only one side has
    is listed with ``None`` on the other side, never dropped. Rows come in
    the order municipality, year, KPI, then total, women, men.

    ``within`` is the rule of rounding: the own figure rounded to one
    decimal, half up as samcore publishes it (:func:`round_half_up`), may
    differ from the published figure by at most ``tolerance``:
    ``|round_half_up(own) - published| <= tolerance``. The numbers are
    compared in decimal as written (their ``repr``), not in binary: 8.3
    against 8.2 is exactly 0.1 apart, though ``8.3 - 8.2`` is
    0.10000000000000142 in floating point. With the default 0.05, a
    one-decimal published figure is within exactly when it equals
    samcore's own published figure.

    Raises:
        InvalidValueError: an argument of the wrong kind, or one side gives
            two different values for the same figure.

    Examples:
        >>> own = [KoladaValue(kpi="N00090", municipality="0126", period=2024, value=7.46),
        ...        KoladaValue(kpi="N00091", municipality="0126", period=2024, value=51.2)]
        >>> kolada = [KoladaValue(kpi="N00090", municipality="0126", period=2024, value=7.5),
        ...           KoladaValue(kpi="N00090", municipality="0000", period=2024, value=6.8)]
        >>> [(c.kpi, c.published, c.within) for c in compare_kolada(own, kolada)]
        [('N00090', 7.5, True), ('N00091', None, None)]
        >>> [(c.kpi, c.published, round(c.difference, 2)) for c in compare_kolada(own[:1], kolada, against="0000")]
        [('N00090', 6.8, 0.66)]
    """
    subject = "compare_kolada"
    mine = _index("own", records("own", own, KoladaValue, subject))
    theirs = _index("published", records("published", published, KoladaValue, subject))
    require("tolerance", tolerance, non_negative(), subject)
    require("against", against, optional(non_blank()), subject)
    limit = Decimal(repr(tolerance))
    rows = []
    for municipality, period in sorted(mine):
        other = municipality if against is None else against
        ours, given = mine[(municipality, period)], theirs.get((other, period), {})
        for kpi, gender in sorted(ours.keys() | given.keys(), key=_kpi_order):
            rows.append(
                KoladaComparison(
                    kpi=kpi,
                    period=period,
                    municipality=municipality,
                    against=other,
                    gender=gender,
                    **_compared(ours.get((kpi, gender)), given.get((kpi, gender)), limit),
                )
            )
    return tuple(rows)


def _kpi_order(key: tuple[str, Gender | None]) -> tuple[str, int]:
    return key[0], _GENDER_ORDER[key[1]]


def _compared(own: float | None, published: float | None, limit: Decimal) -> dict[str, Any]:
    """The figures of one row: own, published, and their difference and agreement when both are."""
    if own is None or published is None:
        return {"own": own, "published": published}
    with localcontext() as context:
        context.prec = 400  # room for any finite float at the 9 decimals round_half_up cuts to
        within = abs(round_half_up(own) - Decimal(repr(published))) <= limit
    return {"own": own, "published": published, "difference": own - published, "within": within}
