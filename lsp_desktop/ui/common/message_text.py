"""Text for message boxes that may hold user text: escaped rich text, so a title such
as `A <b> & Co` shows as typed (message boxes guess the format from the text)."""

from __future__ import annotations

from html import escape


def message(text: str) -> str:
    return "<p>" + escape(text, quote=False).replace("\n", "<br>") + "</p>"
