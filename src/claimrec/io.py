"""Claim files: a claim set as JSON or TOML, and back, losslessly.

A claim file is one object::

    {"format": "claimrec/1", "quantities": [...], "sources": [...],
     "claims": [...], "constraints": [...]}

The JSON Schema ships with the package (:func:`schema`); docs/claim-files.md describes
every field. Numbers are exact: JSON numbers are read as decimals, not floats, and
non-integral values may be written as ``"p/q"`` strings. Nothing loads partially: any
error raises :class:`~claimrec.errors.ClaimFileError` naming the file, the item and the
field.

>>> import claimrec
>>> cs = claimrec.ClaimSet(quantities=[claimrec.Quantity("deployed")],
...     claims=[claimrec.Claim("believed", "deployed", claimrec.Range.more_than(10000))])
>>> text = dumps(cs)
>>> loads(text) == cs
True
>>> loads(dumps(cs, format="toml"), format="toml") == cs
True
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias

from claimrec._exact import Number, exact
from claimrec._gc import paused
from claimrec.claims import Claim, ClaimSet, Constraint, Quantity, Term
from claimrec.errors import ClaimFileError, ClaimrecError
from claimrec.provenance import Attribution, Source
from claimrec.ranges import KINDS, FractionOf, Range
from claimrec.readings import Lexicon, Reading, read_range
from claimrec.spans import Span

__all__ = [
    "FORMAT",
    "dumps",
    "dumps_lines",
    "from_dict",
    "load",
    "loads",
    "loads_lines",
    "range_from_json",
    "range_to_json",
    "save",
    "schema",
    "to_dict",
]

FORMAT: Final = "claimrec/1"
FileFormat: TypeAlias = Literal["json", "toml"]

_QUANTITY_FIELDS: Final = {"name", "kind", "unit", "cumulative", "description"}
_SOURCE_FIELDS: Final = {"id", "name", "kind", "grade", "speaks_for", "notes"}
_CLAIM_FIELDS: Final = {
    "id",
    "quantity",
    "value",
    "phrase",
    "source",
    "said_on",
    "period",
    "credibility",
    "evidence",
    "citation",
    "notes",
}
_CONSTRAINT_FIELDS: Final = {"id", "expr", "ratio", "reason"}
_RANGE_FIELDS: Final = {"lower", "upper", "lower_closed", "upper_closed", "kind", "unit"}


# -- writing ------------------------------------------------------------------


def range_to_json(value: Range) -> dict[str, Any]:
    """A range as the JSON object used in claim files and reports (:meth:`Range.to_json`).

    >>> range_to_json(Range.more_than(3000))["lower"]
    3001
    """
    return value.to_json()


def to_dict(claimset: ClaimSet) -> dict[str, Any]:
    """The claim set as plain JSON-ready data (``None`` where a field is absent)."""
    return {
        "format": FORMAT,
        "quantities": [
            {
                "name": q.name,
                "kind": q.kind,
                "unit": q.unit,
                "cumulative": q.cumulative,
                "description": q.description,
            }
            for q in claimset.quantities
        ],
        "sources": [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "grade": s.grade,
                "speaks_for": s.speaks_for,
                "notes": s.notes,
            }
            for s in claimset.sources
        ],
        "claims": [_claim_to_dict(c) for c in claimset.claims],
        "constraints": [_constraint_to_dict(c) for c in claimset.constraints],
    }


def _claim_to_dict(claim: Claim) -> dict[str, Any]:
    value = claim.value
    return {
        "id": claim.id,
        "quantity": claim.quantity,
        "value": (
            {"share": range_to_json(value.share), "of": value.base}
            if isinstance(value, FractionOf)
            else range_to_json(value)
        ),
        "phrase": claim.phrase,
        "source": None
        if claim.source is None
        else {
            "said_by": claim.source.said_by,
            "citing": list(claim.source.citing),
            "reported_by": list(claim.source.reported_by),
        },
        "said_on": None if claim.said_on is None else claim.said_on.isoformat(),
        "period": {
            "start": None if claim.period.start is None else claim.period.start.isoformat(),
            "end": None if claim.period.end is None else claim.period.end.isoformat(),
        },
        "credibility": claim.credibility,
        "evidence": claim.evidence,
        "citation": claim.citation,
        "notes": claim.notes,
    }


def _constraint_to_dict(constraint: Constraint) -> dict[str, Any]:
    if constraint.relation == "ratio":
        assert constraint.share is not None
        return {
            "id": constraint.id,
            "ratio": {
                "quantity": constraint.left[0].quantity,
                "share": range_to_json(constraint.share),
                "of": constraint.right[0].quantity,
            },
            "reason": constraint.reason,
        }
    return {"id": constraint.id, "expr": str(constraint), "reason": constraint.reason}


def dumps(claimset: ClaimSet, *, format: FileFormat = "json") -> str:
    """The claim set as JSON (indented, keys in a fixed order) or TOML text."""
    data = to_dict(claimset)
    if format == "toml":
        return _toml_document(data)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save(claimset: ClaimSet, path: str | Path) -> None:
    """Write the claim set to ``path``: TOML for ``.toml``, JSON Lines for ``.jsonl``, else JSON."""
    target = Path(path)
    if target.suffix == ".jsonl":
        text = dumps_lines(claimset)
    else:
        text = dumps(claimset, format="toml" if target.suffix == ".toml" else "json")
    target.write_text(text, encoding="utf-8")


# -- TOML writing: the claim-file structure only (arrays of tables, inline tables) --


def _toml_document(data: Mapping[str, Any]) -> str:
    lines = [f"format = {_toml_value(data['format'])}"]
    for section in ("quantities", "sources", "claims", "constraints"):
        for item in data[section]:
            lines.append(f"\n[[{section}]]")
            for key, value in item.items():
                if value is not None:
                    lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # JSON leaves DEL (U+007F) raw; TOML requires it escaped.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    assert isinstance(value, dict)
    items = [f"{k} = {_toml_value(v)}" for k, v in value.items() if v is not None]
    return "{ " + ", ".join(items) + " }" if items else "{}"


# -- reading ------------------------------------------------------------------


class _Context:
    """Where in a file we are, for error messages."""

    def __init__(self, path: str | None) -> None:
        self.path = path

    def fail(
        self, message: str, item: str | None = None, field: str | None = None
    ) -> ClaimFileError:
        where = [self.path or "<claims>"]
        if item is not None:
            where.append(item)
        if field is not None:
            where.append(field)
        return ClaimFileError(": ".join([*where, message]), path=self.path, item=item, field=field)


def from_dict(data: object, *, path: str | None = None, lexicon: Lexicon | None = None) -> ClaimSet:
    """Build a claim set from parsed claim-file data, checking every field.

    >>> from_dict({"format": "claimrec/1", "quantities": [{"name": "q", "kind": "tally"}]})
    Traceback (most recent call last):
    ...
    claimrec.errors.ClaimFileError: <claims>: quantity 'q': kind: expected one of count, proportion, amount, got 'tally'
    """
    # Claims, their ranges and spans are made by the million and form no cycles.
    with paused():
        return _from_dict(data, path, lexicon)


def _from_dict(data: object, path: str | None, lexicon: Lexicon | None) -> ClaimSet:
    ctx = _Context(path)
    if not isinstance(data, dict):
        raise ctx.fail(f"expected a claim-file object, got {type(data).__name__}")
    fmt = data.get("format")
    if fmt != FORMAT:
        raise ctx.fail(f"expected {FORMAT!r}, got {fmt!r}", field="format")
    unknown = set(data) - {"format", "quantities", "sources", "claims", "constraints"}
    if unknown:
        raise ctx.fail(
            f"unknown top-level field(s) {sorted(unknown)}; expected format, quantities, "
            "sources, claims, constraints"
        )
    quantities = [
        _item(ctx, obj, "quantity", "name", _QUANTITY_FIELDS, _quantity)
        for obj in _array(ctx, data, "quantities")
    ]
    sources = [
        _item(ctx, obj, "source", "id", _SOURCE_FIELDS, _source)
        for obj in _array(ctx, data, "sources")
    ]
    kinds = {q.name: q for q in quantities}
    claims = [
        _item(ctx, obj, "claim", "id", _CLAIM_FIELDS, lambda o, c: _claim(o, c, kinds, lexicon))
        for obj in _array(ctx, data, "claims")
    ]
    constraints = [
        _item(ctx, obj, "constraint", "id", _CONSTRAINT_FIELDS, _constraint)
        for obj in _array(ctx, data, "constraints")
    ]
    try:
        return ClaimSet(quantities, sources, claims, constraints)
    except ClaimrecError as err:
        raise ctx.fail(str(err)) from None


def _array(ctx: _Context, data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ctx.fail(f"expected an array, got {type(value).__name__}", field=key)
    return value


class _FieldError(ClaimFileError):
    """A bad field inside one item; :func:`_item` adds the file and the item."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", field=field)
        self.detail = message


