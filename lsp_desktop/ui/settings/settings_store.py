"""Reads and writes the officer's preferences (AppSettings) with QSettings, for the window and app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from lsp_desktop.domain.errors import ValidationError
from lsp_desktop.domain.settings import AppSettings, PaperSize, validate_settings

_PREFIX = "preferences/"


class SettingsStore:
    """AppSettings in QSettings; a missing or unreadable value falls back to its default."""

    def __init__(self, qsettings: QSettings | None = None):
        self.qsettings = qsettings if qsettings is not None else QSettings()

    def load(self) -> AppSettings:
        default = AppSettings()
        value = self.qsettings.value

        def text(key: str, fallback: str) -> str:
            got = value(_PREFIX + key, fallback)
            return got if isinstance(got, str) else fallback

        try:
            paper = PaperSize(text("paper_size", default.paper_size.value))
        except ValueError:
            paper = default.paper_size
        try:
            backups = int(value(_PREFIX + "backups_kept", default.backups_kept))
        except (TypeError, ValueError):
            backups = default.backups_kept
        loaded = AppSettings(
            officer_name=text("officer_name", default.officer_name),
            officer_title=text("officer_title", default.officer_title),
            paper_size=paper,
            backups_kept=backups,
            export_folder=text("export_folder", default.export_folder),
        )
        try:
            return validate_settings(loaded)
        except ValidationError:
            return default

    def export_folder(self, db_path: Path) -> str:
        """Where export and print dialogs start: the setting if that folder exists, else the
        partnership file's folder."""
        folder = self.load().export_folder
        return folder if folder and Path(folder).is_dir() else str(Path(db_path).parent)

    def save(self, settings: AppSettings) -> AppSettings:
        """Validate and store; returns what was stored (raises ValidationError)."""
        settings = validate_settings(settings)
        self.qsettings.setValue(_PREFIX + "officer_name", settings.officer_name)
        self.qsettings.setValue(_PREFIX + "officer_title", settings.officer_title)
        self.qsettings.setValue(_PREFIX + "paper_size", settings.paper_size.value)
        self.qsettings.setValue(_PREFIX + "backups_kept", settings.backups_kept)
        self.qsettings.setValue(_PREFIX + "export_folder", settings.export_folder)
        self.qsettings.sync()
        return settings


# The backup code (db/backup.py, which ui/ must not import) reads how many backups to keep
# from this variable; the window passes the officer's setting through it.
ENV_BACKUPS_KEPT = "LSP_DESKTOP_BACKUPS_KEEP"
ENV_OFFICER = "LSP_DESKTOP_OFFICER"   # read by services.concurrency and db.audit


def apply_settings(settings: AppSettings) -> None:
    """Make the settings that act outside the window take effect in this process."""
    import os

    os.environ[ENV_BACKUPS_KEPT] = str(settings.backups_kept)
    # Saves record who made them (the version stamp a conflict message names).
    if settings.officer_name:
        os.environ[ENV_OFFICER] = settings.officer_name
    else:
        os.environ.pop(ENV_OFFICER, None)
