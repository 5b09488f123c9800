"""Whatever is typed and formatted in a section reads back the same from its Markdown."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument

from lsp_desktop.ui.strategies.markdown_text import set_markdown, to_markdown

_PIECES = st.sampled_from(["word", " ", "  ", "ŵ", "Llŷr", "<b>", "&", "&amp;", "_x_", "*",
                           "**", "#", "1.", "- ", "[a](b)", "\\", "`", "é", "—", "'", "~"])
_RUNS = st.lists(st.tuples(st.lists(_PIECES, min_size=1, max_size=4).map("".join),
                           st.booleans(), st.booleans()), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_RUNS)
def test_formatted_text_survives_markdown(qapp, runs):
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    for text, bold, italic in runs:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setFontItalic(italic)
        cursor.insertText(text, fmt)
    back = QTextDocument()
    set_markdown(back, to_markdown(doc))
    assert back.toPlainText().strip() == doc.toPlainText().strip()


def test_text_qt_writes_wrongly_is_kept(qapp):
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    for text in ("1.", "> quoted", "~strike~ `code`"):
        cursor.insertText(text)
        cursor.insertBlock()
    back = QTextDocument()
    set_markdown(back, to_markdown(doc))
    assert back.toPlainText().split("\n")[:3] == ["1.", "> quoted", "~strike~ `code`"]
