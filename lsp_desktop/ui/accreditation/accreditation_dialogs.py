"""Small dialogs of the Accreditation tab: rounds, evidence, weaknesses, GO review items."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.accreditation import (
    AssessmentRound,
    Concern,
    ConcernStatus,
    CriterionAssessment,
    Dialogue,
    EvidenceItem,
    EvidenceKind,
    RoundKind,
    RoundSummary,
    Weakness,
)
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.errors import FieldError
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.date_field import DateEdit, OptionalDateEdit, refuse_bad_dates
from lsp_desktop.ui.common.form_dialog import error_label, put_buttons_last
from lsp_desktop.ui.common.rating_combo import RatingCombo


class FormDialog(QDialog):
    """A form with OK/Cancel and one error line, shared by the dialogs below."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.form = QFormLayout()
        self.error_label = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        put_buttons_last(self, self.buttons)
        super().showEvent(event)

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and refuse_bad_dates(self):
            return
        super().done(result)

    def show_errors(self, errors: list[FieldError] | str) -> None:
        text = errors if isinstance(errors, str) else "\n".join(e.message for e in errors)
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))


class NewRoundDialog(FormDialog):
    def __init__(self, rounds: list[RoundSummary], parent=None):
        super().__init__("New assessment round", parent)
        self.kind = QComboBox()
        for k in RoundKind:
            self.kind.addItem(k.label, k.value)
        self.kind.setCurrentIndex(1 if rounds else 0)
        self.year = QLineEdit(_next_year(rounds))
        self.year.setPlaceholderText("2002/03")
        self.name = QLineEdit()
        self.carry = QComboBox()
        self.carry.addItem("Start empty", None)
        for r in reversed(rounds):
            self.carry.addItem(f"Carry over from {r.name}", r.id)
        if rounds:
            self.carry.setCurrentIndex(1)
        self.form.addRow("&Kind", self.kind)
        self.form.addRow("Financial &year", self.year)
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Baseline", self.carry)
        hint = QLabel("Carrying over copies each criterion's rating, narrative, strengths, "
                      "weaknesses and evidence as this round's starting point, marked "
                      "'carried' until you review them.")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.kind.currentIndexChanged.connect(self._suggest_name)
        self.year.textChanged.connect(self._suggest_name)
        self._suggest_name()

    def _suggest_name(self) -> None:
        self.name.setText(f"{RoundKind(self.kind.currentData()).label} {self.year.text().strip()}"
                          .strip())

    def values(self) -> tuple[str, RoundKind, str, int | None]:
        return (self.name.text().strip(), RoundKind(self.kind.currentData()),
                self.year.text().strip(), self.carry.currentData())


def _next_year(rounds: list[RoundSummary]) -> str:
    years = sorted(r.financial_year for r in rounds if r.financial_year)
    if not years:
        today = date.today()
        start = today.year if today.month >= 4 else today.year - 1
    else:
        start = int(years[-1][:4]) + 1
    return f"{start}/{(start + 1) % 100:02d}"


class RoundDetailsDialog(FormDialog):
    """Name, kind, year, who took part and when the board agreed the self-assessment."""

    def __init__(self, rnd: AssessmentRound, parent=None):
        super().__init__(f"Round details: {rnd.name}", parent)
        self.rnd = rnd
        self.name = QLineEdit(rnd.name)
        self.kind = QComboBox()
        for k in RoundKind:
            self.kind.addItem(k.label, k.value)
        self.kind.setCurrentIndex(list(RoundKind).index(rnd.kind))
        self.year = QLineEdit(rnd.financial_year)
        self.participants = QPlainTextEdit(rnd.participants)
        self.participants.setTabChangesFocus(True)
        self.participants.setPlaceholderText("Who took part in the self-assessment")
        self.participants.setFixedHeight(80)
        self.agreed = OptionalDateEdit("Agreed by the board on", rnd.agreed_on)
        self.submitted = OptionalDateEdit("Submitted to the GO on", rnd.submitted_on)
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Kind", self.kind)
        self.form.addRow("Financial &year", self.year)
        self.form.addRow("&Participants", self.participants)
        self.form.addRow("", self.agreed)
        self.form.addRow("", self.submitted)

    def round(self) -> AssessmentRound:
        return replace(self.rnd, name=self.name.text().strip(),
                       kind=RoundKind(self.kind.currentData()),
                       financial_year=self.year.text().strip(),
                       participants=self.participants.toPlainText(),
                       agreed_on=self.agreed.value(), submitted_on=self.submitted.value())


