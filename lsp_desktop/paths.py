"""Where LSP Desktop keeps partnership files, backups and logs (platformdirs, overridable)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lsp_desktop import FILE_SUFFIX

ENV_DATA_DIR = "LSP_DESKTOP_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    """The folders the program writes to; tests point them into tmp_path."""

    data_dir: Path

    @property
    def default_db(self) -> Path:
        return self.data_dir / f"partnership{FILE_SUFFIX}"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.backup_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def default_paths() -> AppPaths:
    """The user's data folder, or $LSP_DESKTOP_DATA_DIR when set."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return AppPaths(Path(override))
    from platformdirs import user_data_path

    return AppPaths(user_data_path("lsp-desktop", appauthor=False))
