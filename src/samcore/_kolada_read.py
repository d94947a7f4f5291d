"""Reading the data responses of Kolada's API, version 3, into :class:`KoladaValue` values.

What the reader relies on, as Kolada's API description and the clients
that read version 3 (``api.kolada.se/v3``) show it:

- A data query, such as ``/v3/data/kpi/N00090/municipality/0126/year/2024``
  (every part may be a comma-separated list), answers with a JSON object:
  ``values``, a list of data items; ``count``, how many items the page
  holds; and, when the answer runs over several pages (at most 5,000 items
  each), ``next_page`` and ``previous_page``, the addresses of the
  neighbouring pages.
- Each data item names a key figure (``kpi``), a ``municipality`` id and a
  ``period`` (the year, a number; older descriptions show it as a string),
  and holds ``values``: one entry per gender given, each with ``gender``
  (``"T"``, ``"K"`` or ``"M"``), ``value`` (a number, or ``null`` where
  Kolada has none), ``count`` (for a group of municipalities, how many
  members the value averages, else 1) and ``status``.
- Kolada adds fields over time (``is_deleted``, for one). So the reader
  tolerates keys it does not know and ignores ``count``, ``status`` and
  the paging fields; what it reads it checks strictly.

Nothing here fetches anything: the caller brings the JSON text.
"""

from __future__ import annotations

import json
from typing import Any, Final

from samcore._check import instance_of, path_step, require, show
from samcore._kolada import GENDER_CODES, KoladaValue
from samcore.errors import InvalidValueError, Problem, WireFormatError

__all__ = ["read_kolada"]

_SUMMARY: Final = "JSON does not fit Kolada's data response"


def read_kolada(text: str | bytes) -> tuple[KoladaValue, ...]:
    """Kolada's values from the text of a data response of its API, version 3.

    ``text`` is one response, ``{"values": [...], "count": ..., ...}``, or
    a JSON array of data items (the ``values`` of several pages put
    together). Each gender entry of each item becomes a :class:`KoladaValue`,
    in the order given. ``count``, ``status``, ``next_page``,
    ``previous_page`` and any key Kolada may add are ignored; ``period`` is
    a number, or a string of four digits.

    Raises:
        WireFormatError: the text is not JSON or does not have Kolada's
            shape: every problem is listed with its JSON path
            (``$.values[3].values[0].gender``), code (``json``, ``depth``,
            ``type``, ``missing``, ``enum`` for an unknown gender code,
            ``invalid`` for a broken rule) and message.

    Examples:
        >>> text = '''{"count": 1, "values": [{"kpi": "N00090", "municipality": "0126",
        ...   "period": 2024, "values": [{"count": 1, "gender": "T", "status": "", "value": 7.5},
        ...                              {"count": 1, "gender": "K", "status": "", "value": null}]}]}'''
        >>> [(v.kpi, v.gender, v.value) for v in read_kolada(text)]
        [('N00090', None, 7.5), ('N00090', <Gender.WOMAN: 'woman'>, None)]
        >>> read_kolada('{"values": [{"kpi": "N00090", "municipality": "0126", "period": 2024,'
        ...             ' "values": [{"gender": "F", "value": 7.5}]}]}')
        Traceback (most recent call last):
        ...
        samcore.errors.WireFormatError: JSON does not fit Kolada's data response (1 problems):
          - expected one of 'T', 'K', 'M' (got 'F') @ $.values[0].values[0].gender
    """
    require("text", text, instance_of(str, bytes), "read_kolada")
    try:
        data = json.loads(text)
    except RecursionError:
        raise WireFormatError(
            _SUMMARY, [Problem(path="$", code="depth", message="nested too deep")]
        ) from None
    except ValueError as error:
        raise WireFormatError(
            _SUMMARY, [Problem(path="$", code="json", message=f"not JSON: {error}")]
        ) from None
    reader = _Reader()
    values = reader.response(data)
    if reader.problems:
        raise WireFormatError(_SUMMARY, reader.problems)
    return values


