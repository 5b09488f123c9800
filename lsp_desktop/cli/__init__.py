"""The headless command line: argparse sub-commands, no Qt; `lsp-desktop --help` lists them."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from lsp_desktop import __version__
from lsp_desktop.domain.errors import DomainError

# Each module registers its sub-commands with register(subparsers, common).
_COMMAND_MODULES = ("core", "exchange", "actions", "strategies", "accreditation", "reports",
                    "audit")


class CommandError(DomainError):
    """A command cannot go on; the message is printed as one line on stderr."""


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr (exit 2), like every other error."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--db", metavar="PATH",
                        help="partnership file (default: the one in your data folder)")
    parser = _Parser(
        prog="lsp-desktop",
        description="LSP Desktop: membership register, strategies, action plans and "
                    "accreditation for a Local Strategic Partnership. Without a command, "
                    "opens the window.")
    parser.add_argument("--version", action="version", version=f"lsp-desktop {__version__}")
    parser.add_argument("--db", metavar="PATH", help="partnership file to open")
    parser.add_argument("--quit-after-startup", action="store_true",
                        help="open the window, print the seconds from process start to a "
                             "painted window, and exit (smoke tests, benchmarks)")
    parser.add_argument("--read-only", action="store_true",
                        help="open the partnership without changing it")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        import_module(f"lsp_desktop.cli.{name}").register(sub, common)
    return parser


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def run(args: argparse.Namespace) -> int:
    """Run a parsed sub-command; errors become one line on stderr and a non-zero exit."""
    try:
        return int(args.func(args) or 0)
    except DomainError as exc:
        print(f"lsp-desktop {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, like other command-line tools.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"lsp-desktop {args.command}: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"lsp-desktop {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a command line never shows a traceback
        print(f"lsp-desktop {args.command}: unexpected error: {type(exc).__name__}: {exc}",
              file=sys.stderr)
        return 1
