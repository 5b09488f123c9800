"""`print pack` reads in plain SQL: a file's loads no SQLAlchemy, and prints what the ORM gave."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lsp_desktop.app import main
from lsp_desktop.db.database import open_partnership
from lsp_desktop.reports.pack import render_pack
from lsp_desktop.services import build_services
from tests.pdftext import pages_text
from tests.unit.test_pack_reads import _orm_pack

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.sqlite_only("a server is read through SQLAlchemy")
def test_the_pack_of_a_file_loads_no_sqlalchemy(demo_location, tmp_path):
    out = tmp_path / "pack.pdf"
    code = ("import sys; from lsp_desktop.app import main; "
            f"rc = main(['print', 'pack', '--db', {demo_location!r}, '--out', {str(out)!r}, "
            "'--date', '2002-06-30', '--officer', 'Ann Jones, Lead officer']); "
            "assert not [m for m in sys.modules if m.startswith('sqlalchemy')], "
            "'SQLAlchemy imported'; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_the_demo_pack_prints_the_pages_the_orm_services_gave(demo_location, tmp_path):
    """Every page's text is the one of the pack gathered through the ORM services (as the
    print was made before it read in plain SQL), on both engines and at two dates."""
    for on, name in ((date(2002, 6, 30), ""), (date(2003, 1, 15), "2001/02")):
        out = tmp_path / f"pack-{on}.pdf"
        args = ["print", "pack", "--db", demo_location, "--out", str(out), "--date",
                on.isoformat(), "--officer", "Ann Jones, Lead officer"]
        assert main(args + (["--round", name] if name else [])) == 0
        database = open_partnership(demo_location, tmp_path / "backups")
        try:
            services = build_services(database.session_factory, database.path,
                                      tmp_path / "backups", shared=database.shared)
            want = _orm_pack(services, name, on)
        finally:
            database.close()
        buffer = io.BytesIO()
        render_pack(want, buffer, on, "a4", None)
        printed = pages_text(out.read_bytes())
        assert printed == pages_text(buffer.getvalue())
        assert len(printed) >= 18 and "Annex A: readiness signals" in "".join(printed)
        assert want.round.name in " ".join(printed[0].split())      # the cover names it


def test_a_pack_without_the_annex_prints_as_before(demo_db, tmp_path):
    """--no-annex: the signals are not worked out, and the pages are the ORM pack's."""
    from dataclasses import replace

    from lsp_desktop.services import printing, services_of
    from lsp_desktop.services.pack_reads import pack_data

    on = date(2002, 6, 30)
    with printing.reads(services_of(demo_db)) as r:
        plain = pack_data(r, "", on, annex=False)
    services = build_services(demo_db.session_factory, demo_db.path, tmp_path / "backups",
                              shared=demo_db.shared)
    want = replace(_orm_pack(services, "", on), lead_officer="", annex=False)
    assert plain.readiness == () and want.readiness
    assert replace(plain, readiness=want.readiness) == want
    pages = []
    for data in (plain, want):
        buffer = io.BytesIO()
        render_pack(data, buffer, on, "a4", None)
        pages.append(pages_text(buffer.getvalue()))
    assert pages[0] == pages[1]
    assert "Annex A" not in "".join(pages[0])
