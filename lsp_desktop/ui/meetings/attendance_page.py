"""The attendance grid of a meeting: each seat's presence and substitute, with the live quorum."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.meetings import (
    AttendanceEntry,
    OtherAttendee,
    OtherRole,
    Presence,
    QuorumRule,
    Seat,
    substitutes_for,
)
from lsp_desktop.domain.members import Member
from lsp_desktop.ui.meetings.meeting_dialog_controller import (
    attendance_taken,
    quorum_line,
    substitute_allowed,
)


def standing_declarations(member: Member | None, on: date) -> list[str]:
    """A member's declarations of interest in force on the meeting's date."""
    if member is None:
        return []
    return [d.interest for d in member.declarations
            if (d.declared_on is None or d.declared_on <= on)
            and (d.withdrawn_on is None or d.withdrawn_on >= on)]


def _others_text(others, role: OtherRole) -> str:
    return "\n".join(o.name + (f", {o.organisation}" if o.organisation else "")
                     for o in others if o.role == role)


def _others_from(text: str, role: OtherRole) -> list[OtherAttendee]:
    out = []
    for line in text.splitlines():
        name, _sep, org = line.partition(",")
        if name.strip():
            out.append(OtherAttendee(name.strip(), role, org.strip()))
    return out


class AttendancePage(QWidget):
    """Present, apologies or absent per seat; a substitute only for the member they deputise
    for; observers and officers as lines of text. `changed` fires on every edit."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.quorum_label = QLabel()
        self.quorum_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quorum_label.setWordWrap(True)
        self.quorum_label.setAccessibleName("Quorum")
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(3, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.observers = QPlainTextEdit()
        self.officers = QPlainTextEdit()
        for box, name in ((self.observers, "Observers"), (self.officers, "Officers in attendance")):
            box.setPlaceholderText("One a line: name, organisation")
            box.setAccessibleName(name)
            box.setMaximumHeight(60)
            box.setTabChangesFocus(True)
            box.textChanged.connect(self.changed)
        others = QFormLayout()
        others.addRow("Observers:", self.observers)
        others.addRow("Officers:", self.officers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum_label)
        layout.addWidget(scroll, 1)
        layout.addLayout(others)
        self.presence: dict[int, QComboBox] = {}
        self.substitute: dict[int, QComboBox] = {}
        self.seats: list[Seat] = []
        self.rule = QuorumRule()
        self._shape: list | None = None     # what the grid lists: (seat, substitutes, declared)

    def load(self, seats: list[Seat], members: list[Member], on: date,
             entries: tuple[AttendanceEntry, ...], others: tuple[OtherAttendee, ...],
             rule: QuorumRule) -> None:
        """Show `entries` for `seats`. The grid's widgets are made again only when what it
        lists changes (the seats, a seat's possible substitutes, its declarations): a new
        date or body that leaves those alone (most date edits) only sets the choices."""
        by_member = {e.member_id: e for e in entries}
        by_id = {m.id: m for m in members}
        rows = []
        for seat in seats:
            entry = by_member.get(seat.member_id)
            subs = [("—", None)] + [(m.display_name, m.id)
                                    for m in substitutes_for(members, seat.member_id, on)]
            chosen = 0
            if entry and entry.substitute_id is not None:
                chosen = next((i for i, (_n, sub_id) in enumerate(subs)
                               if sub_id == entry.substitute_id), len(subs))
                if chosen == len(subs):     # no longer one of them: shown all the same
                    subs.append((by_id[entry.substitute_id].display_name
                                 if entry.substitute_id in by_id else "?", entry.substitute_id))
            presence = entry.presence if entry else Presence.ABSENT
            declared = "; ".join(standing_declarations(by_id.get(seat.member_id), on))
            rows.append((seat, tuple(subs), declared, list(Presence).index(presence), chosen))
        shape = [row[:3] for row in rows]
        self.seats, self.rule = list(seats), rule
        if shape != self._shape:
            self._build_grid(rows)
            self._shape = shape
        else:
            for seat, _subs, _declared, presence, chosen in rows:
                for box, index in ((self.presence[seat.member_id], presence),
                                   (self.substitute[seat.member_id], chosen)):
                    blocked = box.blockSignals(True)
                    box.setCurrentIndex(index)
                    box.blockSignals(blocked)
        self.observers.setPlainText(_others_text(others, OtherRole.OBSERVER))
        self.officers.setPlainText(_others_text(others, OtherRole.OFFICER))
        self._edited()

    def _build_grid(self, rows) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.presence.clear()
        self.substitute.clear()
        for col, head in enumerate(("Member", "Present?", "Substitute attending",
                                    "Standing declarations")):
            label = QLabel(f"<b>{head}</b>")
            self.grid.addWidget(label, 0, col)
        for row, (seat, subs, declared, present, chosen) in enumerate(rows, start=1):
            name = QLabel(f"{seat.name} ({seat.sector.label.lower()})")
            name.setTextFormat(Qt.TextFormat.PlainText)
            presence = QComboBox()
            for p in Presence:
                presence.addItem(p.label, p.value)
            presence.setCurrentIndex(present)
            presence.setAccessibleName(f"{seat.name}: attendance")
            sub = QComboBox()
            for text, sub_id in subs:
                sub.addItem(text, sub_id)
            sub.setCurrentIndex(chosen)
            sub.setAccessibleName(f"{seat.name}: substitute")
            decl = QLabel(declared or "—")
            decl.setTextFormat(Qt.TextFormat.PlainText)
            decl.setToolTip(declared)
            presence.currentIndexChanged.connect(self._edited)
            sub.currentIndexChanged.connect(self._edited)
            self.presence[seat.member_id], self.substitute[seat.member_id] = presence, sub
            for col, widget in enumerate((name, presence, sub, decl)):
                self.grid.addWidget(widget, row, col)
        self.grid.setRowStretch(len(rows) + 1, 1)

    def _edited(self) -> None:
        for member_id, presence in self.presence.items():
            sub = self.substitute[member_id]
            sub.setEnabled(substitute_allowed(Presence(presence.currentData()), sub.count()))
        line = quorum_line(self.seats, self.entries(), self.rule)
        self.quorum_label.setText(line.text)
        self.quorum_label.setStyleSheet(f"color: {line.colour};")
        self.changed.emit()

    def entries(self) -> tuple[AttendanceEntry, ...]:
        out = []
        for seat in self.seats:
            presence = Presence(self.presence[seat.member_id].currentData())
            sub = self.substitute[seat.member_id].currentData()
            out.append(AttendanceEntry(seat.member_id, presence,
                                       None if presence == Presence.PRESENT else sub))
        return tuple(out)

    def others(self) -> tuple[OtherAttendee, ...]:
        return tuple(_others_from(self.observers.toPlainText(), OtherRole.OBSERVER)
                     + _others_from(self.officers.toPlainText(), OtherRole.OFFICER))

    def taken(self) -> bool:
        """Whether any attendance was recorded (all absent means not taken yet)."""
        return attendance_taken(self.entries())
