"""The item-data roles every table model answers besides Qt's own: defined here only."""

from __future__ import annotations

from PySide6.QtCore import Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1      # the cell's sort key (a str, number or tuple)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2    # the row's record (a domain object)
ID_ROLE = Qt.ItemDataRole.UserRole + 3        # the row's record id (members, actions)
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 4   # an action row: past due and not complete
