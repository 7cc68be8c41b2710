"""W3C PROV: a claim set and its reconciliation as a PROV document, and the claim set back.

This module needs the optional ``prov`` package (``pip install 'claimrec[prov]'``); it is
imported only when a function here is called, so ``import claimrec`` never needs it.

The mapping:

- each **source** is an agent (``source:<id>``), a ``prov:Person`` (a person or
  anonymous officials) or a ``prov:Organization`` (any other kind but ``other``), with
  its name as ``prov:label`` and its kind, grade and notes; a person who speaks for an
  organisation ``actedOnBehalfOf`` it;
- each **claim** is an entity (``claim:<id>``) ``wasAttributedTo`` the source that said
  it, carrying the quantity, the value (``prov:value`` for people, ``claimrec:value``
  as claim-file JSON), the phrase, dates, credibility, evidence kind, citation and notes;
- the **chain** behind a claim is a chain of statements, each attributed to its
  source: the claim ``hadPrimarySource`` the statement of the source it cites
  (``cited:<id>_1``), which has its own primary source when that source cites
  another; each outlet that relayed the claim made a quotation (``relayed:<id>_1``,
  ``relayed:<id>_2``, ...) ``wasQuotedFrom`` the statement before it;
- **quantities** and **constraints** are entities too, so the claim set can be read back;
- the **reconciliation** is an activity (``run:reconcile``) that used every claim and
  constraint and generated one entity per segment (``segment:<quantity>_<n>``),
  carrying the status, the interval and the whole segment as report JSON; the segment
  ``wasDerivedFrom`` each claim (and constraint) behind it, the derivation's
  ``claimrec:role`` saying how: ``supporting``, or the ``lower``/``upper`` bound it sets
  or helps derive.

>>> import claimrec
>>> cs = claimrec.load("seeds/north-korea-2025.json")
>>> doc = to_prov(cs, claimrec.reconcile(cs))
>>> read_prov(dumps_prov(cs)) == cs
True
>>> read_prov(doc).claim("nyt").source.chain
('us_ua_officials', 'nyt', 'ajp')
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from claimrec import io
from claimrec.claims import ClaimSet
from claimrec.errors import ClaimFileError, ClaimrecError
from claimrec.report import Report

if TYPE_CHECKING:
    from prov.identifier import QualifiedName
    from prov.model import ProvDocument, ProvRecord

__all__ = [
    "NAMESPACES",
    "ProvFormat",
    "ProvUnavailableError",
    "dumps_prov",
    "read_prov",
    "to_prov",
]

ProvFormat: TypeAlias = Literal["json", "provn"]

NAMESPACES: Final[Mapping[str, str]] = {
    "claimrec": "urn:claimrec:",
    "source": "urn:claimrec:source:",
    "claim": "urn:claimrec:claim:",
    "cited": "urn:claimrec:cited:",
    "relayed": "urn:claimrec:relayed:",
    "quantity": "urn:claimrec:quantity:",
    "constraint": "urn:claimrec:constraint:",
    "segment": "urn:claimrec:segment:",
    "run": "urn:claimrec:run:",
}
"""The prefixes of a claimrec PROV document and the namespaces they stand for."""

_FORMATS: Final = {"json": "PROV-JSON", "provn": "PROV-N"}
_PERSONS: Final = frozenset({"person", "anonymous_officials"})
_SAFE: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


class ProvUnavailableError(ClaimrecError, ImportError):
    """The optional ``prov`` package is not installed.

    >>> str(ProvUnavailableError())
    "PROV export and import need the optional 'prov' package: pip install 'claimrec[prov]'"
    """

    def __init__(self) -> None:
        super().__init__(
            "PROV export and import need the optional 'prov' package: pip install 'claimrec[prov]'"
        )


def _require() -> None:
    try:
        import prov.model  # noqa: F401
    except ImportError:
        raise ProvUnavailableError() from None


def _local(name: str) -> str:
    """A name as the local part of a qualified name: other than [A-Za-z0-9_], %-escaped.

    PROV-N allows few characters in a local part, and not every one at every place.
    """
    return "".join(ch if ch in _SAFE else "".join(f"%{b:02X}" for b in ch.encode()) for ch in name)


def _name(local: str) -> str:
    from urllib.parse import unquote

    return unquote(local)


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def to_prov(claimset: ClaimSet, report: Report | None = None) -> ProvDocument:
    """The claim set (and, when given, its reconciliation) as a ``prov`` document.

    See the module docstring for the mapping. The same claim set and report always
    give the same document, records in the same order.

    >>> import claimrec
    >>> cs = claimrec.load("seeds/north-korea-2025.json")
    >>> doc = to_prov(cs)
    >>> sorted(str(a.identifier) for a in doc.get_records() if a.is_element() and a.get_type().localpart == "Agent")[:3]
    ['source:ajp', 'source:budanov', 'source:csis']
    """
    _require()
    from prov.constants import PROV_LABEL, PROV_TYPE, PROV_VALUE, XSD_DATE
    from prov.model import PROV, Literal, ProvDocument

    doc = ProvDocument()
    for prefix, uri in NAMESPACES.items():
        doc.add_namespace(prefix, uri)
    term = doc.valid_qualified_name

    def qname(prefix: str, name: str) -> QualifiedName:
        found = term(f"{prefix}:{_local(name)}")
        assert found is not None
        return found

    def date(text: str) -> Literal:
        return Literal(text, XSD_DATE)

    data = io.to_dict(claimset)
    for q in data["quantities"]:
        attributes: dict[Any, Any] = {
            PROV_TYPE: term("claimrec:Quantity"),
            "claimrec:kind": q["kind"],
            "claimrec:cumulative": q["cumulative"],
            "claimrec:description": q["description"],
        }
        if q["unit"] is not None:
            attributes["claimrec:unit"] = q["unit"]
        doc.entity(qname("quantity", q["name"]), attributes)
    for s in data["sources"]:
        attributes = {
            PROV_LABEL: s["name"],
            "claimrec:kind": s["kind"],
            "claimrec:grade": s["grade"],
            "claimrec:notes": s["notes"],
        }
        if s["kind"] in _PERSONS:
            attributes[PROV_TYPE] = PROV["Person"]
        elif s["kind"] != "other":
            attributes[PROV_TYPE] = PROV["Organization"]
        doc.agent(qname("source", s["id"]), attributes)
    for s in data["sources"]:
        if s["speaks_for"] is not None:
            doc.actedOnBehalfOf(qname("source", s["id"]), qname("source", s["speaks_for"]))
    for constraint, k in zip(claimset.constraints, data["constraints"], strict=True):
        body = {key: k[key] for key in ("expr", "ratio") if key in k}
        doc.entity(
            qname("constraint", k["id"]),
            {
                PROV_TYPE: term("claimrec:Constraint"),
                PROV_VALUE: str(constraint),
                "claimrec:constraint": _json(body),
                "claimrec:reason": k["reason"],
            },
        )
    for claim, c in zip(claimset.claims, data["claims"], strict=True):
        attributes = {
            PROV_TYPE: term("claimrec:Claim"),
            "claimrec:quantity": qname("quantity", c["quantity"]),
            PROV_VALUE: str(claim.value),
            "claimrec:value": _json(c["value"]),
            "claimrec:credibility": c["credibility"],
            "claimrec:evidence": c["evidence"],
            "claimrec:citation": c["citation"],
            "claimrec:notes": c["notes"],
        }
        if c["phrase"] is not None:
            attributes["claimrec:phrase"] = c["phrase"]
        if c["said_on"] is not None:
            attributes["claimrec:said_on"] = date(c["said_on"])
        for end in ("start", "end"):
            if c["period"][end] is not None:
                attributes[f"claimrec:period_{end}"] = date(c["period"][end])
        entity = doc.entity(qname("claim", c["id"]), attributes)
        source = c["source"]
        if source is None:
            continue
        doc.wasAttributedTo(entity, qname("source", source["said_by"]))
        before = qname("claim", c["id"])
        for n, cited in enumerate(source["citing"], start=1):
            statement = qname("cited", f"{c['id']}_{n}")
            doc.entity(statement, {PROV_TYPE: term("claimrec:Statement")})
            doc.wasAttributedTo(statement, qname("source", cited))
            doc.hadPrimarySource(before, statement)
            before = statement
        before = qname("claim", c["id"])
        for n, outlet in enumerate(source["reported_by"], start=1):
            quotation = qname("relayed", f"{c['id']}_{n}")
            doc.entity(quotation, {PROV_TYPE: term("claimrec:Statement")})
            doc.wasAttributedTo(quotation, qname("source", outlet))
            doc.wasQuotedFrom(quotation, before)
            before = quotation
    if report is not None:
        _add_report(doc, claimset, report, qname, date)
    return doc


def _add_report(
    doc: ProvDocument,
    claimset: ClaimSet,
    report: Report,
    qname: Callable[[str, str], QualifiedName],
    date: Callable[[str], Any],
) -> None:
    from prov.constants import PROV_TYPE, PROV_VALUE

    attributes: dict[Any, Any] = {
        PROV_TYPE: doc.valid_qualified_name("claimrec:Reconciliation"),
        "claimrec:policy": report.policy,
    }
    if report.at is not None:
        attributes["claimrec:at"] = date(report.at.isoformat())
    run = doc.activity(qname("run", "reconcile"), other_attributes=attributes)
    for claim in claimset.claims:
        doc.used(run, qname("claim", claim.id))
    for constraint in claimset.constraints:
        doc.used(run, qname("constraint", constraint.id))
    for name, segments in report.items():
        for n, seg in enumerate(segments, start=1):
            seg_attributes: dict[Any, Any] = {
                PROV_TYPE: doc.valid_qualified_name("claimrec:Segment"),
                "claimrec:quantity": qname("quantity", name),
                "claimrec:status": seg.status,
                PROV_VALUE: "no interval" if seg.interval is None else str(seg.interval),
                "claimrec:segment": _json(seg.to_json()),
            }
            if seg.start is not None:
                seg_attributes["claimrec:start"] = date(seg.start.isoformat())
            if seg.end is not None:
                seg_attributes["claimrec:end"] = date(seg.end.isoformat())
            entity = doc.entity(qname("segment", f"{name}_{n}"), seg_attributes)
            doc.wasGeneratedBy(entity, run)
            roles = [(ident, "supporting") for ident in seg.supporting]
            for bound in (seg.lower, seg.upper):
                if bound is not None:
                    roles.extend(
                        (ident, bound.side) for ident in sorted(bound.label | bound.constraints())
                    )
            for ident, role in roles:
                prefix = "claim" if ident in claimset.claims_by_id else "constraint"
                doc.wasDerivedFrom(
                    entity,
                    qname(prefix, ident),
                    run,
                    other_attributes={"claimrec:role": role},
                )


def dumps_prov(
    claimset: ClaimSet, report: Report | None = None, *, format: ProvFormat = "json"
) -> str:
    """The PROV document as PROV-JSON (``format="json"``) or PROV-N (``"provn"``) text.

    >>> import claimrec
    >>> text = dumps_prov(claimrec.load("seeds/north-korea-2025.json"), format="provn")
    >>> print(text.splitlines()[0])
    document
    >>> dumps_prov(claimrec.ClaimSet(), format="xml")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: format: expected 'json' or 'provn', got 'xml'
    """
    if format not in ("json", "provn"):
        from claimrec.errors import ValidationError

        raise ValidationError(f"format: expected 'json' or 'provn', got {format!r}")
    doc = to_prov(claimset, report)
    if format == "provn":
        return doc.get_provn() + "\n"
    text = doc.serialize(format="json", indent=2)
    assert isinstance(text, str)
    return text + "\n"


# -- reading ---------------------------------------------------------------------------


def _fail(item: str | None, field: str, message: str) -> ClaimFileError:
    where = f"{item}: " if item else ""
    return ClaimFileError(f"PROV document: {where}{field}: {message}", item=item, field=field)


def _in(identifier: object, prefix: str) -> str | None:
    """The decoded name of ``identifier`` when it lies in ``prefix``'s namespace."""
    namespace = getattr(identifier, "namespace", None)
    if getattr(namespace, "uri", None) != NAMESPACES[prefix]:
        return None
    return _name(str(getattr(identifier, "localpart", "")))


def _one(record: ProvRecord, attribute: str | QualifiedName, item: str) -> object:
    values = record.get_attribute(attribute)
    if len(values) > 1:
        raise _fail(item, str(attribute), f"expected one value, got {len(values)}")
    return next(iter(values)) if values else None


def _text(
    record: ProvRecord, attribute: str | QualifiedName, item: str, default: str | None = ""
) -> Any:
    value = _one(record, attribute, item)
    if value is None:
        return default
    if not isinstance(value, str):
        raise _fail(item, str(attribute), f"expected text, got {value!r}")
    return value


def _date(record: ProvRecord, attribute: str, item: str) -> str | None:
    value = _one(record, attribute, item)
    if value is None:
        return None
    text = getattr(value, "value", value)
    if not isinstance(text, str):
        raise _fail(item, attribute, f"expected an xsd:date, got {value!r}")
    return text


def _json_attribute(record: ProvRecord, attribute: str, item: str) -> Any:
    text = _text(record, attribute, item, None)
    if text is None:
        raise _fail(item, attribute, "missing")
    try:
        return json.loads(text)
    except ValueError:
        raise _fail(item, attribute, f"expected JSON text, got {text!r}") from None


def _types(record: ProvRecord) -> set[str]:
    return {str(t) for t in record.get_asserted_types()}


