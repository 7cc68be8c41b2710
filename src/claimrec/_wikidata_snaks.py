"""Wikibase vocabulary (URIs, ranks, property ids, time precisions) and snaks read and built."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Final, Literal, TypeAlias

from claimrec.errors import ValidationError

ENTITY: Final = "http://www.wikidata.org/entity/"
GREGORIAN: Final = ENTITY + "Q1985727"
"""The calendar model of every time value read or written: the proleptic Gregorian calendar."""

Rank: TypeAlias = Literal["preferred", "normal", "deprecated"]
RANKS: Final[tuple[str, ...]] = ("preferred", "normal", "deprecated")

_POINT_IN_TIME: Final = "P585"
_START_TIME: Final = "P580"
_END_TIME: Final = "P582"
_DEPRECATION_REASON: Final = "P2241"
_STATED_IN: Final = "P248"
_REFERENCE_URL: Final = "P854"
_RETRIEVED: Final = "P813"
_PUBLISHED: Final = "P577"
_QUOTATION: Final = "P1683"
_TITLE: Final = "P1476"

_YEAR, _MONTH, _DAY = 9, 10, 11
_TIME: Final = re.compile(r"([+-])(\d{1,16})-(\d\d)-(\d\d)T\d\d:\d\d:\d\dZ\Z")
_ITEM: Final = re.compile(r"Q[1-9]\d{0,15}\Z")


# -- reading ---------------------------------------------------------------------------


def _mapping(value: object, where: str, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(f"{where}: {field}: expected an object, got {value!r}")
    return value


def _list(value: object, where: str, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValidationError(f"{where}: {field}: expected a list, got {value!r}")
    return value


def _snaks(container: Mapping[str, Any], key: str, where: str) -> dict[str, list[Any]]:
    raw = container.get(key, {})
    found = _mapping(raw, where, key)
    return {p: _list(v, where, f"{key}.{p}") for p, v in found.items()}


def _datavalue(snak: object, where: str, field: str, kind: str) -> Any:
    """The value of a ``value`` snak, checked to be of datavalue type ``kind``."""
    snak = _mapping(snak, where, field)
    datavalue = _mapping(snak.get("datavalue"), where, f"{field}.datavalue")
    if datavalue.get("type") != kind:
        raise ValidationError(
            f"{where}: {field}.datavalue.type: expected {kind!r}, got {datavalue.get('type')!r}"
        )
    return datavalue.get("value")


def _has_value(snak: object, where: str, field: str) -> bool:
    snaktype = _mapping(snak, where, field).get("snaktype", "value")
    if snaktype not in ("value", "somevalue", "novalue"):
        raise ValidationError(
            f"{where}: {field}.snaktype: expected value, somevalue or novalue, got {snaktype!r}"
        )
    return bool(snaktype == "value")


def _time(snak: object, where: str, field: str) -> tuple[dt.date, int] | None:
    """The first day of the year, month or day a time snak names, and its precision."""
    if not _has_value(snak, where, field):
        return None
    value = _mapping(_datavalue(snak, where, field, "time"), where, f"{field}.value")
    precision = value.get("precision")
    if type(precision) is not int or not _YEAR <= precision <= 14:
        raise ValidationError(
            f"{where}: {field}.precision: expected 9 (year), 10 (month), 11 (day) or finer, "
            f"got {precision!r}"
        )
    if value.get("calendarmodel", GREGORIAN) != GREGORIAN:
        raise ValidationError(
            f"{where}: {field}.calendarmodel: expected the Gregorian calendar {GREGORIAN}, "
            f"got {value.get('calendarmodel')!r}"
        )
    text = value.get("time")
    match = _TIME.match(text) if isinstance(text, str) else None
    if match is None or match.group(1) == "-" or not 1 <= int(match.group(2)) <= 9999:
        raise ValidationError(
            f"{where}: {field}.time: expected a time such as '+2025-02-04T00:00:00Z' "
            f"in the years 1 to 9999, got {text!r}"
        )
    year, month, day = (int(match.group(i)) for i in (2, 3, 4))
    try:
        if precision == _YEAR:
            return dt.date(year, 1, 1), _YEAR
        if precision == _MONTH:
            return dt.date(year, month, 1), _MONTH
        return dt.date(year, month, day), _DAY
    except ValueError as err:
        raise ValidationError(f"{where}: {field}.time: {text!r} is no date: {err}") from None


def _single(snaks: Mapping[str, list[Any]], prop: str, where: str, what: str) -> Any:
    values = snaks.get(prop, [])
    if len(values) > 1:
        raise ValidationError(f"{where}: {what}.{prop}: expected one value, got {len(values)}")
    return values[0] if values else None


def _item_id(snak: object, where: str, field: str) -> str:
    value = _mapping(_datavalue(snak, where, field, "wikibase-entityid"), where, field)
    ident = value.get("id")
    if ident is None and type(value.get("numeric-id")) is int:
        ident = f"Q{value['numeric-id']}"
    if not isinstance(ident, str) or not _ITEM.match(ident):
        raise ValidationError(f"{where}: {field}: expected an item such as 'Q9684', got {value!r}")
    return ident


def _string(snak: object, where: str, field: str, kind: str) -> str:
    value = _datavalue(snak, where, field, kind)
    if kind == "monolingualtext":
        value = _mapping(value, where, field).get("text")
    if not isinstance(value, str):
        raise ValidationError(f"{where}: {field}: expected text, got {value!r}")
    return value


# -- writing ---------------------------------------------------------------------------


def _value_snak(prop: str, value: dict[str, Any] | None) -> dict[str, Any]:
    if value is None:
        return {"snaktype": "somevalue", "property": prop, "datatype": "quantity"}
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "quantity",
        "datavalue": {"type": "quantity", "value": value},
    }


def _time_snak(prop: str, day: dt.date, precision: int) -> dict[str, Any]:
    month = day.month if precision >= _MONTH else 0
    mday = day.day if precision >= _DAY else 0
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "time",
        "datavalue": {
            "type": "time",
            "value": {
                "time": f"+{day.year:04d}-{month:02d}-{mday:02d}T00:00:00Z",
                "timezone": 0,
                "before": 0,
                "after": 0,
                "precision": precision,
                "calendarmodel": GREGORIAN,
            },
        },
    }


def _item_snak(prop: str, item: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "wikibase-item",
        "datavalue": {
            "type": "wikibase-entityid",
            "value": {"entity-type": "item", "numeric-id": int(item[1:]), "id": item},
        },
    }


def _text_snak(prop: str, text: str, language: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "monolingualtext",
        "datavalue": {"type": "monolingualtext", "value": {"text": text, "language": language}},
    }


def _url_snak(prop: str, url: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "url",
        "datavalue": {"type": "string", "value": url},
    }
