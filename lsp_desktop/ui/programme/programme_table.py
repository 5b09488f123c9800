"""The programme table: each theme, its projects and the total, money by quarter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from lsp_desktop.domain.programme import QUARTER_LABELS, ProgrammeLine, ProgrammeView, Totals
from lsp_desktop.ui.common.record_table import RecordTableModel
from lsp_desktop.ui.common.roles import SORT_ROLE

_THEME_FILL = QBrush(QColor("#e4ebf2"))
_BOLD = QFont()
_BOLD.setBold(True)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _pounds(amount: int) -> str:
    return f"£{amount:,}" if amount else "–"


class ProgrammeTableModel(RecordTableModel):
    """Rows are ProgrammeLine records (and a last "total" line); the order is the view's."""

    HEADERS = ("Theme / project", "Allocation", "Budget",
               *(f"{q}\n{kind}" for q in QUARTER_LABELS for kind in ("planned", "committed",
                                                                      "spent")),
               "Planned", "Committed", "Spent", "Budget left")
    sortable = False

    def set_view(self, view: ProgrammeView | None) -> None:
        if view is None:
            self.set_rows([])
            return
        self.set_rows(list(view.lines) + [ProgrammeLine("total", "Total", "", view.total)])

    def set_rows(self, records) -> None:
        """Rows are formatted when first shown: with hundreds of projects a reset formatted
        ten thousand amounts nobody had scrolled to."""
        self.beginResetModel()
        self._records = list(records)
        self._cell_texts = [None] * len(self._records)
        self._cell_keys = []
        self.endResetModel()

    def cells(self, line: ProgrammeLine):
        t: Totals = line.totals
        if line.kind == "project":
            name = f"    {line.project.reference}  {line.project.title}"
            allocation = ""
        else:
            name, allocation = line.label, _pounds(t.allocation)
        money = []
        for q in range(4):
            money += [_pounds(t.planned[q]), _pounds(t.committed[q]), _pounds(t.spent[q])]
        display = (name, allocation, _pounds(t.budget), *money, _pounds(t.total_planned),
                   _pounds(t.total_committed), _pounds(t.total_spent),
                   _pounds(t.budget - t.total_spent) if t.budget else "–")
        return display, ()

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        line = self._records[row]
        if role == Qt.ItemDataRole.DisplayRole:
            cells = self._cell_texts[row]
            if cells is None:
                cells = self._cell_texts[row] = self.cells(line)[0]
            return cells[index.column()]
        if role == SORT_ROLE:
            return None                     # the view's order is the only order
        if role == Qt.ItemDataRole.FontRole and line.kind != "project":
            return _BOLD
        if role == Qt.ItemDataRole.BackgroundRole and line.kind != "project":
            return _THEME_FILL
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return _RIGHT
        return super().data(index, role)

    def tooltip(self, line: ProgrammeLine, column: int):
        if line.kind != "project":
            return None
        p = line.project
        approved = (f"approved {p.approved_on:%d/%m/%Y} ({p.decision_reference})"
                    if p.approved_on else "not yet approved")
        return (f"{p.reference} {p.title}\nAccountable body: {p.accountable_body or '–'}\n"
                f"Project manager: {p.project_manager or '–'}\n{approved}")
