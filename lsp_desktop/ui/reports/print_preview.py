"""Print preview: a report rendered in a worker thread, its pages shown, printed or exported."""

from __future__ import annotations

import gc
from collections import OrderedDict
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lsp_desktop.domain.errors import DomainError
from lsp_desktop.ui import prompts
from lsp_desktop.ui.common.date_field import DateEdit

REPORT_CHOICES = (
    ("register", "Membership register"),
    ("actions", "Action plan"),
    ("strategy", "Strategy draft"),
    ("pack", "Accreditation submission pack"),
    ("interests", "Register of interests"),
    ("board-pack", "Board pack"),
    ("minutes", "Minutes of a meeting"),
    ("decisions", "Decisions log"),
    ("attendance", "Attendance record"),
    ("programme", "Programme return"),
    ("exceptions", "Exception report"),
)
# Reports with a public version (unpublished contacts or confidential items left out).
_PUBLIC = ("register", "board-pack", "minutes", "decisions")
PREVIEW_DPI = 80
PRINT_DPI = 300
_CACHE_PAGES = 12


def page_image(pdf, index: int, dpi: float) -> QImage:
    """One page of an open pypdfium2 document as a QImage."""
    page = pdf[index]
    try:
        bitmap = page.render(scale=dpi / 72, rev_byteorder=True, may_draw_forms=False)
        return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                      QImage.Format.Format_RGB888).copy()
    finally:
        page.close()


class _Job(QObject):
    """Runs in the worker thread: ReportLab render (no database) or painting to a printer."""

    progress = Signal(int)
    rendered = Signal(bytes)
    printed = Signal()
    failed = Signal(str)

    def __init__(self, prepared=None, pdf_bytes: bytes | None = None, printer=None):
        super().__init__()
        self.prepared, self.pdf_bytes, self.printer = prepared, pdf_bytes, printer

    @Slot()
    def run(self) -> None:
        try:
            if self.printer is None:
                self.rendered.emit(self.prepared.render_bytes(self.progress.emit))
            else:
                self._print()
                self.printed.emit()
        except Exception as exc:  # noqa: BLE001 - shown to the user, never lost
            from lsp_desktop.logbook import user_message

            self.failed.emit(user_message(exc) or exc.__class__.__name__)

    def _print(self) -> None:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(self.pdf_bytes)
        painter = QPainter()
        try:
            if not painter.begin(self.printer):
                raise DomainError("The printer could not be opened.")
            dpi = min(self.printer.resolution(), PRINT_DPI)
            for index in range(len(pdf)):
                if index:
                    self.printer.newPage()
                image = page_image(pdf, index, dpi)
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
                self.progress.emit(index + 1)
        finally:
            if painter.isActive():
                painter.end()
            pdf.close()


class _PageView(QWidget):
    """One page at preview size; rasterised only when it is painted, a few kept."""

    def __init__(self, preview: PrintPreviewDialog, index: int, size: QSize, parent: QWidget):
        super().__init__(parent)
        self.preview, self.index, self._size = preview, index, size
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return self._size

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        image = self.preview.cached_page(self.index)
        if image is not None:
            painter.drawImage(QRectF(self.rect()), image)
        painter.setPen(Qt.GlobalColor.gray)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


