"""The member dialog's rules without Qt: the choices it offers, which sector a category
implies, who may be deputised for, where problems show, and whether Save may save."""

from __future__ import annotations

from datetime import date

from lsp_desktop.domain.categories import CATALOGUE
from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.members import CATEGORIES, Member, Role, Sector, Term, validate_member
from lsp_desktop.domain.text import fold

DETAILS, CONTACT, TERMS, DECLARATIONS, NOTES = range(5)      # the dialog's pages
NO_LONGER_SERVING = "(a member no longer serving)"


def title_of(member: Member | None) -> str:
    return "Edit member" if member and member.id else "New member"


def blank_member(today: date) -> Member:
    """A new member: no sector chosen yet in the form, one term from today."""
    return Member(name="", sector=Sector.COMMUNITY, terms=(Term(today),))


def sector_choices() -> list[tuple[str, str | None]]:
    # Plain strings as data: Qt turns a str enum into a plain str anyway.
    return [("— choose —", None), *((s.label, s.value) for s in Sector)]


def chosen_sector(member: Member | None) -> str | None:
    """The sector shown at first: a new member's must be chosen."""
    return Sector(member.sector).value if member else None


def category_choices() -> list[tuple[str, str]]:
    """The catalogue's categories with the sector each suggests and, for bodies that came
    or went, the years they existed ("Benefits Agency (public, to 31/03/2002)")."""
    return [("", ""), *((f"{c.name} ({c.sector.value}{', ' + c.period() if c.period() else ''})",
                         c.name) for c in CATALOGUE)]


def sector_of(category: str | None) -> str | None:
    """The sector a category suggests (filled in while no sector is chosen), or None."""
    sector = CATEGORIES.get(category or "")
    return sector.value if sector is not None else None


def role_choices() -> list[tuple[str, str]]:
    return [(r.label, r.value) for r in Role]


def deputy_choices(current_members: list[tuple[int, str]], member: Member | None,
                   deputy_id: int | None) -> list[tuple[str, int | None]]:
    """Whom the member may deputise for: the current members but themself; the one already
    set stays even when no longer serving."""
    choices: list[tuple[str, int | None]] = [("", None)]
    choices += [(name, mid) for mid, name in current_members
                if member is None or mid != member.id]
    if deputy_id is not None and deputy_id not in {mid for _n, mid in choices}:
        choices.append((NO_LONGER_SERVING, deputy_id))
    return choices


class DeputyLookup:
    """Whom a substitute may deputise for, asked of the members service as the officer
    types, never all members: those serving on `on` but the member themself (`member_id`),
    and the one already set (`keep`) said if no longer serving; as deputy_choices() offers."""

    def __init__(self, service, on: date, member_id: int | None = None,
                 keep: int | None = None):
        self._service = service
        self._on = on
        self._member_id = member_id
        self._keep = keep
        self._kept = ...                 # the label of the one already set, when wanted

    def _kept_label(self) -> str | None:
        if self._kept is ...:
            self._kept = self._label(self._keep)
        return self._kept

    def _label(self, value) -> str | None:
        found = self._service.name_on(value, self._on) if value != self._member_id else None
        if found is not None and found[1]:
            return found[0]
        return NO_LONGER_SERVING if value == self._keep else None

    def find(self, typed: str, limit: int) -> list[tuple[str, int]]:
        needle = fold(typed)
        if not needle:
            return []
        found = [(name, mid) for mid, name in self._service.find_serving(
            typed, self._on, limit, exclude=self._member_id)]
        if (self._keep is not None and len(found) < limit
                and self._kept_label() == NO_LONGER_SERVING
                and needle in fold(NO_LONGER_SERVING)):
            found.append((NO_LONGER_SERVING, self._keep))
        return found

    def label(self, value) -> str | None:
        if value is None:
            return None
        return self._kept_label() if value == self._keep else self._label(value)

    def serving(self, ids: set[int]) -> set[int]:
        """Those of `ids` serving on the day the register shows."""
        return self._service.current_ids(self._on, among=ids) if ids else set()


def deputy_allowed(role: str | None) -> bool:
    """Only a substitute deputises for someone."""
    return role == Role.SUBSTITUTE.value


def by_field(errors: list[FieldError], fields) -> dict[str, list[str]]:
    """Each message under the field that shows it (others under the name)."""
    fields = set(fields)
    found: dict[str, list[str]] = {}
    for e in errors:
        found.setdefault(e.field if e.field in fields else "name", []).append(e.message)
    return found


def page_to_show(placed: dict[str, list[str]]) -> int:
    if "terms" in placed and len(placed) == 1:
        return TERMS
    if "email" in placed and len(placed) == 1:
        return CONTACT
    return DETAILS


def problems(member: Member, current_ids: set[int]) -> list[FieldError]:
    """What stops a save (the service checks the same again)."""
    return validate_member(member, current_ids)
