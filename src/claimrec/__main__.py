"""``python -m claimrec``: the command line."""

from claimrec.cli import main

raise SystemExit(main())