class PrintPreviewDialog(QDialog):
    """Choose a report, see its pages, print them or export the PDF."""

    def __init__(self, services, report: str = "register", parent=None,
                 today: date | None = None, paper: str = "a4", lead_officer: str = "",
                 export_folder: str = "", options: dict | None = None):
        super().__init__(parent)
        # What the tab that asked shows (its date and filters): printed as shown.
        self.options = dict(options or {})
        self.options_report = report
        self.lead_officer = lead_officer
        self.export_folder = export_folder
        self.search_text = ""           # decisions log: only the decisions matching
        self.setWindowTitle("Print preview")
        self.services = services
        self.today = today or date.today()
        self.pdf_bytes: bytes | None = None
        self.prepared = None
        self._pdf = None
        self._cache: OrderedDict[int, QImage] = OrderedDict()
        self._thread: QThread | None = None
        self._job: _Job | None = None
        self._busy_printing = False
        self._doing = "Rendering"          # what the worker reports pages of
        self._collector_was: bool | None = None   # gc.isenabled() before a worker ran
        self._pending = False
        self._printer = None
        self._build()
        self.paper_box.setCurrentIndex(1 if paper == "letter" else 0)
        self.history_box.setChecked(bool(self.options.get("history")))
        index = next((i for i, (key, _l) in enumerate(REPORT_CHOICES) if key == report), 0)
        self.report_box.setCurrentIndex(index)
        self._options_changed()
        self.resize(900, 820)

    # -- layout ------------------------------------------------------------
    def _build(self) -> None:
        self.report_box = QComboBox()
        for _key, label in REPORT_CHOICES:
            self.report_box.addItem(label)
        self.paper_box = QComboBox()
        self.paper_box.addItems(["A4", "Letter"])
        self.on_label = QLabel("On:")
        self.on_edit = DateEdit(self.options.get("on") or self.today)
        self.on_edit.setToolTip("The date the report is computed at")
        self.annex_box = QCheckBox("Readiness annex")
        self.annex_box.setChecked(True)
        self.annex_box.setToolTip("Include Annex A, the readiness signals, in the pack")
        self.public_box = QCheckBox("Public version")
        self.history_box = QCheckBox("Former members")
        self.choice_box = QComboBox()       # the strategy or the round
        self.version_box = QSpinBox()
        self.version_box.setRange(0, 999)
        self.version_box.setSpecialValueText("latest")
        self.version_box.setPrefix("version ")
        # Named for screen readers: the keyboard lands on the report choice first.
        for widget, name in ((self.report_box, "Report"), (self.paper_box, "Paper"),
                             (self.choice_box, "Strategy, round, meeting or year"),
                             (self.version_box, "Version"), (self.on_edit, "Board as on")):
            widget.setAccessibleName(name)
        self.refresh_button = QPushButton("&Refresh")
        self.print_button = QPushButton("&Print…")
        self.export_button = QPushButton("&Export PDF…")
        self.close_button = QPushButton("Close")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.setSpacing(14)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setStyleSheet("QScrollArea { background: #8a8f96; }")
        self.pages.setStyleSheet("background: #8a8f96;")

        top = QHBoxLayout()
        for w in (QLabel("Report:"), self.report_box, self.choice_box, self.version_box,
                  self.on_label, self.on_edit, self.public_box, self.history_box,
                  self.annex_box, QLabel("Paper:"), self.paper_box):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status, 1)
        for b in (self.print_button, self.export_button, self.close_button):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)

        self.report_box.currentIndexChanged.connect(self._options_changed)
        for signal in (self.paper_box.currentIndexChanged, self.public_box.toggled,
                       self.on_edit.dateChanged,
                       self.history_box.toggled, self.annex_box.toggled,
                       self.choice_box.currentIndexChanged,
                       self.version_box.valueChanged):
            signal.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(self.print_report)
        self.export_button.clicked.connect(self.export_pdf)
        self.close_button.clicked.connect(self.reject)

    def show_programme(self, year: str, on) -> None:
        """Preview the programme return for `year` as on `on` (the Programme tab's)."""
        index = self.choice_box.findData(year)
        if index >= 0:
            self.choice_box.setCurrentIndex(index)
        self.on_edit.set_value(on)

    @property
    def report(self) -> str:
        return REPORT_CHOICES[self.report_box.currentIndex()][0]

    def _options_changed(self) -> None:
        report = self.report
        self.public_box.setVisible(report in _PUBLIC)
        dated = report not in ("strategy", "board-pack", "minutes", "decisions", "attendance")
        self.on_label.setVisible(dated)
        self.on_edit.setVisible(dated)
        self.history_box.setVisible(report == "register")
        self.annex_box.setVisible(report == "pack")
        self.version_box.setVisible(report == "strategy")
        self.choice_box.blockSignals(True)
        self.choice_box.clear()
        for label, value in self._choices(report):
            self.choice_box.addItem(label, value)
        if report == self.options_report and self.options.get("choice"):
            # The strategy or round the tab shows.
            self.choice_box.setCurrentIndex(
                max(0, self.choice_box.findData(self.options["choice"])))
        self.choice_box.blockSignals(False)
        self.choice_box.setVisible(self.choice_box.count() > 0)
        self.refresh()

    def _choices(self, report: str) -> list[tuple[str, str]]:
        from lsp_desktop.services.printing import report_choices

        try:
            return report_choices(self.services, report)
        except DomainError:
            return []

    # -- rendering -----------------------------------------------------------
    def request(self):
        from lsp_desktop.services.printing import PrintRequest

        choice = self.choice_box.currentData() or ""
        shown = ({k: v for k, v in self.options.items() if k in ("action_filter", "group_by",
                                                                  "sector")}
                 if self.report == self.options_report else {})
        return PrintRequest(
            report=self.report, produced=self.today,
            paper="letter" if self.paper_box.currentIndex() == 1 else "a4",
            on=self.on_edit.value() if self.report != "strategy" else None,
            public=self.public_box.isChecked(), history=self.history_box.isChecked(),
            round_name=choice if self.report == "pack" else "",
            strategy=choice if self.report == "strategy" else "",
            version=self.version_box.value() or None, lead_officer=self.lead_officer,
            meeting=int(choice) if self.report in ("board-pack", "minutes") and choice
            else None, year=choice if self.report in ("attendance", "programme") else "",
            search=self.search_text if self.report == "decisions" else "",
            annex=self.annex_box.isChecked(), **shown)

    def choose(self, value: str) -> None:
        """Show the report for this strategy, round, meeting or year (for the decisions
        log: only the decisions matching these words)."""
        if self.report == "decisions":
            self.search_text = value
            self.refresh()
            return
        index = self.choice_box.findData(value)
        if index >= 0:
            self.choice_box.setCurrentIndex(index)

    def refresh(self) -> None:
        """Gather the data here (quick), render it in the worker thread (slow)."""
        from lsp_desktop.services.printing import prepare

        if self._thread is not None:
            self._pending = True
            return
        self._pending = False
        self.pdf_bytes = None
        self._set_busy(True, "Preparing…")
        try:
            self.prepared = prepare(self.services, self.request())
        except DomainError as exc:
            self._show_pages(None)
            self._set_busy(False, str(exc))
            return
        job = _Job(prepared=self.prepared)
        job.rendered.connect(self._rendered)
        self._doing = "Rendering"
        job.progress.connect(self._page_done)
        self._start(job)

    def _start(self, job: _Job) -> None:
        # No cyclic collection while the worker runs: one triggered by the worker's
        # allocations would run in its thread and could destroy Qt objects that belong to
        # this one (a crash). What is garbage now is collected here first; the collector
        # is back on when the worker is done (_thread_done, or the dialog closing).
        gc.collect()
        if self._collector_was is None:
            self._collector_was = gc.isenabled()
        gc.disable()
        job.failed.connect(self._failed)
        thread = QThread(self)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        for signal in (job.rendered, job.printed, job.failed):
            signal.connect(thread.quit)
        thread.finished.connect(self._thread_done)
        self._thread, self._job = thread, job
        thread.start()

    # The job's signals come from its worker thread: slots of this dialog (not lambdas,
    # which Qt would call in that thread), so the widgets are touched in the window's thread.
    @Slot(int)
    def _page_done(self, n: int) -> None:
        self.status.setText(f"{self._doing} page {n}…")

    @Slot()
    def _sent(self) -> None:
        self._set_busy(False, "Sent to the printer.")

    def _collector_back(self) -> None:
        if self._collector_was:
            gc.enable()
        self._collector_was = None

    def _thread_done(self) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        self._thread = self._job = None
        self._collector_back()
        self._busy_printing = False
        if getattr(self, "_pending", False):
            self.refresh()

    def _rendered(self, data: bytes) -> None:
        self.pdf_bytes = data
        self._show_pages(data)
        count = len(self._pdf) if self._pdf is not None else 0
        self._set_busy(False, f"{self.prepared.title} · {count} page{'s' if count != 1 else ''}")

    def _failed(self, message: str) -> None:
        self._set_busy(False, message)
        prompts.error(self, "Print preview", message)

    def _set_busy(self, busy: bool, text: str) -> None:
        self.progress.setVisible(busy)
        self.status.setText(text)
        ready = not busy and self.pdf_bytes is not None
        self.print_button.setEnabled(ready)
        self.export_button.setEnabled(ready)

    def _show_pages(self, data: bytes | None) -> None:
        while self.pages_layout.count():
            widget = self.pages_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self._cache.clear()
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
        if data is None:
            return
        import pypdfium2 as pdfium

        self._pdf = pdfium.PdfDocument(data)
        for index in range(len(self._pdf)):
            width, height = self._pdf.get_page_size(index)
            size = QSize(round(width * PREVIEW_DPI / 72), round(height * PREVIEW_DPI / 72))
            self.pages_layout.addWidget(_PageView(self, index, size, self.pages))

    def cached_page(self, index: int) -> QImage | None:
        """The page image, rasterised on first sight; none while the printer uses pdfium."""
        image = self._cache.get(index)
        if image is not None:
            self._cache.move_to_end(index)
            return image
        if self._pdf is None or self._busy_printing:
            return None
        image = page_image(self._pdf, index, PREVIEW_DPI * self.devicePixelRatioF())
        self._cache[index] = image
        while len(self._cache) > _CACHE_PAGES:
            self._cache.popitem(last=False)
        return image

    def page_count(self) -> int:
        return len(self._pdf) if self._pdf is not None else 0

    # -- output --------------------------------------------------------------
    def suggested_name(self) -> str:
        names = {"register": "membership-register", "actions": "action-plan",
                 "strategy": "strategy-draft", "pack": "accreditation-pack"}
        name = f"{names[self.report]}-{self.today.isoformat()}.pdf"
        return str(Path(self.export_folder) / name) if self.export_folder else name

    def export_pdf(self) -> None:
        from lsp_desktop.services.printing import write_atomically

        if self.pdf_bytes is None:
            return
        path = prompts.save_file(self, "Export PDF", self.suggested_name(),
                                 "PDF files (*.pdf);;All files (*)")
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            written = write_atomically(self.pdf_bytes, path)
        except OSError as exc:
            prompts.error(self, "Export PDF", f"Cannot write {path}: {exc.strerror or exc}")
            return
        self.status.setText(f"Saved {written}")

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QPrinter

        if self.pdf_bytes is None or self._thread is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.prepared.title)
        printer.setFullPage(True)
        if not prompts.ask_print(self, printer):
            return
        self._busy_printing = True
        self._set_busy(True, "Sending to the printer…")
        job = _Job(pdf_bytes=self.pdf_bytes, printer=printer)
        self._printer = printer
        self._doing = "Printing"
        job.printed.connect(self._sent)
        job.progress.connect(self._page_done)
        self._start(job)

    def done(self, result: int) -> None:
        if self._thread is not None:
            self._pending = False
            self._thread.quit()
            self._thread.wait()
        self._collector_back()
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
        super().done(result)
