"""claimrec: reconcile conflicting numeric claims into justified intervals."""

from claimrec.claims import Claim, ClaimSet, Constraint, Quantity, Term
from claimrec.errors import (
    ClaimFileError,
    ClaimrecError,
    KindError,
    ParseError,
    PolicyError,
    ValidationError,
)
from claimrec.io import load, loads, save
from claimrec.provenance import Attribution, Source
from claimrec.ranges import FractionOf, Range
from claimrec.spans import Span

__all__ = [
    "Attribution",
    "Claim",
    "ClaimFileError",
    "ClaimSet",
    "ClaimrecError",
    "Constraint",
    "FractionOf",
    "KindError",
    "ParseError",
    "PolicyError",
    "Quantity",
    "Range",
    "Source",
    "Span",
    "Term",
    "ValidationError",
    "load",
    "loads",
    "save",
]
