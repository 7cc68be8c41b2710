"""Pausing the cyclic garbage collector while many acyclic objects are made.

Building millions of small objects (claims, their ranges and spans; rows of learned
trust) sets the cyclic collector off again and again, and each full pass walks the whole
heap: the cost grows faster than the work. None of those objects forms a cycle, so
reference counting frees them all the same; the collector is paused only for the
duration and left as it was found.

>>> import gc
>>> with paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block, if it is running."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
