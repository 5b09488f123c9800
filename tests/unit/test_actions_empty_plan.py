"""An empty action plan is read with one statement (the first showing of Action plans)."""

from __future__ import annotations

from sqlalchemy import event

from lsp_desktop.domain.actions import Action


def _statements(services, read) -> tuple[object, list[str]]:
    engine = services.session_factory.kw["bind"]
    seen: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        return read(), seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_an_empty_plan_is_one_statement_and_a_plan_reads_its_children(services):
    actions, seen = _statements(services, services.actions.list_actions)
    assert actions == [] and len(seen) == 1
    services.actions.add(Action(reference="A1", title="First"))
    actions, seen = _statements(services, services.actions.list_actions)
    assert [a.title for a in actions] == ["First"] and len(seen) > 1
