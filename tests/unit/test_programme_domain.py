"""The programme's arithmetic: years and quarters, allocations, totals, underspend, trajectory."""

from datetime import date

import pytest

from lsp_desktop.domain.accreditation import AssessmentRound, Outcome, nrf_consequence
from lsp_desktop.domain.programme import (
    FinancialYearError,
    Fund,
    FundYear,
    Project,
    QuarterFigures,
    next_project_reference,
    parse_financial_year,
    programme_view,
    quarter_end,
    quarter_of,
    quarter_start,
    quarters_ended,
    validate_fund_year,
    validate_project,
)
from lsp_desktop.domain.strategies import Target
from lsp_desktop.domain.target_series import (
    FLOOR_TARGETS,
    TargetPoint,
    TrackStatus,
    has_recent_value,
    track_status,
    validate_points,
)

NRF = Fund("Neighbourhood Renewal Fund", "NRF", lapses=True, id=1)
FY = "2001/02"


def test_financial_years_are_written_either_way():
    assert parse_financial_year("2002/03") == "2002/03"
    assert parse_financial_year("2002-03") == "2002/03"
    assert parse_financial_year(" 1999/2000 ") == "1999/00"
    for bad in ("2002/04", "2002", "02/03", ""):
        with pytest.raises(FinancialYearError, match="not a financial year"):
            parse_financial_year(bad)


def test_quarters_run_april_to_march():
    assert quarter_of(date(2002, 6, 30)) == ("2002/03", 1)
    assert quarter_of(date(2002, 7, 1)) == ("2002/03", 2)
    assert quarter_of(date(2003, 1, 15)) == ("2002/03", 4)
    assert quarter_of(date(2003, 3, 31)) == ("2002/03", 4)
    assert quarter_start("2002/03", 3) == date(2002, 10, 1)
    assert quarter_end("2002/03", 3) == date(2002, 12, 31)
    assert quarter_end("2002/03", 4) == date(2003, 3, 31)
    assert quarters_ended("2002/03", date(2002, 6, 29)) == 0
    assert quarters_ended("2002/03", date(2002, 6, 30)) == 1
    assert quarters_ended("2002/03", date(2002, 7, 1)) == 1
    assert quarters_ended("2001/02", date(2002, 6, 30)) == 4


def _project(ref, theme, budget, figures, fund_id=1, fy=FY):
    return Project(ref, f"Project {ref}", fund_id, theme, budgets={fy: budget},
                   quarters=tuple(QuarterFigures(fy, q, *f) for q, f in enumerate(figures, 1)))


def test_allocation_totals_by_theme_and_year():
    plan = FundYear(1, FY, 1_000_000, {"crime": 400_000, "health": 300_000})
    projects = [
        _project("P-001", "crime", 250_000, [(60_000, 60_000, 50_000)] * 4),
        _project("P-002", "crime", 150_000, [(40_000, 30_000, 30_000)] * 4),
        _project("P-003", "health", 280_000, [(70_000, 70_000, 65_000)] * 4),
        _project("P-004", "health", 99, [], fund_id=2),            # another fund
        _project("P-005", "health", 5, [], fy="2002/03"),         # another year
    ]
    view = programme_view(NRF, "2001-02", plan, projects, date(2002, 6, 30))
    themes = {line.theme: line.totals for line in view.lines if line.kind == "theme"}
    assert themes["crime"].allocation == 400_000
    assert themes["crime"].budget == 400_000
    assert themes["crime"].spent == [80_000] * 4
    assert themes["crime"].total_committed == 360_000
    assert themes["health"].total_spent == 260_000
    assert [line.label for line in view.lines] == ["Crime", "Project P-001", "Project P-002",
                                                   "Health", "Project P-003"]
    assert view.total.total_spent == 580_000
    assert view.total.planned == [170_000] * 4
    assert view.unallocated == 300_000
    assert view.unbudgeted == 1_000_000 - 680_000
    assert plan.unallocated == 300_000


def test_underspend_forecast_after_year_end_and_within_it():
    plan = FundYear(1, FY, 1_000_000, {"crime": 1_000_000})
    spent = _project("P-001", "crime", 1_000_000,
                     [(250_000, 250_000, 240_000), (250_000, 250_000, 250_000),
                      (250_000, 250_000, 250_000), (250_000, 250_000, 230_000)])
    done = programme_view(NRF, FY, plan, [spent], date(2002, 6, 30))
    assert done.spent_to_date == 970_000
    assert done.forecast_underspend == 30_000
    assert "£30,000 of NRF for 2001/02 was left unspent by 31/03/2002" in done.underspend_warning()
    # Mid-year: two quarters ended; the rest forecast at the larger of planned and committed.
    mid = programme_view(NRF, FY, plan, [spent], date(2001, 10, 15))
    assert mid.quarters_ended == 2
    assert mid.spent_to_date == 490_000
    assert mid.profile_to_date == 500_000
    assert mid.forecast_spend == 490_000 + 500_000
    assert "is forecast to be left unspent" in mid.underspend_warning()
    # A fund whose money does not lapse warns of nothing.
    mainstream = Fund("Mainstream", "MAIN", lapses=False, id=1)
    assert programme_view(mainstream, FY, plan, [spent], date(2002, 6, 30)).underspend_warning() == ""


