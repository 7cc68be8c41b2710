"""The errors claimrec raises, all rooted at :class:`ClaimrecError`.

Each error also subclasses the built-in exception a caller would naturally
catch, so ``except ValueError`` keeps working around claimrec calls:

>>> from claimrec import Range, ClaimrecError
>>> try:
...     Range.closed(5, 1)
... except ValueError as err:
...     print(type(err).__name__, isinstance(err, ClaimrecError))
ValidationError True
"""

from __future__ import annotations

__all__ = [
    "ClaimFileError",
    "ClaimrecError",
    "KindError",
    "ParseError",
    "PolicyError",
    "ValidationError",
]


class ClaimrecError(Exception):
    """Root of every error claimrec raises on purpose."""


class ValidationError(ClaimrecError, ValueError):
    """A value breaks a rule of its type: a negative count, lower above upper, an unknown id.

    >>> from claimrec import Range
    >>> Range.closed(-1, 3, kind="count")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: lower (-1) of a count range must be >= 0
    """


class KindError(ClaimrecError, TypeError):
    """Two ranges of different kinds or units were combined.

    >>> from claimrec import Range
    >>> Range.closed(1, 2, kind="amount", unit="km") + Range.closed(1, 2, kind="amount", unit="kg")
    Traceback (most recent call last):
    ...
    claimrec.errors.KindError: cannot apply '+' to amount range in 'km' and amount range in 'kg': ...
    """


class ParseError(ClaimrecError, ValueError):
    """A phrase, date or number could not be read.

    ``position`` is the character offset where reading stopped, when known.

    >>> from claimrec import parse_range
    >>> parse_range("lots")
    Traceback (most recent call last):
    ...
    claimrec.errors.ParseError: ...
    """

    def __init__(self, message: str, *, text: str = "", position: int | None = None) -> None:
        super().__init__(message)
        self.text = text
        self.position = position


class ClaimFileError(ClaimrecError, ValueError):
    """A claim file could not be read: it names the file, the claim id and the field.

    >>> import claimrec, json, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "bad.json"
    >>> _ = path.write_text(json.dumps({"format": "claimrec/9"}))
    >>> claimrec.load(path)
    Traceback (most recent call last):
    ...
    claimrec.errors.ClaimFileError: ...bad.json: format: expected 'claimrec/1', got 'claimrec/9'
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        item: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.item = item
        self.field = field


class PolicyError(ClaimrecError, ValueError):
    """An unknown policy name, or a policy given weights it cannot use.

    >>> import claimrec
    >>> claimrec.reconcile(claimrec.ClaimSet(), policy="loudest")
    Traceback (most recent call last):
    ...
    claimrec.errors.PolicyError: policy: unknown name 'loudest'; expected one of ...
    """