class EvidenceDialog(FormDialog):
    """Title, kind, date, reference, and optionally a file to keep inside the partnership."""

    def __init__(self, item: EvidenceItem | None = None, parent=None):
        super().__init__("Evidence" if item else "Add evidence", parent)
        item = item or EvidenceItem("")
        self.item = item
        self.title = QLineEdit(item.title)
        self.title.setAccessibleName("Evidence title")
        self.kind = QComboBox()
        for k in EvidenceKind:
            self.kind.addItem(k.label, k.value)
        self.kind.setCurrentIndex(list(EvidenceKind).index(item.kind))
        self.dated = OptionalDateEdit("Dated", item.dated)
        self.reference = QLineEdit(item.reference)
        self.reference.setPlaceholderText("Minute number, web address, where the paper copy is")
        self.file_path = ""
        self.file_label = QLabel(item.file_name or "No file attached")
        self.file_label.setAccessibleName("Attached file")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        choose = QPushButton("&Attach a file…")
        choose.clicked.connect(self.choose_file)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.file_label, 1)
        box.addWidget(choose)
        self.form.addRow("&Title *", self.title)
        self.form.addRow("&Kind", self.kind)
        self.form.addRow("", self.dated)
        self.form.addRow("&Reference", self.reference)
        self.form.addRow("File", row)
        note = QLabel("An attached file (up to 20 MB) is copied into the partnership file, "
                      "so it travels with it.")
        note.setWordWrap(True)
        self.form.addRow(note)

    def choose_file(self) -> None:
        path = prompts.open_file(self, "Attach evidence", "", "All files (*)")
        if path:
            self.set_file(path)

    def set_file(self, path: str) -> None:
        from pathlib import Path

        self.file_path = path
        self.file_label.setText(f"{Path(path).name} (will be attached)")

    def item_value(self) -> EvidenceItem:
        return replace(self.item, title=self.title.text().strip(),
                       kind=EvidenceKind(self.kind.currentData()), dated=self.dated.value(),
                       reference=self.reference.text().strip())


class TextDialog(FormDialog):
    """One block of text: a weakness."""

    def __init__(self, title: str, label: str, text: str = "", parent=None):
        super().__init__(title, parent)
        self.text = QPlainTextEdit(text)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(label)
        self.text.setFixedHeight(100)
        self.form.addRow(label, self.text)

    def value(self) -> str:
        return self.text.toPlainText().strip()


class WeaknessDialog(TextDialog):
    """Edit one weakness's text."""

    def __init__(self, weakness: Weakness, parent=None):
        super().__init__("Edit weakness", "&Weakness", weakness.text, parent)
        self.weakness = weakness

    def value_record(self) -> Weakness:
        return replace(self.weakness, text=self.value())


class GoRatingDialog(FormDialog):
    def __init__(self, assessment: CriterionAssessment, parent=None):
        super().__init__(f"GO rating: {assessment.criterion.label}", parent)
        self.rating = RatingCombo(assessment.go_rating)
        self.rating.setAccessibleName("GO rating")
        self.comments = QPlainTextEdit(assessment.go_comments)
        self.comments.setTabChangesFocus(True)
        self.comments.setFixedHeight(110)
        self.form.addRow("Partnership's own rating", QLabel(assessment.rating.label))
        self.form.addRow("GO &rating", self.rating)
        self.form.addRow("GO &comments", self.comments)
        self.assessment = assessment

    def value(self) -> CriterionAssessment:
        return replace(self.assessment, go_rating=self.rating.rating(),
                       go_comments=self.comments.toPlainText())


class DialogueDialog(FormDialog):
    def __init__(self, parent=None):
        super().__init__("Dialogue held by the Government Office", parent)
        self.held_on = DateEdit(date.today())
        self.with_whom = QLineEdit()
        self.with_whom.setPlaceholderText("Chair and theme group leads; residents' forum…")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        self.form.addRow("Held &on", self.held_on)
        self.form.addRow("&With whom *", self.with_whom)
        self.form.addRow("&Notes", self.notes)

    def dialogue(self) -> Dialogue:
        return Dialogue(self.held_on.value(), self.with_whom.text().strip(),
                        self.notes.toPlainText())


class ConcernDialog(FormDialog):
    def __init__(self, concern: Concern | None = None, parent=None):
        super().__init__("Area of concern", parent)
        self.concern = concern or Concern("")
        self.text = QPlainTextEdit(self.concern.text)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        self.criterion = QComboBox()
        self.criterion.addItem("(no single criterion)", None)
        for c in Criterion:
            self.criterion.addItem(c.label, c.value)
        if self.concern.criterion:
            self.criterion.setCurrentIndex(list(Criterion).index(self.concern.criterion) + 1)
        self.status = QComboBox()
        for s in ConcernStatus:
            self.status.addItem(s.label, s.value)
        self.status.setCurrentIndex(list(ConcernStatus).index(self.concern.status))
        self.form.addRow("&Concern *", self.text)
        self.form.addRow("C&riterion", self.criterion)
        self.form.addRow("&Status", self.status)

    def value(self) -> Concern:
        crit = self.criterion.currentData()
        return replace(self.concern, text=self.text.toPlainText().strip(),
                       criterion=Criterion(crit) if crit else None,
                       status=ConcernStatus(self.status.currentData()))
