"""Panel beside the register: seats by sector and category, chair's sector, missing bodies."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.members import Balance, Sector
from lsp_desktop.domain.reference_board import SOUTHWARK_2002, balance_beside_reference
from lsp_desktop.domain.text import format_date

SECTOR_COLOURS = {
    Sector.PUBLIC: "#3b6ea5",
    Sector.PRIVATE: "#8a5a9e",
    Sector.VOLUNTARY: "#2f8f6b",
    Sector.COMMUNITY: "#c77b1a",
}


class BalancePanel(QScrollArea):
    """Read-only summary; `show_balance()` redraws it from a domain Balance."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(260)
        self.setAccessibleName("Board balance")
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        layout.addWidget(self.title)
        self.total = QLabel()
        layout.addWidget(self.total)
        grid = QGridLayout()
        self.bars: dict[Sector, QProgressBar] = {}
        self.counts: dict[Sector, QLabel] = {}
        self.reference: dict[Sector, QLabel] = {}
        # The guidance names no quota: the board is shown beside a real board of the period.
        ref_head = QLabel("Southwark\n2002")
        ref_head.setToolTip(SOUTHWARK_2002.description())
        ref_head.setAlignment(Qt.AlignmentFlag.AlignRight)
        ref_head.setStyleSheet("color: #5f6b7a;")
        grid.addWidget(ref_head, 0, 3)
        for i, sector in enumerate(Sector, start=1):
            grid.addWidget(QLabel(sector.label), i, 0)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
            bar.setAccessibleName(f"{sector.label} share")
            bar.setMaximumWidth(72)      # room for the reference board's column beside
            bar.setStyleSheet(
                f"QProgressBar::chunk {{ background: {SECTOR_COLOURS[sector]}; }}"
                "QProgressBar { text-align: center; }")
            grid.addWidget(bar, i, 1)
            count = QLabel()
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(count, i, 2)
            ref = QLabel()
            ref.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            ref.setStyleSheet("color: #5f6b7a;")
            ref.setAccessibleName(f"{sector.label} on the reference board")
            grid.addWidget(ref, i, 3)
            self.bars[sector], self.counts[sector] = bar, count
            self.reference[sector] = ref
        layout.addLayout(grid)
        self.chair = QLabel()
        self.chair.setWordWrap(True)
        layout.addWidget(self.chair)
        layout.addWidget(self._heading("By category"))
        self.categories = QLabel()
        self.categories.setWordWrap(True)
        self.categories.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.categories)
        layout.addWidget(self._heading("Expected bodies missing"))
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setAccessibleName("Expected bodies missing")
        layout.addWidget(self.missing)
        layout.addStretch(1)
        self.setWidget(body)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: bold; margin-top: 8px;")
        return label

    def show_balance(self, balance: Balance) -> None:
        self.title.setText(f"Board on {format_date(balance.on)}")
        extra = []
        if balance.substitutes:
            extra.append(f"{balance.substitutes} substitute{'s' * (balance.substitutes != 1)}")
        if balance.observers:
            extra.append(f"{balance.observers} observer{'s' * (balance.observers != 1)}")
        self.total.setText(f"{balance.total} seats" + (f" (plus {', '.join(extra)})" if extra else ""))
        for sector in Sector:
            share = balance.by_sector_share.get(sector, 0.0)
            self.bars[sector].setValue(round(share * 1000))
            self.bars[sector].setFormat(f"{share:.0%}")
            self.counts[sector].setText(str(balance.by_sector[sector]))
        for line in balance_beside_reference(balance):
            self.reference[line.sector].setText(
                f"{line.reference_seats} ({line.reference_share:.0%})")
        self.chair.setText(f"Chair from the {balance.chair_sector.value} sector"
                           if balance.chair_sector else "No chair on this date")
        self.categories.setText("\n".join(f"{name}: {n}" for name, n in balance.by_category.items())
                                or "No members on this date")
        self.missing.setText("\n".join(f"⚠ {name}" for name in balance.missing_bodies)
                             or "✓ Every expected body is represented")
