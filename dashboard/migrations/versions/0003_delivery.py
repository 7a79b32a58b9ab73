"""delivery: the organisations each trajectory import covered

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 13:05:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "delivery",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("rijen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"], ["import_log.id"], name=op.f("fk_delivery_import_id_import_log")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_delivery_organisation_id_organisation")
        ),
        sa.PrimaryKeyConstraint("import_id", "organisation_id", name=op.f("pk_delivery")),
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delivery_organisation_id"), ["organisation_id"], unique=False)
    # Imports made before this table existed covered the organisations whose trajectories they wrote.
    op.execute(
        "INSERT INTO delivery (import_id, organisation_id, rijen) "
        "SELECT import_id, organisation_id, COUNT(*) FROM trajectory GROUP BY import_id, organisation_id"
    )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delivery_organisation_id"))
    op.drop_table("delivery")
