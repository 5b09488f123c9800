"""Strategies service: sections, versions, compare, restore, targets, endorsements."""

from datetime import date

import pytest

from lsp_desktop.domain.errors import DomainError, ValidationError
from lsp_desktop.domain.members import Member, Sector, Term
from lsp_desktop.domain.strategies import (
    ConsultationEvent,
    DiffKind,
    Endorsement,
    SectionChange,
    Strategy,
    StrategyStatus,
    StrategyType,
    Target,
    TargetStatus,
    target_status,
)

D = date


@pytest.fixture
def strategy(services) -> Strategy:
    return services.strategies.create(Strategy(StrategyType.COMMUNITY, "Thameside 2012",
                                               "2002-2012", lead_officer="Ann Example"))


def _fill(services, strategy_id, texts):
    for section, text in zip(services.strategies.sections(strategy_id), texts, strict=False):
        services.strategies.save_section_body(section.id, text)


def test_new_strategy_has_expected_empty_sections(services, strategy):
    sections = services.strategies.sections(strategy.id)
    assert [s.title for s in sections] == ["Long-term vision", "Action plan",
                                           "Shared commitment", "Arrangements for monitoring"]
    summary = services.strategies.summaries()[0]
    assert summary.empty_components == tuple(s.title for s in sections)
    assert summary.version_count == 0 and summary.status == StrategyStatus.WORKING_DRAFT


def test_sections_add_rename_reorder_remove(services, strategy):
    svc = services.strategies
    extra = svc.add_section(strategy.id, "Glossary")
    first = svc.sections(strategy.id)[0]
    svc.rename_section(first.id, "Our vision")
    svc.save_section_body(first.id, "Vision text")
    svc.move_section(extra.id, -1)
    assert [s.title for s in svc.sections(strategy.id)] == [
        "Our vision", "Action plan", "Shared commitment", "Glossary",
        "Arrangements for monitoring"]
    svc.remove_section(svc.sections(strategy.id)[1].id)
    assert "Action plan" in svc.summaries()[0].empty_components
    assert "Long-term vision" not in svc.summaries()[0].empty_components   # renamed, not empty
    with pytest.raises(ValidationError) as exc:
        svc.rename_section(extra.id, "  ")
    assert exc.value.errors[0].field == "title"


def test_text_kept_exactly(services, strategy):
    text = "Pasted from Word:\n\n* **Bold** A <b> & Co\n* Llŷr ŵ ŷ — “quotes”\n\n1. one\n2. two\n"
    section = services.strategies.sections(strategy.id)[0]
    services.strategies.save_section_body(section.id, text)
    assert services.strategies.section(section.id).body == text


def test_versions_are_numbered_and_frozen(services, strategy):
    svc = services.strategies
    _fill(services, strategy.id, ["First vision"])
    v1 = svc.save_version(strategy.id, "working draft, January 2002", today=D(2002, 1, 10))
    _fill(services, strategy.id, ["Second vision"])
    v2 = svc.save_version(strategy.id, "consultation draft", today=D(2002, 3, 1))
    assert (v1.number, v2.number) == (1, 2)
    assert svc.version(strategy.id, 1).sections[0].body == "First vision"
    assert [v.label for v in svc.versions(strategy.id)] == ["working draft, January 2002",
                                                            "consultation draft"]
    assert svc.version_summaries(strategy.id)[0].words == 2
    with pytest.raises(ValidationError) as exc:
        svc.save_version(strategy.id, "   ")
    assert exc.value.errors[0].field == "label"
    assert len(svc.versions(strategy.id)) == 2
    with pytest.raises(DomainError):
        svc.delete(strategy.id)          # versions are never lost
    assert svc.summaries()[0].version_count == 2


def test_compare_versions_and_current_draft(services, strategy):
    svc = services.strategies
    _fill(services, strategy.id, ["A safer Thameside", "Old plan"])
    svc.save_version(strategy.id, "v1")
    _fill(services, strategy.id, ["A safer and greener Thameside"])
    svc.add_section(strategy.id, "Glossary", "NRF: Neighbourhood Renewal Fund")
    diffs = svc.compare(strategy.id, 1, None)
    assert diffs[0].change == SectionChange.CHANGED
    assert [o.text for o in diffs[0].ops if o.kind == DiffKind.INSERT] == ["and greener "]
    assert diffs[1].change == SectionChange.UNCHANGED
    assert diffs[-1].change == SectionChange.ADDED and diffs[-1].new_title == "Glossary"


