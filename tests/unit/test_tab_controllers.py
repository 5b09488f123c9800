"""The Members and Action plans tabs' rules, tested without Qt: filter choices, the filter a
bar means, what the buttons allow, the count line, what a delete asks."""

from __future__ import annotations

import subprocess
import sys

from lsp_desktop.domain.actions import NO_CRITERION, Action, ActionFilter, GroupBy
from lsp_desktop.domain.criteria import Criterion
from lsp_desktop.domain.members import CATEGORIES, Member, MemberRow, Sector
from lsp_desktop.domain.strategies import Theme
from lsp_desktop.domain.text import fold
from lsp_desktop.ui.actions.actions_controller import (
    CRITERION_CHOICES,
    GROUP_CHOICES,
    PROGRESS_CHOICES,
    STATUS_CHOICES,
    ActionsController,
)
from lsp_desktop.ui.members.members_controller import (
    CATEGORY_CHOICES,
    SECTOR_CHOICES,
    MembersController,
)
from lsp_desktop.ui.members.members_controller import STATUS_CHOICES as MEMBER_STATUSES


def test_the_controllers_load_without_qt():
    code = ("import sys, lsp_desktop.ui.members.members_controller, "
            "lsp_desktop.ui.actions.actions_controller; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# -- members --------------------------------------------------------------------------------
def test_member_filters_offer_every_sector_and_category_after_all():
    assert SECTOR_CHOICES[0] == ("All sectors", "")
    assert [v for _l, v in SECTOR_CHOICES[1:]] == [s.value for s in Sector]
    assert [v for _l, v in CATEGORY_CHOICES] == ["", *CATEGORIES]
    assert [v for _l, v in MEMBER_STATUSES] == ["current", "former", ""]


def test_member_buttons_need_a_member_and_a_writable_file():
    officer = MembersController()
    assert not any(vars(officer.buttons(False)).values())
    assert all(vars(officer.buttons(True)).values())
    assert officer.edit_text == "Ed&it…" and officer.can_add
    viewer = MembersController(read_only=True)
    allowed = viewer.buttons(True)
    assert allowed.edit and not allowed.end_term and not allowed.delete
    assert viewer.edit_text == "Vie&w…" and not viewer.can_add


def test_ctrl_n_and_ctrl_f_belong_to_the_tab_in_front():
    assert MembersController().shortcuts(active=True) == (True, True)
    assert MembersController().shortcuts(active=False) == (False, False)
    assert MembersController(read_only=True).shortcuts(active=True) == (False, True)


def test_member_count_deputies_and_delete_question():
    assert MembersController.count_text(3, 120) == "3 of 120 members shown"

    def row(i, name):
        return MemberRow(i, name, "Body", "public", "", "member", None, None, True, False,
                         name.casefold())

    rows = [row(1, "zoe Adams"), row(2, "Ann Brown"), row(3, "Ćwik")]
    assert MembersController.deputy_choices(rows) == [(2, "Ann Brown"), (1, "zoe Adams"),
                                                      (3, "Ćwik")]
    question = MembersController.delete_question(Member(name="Ann Brown", title="Cllr",
                                                        sector=Sector.PUBLIC))
    assert question.startswith("Delete Cllr Ann Brown and their terms and declarations?")
    assert "end their term instead" in question and "Undo" in question


# -- actions --------------------------------------------------------------------------------
def test_action_filter_choices():
    assert STATUS_CHOICES[:2] == [("Any status", ""), ("Open (not complete or dropped)", "open")]
    assert PROGRESS_CHOICES[0] == ("Any rating", "") and PROGRESS_CHOICES[-1] == ("Not rated",
                                                                                 "-")
    assert [v for _l, v in CRITERION_CHOICES] == ["", *(c.value for c in Criterion),
                                                  NO_CRITERION]
    assert [v for _l, v in GROUP_CHOICES] == list(GroupBy)


def test_the_bar_means_one_filter_and_any_is_empty():
    assert ActionsController.filter("  Youth ", None, "", None, None, None) == ActionFilter(
        text="  Youth ")
    flt = ActionsController.filter("x", "open", "-", "member:4", NO_CRITERION, "-", True, True)
    assert (flt.status, flt.progress, flt.owner, flt.criterion, flt.theme) == (
        "open", "-", "member:4", NO_CRITERION, "-")
    assert flt.overdue and flt.due_soon


def test_owner_and_theme_lists_come_from_the_actions():
    actions = [Action(reference="A-1", title="a", owner_member_id=4, theme="housing"),
               Action(reference="A-2", title="b", owner_body="Thameside PCT", theme=" Arts "),
               Action(reference="A-3", title="c", owner_member_id=4),
               Action(reference="A-4", title="d")]
    names = {4: "Zoe Adams"}

    def owner_text(a):
        return names.get(a.owner_member_id, a.owner_body)

    assert ActionsController.owner_choices(actions, owner_text) == [
        (f"body:{fold('Thameside PCT')}", "Thameside PCT"), ("member:4", "Zoe Adams")]
    themes = ActionsController.theme_choices(actions)
    assert ("arts", "Arts") in themes and themes[-1] == ("-", "No theme")
    assert {t.value for t in Theme} <= {label.casefold() for _k, label in themes}
    assert [k for k, _l in themes[:-1]] == sorted(k for k, _l in themes[:-1])


def test_action_buttons_and_delete_question():
    allowed = ActionsController().buttons()
    assert all(vars(allowed).values())
    viewer = ActionsController(read_only=True).buttons()
    assert viewer.edit and not any((viewer.add, viewer.note, viewer.complete, viewer.bulk,
                                    viewer.delete))
    asked = []
    one = ActionsController.delete_question(1, lambda: asked.append(1) or "A-007")
    assert one.startswith("Delete action A-007 with milestones and notes?")
    assert ActionsController.delete_question(3, lambda: asked.append(3) or "?").startswith(
        "Delete 3 actions")
    assert asked == [1]                       # the reference is looked up only when alone
    assert ActionsController.count_text(2, 9) == "2 of 9 actions shown"
