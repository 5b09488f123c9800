"""The Programme tab's rules without Qt: the years offered, what the buttons allow, and the
summary, underspend warning and NRF held-back lines."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from types import SimpleNamespace

from lsp_desktop.domain.programme import Fund
from lsp_desktop.ui.programme.programme_controller import ProgrammeController, ProgrammeLines


def test_the_controller_loads_without_qt():
    code = ("import sys, lsp_desktop.ui.programme.programme_controller; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_read_only_allows_no_change_and_export_needs_an_exporter():
    b = ProgrammeController().buttons()
    assert b.new and b.delete and b.allocation and b.fund and b.export
    locked = ProgrammeController(read_only=True, can_export=False).buttons()
    assert not (locked.new or locked.delete or locked.allocation or locked.fund or locked.export)


def test_the_year_shown_is_the_chosen_one_else_today_s_else_the_latest():
    on = date(2002, 6, 30)                                       # in 2002/03
    years = ProgrammeController.years
    assert years(["2001/02", "2002/03"], "", on) == (["2001/02", "2002/03"], "2002/03")
    assert years(["2000/01", "2001/02"], "", on) == (["2000/01", "2001/02"], "2001/02")
    assert years([], "", on) == (["2002/03"], "2002/03")
    assert years(["2001/02"], "2004/05", on) == (["2001/02", "2004/05"], "2004/05")  # typed


def _view(held_back=0, warning=""):
    return SimpleNamespace(
        allocation=1_200_000, unallocated=50_000, total=SimpleNamespace(
            budget=1_000_000, total_committed=900_000), spent_to_date=250_000,
        profile_to_date=300_000, forecast_underspend=40_000, financial_year="2002/03",
        held_back=held_back, available=1_200_000 - held_back,
        underspend_warning=lambda: warning)


def test_the_summary_names_the_money_in_pounds_and_the_year_end():
    lines = ProgrammeController.lines(_view())
    assert lines == ProgrammeLines(
        "Allocation £1,200,000; not yet allocated to themes £50,000; budgeted to projects "
        "£1,000,000; committed £900,000; spent to date £250,000 against a profile of "
        "£300,000; forecast underspend £40,000 by 31/03/2003.", "", "")


def test_the_warning_and_the_nrf_held_back_are_shown_only_when_there_is_one():
    lines = ProgrammeController.lines(_view(held_back=300_000, warning="Underspend!"))
    assert lines.warning == "Underspend!"
    assert lines.held == ("Accreditation is deferred: £300,000 of this year's NRF is held "
                          "back until a successful review; £900,000 is available.")
    assert ProgrammeController.failed("No such year") == ProgrammeLines("No such year")


def test_labels_and_the_export_file_name():
    assert ProgrammeController.fund_label(Fund("Neighbourhood Renewal Fund", "NRF")) == (
        "Neighbourhood Renewal Fund (NRF)")
    assert ProgrammeController.export_file("2002/03") == "programme-2002-03.xlsx"
