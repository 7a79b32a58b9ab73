"""narratives: the story behind a region's numbers, per period, every save a version

Adds the managed theme list (seeded), the saved versions of a region's narrative, their
bottlenecks with themes and their actions (each with a uid that stays the same across versions
and periods).

Revision ID: 0010_narratives
Revises: 0009
Create Date: 2026-12-05 04:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_narratives"
down_revision = "0009"
branch_labels = None
depends_on = None

# Written out rather than imported, so the migration keeps meaning what it meant when written.
STATUSES = ("open", "bezig", "klaar", "vervallen")
THEMES = (
    "capaciteit ggz",
    "werkgevers",
    "financiering/inkoop",
    "wet- en regelgeving",
    "samenwerking",
    "personeel/werkdruk",
)


def upgrade() -> None:
    """Apply this migration."""
    theme = op.create_table(
        "narrative_theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("naam", sa.String(length=80), nullable=False),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_narrative_theme")),
        sa.UniqueConstraint("naam", name=op.f("uq_narrative_theme_naam")),
    )
    op.bulk_insert(theme, [{"naam": name, "actief": True} for name in THEMES])
    op.create_table(
        "narrative_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.Column("periode", sa.String(length=32), nullable=False),
        sa.Column("begin", sa.Date(), nullable=False),
        sa.Column("eind", sa.Date(), nullable=False),
        sa.Column("stuurgroep", sa.Date(), nullable=True),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("door", sa.String(length=120), nullable=False),
        sa.Column("opgeslagen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("openbaar", sa.Boolean(), nullable=False),
        sa.Column("voorbeeld", sa.Boolean(), nullable=False),
        sa.Column("uitleg_gestart", sa.Text(), nullable=False),
        sa.Column("uitleg_duurzaam", sa.Text(), nullable=False),
        sa.Column("uitleg_leer", sa.Text(), nullable=False),
        sa.Column("uitleg_casus", sa.Text(), nullable=False),
        sa.Column("succesfactoren", sa.Text(), nullable=False),
        sa.Column("ontwikkelpunten", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_narrative_version_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_narrative_version")),
        sa.UniqueConstraint("region_code", "periode", "versie", name="uq_narrative_version_versie"),
    )
    op.create_table(
        "narrative_bottleneck",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["narrative_version.id"],
            name=op.f("fk_narrative_bottleneck_version_id_narrative_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_narrative_bottleneck")),
    )
    op.create_index(
        op.f("ix_narrative_bottleneck_version_id"), "narrative_bottleneck", ["version_id"], unique=False
    )
    op.create_table(
        "narrative_bottleneck_theme",
        sa.Column("bottleneck_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bottleneck_id"],
            ["narrative_bottleneck.id"],
            name=op.f("fk_narrative_bottleneck_theme_bottleneck_id_narrative_bottleneck"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["narrative_theme.id"],
            name=op.f("fk_narrative_bottleneck_theme_theme_id_narrative_theme"),
        ),
        sa.PrimaryKeyConstraint("bottleneck_id", "theme_id", name=op.f("pk_narrative_bottleneck_theme")),
    )
    op.create_table(
        "narrative_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("eigenaar", sa.String(length=200), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(*STATUSES, name="actie_status", native_enum=False, create_constraint=True, length=32),
            nullable=False,
        ),
        sa.Column("sinds", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["narrative_version.id"],
            name=op.f("fk_narrative_action_version_id_narrative_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_narrative_action")),
        sa.UniqueConstraint("version_id", "uid", name="uq_narrative_action_uid"),
    )
    op.create_index(op.f("ix_narrative_action_version_id"), "narrative_action", ["version_id"], unique=False)
    op.create_index(op.f("ix_narrative_action_uid"), "narrative_action", ["uid"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("narrative_action")
    op.drop_table("narrative_bottleneck_theme")
    op.drop_table("narrative_bottleneck")
    op.drop_table("narrative_version")
    op.drop_table("narrative_theme")
