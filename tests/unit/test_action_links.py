"""Links from actions to targets and areas of concern follow the records they name."""

from lsp_desktop.domain.actions import Action


def test_deleting_a_target_clears_the_actions_that_answered_it(demo_services):
    linked = [a for a in demo_services.actions.list_actions() if a.target_id is not None]
    assert linked, "the demo links some actions to targets"
    target_id = linked[0].target_id
    demo_services.strategies.delete_target(target_id)
    after = {a.id: a for a in demo_services.actions.list_actions()}
    for action in linked:
        if action.target_id == target_id:
            assert after[action.id].target_id is None
    assert len(after) == len(demo_services.actions.list_actions())


def test_concern_choices_name_the_round_and_feed_actions(demo_services):
    choices = demo_services.accreditation.concern_choices()
    assert choices, "the demo's GO review has areas of concern"
    concern_id, label = choices[0]
    assert label.startswith("Accreditation 2001/02: ")
    action = demo_services.actions.add(Action(reference="", title="Answer the concern",
                                              concern_id=concern_id))
    assert demo_services.actions.get(action.id).concern_id == concern_id
    demo_services.accreditation.remove_concern(concern_id)
    assert demo_services.actions.get(action.id).concern_id is None
