"""The program's rotating log in the data folder's logs/, and plain words for any error."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "lsp-desktop.log"
MAX_BYTES = 1_000_000
KEEP = 5
_HANDLER_NAME = "lsp-desktop-file"

log = logging.getLogger("lsp_desktop")


def start(log_dir: Path) -> Path | None:
    """Write the program's log to log_dir/lsp-desktop.log (1 MB, 5 older files kept).

    Returns the log file, or None when the folder cannot be written (the program runs
    on: a log is no reason to refuse work). Calling it again replaces the handler.
    """
    root = logging.getLogger("lsp_desktop")
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_dir / LOG_NAME, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
    except OSError:
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_dir / LOG_NAME


def user_message(exc: BaseException) -> str:
    """A domain error's own words; for anything else plain_message() (and it is logged)."""
    from lsp_desktop.domain.errors import DomainError

    if isinstance(exc, DomainError):
        return str(exc)
    log.error("unexpected error", exc_info=exc)
    return plain_message(exc)


def plain_message(exc: BaseException) -> str:
    """One line for an unexpected error: the disk is full, a file cannot be written...;
    never an SQL statement or its values (which may hold members' names)."""
    from lsp_desktop.safe_files import disk_problem

    known = disk_problem(exc)
    if known:
        return known
    orig = getattr(exc, "orig", None)       # SQLAlchemy wraps the driver's error
    inner = orig if isinstance(orig, BaseException) else exc
    text = str(inner).strip().splitlines()[0] if str(inner).strip() else ""
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__
