"""national steering group: the days the national stuurgroep met, recorded by data management

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 02:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "national_steering_group",
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("vastgelegd", sa.DateTime(timezone=True), nullable=False),
        sa.Column("door", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("datum", name=op.f("pk_national_steering_group")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("national_steering_group")
