"""delivery state: explicit empty deliveries ("geleverd, geen trajecten") per organisation and quarter

Revision ID: 0014_delivery_state
Revises: 0012_digests
Create Date: 2026-12-05 05:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_delivery_state"
down_revision = "0012_digests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "empty_delivery",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("jaar", sa.Integer(), nullable=False),
        sa.Column("kwartaal", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_empty_delivery_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["import_id"], ["import_log.id"], name=op.f("fk_empty_delivery_import_id_import_log")
        ),
        sa.PrimaryKeyConstraint("organisation_id", "jaar", "kwartaal", name=op.f("pk_empty_delivery")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("empty_delivery")
