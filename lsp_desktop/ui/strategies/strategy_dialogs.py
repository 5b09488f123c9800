"""Small forms of the Strategy drafts tab: strategy details, version label, neighbourhood,
endorsement and consultation entry."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.strategies import (
    ConsultationEvent,
    Endorsement,
    Neighbourhood,
    Strategy,
    StrategyStatus,
    StrategyType,
    VersionSummary,
    validate_consultation,
    validate_strategy,
)
from lsp_desktop.ui.common.date_field import DateEdit, OptionalDateEdit
from lsp_desktop.ui.common.form_dialog import FormDialog


class StrategyDialog(FormDialog):
    def __init__(self, strategy: Strategy | None, parent=None):
        super().__init__("Strategy details" if strategy else "New strategy", parent)
        self._original = strategy
        s = strategy or Strategy(StrategyType.COMMUNITY, "")
        self.type_combo = QComboBox()
        for t in StrategyType:
            self.type_combo.addItem(t.value if t != StrategyType.OTHER else "Other strategy", t)
        self.type_combo.setCurrentIndex(self.type_combo.findData(s.type))
        self.type_combo.setEnabled(strategy is None)   # expected sections depend on it
        self.add_row("&Type", self.type_combo, "type")
        self.title_edit = QLineEdit(s.title)
        self.title_edit.setAccessibleName("Strategy title")
        self.add_row("T&itle *", self.title_edit, "title")
        self.period_edit = QLineEdit(s.period)
        self.period_edit.setPlaceholderText("e.g. 2002-2012")
        self.add_row("&Period covered", self.period_edit)
        self.status_combo = QComboBox()
        for st in StrategyStatus:
            self.status_combo.addItem(st.label, st)
        self.status_combo.setCurrentIndex(self.status_combo.findData(s.status))
        self.add_row("&Status", self.status_combo, "status")
        self.officer_edit = QLineEdit(s.lead_officer)
        self.add_row("&Lead officer", self.officer_edit)
        self.resize(480, 0)

    def strategy(self) -> Strategy:
        # Qt hands StrEnum item data back as plain str: turn it back into the enum.
        return Strategy(StrategyType(self.type_combo.currentData()),
                        self.title_edit.text().strip(), self.period_edit.text().strip(),
                        StrategyStatus(self.status_combo.currentData()),
                        self.officer_edit.text().strip(),
                        self._original.id if self._original else None,
                        version=self._original.version if self._original else None)

    def problems(self) -> list[FieldError]:
        return validate_strategy(self.strategy())


class VersionLabelDialog(FormDialog):
    def __init__(self, next_number: int, status: StrategyStatus, parent=None):
        super().__init__(f"Save as version {next_number}", parent)
        self.label_edit = QLineEdit()
        self.label_edit.setAccessibleName("Version label")
        self.label_edit.setPlaceholderText(f"{status.value}, {date.today():%B %Y}")
        self.add_row("&Label *", self.label_edit, "label")
        self.resize(460, 0)

    def label(self) -> str:
        return self.label_edit.text().strip()

    def problems(self) -> list[FieldError]:
        if not self.label():
            return [FieldError("label", "Give the version a label, e.g. "
                                        "\"consultation draft, March 2002\".")]
        return []


class NeighbourhoodDialog(FormDialog):
    def __init__(self, n: Neighbourhood | None, parent=None):
        super().__init__("Priority neighbourhood", parent)
        self._original = n
        n = n or Neighbourhood("")
        self.name_edit = QLineEdit(n.name)
        self.add_row("&Name *", self.name_edit, "name")
        self.wards_edit = QLineEdit(n.wards)
        self.wards_edit.setPlaceholderText("Wards, separated by semicolons")
        self.add_row("&Wards", self.wards_edit)
        self.evidence_edit = QPlainTextEdit(n.evidence)
        self.evidence_edit.setTabChangesFocus(True)
        self.add_row("&Evidence for choosing it", self.evidence_edit)
        self.resize(520, 320)

    def neighbourhood(self) -> Neighbourhood:
        return Neighbourhood(self.name_edit.text().strip(), self.wards_edit.text().strip(),
                             self.evidence_edit.toPlainText(),
                             self._original.id if self._original else None,
                             version=self._original.version if self._original else None)

    def problems(self) -> list[FieldError]:
        return [] if self.name_edit.text().strip() else [
            FieldError("name", "Give the neighbourhood a name.")]


class EndorsementDialog(FormDialog):
    """Record that a body on the register endorsed an agreed version."""

    def __init__(self, strategy_id: int, versions: list[VersionSummary], bodies: list[str],
                 version_number: int | None = None, parent=None):
        super().__init__("Record endorsement", parent)
        self.strategy_id = strategy_id
        self.version_combo = QComboBox()
        for v in versions:
            self.version_combo.addItem(f"{v.name} ({v.status.value})", v.number)
        if version_number is not None:
            self.version_combo.setCurrentIndex(max(0, self.version_combo.findData(
                version_number)))
        self.add_row("&Version *", self.version_combo, "version")
        self.body_combo = QComboBox()
        self.body_combo.setEditable(True)
        self.body_combo.setAccessibleName("Endorsing body")
        self.body_combo.addItem("")
        self.body_combo.addItems(bodies)
        self.add_row("&Body *", self.body_combo, "body")
        self.by_edit = QLineEdit()
        self.by_edit.setPlaceholderText("Who signed for the body")
        self.add_row("Endorsed &by", self.by_edit)
        self.date_edit = DateEdit(date.today())
        self.add_row("&Date", self.date_edit, "endorsed_on")
        self.resize(520, 0)

    def endorsement(self) -> Endorsement:
        return Endorsement(self.strategy_id, self.version_combo.currentData() or 0,
                           self.body_combo.currentText().strip(), self.by_edit.text().strip(),
                           self.date_edit.value())

    def problems(self) -> list[FieldError]:
        errors = []
        if self.version_combo.currentData() is None:
            errors.append(FieldError("version", "Save a version before recording endorsements."))
        if not self.body_combo.currentText().strip():
            errors.append(FieldError("body", "Choose the body that endorsed it."))
        return errors


def _whole_number(text: str, field: str, label: str) -> tuple[int | None, FieldError | None]:
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        return None, None
    if not cleaned.isdigit():
        return None, FieldError(field, f"{label}: '{text.strip()}' is not a whole number.")
    return int(cleaned), None


class ConsultationDialog(FormDialog):
    def __init__(self, event: ConsultationEvent | None, strategies: list[Strategy],
                 default_strategy: int | None = None, parent=None):
        super().__init__("Consultation entry", parent)
        self._original = event
        e = event or ConsultationEvent("", date.today(), strategy_id=default_strategy)
        self.event_edit = QLineEdit(e.event)
        self.event_edit.setPlaceholderText("Public meeting, survey, focus group…")
        self.add_row("&Event or method *", self.event_edit, "event")
        self.strategy_combo = QComboBox()
        self.strategy_combo.addItem("(none)", None)
        for s in strategies:
            self.strategy_combo.addItem(s.display_name, s.id)
        self.strategy_combo.setCurrentIndex(max(0, self.strategy_combo.findData(e.strategy_id)))
        self.add_row("&Strategy", self.strategy_combo)
        self.start_edit = OptionalDateEdit("from", e.start)
        self.add_row("&Start", self.start_edit, "start")
        self.end_edit = OptionalDateEdit("to", e.end)
        self.add_row("E&nd", self.end_edit, "end")
        self.reached_edit = QLineEdit(e.reached)
        self.reached_edit.setPlaceholderText("Groups reached")
        self.add_row("Who was &reached", self.reached_edit)
        self.number_edit = QLineEdit("" if e.number_reached is None else str(e.number_reached))
        self.add_row("N&umber reached", self.number_edit, "number_reached")
        self.responses_edit = QLineEdit("" if e.responses is None else str(e.responses))
        self.add_row("Res&ponses received", self.responses_edit, "responses")
        self.summary_edit = QPlainTextEdit(e.summary)
        self.summary_edit.setTabChangesFocus(True)
        self.add_row("Su&mmary", self.summary_edit)
        self.resize(560, 460)

    def _numbers(self):
        number, e1 = _whole_number(self.number_edit.text(), "number_reached", "Number reached")
        responses, e2 = _whole_number(self.responses_edit.text(), "responses", "Responses")
        return number, responses, [e for e in (e1, e2) if e]

    def problems(self) -> list[FieldError]:
        number, responses, errors = self._numbers()
        if errors:
            return errors
        return validate_consultation(self.consultation())

    def consultation(self) -> ConsultationEvent:
        number, responses, _ = self._numbers()
        return ConsultationEvent(
            self.event_edit.text().strip(), self.start_edit.value(), self.end_edit.value(),
            self.reached_edit.text().strip(), number, responses,
            self.summary_edit.toPlainText(), self.strategy_combo.currentData(),
            self._original.id if self._original else None,
            version=self._original.version if self._original else None)
