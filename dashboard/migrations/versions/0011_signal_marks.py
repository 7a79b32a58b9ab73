"""signal marks: who marked a signal "gezien", when, with which note; every mark kept as history

Revision ID: 0011_signal_marks
Revises: 0010_narratives
Create Date: 2026-12-05 04:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_signal_marks"
down_revision = "0010_narratives"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "signal_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signaal", sa.String(length=200), nullable=False),
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.Column("gezien", sa.Boolean(), nullable=False),
        sa.Column("notitie", sa.String(length=280), nullable=False),
        sa.Column("gebruiker", sa.String(length=120), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_signal_mark_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signal_mark")),
    )
    op.create_index("ix_signal_mark_region_signaal", "signal_mark", ["region_code", "signaal"])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index("ix_signal_mark_region_signaal", table_name="signal_mark")
    op.drop_table("signal_mark")
