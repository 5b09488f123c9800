"""Section text between Qt's rich-text document and the Markdown it is stored as,
written so that whatever was typed reads back exactly."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtGui import (
    QFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)

Feature = QTextDocument.MarkdownFeature
# GitHub Markdown, but angle brackets are always text: a body never carries HTML.
READ_FEATURES = Feature(Feature.MarkdownDialectGitHub.value | Feature.MarkdownNoHTML.value)
_ESCAPE_OR_UNDERSCORE = re.compile(r"\\.|_", re.DOTALL)
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_ORDERED = (QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
            QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
            QTextListFormat.Style.ListUpperRoman)


def set_markdown(document: QTextDocument, markdown: str) -> None:
    document.setMarkdown(markdown, READ_FEATURES)


def _is_emphasis(fmt: QTextCharFormat) -> bool:
    return fmt.fontItalic() or fmt.fontWeight() > QFont.Weight.Normal


def _emphasis_edges(document: QTextDocument) -> list[tuple[int, int]]:
    """Spaces at the edges of bold or italic runs, as (position, length)."""
    edges = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if _is_emphasis(fragment.charFormat()):
                text = fragment.text()
                lead = len(text) - len(text.lstrip())
                trail = len(text) - len(text.rstrip())
                if lead:
                    edges.append((fragment.position(), lead))
                if trail and trail < len(text):
                    edges.append((fragment.position() + len(text) - trail, trail))
            it += 1
        block = block.next()
    return edges


def _qt_markdown(document: QTextDocument) -> str:
    """Qt's own writer, with two of its flaws mended: a bold or italic run that begins
    or ends with a space comes out as `* text*` (read back with stray asterisks), so
    those spaces are made plain first, on a copy; and `_` is not escaped, so a typed
    `_word_` would come back italic."""
    edges = _emphasis_edges(document)
    if edges:
        document = document.clone()
        plain = QTextCharFormat()
        plain.setFontItalic(False)
        plain.setFontWeight(QFont.Weight.Normal)
        cursor = QTextCursor(document)
        for position, length in edges:
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(plain)
    md = document.toMarkdown(Feature.MarkdownDialectGitHub)
    if "_" in md:
        md = _ESCAPE_OR_UNDERSCORE.sub(lambda m: "\\_" if m.group(0) == "_" else m.group(0), md)
    return md


def _escape(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", text)


def _is_punct(ch: str) -> bool:
    """Punctuation as CommonMark's flanking rules see it (Unicode P and S classes)."""
    return bool(_PUNCTUATION.match(ch)) or unicodedata.category(ch)[0] in "PS"


def _punct_or_space(ch: str) -> bool:
    return not ch or ch.isspace() or _is_punct(ch)


def _inline(block) -> str:
    pieces = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        pieces.append((fragment.text().replace("\u2028", "\n").replace("\u2029", "\n"),
                       fragment.charFormat()))
    out = ""
    for i, (text, fmt) in enumerate(pieces):
        core = text.strip()
        if not core:
            out += text
            continue
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        escaped = _escape(core).replace("\n", "\\\n")
        if fmt.isAnchor() and fmt.anchorHref():
            href = fmt.anchorHref().replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            escaped = f"[{escaped}]({href})"
        before = (out + lead)[-1:]
        after = (trail or (pieces[i + 1][0][:1] if i + 1 < len(pieces) else ""))[:1]
        # CommonMark only sees `*` as emphasis where it "flanks" the text: a run starting
        # with punctuation right after a letter (or ending so before one) cannot be
        # marked, nor one glued to another marked run; such a run keeps its text only.
        markable = (core and before != "*"
                    and not (_is_punct(core[0]) and not _punct_or_space(before))
                    and not (_is_punct(core[-1]) and not _punct_or_space(after)))
        if markable and fmt.fontItalic():
            escaped = f"*{escaped}*"
        if markable and fmt.fontWeight() > QFont.Weight.Normal:
            escaped = f"**{escaped}**"
        out += lead + escaped + trail
    return out.strip()


def careful_markdown(document: QTextDocument) -> str:
    """A plainer writer for the texts Qt's writer gets wrong (a paragraph that is just
    `1.` or starts with `>`, a `~` beside emphasis...): every ASCII punctuation mark in
    the text is escaped, so nothing typed can turn into markup."""
    out = ""
    previous_list = None
    block = document.begin()
    while block.isValid():
        text = _inline(block)
        text_list = block.textList()
        if text_list is not None:
            fmt = text_list.format()
            indent = "    " * max(0, fmt.indent() - 1)
            marker = (f"{text_list.itemNumber(block) + 1}. " if fmt.style() in _ORDERED
                      else "- ")
            line = f"{indent}{marker}{text}"
        elif text:
            level = block.blockFormat().headingLevel()
            line = ("#" * level + " " if level else "") + text
        else:
            line = None                  # an empty paragraph cannot be written
        if line is not None:
            same_list = text_list is not None and text_list == previous_list
            out += ("\n" if same_list else "\n\n" if out else "") + line
            previous_list = text_list
        block = block.next()
    return out + "\n"


def _text_lines(document: QTextDocument) -> list[str]:
    return [line.strip() for line in document.toPlainText().splitlines() if line.strip()]


def to_markdown(document: QTextDocument) -> str:
    """The document as Markdown that reads back to the same text: Qt's writer, checked
    by reading its output back, else the careful writer."""
    md = _qt_markdown(document)
    back = QTextDocument()
    set_markdown(back, md)
    want = _text_lines(document)
    if _text_lines(back) == want:
        return md
    return careful_markdown(document)


def markdown_to_plain(markdown: str) -> str:
    doc = QTextDocument()
    set_markdown(doc, markdown)
    return doc.toPlainText()
