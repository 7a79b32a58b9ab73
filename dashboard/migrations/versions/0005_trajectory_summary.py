"""trajectory summary: counts per organisation, event, start cohort and month; date indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The events as this migration defines them: (name, date, cohort date, condition, per method mix).
# Written out here rather than imported, so the migration keeps meaning what it meant when written.
_BOTH = "einddatum IS NOT NULL AND duurzaam_datum IS NOT NULL"
_LATER = "CASE WHEN einddatum >= duurzaam_datum THEN einddatum ELSE duurzaam_datum END"
EVENTS = (
    ("gestart", "startdatum", "startdatum", "1 = 1", False),
    ("geplaatst", "plaatsingsdatum", "startdatum", "plaatsingsdatum IS NOT NULL", False),
    ("duurzaam", "duurzaam_datum", "startdatum", "duurzaam_datum IS NOT NULL", False),
    ("geeindigd", "einddatum", "startdatum", "einddatum IS NOT NULL", False),
    ("geeindigd_duurzaam", _LATER, "startdatum", _BOTH, False),
    ("zonder_aanmelding", "startdatum", "startdatum", "aanmelddatum IS NULL", False),
    ("eerder_aangemeld", "startdatum", "startdatum", "aanmelddatum IS NOT NULL AND {ya} < {ys}", False),
    ("aangemeld", "aanmelddatum", "aanmelddatum", "aanmelddatum IS NOT NULL", False),
    ("gestart_mix", "startdatum", "startdatum", "1 = 1", True),
    ("duurzaam_mix", "duurzaam_datum", "startdatum", "duurzaam_datum IS NOT NULL", True),
)


def _year(column: str) -> str:
    return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"


def _sqlite_year(column: str) -> str:
    return f"CAST(STRFTIME('%Y', {column}) AS INTEGER)"


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "trajectory_summary",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=24), nullable=False),
        sa.Column("cohort", sa.Integer(), nullable=False),
        sa.Column("jaarmaand", sa.Integer(), nullable=False),
        sa.Column("methode", sa.String(length=32), nullable=False),
        sa.Column("financiering", sa.String(length=32), nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_trajectory_summary_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint(
            "organisation_id",
            "soort",
            "cohort",
            "jaarmaand",
            "methode",
            "financiering",
            name=op.f("pk_trajectory_summary"),
        ),
    )
    op.create_index(
        "ix_trajectory_summary_cohort",
        "trajectory_summary",
        ["cohort", "soort", "jaarmaand", "organisation_id", "aantal"],
        unique=False,
    )
    # The peildatum's own month is counted from the trajectories, through the date it is about.
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.create_index("ix_trajectory_plaatsingsdatum", ["plaatsingsdatum"], unique=False)
        batch_op.create_index("ix_trajectory_duurzaam_datum", ["duurzaam_datum"], unique=False)
        batch_op.create_index("ix_trajectory_einddatum", ["einddatum"], unique=False)
    year = _sqlite_year if op.get_bind().dialect.name == "sqlite" else _year
    for name, date, cohort_date, condition, by_mix in EVENTS:
        month = (
            f"CAST(STRFTIME('%Y%m', {date}) AS INTEGER)"
            if op.get_bind().dialect.name == "sqlite"
            else f"CAST(EXTRACT(YEAR FROM {date}) * 100 + EXTRACT(MONTH FROM {date}) AS INTEGER)"
        )
        mix = ("methode", "COALESCE(financiering, '')") if by_mix else ("''", "''")
        group = f", {mix[0]}, {mix[1]}" if by_mix else ""
        where = condition.format(ya=year("aanmelddatum"), ys=year("startdatum"))
        op.execute(
            "INSERT INTO trajectory_summary "
            "(organisation_id, soort, cohort, jaarmaand, methode, financiering, aantal) "
            f"SELECT organisation_id, '{name}', {year(cohort_date)}, {month}, {mix[0]}, {mix[1]}, COUNT(*) "
            f"FROM trajectory WHERE {where} "
            f"GROUP BY organisation_id, {year(cohort_date)}, {month}{group}"
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.drop_index("ix_trajectory_einddatum")
        batch_op.drop_index("ix_trajectory_duurzaam_datum")
        batch_op.drop_index("ix_trajectory_plaatsingsdatum")
    op.drop_index("ix_trajectory_summary_cohort", table_name="trajectory_summary")
    op.drop_table("trajectory_summary")
