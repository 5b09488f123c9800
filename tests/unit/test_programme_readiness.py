"""Readiness feeds from the programme: recent target values, spend against profile, underspend."""

from datetime import date

from lsp_desktop.domain.criteria import Rating
from lsp_desktop.domain.readiness import (
    ProgrammeFacts,
    ReadinessInput,
    SeriesFacts,
    recent_values_signals,
    spend_signals,
)

TODAY = date(2002, 6, 30)


def test_recent_values_share_and_at_risk_named():
    data = ReadinessInput(TODAY, target_series=(
        SeriesFacts("Burglary", True, "off track"), SeriesFacts("GCSEs", True, "at risk"),
        SeriesFacts("Jobs", False, "on track"), SeriesFacts("Health", False, "no data")))
    [signal] = recent_values_signals(data)
    assert signal.level == Rating.AMBER_GREEN
    assert signal.sentence == ("2 of 4 targets (50%) have a value from the last two quarters; "
                               "1 at risk: GCSEs.")
    assert recent_values_signals(ReadinessInput(TODAY)) == []


def test_spend_against_profile_and_underspend():
    facts = ProgrammeFacts("2002/03", 1_000_000, 180_000, 200_000, 60_000)
    profile, underspend = spend_signals(ReadinessInput(TODAY, programme=facts))
    assert profile.level == Rating.AMBER_GREEN and "(90%)" in profile.sentence
    assert profile.sentence.startswith("£180,000 of NRF spent in 2002/03 against a profile of "
                                       "£200,000")
    assert underspend.level == Rating.AMBER_RED
    assert "£60,000 (6%) of the £1,000,000 NRF available in 2002/03" in underspend.sentence
    [only] = spend_signals(ReadinessInput(TODAY, programme=ProgrammeFacts(
        "2002/03", 1_000_000, 0, 0, 0)))
    assert only.level == Rating.GREEN and "forecast to be spent" in only.sentence


def test_demo_readiness_carries_the_feeds(demo_services):
    _round, report = demo_services.readiness.report(None, TODAY)
    keys = {s.key for r in report for s in r.signals}
    assert {"recent values", "spend against profile", "underspend"} <= keys
