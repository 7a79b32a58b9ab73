"""snapshots: published figures per meeting and quarter, frozen, withdrawn with a reason

Revision ID: 0015_snapshots
Revises: 0012_digests
Create Date: 2026-12-05 05:15:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_snapshots"
down_revision = "0014_delivery_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=120), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("soort", sa.String(length=16), nullable=False),
        sa.Column("data_versie", sa.String(length=120), nullable=False),
        sa.Column("laatste_import", sa.Integer(), nullable=False),
        sa.Column("gemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("door", sa.String(length=120), nullable=False),
        sa.Column("ingetrokken", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ingetrokken_door", sa.String(length=120), nullable=True),
        sa.Column("reden", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication")),
    )
    op.create_index(op.f("ix_publication_peildatum"), "publication", ["peildatum"])
    op.create_table(
        "publication_part",
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=16), nullable=False),
        sa.Column("sleutel", sa.String(length=40), nullable=False),
        sa.Column("formaat", sa.Integer(), nullable=False),
        sa.Column("inhoud", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["publication_id"],
            ["publication.id"],
            name=op.f("fk_publication_part_publication_id_publication"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("publication_id", "soort", "sleutel", name=op.f("pk_publication_part")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("publication_part")
    op.drop_index(op.f("ix_publication_peildatum"), table_name="publication")
    op.drop_table("publication")
