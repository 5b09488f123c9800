"""The owners a list of actions names, read alone, are those of the whole register."""

from __future__ import annotations

from datetime import date

import pytest

TODAY = date(2002, 6, 30)


@pytest.mark.parametrize("pick", ["none", "some", "many", "unknown"])
def test_owners_among_are_the_registers_owners(demo_services, pick):
    everyone = demo_services.actions.owners(TODAY)
    ids = [o.id for o in everyone]
    among = {"none": set(), "some": set(ids[::3]), "many": set(ids) | set(range(10**6, 10**6 + 600)),
             "unknown": {10**7}}[pick]
    assert demo_services.actions.owners(TODAY, among=among) == [
        o for o in everyone if o.id in among]
    assert any(not o.current for o in everyone) and any(o.current for o in everyone)
