"""Names of enum members in Swedish and English, for the records that carry their own words."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from samcore._check import show
from samcore.errors import InvalidValueError

__all__ = ["label"]

E = TypeVar("E", bound=StrEnum)


def label(names: Mapping[str, Mapping[E, str]], member: E, lang: str) -> str:
    """The name of ``member`` in a language of ``names`` (``"sv"`` or ``"en"``).

    Raises:
        InvalidValueError: ``lang`` is no language of ``names``.

    Examples:
        >>> from samcore import Gender
        >>> names = {"sv": {Gender.WOMAN: "Kvinna"}, "en": {Gender.WOMAN: "Woman"}}
        >>> label(names, Gender.WOMAN, "en")
        'Woman'
        >>> label(names, Gender.WOMAN, "de")
        Traceback (most recent call last):
        ...
        samcore.errors.InvalidValueError: 'lang' must be one of 'en', 'sv' (got 'de')
    """
    try:
        return names[lang][member]
    except (KeyError, TypeError):  # TypeError: an unhashable value is no language either
        allowed = ", ".join(map(repr, sorted(names)))
        raise InvalidValueError(f"'lang' must be one of {allowed} (got {show(lang)})") from None
