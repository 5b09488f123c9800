"""The two ways the Accreditation pages change data: through a form dialog, or in one step."""

from __future__ import annotations

import html
from collections.abc import Callable

from lsp_desktop.domain.errors import DomainError, NotFoundError, ValidationError
from lsp_desktop.ui import prompts


def run_dialog(dialog, save: Callable[[], object], changed: Callable[[], None]) -> bool:
    """Show `dialog` until `save()` succeeds or the user cancels.

    Problems are shown inside the dialog, so the user can put them right without
    retyping; a record that vanished meanwhile closes it and reloads.
    """
    while dialog.exec():
        try:
            save()
        except ValidationError as exc:
            dialog.show_errors(exc.errors)
            continue
        except NotFoundError as exc:
            say.error(dialog.parentWidget(), dialog.windowTitle(), str(exc))
            changed()
            return False
        except DomainError as exc:
            dialog.show_errors(str(exc))
            continue
        changed()
        return True
    return False


def run_step(parent, title: str, step: Callable[[], object],
             changed: Callable[[], None]) -> bool:
    """Do one change; a refusal becomes a message box. The page reloads either way."""
    try:
        step()
    except DomainError as exc:
        say.error(parent, title, str(exc))
        changed()
        return False
    changed()
    return True


class _PlainPrompts:
    """ui.prompts with the text turned into escaped rich text: message boxes guess the
    format, and a weakness written as '<b>' must show as typed, never as markup."""

    @staticmethod
    def _plain(text: str) -> str:
        return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"

    def error(self, parent, title: str, text: str) -> None:
        prompts.error(parent, title, self._plain(text))

    def warning(self, parent, title: str, text: str) -> None:
        prompts.warning(parent, title, self._plain(text))

    def info(self, parent, title: str, text: str) -> None:
        prompts.info(parent, title, self._plain(text))

    def confirm(self, parent, title: str, text: str, ok_text: str = "OK") -> bool:
        return prompts.confirm(parent, title, self._plain(text), ok_text)


say = _PlainPrompts()