def _item(
    ctx: _Context,
    obj: object,
    what: str,
    key: str,
    fields: set[str],
    build: Callable[[Mapping[str, Any], str], Any],
) -> Any:
    if not isinstance(obj, dict):
        raise ctx.fail(f"expected an object, got {obj!r}", item=what)
    name = obj.get(key)
    if not isinstance(name, str):
        raise ctx.fail(f"expected a string, got {name!r}", item=what, field=key)
    label = f"{what} {name!r}"
    unknown = set(obj) - fields
    if unknown:
        raise ctx.fail(
            f"unknown field(s) {sorted(unknown)}; expected some of {sorted(fields)}", item=label
        )
    try:
        return build(obj, label)
    except _FieldError as err:
        raise ctx.fail(err.detail, item=label, field=err.field) from None
    except ClaimrecError as err:
        message = str(err)
        prefix = f"{label}: "
        raise ctx.fail(message.removeprefix(prefix), item=label) from None


def _get(obj: Mapping[str, Any], key: str, types: type | tuple[type, ...], default: Any) -> Any:
    value = obj.get(key, default)
    if value is None and default is None:
        return None
    if not isinstance(value, types) or (isinstance(value, bool) and types is int):
        expected = (
            types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)
        )
        raise _FieldError(key, f"expected {expected}, got {value!r}")
    return value


