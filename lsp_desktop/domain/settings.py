"""The officer's preferences (name on sign-off pages, paper, backups, export folder) and their rules."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from lsp_desktop.domain.errors import FieldError, ValidationError

MIN_BACKUPS = 1
MAX_BACKUPS = 100
DEFAULT_BACKUPS = 10  # the same as lsp_desktop.db.backup.DEFAULT_KEEP


class PaperSize(Enum):
    """Paper the reports are laid out for; the values are the `print --paper` choices."""

    A4 = "a4"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return {"a4": "A4 (210 × 297 mm)", "letter": "US Letter (8.5 × 11 in)"}[self.value]


@dataclass(frozen=True)
class AppSettings:
    """Preferences of the person using this computer, kept across partnerships."""

    officer_name: str = ""
    officer_title: str = ""
    paper_size: PaperSize = PaperSize.A4
    backups_kept: int = DEFAULT_BACKUPS
    export_folder: str = ""


def validate_settings(settings: AppSettings) -> AppSettings:
    """Trimmed copy of `settings`; raises ValidationError naming each bad field."""
    errors = []
    if not MIN_BACKUPS <= settings.backups_kept <= MAX_BACKUPS:
        errors.append(FieldError("backups_kept",
                                 f"Keep between {MIN_BACKUPS} and {MAX_BACKUPS} backups."))
    if len(settings.officer_name.strip()) > 120:
        errors.append(FieldError("officer_name", "Use at most 120 characters."))
    if len(settings.officer_title.strip()) > 120:
        errors.append(FieldError("officer_title", "Use at most 120 characters."))
    if errors:
        raise ValidationError(errors)
    return AppSettings(
        officer_name=settings.officer_name.strip(),
        officer_title=settings.officer_title.strip(),
        paper_size=settings.paper_size,
        backups_kept=settings.backups_kept,
        export_folder=settings.export_folder.strip(),
    )