def test_restore_versions_current_text_first(services, strategy):
    svc = services.strategies
    _fill(services, strategy.id, ["Original vision"])
    svc.save_version(strategy.id, "first")
    _fill(services, strategy.id, ["Rewritten vision"])
    gone = svc.add_section(strategy.id, "Extra", "extra words")
    svc.remove_section(svc.sections(strategy.id)[3].id)
    saved = svc.restore_version(strategy.id, 1, today=D(2002, 5, 1))
    assert saved.number == 2 and "restoring v1" in saved.label
    assert saved.sections[0].body == "Rewritten vision"
    assert [s.title for s in saved.sections][-1] == "Extra"
    current = svc.sections(strategy.id)
    assert current[0].body == "Original vision"
    assert [s.title for s in current][-1] == "Arrangements for monitoring"
    assert gone.id not in {s.id for s in current}
    # Restoring the automatic version brings the rewrite back, section ids intact.
    svc.restore_version(strategy.id, 2)
    assert svc.sections(strategy.id)[0].body == "Rewritten vision"
    assert svc.compare(strategy.id, 2, None)[0].change == SectionChange.UNCHANGED
    assert len(svc.versions(strategy.id)) == 3


def _board(services):
    services.members.add_many([
        Member(name="Helen Chowdhury", sector=Sector.PUBLIC, organisation="Thameside PCT",
               terms=(Term(D(2001, 4, 1)),)),
        Member(name="Gareth Price", sector=Sector.PUBLIC, organisation="Metropolitan Police",
               terms=(Term(D(2001, 4, 1)),)),
    ])


def test_targets_validation_and_status(services, strategy):
    _board(services)
    svc = services.strategies
    t = svc.add_target(Target(strategy.id, "crime", "Burglaries per 1,000 households", 40.0,
                              D(2001, 4, 1), 30.0, D(2005, 4, 1), 34.0, D(2003, 4, 1),
                              "Police recorded crime", "Metropolitan Police", 20.0, "national"))
    assert target_status(svc.targets(strategy.id)[0], D(2003, 5, 1)) == TargetStatus.ON_TRACK
    with pytest.raises(ValidationError) as exc:
        svc.add_target(Target(strategy.id, "health", "Teenage conceptions", 50.0,
                              D(2001, 4, 1), 40.0, D(2000, 4, 1), lead_partner="Nobody Ltd"))
    assert {e.field for e in exc.value.errors} == {"target_date", "lead_partner"}
    assert len(svc.targets()) == 1
    svc.update_target(Target(**{**t.__dict__, "latest_value": 39.0}))
    assert target_status(svc.target(t.id), D(2003, 5, 1)) == TargetStatus.OFF_TRACK


def test_endorsements_need_agreed_version_and_register_body(services, strategy):
    _board(services)
    svc = services.strategies
    svc.save_version(strategy.id, "working draft", today=D(2002, 1, 1))
    with pytest.raises(ValidationError) as exc:
        svc.add_endorsement(Endorsement(strategy.id, 1, "Thameside PCT", "Dr H", D(2002, 2, 1)))
    assert exc.value.errors[0].field == "version"
    svc.update(Strategy(**{**strategy.__dict__, "status": StrategyStatus.AGREED}))
    svc.save_version(strategy.id, "agreed text", today=D(2002, 3, 1))
    with pytest.raises(ValidationError) as exc:
        svc.add_endorsement(Endorsement(strategy.id, 2, "Acme Ltd", "J", D(2002, 3, 5)))
    assert exc.value.errors[0].field == "body"
    svc.add_endorsement(Endorsement(strategy.id, 2, "thameside pct", "Dr H", D(2002, 3, 5)))
    assert [e.body for e in svc.endorsements(strategy.id)] == ["Thameside PCT"]
    assert svc.not_endorsed(strategy.id, 2, D(2002, 6, 1)) == ["Metropolitan Police"]
    assert svc.summaries()[0].endorsed_bodies == ("Thameside PCT",)


def test_consultation_log(services, strategy):
    svc = services.strategies
    with pytest.raises(ValidationError):
        svc.save_consultation(ConsultationEvent("Survey", D(2002, 3, 1), D(2002, 2, 1)))
    e = svc.save_consultation(ConsultationEvent(
        "Residents' survey", D(2002, 2, 1), D(2002, 3, 1), "Tenants & residents", 4000, 612,
        "Crime and jobs came first", strategy.id))
    assert svc.consultations() == [e]


def test_very_long_text_kept_exactly(services, strategy):
    words = " ".join(f"word{i % 977}" for i in range(100_000))
    text = f"# Title <x> & ŵ\n\n{words}\n"
    section = services.strategies.sections(strategy.id)[0]
    assert services.strategies.save_section_body(section.id, text) == 100_000 + 3   # Title, x, ŵ
    v = services.strategies.save_version(strategy.id, "long")
    assert services.strategies.version(strategy.id, v.number).sections[0].body == text
