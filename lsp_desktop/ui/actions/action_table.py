"""Table model of the action plan: filtering, sorting and grouping with subtotals in-model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from lsp_desktop.domain.actions import (
    Action,
    ActionFilter,
    ActionSummary,
    GroupBy,
    Progress,
    group_actions,
    matches,
    owner_label,
    reference_sort_key,
    search_key,
    summary_text,
)
from lsp_desktop.domain.text import fold, format_date, format_pounds
from lsp_desktop.ui.common.record_table import RecordTableModel
from lsp_desktop.ui.common.roles import ID_ROLE, OVERDUE_ROLE, SORT_ROLE

(REFERENCE, TITLE, ANSWERS, THEME, OWNER, LEAD, START, DUE, STATUS, RATING, OVERDUE, AMOUNT,
 SOURCE, MILESTONES) = range(14)
HEADERS = ("Ref", "Title", "Answers", "Theme", "Owner", "Lead officer", "Start", "Due",
           "Status", "Progress", "Overdue", "Amount", "Source", "Milestones")

OVERDUE_COLOUR = "#b00020"
PROGRESS_TINTS = {Progress.GREEN: "#c8e6c9", Progress.AMBER: "#ffe0b2", Progress.RED: "#ffcdd2"}
_OVERDUE_FG = QBrush(QColor(OVERDUE_COLOUR))
_OVERDUE_BG = QBrush(QColor("#fdecea"))
_FORMER_FG = QBrush(QColor("#6b6b6b"))
_GROUP_BG = QBrush(QColor("#e8eaf0"))
_TINTS = {p: QBrush(QColor(c)) for p, c in PROGRESS_TINTS.items()}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class GroupHeader:
    """A group's heading row with its subtotal."""

    label: str
    summary: ActionSummary


def warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


