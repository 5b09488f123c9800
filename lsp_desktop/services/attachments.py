"""Attached files kept inside the partnership: reading one in, and dropping unused bytes.

Evidence items and meeting papers share one store (evidence_file) and one size limit.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from lsp_desktop.db.models import EvidenceFileRow, EvidenceRow, MeetingPaperRow
from lsp_desktop.domain.accreditation import MAX_EVIDENCE_BYTES
from lsp_desktop.domain.errors import DomainError


def read_attachment(file_path: Path | str) -> tuple[bytes, str]:
    """The bytes of a file to attach, refusing missing, unreadable and oversized files."""
    path = Path(file_path)
    limit_mb = MAX_EVIDENCE_BYTES // (1024 * 1024)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DomainError(f"{path.name} cannot be attached: the file is no longer there "
                          f"({path.parent}). It may have been moved or deleted.") from None
    except OSError as exc:
        raise DomainError(f"{path.name} cannot be attached: {exc.strerror}.") from None
    if path.is_dir():
        raise DomainError(f"{path.name} is a folder; attach a single file.")
    if size > MAX_EVIDENCE_BYTES:
        raise DomainError(f"{path.name} is {size / (1024 * 1024):.1f} MB; evidence files can be "
                          f"at most {limit_mb} MB. Record where to find it as a reference "
                          "instead.")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise DomainError(f"{path.name} cannot be read: permission denied. Check that the file "
                          "is not locked by another program and that you may open it.") from None
    except OSError as exc:
        raise DomainError(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    if len(data) > MAX_EVIDENCE_BYTES:
        raise DomainError(f"{path.name} grew past {limit_mb} MB while being read.")
    return data, path.name


def drop_unused_files(s: Session) -> None:
    """Attachment bytes neither evidence nor a paper uses any more."""
    used_e = select(EvidenceRow.file_id).where(EvidenceRow.file_id.is_not(None))
    used_p = select(MeetingPaperRow.file_id).where(MeetingPaperRow.file_id.is_not(None))
    s.execute(delete(EvidenceFileRow).where(EvidenceFileRow.id.not_in(used_e),
                                            EvidenceFileRow.id.not_in(used_p)))
