"""The one place that decides whether a path may be written, and writes it atomically."""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from lsp_desktop.domain.errors import DomainError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
# The files SQLite and the program keep beside a partnership file.
COMPANIONS = ("-wal", "-shm", "-journal", ".lock")
_TMP_SUFFIX = ".lsp-tmp"
_TMP_NAME = re.compile(r"^\..*\.~(?P<pid>\d+)\.[A-Za-z0-9_]+" + re.escape(_TMP_SUFFIX)
                       + r"(?:-wal|-shm|-journal|\.lock)?$")
_STALE_SECONDS = 12 * 3600      # where a process cannot be asked whether it still runs


class UnsafeTargetError(DomainError):
    """Writing there would destroy a partnership, or cannot be done at all."""


def sqlite_uri(path: Path | str, **params: str) -> str:
    """A `file:` URI for sqlite3.connect(uri=True) that survives #, ?, % and spaces."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path))}" + (f"?{query}" if query else "")


def _head(path: Path, size: int = 16) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def is_database_file(path: Path) -> bool:
    """An SQLite database (a partnership, a backup of one, another program's) or its log."""
    head = _head(path)
    return head.startswith(SQLITE_HEADER) or head[:4] in WAL_MAGIC


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)       # device and inode: hard links and symlinks too
    except OSError:
        return False


def _canonical(path: Path) -> str:
    """The resolved, case-folded (where the system folds case) absolute name."""
    return os.path.normcase(str(Path(os.path.realpath(path))))


def companion_of(path: Path) -> Path | None:
    """The database a -wal/-shm/-journal/.lock file belongs to, when it is one."""
    for ending in COMPANIONS:
        if path.name.endswith(ending) and len(path.name) > len(ending):
            return path.with_name(path.name[: -len(ending)])
    return None


