"""jobs: background jobs (meeting packs, imports) and the packs kept for each stuurgroep

Revision ID: 0016_jobs
Revises: 0015_snapshots
Create Date: 2026-12-05 05:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_jobs"
down_revision = "0015_snapshots"
branch_labels = None
depends_on = None

STATES = ("wachtend", "bezig", "klaar", "mislukt", "gestopt")


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "job",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("sleutel", sa.String(length=64), nullable=False),
        sa.Column("actief", sa.String(length=64), nullable=True),
        sa.Column("soort", sa.String(length=16), nullable=False),
        sa.Column("argumenten", sa.Text(), nullable=False),
        sa.Column("lezer", sa.String(length=400), nullable=False),
        sa.Column("taal", sa.String(length=2), nullable=False),
        sa.Column(
            "toestand",
            sa.Enum(*STATES, name="job_toestand", native_enum=False, create_constraint=True, length=32),
            nullable=False,
        ),
        sa.Column("stap", sa.Integer(), nullable=False),
        sa.Column("totaal", sa.Integer(), nullable=False),
        sa.Column("eenheid", sa.String(length=16), nullable=False),
        sa.Column("stoppen", sa.Boolean(), nullable=False),
        sa.Column("fout", sa.Text(), nullable=False),
        sa.Column("invoer", sa.LargeBinary(), nullable=True),
        sa.Column("resultaat", sa.LargeBinary(), nullable=True),
        sa.Column("bestandsnaam", sa.String(length=200), nullable=False),
        sa.Column("uitkomst", sa.Text(), nullable=False),
        sa.Column("gemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bijgewerkt", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
        sa.UniqueConstraint("actief", name=op.f("uq_job_actief")),
    )
    op.create_index(op.f("ix_job_sleutel"), "job", ["sleutel"], unique=False)
    op.create_table(
        "kept_pack",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=8), nullable=False),
        sa.Column("vergadering", sa.Date(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("formaat", sa.String(length=4), nullable=False),
        sa.Column("gemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bestandsnaam", sa.String(length=200), nullable=False),
        sa.Column("bestand", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kept_pack")),
        sa.UniqueConstraint("region_code", "vergadering", "formaat", name="uq_kept_pack_meeting"),
    )
    op.create_index(op.f("ix_kept_pack_region_code"), "kept_pack", ["region_code"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f("ix_kept_pack_region_code"), table_name="kept_pack")
    op.drop_table("kept_pack")
    op.drop_index(op.f("ix_job_sleutel"), table_name="job")
    op.drop_table("job")
