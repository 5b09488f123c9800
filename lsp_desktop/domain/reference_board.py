"""A reference board to show a partnership's sector balance beside (the guidance sets no quota)."""

from __future__ import annotations

from dataclasses import dataclass

from lsp_desktop.domain.members import Balance, Sector


@dataclass(frozen=True)
class ReferenceBoard:
    """A real board of the period, seat by seat, as the guidance's own example."""

    name: str
    seats: tuple[tuple[str, Sector, int], ...]      # (group, sector, seats)

    @property
    def total(self) -> int:
        return sum(n for _, _, n in self.seats)

    @property
    def by_sector(self) -> dict[Sector, int]:
        counts = {s: 0 for s in Sector}
        for _, sector, n in self.seats:
            counts[sector] += n
        return counts

    def description(self) -> str:
        groups = ", ".join(f"{n} {group}" for group, _, n in self.seats)
        return f"{self.name}: {self.total} seats ({groups})"


# Southwark's LSP board in 2002, the example the period's guidance and press gave.
SOUTHWARK_2002 = ReferenceBoard("Southwark, 2002", (
    ("residents", Sector.COMMUNITY, 6),
    ("voluntary organisations", Sector.VOLUNTARY, 5),
    ("faith representatives", Sector.COMMUNITY, 2),
    ("business representatives", Sector.PRIVATE, 2),
    ("statutory agencies", Sector.PUBLIC, 11),
))


@dataclass(frozen=True)
class BalanceLine:
    sector: Sector
    seats: int
    share: float
    reference_seats: int
    reference_share: float


def balance_beside_reference(balance: Balance, reference: ReferenceBoard = SOUTHWARK_2002
                             ) -> list[BalanceLine]:
    """Each sector's seats and share on the board beside the reference board's."""
    ref = reference.by_sector
    return [BalanceLine(s, balance.by_sector.get(s, 0),
                        balance.by_sector.get(s, 0) / balance.total if balance.total else 0.0,
                        ref[s], ref[s] / reference.total if reference.total else 0.0)
            for s in Sector]


def balance_sentence(balance: Balance, reference: ReferenceBoard = SOUTHWARK_2002) -> str:
    """`community 8 of 26 (31%; Southwark, 2002: 8 of 26, 31%), ...` for every sector."""
    parts = [f"{line.sector.label.lower()} {line.seats} of {balance.total} "
             f"({line.share:.0%}; {reference.name}: {line.reference_seats} of "
             f"{reference.total}, {line.reference_share:.0%})"
             for line in balance_beside_reference(balance, reference)]
    return "; ".join(parts)
