"""Renders the application icon SVG into PNG sizes, a Windows .ico and a macOS .icns (build step).

Usage: python packaging/make_icons.py OUT_DIR [--assets]
With --assets it also refreshes the runtime PNGs in lsp_desktop/assets/icons/ (commit them).
Uses Qt's SVG renderer from PySide6, so the build needs nothing beyond the bundle's own deps.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "lsp-desktop.svg"
ASSETS = ROOT / "lsp_desktop" / "assets" / "icons"
NAME = "lsp-desktop"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ASSET_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render_png(size: int, source: Path = SOURCE) -> bytes:
    """The SVG drawn at size x size pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["make_icons"])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {source}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A .ico holding PNG images (supported since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A .icns holding PNG elements (macOS 10.7 and later)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for size, kind in ICNS_TYPES.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_if_changed(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def build(out_dir: Path, assets: bool = False) -> None:
    pngs = {size: render_png(size) for size in PNG_SIZES}
    for size, data in pngs.items():
        write_if_changed(out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png", data)
    write_if_changed(out_dir / "hicolor" / "scalable" / "apps" / f"{NAME}.svg",
                     SOURCE.read_bytes())
    write_if_changed(out_dir / f"{NAME}.ico", ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    write_if_changed(out_dir / f"{NAME}.icns", icns_bytes(pngs))
    if assets:
        for size in ASSET_SIZES:
            write_if_changed(ASSETS / f"{NAME}-{size}.png", pngs[size])


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    build(Path(argv[0]), assets="--assets" in argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