def read_prov(document: ProvDocument | str, *, format: ProvFormat = "json") -> ClaimSet:
    """The claim set in a claimrec PROV document (a ``prov`` document, or its text).

    Records outside claimrec's namespaces are ignored, and so are segments (the
    reconciliation is a result, not part of the claim set). Errors raise
    :class:`~claimrec.errors.ClaimFileError` naming the item and the field.

    >>> import claimrec
    >>> cs = claimrec.load("seeds/north-korea-2025.json")
    >>> read_prov(dumps_prov(cs, format="provn"), format="provn") == cs
    True
    """
    _require()
    from prov.model import (
        ProvAttribution,
        ProvDelegation,
        ProvDerivation,
        ProvDocument,
    )

    if isinstance(document, str):
        if format not in ("json", "provn"):
            raise _fail(None, "format", f"expected 'json' or 'provn', got {format!r}")
        try:
            document = ProvDocument.deserialize(content=document, format=format)
        except NotImplementedError:
            raise _fail(
                None,
                "format",
                f"the installed prov package cannot read {_FORMATS[format]}; "
                "prov 3.2 or later reads PROV-N, every version reads PROV-JSON",
            ) from None
        except Exception as err:  # the prov package raises many kinds
            raise _fail(None, "document", f"not a {_FORMATS[format]} document: {err}") from err
    records = document.get_records()
    said_by: dict[str, str] = {}
    speaks_for: dict[str, str] = {}
    primary: dict[str, str] = {}
    quoted_by: dict[str, str] = {}
    sources: list[dict[str, Any]] = []
    quantities: list[dict[str, Any]] = []
    claims: list[tuple[str, ProvRecord]] = []
    constraints: list[dict[str, Any]] = []

    def link(table: dict[str, str], key: str, value: str, what: str) -> None:
        if table.setdefault(key, value) != value:
            raise _fail(key, what, f"expected one, got {table[key]!r} and {value!r}")

    for record in records:
        if isinstance(record, ProvAttribution):
            entity, agent = record.args[0], record.args[1]
            source = _in(agent, "source")
            if source is not None:
                link(said_by, str(entity), source, "wasAttributedTo")
        elif isinstance(record, ProvDelegation):
            person, organisation = _in(record.args[0], "source"), _in(record.args[1], "source")
            if person is not None and organisation is not None:
                link(speaks_for, person, organisation, "actedOnBehalfOf")
        elif isinstance(record, ProvDerivation):
            kinds = _types(record)
            generated, used = str(record.args[0]), str(record.args[1])
            if "prov:PrimarySource" in kinds:
                link(primary, generated, used, "hadPrimarySource")
            elif "prov:Quotation" in kinds:
                link(quoted_by, used, generated, "wasQuotedFrom")
        elif record.is_element() and record.identifier is not None:
            _element(record, sources, quantities, claims, constraints)
    for found in sources:
        found["speaks_for"] = speaks_for.get(found["id"])
    data = {
        "format": io.FORMAT,
        "quantities": quantities,
        "sources": sources,
        "claims": [_claim(ident, record, said_by, primary, quoted_by) for ident, record in claims],
        "constraints": constraints,
    }
    return io.from_dict(data, path="PROV document")


