"""users and audit: accounts with a role and their regions, and the audit trail

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 15:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruikersnaam", sa.String(length=120), nullable=False),
        sa.Column("wachtwoord_hash", sa.String(length=255), nullable=True),
        sa.Column(
            "rol",
            sa.Enum(
                "landelijk",
                "regio",
                "beheer",
                name="rol",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("oidc_subject", sa.String(length=255), nullable=True),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.Column("voorbeeld", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("gebruikersnaam", name=op.f("uq_app_user_gebruikersnaam")),
        sa.UniqueConstraint("oidc_subject", name=op.f("uq_app_user_oidc_subject")),
    )
    op.create_table(
        "user_region",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_user_region_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_user_region_region_code_region")
        ),
        sa.PrimaryKeyConstraint("user_id", "region_code", name=op.f("pk_user_region")),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gebeurtenis", sa.String(length=40), nullable=False),
        sa.Column("gebruiker", sa.String(length=120), nullable=False),
        sa.Column("detail", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index("ix_audit_event_tijdstip", "audit_event", ["tijdstip"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index("ix_audit_event_tijdstip", table_name="audit_event")
    op.drop_table("audit_event")
    op.drop_table("user_region")
    op.drop_table("app_user")
