"""Table models for the exchange dialogs: import problems and the list of backups."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from lsp_desktop.ui.common.record_table import RecordTableModel

_ERROR = QBrush(QColor("#a4262c"))


class _ExchangeTable(RecordTableModel):
    resort_on_reload = False     # rows come in the order the service gives


class ProblemTableModel(_ExchangeTable):
    """Problems found in an import file: row, column, what is wrong; errors in red."""

    HEADERS = ("Row", "Column", "Problem", "Stops import")

    def cells(self, p) -> tuple[tuple, tuple]:
        return (("" if p.row is None else str(p.row), p.column or "", p.reason,
                 "No (note)" if p.notice else "Yes"),
                (p.row or 0, p.column or "", p.reason, p.notice))

    def foreground(self, p, column: int):
        return None if p.notice else _ERROR

    def tooltip(self, p, column: int):
        return str(p)


class BackupTableModel(_ExchangeTable):
    """Backups of the open partnership: when, why, how big, how many records."""

    HEADERS = ("Made", "Reason", "Size", "Records")

    def cells(self, b) -> tuple[tuple, tuple]:
        return ((b.made.strftime("%d/%m/%Y %H:%M:%S"), b.reason.replace("-", " "),
                 f"{b.size / 1024:,.0f} KB", b.counts_text()),
                (b.made.isoformat(), b.reason, b.size, b.counts_text()))


class RetentionTableModel(_ExchangeTable):
    """Former members past the retention period."""

    HEADERS = ("Name", "Body", "Last term ended", "Years since")

    def cells(self, r) -> tuple[tuple, tuple]:
        return ((r.name, r.organisation, r.last_term_end.strftime("%d/%m/%Y"),
                 str(r.years_since)),
                (r.name.casefold(), r.organisation.casefold(), r.last_term_end.isoformat(),
                 r.years_since))
