"""Random bytes and random rows fed to the CSV importer: never a crash, never a partial import."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lsp_desktop.domain.exchange import ImportProblems
from lsp_desktop.services.spreadsheets import read_csv_bytes

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

CELLS = {
    "name": st.sampled_from(["", "Ann Lee", "Llŷr Davies", " Bob\u00a0Smith ", "O'Neill, Siobhán"]),
    "organisation": st.sampled_from(["", "PCT", "Café £5", "Body\nLine two"]),
    "sector": st.sampled_from(["public", "Private", "COMMUNITY", "pubic", ""]),
    "category": st.sampled_from(["", "Police", "faith communities", "Wizards"]),
    "role": st.sampled_from(["", "member", "Vice Chair", "substitute", "boss"]),
    "email": st.sampled_from(["", "a@b.org", "nope"]),
    "start_date": st.sampled_from(["", "2001-04-01", "01/04/2001", "31/02/2002", "soon"]),
    "end_date": st.sampled_from(["", "2002-03-31", "2000-01-01", "x"]),
    "publish_contact": st.sampled_from(["", "yes", "0", "TRUE", "maybe"]),
}


def member_state(services):
    return services.exchange.member_rows()


def attempt(services, data: bytes, tmp_path):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    before = member_state(services)
    try:
        result = services.exchange.import_members(path)
    except ImportProblems as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        assert member_state(services) == before          # nothing written
        return None
    return result


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash_or_half_import(services, tmp_path, data):
    before = services.members.count()
    result = attempt(services, data, tmp_path)
    if result is not None:
        assert services.members.count() == before + result.added
    read_csv_bytes(data)      # the reader itself never raises on bytes


@FUZZ
@given(rows=st.lists(st.fixed_dictionaries(CELLS), max_size=8),
       delimiter=st.sampled_from([",", ";"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_random_rows_all_or_nothing(services, tmp_path, rows, delimiter, encoding):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(list(CELLS))
    for row in rows:
        writer.writerow([row[k] for k in CELLS])
    try:
        data = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = out.getvalue().encode("utf-8")
    before = services.members.count()
    result = attempt(services, data, tmp_path)
    if result is not None:
        assert services.members.count() == before + result.added
