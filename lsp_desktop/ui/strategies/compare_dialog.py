"""Comparing two versions of a strategy (or a version and the current draft), and
reading a saved version."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtGui import QTextDocumentFragment as Fragment
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
)

from lsp_desktop.domain.strategies import (
    DiffKind,
    Section,
    SectionChange,
    SectionDiff,
    StrategyVersion,
    VersionSummary,
    word_count,
)
from lsp_desktop.ui.strategies.section_editor import READ_FEATURES

CURRENT = -1           # combo data for "the current draft"
CONTEXT_WORDS = 30     # words kept either side of a change when unchanged text is folded

_INS = "background:#d4f4dd; color:#0b5b23; text-decoration:underline;"
_DEL = "background:#fbd5d5; color:#8a1c1c; text-decoration:line-through;"
# Short class names keep the marked-up text small; the view's default style sheet
# gives them their look.
DIFF_CSS = f".ins {{ {_INS} }} .del {{ {_DEL} }}"
_BADGE = {SectionChange.ADDED: ("added", "#0b5b23"), SectionChange.REMOVED: ("removed", "#8a1c1c"),
          SectionChange.CHANGED: ("changed", "#8a5a00"), SectionChange.RENAMED: ("renamed", "#8a5a00"),
          SectionChange.UNCHANGED: ("unchanged", "#6b6b6b")}


def _shown(text: str) -> str:
    return escape(text)      # plain text already: the comparison reads the Markdown


def _fold_equal(text: str, first: bool, last: bool) -> str:
    words = text.split(" ")
    if len(words) <= 3 * CONTEXT_WORDS:
        return _shown(text)
    head = [] if first else words[:CONTEXT_WORDS]
    tail = [] if last else words[-CONTEXT_WORDS:]
    skipped = len(words) - len(head) - len(tail)
    return (_shown(" ".join(head)) + f' <span style="color:#6b6b6b;">[… {skipped:,} '
            f'unchanged words …]</span> ' + _shown(" ".join(tail)))


def diff_html(diffs: tuple[SectionDiff, ...], whole_text: bool = False,
              show_unchanged: bool = False) -> str:
    """The comparison as Qt rich text; all user text escaped."""
    changed = [d for d in diffs if d.change != SectionChange.UNCHANGED]
    ins = sum(d.inserted_words for d in diffs)
    dels = sum(d.deleted_words for d in diffs)
    parts = [f'<p>{len(changed)} of {len(diffs)} sections differ: '
             f'<span style="{_INS}">{ins:,} words inserted</span>, '
             f'<span style="{_DEL}">{dels:,} words deleted</span>.</p>']
    for d in diffs:
        label, colour = _BADGE[d.change]
        counts = ""
        if d.change in (SectionChange.CHANGED, SectionChange.ADDED, SectionChange.REMOVED):
            counts = f" +{d.inserted_words:,} −{d.deleted_words:,} words"
        parts.append(f'<h3>{escape(d.title)} <span style="color:{colour}; font-size:small;">'
                     f'({label}{counts})</span></h3>')
        if d.change == SectionChange.UNCHANGED and not show_unchanged:
            continue
        body = []
        n = len(d.ops)
        for i, op in enumerate(d.ops):
            if op.kind == DiffKind.EQUAL:
                body.append(_shown(op.text) if whole_text or d.change == SectionChange.UNCHANGED
                            else _fold_equal(op.text, i == 0, i == n - 1))
            else:
                css = "ins" if op.kind == DiffKind.INSERT else "del"
                body.append(f'<span class="{css}">{_shown(op.text)}</span>')
        parts.append('<p style="white-space:pre-wrap;">' + "".join(body) + "</p>")
    return "\n".join(parts)


class CompareDialog(QDialog):
    """Pick two versions (or the current draft) and see the differences section by section."""

    def __init__(self, versions: list[VersionSummary],
                 compare: Callable[[int | None, int | None], tuple[SectionDiff, ...]],
                 old: int | None = None, new: int | None = None, parent=None,
                 export: Callable[[int, int, str], None] | None = None, file_stem: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Compare versions")
        self._compare = compare
        self._export = export
        self._file_stem = file_stem or "comparison"
        self.exported = ""           # the last file written
        self.old_combo, self.new_combo = QComboBox(), QComboBox()
        self.old_combo.setAccessibleName("Compare from")
        self.new_combo.setAccessibleName("Compare to")
        for combo in (self.old_combo, self.new_combo):
            for v in versions:
                combo.addItem(v.name, v.number)
            combo.addItem("Current draft", CURRENT)
        self.old_combo.setCurrentIndex(self.old_combo.findData(
            old if old is not None else (versions[-1].number if versions else CURRENT)))
        self.new_combo.setCurrentIndex(self.new_combo.findData(new if new is not None
                                                               else CURRENT))
        self.whole_check = QCheckBox("Show &whole text")
        self.unchanged_check = QCheckBox("Show &unchanged sections")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("&From"))
        bar.itemAt(0).widget().setBuddy(self.old_combo)
        bar.addWidget(self.old_combo, 1)
        bar.addWidget(QLabel("to"))
        bar.addWidget(self.new_combo, 1)
        bar.addWidget(self.whole_check)
        bar.addWidget(self.unchanged_check)
        self.view = QTextBrowser()
        self.view.setAccessibleName("Differences")
        self.view.document().setDefaultStyleSheet(DIFF_CSS)
        self.view.setOpenLinks(False)
        legend = QLabel(f'<span style="{_INS}">inserted</span> &nbsp; '
                        f'<span style="{_DEL}">deleted</span>')
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        self.export_button = buttons.addButton("Export as &Word with tracked changes…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export_word)
        self.export_button.setVisible(export is not None)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(legend, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.diffs: tuple[SectionDiff, ...] = ()
        for combo in (self.old_combo, self.new_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.whole_check.toggled.connect(self.render)
        self.unchanged_check.toggled.connect(self.render)
        self.resize(980, 700)
        self.refresh()

    @staticmethod
    def _number(combo: QComboBox) -> int | None:
        value = combo.currentData()
        return None if value == CURRENT else value

    def refresh(self) -> None:
        old, new = self._number(self.old_combo), self._number(self.new_combo)
        self.diffs = self._compare(old, new)
        self.export_button.setEnabled(old is not None and new is not None)
        self.export_button.setToolTip(
            "The later version, with every difference from the earlier one as a change a "
            "partner can accept or reject in Word" if old is not None and new is not None
            else "Save the current draft as a version to export it")
        self.render()

    def export_word(self) -> None:
        from lsp_desktop.domain.errors import DomainError
        from lsp_desktop.ui import prompts

        old, new = self._number(self.old_combo), self._number(self.new_combo)
        if self._export is None or old is None or new is None:
            return
        if old > new:
            old, new = new, old
        path = prompts.save_file(self, "Export comparison as Word",
                                 f"{self._file_stem} v{new} changes since v{old}.docx",
                                 "Word document (*.docx)")
        if not path:
            return
        if not path.lower().endswith(".docx"):
            path += ".docx"
        try:
            self._export(old, new, path)
        except (DomainError, OSError) as exc:
            prompts.error(self, "Cannot export the comparison", str(exc))
            return
        self.exported = path

    def render(self) -> None:
        self.view.setHtml(diff_html(self.diffs, self.whole_check.isChecked(),
                                    self.unchanged_check.isChecked()))


def sections_document(sections: tuple[Section, ...], title: str = "") -> QTextDocument:
    """A read-only document of sections: each title as a heading, each body from Markdown.

    Titles are inserted as plain text, so a title never turns into markup."""
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    heading = QTextCharFormat()
    heading.setFontWeight(QFont.Weight.Bold)
    heading.setProperty(QTextCharFormat.Property.FontSizeAdjustment, 2)
    if title:
        cursor.insertText(title, heading)
    for i, s in enumerate(sections):
        if title or i:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        block = QTextBlockFormat()
        block.setHeadingLevel(2)
        block.setTopMargin(12)
        cursor.setBlockFormat(block)
        cursor.insertText(f"{s.title}  ({word_count(s.body):,} words)", heading)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        if s.body.strip():
            cursor.insertFragment(Fragment.fromMarkdown(s.body, READ_FEATURES))
        else:
            cursor.insertText("(empty)")
    return doc


class VersionViewDialog(QDialog):
    """A saved version, read-only."""

    def __init__(self, version: StrategyVersion, strategy_title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{strategy_title} — {version.name} (read-only)")
        info = QLabel(f"Saved on {version.created:%d/%m/%Y}; strategy status then: "
                      f"{version.status.value}; {version.word_count:,} words. "
                      "Versions cannot be changed.")
        info.setTextFormat(Qt.TextFormat.PlainText)
        self.view = QTextBrowser()
        self.view.setOpenExternalLinks(False)
        self.view.setAccessibleName("Version text")
        self._doc = sections_document(version.sections)
        self.view.setDocument(self._doc)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(860, 680)
