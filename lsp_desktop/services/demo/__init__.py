"""The demo partnership: a fictional board modelled on Southwark's 2002 LSP, for first run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lsp_desktop.db.claim import claim_for_writing
from lsp_desktop.db.database import create_partnership_file, open_partnership
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.safe_files import atomic_write
from lsp_desktop.services import build_services
from lsp_desktop.services.demo import accreditation as demo_accreditation
from lsp_desktop.services.demo import actions as demo_actions
from lsp_desktop.services.demo import meetings as demo_meetings
from lsp_desktop.services.demo import members as demo_members
from lsp_desktop.services.demo import programme as demo_programme
from lsp_desktop.services.demo import strategies as demo_strategies

# The date the demo's story stands at: every event lies between 1 April 2000 and
# 31 March 2004, and the window opens at this date. "Today" stays the real date.
STORY_DATE = date(2002, 6, 30)
PERIOD = (date(2000, 4, 1), date(2004, 3, 31))

# Each area adds its part of the demo here, in dependency order; each is handed the
# story's date (not the machine's clock) to place what it adds.
_POPULATE = (demo_members.populate, demo_strategies.populate, demo_actions.populate,
             demo_accreditation.populate, demo_meetings.populate, demo_programme.populate)


def write_demo(path: Path, *, force: bool = False, story: date = STORY_DATE) -> Path:
    """Write the demo partnership to `path`; refuse to overwrite unless `force`, and even
    then refuse a file another copy of the program has open (by any name).

    `story` is the date the story stands at (tests may set the story elsewhere)."""
    path = Path(path).expanduser().absolute()
    claim = None
    if path.exists():
        if not force:
            raise DomainError(f"{path} already exists; use --force to overwrite it.")
        claim = claim_for_writing(path)
    try:
        with atomic_write(path, replacing_partnership=claim is not None) as tmp:
            create_partnership_file(tmp)
            db = open_partnership(tmp)
            try:
                services = build_services(db.session_factory, db.path)
                services.audit.set_officer("Demo data")
                for populate in _POPULATE:
                    populate(services, story)
                with db.engine.connect() as con:
                    con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.close()
    finally:
        if claim is not None:
            claim.release()
    return path


def write_shared_demo(url: str, story: date = STORY_DATE) -> None:
    """Fill an empty server database with the demo partnership (refuses one in use)."""
    import tempfile

    from lsp_desktop.services.archive import ArchiveService, import_archive

    with tempfile.TemporaryDirectory(prefix="lsp-demo-") as folder:
        path = write_demo(Path(folder) / "demo.lspd", story=story)
        db = open_partnership(path)
        try:
            archive = ArchiveService(db.session_factory).write(Path(folder) / "demo.json",
                                                               with_attachments=True)
        finally:
            db.close()
        import_archive(archive, url)
