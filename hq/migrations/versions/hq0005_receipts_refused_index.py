"""An index on the refused (parked) receipts, by record id

Every pushed batch asks which revisions of its records HQ refused and parked before (a later
revision may chain onto a parked one: hq/push.py, _receipts). `receipts` had no index on
record_id, so each batch read the whole table: 4.5 ms a batch at 50,000 receipts on
PostgreSQL, growing with every report HQ holds. The index is partial (only REFUSED rows), so
the applied receipts, nearly all of them, neither fill it nor pay for it on insert.

Revision ID: hq0005
Revises: hq0004
Create Date: 2026-12-02 08:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'hq0005'
down_revision = 'hq0004'
branch_labels = None
depends_on = None

REFUSED = sa.text("status = 'REFUSED'")


def upgrade() -> None:
    op.create_index('ix_receipts_refused', 'receipts', ['record_id'], unique=False,
                    postgresql_where=REFUSED, sqlite_where=REFUSED)


def downgrade() -> None:
    op.drop_index('ix_receipts_refused', table_name='receipts')