_MISSING: Final = object()


class _Reader:
    """Reads a parsed response, noting each problem at its path instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def note(self, path: str, code: str, message: str) -> Any:
        self.problems.append(Problem(path=path, code=code, message=message))
        return _MISSING

    def response(self, data: Any) -> tuple[KoladaValue, ...]:
        if isinstance(data, list):
            items, path = data, "$"
        elif isinstance(data, dict):
            items, path = self.key(data, "$", "values", list, "an array"), "$.values"
        else:
            rule = "a JSON object with the key 'values', or an array of data items"
            items = self.note("$", "type", f"expected {rule} (got {show(data)})")
        if items is _MISSING:
            return ()
        return tuple(v for n, item in enumerate(items) for v in self.item(item, path + f"[{n}]"))

    def key(self, data: dict[str, Any], path: str, key: str, kind: Any, name: str) -> Any:
        """The value of a key, if there and of the JSON kind ``kind`` (not a boolean for a number)."""
        at = path + path_step(key)
        if key not in data:
            return self.note(at, "missing", "required field missing")
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, kind):
            return self.note(at, "type", f"expected {name} (got {show(value)})")
        return value

    def item(self, item: Any, path: str) -> list[KoladaValue]:
        """The values of one data item: its KPI, municipality and year with each gender entry."""
        if not isinstance(item, dict):
            self.note(path, "type", f"expected a JSON object (got {show(item)})")
            return []
        head = {
            "kpi": self.key(item, path, "kpi", str, "a string"),
            "municipality": self.key(item, path, "municipality", str, "a string"),
            "period": self.period(item, path),
        }
        entries = self.key(item, path, "values", list, "an array")
        if any(v is _MISSING for v in head.values()) or self.build(head, path, path) is None:
            head = {}
        if entries is _MISSING:
            return []
        found = []
        for m, entry in enumerate(entries):
            read = self.entry(entry, f"{path}.values[{m}]")
            if read is not None and head:
                value = self.build({**head, **read}, f"{path}.values[{m}]", path)
                if value is not None:
                    found.append(value)
        return found

    def period(self, item: dict[str, Any], path: str) -> Any:
        """The year: a number, or a string of four digits."""
        period = self.key(item, path, "period", int | str, "a year")
        if isinstance(period, str):
            if len(period) == 4 and period.isascii() and period.isdigit():
                return int(period)
            return self.note(path + ".period", "type", f"expected a year (got {show(period)})")
        return period

    def entry(self, entry: Any, path: str) -> dict[str, Any] | None:
        """The gender and value of one gender entry, or ``None`` after noting what is wrong."""
        if not isinstance(entry, dict):
            self.note(path, "type", f"expected a JSON object (got {show(entry)})")
            return None
        code = entry.get("gender", _MISSING)
        if code is _MISSING:
            self.note(path + ".gender", "missing", "required field missing")
        elif not isinstance(code, str) or code not in GENDER_CODES:
            allowed = ", ".join(map(repr, GENDER_CODES))
            message = f"expected one of {allowed} (got {show(code)})"
            code = self.note(path + ".gender", "enum", message)
        value = entry.get("value")
        if value is not None:
            value = self.key(entry, path, "value", int | float, "a number or null")
        if code is _MISSING or value is _MISSING:
            return None
        return {"gender": GENDER_CODES[code], "value": value}

    def build(self, fields: dict[str, Any], path: str, head: str) -> KoladaValue | None:
        """The value, or ``None`` after noting the rule it breaks at its field's path.

        ``head`` is the path of the data item, where its KPI, municipality
        and year are; gender and value lie at ``path``, the gender entry.
        """
        try:
            return KoladaValue(**fields)
        except InvalidValueError as error:
            name = error.field or ""
            self.note(
                (path if name in ("gender", "value") else head) + path_step(name),
                "invalid",
                str(error),
            )
            return None
