"""File ▸ Open shared partnership…: server, database, user and password (keyring only)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from lsp_desktop import passwords

LAST_KEY = "shared/last"      # host, port, database and user only: never the password


@dataclass(frozen=True)
class SharedDetails:
    host: str
    port: int
    database: str
    user: str
    password: str = ""
    remember: bool = False
    create: bool = False

    @property
    def account(self) -> str:
        return passwords.account(self.user, self.host, self.port, self.database)

    def url(self, with_password: bool = True) -> str:
        auth = quote(self.user, safe="")
        if with_password and self.password:
            auth += ":" + quote(self.password, safe="")
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{quote(self.database)}"


class SharedPartnershipDialog(QDialog):
    def __init__(self, parent=None, initial: SharedDetails | None = None, problem: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Open shared partnership")
        self.settings = QSettings()
        last = initial or self._last()
        self.host = QLineEdit(last.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(last.port)
        self.database = QLineEdit(last.database)
        self.user = QLineEdit(last.user)
        self.password = QLineEdit(last.password)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("&Remember the password in the system keyring")
        self.create = QCheckBox("&Create a new partnership there (the database must be empty)")
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        if not passwords.can_remember():
            self.remember.setEnabled(False)
            self.note.setText(passwords.why_not())
        self.problem = QLabel(problem)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a00;")
        self.problem.setVisible(bool(problem))

        form = QFormLayout()
        form.addRow("&Server (host):", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("Pass&word:", self.password)
        form.addRow("", self.remember)
        form.addRow("", self.create)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Open)
        layout = QVBoxLayout(self)
        intro = QLabel("A shared partnership is held in a PostgreSQL database, so several "
                       "officers can work on it at once. Ask your database administrator "
                       "for these details.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(460, 0)

    def _last(self) -> SharedDetails:
        value = self.settings.value(LAST_KEY, [])
        if isinstance(value, list) and len(value) == 4:
            host, port, database, user = value
            try:
                return SharedDetails(str(host), int(port), str(database), str(user))
            except ValueError:
                pass
        return SharedDetails("localhost", 5432, "", "")

    def _accept(self) -> None:
        missing = [n for n, w in (("server", self.host), ("database", self.database),
                                  ("user", self.user)) if not w.text().strip()]
        if missing:
            self.problem.setText("Fill in the " + ", ".join(missing) + ".")
            self.problem.show()
            return
        self.accept()

    def details(self) -> SharedDetails:
        d = SharedDetails(self.host.text().strip(), self.port.value(),
                          self.database.text().strip(), self.user.text().strip(),
                          self.password.text(), self.remember.isChecked(),
                          self.create.isChecked())
        self.settings.setValue(LAST_KEY, [d.host, d.port, d.database, d.user])
        return d
