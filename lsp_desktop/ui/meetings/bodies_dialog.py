"""The partnership's settings for meetings: the quorum rule, and theme groups with their members."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.meetings import Body, BodyKind, GroupMembership, QuorumRule
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.date_field import DateEdit, OptionalDateEdit, refuse_bad_dates
from lsp_desktop.ui.common.table_helpers import record_table, selected_record
from lsp_desktop.ui.meetings.meeting_tables import MembershipTableModel


class QuorumDialog(QDialog):
    """A share of the seats, optionally with a minimum of members from several sectors."""

    def __init__(self, rule: QuorumRule, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Quorum rule")
        self.numerator, self.denominator = QSpinBox(), QSpinBox()
        self.numerator.setRange(1, 20)
        self.denominator.setRange(1, 20)
        self.numerator.setValue(rule.share_numerator)
        self.denominator.setValue(rule.share_denominator)
        self.sectors, self.per_sector = QSpinBox(), QSpinBox()
        self.sectors.setRange(0, 4)
        self.per_sector.setRange(1, 20)
        self.sectors.setValue(rule.min_sectors)
        self.per_sector.setValue(rule.per_sector)
        for box, name in ((self.numerator, "Share of seats: numerator"),
                          (self.denominator, "Share of seats: denominator"),
                          (self.sectors, "Sectors needed"),
                          (self.per_sector, "Members needed from each")):
            box.setAccessibleName(name)
            box.valueChanged.connect(self._explain)
        share = QHBoxLayout()
        share.addWidget(self.numerator)
        share.addWidget(QLabel("out of"))
        share.addWidget(self.denominator)
        share.addStretch(1)
        self.explained = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Share of the seats filled:", share)
        form.addRow("Sectors that must be present (0: none):", self.sectors)
        form.addRow("Members needed from each of them:", self.per_sector)
        form.addRow(self.explained)
        form.addRow(buttons)
        self._explain()

    def rule(self) -> QuorumRule:
        return QuorumRule(self.numerator.value(), self.denominator.value(),
                          self.sectors.value(), self.per_sector.value())

    def _explain(self) -> None:
        self.explained.setText(f"Quorum: {self.rule().label}.")


class BodyDialog(QDialog):
    """A theme group or sub-group: its name, and its members with dated membership."""

    def __init__(self, body: Body, members, parent_choices: list[Body], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Group" if body.id is None else f"Group: {body.name}")
        self.body = body
        self.names = {m.id: m.display_name for m in members}
        self.memberships = list(body.memberships)
        self.name = QLineEdit(body.name)
        self.name.setMaxLength(200)
        self.name.setAccessibleName("Group name")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of group")
        for k in (BodyKind.THEME_GROUP, BodyKind.SUB_GROUP):
            self.kind.addItem(k.label, k.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(body.kind.value)))
        self.parent_box = QComboBox()
        self.parent_box.setAccessibleName("Reports to")
        for b in parent_choices:
            if b.id != body.id:
                self.parent_box.addItem(b.name, b.id)
        self.parent_box.setCurrentIndex(max(0, self.parent_box.findData(body.parent_id)))
        self.model = MembershipTableModel(self)
        self.table = record_table(self.model, "Group members", (220, 90))
        self.member_box = QComboBox()
        self.member_box.setAccessibleName("Member to add")
        for m in sorted(members, key=lambda m: m.name.casefold()):
            self.member_box.addItem(m.display_name, m.id)
        self.start = DateEdit(date.today())
        self.start.setAccessibleName("Joins the group on")
        self.end = OptionalDateEdit("Leaves on")
        self.end.edit.setAccessibleName("Leaves the group on")
        add, remove = QPushButton("Add member"), QPushButton("Remove member")
        add.clicked.connect(self.add_member)
        remove.clicked.connect(self.remove_member)
        row = QHBoxLayout()
        for w in (self.member_box, QLabel("from"), self.start, self.end, add, remove):
            row.addWidget(w)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("Kind:", self.kind)
        form.addRow("Reports to:", self.parent_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self._show()
        self.resize(820, 460)

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and refuse_bad_dates(self):
            return          # a date field holds text that is not a date: its message says so
        super().done(result)

    def _show(self) -> None:
        self.model.set_rows([(self.names.get(g.member_id, "?"), g) for g in self.memberships])

    def add_member(self) -> None:
        self.memberships.append(GroupMembership(self.member_box.currentData(),
                                                self.start.value(), self.end.value()))
        self._show()

    def remove_member(self) -> None:
        row = selected_record(self.table)
        if row is not None:
            self.memberships.remove(row[1])
            self._show()

    def result_body(self) -> Body:
        return replace(self.body, name=self.name.text(), kind=BodyKind(self.kind.currentData()),
                       parent_id=self.parent_box.currentData(),
                       memberships=tuple(self.memberships))


def edit_quorum(parent, meetings) -> bool:
    dialog = QuorumDialog(meetings.quorum_rule(), parent)
    if not dialog.exec():
        return False
    try:
        meetings.set_quorum_rule(dialog.rule())
    except DomainError as exc:
        prompts.error(parent, "Quorum rule", str(exc))
        return False
    return True


def edit_group(parent, meetings, members, body: Body | None) -> bool:
    bodies = meetings.bodies()
    body = body or Body("", BodyKind.THEME_GROUP, next((b.id for b in bodies if b.is_board),
                                                       None))
    dialog = BodyDialog(body, members, bodies, parent)
    while dialog.exec():
        try:
            meetings.save_body(dialog.result_body())
            return True
        except DomainError as exc:
            prompts.error(parent, "Group", str(exc))
    return False
