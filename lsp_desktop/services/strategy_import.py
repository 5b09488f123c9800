"""Importing a strategy from .docx, .odt, .html (or .doc through LibreOffice): read and
preview first, then save it as a new strategy or a new version, all or nothing."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from lsp_desktop.db.models import StrategyRow, StrategySectionRow
from lsp_desktop.domain.errors import DomainError
from lsp_desktop.domain.strategies import (
    EXPECTED_SECTIONS,
    Strategy,
    StrategyType,
    validate_strategy,
)
from lsp_desktop.domain.strategy_documents import ImportedDocument, match_components, plural
from lsp_desktop.domain.text import fold
from lsp_desktop.services.concurrency import claim
from lsp_desktop.services.unit_of_work import unit_of_work

KINDS = {"cs": StrategyType.COMMUNITY, "lnrs": StrategyType.NEIGHBOURHOOD_RENEWAL,
         "other": StrategyType.OTHER}
SUFFIXES = (".docx", ".odt", ".html", ".htm", ".doc")


@dataclass(frozen=True)
class ImportResult:
    strategy_id: int
    title: str
    version: int
    created: bool                   # a new strategy (else a new version of one)


def read_strategy_file(path: Path) -> ImportedDocument:
    """The file's sections and what it carried; DomainError with a one-line reason."""
    path = Path(path).expanduser()
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DomainError(f"{path.name}: import a .docx, .odt or .html file")
    if not path.is_file():
        raise DomainError(f"there is no file {path}")
    try:
        if suffix == ".doc":
            return _read_doc(path)
        if suffix == ".docx":
            from lsp_desktop.services.docx_reader import read_docx

            return read_docx(path)
        if suffix == ".odt":
            from lsp_desktop.services.odt_reader import read_odt

            return read_odt(path)
        from lsp_desktop.services.html_reader import read_html

        return read_html(path)
    except DomainError:
        raise
    except (OSError, ValueError, KeyError, LookupError) as exc:
        raise DomainError(f"{path.name} could not be read as a {suffix[1:]} file "
                          f"({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # noqa: BLE001 - zip, XML and library errors of a damaged file
        raise DomainError(f"{path.name} could not be read as a {suffix[1:]} file; "
                          f"it may be damaged ({type(exc).__name__})") from exc


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _read_doc(path: Path) -> ImportedDocument:
    """An old Word .doc, converted to .docx by headless LibreOffice where it is installed."""
    program = soffice()
    if program is None:
        raise DomainError(f"{path.name} is an old Word .doc; save it as .docx in Word "
                          "(File > Save As) and import that")
    from lsp_desktop.services.docx_reader import read_docx

    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [program, f"-env:UserInstallation=file://{folder}/profile", "--headless",
             "--convert-to", "docx", "--outdir", folder, str(path)],
            capture_output=True, timeout=180, check=False)
        converted = Path(folder) / (path.stem + ".docx")
        if done.returncode or not converted.exists():
            raise DomainError(f"LibreOffice could not convert {path.name}; save it as .docx "
                              "and import that")
        document = read_docx(converted)
    document.file_name = path.name
    return document


def strategy_type(services, kind: str | None, strategy: str) -> StrategyType:
    if strategy:
        from lsp_desktop.services.printing import find_strategy

        return find_strategy(services, strategy).type
    if kind not in KINDS:
        raise DomainError("say what the file is: --kind cs, lnrs or other")
    return KINDS[kind]


def describe(document: ImportedDocument, services, kind: str | None, strategy: str
             ) -> list[str]:
    """The preview: what will be saved, and what was asked for or left out."""
    sections = match_components(document.sections, strategy_type(services, kind, strategy))
    lines = [f"{document.file_name}: '{document.title or Path(document.file_name).stem}', "
             f"{plural(len(sections), 'section')}"]
    for s in sections:
        fills = f" → fills '{s.component}'" if s.component and s.component != s.title else ""
        lines.append(f"  {s.title}{fills}")
    if document.not_kept:
        lines.append("Not kept: " + "; ".join(document.not_kept))
    if document.changes:
        lines.append(f"{plural(len(document.changes), 'tracked change')} accepted:")
        lines += [f"  {c.kind} by {c.author or 'unknown'}{_day(c.date)}: {c.text}"
                  for c in document.changes]
    if document.comments:
        lines.append(f"{plural(len(document.comments), 'comment')}:")
        lines += [f"  {c.author or 'unknown'}{_day(c.date)}: {c.text}"
                  + (f" (on '{c.anchor}')" if c.anchor else "") for c in document.comments]
    return lines


