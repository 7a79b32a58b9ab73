"""identity: former organisation names, withdrawn trajectories, the choice for left-out rows

Also reports trajectories of one organisation whose traject_id differs only in case: from now on
the import treats them as one id, but rows stored before stay as they are until the sender
re-delivers and withdraws the extra spelling.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 10:00:00.000000
"""

from __future__ import annotations

import logging
from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

log = logging.getLogger("dashboard.migrations")

# Written out rather than imported from dashboard.rules.domain, so the migration keeps meaning what it
# meant when written.
END_REASONS_BEFORE = ("duurzaam werk", "uitval", "verhuizing", "overig")
END_REASONS = (*END_REASONS_BEFORE, "ingetrokken")
# Rows per fetch while looking for ids that differ only in case: memory stays flat at any size.
FETCH = 10_000


def _reasons(values: tuple[str, ...]) -> str:
    return "eindreden IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def _key(traject_id: str) -> str:
    # The comparison the import uses from this migration on: case and spaces ignored.
    return " ".join(traject_id.split()).lower()


def case_duplicates(connection: sa.Connection) -> dict[int, int]:
    """Per organisation id, how many of its traject_ids are stored in more than one spelling.

    Read per organisation in the order of the unique index on (organisation, traject_id), so only
    one organisation's ids are held at a time. Compared in Python, not with SQL's LOWER(): SQLite
    folds only ASCII letters, and the import compares as Python does.
    """
    found: dict[int, int] = {}
    current: int | None = None
    spellings: Counter[str] = Counter()

    def close() -> None:
        doubled = sum(1 for n in spellings.values() if n > 1)
        if current is not None and doubled:
            found[current] = doubled

    # On this statement only: Connection.execution_options would stream every later one too.
    query = sa.text("SELECT organisation_id, traject_id FROM trajectory ORDER BY organisation_id, traject_id")
    rows = connection.execute(query.execution_options(yield_per=FETCH))
    for organisation_id, traject_id in rows:
        if organisation_id != current:
            close()
            current, spellings = organisation_id, Counter()
        spellings[_key(traject_id)] += 1
    close()
    return found


def report_case_duplicates(connection: sa.Connection) -> dict[int, int]:
    """Log (counts and organisation ids only) the traject_ids stored in more than one spelling."""
    found = case_duplicates(connection)
    if found:
        log.warning(
            "traject_id: %d id's staan in meer dan één schrijfwijze (alleen hoofd-/kleine letters of "
            "spaties verschillen) bij organisatie(s) %s. Ze zijn niet samengevoegd en tellen dubbel: "
            "lever het bestand van die organisatie opnieuw aan met één schrijfwijze en kies "
            "'--ontbrekend intrekken' voor de andere.",
            sum(found.values()),
            ", ".join(str(org) for org in sorted(found)),
        )
    return found


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "organisation_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=4), nullable=False),
        sa.Column("naam", sa.String(length=160), nullable=False),
        sa.Column("sleutel", sa.String(length=160), nullable=False),
        sa.Column("gebruiker", sa.String(length=120), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_organisation_alias_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_organisation_alias_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_alias")),
        sa.UniqueConstraint("region_code", "sleutel", name="uq_organisation_alias_region_sleutel"),
    )
    with op.batch_alter_table("organisation_alias", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_alias_organisation_id"), ["organisation_id"], unique=False
        )
    with op.batch_alter_table("import_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ontbrekend", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("ontbrekend_keuze", sa.String(length=16), nullable=True))
    # "ingetrokken" joins the allowed end reasons (SQLite rebuilds the table for a new CHECK).
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_trajectory_eindreden"), type_="check")
        batch_op.create_check_constraint(op.f("ck_trajectory_eindreden"), _reasons(END_REASONS))
    report_case_duplicates(op.get_bind())


def downgrade() -> None:
    """Revert this migration."""
    withdrawn = op.get_bind().scalar(
        sa.text("SELECT COUNT(*) FROM trajectory WHERE eindreden = 'ingetrokken'")
    )
    if withdrawn:
        # The older schema has no word for them, and would count them again.
        raise RuntimeError(f"{withdrawn} trajecten zijn ingetrokken; de vorige databaseversie kent dat niet.")
    with op.batch_alter_table("trajectory", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_trajectory_eindreden"), type_="check")
        batch_op.create_check_constraint(op.f("ck_trajectory_eindreden"), _reasons(END_REASONS_BEFORE))
    # Plain ALTER TABLE on both (SQLite 3.35+): a batch rebuild of import_log would drop a table
    # that the trajectories, meetings and deliveries refer to.
    op.execute("ALTER TABLE import_log DROP COLUMN ontbrekend_keuze")
    op.execute("ALTER TABLE import_log DROP COLUMN ontbrekend")
    with op.batch_alter_table("organisation_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_alias_organisation_id"))
    op.drop_table("organisation_alias")
