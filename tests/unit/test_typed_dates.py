"""The one date reader behind every date field: dates as officers type them, or a refusal."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsp_desktop.domain.dates import DateTextError, could_become_date, full_year, read_date


@pytest.mark.parametrize("typed", ["01/04/2002", "1/4/2002", "1.4.2002", "1-4-02", "2002-04-01",
                                   " 01/04/2002 ", "01.04.02", "1/4/02", "01042002", "2002-4-1"])
def test_the_ways_officers_type_the_first_of_april_2002(typed):
    assert read_date(typed) == date(2002, 4, 1)


@pytest.mark.parametrize(("two", "year"), [(0, 2000), (2, 2002), (69, 2069), (70, 1970), (99, 1999)])
def test_two_digit_years_fall_either_side_of_1970(two, year):
    assert full_year(two) == year
    assert read_date(f"15/06/{two:02d}").year == year


@pytest.mark.parametrize(("typed", "says"), [
    ("31/06/2002", "June 2002 has 30 days"),
    ("29/02/2003", "February 2003 has 28 days"),
    ("30/02/2004", "February 2004 has 29 days"),
    ("01/13/2002", "there is no month 13"),
    ("2002-06-31", "June 2002 has 30 days"),
    ("00/04/2002", "April 2002 has 30 days"),
])
def test_a_date_that_does_not_exist_is_refused_never_moved(typed, says):
    with pytest.raises(DateTextError) as e:
        read_date(typed)
    assert says in str(e.value)
    assert typed in str(e.value)


@pytest.mark.parametrize("typed", ["next tuesday", "1/4", "01/04/2002x", "1/4-2002", "", "   ",
                                   "01/04/200", "30/12/00006/2002"])
def test_text_that_is_not_a_date_is_refused(typed):
    with pytest.raises(DateTextError):
        read_date(typed)


def test_the_leap_day_of_a_leap_year_is_kept():
    assert read_date("29/02/2004") == date(2004, 2, 29)


def test_text_on_its_way_to_a_date_may_be_typed():
    assert could_become_date("01/0")
    assert could_become_date("")
    assert not could_become_date("01/04/2002/")
    assert not could_become_date("abc")


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_date_shown_the_british_way_reads_back_as_itself(day):
    assert read_date(day.strftime("%d/%m/%Y")) == day
    assert read_date(day.isoformat()) == day
