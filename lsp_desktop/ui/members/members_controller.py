"""The Members tab's state and rules without Qt: the filter choices, what the buttons and
shortcuts allow, the count line, the members offered as deputies, what a delete asks."""

from __future__ import annotations

from dataclasses import dataclass

from lsp_desktop.domain.members import CATEGORIES, Member, MemberRow, Sector

Choices = list[tuple[str, str]]     # (label, value) of a combo box, in order

SECTOR_CHOICES: Choices = [("All sectors", ""), *((s.label, s.value) for s in Sector)]
CATEGORY_CHOICES: Choices = [("All categories", ""), *((n, n) for n in CATEGORIES)]
STATUS_CHOICES: Choices = [("Current members", "current"),
                           ("Former (or not yet) members", "former"),
                           ("Current and former", "")]
FIRST_STATUS = "current"            # the register opens on the current board


@dataclass(frozen=True)
class MemberButtons:
    edit: bool           # Edit… (View… when read-only) needs a member chosen
    end_term: bool
    delete: bool


class MembersController:
    def __init__(self, read_only: bool = False):
        self.read_only = read_only

    @property
    def edit_text(self) -> str:
        # A read-only register can still be looked at, member by member.
        return "Vie&w…" if self.read_only else "Ed&it…"

    @property
    def can_add(self) -> bool:
        return not self.read_only

    def buttons(self, chosen: bool) -> MemberButtons:
        return MemberButtons(edit=chosen, end_term=chosen and not self.read_only,
                             delete=chosen and not self.read_only)

    def shortcuts(self, active: bool) -> tuple[bool, bool]:
        """Ctrl+N and Ctrl+F (new member, filter) belong to the tab in front."""
        return active and not self.read_only, active

    @staticmethod
    def count_text(shown: int, total: int) -> str:
        return f"{shown} of {total} members shown"

    @staticmethod
    def deputy_choices(current: list[MemberRow]) -> list[tuple[int, str]]:
        """(id, name) of the current members, in the register's order (the search key
        begins with the family name): whom a member may deputise for."""
        return [(r.id, r.name) for r in sorted(current, key=lambda r: r.search_key)]

    @staticmethod
    def delete_question(member: Member) -> str:
        return (f"Delete {member.display_name} and their terms and declarations?\n\n"
                "To record that someone left the board, end their term instead: "
                "deleting removes them from the history. (Edit ▸ Undo brings them back.)")
