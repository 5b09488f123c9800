"""Paragraph laid out once per width (a table measures each cell, then asks again to draw it)."""

from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph

from lsp_desktop.reports.fonts import ITALICS, register_italics


class Paragraph(_Paragraph):
    """ReportLab's Paragraph; asked again for the width it was last laid out at, and still
    holding that layout (a split drops it), it answers from it instead of breaking its
    lines again. Tables ask every cell when measuring rows and again when drawing: a
    third of a pack's layout time."""

    _wrapped: tuple | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # <i> in the markup: the italic faces are read now, before the layout needs them.
        if any(getattr(f, "fontName", None) in ITALICS for f in self.frags):
            register_italics()

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        last = self._wrapped
        if (last is not None and last[0] == availWidth
                and self.__dict__.get("blPara") is last[2]):
            self.width, self.height = availWidth, last[1][1]   # as wrap() leaves them
            return last[1]
        size = super().wrap(availWidth, availHeight)
        laid_out = self.__dict__.get("blPara")
        # Too narrow to lay out at all, ReportLab answers without laying out: not kept.
        kept = laid_out is not None and size[1] < 0x7fffffff
        self._wrapped = (availWidth, size, laid_out) if kept else None
        return size
