"""Who saves and when: the officer's name, the system user and the second, without SQLAlchemy."""

from __future__ import annotations

import getpass
import os
from datetime import datetime

OFFICER_ENV = "LSP_DESKTOP_OFFICER"    # the officer's name; the window's settings set it


def os_user() -> str:
    """The operating-system user ("" when it cannot be told)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):
        return os.environ.get("USERNAME", "")


def current_officer() -> str:
    """Who is saving: the officer's name if set, else the operating-system user."""
    return (os.environ.get(OFFICER_ENV, "").strip() or os_user())[:200]


def now_to_the_second() -> datetime:
    return datetime.now().replace(microsecond=0)
