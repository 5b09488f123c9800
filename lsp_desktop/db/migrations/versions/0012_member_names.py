"""Members' given and family names kept apart (split from the whole name), and the sort key by family name."""

import sqlalchemy as sa
from alembic import op

revision = "0012_member_names"
down_revision = "0011_meetings"   # re-chained after 0011_meetings at merge
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The split rules live in the domain (the member dialog and imports use them too);
    # an officer corrects a wrong split in the member dialog afterwards.
    from lsp_desktop.domain.names import split_name
    from lsp_desktop.domain.text import fold

    op.add_column("member", sa.Column("given_names", sa.String(200), nullable=False,
                                      server_default=""))
    op.add_column("member", sa.Column("family_name", sa.String(200), nullable=False,
                                      server_default=""))
    member = sa.table("member", sa.column("id", sa.Integer), sa.column("name", sa.String),
                      sa.column("title", sa.String), sa.column("organisation", sa.String),
                      sa.column("given_names", sa.String), sa.column("family_name", sa.String),
                      sa.column("search_key", sa.String))
    conn = op.get_bind()
    rows = conn.execute(sa.select(member.c.id, member.c.name, member.c.title,
                                  member.c.organisation)).all()
    changes = []
    for member_id, name, title, organisation in rows:
        given, family = split_name(name or "")
        key = (f"{fold(family)} {fold(given)} {fold(name)} {fold(title)} "
               f"{fold(organisation)}")[:400]
        changes.append({"b_id": member_id, "given": given, "family": family, "key": key})
    if changes:
        conn.execute(member.update().where(member.c.id == sa.bindparam("b_id")).values(
            given_names=sa.bindparam("given"), family_name=sa.bindparam("family"),
            search_key=sa.bindparam("key")), changes)


def downgrade() -> None:
    with op.batch_alter_table("member") as batch:
        batch.drop_column("family_name")
        batch.drop_column("given_names")
