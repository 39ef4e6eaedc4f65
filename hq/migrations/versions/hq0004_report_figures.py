"""The figures the national totals sum and filter on, as columns of `reports`

Until now hq/totals.py read every figure out of each revision's JSON record, parsed again at
each figure (about 45 s for 200,000 reports on PostgreSQL). The record stays as the team signed
it; these nullable columns copy what the totals need from it, filled by hq/store.py
(`report_figures`) for every revision written from now on, and here for those already held:

- report_date (the record's `date`), activity, team;
- area_cancelled_m2, area_reduced_m2, area_cleared_m2;
- items: the record's devices found (its `items` list as JSON, NULL when it has none), so the
  devices by category and model unnest a short list, and only of the reports that found some;
- an index on (status, report_date): the totals pick revisions by state and date.

The back-fill is one UPDATE over the table (json_extract on SQLite, ->> on PostgreSQL), the
same reading as hq/store.py's: a figure missing, or not a number (areas), a text (activity,
team) or an ISO date, is NULL. (On PostgreSQL a date like 2025-02-30 would stop the cast; HQ
only holds records whose date passed the format's validation.)

Revision ID: hq0004
Revises: hq0003
Create Date: 2026-12-02 01:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'hq0004'
down_revision = 'hq0003'
branch_labels = None
depends_on = None

AREAS = ('area_cancelled_m2', 'area_reduced_m2', 'area_cleared_m2')

SQLITE_FILL = """
UPDATE reports SET
  report_date = CASE WHEN json_type(record, '$.date') = 'text'
                          AND date(substr(json_extract(record, '$.date'), 1, 10))
                              = substr(json_extract(record, '$.date'), 1, 10)
                     THEN substr(json_extract(record, '$.date'), 1, 10) END,
  activity = substr(json_extract(record, '$.activity'), 1, 32),
  team = substr(json_extract(record, '$.team'), 1, 200),
  area_cancelled_m2 = CASE WHEN json_type(record, '$.area_cancelled_m2') IN ('integer', 'real')
                           THEN json_extract(record, '$.area_cancelled_m2') END,
  area_reduced_m2 = CASE WHEN json_type(record, '$.area_reduced_m2') IN ('integer', 'real')
                         THEN json_extract(record, '$.area_reduced_m2') END,
  area_cleared_m2 = CASE WHEN json_type(record, '$.area_cleared_m2') IN ('integer', 'real')
                         THEN json_extract(record, '$.area_cleared_m2') END,
  items = CASE WHEN json_type(record, '$.items') = 'array'
                    AND json_array_length(record, '$.items') > 0
               THEN json_extract(record, '$.items') END
"""

PG_FILL = """
UPDATE reports SET
  report_date = CASE WHEN (record ->> 'date') ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])'
                     THEN left(record ->> 'date', 10)::date END,
  activity = left(record ->> 'activity', 32),
  team = left(record ->> 'team', 200),
  area_cancelled_m2 = CASE WHEN json_typeof(record -> 'area_cancelled_m2') = 'number'
                           THEN (record ->> 'area_cancelled_m2')::float END,
  area_reduced_m2 = CASE WHEN json_typeof(record -> 'area_reduced_m2') = 'number'
                         THEN (record ->> 'area_reduced_m2')::float END,
  area_cleared_m2 = CASE WHEN json_typeof(record -> 'area_cleared_m2') = 'number'
                         THEN (record ->> 'area_cleared_m2')::float END,
  items = CASE WHEN json_typeof(record -> 'items') = 'array'
                    AND json_array_length(record -> 'items') > 0
               THEN record -> 'items' END
"""


def upgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('activity', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('team', sa.String(length=200), nullable=True))
        for name in AREAS:
            batch_op.add_column(sa.Column(name, sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('items', sa.JSON(), nullable=True))
    bind = op.get_bind()
    op.execute(sa.text(SQLITE_FILL if bind.dialect.name == 'sqlite' else PG_FILL))
    op.create_index('ix_reports_status_date', 'reports', ['status', 'report_date'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_reports_status_date', table_name='reports')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_column('items')
        for name in reversed(AREAS):
            batch_op.drop_column(name)
        batch_op.drop_column('team')
        batch_op.drop_column('activity')
        batch_op.drop_column('report_date')
