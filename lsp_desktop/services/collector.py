"""The cyclic garbage collector paused while bulk work makes objects that all live until it ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: an import or a listing of 50,000 members
    makes a great many objects that all live until it ends, and each collection would walk
    them all again (a quarter of an import's time). Switched back on after, for the rest
    of the process. The first collection after walks what the block left alive once: a
    caller that is done with its objects lets them go inside the block."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
