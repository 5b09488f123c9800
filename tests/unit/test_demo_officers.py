"""The demo's named officers are the same people wherever they appear (strategies, actions, settings)."""

from __future__ import annotations

from collections import defaultdict

from lsp_desktop.domain.settings import AppSettings


def _officers(demo_services) -> tuple[set[str], set[str]]:
    strategy_leads = {s.lead_officer for s in demo_services.strategies.strategies()}
    action_leads = {a.lead_officer for a in demo_services.actions.list_actions()}
    return strategy_leads - {""}, action_leads - {""}


def test_each_officer_has_one_name_across_strategies_and_actions(demo_services):
    strategy_leads, action_leads = _officers(demo_services)
    first_names = defaultdict(set)
    for name in strategy_leads | action_leads:
        first, _, surname = name.rpartition(" ")
        first_names[surname].add(first)
    assert {s: f for s, f in first_names.items() if len(f) > 1} == {}   # Rachel/Ruth Adeyemi
    # The secretariat who lead the strategies chase the action plan too.
    assert strategy_leads <= action_leads
    assert "Ruth Adeyemi" in strategy_leads


def test_officers_are_not_confused_with_board_members_or_settings(demo_services):
    strategy_leads, action_leads = _officers(demo_services)
    officers = strategy_leads | action_leads
    members = {m.name for m in demo_services.members.all_members()}
    assert not officers & members          # officers serve the board; they do not sit on it
    assert AppSettings().officer_name in {""} | officers