def _element(
    record: ProvRecord,
    sources: list[dict[str, Any]],
    quantities: list[dict[str, Any]],
    claims: list[tuple[str, ProvRecord]],
    constraints: list[dict[str, Any]],
) -> None:
    from prov.constants import PROV_LABEL
    from prov.model import ProvAgent, ProvEntity

    ident = record.identifier
    source = _in(ident, "source")
    if source is not None and isinstance(record, ProvAgent):
        item = f"source {source!r}"
        sources.append(
            {
                "id": source,
                "name": _text(record, PROV_LABEL, item),
                "kind": _text(record, "claimrec:kind", item, "other"),
                "grade": _text(record, "claimrec:grade", item, "F"),
                "notes": _text(record, "claimrec:notes", item),
            }
        )
        return
    if not isinstance(record, ProvEntity):
        return
    quantity = _in(ident, "quantity")
    if quantity is not None:
        item = f"quantity {quantity!r}"
        cumulative = _one(record, "claimrec:cumulative", item)
        quantities.append(
            {
                "name": quantity,
                "kind": _text(record, "claimrec:kind", item, "count"),
                "unit": _text(record, "claimrec:unit", item, None),
                "cumulative": False if cumulative is None else cumulative,
                "description": _text(record, "claimrec:description", item),
            }
        )
        return
    constraint = _in(ident, "constraint")
    if constraint is not None:
        item = f"constraint {constraint!r}"
        body = _json_attribute(record, "claimrec:constraint", item)
        if not isinstance(body, dict):
            raise _fail(item, "claimrec:constraint", f"expected a JSON object, got {body!r}")
        constraints.append(
            {"id": constraint, **body, "reason": _text(record, "claimrec:reason", item)}
        )
        return
    claim = _in(ident, "claim")
    if claim is not None:
        claims.append((claim, record))


