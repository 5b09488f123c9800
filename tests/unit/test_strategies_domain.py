"""Pure rules of strategies: word counts, empty components, target status, word diffs."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from lsp_desktop.domain.strategies import (
    DiffKind,
    Section,
    SectionChange,
    StrategyType,
    Target,
    TargetStatus,
    compare_sections,
    diff_words,
    empty_components,
    parse_number,
    target_flags,
    target_gap,
    target_progress,
    target_status,
    validate_target,
    word_count,
)

D = date


def _target(**kw) -> Target:
    base = dict(strategy_id=1, theme="crime", indicator="Burglaries per 1,000 households",
                baseline_value=40.0, baseline_date=D(2001, 4, 1), target_value=30.0,
                target_date=D(2005, 4, 1))
    base.update(kw)
    return Target(**base)


def test_word_count_ignores_markup_and_link_addresses():
    assert word_count("# Our vision\n\n**Bold** and *italic* [a link](http://example.org/x y)") == 7
    assert word_count("") == 0
    assert word_count("Llŷr's café - ŵ & <b>") == 4   # Llŷr's, café, ŵ, b


def test_empty_components_follow_renamed_sections():
    sections = (Section("Our vision for 2012", "Thameside will be", component="Long-term vision"),
                Section("Action plan", ""), Section("Shared commitment", "We agree"))
    assert empty_components(sections, StrategyType.COMMUNITY) == (
        "Action plan", "Arrangements for monitoring")


def test_target_falling_ahead_of_the_line_is_on_track():
    # Halfway through the period the line is at 35; 34 is better than that.
    t = _target(latest_value=34.0, latest_date=D(2003, 4, 1))
    assert target_status(t, D(2003, 6, 1)) == TargetStatus.ON_TRACK
    assert target_progress(t) == 0.6


def test_target_behind_the_line_is_off_track():
    t = _target(latest_value=38.0, latest_date=D(2003, 4, 1))
    assert target_status(t, D(2003, 6, 1)) == TargetStatus.OFF_TRACK
    assert abs(target_progress(t) - 0.2) < 1e-9


def test_rising_target_and_missing_data():
    t = _target(theme="employment", baseline_value=60.0, target_value=70.0,
                latest_value=66.0, latest_date=D(2003, 4, 1))
    assert target_status(t, D(2003, 6, 1)) == TargetStatus.ON_TRACK
    assert target_status(_target(), D(2003, 1, 1)) == TargetStatus.NO_DATA
    no_base = _target(baseline_value=None, baseline_date=None, latest_value=30.0)
    assert target_status(no_base, D(2003, 1, 1)) == TargetStatus.NO_DATA
    assert target_flags(no_base) == ("no baseline",)
    assert target_flags(_target()) == ("no latest value",)
    assert target_progress(_target(latest_value=10.0)) == 1.0   # beyond the target: capped


def test_gap_to_comparison_figure():
    t = _target(latest_value=36.0, comparison_value=20.0, comparison_label="national")
    assert target_gap(t) == 16.0
    assert target_gap(_target()) is None


def test_target_date_before_baseline_and_bad_numbers():
    errors = validate_target(_target(target_date=D(2000, 1, 1)))
    assert [e.field for e in errors] == ["target_date"]
    assert "must be after" in errors[0].message
    value, error = parse_number("twelve", "baseline_value", "Baseline")
    assert value is None and error.field == "baseline_value" and "not a number" in error.message
    assert parse_number("1,234.5", "x", "X") == (1234.5, None)
    assert parse_number("  ", "x", "X") == (None, None)


def test_compare_marks_word_insertions_and_deletions():
    old = (Section("Vision", "A safer & greener Thameside.", id=1),
           Section("Old", "Dropped text", id=2))
    new = (Section("Long-term vision", "A safer, greener and fairer Thameside.", id=1),
           Section("New", "Added <b> text", id=3))
    diffs = compare_sections(old, new)
    assert [d.change for d in diffs] == [SectionChange.CHANGED, SectionChange.REMOVED,
                                         SectionChange.ADDED]
    first = diffs[0]
    assert first.title == "Vision → Long-term vision"
    deleted = "".join(o.text for o in first.ops if o.kind == DiffKind.DELETE)
    inserted = "".join(o.text for o in first.ops if o.kind == DiffKind.INSERT)
    assert "&" in deleted and "fairer" in inserted
    # The new text is the equal and inserted parts, exactly.
    assert "".join(o.text for o in first.ops if o.kind != DiffKind.DELETE) == new[0].body
    assert diffs[2].ops[0].text == "Added <b> text"
    assert compare_sections(new, new)[0].change == SectionChange.UNCHANGED


_texts = st.lists(st.sampled_from(["the", "board", "ŵ", "<b>", "&", "Llŷr", "\n\n", "\n",
                                   "- item", "**bold**", "  "]), max_size=60).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_texts, _texts)
def test_diff_gives_back_both_texts(old, new):
    ops = diff_words(old, new)
    assert "".join(o.text for o in ops if o.kind != DiffKind.DELETE) == new
    assert [w for o in ops if o.kind != DiffKind.INSERT for w in o.text.split()] == old.split()


def test_diff_lines_up_paragraphs_when_one_is_added():
    paras = [f"Paragraph {i} about housing and health in Thameside." for i in range(6)]
    old = "\n\n".join(paras)
    new = "\n\n".join(paras[:2] + ["A brand new paragraph."] + paras[2:4]
                       + [paras[4].replace("health", "jobs")] + paras[5:])
    ops = diff_words(old, new)
    assert [o.text.strip() for o in ops if o.kind == DiffKind.INSERT] == [
        "A brand new paragraph.", "jobs"]
    assert [o.text.strip() for o in ops if o.kind == DiffKind.DELETE] == ["health"]