class ActionTableModel(RecordTableModel):
    """Holds every action; shows those passing the filter, sorted, optionally grouped.

    Filtering and sorting run on plain Python lists (as the members model does):
    a QSortFilterProxyModel would call data() per comparison, far too slow for
    ten thousand rows. Group headings are rows of their own, not selectable.
    """

    HEADERS = HEADERS

    def __init__(self, today: date | None = None, parent=None):
        super().__init__(parent)
        self.today = today or date.today()
        self._all: list[Action] = []
        self._keys: list[str] = []
        self._visible: list[Action] = []
        self._names: dict[int, str] = {}
        self._former: set[int] = set()
        self._targets: dict[int, str] = {}
        self._concerns: dict[int, str] = {}
        self._cache: dict[int, tuple] = {}
        self._filter = ActionFilter()
        self._group = GroupBy.NONE
        self._sort: tuple[int, Qt.SortOrder] = (REFERENCE, Qt.SortOrder.AscendingOrder)
        self._icon: QIcon | None = None

    # -- feeding ---------------------------------------------------------
    def set_rows(self, actions: list[Action], member_names: dict[int, str] | None = None,
                 former_ids: set[int] | None = None, targets: dict[int, str] | None = None,
                 concerns: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self._all = list(actions)
        if member_names is not None:
            self._names = dict(member_names)
        if former_ids is not None:
            self._former = set(former_ids)
        if targets is not None:
            self._targets = dict(targets)
        if concerns is not None:
            self._concerns = dict(concerns)
        self._cache = {}
        self._keys = [search_key(a, self.owner_text(a)) for a in self._all]
        self._apply()
        self.endResetModel()

    def set_filter(self, flt: ActionFilter) -> None:
        self.beginResetModel()
        self._filter = flt
        self._apply()
        self.endResetModel()

    def set_grouping(self, by: GroupBy) -> None:
        self.beginResetModel()
        self._group = GroupBy(by)
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        flt, today = self._filter, self.today
        shown = [a for a, k in zip(self._all, self._keys, strict=True)
                 if matches(a, flt, today, k)]
        column, order = self._sort
        shown.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self._visible = shown
        if self._group == GroupBy.NONE:
            self._records = list(shown)
            return
        rows: list[Action | GroupHeader] = []
        for g in group_actions(shown, self._group, today, self._names):
            rows.append(GroupHeader(g.label, g.summary))
            rows.extend(g.actions)
        self._records = rows

    def _sort_key(self, column: int):
        today = self.today
        if column == REFERENCE:
            return lambda a: reference_sort_key(a.reference)
        if column in (START, DUE):
            attr = "start" if column == START else "due"
            return lambda a: (getattr(a, attr) is None, getattr(a, attr) or date.min)
        if column == OVERDUE:
            return lambda a: -a.days_overdue(today)
        if column == AMOUNT:
            return lambda a: a.amount or 0
        if column == RATING:
            order = {Progress.RED: 0, Progress.AMBER: 1, Progress.GREEN: 2, None: 3}
            return lambda a: order[a.progress]
        if column == MILESTONES:
            return lambda a: (sum(m.done is not None for m in a.milestones), len(a.milestones))
        return lambda a: fold(self._display(a)[column])

    # -- reading ---------------------------------------------------------
    @property
    def filter(self) -> ActionFilter:
        return self._filter

    @property
    def grouping(self) -> GroupBy:
        return self._group

    def owner_text(self, a: Action) -> str:
        text = owner_label(a, self._names)
        if a.owner_member_id in self._former:
            text += " (left the board)"
        return text

    def answers_text(self, a: Action) -> str:
        """Every purpose, criteria first: `Strategic; Target: Burglary; Concern: ...`."""
        parts = [c.label for c in a.criteria]
        parts += ["Target: " + self._targets.get(t, f"#{t}") for t in a.target_ids]
        parts += ["Concern: " + self._concerns.get(c, f"#{c}") for c in a.concern_ids]
        return "; ".join(parts)

    def group_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._records) if isinstance(r, GroupHeader)]

    def action_at(self, row: int) -> Action | None:
        item = self._records[row]
        return item if isinstance(item, Action) else None

    def visible_actions(self) -> list[Action]:
        """The actions shown, in table order (ungrouped)."""
        return list(self._visible)

    def entries(self) -> list[Action | GroupHeader]:
        """What the table shows, group headings included, in order (the timeline's rows)."""
        return list(self._records)

    def all_actions(self) -> list[Action]:
        return list(self._all)

    def member_names(self) -> dict[int, str]:
        return dict(self._names)

    def row_of(self, action_id: int) -> int:
        return next((i for i, r in enumerate(self._records)
                     if isinstance(r, Action) and r.id == action_id), -1)

    def _display(self, a: Action) -> tuple:
        cached = self._cache.get(a.id) if a.id is not None else None
        if cached is None:
            done = sum(m.done is not None for m in a.milestones)
            late = a.overdue_milestones(self.today)
            ms = f"{done}/{len(a.milestones)}" if a.milestones else ""
            if late:
                ms += f" ⚠ {len(late)} late"
            days = a.days_overdue(self.today)
            cached = (a.reference, a.title, self.answers_text(a), a.theme.capitalize(),
                      self.owner_text(a), a.lead_officer, format_date(a.start),
                      a.due_text(), a.status.label,
                      a.progress.label if a.progress else "",
                      f"⚠ {days} day{'s' if days != 1 else ''}" if days else "",
                      format_pounds(a.amount),
                      a.funding_source.label if a.funding_source else "", ms)
            if a.id is not None:
                self._cache[a.id] = cached
        return cached

    # -- Qt interface ----------------------------------------------------
    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._records[index.row()], GroupHeader):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._records[index.row()]
        column = index.column()
        if isinstance(item, GroupHeader):
            return self._group_data(item, column, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item)[column]
        if role == ID_ROLE:
            return item.id
        if role == SORT_ROLE:
            value = self._sort_key(column)(item)
            return str(value)
        overdue = item.is_overdue(self.today)
        if role == OVERDUE_ROLE:
            return overdue
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue and column in (REFERENCE, TITLE, DUE, OVERDUE):
                return _OVERDUE_FG
            if column == OWNER and item.owner_member_id in self._former:
                return _FORMER_FG
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == RATING and item.progress is not None:
                return _TINTS[item.progress]
            if overdue and column == OVERDUE:
                return _OVERDUE_BG
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == REFERENCE and overdue:
            if self._icon is None:
                self._icon = warning_icon()
            return self._icon
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            if overdue and column in (REFERENCE, DUE, OVERDUE):
                return (f"Overdue: due {format_date(item.due)}, "
                        f"{item.days_overdue(self.today)} days ago, and not complete")
            if column == OWNER and item.owner_member_id in self._former:
                return "This member has left the board; choose a new owner."
            if column == TITLE and item.description:
                return item.description
        return None

    def _group_data(self, g: GroupHeader, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == REFERENCE:       # the view spans this cell up to OVERDUE
                return f"{g.label} — {summary_text(g.summary)}"
            if column == OVERDUE:
                return f"⚠ {g.summary.overdue}" if g.summary.overdue else ""
            if column == AMOUNT:
                return format_pounds(g.summary.total_resources)
            return ""
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return _GROUP_BG
        if role == Qt.ItemDataRole.ForegroundRole and column == OVERDUE and g.summary.overdue:
            return _OVERDUE_FG
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AMOUNT:
            return _RIGHT
        if role == SORT_ROLE:
            return g.label
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply()
        self.layoutChanged.emit()
