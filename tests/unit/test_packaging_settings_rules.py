"""The officer's settings: defaults, trimming and the limits the Settings dialog enforces."""

from __future__ import annotations

import pytest

from lsp_desktop.db.backup import DEFAULT_KEEP
from lsp_desktop.domain.errors import ValidationError
from lsp_desktop.domain.settings import AppSettings, PaperSize, validate_settings


def test_defaults_match_the_backup_code_and_british_paper():
    settings = AppSettings()
    assert settings.backups_kept == DEFAULT_KEEP
    assert settings.paper_size is PaperSize.A4
    assert settings.officer_name == settings.officer_title == settings.export_folder == ""


def test_text_is_trimmed():
    cleaned = validate_settings(AppSettings(officer_name="  Priya Shah ",
                                            officer_title=" LSP Co-ordinator\t",
                                            export_folder=" /tmp/out "))
    assert (cleaned.officer_name, cleaned.officer_title, cleaned.export_folder) == (
        "Priya Shah", "LSP Co-ordinator", "/tmp/out")


@pytest.mark.parametrize("kept", [0, -1, 101])
def test_backups_kept_out_of_range_is_refused(kept):
    with pytest.raises(ValidationError) as caught:
        validate_settings(AppSettings(backups_kept=kept))
    assert [e.field for e in caught.value.errors] == ["backups_kept"]


def test_paper_sizes_are_the_print_command_choices():
    assert [p.value for p in PaperSize] == ["a4", "letter"]
