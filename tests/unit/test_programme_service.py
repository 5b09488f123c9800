"""The programme and target-series services on a real partnership (both engines in CI)."""

from dataclasses import replace
from datetime import date

import pytest

from lsp_desktop.domain.accreditation import Outcome, RoundKind
from lsp_desktop.domain.errors import ConflictError, ValidationError
from lsp_desktop.domain.partnership import Partnership
from lsp_desktop.domain.programme import FundYear, Project, QuarterFigures
from lsp_desktop.domain.strategies import Strategy, StrategyType, Target
from lsp_desktop.domain.target_series import TargetPoint, TrackStatus

FY = "2002/03"


def _setup(services):
    services.partnership.save(Partnership("Thameside", nrf_allocations={FY: 1_500_000}))
    return services.programme.fund("NRF")


def test_funds_start_with_nrf_and_cef_and_others_can_be_added(services):
    from lsp_desktop.domain.programme import Fund

    assert [f.code for f in services.programme.funds()] == ["NRF", "CEF"]
    srb = services.programme.add_fund(Fund("Single Regeneration Budget", "srb"))
    assert srb.code == "SRB" and services.programme.fund("srb") == srb
    with pytest.raises(ValidationError, match="already a fund"):
        services.programme.add_fund(Fund("Single Regeneration Budget", "SRB2"))


def test_nrf_allocation_is_the_partnership_anticipated_allocation(services):
    nrf = _setup(services)
    plan = services.programme.fund_year(nrf.id, "2002-03")
    assert plan.amount == 1_500_000 and plan.themes == {}
    saved = services.programme.save_fund_year(
        replace(plan, amount=1_600_000, themes={"crime": 500_000, "health": 400_000}))
    assert saved.unallocated == 700_000
    assert services.partnership.get().nrf_allocations[FY] == 1_600_000
    # A second officer who read the year before the save is refused.
    with pytest.raises(ConflictError, match="NRF allocation for 2002/03"):
        services.programme.save_fund_year(replace(plan, amount=1))
    with pytest.raises(ValidationError, match="more than the £1,600,000 allocated"):
        services.programme.save_fund_year(replace(saved, themes={"crime": 2_000_000}))


def test_projects_money_view_and_conflicts(services):
    nrf = _setup(services)
    services.programme.save_fund_year(FundYear(nrf.id, FY, 1_500_000, {"crime": 600_000}))
    p = services.programme.add(Project(
        "", "Neighbourhood wardens", nrf.id, "crime", "Thameside Council", "R. Okafor",
        date(2002, 5, 14), "LSP/02/17", budgets={FY: 400_000},
        quarters=(QuarterFigures(FY, 1, 100_000, 90_000, 80_000),
                  QuarterFigures(FY, 2, 100_000, 100_000, 0))))
    assert p.reference == "P-001" and p.version == 1
    view = services.programme.view("NRF", FY, date(2002, 7, 15))
    crime = view.lines[0].totals
    assert (crime.allocation, crime.budget, crime.total_spent) == (600_000, 400_000, 80_000)
    assert view.forecast_spend == 80_000 + 100_000   # Q1 spent; Q2 planned; Q3-4 nothing
    assert view.forecast_underspend == 1_500_000 - 180_000
    updated = services.programme.update(replace(p, budgets={FY: 450_000}))
    with pytest.raises(ConflictError, match="Project P-001"):
        services.programme.update(replace(p, title="Stale"))
    gone = services.programme.delete(updated.id)
    assert services.programme.projects() == []
    back = services.programme.restore(gone)
    assert back.budgets == {FY: 450_000} and back.quarters == updated.quarters
    lines = {(x.record_type, x.action) for x in services.audit.lines()}
    assert ("project", "insert") in lines and ("project", "delete") in lines


def test_deferred_round_holds_back_a_third_of_the_year(services):
    _setup(services)
    # Decided in 2001/02 (February 2002): a third of 2002/03's allocation is held back.
    rnd = services.accreditation.new_round("Accreditation 2002", RoundKind.ACCREDITATION,
                                           "2001/02")
    services.accreditation.set_outcome(rnd.id, Outcome.DEFERRED, date(2002, 9, 30))
    [(_rnd, consequence)] = services.accreditation.nrf_consequences()
    assert consequence.financial_year == FY
    view = services.programme.view("NRF", FY, date(2002, 6, 30))
    assert view.held_back == consequence.withheld == 495_000
    assert view.available == 1_005_000
    assert services.programme.view("NRF", "2001/02", date(2002, 6, 30)).held_back == 0


def test_target_series_status_and_conflict(services):
    _setup(services)
    strategy = services.strategies.create(Strategy(StrategyType.NEIGHBOURHOOD_RENEWAL,
                                                         "LNRS"))
    target = services.strategies.add_target(Target(
        strategy.id, "crime", "Burglaries per 1,000 households", 40.0, date(2000, 4, 1),
        30.0, date(2004, 4, 1)))
    points = [TargetPoint(date(2001, 4, 1), 39.0, "Police"),
              TargetPoint(date(2002, 4, 1), 38.5, "Police", comparison=20.0)]
    saved = services.target_series.save_points(target.id, points, target.version)
    assert (saved.latest_value, saved.latest_date) == (38.5, date(2002, 4, 1))
    assert saved.comparison_value == 20.0
    assert [p.value for p in services.target_series.points(target.id)] == [39.0, 38.5]
    with pytest.raises(ConflictError):
        services.target_series.save_points(target.id, points[:1], target.version)
    tracked = services.target_series.tracked(date(2002, 6, 30))
    assert tracked[0].status == TrackStatus.OFF_TRACK and tracked[0].recent
