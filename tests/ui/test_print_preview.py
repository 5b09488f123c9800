"""Print preview: renders in the background, shows pages, exports and prints the same PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from lsp_desktop.ui import prompts
from lsp_desktop.ui.reports.print_preview import PrintPreviewDialog
from tests.conftest import TODAY
from tests.pdftext import text


def _dialog(qtbot, services, report="register") -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(services, report, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog._thread is None,
                    timeout=15000)
    return dialog


def test_register_preview_shows_pages_and_exports(qtbot, demo_services, tmp_path, monkeypatch):
    dialog = _dialog(qtbot, demo_services)
    assert dialog.page_count() >= 2
    assert "page" in dialog.status.text()
    assert dialog.cached_page(0) is not None and not dialog.cached_page(0).isNull()
    out = tmp_path / "register.pdf"
    monkeypatch.setattr(prompts, "save_file", lambda *a: str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes() == dialog.pdf_bytes
    assert "Membership register" in text(out.read_bytes())


def test_public_tick_renders_again_without_unpublished_contacts(qtbot, demo_services):
    dialog = _dialog(qtbot, demo_services)
    assert "lucja.wrobel@example.org" in text(dialog.pdf_bytes)
    dialog.public_box.setChecked(True)
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog._thread is None,
                    timeout=15000)
    assert "lucja.wrobel@example.org" not in text(dialog.pdf_bytes)


def test_print_goes_through_the_print_dialog(qtbot, demo_services, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    dialog = _dialog(qtbot, demo_services)
    printed = tmp_path / "printed.pdf"

    def accept(parent, printer):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(72)
        return True

    monkeypatch.setattr(prompts, "ask_print", accept)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text() == "Sent to the printer.", timeout=15000)
    assert printed.exists() and printed.read_bytes().startswith(b"%PDF")
    from tests.pdftext import reader

    assert len(reader(printed.read_bytes()).pages) == dialog.page_count()


def test_cancelled_print_dialog_prints_nothing(qtbot, demo_services, monkeypatch):
    dialog = _dialog(qtbot, demo_services)
    monkeypatch.setattr(prompts, "ask_print", lambda parent, printer: False)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog._thread is None and dialog.print_button.isEnabled()


def test_main_window_print_action_opens_preview(qtbot, demo_services, demo_db):
    from lsp_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_services, Path(demo_db.path))
    qtbot.addWidget(window)
    window.print_action.trigger()
    dialog = window.preview_dialog
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog._thread is None,
                    timeout=15000)
    assert dialog.report == "register"
    dialog.reject()


def test_each_report_can_be_chosen(qtbot, demo_services):
    dialog = _dialog(qtbot, demo_services, "strategy")
    assert dialog.choice_box.count() == len(demo_services.strategies.summaries())
    assert "version" in dialog.status.text()
    for index, (key, _label) in enumerate(dialog_reports()):
        dialog.report_box.setCurrentIndex(index)
        qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog._thread is None,
                        timeout=20000)
        assert dialog.report == key and dialog.page_count() >= 1
    dialog.paper_box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog._thread is None,
                    timeout=20000)
    from tests.pdftext import reader

    assert round(reader(dialog.pdf_bytes).pages[0].mediabox.width) == 612


def dialog_reports():
    from lsp_desktop.ui.reports.print_preview import REPORT_CHOICES

    return REPORT_CHOICES


def test_register_on_an_earlier_date(qtbot, demo_services):
    from datetime import date

    dialog = _dialog(qtbot, demo_services)
    dialog.on_edit.set_value(date(2001, 5, 1))
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog._thread is None,
                    timeout=15000)
    assert "The board on 01/05/2001" in text(dialog.pdf_bytes)


def test_each_tab_prints_its_own_report(qtbot, demo_services, demo_db):
    from lsp_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_services, Path(demo_db.path))
    qtbot.addWidget(window)
    names = [window.tabs.name_at(i) for i in range(window.tabs.count())]
    assert names == list(MainWindow.TAB_REPORTS)
    for index, (report, title) in enumerate(MainWindow.TAB_REPORTS.values()):
        window.tabs.setCurrentIndex(index)
        assert title in window.print_button.toolTip()
        qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
        dialog = window.preview_dialog
        qtbot.waitUntil(lambda d=dialog: d.pdf_bytes is not None and d._thread is None,
                        timeout=20000)
        assert dialog.report == report
        dialog.reject()


def test_the_workers_page_counts_reach_the_window_in_its_own_thread(qtbot, demo_services,
                                                                   tmp_path, monkeypatch):
    # Rendering and printing run in a worker thread; what they report (page n, sent) is
    # shown by the window's thread: a widget touched from another thread can crash Qt.
    import threading

    from PySide6.QtPrintSupport import QPrinter

    dialog = _dialog(qtbot, demo_services)
    shown: list[tuple[str, bool]] = []
    set_text = dialog.status.setText

    def recording(text: str) -> None:
        shown.append((text, threading.current_thread() is threading.main_thread()))
        set_text(text)

    monkeypatch.setattr(dialog.status, "setText", recording)
    dialog.public_box.setChecked(True)              # renders again
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None and dialog._thread is None,
                    timeout=15000)

    def accept(parent, printer):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        printer.setResolution(72)
        return True

    monkeypatch.setattr(prompts, "ask_print", accept)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text() == "Sent to the printer.", timeout=15000)
    assert any(text.startswith("Rendering page") for text, _ in shown)
    assert any(text.startswith("Printing page") for text, _ in shown)
    assert [text for text, main in shown if not main] == []


def test_no_cyclic_collection_runs_in_the_worker(qtbot, demo_services, monkeypatch):
    # A collection in the worker thread could destroy the window's Qt objects there: the
    # collector is off while the worker renders, and on again once it is done.
    import gc

    from lsp_desktop.ui.reports import print_preview

    seen: list[bool] = []
    run = print_preview._Job.run

    def recording(job) -> None:
        seen.append(gc.isenabled())
        run(job)

    monkeypatch.setattr(print_preview._Job, "run", recording)
    assert gc.isenabled()
    dialog = _dialog(qtbot, demo_services)
    assert seen == [False]
    assert gc.isenabled()
    dialog.public_box.setChecked(True)
    dialog.reject()                                 # closed while it renders again
    assert gc.isenabled()