def _quantity(obj: Mapping[str, Any], label: str) -> Quantity:
    return Quantity(
        obj["name"],
        _get(obj, "kind", str, "count"),
        _get(obj, "unit", str, None),
        _get(obj, "cumulative", bool, False),
        _get(obj, "description", str, ""),
    )


def _source(obj: Mapping[str, Any], label: str) -> Source:
    return Source(
        obj["id"],
        _get(obj, "name", str, obj["id"]),
        _get(obj, "kind", str, "other"),
        _get(obj, "grade", str, "F"),
        _get(obj, "speaks_for", str, None),
        _get(obj, "notes", str, ""),
    )


def _number(value: object, field: str) -> Number | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal | float):
        raise _FieldError(field, f"expected a number or a 'p/q' string, got {value!r}")
    try:
        return exact(value, field)
    except ClaimrecError as err:
        raise _FieldError(field, str(err).removeprefix(f"{field}: ")) from None


def range_from_json(
    obj: object, *, kind: str = "count", unit: str | None = None, field: str = "value"
) -> Range:
    """A range from its JSON object; ``kind`` and ``unit`` apply when the object omits them.

    >>> range_from_json({"lower": 3000, "lower_closed": False})
    Range(count [3,001, inf))
    """
    if not isinstance(obj, dict):
        raise _FieldError(field, f"expected a range object with lower/upper, got {obj!r}")
    unknown = set(obj) - _RANGE_FIELDS
    if unknown:
        raise _FieldError(
            field, f"unknown field(s) {sorted(unknown)}; expected some of {sorted(_RANGE_FIELDS)}"
        )
    lower = _number(obj.get("lower"), f"{field}.lower")
    upper = _number(obj.get("upper"), f"{field}.upper")
    flags = {}
    for end in ("lower_closed", "upper_closed"):
        flag = obj.get(end, True)
        if not isinstance(flag, bool):
            raise _FieldError(f"{field}.{end}", f"expected true or false, got {flag!r}")
        flags[end] = flag
    kind = obj.get("kind", kind)
    unit = obj.get("unit", unit)
    if kind not in KINDS:
        raise _FieldError(f"{field}.kind", f"expected one of {', '.join(KINDS)}, got {kind!r}")
    if unit is not None and not isinstance(unit, str):
        raise _FieldError(f"{field}.unit", f"expected a unit name or null, got {unit!r}")
    try:
        return Range(
            kind,
            lower,
            upper,
            flags["lower_closed"],
            flags["upper_closed"],
            unit,
        )
    except ClaimrecError as err:
        raise _FieldError(field, str(err)) from None


