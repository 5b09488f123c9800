"""A file's members import by sqlite3 (no SQLAlchemy) writes what the engine path writes:
the same members, terms, search keys and audit lines; all or nothing; conflicts refused."""

from __future__ import annotations

import re
import shutil
import sqlite3
import sys
from datetime import date, datetime

import pytest

from lsp_desktop.db.audit import _label as audit_label
from lsp_desktop.db.database import open_partnership
from lsp_desktop.domain.exchange import ImportConflict
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.services import member_import_file, services_of
from lsp_desktop.services.concurrency import OFFICER_ENV
from lsp_desktop.services.exchange import ExchangeService

HEADER = ("name,title,organisation,sector,category,role,email,phone,address,start_date,"
          "end_date,publish_contact,reason_left,notes,nominating_body\n")
LONG = "Bartholomew " * 9 + "Featherstonehaugh-Cholmondeley"       # label cut at 120
ROWS = (
    "Cllr Margaret O'Neill,,Thameside Council,public,Councillor,chair,mo@example.org,"
    "020 7946 0001,,01/04/2001,,yes,,chairs the board,\n"
    "Llŷr Davies,Mr,Bankside Residents' Forum,community,,member,,,\"1 High St\nThameside\","
    "01/04/2001,31/03/2002,no,moved away,,\n"
    "Llŷr Davies,Mr,Bankside Residents' Forum,community,,member,,,,2003-04-01,,no,,,\n"
    "Łucja Wróbel,Dr,Polish Centre,voluntary,,observer,lw@example.org,,,"
    "1/4/2001,2002-03-31,yes,,,Thameside CVS\n"
    "Maria de la Cruz,,Riverside HA,,Housing associations,member,,,,01/04/2001,,,,,\n"
    "Rhodri ap Siôn,Revd,Faith Forum,voluntary,,vice-chair,,,,01/04/2001,,Y,,,\n"
    f"{LONG},Rt Hon,Long Name Trust,private,,member,,,,01/04/2001,,,,,\n"
    "A <b> & Co,,Tags & Sons,private,,member,,,,01/04/2001,,,,,\n"
    "Ann Existing,,Old Body,public,,member,,,,01/04/2001,,,,,\n"
    + "".join(f"Member Łucja {i},Ms,Body {i % 7},{('public', 'private', 'voluntary')[i % 3]},,"
              f"member,m{i}@example.org,,,{1 + i % 28:02d}/04/2001,"
              f"{'' if i % 3 else '2002-03-31'},{'yes' if i % 2 else 'no'},,,\n"
              for i in range(60))
)
BAD = "Bad Email,,Body 1,public,,member,not-an-email,,,01/04/2001,,,,,\n"


def _seed(db) -> None:
    """A member already on the register (the file has them too: skipped)."""
    services = services_of(db)
    services.members.add(Member(name="Ann Existing", sector=Sector.PUBLIC,
                                organisation="Old Body", terms=(Term(date(2000, 4, 1)),)))


def _tables(db, after_audit: int) -> dict[str, list[tuple]]:
    """Every row of member, term and the import's audit lines, as stored; the clock's
    values (member.updated_at, audit.at) checked for their form, then left out."""
    with db.reads() as r:
        members = r.rows("SELECT * FROM member ORDER BY id")
        terms = r.rows("SELECT * FROM term ORDER BY id")
        audit = r.rows("SELECT officer, os_user, action, record_type, record_id, owner_type, "
                       "owner_id, label, changes, at FROM audit WHERE id > :n ORDER BY id",
                       n=after_audit)
        names = [c for c in _columns(r, "member")]
    stamp = names.index("updated_at")
    for row in members:
        _check_clock(row[stamp])
    for row in audit:
        _check_clock(row[-1])
    return {"member": [_plain(row[:stamp] + row[stamp + 1:]) for row in members],
            "term": [_plain(row) for row in terms],
            "audit": [_plain(row[:-1]) for row in audit]}


def _columns(reads, table: str) -> list[str]:
    if reads.dialect == "sqlite":
        return [row[1] for row in reads.rows(f"PRAGMA table_info({table})")]
    return [row[0] for row in reads.rows(
        "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
        "ORDER BY ordinal_position", t=table)]


def _check_clock(value) -> None:
    if isinstance(value, str):      # SQLite: SQLAlchemy's text form, microseconds always
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", value), value
    else:
        assert isinstance(value, datetime)


def _plain(row) -> tuple:
    """A server's values as a file keeps them (dates as ISO text, booleans as 0/1)."""
    return tuple(v.isoformat() if isinstance(v, date) else int(v) if isinstance(v, bool)
                 else v for v in row)