def check_target(path: Path | str, protect: Iterable[Path | str | None] = (), *,
                 replacing_partnership: bool = False) -> Path:
    """Refuse, with one line, a path that must not be written; return it made absolute.

    Refused: a partnership named in `protect` (by any name: hard link, symlink, other
    case), its -wal, -shm, -journal or .lock; any existing SQLite database or WAL file
    (another partnership, a backup, by content not by name) and the companions of one;
    a folder; a file in a folder that does not exist or cannot be written; a read-only
    file. Nothing is created or changed. `replacing_partnership`: the caller holds the
    partnership's claim (db.claim) and means to replace it (demo --force).
    """
    target = Path(path).expanduser().absolute()
    shown = str(target)
    for guarded in protect:
        if guarded is None:
            continue
        guarded = Path(guarded).expanduser().absolute()
        if _same_file(target, guarded) or _canonical(target) == _canonical(guarded):
            raise UnsafeTargetError(f"{shown} is the partnership file itself; choose another "
                                    "file name. Nothing was written.")
        owner = companion_of(target)
        if owner is not None and (_same_file(owner, guarded)
                                  or _canonical(owner) == _canonical(guarded)):
            raise UnsafeTargetError(f"{shown} belongs to the open partnership {guarded.name}; "
                                    "choose another file name. Nothing was written.")
    if target.is_dir():
        raise UnsafeTargetError(f"{shown} is a folder; give a file name.")
    if target.exists() and is_database_file(target) and not replacing_partnership:
        raise UnsafeTargetError(f"{shown} is a partnership file or another database; "
                                "choose another file name. Nothing was written.")
    owner = companion_of(target)
    if owner is not None and owner.exists() and is_database_file(owner):
        raise UnsafeTargetError(f"{shown} belongs to the partnership file {owner.name}; "
                                "choose another file name. Nothing was written.")
    folder = target.parent
    if not folder.is_dir():
        raise UnsafeTargetError(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise UnsafeTargetError(f"The folder {folder} cannot be written "
                                f"({_why_not_writable(folder)}); nothing was written.")
    if target.exists() and not os.access(target, os.W_OK):
        raise UnsafeTargetError(f"{shown} is read-only; nothing was written.")
    return target


def _why_not_writable(folder: Path) -> str:
    try:
        if os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
            return "it is on a read-only disk"
    except (OSError, AttributeError):
        pass
    return "you do not have permission"


# -- atomic writing ----------------------------------------------------------

def temp_beside(target: Path) -> Path:
    """A new, empty, owner-only file in the target's folder, named so that a later
    sweep_stale() removes it if this process is killed before it is renamed."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name[:80]}.~{os.getpid()}.",
                                suffix=_TMP_SUFFIX, dir=target.parent)
    os.close(fd)
    return Path(name)


def discard(tmp: Path) -> None:
    """Remove a temporary file and whatever SQLite left beside it."""
    for ending in ("",) + COMPANIONS:
        try:
            Path(str(tmp) + ending).unlink(missing_ok=True)
        except OSError:
            pass


def _fsync(path: Path, folder: bool = False) -> None:
    if folder and sys.platform == "win32":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        if not folder:
            raise
    finally:
        os.close(fd)


@contextmanager
def atomic_write(path: Path | str, *, protect: Iterable[Path | str | None] = (),
                 private: bool = True, replacing_partnership: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `path`; when the block ends without error, the
    file is flushed to disk and renamed over `path` in one step.

    check_target() is asked first (and again just before the rename). The file is
    readable by its owner only unless `private` is False. On any error the temporary
    file (and any SQLite journal beside it) is removed and `path` is as it was; a
    process killed meanwhile leaves a hidden .lsp-tmp file that the next write into
    that folder removes. Disk-full and read-only errors become one plain line.
    """
    target = check_target(path, protect, replacing_partnership=replacing_partnership)
    sweep_stale(target.parent)
    try:
        tmp = temp_beside(target)
    except OSError as exc:
        raise UnsafeTargetError(disk_problem(exc, target.parent)
                                or f"Cannot write {target}: {exc.strerror or exc}.") from None
    try:
        yield tmp
        # The writer may have made the file anew (ReportLab does): set its mode again.
        if private:
            os.chmod(tmp, 0o600)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        _fsync(tmp)
        check_target(target, protect, replacing_partnership=replacing_partnership)
        if replacing_partnership:       # the old file's log must not be read into the new
            for ending in ("-wal", "-shm", "-journal"):
                Path(str(target) + ending).unlink(missing_ok=True)
        os.replace(tmp, target)
        _fsync(target.parent, folder=True)
    except DomainError:
        raise
    except (OSError, sqlite3.Error) as exc:
        message = disk_problem(exc, target.parent)
        if sys.platform == "win32" and isinstance(exc, PermissionError) and target.exists():
            message = "it is open in another program; close it there and try again."
        if message is None:
            raise
        raise UnsafeTargetError(f"{target.name} was not written: {message}") from None
    finally:
        discard(tmp)


def write_bytes(path: Path | str, data: bytes, *, protect=(), private: bool = True) -> Path:
    """Write `data` to `path` atomically (see atomic_write)."""
    target = Path(path).expanduser().absolute()
    with atomic_write(target, protect=protect, private=private) as tmp:
        tmp.write_bytes(data)
    return target


def sweep_stale(folder: Path) -> None:
    """Remove temporary files that killed or crashed processes left in `folder`."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _TMP_NAME.match(name)
        if not m or int(m["pid"]) == os.getpid():
            continue
        path = folder / name
        if _process_runs(int(m["pid"]), path):
            continue
        try:
            path.unlink()
            log.info("removed %s, left by a program that stopped", path)
        except OSError:
            pass


def _process_runs(pid: int, path: Path) -> bool:
    if sys.platform == "win32":          # os.kill would end it: go by age instead
        try:
            return time.time() - path.stat().st_mtime < _STALE_SECONDS
        except OSError:
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


# -- plain words for disk errors ---------------------------------------------

def free_space(folder: Path) -> str:
    """'N MB free on MOUNT' for the disk holding `folder`."""
    folder = Path(folder)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return f"on {folder}"
    mount = Path(os.path.realpath(folder))
    while not os.path.ismount(mount) and mount != mount.parent:
        mount = mount.parent
    mb = free / (1024 * 1024)
    amount = f"{mb:.1f}" if mb < 10 else f"{mb:,.0f}"
    return f"{amount} MB free on {mount}"


_FULL = ("database or disk is full", "disk is full", "no space left")


def disk_problem(exc: BaseException, folder: Path | str | None = None) -> str | None:
    """One plain line for a full disk, a read-only place or a failing disk, else None."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        exc = orig
    where = Path(folder) if folder else None
    if isinstance(exc, OSError):
        if where is None and exc.filename:
            where = Path(exc.filename).parent
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return f"the disk is full ({free_space(where or Path.cwd())})."
        if exc.errno == errno.EROFS:
            return f"the folder {where} cannot be written (it is on a read-only disk)."
        if exc.errno in (errno.EACCES, errno.EPERM):
            return (f"the folder {where} cannot be written (you do not have permission)."
                    if where else "you do not have permission to write there.")
        return None
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        if any(f in text for f in _FULL):
            return f"the disk is full ({free_space(where or Path.cwd())})."
        if "disk i/o error" in text:
            if where is not None:
                try:
                    if shutil.disk_usage(where).free < 8 * 1024 * 1024:
                        return f"the disk is full ({free_space(where)})."
                except OSError:
                    pass
            return ("the disk reported an error while writing" +
                    (f" ({free_space(where)})" if where else "") +
                    "; check the disk, then try again.")
        if "readonly database" in text or "read-only" in text:
            return ("the file cannot be written (it or its folder is read-only)" +
                    (f": {where}" if where else "") + ".")
    return None


# -- synced and network folders (docs/safe-files.md says why) -------------------

SYNCED = {"onedrive": "OneDrive", "dropbox": "Dropbox", "google drive": "Google Drive",
          "googledrive": "Google Drive", "my drive": "Google Drive",
          "nextcloud": "Nextcloud", "owncloud": "ownCloud"}
NETWORK_TYPES = {"cifs": "a Windows network drive (SMB)", "smb3": "a Windows network drive (SMB)",
                 "smbfs": "a Windows network drive (SMB)", "nfs": "a network drive (NFS)",
                 "nfs4": "a network drive (NFS)", "fuse.sshfs": "a network drive (SSHFS)",
                 "davfs": "a web folder (WebDAV)", "fuse.davfs2": "a web folder (WebDAV)",
                 "afs": "a network drive (AFS)", "9p": "a shared folder of a virtual machine"}


def risky_location(path: Path | str, mounts: str | None = None) -> str | None:
    """Where SQLite's locking and write-ahead log are not safe, in plain words ('a
    OneDrive folder', 'a Windows network drive (SMB)'), or None for a local disk.

    Synced folders are recognised by a folder name on the path; network drives by the
    filesystem type (/proc/mounts on Linux; `mounts` is its text, for tests), a UNC path
    or a remote drive letter on Windows."""
    real = Path(os.path.realpath(Path(path).expanduser().absolute()))
    for part in real.parts[:-1]:
        low = part.lower()
        for key, name in SYNCED.items():
            if low == key or low.startswith(key + " -") or low.startswith(key + "-") \
                    or (key == "onedrive" and low.startswith("onedrive")):
                return f"a {name} folder"
    if sys.platform == "win32":
        return _windows_network(real)
    kind = _filesystem_type(real, mounts)
    return NETWORK_TYPES.get(kind) if kind else None


def _filesystem_type(path: Path, mounts: str | None = None) -> str | None:
    if mounts is None:
        try:
            with open("/proc/mounts", encoding="utf-8", errors="replace") as fh:
                mounts = fh.read()
        except OSError:
            return None
    best, kind = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        if (str(path) == point or str(path).startswith(point.rstrip("/") + "/")) \
                and len(point) > len(best):
            best, kind = point, fields[2]
    return kind


def _windows_network(path: Path) -> str | None:
    text = str(path)
    if text.startswith("\\\\"):
        return "a network folder"
    try:
        import ctypes

        if ctypes.windll.kernel32.GetDriveTypeW(path.anchor) == 4:    # DRIVE_REMOTE
            return "a network drive"
    except (AttributeError, OSError):
        pass
    return None
