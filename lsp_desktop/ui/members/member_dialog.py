"""Dialog to add or edit a member: details, contact, terms, declarations and notes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.members import (
    MEMBER_LIMITS,
    Declaration,
    Member,
    Role,
    Sector,
    Term,
)
from lsp_desktop.domain.names import split_name
from lsp_desktop.ui.common.date_field import DateEdit, OptionalDateEdit, refuse_bad_dates
from lsp_desktop.ui.common.form_dialog import error_label, field_box
from lsp_desktop.ui.common.member_picker import MemberPicker
from lsp_desktop.ui.members.member_dialog_controller import (
    blank_member,
    by_field,
    category_choices,
    chosen_sector,
    deputy_allowed,
    deputy_choices,
    page_to_show,
    problems,
    role_choices,
    sector_choices,
    sector_of,
    title_of,
)


class TermRowEditor(QWidget):
    def __init__(self, term: Term | None, on_remove, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("From"))
        self.term_id = term.id if term else None     # kept, so the term keeps its history
        self.start = DateEdit(term.start if term else date.today())
        self.start.setAccessibleName("Term start")
        layout.addWidget(self.start)
        self.end = OptionalDateEdit("until", term.end if term else None)
        self.end.edit.setAccessibleName("Term end")
        layout.addWidget(self.end)
        self.reason = QLineEdit(term.reason_left if term else "")
        self.reason.setPlaceholderText("Reason for leaving")
        layout.addWidget(self.reason, 1)
        remove = QPushButton("Remove")
        remove.clicked.connect(lambda: on_remove(self))
        layout.addWidget(remove)

    def term(self) -> Term:
        end = self.end.value()
        return Term(self.start.value(), end, self.reason.text().strip() if end else "",
                    self.term_id)


class DeclarationRowEditor(QFrame):
    """One declaration on two lines: the interest in full, then body, dates and Remove."""

    def __init__(self, decl: Declaration | None, on_remove, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.declaration_id = decl.id if decl else None
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        self.interest = QLineEdit(decl.interest if decl else "")
        self.interest.setPlaceholderText("The interest, e.g. Trustee of Riverside Housing Association")
        self.interest.setAccessibleName("Interest")
        grid.addWidget(QLabel("Interest"), 0, 0)
        grid.addWidget(self.interest, 0, 1, 1, 4)
        self.body = QLineEdit(decl.body if decl else "")
        self.body.setPlaceholderText("Body the interest is in")
        self.body.setAccessibleName("Body")
        grid.addWidget(QLabel("Body"), 1, 0)
        grid.addWidget(self.body, 1, 1)
        self.declared = OptionalDateEdit("declared", decl.declared_on if decl else date.today())
        self.declared.edit.setAccessibleName("Declared on")
        grid.addWidget(self.declared, 1, 2)
        self.withdrawn = OptionalDateEdit("withdrawn", decl.withdrawn_on if decl else None)
        self.withdrawn.edit.setAccessibleName("Withdrawn on")
        grid.addWidget(self.withdrawn, 1, 3)
        remove = QPushButton("Remove")
        remove.clicked.connect(lambda: on_remove(self))
        grid.addWidget(remove, 1, 4)
        grid.setColumnStretch(1, 1)

    def declaration(self) -> Declaration | None:
        if not self.interest.text().strip():
            return None
        return Declaration(self.interest.text().strip(), self.body.text().strip(),
                           self.declared.value(), self.withdrawn.value(), self.declaration_id)


class MemberDialog(QDialog):
    """Returns the edited Member from `member()` after exec() is accepted."""

    def __init__(self, member: Member | None, current_members, parent=None,
                 attended: list | None = None, starts_on: date | None = None):
        """`current_members`: a DeputyLookup (the service asked as the officer types), or
        (id, name) of the current members, in the register's order."""
        super().__init__(parent)
        self._original = member
        if hasattr(current_members, "find"):
            self._serving = current_members.serving
        else:
            ids = {mid for mid, _ in current_members}
            self._serving = ids.intersection
        self.setWindowTitle(title_of(member))
        self.resize(780, 560)
        # A new member's term starts on the date the register shows (today by default).
        m = member or blank_member(starts_on or date.today())
        self.errors: dict[str, QLabel] = {}
        tabs = QTabWidget()
        tabs.addTab(self._details_page(member, m, current_members), "Details")
        tabs.addTab(self._contact_page(m), "Contact")
        tabs.addTab(self._terms_page(m), "Terms")
        tabs.addTab(self._declarations_page(m), "Declarations")
        self.notes_edit = QPlainTextEdit(m.notes)
        tabs.addTab(self.notes_edit, "Notes")
        if attended is not None:        # the meetings they attended (from the Meetings tab)
            from lsp_desktop.ui.common.table_helpers import record_table
            from lsp_desktop.ui.meetings.meeting_tables import AttendedTableModel

            self.attended_model = AttendedTableModel(self)
            self.attended_model.set_rows(attended)
            tabs.addTab(record_table(self.attended_model, "Meetings attended", (90, 260)),
                        f"Meetings ({len(attended)})")
        self.tabs = tabs

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.name_edit.setFocus()

    # -- building --------------------------------------------------------
    def _details_page(self, member: Member | None, m: Member, current_members) -> QWidget:
        details = QWidget()
        form = QFormLayout(details)
        self.title_edit = QLineEdit(m.title)
        self.title_edit.setMaxLength(MEMBER_LIMITS["title"])
        self.title_edit.setPlaceholderText("Ms, Mr, Dr, Cllr, Revd…")
        form.addRow("&Title", self.title_edit)
        self.name_edit = QLineEdit(m.name)
        self.name_edit.setMaxLength(MEMBER_LIMITS["name"])
        self.name_edit.setAccessibleName("Name")
        form.addRow("&Name *", self._with_error("name", self.name_edit))
        # The register sorts by family name: split from the name as it is typed (the last
        # word, with any particle before it) until the officer corrects the split.
        self.given_edit = QLineEdit(m.given_names)
        self.given_edit.setMaxLength(MEMBER_LIMITS["given_names"])
        self.given_edit.setAccessibleName("Given names")
        self.family_edit = QLineEdit(m.family_name)
        self.family_edit.setMaxLength(MEMBER_LIMITS["family_name"])
        self.family_edit.setAccessibleName("Family name")
        self.family_edit.setToolTip("The register sorts members by family name, particles "
                                    "included: 'ap Siôn' under A, 'de la Cruz' under D.")
        split = QHBoxLayout()
        split.setContentsMargins(0, 0, 0, 0)
        given_label = QLabel("&Given names")
        given_label.setBuddy(self.given_edit)
        family_label = QLabel("Famil&y name")
        family_label.setBuddy(self.family_edit)
        for widget, stretch in ((given_label, 0), (self.given_edit, 1), (family_label, 0),
                                (self.family_edit, 1)):
            split.addWidget(widget, stretch)
        split_box = QWidget()
        split_box.setLayout(split)
        form.addRow("Sorted under", self._with_error("family_name", split_box))
        self._split_corrected = bool(member) and (m.given_names, m.family_name) != split_name(m.name)
        self.name_edit.textChanged.connect(self._name_changed)
        self.given_edit.textEdited.connect(self._split_edited)
        self.family_edit.textEdited.connect(self._split_edited)
        self.org_edit = QLineEdit(m.organisation)
        self.org_edit.setMaxLength(MEMBER_LIMITS["organisation"])
        form.addRow("&Body (organisation)", self.org_edit)
        self.nominating_edit = QLineEdit(m.nominating_body)
        self.nominating_edit.setMaxLength(MEMBER_LIMITS["nominating_body"])
        form.addRow("Nominating b&ody", self.nominating_edit)
        self.sector_combo = QComboBox()
        for label, value in sector_choices():
            self.sector_combo.addItem(label, value)
        self.sector_combo.setCurrentIndex(
            max(0, self.sector_combo.findData(chosen_sector(member))) if member else 0)
        form.addRow("&Sector *", self._with_error("sector", self.sector_combo))
        self.category_combo = QComboBox()
        for label, name in category_choices():
            self.category_combo.addItem(label, name)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(m.category)))
        self.category_combo.currentIndexChanged.connect(self._category_chosen)
        form.addRow("&Category", self._with_error("category", self.category_combo))
        self.role_combo = QComboBox()
        for label, value in role_choices():
            self.role_combo.addItem(label, value)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(Role(m.role).value)))
        form.addRow("&Role", self.role_combo)
        self.deputy_combo = (
            MemberPicker([("", None)], lookup=current_members)
            if hasattr(current_members, "find")
            else MemberPicker(deputy_choices(current_members, member, m.deputises_for_id)))
        self.deputy_combo.setCurrentIndex(max(0, self.deputy_combo.findData(m.deputises_for_id)))
        form.addRow("&Deputises for", self._with_error("deputises_for", self.deputy_combo))
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        return details

    def _contact_page(self, m: Member) -> QWidget:
        contact = QWidget()
        cpage = QVBoxLayout(contact)
        cform = QFormLayout()
        cpage.addLayout(cform)
        cpage.addStretch(1)       # the fields stay at the top, not spread down the page
        self.email_edit = QLineEdit(m.email)
        self.email_edit.setMaxLength(MEMBER_LIMITS["email"])
        cform.addRow("&Email", self._with_error("email", self.email_edit))
        self.phone_edit = QLineEdit(m.phone)
        self.phone_edit.setMaxLength(MEMBER_LIMITS["phone"])
        cform.addRow("&Phone", self.phone_edit)
        self.address_edit = QPlainTextEdit(m.address)
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(90)
        cform.addRow("Postal &address", self.address_edit)
        self.publish_check = QCheckBox("The member agreed to publish these contact details")
        self.publish_check.setChecked(m.publish_contact)
        cform.addRow("", self.publish_check)
        return contact

    def _terms_page(self, m: Member) -> QWidget:
        terms = QWidget()
        tlayout = QVBoxLayout(terms)
        tlayout.addWidget(QLabel("Terms of office (a member can leave and return; terms may not overlap)"))
        self.terms_box = QVBoxLayout()
        tlayout.addLayout(self.terms_box)
        self.errors["terms"] = error_label()
        tlayout.addWidget(self.errors["terms"])
        add_term = QPushButton("Add term")
        add_term.clicked.connect(lambda: self._add_term(None))
        tlayout.addWidget(add_term, 0, Qt.AlignmentFlag.AlignLeft)
        tlayout.addStretch(1)
        self.term_rows: list[TermRowEditor] = []
        for t in m.terms:
            self._add_term(t)
        return terms

    def _declarations_page(self, m: Member) -> QWidget:
        decls = QWidget()
        dlayout = QVBoxLayout(decls)
        dlayout.addWidget(QLabel("Declarations of interest kept by the partnership"))
        self.decl_box = QVBoxLayout()
        dlayout.addLayout(self.decl_box)
        add_decl = QPushButton("Add declaration")
        add_decl.clicked.connect(lambda: self._add_declaration(None))
        dlayout.addWidget(add_decl, 0, Qt.AlignmentFlag.AlignLeft)
        dlayout.addStretch(1)
        self.decl_rows: list[DeclarationRowEditor] = []
        for d in m.declarations:
            self._add_declaration(d)
        return decls

    def _with_error(self, field: str, widget: QWidget) -> QWidget:
        self.errors[field] = error_label()
        return field_box(widget, self.errors[field])

    def _add_term(self, term: Term | None) -> None:
        row = TermRowEditor(term, self._remove_term)
        self.term_rows.append(row)
        self.terms_box.addWidget(row)

    def _remove_term(self, row: TermRowEditor) -> None:
        self.term_rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def _add_declaration(self, decl: Declaration | None) -> None:
        row = DeclarationRowEditor(decl, self._remove_declaration)
        self.decl_rows.append(row)
        self.decl_box.addWidget(row)

    def _remove_declaration(self, row: DeclarationRowEditor) -> None:
        self.decl_rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def _name_changed(self, text: str) -> None:
        if not self._split_corrected:
            given, family = split_name(text)
            self.given_edit.setText(given)
            self.family_edit.setText(family)

    def _split_edited(self) -> None:
        self._split_corrected = True

    def _category_chosen(self) -> None:
        # The category suggests a sector; a sector already chosen is the member's own
        # (a faith-based voluntary organisation stays voluntary).
        sector = sector_of(self.category_combo.currentData())
        if sector is not None and not self.sector_combo.currentData():
            self.sector_combo.setCurrentIndex(self.sector_combo.findData(sector))

    def _role_changed(self) -> None:
        self.deputy_combo.setEnabled(deputy_allowed(self.role_combo.currentData()))
        if not self.deputy_combo.isEnabled():
            self.deputy_combo.setCurrentIndex(0)

    def member(self) -> Member:
        base = self._original or Member(name="", sector=Sector.COMMUNITY)
        return base.with_changes(
            title=self.title_edit.text().strip(),
            name=self.name_edit.text().strip(),
            given_names=self.given_edit.text().strip(),
            family_name=self.family_edit.text().strip(),
            organisation=self.org_edit.text().strip(),
            nominating_body=self.nominating_edit.text().strip(),
            sector=Sector(self.sector_combo.currentData()) if self.sector_combo.currentData() else None,
            category=self.category_combo.currentData() or "",
            role=Role(self.role_combo.currentData()),
            deputises_for_id=self.deputy_combo.currentData(),
            email=self.email_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            address=self.address_edit.toPlainText().strip(),
            publish_contact=self.publish_check.isChecked(),
            notes=self.notes_edit.toPlainText(),
            terms=tuple(r.term() for r in self.term_rows),
            declarations=tuple(d for r in self.decl_rows if (d := r.declaration())),
        )

    def show_errors(self, errors: list[FieldError]) -> None:
        for label in self.errors.values():
            label.hide()
        placed = by_field(errors, self.errors)
        for field, messages in placed.items():
            self.errors[field].setText("\n".join(messages))
            self.errors[field].show()
        self.tabs.setCurrentIndex(page_to_show(placed))

    def accept(self) -> None:
        if refuse_bad_dates(self):
            return
        chosen = self.member()
        errors = problems(chosen, self._serving(
            {chosen.deputises_for_id} if chosen.deputises_for_id is not None else set()))
        if errors:
            self.show_errors(errors)
            return
        super().accept()
