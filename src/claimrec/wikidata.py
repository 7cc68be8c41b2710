"""Wikidata quantities: Wikibase quantity statements read as claims, and intervals written back.

A Wikibase quantity statement holds an ``amount`` (a signed decimal string), a ``unit``
(``"1"`` or an item URI) and, optionally, ``lowerBound`` and ``upperBound`` together.
Qualifiers say when it holds (P585 point in time, or P580 start time and P582 end time),
its rank says how far to trust it (preferred, normal, deprecated, with P2241 reason for
deprecated rank), and its references say where it was found (P248 stated in, P854
reference URL, P813 retrieved, and here also P577 publication date, P1683 quotation and
P1476 title). :func:`read_statements` turns statements into claims:

>>> statement = {
...     "mainsnak": {"snaktype": "value", "property": "P1114", "datatype": "quantity",
...                  "datavalue": {"type": "quantity", "value": {
...                      "amount": "+8000", "unit": "1",
...                      "lowerBound": "+7500", "upperBound": "+8500"}}},
...     "type": "statement", "rank": "normal",
...     "qualifiers": {"P585": [{"snaktype": "value", "property": "P585", "datatype": "time",
...         "datavalue": {"type": "time", "value": {
...             "time": "+2025-02-04T00:00:00Z", "timezone": 0, "before": 0, "after": 0,
...             "precision": 11, "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}}}]},
...     "qualifiers-order": ["P585"],
... }
>>> imported = read_statements([statement], quantity="in_combat")
>>> claim = imported.claims[0]
>>> claim.id, claim.value, claim.period, claim.phrase
('in_combat.1', Range(count [7,500, 8,500]), Span('2025-02-04', '2025-02-05'), '8000±500')
>>> claim_statement(claim).statement == statement
True

Reading:

- **Bounds absent** mean the precision is unknown, never that the amount is exact. By
  default (``unknown_precision="digits"``) the amount is read as precise to its last
  significant digit: ``+8000`` is ``[7,500, 8,500]`` (trailing zeros of a whole number
  are not significant), ``+8125`` is ``[8,124.5, 8,125.5]`` and ``+2.50`` is
  ``[2.495, 2.505]``, clipped to what the kind allows. ``unknown_precision="unbounded"``
  reads it as saying nothing about the value at all.
- Bounds are inclusive, so a bounded statement reads as a closed range.
- ``unit`` ``"1"`` fits a count or a proportion (a share, 0.5 = 50%); percent
  (Q11229) fits a proportion; an item URI fits an amount, which keeps the URI as its unit.
- P585 at year, month or day precision (9, 10, 11) is that whole year, month or day.
  P580 starts the period at the first day of its year, month or day, and P582 ends it
  after the last day: the widest period the qualifiers allow. Precision finer than a
  day is read as the day; an absent, unknown or "no value" end is open.
- A deprecated statement is read into a claim but listed in ``set_aside`` with its
  reason, and left out of :meth:`WikidataImport.claimset`.
- References: the items stated in (P248) become the attribution: the first reference's
  item said it, later ones relayed it (they add no independent origin). The phrase is
  the first quotation (P1683), else the quantity as written ("8000±500"); the citation
  is the last reference's URL or title; ``said_on`` is the first publication date.

Writing (:func:`claim_statement`, :func:`segment_statement`): Wikibase bounds are
closed and finite, so an open end is written as the closed bound at the same value, a
one-sided range as its finite end with no bounds, and a number with no finite decimal
form (1/3) is rounded outward to six places. Each such change is returned in
``warnings``, never made silently.
"""

from __future__ import annotations

from claimrec._wikidata_read import WikidataImport, read_statements
from claimrec._wikidata_snaks import GREGORIAN, RANKS, Rank
from claimrec._wikidata_values import PERCENT
from claimrec._wikidata_write import (
    DEFAULT_PROPERTY,
    WikidataExport,
    claim_statement,
    report_statements,
    segment_statement,
)

__all__ = [
    "DEFAULT_PROPERTY",
    "GREGORIAN",
    "PERCENT",
    "RANKS",
    "Rank",
    "WikidataExport",
    "WikidataImport",
    "claim_statement",
    "read_statements",
    "report_statements",
    "segment_statement",
]
