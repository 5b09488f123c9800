"""The headless command line: argparse sub-commands, no Qt; `lsp-desktop --help` lists them."""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module

from lsp_desktop import __version__
from lsp_desktop.domain.errors import DomainError

# Each module registers its sub-commands with register(subparsers, common).
_COMMAND_MODULES = ("core", "exchange", "actions", "strategies", "accreditation", "reports",
                    "shared", "audit", "meetings")


class CommandError(DomainError):
    """A command cannot go on; the message is printed as one line on stderr."""


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr (exit 2), like every other error."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    # Its own name after the command, so that --db before the command is not reset by the
    # sub-command's default; _merge_db joins the two.
    common.add_argument("--db", metavar="PATH|URL", dest="db_after",
                        help="partnership file (default: the one in your data folder), or a "
                             "shared partnership's URL: postgresql+psycopg://user@host/dbname")
    # Also after the command; SUPPRESS keeps a sub-command from resetting the main flag.
    common.add_argument("--read-only", action="store_true", default=argparse.SUPPRESS,
                        help="open the partnership without changing it (a command that "
                             "changes it is refused)")
    parser = _Parser(
        prog="lsp-desktop",
        description="LSP Desktop: membership register, strategies, action plans and "
                    "accreditation for a Local Strategic Partnership. Without a command, "
                    "opens the window.",
        epilog="lsp-desktop FILE.lspd opens that partnership in the window (the same as "
               "--db FILE.lspd); this is how the desktop opens a double-clicked file.")
    parser.add_argument("--version", action="version", version=f"lsp-desktop {__version__}")
    parser.add_argument("--db", metavar="PATH|URL",
                        help="partnership file, or a shared partnership's database URL, to open")
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
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _window_args(argv)
    return args if args is not None else _parse_all(argv)


# The window's own options, read without building every command's parser (whose modules
# take a noticeable part of the window's start-up).
_WINDOW_FLAGS = {"--quit-after-startup": "quit_after_startup", "--read-only": "read_only"}


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    """What the full parser makes of `argv` when it holds only the window's options - the
    flags, --db PATH and at most one FILE.lspd - else None (the full parser decides, with
    its messages)."""
    from lsp_desktop import FILE_SUFFIX

    args = argparse.Namespace(db=None, quit_after_startup=False, read_only=False,
                              command=None)
    operand = None
    i = 0
    while i < len(argv):
        token = argv[i]
        if token in _WINDOW_FLAGS:
            setattr(args, _WINDOW_FLAGS[token], True)
        elif token == "--db" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            i += 1
            args.db = argv[i]
        elif token.startswith("--db=") and len(token) > len("--db="):
            args.db = token[len("--db="):]
        elif token.endswith(FILE_SUFFIX) and not token.startswith("-") and operand is None:
            operand = token
        else:
            return None
        i += 1
    if operand is not None:
        if args.db is not None:
            return None             # given twice: the full parser says so
        args.db = operand
    return args


def _merge_db(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.Namespace:
    """--db may come before or after the command; twice with different values is refused."""
    after = vars(args).pop("db_after", None)
    if after is not None:
        if args.db is not None and args.db != after:
            parser.error(f"--db given twice with different values ({args.db} before the "
                         f"command, {after} after it); give it once")
        args.db = after
    return args


def _parse_all(argv: list[str]) -> argparse.Namespace:
    parser = build_parser()
    argv = list(argv)
    index = _file_operand(parser, argv)
    if index is None:
        return _merge_db(parser, parser.parse_args(argv))
    path = argv.pop(index)
    if index > 0 and argv[index - 1] == "--":
        argv.pop(index - 1)
    args = _merge_db(parser, parser.parse_args(argv))
    if args.db:
        parser.error(f"give the partnership file once: --db {args.db} or {path}, not both")
    args.db = path
    return args


def _file_operand(parser: argparse.ArgumentParser, argv: list[str]) -> int | None:
    """Where `lsp-desktop FILE.lspd` names a file to open (the desktop's Exec=... %f),
    or None when the first operand is a command (or a typo of one: argparse reports it)."""
    from lsp_desktop import FILE_SUFFIX

    takes_value = {opt for action in parser._actions if action.nargs != 0
                   for opt in action.option_strings}
    commands = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands.update(action.choices)
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            return i + 1 if i + 1 < len(argv) else None
        if token.startswith("-") and token != "-":
            i += 2 if token in takes_value else 1
            continue
        if token in commands:
            return None
        looks_like_file = (token.endswith(FILE_SUFFIX) or os.sep in token or "/" in token
                           or os.path.exists(token))
        return i if looks_like_file else None
    return None


def run(args: argparse.Namespace) -> int:
    """Run a parsed sub-command; errors become one line on stderr and a non-zero exit."""
    import logging

    log = logging.getLogger("lsp_desktop.cli")
    log.info("command %s", args.command)
    try:
        if getattr(args, "writes", False):
            from lsp_desktop.cli.common import refuse_read_only

            refuse_read_only(args)
        return int(args.func(args) or 0)
    except DomainError as exc:
        log.info("%s refused: %s", args.command, exc)
        print(f"lsp-desktop {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, like other command-line tools.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print(f"lsp-desktop {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a command line never shows a traceback
        from lsp_desktop.logbook import plain_message
        from lsp_desktop.safe_files import disk_problem

        log.exception("%s failed", args.command)
        folder = _folder_of(args)
        known = disk_problem(exc, folder)
        if known:
            print(f"lsp-desktop {args.command}: {known[0].upper()}{known[1:]} "
                  "Nothing was changed.", file=sys.stderr)
        elif isinstance(exc, OSError):
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            print(f"lsp-desktop {args.command}: {exc.strerror or exc}{where}", file=sys.stderr)
        else:
            print(f"lsp-desktop {args.command}: unexpected error: {plain_message(exc)} "
                  "(details in the log)", file=sys.stderr)
        return 1


def _folder_of(args: argparse.Namespace):
    """The folder of the partnership file, for messages about its disk (None: a server)."""
    from lsp_desktop.cli.common import db_path, shared_url

    try:
        return None if shared_url(args) else db_path(args).absolute().parent
    except Exception:  # noqa: BLE001 - only for a message
        return None