def _audit_count(db) -> int:
    with db.reads() as r:
        return r.rows("SELECT count(*) FROM audit")[0][0]


def _file_db(tmp_path, empty_template, app_paths, name: str):
    path = tmp_path / name
    shutil.copyfile(empty_template, path)
    return open_partnership(path, app_paths.backup_dir)


@pytest.mark.parametrize("with_rejects", [False, True])
def test_file_import_writes_what_the_engine_path_writes(location, tmp_path, empty_template,
                                                        app_paths, monkeypatch, with_rejects):
    monkeypatch.setenv(OFFICER_ENV, "Priya Shah")
    source = tmp_path / "register.csv"
    source.write_text(HEADER + ROWS + (BAD if with_rejects else ""), encoding="utf-8")
    engine_db = open_partnership(location, app_paths.backup_dir)
    file_db = _file_db(tmp_path, empty_template, app_paths, "lean.lspd")
    try:
        results, tables = [], []
        for db, file in ((engine_db, None), (file_db, file_db.path)):
            _seed(db)
            before = _audit_count(db)
            rejects = tmp_path / f"rejects-{len(results)}.csv" if with_rejects else None
            exchange = ExchangeService(services_of(db).session_factory, file)
            results.append(exchange.import_members(source, rejects=rejects,
                                                   accept_suggestions=True))
            tables.append(_tables(db, before))
        engine_result, file_result = results
        assert (file_result.added, file_result.skipped, file_result.rejected) == (
            engine_result.added, engine_result.skipped, engine_result.rejected)
        assert file_result.added_ids == engine_result.added_ids
        assert file_result.added == 67 and file_result.skipped == 1
        assert tables[1] == tables[0]
        assert len(tables[1]["audit"]) == 68     # a line per member, one for the terms
        assert tables[1]["audit"][-1][7] == "68 term records added together"
        assert any(len(line[7]) <= 120 and line[7].endswith("…") for line in tables[1]["audit"])
        if with_rejects:
            assert (tmp_path / "rejects-0.csv").read_bytes() == \
                (tmp_path / "rejects-1.csv").read_bytes()
    finally:
        engine_db.close()
        file_db.close()


def test_the_label_is_the_audit_trails_own():
    for title, name in (("", "Ann"), ("Rt Hon", LONG), ("Dr", "x" * 118), ("", "y" * 121),
                        ("Mr", "A <b> & Co"), ("", ""), ("Dr", ""), ("  ", "x"),
                        ("Mr", "A\nB")):
        assert member_import_file._label(title, name) == audit_label(
            "member", {"id": 1, "title": title, "name": name})


def _lean(db) -> ExchangeService:
    return ExchangeService(services_of(db).session_factory, db.path)


def _counts(path) -> tuple[int, int, int]:
    con = sqlite3.connect(path)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("member", "term", "audit"))
    finally:
        con.close()


def test_a_failure_part_way_leaves_nothing_behind(tmp_path, empty_template, app_paths,
                                                  monkeypatch):
    db = _file_db(tmp_path, empty_template, app_paths, "lean.lspd")
    try:
        _seed(db)
        before = _counts(db.path)
        source = tmp_path / "register.csv"
        source.write_text(HEADER + ROWS, encoding="utf-8")
        label = member_import_file._label
        seen = []

        def failing(title, name):          # the 40th member's audit line cannot be made
            seen.append(name)
            if len(seen) == 40:
                raise RuntimeError("disk gone")
            return label(title, name)

        monkeypatch.setattr(member_import_file, "_label", failing)
        with pytest.raises(RuntimeError, match="disk gone"):
            _lean(db).import_members(source, accept_suggestions=True)
        assert _counts(db.path) == before
        monkeypatch.setattr(member_import_file, "_label", label)
        assert _lean(db).import_members(source, accept_suggestions=True).added == 67
    finally:
        db.close()


def test_a_member_added_since_the_preview_refuses_the_file_import(tmp_path, empty_template,
                                                                   app_paths, monkeypatch):
    db = _file_db(tmp_path, empty_template, app_paths, "lean.lspd")
    try:
        source = tmp_path / "register.csv"
        source.write_text(HEADER + ROWS, encoding="utf-8")
        exchange = _lean(db)
        preview = exchange.preview_members(exchange.read_register(source))
        monkeypatch.setenv(OFFICER_ENV, "Carl Second")
        services_of(db).members.add(Member(name="Łucja Wróbel", sector=Sector.VOLUNTARY,
                                           organisation="Polish Centre"))
        before = _counts(db.path)
        with pytest.raises(ImportConflict) as info:
            exchange.commit_members(preview, accept_suggestions=True)
        text = str(info.value)
        assert "The member Łucja Wróbel (row 5 of the file)" in text
        assert "added to the register by Carl Second at" in text
        assert _counts(db.path) == before
    finally:
        db.close()


