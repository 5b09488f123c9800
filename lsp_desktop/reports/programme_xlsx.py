"""The programme return as a spreadsheet: numbers as numbers, pounds formatted as £ (openpyxl)."""

from __future__ import annotations

from pathlib import Path

from lsp_desktop.domain.programme import QUARTER_LABELS, ProgrammeView, theme_label
from lsp_desktop.domain.strategies import theme_label as target_theme_label
from lsp_desktop.domain.text import format_date

POUNDS = '"£"#,##0;[Red]-"£"#,##0'
DATE = "dd/mm/yyyy"
COLUMNS = (["Theme", "Ref", "Project", "Accountable body", "Project manager", "Approved",
            "Board decision", "Allocation", "Budget"]
           + [f"{q} {kind}" for q in QUARTER_LABELS for kind in ("planned", "committed", "spent")]
           + ["Planned", "Committed", "Spent"])
MONEY_FROM = COLUMNS.index("Allocation") + 1        # 1-based column of the first amount


def _sheet_title(view: ProgrammeView, taken: set[str]) -> str:
    title = f"{view.fund.code} {view.financial_year.replace('/', '-')}"[:31]
    while title in taken:
        title = title[:29] + f"{len(taken)}"
    taken.add(title)
    return title


def write_programme_xlsx(path: Path | str, partnership: str, views, summary_rows,
                         targets=()) -> Path:
    """One sheet per fund (summary, then themes and projects by quarter) and a sheet of
    target values; `summary_rows(view)` gives the headline (label, amount) pairs."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E4EBF2")
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for view in views:
        sheet = book.create_sheet(_sheet_title(view, taken))
        sheet.append([f"{partnership}: {view.fund.name} {view.financial_year}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([f"Figures as on {format_date(view.today)}"])
        if view.underspend_warning():
            sheet.append([view.underspend_warning()])
            sheet.cell(sheet.max_row, 1).font = Font(bold=True, color="B71C1C")
        sheet.append([])
        for label, amount in summary_rows(view):
            sheet.append([label, amount])
            sheet.cell(sheet.max_row, 2).number_format = POUNDS
        sheet.append([])
        sheet.append(COLUMNS)
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for line in list(view.lines) + [None]:
            t = line.totals if line else view.total
            money = []
            for q in range(4):
                money += [t.planned[q], t.committed[q], t.spent[q]]
            money += [t.total_planned, t.total_committed, t.total_spent]
            if line is None or line.kind == "theme":
                label = "Total" if line is None else line.label
                row = [label, "", "", "", "", None, "", t.allocation, t.budget, *money]
            else:
                p = line.project
                row = [theme_label(p.theme), p.reference, p.title,
                       p.accountable_body, p.project_manager, p.approved_on,
                       p.decision_reference, None, t.budget, *money]
            sheet.append(row)
            r = sheet.max_row
            for c in range(MONEY_FROM, len(COLUMNS) + 1):
                sheet.cell(r, c).number_format = POUNDS
            sheet.cell(r, 6).number_format = DATE
            if line is None or line.kind == "theme":
                for cell in sheet[r]:
                    cell.font = bold
                    cell.fill = fill
        sheet.freeze_panes = sheet.cell(header_row + 1, 4)
        widths = [22, 8, 36, 30, 20, 11, 16] + [13] * (len(COLUMNS) - 7)
        for i, w in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = w
        sheet.column_dimensions["A"].width = 44
    if targets:
        sheet = book.create_sheet("Target values")
        sheet.append(["Theme", "Indicator", "Status", "Date", "Value", "Source", "Comparison"])
        for cell in sheet[1]:
            cell.font = bold
            cell.fill = fill
        for line in targets:
            t = line.target
            for p in line.points:
                sheet.append([target_theme_label(t.theme), t.indicator, line.status.label,
                              p.measured_on, p.value, p.source, p.comparison])
                sheet.cell(sheet.max_row, 4).number_format = DATE
        for col, w in zip("ABCDEFG", (18, 50, 11, 11, 10, 30, 11), strict=True):
            sheet.column_dimensions[col].width = w
    if not book.sheetnames:
        book.create_sheet("Programme").append(["No fund has money in this year."])
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        book.save(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
