"""Start-up does only what the first paint needs: two light services, an icon read later."""

from __future__ import annotations

from PySide6.QtCore import QSize

from lsp_desktop.services import _LATER
from lsp_desktop.ui.common.icons import ICON_SIZES, application_icon


def _made(services) -> set[str]:
    return {k[1:] for k, v in vars(services).items() if k.startswith("_") and v is not _LATER}


def test_the_first_paint_makes_only_the_services_it_shows(window, demo_services):
    # The Members tab's rows and the partnership's details, in plain SQL; the members and
    # audit services (the ORM) are made when first used.
    assert _made(demo_services) <= {"register_rows", "partnership"}
    assert window.members_tab.model.rowCount() > 0
    window.members_tab.service.count()
    assert "members" in _made(demo_services)
    assert demo_services.meetings.attended_by is not None     # made when first wanted
    assert "meetings" in _made(demo_services)
    assert "Meetings" in [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_the_application_icon_has_every_size(qapp):
    icon = application_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(ICON_SIZES)
    for size in ICON_SIZES:
        assert not icon.pixmap(QSize(size, size)).isNull()


class _Counting:
    """The register's reads, counted."""

    def __init__(self, rows):
        self._rows, self.calls = rows, []

    def count(self):
        return self._rows.count()

    def window_rows(self, on):
        self.calls.append(on)
        return self._rows.window_rows(on)

    def first_page(self, on, limit):
        self.calls.append(on)
        return self._rows.first_page(on, limit)


def test_the_members_tab_reads_its_rows_once_on_the_opening_date(qtbot, demo_db):
    from lsp_desktop.services import Services, services_of
    from lsp_desktop.ui.main_window import MainWindow

    light = services_of(demo_db)
    opens_on = light.partnership.get().opens_on
    assert opens_on is not None                 # the demo's story stands on its own date
    rows = _Counting(light.register_rows)
    services = Services(light.session_factory, demo_db.path, reads=light.reads,
                        register_rows=rows)
    window = MainWindow(services, demo_db.path)
    qtbot.addWidget(window)
    assert rows.calls == [opens_on]
    assert window.members_tab.as_on() == opens_on == window.as_at.date()
    assert window.members_tab.model.rowCount() > 0