def test_updates_and_substitutes_still_go_through_the_engine(tmp_path, empty_template,
                                                             app_paths):
    db = _file_db(tmp_path, empty_template, app_paths, "lean.lspd")
    try:
        _seed(db)
        source = tmp_path / "register.csv"
        source.write_text(HEADER.rstrip("\n") + ",deputises_for\n"
                          "Ann Existing,,Old Body,public,,member,ann@example.org,,,"
                          "01/04/2000,,,,,,\n"
                          "Sam Sub,,Old Body,public,,substitute,,,,01/04/2001,,,,,,"
                          "Ann Existing\n", encoding="utf-8")
        result = _lean(db).import_members(source, update_existing=True)
        assert (result.added, result.updated) == (1, 1)
        members = {m.name: m for m in services_of(db).members.all_members()}
        assert members["Ann Existing"].email == "ann@example.org"
        assert members["Sam Sub"].deputises_for_id == members["Ann Existing"].id
        assert not member_import_file.can_write(
            _lean(db).preview_members(_lean(db).read_register(source), None, True).plan)
    finally:
        db.close()


@pytest.mark.parametrize("values", [
    {"name": "Member Łucja 7", "sector": Sector.PUBLIC, "title": "Ms", "terms": ()},
    {"name": "Cher", "sector": Sector.PRIVATE},
    {"name": "", "given_names": "Rhodri", "family_name": "ap Siôn", "sector": Sector.VOLUNTARY},
    {"name": "Maria de la Cruz", "family_name": "de la Cruz", "sector": Sector.COMMUNITY,
     "publish_contact": True, "terms": (Term(date(2001, 4, 1)),), "version": 3},
])
def test_a_quickly_made_member_is_the_same_member(values):
    quick, made = Member.quick(**values), Member(**values)
    assert quick == made and repr(quick) == repr(made)
    assert list(vars(quick).items()) == list(vars(made).items())
    # Members keep sharing one table of keys, as made by the constructor (memory).
    assert sys.getsizeof(vars(quick)) == sys.getsizeof(vars(made))


def test_a_quickly_made_member_refuses_what_the_constructor_refuses():
    with pytest.raises(TypeError):
        Member.quick(name="No Sector")
    with pytest.raises(TypeError):
        Member.quick(name="Ann", sector=Sector.PUBLIC, shoe_size=9)


@pytest.mark.parametrize("cells", [
    ("  Cllr\u00a0Margaret \t O'Neill ", "", "", ""),
    ("Canon\u2003Peter  Hughes", "Revd", "", ""),
    ("", " Cllr ", " Helen\u3000Mary ", "  Hughes\n"),
    ("\x1cAnn\x1fLee", "", "", ""),
    ("", "", "", ""),
])
def test_names_are_spaced_as_the_regular_expression_spaced_them(cells):
    from lsp_desktop.domain.names import read_name

    spaced = [re.sub(r"\s+", " ", c.strip()) for c in cells]
    assert read_name(*cells) == read_name(*spaced)
    assert all("  " not in part for part in vars(read_name(*cells)).values())


@pytest.mark.parametrize("field", ["title", "name", "given_names", "family_name",
                                   "organisation", "category", "nominating_body", "email",
                                   "phone"])
def test_a_field_too_long_is_still_named(field):
    from lsp_desktop.domain.members import MEMBER_LIMITS, validate_member
    from lsp_desktop.domain.text import length_errors

    long = "x" * (MEMBER_LIMITS[field] + 1)
    member = Member(name="Ann Lee", sector=Sector.PUBLIC).with_changes(**{field: long})
    errors = validate_member(member)
    expected = length_errors(member, MEMBER_LIMITS)
    assert expected and [str(e) for e in errors[:len(expected)]] == [str(e) for e in expected]
    fits = Member(name="Ann Lee", sector=Sector.PUBLIC, title=None)     # not text: no error
    assert not [e for e in validate_member(fits) if "too long" in str(e)]


@pytest.mark.parametrize("text", ["Hughes", "O'Neill", "ap Siôn", "Body 7", "MS", "0", "x_y",
                                  "Łucja", "  ", "A1b2"])
def test_folding_a_plain_word_quickly_folds_as_ever(text):
    from lsp_desktop.domain.member_exchange import cached_fold
    from lsp_desktop.domain.text import fold

    expected = re.sub(r"[^0-9a-z]+", "", text.lower()) if text.isascii() else fold(text)
    assert fold(text) == cached_fold(text) == expected
