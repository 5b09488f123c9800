"""Passwords of shared partnerships, kept only in the system keyring (never in settings)."""

from __future__ import annotations

import logging

SERVICE = "LSP Desktop shared partnership"
log = logging.getLogger(__name__)


def _keyring():
    """The keyring module when it is installed and has a real backend, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring set-up means no keyring
        log.warning("the system keyring cannot be used", exc_info=True)
        return None
    if isinstance(backend, fail.Keyring) or "fail" in type(backend).__module__ \
            or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def can_remember() -> bool:
    return _keyring() is not None


def why_not() -> str:
    try:
        import keyring  # noqa: F401
    except ImportError:
        return ("The password cannot be remembered: the keyring package is not installed "
                "(pip install 'lsp-desktop[postgres]').")
    return ("The password cannot be remembered: this computer has no system keyring "
            "(such as GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager).")


def account(user: str, host: str, port: int | str, database: str) -> str:
    return f"{user}@{host}:{port}/{database}"


def get(name: str) -> str | None:
    kr = _keyring()
    if kr is None:
        return None
    try:
        return kr.get_password(SERVICE, name)
    except Exception:  # noqa: BLE001 - a locked or broken keyring: ask instead
        log.warning("the keyring did not give the password of %s", name, exc_info=True)
        return None


def remember(name: str, password: str) -> bool:
    """Store the password in the keyring; False if it could not be."""
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(SERVICE, name, password)
    except Exception:  # noqa: BLE001 - the caller says it was not remembered
        log.warning("the keyring did not store the password of %s", name, exc_info=True)
        return False
    return True


def forget(name: str) -> None:
    kr = _keyring()
    if kr is None:
        return
    try:
        kr.delete_password(SERVICE, name)
    except Exception:  # noqa: BLE001 - nothing stored, or a keyring that fails
        log.info("the keyring did not forget the password of %s", name, exc_info=True)
