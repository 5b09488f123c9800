"""Working on a local copy of a partnership kept in a synced or network folder, saved back."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lsp_desktop.db.backup import copy_database
from lsp_desktop.db.claim import Claim, claim_for_writing

log = logging.getLogger(__name__)


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


@dataclass
class LocalCopy:
    """The original stays claimed (no other copy of the program on this computer opens
    it) while the officer works on `local`; save_back() puts the work back."""

    original: Path
    local: Path
    claim: Claim
    stamp: tuple[int, int]

    @classmethod
    def make(cls, original: Path, folder: Path) -> LocalCopy:
        original = Path(original).expanduser().absolute()
        claim = claim_for_writing(original)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            key = hashlib.sha1(str(original).encode()).hexdigest()[:8]
            local = folder / f"{original.stem}-{key}{original.suffix}"
            if local.exists():      # an earlier session's copy: kept, never overwritten
                aside = local.with_name(f"{local.stem}-{datetime.now():%Y%m%d-%H%M%S}"
                                        f"{local.suffix}")
                local.rename(aside)
                log.info("kept an earlier local copy of %s as %s", original, aside)
            copy_database(original, local)
        except BaseException:
            claim.release()
            raise
        log.info("working on a local copy of %s at %s", original, local)
        return cls(original, local, claim, _stamp(original))

    def save_back(self) -> Path:
        """Copy the work over the original; if the original changed meanwhile (the sync
        brought another computer's changes), save it beside it instead and say where."""
        if not self.original.exists() or _stamp(self.original) != self.stamp:
            dest = self.original.with_name(
                f"{self.original.stem} (saved {datetime.now():%Y-%m-%d %H%M}){self.original.suffix}")
            copy_database(self.local, dest)
            log.warning("%s changed while a local copy was worked on; saved beside it as %s",
                        self.original, dest)
            return dest
        copy_database(self.local, self.original, replacing_partnership=True)
        self.stamp = _stamp(self.original)
        log.info("saved the local copy %s back to %s", self.local, self.original)
        return self.original

    def release(self) -> None:
        self.claim.release()
