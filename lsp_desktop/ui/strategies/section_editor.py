"""Rich-text editor for one strategy section, stored as Markdown and saved as it is typed."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTextEdit,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import ConflictError
from lsp_desktop.domain.strategies import word_count
from lsp_desktop.ui import prompts
from lsp_desktop.ui.strategies.markdown_text import READ_FEATURES, set_markdown, to_markdown

__all__ = ["READ_FEATURES", "SectionEditor", "set_markdown", "to_markdown"]

AUTOSAVE_MS = 700          # saved this long after typing stops ...
AUTOSAVE_MAX_MS = 5000     # ... and at least this often while typing goes on


class MarkdownTextEdit(QTextEdit):
    """Pasted rich text (from Word, a browser) is brought to what Markdown can keep."""

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasHtml() and not self.isReadOnly():
            doc = QTextDocument()
            doc.setHtml(source.html())
            fragment = QTextDocumentFragment.fromMarkdown(to_markdown(doc), READ_FEATURES)
            self.textCursor().insertFragment(fragment)
            self.ensureCursorVisible()
            return
        super().insertFromMimeData(source)


HEADING_STYLES = (("Body text", 0), ("Heading 1", 1), ("Heading 2", 2), ("Heading 3", 3))


class SectionEditor(QWidget):
    """Edits one section at a time. Typing restarts a short timer; when it fires (or on
    `flush()`) the Markdown goes to `save` - there is no Save button."""

    saved = Signal(int, str)          # section id, markdown (after a successful save)
    conflict = Signal(object)         # ConflictError: another officer saved it first
    save_failed = Signal(str)

    def __init__(self, save: Callable[..., object], parent=None, *, versioned: bool = False):
        super().__init__(parent)
        self._save = save
        self._versioned = versioned     # save(id, markdown, version) returns the Section
        self.version: int | None = None
        self.held = False               # while a conflict is being resolved: no saving
        self._section_id: int | None = None
        self._loading = False
        self._dirty = False
        self._dirty_since = 0.0

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.state = QLabel()
        self.state.setStyleSheet("color: #6b6b6b;")
        self.words = QLabel()
        self.words.setAccessibleName("Section word count")

        self.editor = MarkdownTextEdit()
        self.editor.setAccessibleName("Section text")
        self.editor.setAcceptRichText(True)
        self.editor.setTabChangesFocus(False)
        self.editor.document().setDocumentMargin(10)

        self.toolbar = QToolBar("Formatting")
        more = self.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if more is not None:     # shown when a narrow screen hides some of the tools
            more.setAccessibleName("More formatting tools")
        self.style_combo = QComboBox()
        self.style_combo.setAccessibleName("Paragraph style")
        for label, level in HEADING_STYLES:
            self.style_combo.addItem(label, level)
        self.style_combo.activated.connect(lambda _i: self.set_heading(
            self.style_combo.currentData()))
        self.toolbar.addWidget(self.style_combo)
        self.bold_action = self._action("&Bold", QKeySequence.StandardKey.Bold, self.toggle_bold,
                                        checkable=True)
        self.italic_action = self._action("&Italic", QKeySequence.StandardKey.Italic,
                                          self.toggle_italic, checkable=True)
        self.bullets_action = self._action("• List", QKeySequence("Ctrl+Shift+8"),
                                           lambda: self.set_list(QTextListFormat.Style.ListDisc))
        self.numbers_action = self._action("1. List", QKeySequence("Ctrl+Shift+7"),
                                           lambda: self.set_list(
                                               QTextListFormat.Style.ListDecimal))
        self.link_action = self._action("&Link…", QKeySequence("Ctrl+K"), self.ask_link)
        bold_font = self.bold_action.font()
        bold_font.setBold(True)
        self.bold_action.setFont(bold_font)
        italic_font = self.italic_action.font()
        italic_font.setItalic(True)
        self.italic_action.setFont(italic_font)

        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._changed)
        self.editor.cursorPositionChanged.connect(self._sync_toolbar)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.words)
        top.addWidget(self.state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor, 1)
        self.set_section(None, "", "")

    def _action(self, text, shortcut, slot, checkable=False) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        self.addAction(action)       # so the shortcut works while typing in the editor
        return action

    # -- loading and saving ---------------------------------------------------
    @property
    def section_id(self) -> int | None:
        return self._section_id

    def set_section(self, section_id: int | None, title: str, markdown: str,
                    read_only: bool = False, version: int | None = None) -> None:
        """Show a section (saving the one being edited first)."""
        self.flush()
        self._section_id = section_id
        self.version = version
        self._loading = True
        try:
            set_markdown(self.editor.document(), markdown)
            self.editor.document().clearUndoRedoStacks()
        finally:
            self._loading = False
        self._dirty = False
        self.title.setText(title)
        enabled = section_id is not None
        self.editor.setEnabled(enabled)
        self.editor.setReadOnly(read_only or not enabled)
        self.toolbar.setEnabled(enabled and not read_only)
        self.words.setText(f"{word_count(markdown):,} words" if enabled else "")
        self.state.setText("")
        if not enabled:
            self.editor.setPlaceholderText("Choose a section on the left.")

    def set_title(self, title: str) -> None:
        self.title.setText(title)

    def markdown(self) -> str:
        return to_markdown(self.editor.document())

    def is_dirty(self) -> bool:
        return self._dirty

    def _changed(self) -> None:
        if self._loading or self._section_id is None or self.editor.isReadOnly():
            return
        if not self._dirty:
            self._dirty_since = time.monotonic()
        self._dirty = True
        self.state.setText("Editing…")
        if (time.monotonic() - self._dirty_since) * 1000 >= AUTOSAVE_MAX_MS:
            self.flush()
        else:
            self._timer.start()

    def flush(self) -> bool:
        """Save now if there are unsaved changes; False if saving failed."""
        self._timer.stop()
        if not self._dirty or self._section_id is None:
            return True
        if self.held:
            return False
        markdown = self.markdown()
        try:
            if self._versioned:
                self.version = self._save(self._section_id, markdown, self.version).version
            else:
                self._save(self._section_id, markdown)
        except ConflictError as exc:
            self.state.setText("Not saved: changed by another officer")
            self.conflict.emit(exc)
            return False
        except Exception as exc:   # noqa: BLE001 - shown to the user, text stays in the editor
            self.state.setText("Not saved")
            from lsp_desktop.logbook import user_message

            self.save_failed.emit(user_message(exc))
            return False
        self._dirty = False
        self.state.setText("Saved")
        self.words.setText(f"{word_count(markdown):,} words")
        self.saved.emit(self._section_id, markdown)
        return True

    # -- formatting ------------------------------------------------------------
    def _merge(self, fmt: QTextCharFormat) -> None:
        # With a selection, it changes; without one, the format applies to what is typed next.
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        self.editor.mergeCurrentCharFormat(fmt)

    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.editor.fontWeight() < QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)
        self._sync_toolbar()

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.editor.fontItalic())
        self._merge(fmt)
        self._sync_toolbar()

    def set_heading(self, level: int) -> None:
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        block = QTextBlockFormat()
        block.setHeadingLevel(level)
        cursor.mergeBlockFormat(block)
        char = QTextCharFormat()
        sizes = {0: 0, 1: 3, 2: 2, 3: 1}
        char.setProperty(QTextCharFormat.Property.FontSizeAdjustment, sizes[level])
        char.setFontWeight(QFont.Weight.Bold if level else QFont.Weight.Normal)
        cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        cursor.mergeCharFormat(char)
        cursor.endEditBlock()
        self.editor.mergeCurrentCharFormat(char)
        self.editor.setFocus()

    def set_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.editor.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None and current.format().style() == style:
            # Same button again: back to plain paragraphs.
            for i in reversed(range(current.count())):
                block = current.item(i)
                current.remove(block)
                c = QTextCursor(block)
                fmt = c.blockFormat()
                fmt.setIndent(0)
                c.setBlockFormat(fmt)
        else:
            fmt = QTextListFormat()
            fmt.setStyle(style)
            cursor.createList(fmt)
        cursor.endEditBlock()
        self.editor.setFocus()

    def insert_link(self, text: str, url: str) -> None:
        cursor = self.editor.textCursor()
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setForeground(self.palette().link())
        fmt.setFontUnderline(True)
        cursor.insertText(text or url, fmt)
        self.editor.setCurrentCharFormat(QTextCharFormat())

    def ask_link(self) -> None:
        cursor = self.editor.textCursor()
        url = prompts.ask_text(self, "Link", "Address (https://…):")
        if url and url.strip():
            self.insert_link(cursor.selectedText() or url.strip(), url.strip())

    def _sync_toolbar(self) -> None:
        self.bold_action.setChecked(self.editor.fontWeight() >= QFont.Weight.Bold)
        self.italic_action.setChecked(self.editor.fontItalic())
        level = self.editor.textCursor().blockFormat().headingLevel()
        self.style_combo.setCurrentIndex(max(0, self.style_combo.findData(level)))
