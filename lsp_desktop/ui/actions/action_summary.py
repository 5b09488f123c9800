"""The summary strip above the action plan: counts by status and rating, overdue, money."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from lsp_desktop.domain.actions import ActionStatus, ActionSummary, Progress
from lsp_desktop.domain.text import format_pounds
from lsp_desktop.ui.actions.action_table import OVERDUE_COLOUR, PROGRESS_TINTS


def _chip(colour: str) -> str:
    return f"background: {colour}; border-radius: 3px; padding: 1px 6px;"


class SummaryStrip(QFrame):
    """Figures for the actions shown, counts on one line and money on the next (so a
    narrow window never squeezes either); every colour is paired with words."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 4, 8, 4)
        rows.setSpacing(2)
        layout = QHBoxLayout()
        rows.addLayout(layout)
        self.total_label = QLabel()
        self.status_label = QLabel()
        self.progress_labels = {p: QLabel() for p in (*Progress, None)}
        self.overdue_label = QLabel()
        self.overdue_label.setAccessibleName("Overdue actions")
        self.money_label = QLabel()
        self.money_label.setWordWrap(True)
        for w in (self.total_label, self.status_label, *self.progress_labels.values(),
                  self.overdue_label, self.money_label):
            w.setTextFormat(Qt.TextFormat.PlainText)
        for p, label in self.progress_labels.items():
            label.setStyleSheet(_chip(PROGRESS_TINTS[p] if p else "#eceff1"))
        layout.addWidget(self.total_label)
        layout.addWidget(self.status_label)
        for label in self.progress_labels.values():
            layout.addWidget(label)
        layout.addWidget(self.overdue_label)
        layout.addStretch(1)
        rows.addWidget(self.money_label)

    def show_summary(self, s: ActionSummary, of_total: int | None = None) -> None:
        shown = f"{s.total} action{'s' if s.total != 1 else ''}"
        if of_total is not None and of_total != s.total:
            shown += f" (of {of_total})"
        self.total_label.setText(shown + ":")
        self.status_label.setText(" · ".join(
            f"{st.label} {s.by_status[st]}" for st in ActionStatus))
        for p, label in self.progress_labels.items():
            label.setText(f"{p.label if p else 'Not rated'} {s.by_progress.get(p, 0)}")
        self.overdue_label.setText(f"⚠ {s.overdue} overdue")
        self.overdue_label.setStyleSheet(
            _chip("#fdecea") + f"color: {OVERDUE_COLOUR}; font-weight: bold;" if s.overdue
            else "color: #555;")
        money = [f"{(src.label if src else 'No source')} {format_pounds(v)}"
                 for src, v in s.resources.items() if v]
        self.money_label.setText(
            f"Resources {format_pounds(s.total_resources)}" + (": " + " · ".join(money)
                                                                if money else ""))

    def text(self) -> str:
        parts = [self.total_label.text(), self.status_label.text(),
                 *(label.text() for label in self.progress_labels.values()),
                 self.overdue_label.text(), self.money_label.text()]
        return " | ".join(parts)
