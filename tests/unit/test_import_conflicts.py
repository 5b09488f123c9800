"""An import that updates existing records never overwrites, unseen, a change another
officer made after the preview: it is refused, all or nothing, naming who and when."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from lsp_desktop.domain.actions import Action
from lsp_desktop.domain.errors import ConflictError
from lsp_desktop.domain.exchange import ImportConflict
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.domain.strategies import Strategy, StrategyType, Target
from lsp_desktop.services.concurrency import OFFICER_ENV
from lsp_desktop.services.spreadsheets import read_table


def _member(services, name: str) -> Member:
    return services.members.add(Member(name=name, sector=Sector.COMMUNITY,
                                       terms=(Term(date(2001, 1, 1)),)))


def _sheet(tmp_path, text: str):
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    return read_table(path)


def test_member_changed_after_the_preview_refuses_the_whole_import(services, tmp_path,
                                                                  monkeypatch):
    ann, bob = _member(services, "Ann Example"), _member(services, "Bob Example")
    sheet = _sheet(tmp_path, "name,sector,email\n"
                             "Ann Example,community,ann@file.example\n"
                             "Bob Example,community,bob@file.example\n"
                             "Cat Example,voluntary,cat@file.example\n")
    preview = services.exchange.preview_members(sheet, update_existing=True)
    assert [d.member.version for d in preview.plan.to_update] == [ann.version, bob.version]
    monkeypatch.setenv(OFFICER_ENV, "Priya Shah")
    saved = services.members.update(bob.with_changes(email="bob@theirs.example"))
    with pytest.raises(ImportConflict) as info:
        services.exchange.commit_members(preview)
    text = str(info.value)
    assert "The member Bob Example (row 3 of the file)" in text
    assert "Priya Shah" in text and f"{saved_at(services, bob.id):%H:%M on %d/%m/%Y}" in text
    assert "nothing was imported" in text and isinstance(info.value, ConflictError)
    # All or nothing: Ann not updated, Cat not added, Bob keeps their change.
    assert services.members.get(ann.id).email == ""
    assert services.members.get(bob.id).email == "bob@theirs.example"
    assert services.members.count() == 2
    assert saved.version == bob.version + 1
    # A fresh preview sees their version; importing then is a choice made knowingly.
    again = services.exchange.preview_members(sheet, update_existing=True)
    result = services.exchange.commit_members(again)
    assert (result.added, result.updated) == (1, 2)
    now = services.members.get(bob.id)
    assert now.email == "bob@file.example" and now.version == saved.version + 1


def saved_at(services, member_id):
    from lsp_desktop.db.models import MemberRecord
    from lsp_desktop.services.unit_of_work import unit_of_work

    with unit_of_work(services.members._factory) as s:
        return s.get(MemberRecord, member_id).updated_at


def test_member_deleted_after_the_preview_is_named(services, tmp_path):
    ann = _member(services, "Ann Example")
    sheet = _sheet(tmp_path, "name,sector,phone\nAnn Example,community,0207 111 2222\n"
                             "Dan Example,public,\n")
    preview = services.exchange.preview_members(sheet, update_existing=True)
    services.members.delete(ann.id)
    with pytest.raises(ImportConflict, match=r"Ann Example \(row 2 of the file\) was deleted"):
        services.exchange.commit_members(preview)
    assert services.members.count() == 0


def test_an_unchanged_preview_imports_and_stamps_the_update(services, tmp_path,
                                                          monkeypatch):
    ann = _member(services, "Ann Example")
    preview = services.exchange.preview_members(
        _sheet(tmp_path, "name,sector,email\nAnn Example,community,ann@file.example\n"),
        update_existing=True)
    monkeypatch.setenv(OFFICER_ENV, "Importing Officer")
    services.exchange.commit_members(preview)
    now = services.members.get(ann.id)
    assert now.email == "ann@file.example" and now.version == ann.version + 1
    # An editor that read Ann before the import is refused, not silently overwritten.
    with pytest.raises(ConflictError, match="Importing Officer"):
        services.members.update(ann.with_changes(phone="1"))


def test_action_changed_after_the_preview_refuses_the_import(services, tmp_path,
                                                            monkeypatch):
    first = services.actions.add(Action(reference="", title="First", start=date(2002, 1, 1),
                                            due=date(2002, 6, 1)))
    second = services.actions.add(Action(reference="", title="Second",
                                             start=date(2002, 1, 1), due=date(2002, 6, 1)))
    sheet = _sheet(tmp_path, f"reference,title\n{first.reference},First (file)\n"
                             f"{second.reference},Second (file)\n")
    preview = services.exchange.preview_records("actions", sheet, update_existing=True)
    monkeypatch.setenv(OFFICER_ENV, "Priya Shah")
    services.actions.update(second.with_changes(title="Second (theirs)"))
    with pytest.raises(ImportConflict) as info:
        services.exchange.commit_records(preview)
    assert f"Action {second.reference} (row 3 of the file) was changed by Priya Shah" \
        in str(info.value)
    assert services.actions.get(first.id).title == "First"
    assert services.actions.get(second.id).title == "Second (theirs)"


def test_target_changed_after_the_preview_refuses_the_import(services, tmp_path,
                                                            monkeypatch):
    strategy = services.strategies.create(Strategy(StrategyType.COMMUNITY, "Plan"))
    target = services.strategies.add_target(Target(strategy.id, "health", "GP visits"))
    sheet = _sheet(tmp_path, "strategy,theme,indicator,data_source\n"
                             "Plan,health,GP visits,Practice returns\n")
    preview = services.exchange.preview_records("targets", sheet, update_existing=True)
    monkeypatch.setenv(OFFICER_ENV, "Priya Shah")
    services.strategies.update_target(replace(target, data_source="PCT survey"))
    with pytest.raises(ImportConflict, match=r"“GP visits” \(row 2 of the file\) was changed "
                                             r"by Priya Shah"):
        services.exchange.commit_records(preview)
    assert [t.data_source for t in services.strategies.targets()] == ["PCT survey"]


def test_member_added_by_another_officer_after_the_preview_is_not_made_twice(
        services, tmp_path, monkeypatch):
    sheet = _sheet(tmp_path, "name,organisation,sector\n"
                             "Ann Example,Body,community\n"
                             "Dev Example,Forum,voluntary\n")
    preview = services.exchange.preview_members(sheet)
    assert len(preview.plan.to_add) == 2
    monkeypatch.setenv(OFFICER_ENV, "Priya Shah")
    services.members.add(Member(name="Dev Example", organisation="Forum",
                                    sector=Sector.VOLUNTARY, terms=(Term(date(2001, 1, 1)),)))
    with pytest.raises(ImportConflict) as info:
        services.exchange.commit_members(preview)
    text = str(info.value)
    assert text.startswith("The member Dev Example (row 3 of the file) was added to the "
                           "register by Priya Shah at ")
    assert "nothing was imported" in text
    assert [m.name for m in services.members.all_members()] == ["Dev Example"]
