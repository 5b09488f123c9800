"""The one answer to "may I open this partnership file for changes?": a lock that follows
the file itself (device and inode), not the name it was opened by."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from lsp_desktop.domain.errors import PartnershipFileError, PartnershipLockedError

log = logging.getLogger(__name__)


class PartnershipReadOnlyError(PartnershipFileError):
    """The file or its folder cannot be written: it can only be read."""


class Claim:
    """Both locks on one partnership file; release() frees them."""

    def __init__(self, path: Path, locks: list):
        self.path = path
        self._locks = locks

    def release(self) -> None:
        while self._locks:
            self._locks.pop().release()


def _lock_folder() -> Path | None:
    """A folder every copy of the program on this computer shares (None if unusable)."""
    folder = Path(tempfile.gettempdir()) / "lsp-desktop-locks"
    try:
        folder.mkdir(exist_ok=True)
        if folder.stat().st_uid == getattr(os, "getuid", lambda: -1)():
            os.chmod(folder, 0o1777)
    except OSError:
        return None
    return folder


def _identity(path: Path) -> str:
    st = os.stat(path)
    return f"{st.st_dev:x}-{st.st_ino:x}"


def writable_problem(path: Path) -> str | None:
    """Why `path` (an existing file) cannot be changed, in the officer's words, or None."""
    folder = path.parent
    if not os.access(folder, os.W_OK):
        from lsp_desktop.safe_files import _why_not_writable

        return (f"the folder {folder} cannot be written ({_why_not_writable(folder)}), "
                "so the file can only be read")
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path.name} is read-only (its permissions do not allow changes)"
    return None


def claim_for_writing(path: Path | str) -> Claim:
    """Lock a partnership file for changes, or raise one plain line saying why not.

    PartnershipReadOnlyError: the file or its folder cannot be written (nothing is
    created beside it). PartnershipLockedError: another copy of the program has it
    open, by this name or any other (hard link, symlink). The lock is held on the
    resolved name (path + ".lock", seen by other computers on a shared folder) and on
    the file's device and inode (in the computer's temporary folder).
    """
    real = Path(os.path.realpath(Path(path).expanduser().absolute()))
    problem = writable_problem(real)
    if problem:
        raise PartnershipReadOnlyError(f"{Path(path).name} cannot be changed: {problem}.")
    from filelock import FileLock, Timeout

    busy = PartnershipLockedError(f"{Path(path).name} is already open in another copy of "
                                  "LSP Desktop (perhaps under another name).")
    locks = []
    folder = _lock_folder()
    if folder is not None and real.exists():
        key = hashlib.sha1(_identity(real).encode()).hexdigest()[:20]
        inode_lock = FileLock(str(folder / f"{key}.lock"), timeout=0, mode=0o666)
        try:
            inode_lock.acquire()
            locks.append(inode_lock)
        except Timeout:
            raise busy from None
        except OSError as exc:      # a shared temporary folder we may not use
            log.warning("no machine-wide lock for %s: %s", real, exc)
    name_lock = FileLock(str(real) + ".lock", timeout=0)
    try:
        name_lock.acquire()
        locks.append(name_lock)
    except Timeout:
        Claim(real, locks).release()
        raise busy from None
    except OSError as exc:
        Claim(real, locks).release()
        raise PartnershipReadOnlyError(
            f"{Path(path).name} cannot be changed: {exc.strerror or exc} in {real.parent}.") from None
    return Claim(real, locks)
