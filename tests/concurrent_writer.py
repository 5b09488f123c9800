"""One of the parallel writers of tests/unit/test_concurrency.py: N edits of one member."""

from __future__ import annotations

import sys
import traceback


def main(url: str, member_id: int, edits: int, start=None) -> int:
    """Open the partnership, wait at `start` (a barrier the other writers share) if given,
    then save `edits` edits of the member one after the other."""
    from lsp_desktop.db.database import open_partnership
    from lsp_desktop.services import build_services

    db = open_partnership(url)
    try:
        members = build_services(db.session_factory, db.path, shared=True).members
        member = members.get(member_id)
        if start is not None:
            start.wait(timeout=120)
        for i in range(1, edits + 1):
            member = members.update(member.with_changes(notes=f"edit {i}"))
    finally:
        db.close()
    return 0


def run(url: str, member_id: int, edits: int, start, errors) -> None:
    """main() as a multiprocessing target: a failure's traceback goes to `errors` (a queue
    the test reads) and the process exits 1."""
    try:
        main(url, member_id, edits, start)
    except BaseException:
        errors.put(f"writer for member {member_id}:\n{traceback.format_exc()}")
        sys.exit(1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