def test_deferral_holds_back_a_third_via_the_accreditation_rule():
    allocations = {"2001/02": 1_000_000, "2002/03": 1_500_000}
    # Deferred in February 2002 (2001/02): the year the decision affects is 2002/03.
    rnd = AssessmentRound("Accreditation", financial_year="2001/02", outcome=Outcome.DEFERRED,
                          review_date=date(2002, 9, 30))
    consequence = nrf_consequence(rnd, allocations)
    assert consequence.financial_year == "2002/03"
    assert consequence.released == 1_005_000        # 67% of 2002/03's
    plan = FundYear(1, consequence.financial_year, 1_500_000, {"crime": 1_000_000})
    view = programme_view(NRF, consequence.financial_year, plan, [], date(2002, 6, 30),
                          held_back=consequence.withheld)
    assert view.held_back == 495_000
    assert view.available == 1_005_000
    assert view.forecast_underspend == 1_005_000


def test_validation_of_money():
    assert validate_fund_year(FundYear(1, FY, 100, {"crime": 80, "health": 30}))[0].message \
        == "The themes share out £110, more than the £100 allocated."
    bad = Project("P-001", "Wardens", 1, "crime", budgets={FY: 10.5},
                  quarters=(QuarterFigures(FY, 5, spent=-1),))
    messages = [e.message for e in validate_project(bad, ["p-001"])]
    assert "P-001 is already used by another project." in messages
    assert "The budget for 2001/02 must be whole pounds." in messages
    assert "Quarter 5 is not 1 to 4." in messages
    assert next_project_reference(["P-001", "P-009", "X"]) == "P-010"


TARGET = Target(1, "crime", "Burglaries per 1,000 households", baseline_value=40.0,
                baseline_date=date(2000, 4, 1), target_value=30.0,
                target_date=date(2004, 4, 1))


@pytest.mark.parametrize(("value", "status"), [
    (35.0, TrackStatus.ON_TRACK),     # the line is at 35 halfway
    (34.0, TrackStatus.ON_TRACK),     # ahead (lower is better here)
    (35.9, TrackStatus.AT_RISK),      # behind by 0.9 of a 10-point span
    (36.0, TrackStatus.AT_RISK),      # exactly 10% behind
    (37.5, TrackStatus.OFF_TRACK),
])
def test_trajectory_status(value, status):
    halfway = date(2002, 4, 1)
    points = [TargetPoint(date(2001, 4, 1), 50.0), TargetPoint(halfway, value)]
    assert track_status(TARGET, points) == status


def test_status_without_a_series_uses_the_latest_value_and_else_no_data():
    from dataclasses import replace

    assert track_status(replace(TARGET, latest_value=39.0, latest_date=date(2002, 4, 1))) \
        == TrackStatus.OFF_TRACK
    assert track_status(TARGET) == TrackStatus.NO_DATA
    assert track_status(replace(TARGET, baseline_value=None), [TargetPoint(date(2002, 1, 1), 3)]) \
        == TrackStatus.NO_DATA


def test_recent_values_and_point_checks():
    today = date(2002, 6, 30)
    assert has_recent_value([TargetPoint(date(2002, 1, 1), 1)], today)
    assert not has_recent_value([TargetPoint(date(2001, 12, 31), 1)], today)
    assert not has_recent_value([], today)
    errors = validate_points([TargetPoint(date(2002, 1, 1), 1), TargetPoint(date(2002, 1, 1), 2),
                              TargetPoint(date(2002, 4, 1), float("nan"))])
    assert [e.message for e in errors] == ["Two values are dated 01/01/2002.",
                                           "The value dated 01/04/2002 is not a number."]


def test_floor_targets_cover_the_six_themes():
    assert {str(f.theme) for f in FLOOR_TARGETS} == {
        "crime", "education and skills", "employment", "health", "housing", "liveability"}


def test_values_after_the_day_asked_about_are_not_known_yet():
    points = [TargetPoint(date(2002, 3, 31), 35.0), TargetPoint(date(2002, 6, 30), 39.0)]
    assert track_status(TARGET, points, date(2002, 6, 1)) == TrackStatus.ON_TRACK
    assert track_status(TARGET, points, date(2002, 7, 1)) == TrackStatus.OFF_TRACK
    assert has_recent_value(points[1:], date(2002, 6, 1)) is False
    assert has_recent_value(points, date(2002, 6, 1)) is True
