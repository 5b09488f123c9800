"""A member's terms and declarations keep their identity across edits, and the history names
them (person and date), never by row number."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lsp_desktop.domain.members import Declaration, Member, Sector, Term

D = date


def _member() -> Member:
    return Member(name="Llŷr Davies", sector=Sector.COMMUNITY,
                  category="Residents and community groups",
                  terms=(Term(D(2001, 4, 1)),),
                  declarations=(Declaration("Trustee of Bankside Housing", "Bankside",
                                            D(2001, 4, 1)),))


def test_editing_a_member_three_times_keeps_one_term_and_one_declaration(services):
    m = services.members.add(_member())
    term_id, decl_id = m.terms[0].id, m.declarations[0].id
    m = services.members.update(m.with_changes(email="llyr@example.org"))
    m = services.members.update(m.with_changes(terms=(replace(m.terms[0], end=D(2002, 3, 31)),)))
    m = services.members.update(m.with_changes(
        declarations=(replace(m.declarations[0], withdrawn_on=D(2002, 3, 31)),)))
    assert [t.id for t in m.terms] == [term_id]
    assert [d.id for d in m.declarations] == [decl_id]
    history = services.audit.history("member", m.id)
    terms = [x for x in history if x.record_type == "term"]
    assert {x.record_id for x in terms} == {term_id}
    assert [x.action for x in terms] == ["update", "insert"]
    assert {x.record_id for x in history if x.record_type == "declaration"} == {decl_id}


def test_a_term_typed_again_without_its_id_is_still_the_same_term(services):
    """An import or a form that does not carry ids: the term starting the same day is it."""
    m = services.members.add(_member())
    term_id = m.terms[0].id
    m = services.members.update(m.with_changes(
        terms=(Term(D(2001, 4, 1), D(2002, 3, 31), "Moved away"), Term(D(2003, 1, 1)))))
    assert m.terms[0].id == term_id and m.terms[1].id not in (None, term_id)
    m = services.members.update(m.with_changes(terms=(m.terms[1],)))    # first term removed
    assert [t.start for t in m.terms] == [D(2003, 1, 1)]
    deleted = [x for x in services.audit.history("member", m.id)
               if x.record_type == "term" and x.action == "delete"]
    assert [x.record_id for x in deleted] == [term_id]


def test_ending_a_term_keeps_it(services):
    m = services.members.add(_member())
    ended = services.members.end_term(m.id, D(2002, 3, 31), "Moved away")
    assert ended.terms[0].id == m.terms[0].id


def test_history_names_people_and_dates_not_row_numbers(services):
    m = services.members.add(_member())
    services.members.end_term(m.id, D(2002, 3, 31), "Moved away")
    lines = services.audit.history("member", m.id)
    for line in lines:
        assert "#" not in line.record and "#" not in line.what
        shown = line.summary()
        assert "member id" not in shown and str(m.id) not in [str(c.new) for c in
                                                               line.shown_changes()]
    term_update = next(x for x in lines if x.record_type == "term" and x.action == "update")
    assert term_update.record == "Term of office — Llŷr Davies: 01/04/2001"
    assert term_update.summary() == "end date: — → 31/03/2002; reason left: — → Moved away"
    term_insert = next(x for x in lines if x.record_type == "term" and x.action == "insert")
    assert "member id" not in term_insert.summary()
    assert "start date: 01/04/2001" in term_insert.summary()


def test_restoring_a_deleted_member_gives_its_terms_their_ids_back(services):
    m = services.members.add(_member())
    snapshot = services.members.delete(m.id)
    back = services.members.restore(snapshot)
    assert [t.id for t in back.terms] == [t.id for t in m.terms]