def _claim(
    ident: str,
    record: ProvRecord,
    said_by: Mapping[str, str],
    primary: Mapping[str, str],
    quoted_by: Mapping[str, str],
) -> dict[str, Any]:
    item = f"claim {ident!r}"
    key = str(record.identifier)
    source = None
    if key in said_by:
        citing = _follow(key, primary, said_by, item, "hadPrimarySource")
        reported = _follow(key, quoted_by, said_by, item, "wasQuotedFrom")
        source = {"said_by": said_by[key], "citing": citing, "reported_by": reported}
    quantity = _one(record, "claimrec:quantity", item)
    quantity_name = _in(quantity, "quantity")
    if quantity_name is None:
        raise _fail(item, "claimrec:quantity", f"expected a quantity:<name>, got {quantity!r}")
    credibility = _one(record, "claimrec:credibility", item)
    return {
        "id": ident,
        "quantity": quantity_name,
        "value": _json_attribute(record, "claimrec:value", item),
        "phrase": _text(record, "claimrec:phrase", item, None),
        "source": source,
        "said_on": _date(record, "claimrec:said_on", item),
        "period": {
            "start": _date(record, "claimrec:period_start", item),
            "end": _date(record, "claimrec:period_end", item),
        },
        "credibility": 6 if credibility is None else credibility,
        "evidence": _text(record, "claimrec:evidence", item, "estimate"),
        "citation": _text(record, "claimrec:citation", item),
        "notes": _text(record, "claimrec:notes", item),
    }


def _follow(
    start: str, step: Mapping[str, str], said_by: Mapping[str, str], item: str, what: str
) -> list[str]:
    """The sources along a chain of statements from ``start``, nearest first."""
    chain: list[str] = []
    seen = {start}
    current = start
    while current in step:
        current = step[current]
        if current in seen:
            raise _fail(item, what, f"the chain of statements loops back to {current}")
        seen.add(current)
        if current not in said_by:
            raise _fail(item, what, f"statement {current} is attributed to no source")
        chain.append(said_by[current])
    return chain
