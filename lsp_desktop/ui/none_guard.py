"""Work-around for PySide6 6.12 on Python 3.11, whose void methods each drop a reference to None.

Every call such as `item.setPos(...)` or `label.setText(...)` returns None without
taking a reference, so after a few thousand calls None's count reaches zero and
the interpreter aborts ("none_dealloc: deallocating None"). Python 3.12 made
None immortal; here we do the same by hand, once per process.
"""

from __future__ import annotations

import ctypes
import sys

_done = False


def protect_none() -> None:
    """Raise None's reference count far out of reach (CPython before 3.12 only)."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # ob_refcnt is the first field of every object in release builds of CPython.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    _done = True
