"""digests: mail digest subscriptions of accounts, and the log that sends each digest once

Revision ID: 0012_digests
Revises: 0011_signal_marks
Create Date: 2026-12-05 04:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_digests"
down_revision = "0011_signal_marks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "digest_subscription",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("adres", sa.String(length=254), nullable=False),
        sa.Column("taal", sa.String(length=2), nullable=False),
        sa.Column("wekelijks", sa.Boolean(), nullable=False),
        sa.Column("dagen_voor_stuurgroep", sa.Integer(), nullable=True),
        sa.Column("gewijzigd", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.id"],
            name=op.f("fk_digest_subscription_user_id_app_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_digest_subscription")),
    )
    op.create_table(
        "digest_sent",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=16), nullable=False),
        sa.Column("periode", sa.String(length=10), nullable=False),
        sa.Column("geclaimd", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verzonden", sa.DateTime(timezone=True), nullable=True),
        sa.Column("signalen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_digest_sent_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "soort", "periode", name=op.f("pk_digest_sent")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("digest_sent")
    op.drop_table("digest_subscription")
