"""PySide6's check of every imported module for `from __feature__`, without keeping its source."""

from __future__ import annotations

import linecache
import sys


def _uses_pyside(module) -> bool:
    """What PySide6 asks of each module imported (does its source mention PySide6?), read
    straight from its loader: PySide6 asks inspect.getsource(), which keeps every module's
    source in linecache - some 20 MB and 0.1 s for this program's imports."""
    try:
        source = module.__spec__.loader.get_source(module.__name__)
    except Exception:   # noqa: BLE001 - no source to read: as PySide6 answers, False
        return False
    return source is not None and "PySide6" in source


def lighten_feature_check() -> None:
    """Once PySide6 is loaded: answer its per-import check as above from now on, and let go
    of the sources it kept already. Does nothing before PySide6 is imported (the Qt-free
    controllers load without it), when done already, or on a PySide6 without that check."""
    feature = sys.modules.get("PySide6.support.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if callable(check) and check is not _uses_pyside:
        feature._mod_uses_pyside = _uses_pyside
        linecache.clearcache()
