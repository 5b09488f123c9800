"""The demo partnership's strategies are as the issue describes them."""

from lsp_desktop.domain.strategies import TargetStatus, Theme, target_flags, target_status
from tests.conftest import TODAY


def test_demo_strategies(demo_services):
    svc = demo_services.strategies
    community, nrs = svc.summaries()
    assert (community.status.value, community.version_count) == ("agreed", 3)
    assert (nrs.status.value, nrs.version_count) == ("agreed", 3)     # agreed April 2002
    [then] = [x for x in svc.summaries(on=TODAY.replace(month=3, day=31)) if x.id == nrs.id]
    assert (then.status.value, then.version_count) == ("consultation draft", 2)
    targets = svc.targets()
    assert {t.theme for t in targets} >= {t.value for t in Theme}
    statuses = {target_status(t, TODAY) for t in targets}
    assert statuses == {TargetStatus.ON_TRACK, TargetStatus.OFF_TRACK, TargetStatus.NO_DATA}
    assert sum("no baseline" in target_flags(t) for t in targets) == 1
    assert len(svc.neighbourhoods()) == 2
    assert len(svc.endorsements(community.id)) >= 5
    assert svc.not_endorsed(community.id, 3, TODAY)
    assert len(svc.consultations()) >= 3
    # Every target's lead partner is a body on the register.
    bodies = set(svc.all_bodies())
    assert all(t.lead_partner in bodies for t in targets)
