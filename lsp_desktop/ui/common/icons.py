"""The application icon, loaded from lsp_desktop/assets/icons with importlib.resources."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def application_icon() -> QIcon:
    """Every size rendered from resources/icons/lsp-desktop.svg, so Qt picks a sharp one.
    From files, each is read when Qt first shows that size (none before the first paint)."""
    icon = QIcon()
    folder = resources.files("lsp_desktop.assets").joinpath("icons")
    for size in ICON_SIZES:
        if isinstance(folder, Path):
            icon.addFile(str(folder / f"lsp-desktop-{size}.png"), QSize(size, size))
            continue
        pixmap = QPixmap()
        if pixmap.loadFromData(folder.joinpath(f"lsp-desktop-{size}.png").read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon
