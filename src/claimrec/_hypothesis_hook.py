"""Hypothesis entry point: registers claimrec's types so ``st.from_type`` finds them.

The strategies are imported lazily, inside deferred strategies, so that importing
hypothesis never imports claimrec.strategies (which imports hypothesis) at module level.
"""

from __future__ import annotations


def _register() -> None:
    from hypothesis import strategies as st

    import claimrec

    def deferred(name: str) -> st.SearchStrategy[object]:
        def build() -> st.SearchStrategy[object]:
            from claimrec import strategies

            return getattr(strategies, name)()  # type: ignore[no-any-return]

        return st.deferred(build)

    for cls, name in (
        (claimrec.Range, "ranges"),
        (claimrec.Span, "spans"),
        (claimrec.Source, "sources"),
        (claimrec.Attribution, "attributions"),
        (claimrec.Quantity, "quantities"),
        (claimrec.Constraint, "constraints"),
        (claimrec.Claim, "claims"),
        (claimrec.ClaimSet, "claim_sets"),
    ):
        st.register_type_strategy(cls, deferred(name))
