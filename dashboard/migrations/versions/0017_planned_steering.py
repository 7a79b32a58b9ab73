"""planned steering: the coming stuurgroep days of each region, for the packs made ahead of them

Revision ID: 0017_planned_steering
Revises: 0016_jobs
Create Date: 2026-12-05 09:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_planned_steering"
down_revision = "0016_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "planned_steering",
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("door", sa.String(length=120), nullable=False),
        sa.Column("vastgelegd", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_planned_steering_region_code_region")
        ),
        sa.PrimaryKeyConstraint("region_code", "datum", name=op.f("pk_planned_steering")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("planned_steering")
