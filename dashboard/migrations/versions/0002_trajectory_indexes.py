"""trajectory indexes for organisation and referral lookups

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 13:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    # At national scale the region and organisation pages filter trajectories by organisation and
    # start date, and the funnel also by referral date; without these they read the whole table.
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.create_index("ix_trajectory_org_startdatum", ["organisation_id", "startdatum"], unique=False)
        batch_op.create_index("ix_trajectory_aanmelddatum", ["aanmelddatum"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.drop_index("ix_trajectory_aanmelddatum")
        batch_op.drop_index("ix_trajectory_org_startdatum")