def _day(iso: str) -> str:
    """ ", 14/05/2002" for a change or comment dated in the file; "" without a date."""
    from lsp_desktop.domain.text import format_date

    try:
        return ", " + format_date(date.fromisoformat(iso[:10]))
    except ValueError:
        return ""


def import_strategy(services, document: ImportedDocument, kind: str | None, strategy: str = "",
                    today: date | None = None) -> ImportResult:
    """Save the document as a new strategy (of `kind`), or as a new version of `strategy`
    (title or id): the draft becomes the file's text and is saved as a version. The
    draft it replaces is first saved as a version of its own, so nothing is lost."""
    today = today or date.today()
    if not document.sections:
        raise DomainError(f"{document.file_name} has no text to import")
    label = f"imported from {document.file_name}"[:200]
    if strategy:
        from lsp_desktop.services.printing import find_strategy

        existing = find_strategy(services, strategy)
        kind_type = existing.type
    else:
        kind_type = strategy_type(services, kind, "")
        existing = None
    sections = match_components(document.sections, kind_type)
    svc = services.strategies
    with unit_of_work(svc._factory) as s:
        if existing is None:
            title = (document.title or Path(document.file_name).stem).strip()[:200]
            errors = validate_strategy(Strategy(kind_type, title))
            if errors:
                raise DomainError(errors[0].message)
            row = StrategyRow(type=kind_type.value, title=title, period="",
                              status="working draft", lead_officer="")
            s.add(row)
            s.flush()
            current: list[StrategySectionRow] = []
        else:
            row = svc._row(s, existing.id)
            current = list(s.scalars(select(StrategySectionRow)
                                     .where(StrategySectionRow.strategy_id == row.id)
                                     .order_by(StrategySectionRow.position)))
            if any(x.body.strip() for x in current):
                svc._freeze(s, row.id, f"draft before importing {document.file_name}"[:200],
                            today)
        _replace_sections(s, row, current, sections, kind_type)
        s.flush()
        number = svc._freeze(s, row.id, label, today)
        return ImportResult(row.id, row.title, number, existing is None)


def _replace_sections(s, row, current, sections, kind_type) -> None:
    """The draft's sections become the imported ones; a section already there for the same
    component (or title) keeps its id, so comparisons line it up; expected components the
    file lacks stay, empty."""
    by_component = {fold(x.component): x for x in current if x.component}
    by_title = {fold(x.title): x for x in current}
    kept: set[int] = set()
    position = 0
    for imported in sections:
        match = (by_component.get(fold(imported.component)) if imported.component else None) \
            or by_title.get(fold(imported.title))
        if match is not None and match.id not in kept:
            if (match.title, match.body) != (imported.title, imported.markdown):
                claim(match, None, f"The section \"{match.title}\"")
            target = match
        else:
            target = StrategySectionRow(strategy_id=row.id, component=imported.component,
                                        expected=bool(imported.component))
            s.add(target)
        target.title = imported.title[:200]
        target.body = imported.markdown
        target.position = position
        if imported.component:
            target.component, target.expected = imported.component, True
        s.flush()
        kept.add(target.id)
        position += 1
    filled = {fold(x.component) for x in sections if x.component}
    for x in current:
        if x.id in kept:
            continue
        if x.component and fold(x.component) not in filled:
            x.body, x.position = "", position           # an expected component, still empty
            position += 1
            filled.add(fold(x.component))
        else:
            s.delete(x)
    for component in EXPECTED_SECTIONS.get(kind_type, ()):
        if fold(component) not in filled:
            s.add(StrategySectionRow(strategy_id=row.id, title=component, body="",
                                     expected=True, component=component, position=position))
            position += 1
