"""Actions: real foreign keys to the target and the area of concern they answer."""

from alembic import op

revision = "0006_action_links"
down_revision = "0005_exchange"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Links written before the keys existed may point at deleted records.
    op.execute("UPDATE action SET target_id = NULL "
               "WHERE target_id IS NOT NULL AND target_id NOT IN (SELECT id FROM target)")
    op.execute("UPDATE action SET concern_id = NULL WHERE concern_id IS NOT NULL "
               "AND concern_id NOT IN (SELECT id FROM area_of_concern)")
    with op.batch_alter_table("action") as batch:
        batch.create_foreign_key("fk_action_target_id_target", "target",
                                 ["target_id"], ["id"], ondelete="SET NULL")
        batch.create_foreign_key("fk_action_concern_id_area_of_concern", "area_of_concern",
                                 ["concern_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.drop_constraint("fk_action_concern_id_area_of_concern", type_="foreignkey")
        batch.drop_constraint("fk_action_target_id_target", type_="foreignkey")
