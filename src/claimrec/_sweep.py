"""Sweeping interval ends: sort keys for open/closed/unbounded ends, and maximal overlaps.

Shared by the reconciler and the learned-trust policy. A key orders ends of intervals
on one line so that an upper end sorts before a lower end exactly when the two
intervals share no value: ``upper_key(a) < lower_key(b)`` means ``a`` lies wholly below
``b``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, TypeAlias

Key: TypeAlias = tuple[int, Any, int]

_BELOW: Final[Key] = (-1, 0, 0)
_ABOVE: Final[Key] = (1, 0, 0)


def lower_key(value: Any, closed: bool) -> Key:
    """The sort key of a lower end (``None``: unbounded).

    >>> lower_key(3, True) < lower_key(3, False)
    True
    """
    return _BELOW if value is None else (0, value, 0 if closed else 2)


def upper_key(value: Any, closed: bool) -> Key:
    """The sort key of an upper end (``None``: unbounded).

    >>> upper_key(3, True) < lower_key(3, True), upper_key(3, False) < lower_key(3, True)
    (False, True)
    """
    return _ABOVE if value is None else (0, value, 1 if closed else -1)


def maximal_overlaps(spans: Sequence[tuple[Key, Key]]) -> list[list[int]]:
    """The maximal sets of spans sharing a value, in order along the line, by one sweep.

    ``spans`` are ``(lower_key, upper_key)`` pairs; the result lists their indices.
    O(n log n) plus the size of the output.

    >>> maximal_overlaps([(lower_key(0, True), upper_key(5, True)),
    ...                   (lower_key(5, True), upper_key(9, True)),
    ...                   (lower_key(6, True), upper_key(7, True))])
    [[0, 1], [1, 2]]
    """
    return sweep(spans, pairs=False)[0]


def sweep(
    spans: Sequence[tuple[Key, Key]], *, pairs: bool = True
) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """The maximal overlapping sets (as :func:`maximal_overlaps`) and, with ``pairs``,
    every disjoint pair ``(i, j)``, ``i < j``, sorted, from one pass over the sorted ends.

    A span starting after another has ended shares no value with it (that is what the
    keys are made for), so each start pairs with the spans ended before it. The pairs
    can be as many as n^2 / 4 (spans one after another): ask for them only when they
    are wanted, as the conflicts of a reconciled segment are.

    >>> sweep([(lower_key(0, True), upper_key(1, True)),
    ...        (lower_key(2, True), upper_key(3, True)),
    ...        (lower_key(0, True), upper_key(9, True))])
    ([[0, 2], [1, 2]], [(0, 1)])
    """
    events = [(lo, 0, i) for i, (lo, _) in enumerate(spans)]
    events += [(hi, 1, i) for i, (_, hi) in enumerate(spans)]
    events.sort()
    active: set[int] = set()
    ended: list[int] = []
    added = False
    found = []
    disjoint: list[tuple[int, int]] = []
    for _, kind, i in events:
        if kind == 0:
            active.add(i)
            added = True
            if pairs:
                disjoint += [(j, i) if j < i else (i, j) for j in ended]
        else:
            if added:
                found.append(sorted(active))
                added = False
            active.discard(i)
            if pairs:
                ended.append(i)
    disjoint.sort()
    return found, disjoint
