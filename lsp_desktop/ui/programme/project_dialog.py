"""Dialogs for the money: a project (who, approval, budget and figures by quarter) and a
fund's allocation for a year split across themes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.programme import (
    PROJECT_LIMITS,
    QUARTER_LABELS,
    Fund,
    FundYear,
    ProgrammeTheme,
    Project,
    QuarterFigures,
    theme_label,
    validate_fund_year,
    validate_project,
)
from lsp_desktop.domain.text import format_pounds
from lsp_desktop.ui.common.date_field import OptionalDateEdit
from lsp_desktop.ui.common.form_dialog import FormDialog
from lsp_desktop.ui.programme.widgets import money_spin

KINDS = ("planned", "committed", "spent")


def theme_combo(current: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setAccessibleName("Theme")
    for theme in ProgrammeTheme:
        combo.addItem(theme.label, theme.value)
    found = combo.findData(current)
    if found >= 0:
        combo.setCurrentIndex(found)
    else:
        combo.setEditText(current)
    return combo


def combo_theme(combo: QComboBox) -> str:
    text = combo.currentText().strip()
    index = combo.findText(text)
    return combo.itemData(index) if index >= 0 else text


class ProjectDialog(FormDialog):
    """A project with its money for one year at a time: switching the year keeps what was
    typed for the others."""

    def __init__(self, project: Project, funds: list[Fund], years: list[str], year: str,
                 actions: list[tuple[int, str]], parent=None,
                 decisions: list[tuple[int, str, date]] = ()):
        """`decisions` are the minuted decisions to pick from: (id, label, meeting date)."""
        super().__init__("Edit project" if project.id else "New project", parent)
        self._original = project
        self._budgets = dict(project.budgets)
        self._quarters = {(q.financial_year, q.quarter): q for q in project.quarters}
        self.reference_edit = QLineEdit(project.reference)
        self.reference_edit.setPlaceholderText("blank: the next P-nnn")
        self.reference_edit.setMaxLength(PROJECT_LIMITS["reference"])
        self.reference_edit.setAccessibleName("Reference")
        self.add_row("&Reference", self.reference_edit, "reference")
        self.title_edit = QLineEdit(project.title)
        self.title_edit.setMaxLength(PROJECT_LIMITS["title"])
        self.title_edit.setAccessibleName("Title")
        self.add_row("&Title *", self.title_edit, "title")
        self.fund_combo = QComboBox()
        self.fund_combo.setAccessibleName("Fund")
        for f in funds:
            self.fund_combo.addItem(f"{f.name} ({f.code})", f.id)
        self.fund_combo.setCurrentIndex(max(0, self.fund_combo.findData(project.fund_id)))
        self.add_row("&Fund", self.fund_combo, "fund")
        self.theme_combo = theme_combo(project.theme)
        self.add_row("T&heme *", self.theme_combo, "theme")
        self.action_combo = QComboBox()
        self.action_combo.setAccessibleName("Action")
        self.action_combo.addItem("(no action linked)", None)
        for aid, label in actions:
            self.action_combo.addItem(label, aid)
        self.action_combo.setCurrentIndex(max(0, self.action_combo.findData(project.action_id)))
        self.add_row("&Action", self.action_combo, "action")
        self.body_edit = QLineEdit(project.accountable_body)
        self.body_edit.setMaxLength(PROJECT_LIMITS["accountable_body"])
        self.body_edit.setAccessibleName("Accountable body")
        self.add_row("Accountable &body", self.body_edit, "accountable_body")
        self.manager_edit = QLineEdit(project.project_manager)
        self.manager_edit.setMaxLength(PROJECT_LIMITS["project_manager"])
        self.manager_edit.setAccessibleName("Project manager")
        self.add_row("Project &manager", self.manager_edit, "project_manager")
        self.approved_edit = OptionalDateEdit("approved on", project.approved_on)
        self.add_row("A&pproval", self.approved_edit, "approved_on")
        self._meeting_dates = {did: held for did, _label, held in decisions}
        self.decision_combo = QComboBox()
        self.decision_combo.setAccessibleName("Board decision")
        self.decision_combo.setToolTip("The minuted decision that approved the project, from "
                                       "the decisions log of the Meetings tab")
        self.decision_combo.setMinimumContentsLength(40)
        self.decision_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.decision_combo.addItem("(not linked: give the reference as text)", None)
        for did, label, _held in decisions:
            self.decision_combo.addItem(label, did)
            self.decision_combo.setItemData(self.decision_combo.count() - 1, label,
                                            Qt.ItemDataRole.ToolTipRole)
        self.decision_combo.setCurrentIndex(max(0, self.decision_combo.findData(
            project.decision_id)))
        self.add_row("Board &decision", self.decision_combo, "decision_reference")
        self.decision_edit = QLineEdit(project.decision_reference)
        self.decision_edit.setMaxLength(PROJECT_LIMITS["decision_reference"])
        self.decision_edit.setPlaceholderText("the board decision, e.g. LSP/02/03 item 4")
        self.decision_edit.setAccessibleName("Decision reference")
        self.add_row("Decision reference", self.decision_edit)
        self._typed_reference = project.decision_reference if project.decision_id is None else ""
        self.decision_combo.currentIndexChanged.connect(self._decision_picked)
        self._decision_picked()

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Financial year")
        self.year_combo.addItems(sorted(set(years) | set(self._budgets) | {year}))
        self.year_combo.setCurrentText(year)
        self.add_row("Financial &year", self.year_combo)
        self.budget_spin = money_spin(0, "Budget for the year")
        self.add_row("Bud&get for the year", self.budget_spin, "budgets")
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for c, kind in enumerate(KINDS, start=1):
            grid.addWidget(QLabel(kind.capitalize()), 0, c)
        self.spins: dict[tuple[int, str], object] = {}
        for q, label in enumerate(QUARTER_LABELS, start=1):
            grid.addWidget(QLabel(label), q, 0)
            for c, kind in enumerate(KINDS, start=1):
                spin = money_spin(0, f"{label} {kind}")
                self.spins[(q, kind)] = spin
                grid.addWidget(spin, q, c)
        self.add_row("&Quarters", grid_box, "quarters")
        self.notes_edit = QPlainTextEdit(project.notes)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setFixedHeight(54)
        self.add_row("&Notes", self.notes_edit)
        self._year = ""
        self._show_year(year)
        self.year_combo.currentTextChanged.connect(self._year_changed)
        self.resize(600, 0)
        self.title_edit.setFocus()

    def _decision_picked(self) -> None:
        """A picked decision stands for the reference; its meeting date is the approval's
        when none is given. Back to "not linked", the typed text returns."""
        did = self.decision_combo.currentData()
        linked = did is not None
        if linked:
            if self.decision_edit.isEnabled():
                self._typed_reference = self.decision_edit.text()
            self.decision_edit.setText(self.decision_combo.currentText().split(":", 1)[0])
            if self.approved_edit.value() is None:
                self.approved_edit.set_value(self._meeting_dates.get(did))
        elif not self.decision_edit.isEnabled():
            self.decision_edit.setText(self._typed_reference)
        self.decision_edit.setEnabled(not linked)

    def _keep_year(self) -> None:
        if not self._year:
            return
        budget = self.budget_spin.value()
        if budget or self._year in self._budgets:
            self._budgets[self._year] = budget
        for q in range(1, 5):
            values = [self.spins[(q, k)].value() for k in KINDS]
            if any(values) or (self._year, q) in self._quarters:
                self._quarters[(self._year, q)] = QuarterFigures(self._year, q, *values)

    def _show_year(self, year: str) -> None:
        self._year = year
        self.budget_spin.setValue(self._budgets.get(year, 0))
        for q in range(1, 5):
            figures = self._quarters.get((year, q), QuarterFigures(year, q))
            for k in KINDS:
                self.spins[(q, k)].setValue(getattr(figures, k))

    def _year_changed(self, year: str) -> None:
        self._keep_year()
        self._show_year(year)

    def project(self) -> Project:
        self._keep_year()
        quarters = tuple(q for _k, q in sorted(self._quarters.items())
                         if q.planned or q.committed or q.spent)
        return replace(self._original, reference=self.reference_edit.text().strip(),
                       title=self.title_edit.text().strip(),
                       fund_id=self.fund_combo.currentData(),
                       theme=combo_theme(self.theme_combo),
                       action_id=self.action_combo.currentData(),
                       accountable_body=self.body_edit.text().strip(),
                       project_manager=self.manager_edit.text().strip(),
                       approved_on=self.approved_edit.value(),
                       decision_reference=self.decision_edit.text().strip(),
                       decision_id=self.decision_combo.currentData(),
                       budgets={y: a for y, a in self._budgets.items() if a},
                       quarters=quarters, notes=self.notes_edit.toPlainText())

    def problems(self) -> list[FieldError]:
        p = self.project()
        if not p.reference:
            p = replace(p, reference="P-000")       # the service gives the next one
        return validate_project(p)


class FundYearDialog(FormDialog):
    """A fund's allocation for one year and its split across the themes; the balance not
    yet shared out is shown as it is typed."""

    def __init__(self, plan: FundYear, fund: Fund, parent=None):
        super().__init__(f"{fund.code} allocation {plan.financial_year}", parent)
        self._original = plan
        self.amount_spin = money_spin(plan.amount, "Allocation")
        self.add_row("&Allocation", self.amount_spin, "amount")
        if fund.is_nrf:
            note = QLabel("The NRF allocation is also the anticipated allocation in the "
                          "partnership details.")
            note.setWordWrap(True)
            note.setStyleSheet("color: #5f6b7a;")
            self.add_row("", note)
        self.theme_spins: dict[str, object] = {}
        themes = [t.value for t in ProgrammeTheme] + [t for t in plan.themes
                                                      if t not in {x.value for x in ProgrammeTheme}]
        for theme in themes:
            spin = money_spin(plan.themes.get(theme, 0), f"{theme_label(theme)} allocation")
            spin.valueChanged.connect(self._update_balance)
            self.theme_spins[theme] = spin
            self.add_row(theme_label(theme), spin)
        self.balance = QLabel()
        self.add_row("Not yet allocated", self.balance, "themes")
        self.amount_spin.valueChanged.connect(self._update_balance)
        self._update_balance()
        self.amount_spin.setFocus()

    def _update_balance(self) -> None:
        plan = self.fund_year()
        colour = "#b71c1c" if plan.unallocated < 0 else "#1f2933"
        self.balance.setText(format_pounds(plan.unallocated))
        self.balance.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def fund_year(self) -> FundYear:
        return replace(self._original, amount=self.amount_spin.value(),
                       themes={t: s.value() for t, s in self.theme_spins.items() if s.value()})

    def problems(self) -> list[FieldError]:
        return validate_fund_year(self.fund_year())
