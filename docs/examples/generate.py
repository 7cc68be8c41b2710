"""Export the seed claim set to PROV and to Wikidata statements, as committed here.

Run ``python docs/examples/generate.py`` (with the ``prov`` extra installed) after a
change to the seed, the reconciler or the exporters; the tests check that the files
in this folder equal a fresh export, so they never drift.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parents[1] / "seeds" / "north-korea-2025.json"
ITEMS = {"nyt": "Q9684"}
"""Sources with a Wikidata item: The New York Times. The others are left unmapped."""


def wikidata_export() -> dict[str, str]:
    """The seed's claims and its reconciled segments as Wikibase statements.

    >>> text = wikidata_export()["north-korea-2025.wikidata.json"]
    >>> sorted(json.loads(text))
    ['claims', 'items', 'policy', 'property', 'segments']
    """
    import claimrec
    from claimrec.wikidata import DEFAULT_PROPERTY, claim_statement, segment_statement

    claimset = claimrec.load(SEED)
    report = claimrec.reconcile(claimset)
    claims = []
    for claim in claimset.claims:
        out = claim_statement(claim, items=ITEMS)
        claims.append(
            {"claim": claim.id, "statement": out.statement, "warnings": list(out.warnings)}
        )
    segments = {
        name: [
            {
                "period": seg.period,
                "status": seg.status,
                "statement": out.statement,
                "warnings": list(out.warnings),
            }
            for seg in report[name]
            if seg.status != "unknown"
            for out in (segment_statement(seg, claimset, items=ITEMS),)
        ]
        for name in report
    }
    document = {
        "property": DEFAULT_PROPERTY,
        "items": ITEMS,
        "policy": report.policy,
        "claims": claims,
        "segments": segments,
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return {"north-korea-2025.wikidata.json": text}


def prov_export() -> dict[str, str]:
    """The seed claim set and its reconciliation as PROV-JSON and PROV-N.

    >>> sorted(prov_export())
    ['north-korea-2025.prov.json', 'north-korea-2025.provn']
    """
    import claimrec
    from claimrec.prov import dumps_prov

    claimset = claimrec.load(SEED)
    report = claimrec.reconcile(claimset)
    return {
        "north-korea-2025.prov.json": dumps_prov(claimset, report, format="json"),
        "north-korea-2025.provn": dumps_prov(claimset, report, format="provn"),
    }


def main() -> None:
    """Write every export next to this script."""
    for name, text in {**wikidata_export(), **prov_export()}.items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