def _claim(
    obj: Mapping[str, Any],
    label: str,
    quantities: Mapping[str, Quantity],
    lexicon: Lexicon | None = None,
) -> Claim:
    quantity_name = _get(obj, "quantity", str, "")
    quantity = quantities.get(quantity_name)
    kind, unit = (quantity.kind, quantity.unit) if quantity else ("count", None)
    phrase = _get(obj, "phrase", str, None)
    raw = obj.get("value")
    value: Range | FractionOf
    if raw is None and phrase is None:
        raise _FieldError(
            "value", "expected a range object, a share {'share': ..., 'of': ...} or a 'phrase'"
        )
    base: str | None = None
    if isinstance(raw, dict) and "of" in raw:
        extra = set(raw) - {"share", "of"}
        if extra:
            raise _FieldError("value", f"unknown field(s) {sorted(extra)}; expected share, of")
        base = raw["of"]
        if not isinstance(base, str):
            raise _FieldError("value.of", f"expected a quantity name, got {base!r}")
    share_missing = isinstance(raw, dict) and base is not None and "share" not in raw
    if share_missing and phrase is None:
        raise _FieldError(
            "value.share", "expected a range object with lower/upper, or a 'phrase' to read it from"
        )
    reading = _reading(phrase, kind, base, lexicon, required=raw is None or share_missing)
    if raw is None:
        assert reading is not None
        value = reading.value
    elif base is not None:
        if "share" in raw:
            share = range_from_json(raw["share"], kind="proportion", field="value.share")
        else:
            assert reading is not None
            share = reading.entailed
        value = FractionOf(share, base)
    else:
        value = range_from_json(raw, kind=kind, unit=unit)
    if reading is not None and reading.value != value:
        # The explicit value wins; a reading that says otherwise would mislead the reasons.
        reading = None
    source = _attribution(obj.get("source"))
    period = _period(obj.get("period"))
    return Claim(
        obj["id"],
        quantity_name,
        value,
        source,
        _get(obj, "said_on", str, None),
        period,
        _get(obj, "credibility", int, 6),
        _get(obj, "evidence", str, "estimate"),
        phrase,
        _get(obj, "citation", str, ""),
        _get(obj, "notes", str, ""),
        reading,
    )


def _reading(
    phrase: str | None, kind: str, base: str | None, lexicon: Lexicon | None, *, required: bool
) -> Reading | None:
    """The phrase's reading; when the value is also given, a phrase that does not read is kept
    as text only."""
    if phrase is None:
        return None
    try:
        return read_range(
            phrase,
            kind="proportion" if base else kind,  # type: ignore[arg-type]
            base=base,
            lexicon=lexicon,
        )
    except ClaimrecError as err:
        if required:
            raise _FieldError("phrase", str(err)) from None
        return None


def _attribution(raw: object) -> Attribution | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        return Attribution(raw)
    if not isinstance(raw, dict) or set(raw) - {"said_by", "citing", "reported_by"}:
        raise _FieldError(
            "source",
            f"expected a source id or an object with said_by, citing, reported_by, got {raw!r}",
        )
    parts = {}
    for key in ("citing", "reported_by"):
        ids = raw.get(key, [])
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise _FieldError(f"source.{key}", f"expected a list of source ids, got {ids!r}")
        parts[key] = tuple(ids)
    said_by = raw.get("said_by")
    if not isinstance(said_by, str):
        raise _FieldError("source.said_by", f"expected a source id, got {said_by!r}")
    return Attribution(said_by, parts["citing"], parts["reported_by"])


