"""Justifications: why each bound is what it is, as a tree and as a sentence.

A :class:`Bound` is one end of a quantity's interval together with how it was
obtained: stated by claims, carried over time from an earlier (or later) claim of a
cumulative quantity, implied by the quantity's kind (a count is >= 0), or derived
through a constraint from other bounds (its *premises*). Every bound carries its
*label*: the ids of the claims it rests on, as in an assumption-based truth
maintenance system, so a bound that rests on a disputed claim is known to be
conditional on it. Constraints are not assumptions (nothing sets them aside); the
ones a derivation used are found by walking its tree (:meth:`Bound.constraints`).

>>> b = Bound.stated("in_combat", "lower", 7500, True, ("budanov",), "'about 8,000'")
>>> b.sentence()
"lower bound 7,500: budanov said 'about 8,000'"
>>> c = Bound.stated("casualties", "lower", 3001, True, ("nis_losses",), "'more than 3,000'")
>>> d = Bound.derived("deployed", "lower", 10501, True, "c2", "in_combat + casualties <= deployed", (b, c))
>>> print(d.sentence())
lower bound 10,501 because in_combat >= 7,500 (budanov, 'about 8,000') and casualties >= 3,001 (nis_losses, 'more than 3,000') and in_combat + casualties <= deployed (c2)
>>> sorted(d.label), sorted(d.constraints())
(['budanov', 'nis_losses'], ['c2'])
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

import attrs

from claimrec._exact import Number, format_number, to_json_number

__all__ = ["Bound", "Side", "Via"]

Side: TypeAlias = Literal["lower", "upper"]
Via: TypeAlias = Literal["claim", "carried", "kind", "constraint"]

_SYMBOL: Final = {
    ("lower", True): ">=",
    ("lower", False): ">",
    ("upper", True): "<=",
    ("upper", False): "<",
}


@attrs.frozen(eq=False)
class Bound:
    """One end of an interval and its justification (see the module docstring).

    ``value`` is ``None`` for an unbounded end. ``claims`` are the claims that state
    the bound directly (via ``claim`` or ``carried``); ``constraint`` and ``premises``
    say how a derived bound was obtained; ``label`` is every claim id the bound rests
    on (a "share of" claim used as a relation included). ``note`` is a short text for the claims (their phrases).
    """

    quantity: str
    side: Side
    value: Number | None
    closed: bool
    via: Via
    claims: tuple[str, ...] = ()
    note: str = ""
    detail: str = ""
    constraint: str | None = None
    constraint_text: str = ""
    premises: tuple[Bound, ...] = ()
    label: frozenset[str] = frozenset()

    @classmethod
    def stated(
        cls,
        quantity: str,
        side: Side,
        value: Number | None,
        closed: bool,
        claims: tuple[str, ...],
        note: str = "",
        *,
        carried: bool = False,
        detail: str = "",
    ) -> Bound:
        """A bound stated by ``claims`` (or carried over time from them).

        ``note`` quotes the phrases; ``detail`` says how a phrase was read.
        """
        return cls(
            quantity,
            side,
            value,
            closed,
            "carried" if carried else "claim",
            claims,
            note,
            detail,
            label=frozenset(claims),
        )

    @classmethod
    def of_kind(cls, quantity: str, side: Side, value: Number | None, closed: bool) -> Bound:
        """The bound a quantity's kind gives by itself (a count is >= 0), or unbounded."""
        return cls(quantity, side, value, closed, "kind")

    @classmethod
    def derived(
        cls,
        quantity: str,
        side: Side,
        value: Number,
        closed: bool,
        constraint: str,
        constraint_text: str,
        premises: tuple[Bound, ...],
        *,
        rests_on: frozenset[str] = frozenset(),
    ) -> Bound:
        """A bound obtained through ``constraint`` from ``premises``."""
        labels = {id(p.label): p.label for p in premises if p.label}
        if rests_on:
            labels[id(rests_on)] = rests_on
        # Reuse a premise's label when it already holds all the others: long chains of
        # derivations then share one set instead of copying it at every step.
        label: frozenset[str] = frozenset()
        for candidate in sorted(labels.values(), key=len, reverse=True):
            label = candidate if not label else (label if candidate <= label else label | candidate)
        return cls(
            quantity,
            side,
            value,
            closed,
            "constraint",
            constraint=constraint,
            constraint_text=constraint_text,
            premises=premises,
            label=label,
        )

    @property
    def symbol(self) -> str:
        """``>=``, ``>``, ``<=`` or ``<``."""
        return _SYMBOL[self.side, self.closed]

    def tighter_than(self, other: Bound) -> bool:
        """Whether this end of an interval excludes more than ``other`` (same side).

        >>> a = Bound.stated("x", "lower", 3, True, ("a",))
        >>> a.tighter_than(Bound.of_kind("x", "lower", 0, True))
        True
        """
        if self.value is None:
            return False
        if other.value is None:
            return True
        if self.value == other.value:
            return other.closed and not self.closed
        return self.value > other.value if self.side == "lower" else self.value < other.value

    @property
    def is_unbounded(self) -> bool:
        """True for an end at infinity."""
        return self.value is None

    def constraints(self) -> frozenset[str]:
        """The ids of the constraints the derivation used, found by walking its tree.

        >>> Bound.stated("x", "lower", 1, True, ("a",)).constraints()
        frozenset()
        """
        found: set[str] = set()
        seen: set[int] = set()
        stack: list[Bound] = [self]
        while stack:
            bound = stack.pop()
            if id(bound) in seen:
                continue
            seen.add(id(bound))
            if bound.constraint is not None and bound.constraint not in bound.label:
                found.add(bound.constraint)
            stack.extend(bound.premises)
        return frozenset(found)

    def value_text(self) -> str:
        """The value for people: ``10,501``, ``inf``, ``-inf``."""
        if self.value is None:
            return "-inf" if self.side == "lower" else "inf"
        return format_number(self.value)

    def premise_text(self) -> str:
        """This bound as a premise inside another bound's sentence.

        >>> Bound.stated("casualties", "lower", 3001, True, ("nis_losses",), "'more than 3,000'").premise_text()
        "casualties >= 3,001 (nis_losses, 'more than 3,000')"
        """
        head = f"{self.quantity} {self.symbol} {self.value_text()}"
        if self.via == "kind":
            return f"{head} (its kind)"
        if self.via == "constraint":
            return f"{head} (by {self.constraint})"
        if self.via == "carried" and not self.claims:
            return f"{head} ({self.note}, carried over time)"
        source = ", ".join(self.claims)
        if self.via == "carried":
            source += ", carried over time"
        return f"{head} ({source}, {self.note})" if self.note else f"{head} ({source})"

    def sentence(self) -> str:
        """One sentence saying why the bound holds."""
        head = f"{self.side} bound {self.value_text()}"
        if self.via == "kind":
            if self.value is None:
                return f"{head}: no claim or constraint bounds it"
            return f"{head}: the quantity's kind allows nothing beyond it"
        if self.via == "constraint":
            parts = [p.premise_text() for p in self.premises if p.via != "kind" or p.value]
            parts.append(f"{self.constraint_text} ({self.constraint})")
            return f"{head} because " + " and ".join(parts)
        who = " and ".join(self.claims)
        if self.via == "claim" and len(self.claims) > 1:
            return f"{head}: {self.note}"
        verb = "said"
        if self.via == "carried":
            if not self.claims:
                return f"{head}: {self.note}, carried over time since the quantity is cumulative"
            return (
                f"{head}: carried over time from {who}"
                + (f" ({self.note})" if self.note else "")
                + ", since the quantity is cumulative"
            )
        said = f"{head}: {who} {verb} {self.note}" if self.note else f"{head}: {who}"
        return f"{said} ({self.detail})" if self.detail else said

    def tree(self, indent: int = 0) -> list[str]:
        """The full justification tree, one line per node, indented by depth.

        A derivation can use one bound many times (a bound revised again and again
        through the same constraint rests on its earlier selves twice over): each
        derived bound is spelled out where it first appears, and later only named.

        >>> b = Bound.stated("x", "lower", 1, True, ("a",))
        >>> d = Bound.derived("y", "lower", 1, True, "k", "x <= y", (b,))
        >>> print("\\n".join(d.tree()))
        y >= 1  by k: x <= y
          x >= 1  stated by a
        >>> e = Bound.derived("z", "lower", 2, True, "m", "x + y <= z", (d, d))
        >>> print("\\n".join(e.tree()))
        z >= 2  by m: x + y <= z
          y >= 1  by k: x <= y
            x >= 1  stated by a
          y >= 1  as derived above
        """
        lines: list[str] = []
        shown: set[int] = set()
        stack: list[tuple[Bound, int]] = [(self, indent)]
        while stack:
            bound, depth = stack.pop()
            head = f"{'  ' * depth}{bound.quantity} {bound.symbol} {bound.value_text()}"
            expands = bound._expands()
            if expands and id(bound) in shown:
                lines.append(f"{head}  as derived above")
                continue
            lines.append(f"{head}  {bound._how()}")
            if expands:
                shown.add(id(bound))
                stack.extend((p, depth + 1) for p in reversed(bound.premises))
        return lines

    def _expands(self) -> bool:
        """Whether the tree shows this bound's premises under it."""
        return self.via == "constraint" or (self.via == "carried" and not self.claims)

    def _how(self) -> str:
        """How the bound was obtained, as a tree line says it after the bound."""
        if self.via == "constraint":
            return f"by {self.constraint}: {self.constraint_text}"
        if self.via == "carried" and not self.claims:
            return f"carried from {self.note} (cumulative)"
        if self.via == "kind":
            return "by the quantity's kind"
        how = "carried from" if self.via == "carried" else "stated by"
        if len(self.claims) > 1 and self.note:
            return f"{how} {self.note}"
        note = f" {self.note}" if self.note else ""
        return f"{how} {', '.join(self.claims)}{note}"

    def to_json(self) -> dict[str, object]:
        """The bound and its derivation as plain data.

        As in :meth:`tree`, a derived bound met again inside the same derivation is not
        spelled out again: it comes with ``"repeated": true`` and no premises.
        """
        shown: set[int] = set()
        root: dict[str, object] = {}
        stack: list[tuple[Bound, dict[str, object]]] = [(self, root)]
        while stack:
            bound, out = stack.pop()
            repeated = bool(bound.premises) and id(bound) in shown
            premises: list[dict[str, object]] = []
            out.update(
                {
                    "quantity": bound.quantity,
                    "side": bound.side,
                    "value": None if bound.value is None else to_json_number(bound.value),
                    "closed": bound.closed,
                    "via": bound.via,
                    "claims": list(bound.claims),
                    "constraint": bound.constraint,
                    "premises": premises,
                    "repeated": repeated,
                    "rests_on": sorted(bound.label),
                    "constraints": sorted(bound.constraints()),
                }
            )
            if repeated or not bound.premises:
                continue
            shown.add(id(bound))
            children: list[dict[str, object]] = [{} for _ in bound.premises]
            premises.extend(children)
            stack.extend(reversed(list(zip(bound.premises, children, strict=True))))
        return root
