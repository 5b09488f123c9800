"""Reading PDFs back in tests: text per page, fonts, images, links."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(data).pages]


def text(data: bytes) -> str:
    """All text, whitespace collapsed so wrapped cells read as one line."""
    return re.sub(r"\s+", " ", "\n".join(pages_text(data)))


def fonts(data: bytes) -> dict[str, bool]:
    """Base font name -> whether the font program is embedded."""
    found: dict[str, bool] = {}
    for page in reader(data).pages:
        res = page.get("/Resources") or {}
        for ref in (res.get("/Font") or {}).values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"]).split("+")[-1]] = embedded
    return found


def has_image(data: bytes) -> bool:
    """Any image XObject in the file (ReportLab writes no object streams)."""
    return re.search(rb"/Subtype\s*/Image", data) is not None


def has_link(data: bytes) -> bool:
    return re.search(rb"/URI|/Subtype\s*/Link", data) is not None
