"""One of the parallel writers of tests/unit/test_concurrency.py: N edits of one member."""

from __future__ import annotations

import sys


def main(url: str, member_id: int, edits: int) -> int:
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services

    db = open_partnership(url)
    try:
        members = build_services(db.session_factory, db.path, shared=True).members
        member = members.get(member_id)
        for i in range(1, edits + 1):
            member = members.update(member.with_changes(notes=f"edit {i}"))
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
