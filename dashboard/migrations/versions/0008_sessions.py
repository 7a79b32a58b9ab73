"""sessions: sessions held on the server, and account ids that are never handed out twice

Every session signed before this version ends: its cookie names an account id, which no longer
opens anything.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 01:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Written out rather than imported from the model, so the migration keeps meaning what it meant when
# written.
ROLES = ("landelijk", "regio", "beheer")


def _app_user(autoincrement: bool) -> sa.Table:
    return sa.Table(
        "app_user",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gebruikersnaam", sa.String(length=120), nullable=False),
        sa.Column("wachtwoord_hash", sa.String(length=255), nullable=True),
        sa.Column("rol", sa.String(length=32), nullable=False),
        sa.Column("oidc_subject", sa.String(length=255), nullable=True),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.Column("voorbeeld", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_app_user"),
        sa.UniqueConstraint("gebruikersnaam", name="uq_app_user_gebruikersnaam"),
        sa.UniqueConstraint("oidc_subject", name="uq_app_user_oidc_subject"),
        sa.CheckConstraint(f"rol IN ({', '.join(repr(r) for r in ROLES)})", name="ck_app_user_rol"),
        sqlite_autoincrement=autoincrement,
    )


def _rebuild_app_user(autoincrement: bool) -> None:
    """SQLite only: AUTOINCREMENT can only be given to a table when it is created."""
    bind = op.get_bind()
    # Dropping the old table deletes the region rows of every account (ON DELETE CASCADE, and the
    # pragma cannot be turned off inside the migration's transaction): keep them and put them back.
    regions = bind.execute(sa.text("SELECT user_id, region_code FROM user_region")).all()
    with op.batch_alter_table("app_user", copy_from=_app_user(autoincrement), recreate="always"):
        pass
    if regions:
        bind.execute(
            sa.text("INSERT INTO user_region (user_id, region_code) VALUES (:user_id, :region_code)"),
            [{"user_id": r.user_id, "region_code": r.region_code} for r in regions],
        )


def upgrade() -> None:
    """Apply this migration."""
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_app_user(autoincrement=True)
    op.create_table(
        "app_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sleutel_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("hoe", sa.String(length=16), nullable=False),
        sa.Column("begonnen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("laatst_gezien", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_app_session_user_id_app_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_session")),
        sa.UniqueConstraint("sleutel_hash", name=op.f("uq_app_session_sleutel_hash")),
    )
    op.create_index(op.f("ix_app_session_user_id"), "app_session", ["user_id"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index(op.f("ix_app_session_user_id"), table_name="app_session")
    op.drop_table("app_session")
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_app_user(autoincrement=False)
