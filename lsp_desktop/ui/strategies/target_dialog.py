"""Dialog to add or edit a target: theme, indicator, baseline, target, latest value,
source, lead partner (a body on the register), neighbourhood and comparison figure."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from lsp_desktop.domain.errors import FieldError
from lsp_desktop.domain.strategies import (
    TARGET_LIMITS,
    Neighbourhood,
    Target,
    Theme,
    format_number,
    parse_number,
    validate_target,
)
from lsp_desktop.ui.common.date_field import OptionalDateEdit
from lsp_desktop.ui.common.form_dialog import FormDialog


def _figure_row(value_edit: QLineEdit, date_edit: OptionalDateEdit) -> QWidget:
    box = QWidget()
    h = QHBoxLayout(box)
    h.setContentsMargins(0, 0, 0, 0)
    h.addWidget(value_edit, 1)
    h.addWidget(date_edit)
    return box


class TargetDialog(FormDialog):
    """Values are typed as text so a non-number is caught and shown at its field."""

    def __init__(self, target: Target | None, strategy_id: int, bodies: list[str],
                 neighbourhoods: list[Neighbourhood], parent=None, series=None,
                 undo_stack=None, values_changed=None):
        """`series` (the target-series service), when given for a saved target, adds its
        chart and a Values… button; saved values go on `undo_stack`."""
        super().__init__("Edit target" if target and target.id else "New target", parent)
        self._original = target
        self._strategy_id = strategy_id
        t = target or Target(strategy_id, Theme.EMPLOYMENT.value, "")
        self.theme_combo = QComboBox()
        self.theme_combo.setEditable(True)
        self.theme_combo.setAccessibleName("Theme")
        self.theme_combo.setToolTip("A floor-target theme, or type a local theme")
        for theme in Theme:
            self.theme_combo.addItem(theme.label, theme.value)
        found = self.theme_combo.findData(t.theme)
        if found >= 0:
            self.theme_combo.setCurrentIndex(found)
        else:
            self.theme_combo.setEditText(t.theme)
        self.add_row("T&heme *", self.theme_combo, "theme")
        self.indicator_edit = QLineEdit(t.indicator)
        self.indicator_edit.setAccessibleName("Indicator")
        self.add_row("&Indicator *", self.indicator_edit, "indicator")

        self.baseline_edit = self._value_edit(t.baseline_value, "Baseline value")
        self.baseline_date = OptionalDateEdit("on", t.baseline_date)
        self.add_row("&Baseline", _figure_row(self.baseline_edit, self.baseline_date),
                     "baseline_value")
        self.errors["baseline_date"] = self.errors["baseline_value"]
        self.target_edit = self._value_edit(t.target_value, "Target value")
        self.target_date = OptionalDateEdit("by", t.target_date)
        self.add_row("&Target", _figure_row(self.target_edit, self.target_date), "target_value")
        self.errors["target_date"] = self.errors["target_value"]
        self.latest_edit = self._value_edit(t.latest_value, "Latest value")
        self.latest_date = OptionalDateEdit("on", t.latest_date)
        self.add_row("&Latest value", _figure_row(self.latest_edit, self.latest_date),
                     "latest_value")
        self.errors["latest_date"] = self.errors["latest_value"]

        self.source_edit = QLineEdit(t.data_source)

        self.source_edit.setMaxLength(TARGET_LIMITS["data_source"])
        self.add_row("Data &source", self.source_edit)
        self.lead_combo = QComboBox()
        self.lead_combo.setAccessibleName("Lead partner")
        self.lead_combo.addItem("", "")
        for body in bodies:
            self.lead_combo.addItem(body, body)
        if t.lead_partner and self.lead_combo.findData(t.lead_partner) < 0:
            self.lead_combo.addItem(t.lead_partner, t.lead_partner)
        self.lead_combo.setCurrentIndex(max(0, self.lead_combo.findData(t.lead_partner)))
        self.add_row("Lead &partner", self.lead_combo, "lead_partner")
        self.hood_combo = QComboBox()
        self.hood_combo.addItem("(whole area)", None)
        for n in neighbourhoods:
            self.hood_combo.addItem(n.name, n.id)
        self.hood_combo.setCurrentIndex(max(0, self.hood_combo.findData(t.neighbourhood_id)))
        self.add_row("&Neighbourhood", self.hood_combo, "neighbourhood")
        self.comparison_edit = self._value_edit(t.comparison_value, "Comparison figure")
        self.comparison_label = QComboBox()
        self.comparison_label.setEditable(True)
        self.comparison_label.addItems(["", "district", "national", "regional"])
        self.comparison_label.setEditText(t.comparison_label)
        box = QWidget()
        h = QHBoxLayout(box)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(self.comparison_edit, 1)
        h.addWidget(self.comparison_label)
        self.add_row("&Comparison figure", box, "comparison_value")
        self.series = series
        if series is not None and target is not None and target.id is not None:
            from lsp_desktop.ui.programme.target_values import add_values_row

            add_values_row(self, series, undo_stack, values_changed)
        self.resize(620, 0)
        self.indicator_edit.setFocus()

    @staticmethod
    def _value_edit(value: float | None, name: str) -> QLineEdit:
        edit = QLineEdit(format_number(value).replace(",", ""))
        edit.setAccessibleName(name)
        edit.setPlaceholderText("number")
        return edit

    def _theme(self) -> str:
        text = self.theme_combo.currentText().strip()
        index = self.theme_combo.findText(text)
        return self.theme_combo.itemData(index) if index >= 0 else text

    def _numbers(self) -> tuple[dict[str, float | None], list[FieldError]]:
        values: dict[str, float | None] = {}
        errors = []
        for field, edit, label in (
                ("baseline_value", self.baseline_edit, "Baseline"),
                ("target_value", self.target_edit, "Target"),
                ("latest_value", self.latest_edit, "Latest value"),
                ("comparison_value", self.comparison_edit, "Comparison figure")):
            values[field], error = parse_number(edit.text(), field, label)
            if error:
                errors.append(error)
        return values, errors

    def target(self) -> Target:
        values, _ = self._numbers()
        original = self._original
        return Target(
            strategy_id=original.strategy_id if original else self._strategy_id,
            theme=self._theme(), indicator=self.indicator_edit.text().strip(),
            baseline_value=values["baseline_value"], baseline_date=self.baseline_date.value(),
            target_value=values["target_value"], target_date=self.target_date.value(),
            latest_value=values["latest_value"], latest_date=self.latest_date.value(),
            data_source=self.source_edit.text().strip(),
            lead_partner=self.lead_combo.currentData() or "",
            comparison_value=values["comparison_value"],
            comparison_label=self.comparison_label.currentText().strip(),
            neighbourhood_id=self.hood_combo.currentData(),
            id=original.id if original else None,
            version=original.version if original else None)

    def problems(self) -> list[FieldError]:
        _, errors = self._numbers()
        if errors:
            return errors
        return validate_target(self.target())
