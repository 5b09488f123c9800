"""The partnership file as a whole: saving a copy elsewhere."""

from __future__ import annotations

from pathlib import Path

from lsp_desktop.db.backup import copy_database
from lsp_desktop.domain.errors import DomainError

SHARED_NO_COPY = ("A shared partnership is held on a server, not in a file, so it cannot be "
                  "saved as a copy; use File ▸ Export whole partnership… (an archive), which "
                  "can be imported into a new file.")


class FilesService:
    def __init__(self, db_path: Path, backup_dir: Path | None = None, shared: bool = False):
        self.db_path = Path(db_path)
        self.backup_dir = backup_dir
        self.shared = shared

    def save_copy(self, dest: Path | str) -> Path:
        if self.shared:
            raise DomainError(SHARED_NO_COPY)
        return copy_database(self.db_path, Path(dest))