def _period(raw: object) -> Span:
    if raw is None:
        return Span()
    if not isinstance(raw, dict) or set(raw) - {"start", "end"}:
        raise _FieldError("period", f"expected an object with start and end dates, got {raw!r}")
    ends = []
    for key in ("start", "end"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise _FieldError(f"period.{key}", f"expected an ISO date string, got {value!r}")
        ends.append(value)
    try:
        return Span(*ends)
    except ClaimrecError as err:
        raise _FieldError("period", str(err)) from None


def _constraint(obj: Mapping[str, Any], label: str) -> Constraint:
    reason = _get(obj, "reason", str, "")
    if ("expr" in obj) == ("ratio" in obj):
        raise _FieldError("expr", "expected exactly one of 'expr' (a <= b) or 'ratio'")
    if "expr" in obj:
        expr = _get(obj, "expr", str, "")
        return Constraint.parse(obj["id"], expr, reason=reason)
    ratio = obj["ratio"]
    if not isinstance(ratio, dict) or set(ratio) != {"quantity", "share", "of"}:
        raise _FieldError("ratio", f"expected an object with quantity, share, of; got {ratio!r}")
    share = range_from_json(ratio["share"], kind="proportion", field="ratio.share")
    if not isinstance(ratio["quantity"], str) or not isinstance(ratio["of"], str):
        raise _FieldError("ratio", f"expected quantity names, got {ratio!r}")
    return Constraint(
        obj["id"], (Term(1, ratio["quantity"]),), "ratio", (Term(1, ratio["of"]),), share, reason
    )


def loads(
    text: str,
    *,
    format: FileFormat = "json",
    path: str | None = None,
    lexicon: Lexicon | None = None,
) -> ClaimSet:
    """Read a claim set from JSON or TOML text."""
    ctx = _Context(path)
    try:
        # The parsed objects are as many as the claims and form no cycles.
        with paused():
            if format == "toml":
                data: object = tomllib.loads(text, parse_float=Decimal)
            else:
                data = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise ctx.fail(
            f"not valid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from None
    except tomllib.TOMLDecodeError as err:
        raise ctx.fail(f"not valid TOML: {err}") from None
    except ValueError as err:
        raise ctx.fail(str(err)) from None
    except RecursionError:
        raise ctx.fail("nested too deeply to be a claim file") from None
    return from_dict(data, path=path, lexicon=lexicon)


def loads_lines(text: str, *, path: str | None = None, lexicon: Lexicon | None = None) -> ClaimSet:
    r"""Read a claim set from JSON Lines: a header object, then one claim per line.

    The header is a claim file without claims (``format``, ``quantities``, ``sources``,
    ``constraints``); blank lines are skipped. Errors name the line.

    >>> text = '{"format": "claimrec/1", "quantities": [{"name": "q"}]}\n'
    >>> text += '{"id": "a", "quantity": "q", "phrase": "about 8,000"}\n'
    >>> loads_lines(text).claim("a").value
    Range(count [7,500, 8,500])
    """
    with paused():
        return _loads_lines(text, path, lexicon)


def _loads_lines(text: str, path: str | None, lexicon: Lexicon | None) -> ClaimSet:
    ctx = _Context(path)
    header: object = None
    claims: list[object] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line, parse_float=Decimal, parse_constant=_refuse_constant)
        except json.JSONDecodeError as err:
            raise ctx.fail(
                f"line {number}: not valid JSON at column {err.colno}: {err.msg}"
            ) from None
        except ValueError as err:
            raise ctx.fail(f"line {number}: {err}") from None
        except RecursionError:
            raise ctx.fail(f"line {number}: nested too deeply to be a claim") from None
        if header is None:
            if not isinstance(obj, dict) or "claims" in obj:
                raise ctx.fail(
                    f"line {number}: expected a header object with format, quantities, "
                    "sources and constraints (claims follow, one per line)"
                )
            header = obj
        else:
            claims.append(obj)
    if header is None:
        raise ctx.fail("empty file: expected a header line and one claim per line")
    assert isinstance(header, dict)
    return from_dict({**header, "claims": claims}, path=path, lexicon=lexicon)


def dumps_lines(claimset: ClaimSet) -> str:
    """The claim set as JSON Lines: a header line, then one claim per line.

    >>> import claimrec
    >>> cs = claimrec.load("seeds/north-korea-2025.json")
    >>> loads_lines(dumps_lines(cs)) == cs
    True
    """
    data = to_dict(claimset)
    claims = data.pop("claims")
    lines = [json.dumps(data, ensure_ascii=False)]
    lines.extend(json.dumps(c, ensure_ascii=False) for c in claims)
    return "\n".join(lines) + "\n"


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number claimrec accepts; write a finite number or null")


def load(path: str | Path, *, lexicon: Lexicon | None = None) -> ClaimSet:
    """Read a claim file (``.json``, ``.toml``, or ``.jsonl``: one claim per line).

    Phrases are read with ``lexicon`` (default: :data:`claimrec.readings.DEFAULT_LEXICON`).

    >>> load("no/such/file.json")
    Traceback (most recent call last):
    ...
    claimrec.errors.ClaimFileError: no/such/file.json: cannot read the file: ...
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ClaimFileError(f"{path}: cannot read the file: {err}", path=str(path)) from None
    if source.suffix == ".jsonl":
        return loads_lines(text, path=str(path), lexicon=lexicon)
    return loads(
        text,
        format="toml" if source.suffix == ".toml" else "json",
        path=str(path),
        lexicon=lexicon,
    )


def schema() -> dict[str, Any]:
    """The JSON Schema of the claim-file format.

    >>> schema()["properties"]["format"]["const"]
    'claimrec/1'
    """
    text = resources.files("claimrec").joinpath("schema/claimset.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
