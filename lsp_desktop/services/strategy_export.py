"""Exporting a strategy version to Word (.docx) or OpenDocument (.odt), and a comparison
of two versions as a .docx with tracked changes; used by the CLI and the window."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.services.printing import PrintRequest, strategy_data

FORMATS = (".docx", ".odt")


def export_strategy(services, request: PrintRequest, out: str | Path, *,
                    author: str = "", when: datetime | None = None) -> Path:
    """Write the version `request` names (the latest by default) to `out`, .docx or .odt;
    with `request.compare`, a .docx of that version with tracked changes against the
    earlier one. The file appears whole or not at all."""
    out = Path(out).expanduser()
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise DomainError(f"{out.name}: give a file name ending .docx or .odt")
    if request.compare is not None and suffix != ".docx":
        raise DomainError("a comparison with tracked changes is written as .docx only")
    if out.is_dir():
        raise DomainError(f"{out} is a folder; give a file name ending {suffix}")
    if not out.parent.exists():
        raise DomainError(f"the folder {out.parent} does not exist")
    from lsp_desktop.safe_files import atomic_write

    data = strategy_data(services, request)
    # Owner-only (endorsements name people and bodies), never over a partnership, and
    # whole or not at all (safe_files).
    with atomic_write(out) as tmp:
        if request.compare is not None:
            from lsp_desktop.reports.strategy_changes_docx import write_comparison_docx

            old = services.strategies.version(data.strategy.id, request.compare)
            write_comparison_docx(data, old.sections, tmp, author or _officer(),
                                  when or datetime.now(UTC))
        elif suffix == ".docx":
            from lsp_desktop.reports.strategy_docx import write_strategy_docx

            write_strategy_docx(data, tmp)
        else:
            from lsp_desktop.reports.strategy_odt import write_strategy_odt

            write_strategy_odt(data, tmp)
    return out


def _officer() -> str:
    """Who the tracked changes are by: the officer, as the audit trail names them."""
    from lsp_desktop.db.models.base import current_officer

    return current_officer() or "LSP Desktop"
