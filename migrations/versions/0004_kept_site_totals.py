"""site totals kept per site by triggers

A site's totals (land released, reports, days worked, first and last date, teams, devices by
kind and disposal) were an aggregate over all its reports and items at every look: about a
second for a site of 40,000 reports on a busy laptop (docs/performance.md, issue 14). They are
now kept in four small tables, summed as rows are written:

- site_totals (site_id): reports, cleared_m2, reduced_m2, cancelled_m2;
- site_days (site_id, date): reports that day (the days worked are the rows; first and last
  date are the ends of the range);
- site_teams (site_id, team): reports of the team;
- site_devices (site_id, category, model, disposal): quantity, and the item rows behind it.

They are written by SQLite triggers on reports and report_items (insert, delete, and updates of
the columns they sum), never by the app: every writer (save, sign, amend, delete, import's
executemany, pull, the demo, raw SQL, foreign-key cascades) keeps them right inside its own
statement and transaction without knowing they exist. A row is deleted when its last report or
item goes, so an emptied site reads as zero, not as what subtracting left of the sums. Every
status counts, as the totals always did (drafts are the team's own work).

Not one row per (site, day, team): in the field that is about one row per report (one report
per team a day), so it would not shrink the walk.

The index on report_items (site_id, category, model, disposal, quantity) only served the old
aggregate: it goes, and every item insert is that much cheaper.

A later migration that rebuilds reports or report_items (Alembic's batch mode on SQLite copies
the table) drops these triggers with the old table: it must create them again (the test of the
kept totals, tests/unit/test_kept_totals.py, fails if it does not).

Every existing row survives; the tables are filled from the reports and items already there.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 03:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# Count the NEW report row in its site's totals, or take the OLD one out (an update does both).
_COUNT_NEW_REPORT = """
    INSERT INTO site_totals (site_id, reports, cleared_m2, reduced_m2, cancelled_m2)
    VALUES (NEW.site_id, 1, NEW.area_cleared_m2, NEW.area_reduced_m2, NEW.area_cancelled_m2)
    ON CONFLICT (site_id) DO UPDATE SET reports = reports + 1,
        cleared_m2 = cleared_m2 + excluded.cleared_m2,
        reduced_m2 = reduced_m2 + excluded.reduced_m2,
        cancelled_m2 = cancelled_m2 + excluded.cancelled_m2;
    INSERT INTO site_days (site_id, date, reports) VALUES (NEW.site_id, NEW.date, 1)
    ON CONFLICT (site_id, date) DO UPDATE SET reports = reports + 1;
    INSERT INTO site_teams (site_id, team, reports) VALUES (NEW.site_id, NEW.team, 1)
    ON CONFLICT (site_id, team) DO UPDATE SET reports = reports + 1;
"""
_UNCOUNT_OLD_REPORT = """
    UPDATE site_totals SET reports = reports - 1,
        cleared_m2 = cleared_m2 - OLD.area_cleared_m2,
        reduced_m2 = reduced_m2 - OLD.area_reduced_m2,
        cancelled_m2 = cancelled_m2 - OLD.area_cancelled_m2
    WHERE site_id = OLD.site_id;
    DELETE FROM site_totals WHERE site_id = OLD.site_id AND reports <= 0;
    UPDATE site_days SET reports = reports - 1 WHERE site_id = OLD.site_id AND date = OLD.date;
    DELETE FROM site_days WHERE site_id = OLD.site_id AND date = OLD.date AND reports <= 0;
    UPDATE site_teams SET reports = reports - 1 WHERE site_id = OLD.site_id AND team = OLD.team;
    DELETE FROM site_teams WHERE site_id = OLD.site_id AND team = OLD.team AND reports <= 0;
"""
_COUNT_NEW_ITEM = """
    INSERT INTO site_devices (site_id, category, model, disposal, quantity, items)
    VALUES (NEW.site_id, NEW.category, NEW.model, NEW.disposal, NEW.quantity, 1)
    ON CONFLICT (site_id, category, model, disposal) DO UPDATE SET
        quantity = quantity + excluded.quantity, items = items + 1;
"""
_UNCOUNT_OLD_ITEM = """
    UPDATE site_devices SET quantity = quantity - OLD.quantity, items = items - 1
    WHERE site_id = OLD.site_id AND category = OLD.category AND model = OLD.model
        AND disposal = OLD.disposal;
    DELETE FROM site_devices
    WHERE site_id = OLD.site_id AND category = OLD.category AND model = OLD.model
        AND disposal = OLD.disposal AND items <= 0;
"""

# name -> (event, table, body)
TRIGGERS = {
    "trg_reports_totals_insert": ("INSERT", "reports", _COUNT_NEW_REPORT),
    "trg_reports_totals_delete": ("DELETE", "reports", _UNCOUNT_OLD_REPORT),
    "trg_reports_totals_update": (
        "UPDATE OF site_id, date, team, area_cleared_m2, area_reduced_m2, area_cancelled_m2",
        "reports", _UNCOUNT_OLD_REPORT + _COUNT_NEW_REPORT),
    "trg_report_items_totals_insert": ("INSERT", "report_items", _COUNT_NEW_ITEM),
    "trg_report_items_totals_delete": ("DELETE", "report_items", _UNCOUNT_OLD_ITEM),
    "trg_report_items_totals_update": (
        "UPDATE OF site_id, category, model, disposal, quantity", "report_items",
        _UNCOUNT_OLD_ITEM + _COUNT_NEW_ITEM),
}


def _site_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f(f'fk_{table}_site_id_sites'),
                                   ondelete='CASCADE')


def upgrade() -> None:
    # A plain DROP INDEX (not batch mode, which may copy the table).
    op.drop_index('ix_report_items_site_devices', table_name='report_items')
    op.create_table('site_totals',
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('reports', sa.Integer(), nullable=False),
    sa.Column('cleared_m2', sa.Float(), nullable=False),
    sa.Column('reduced_m2', sa.Float(), nullable=False),
    sa.Column('cancelled_m2', sa.Float(), nullable=False),
    _site_key('site_totals'),
    sa.PrimaryKeyConstraint('site_id', name=op.f('pk_site_totals'))
    )
    op.create_table('site_days',
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('reports', sa.Integer(), nullable=False),
    _site_key('site_days'),
    sa.PrimaryKeyConstraint('site_id', 'date', name=op.f('pk_site_days')),
    sqlite_with_rowid=False
    )
    op.create_table('site_teams',
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('team', sa.String(length=200), nullable=False),
    sa.Column('reports', sa.Integer(), nullable=False),
    _site_key('site_teams'),
    sa.PrimaryKeyConstraint('site_id', 'team', name=op.f('pk_site_teams')),
    sqlite_with_rowid=False
    )
    op.create_table('site_devices',
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('model', sa.String(length=200), nullable=False),
    sa.Column('disposal', sa.String(length=32), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    _site_key('site_devices'),
    sa.PrimaryKeyConstraint('site_id', 'category', 'model', 'disposal',
                            name=op.f('pk_site_devices')),
    sqlite_with_rowid=False
    )
    # Filled from what is there, in the same transaction as the triggers that keep them.
    op.execute("INSERT INTO site_totals (site_id, reports, cleared_m2, reduced_m2, cancelled_m2) "
               "SELECT site_id, count(*), total(area_cleared_m2), total(area_reduced_m2), "
               "total(area_cancelled_m2) FROM reports GROUP BY site_id")
    op.execute("INSERT INTO site_days (site_id, date, reports) "
               "SELECT site_id, date, count(*) FROM reports GROUP BY site_id, date")
    op.execute("INSERT INTO site_teams (site_id, team, reports) "
               "SELECT site_id, team, count(*) FROM reports GROUP BY site_id, team")
    op.execute("INSERT INTO site_devices (site_id, category, model, disposal, quantity, items) "
               "SELECT site_id, category, model, disposal, sum(quantity), count(*) "
               "FROM report_items GROUP BY site_id, category, model, disposal")
    for name, (event, table, body) in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN {body} END")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in ('site_devices', 'site_teams', 'site_days', 'site_totals'):
        op.drop_table(table)
    op.create_index('ix_report_items_site_devices', 'report_items',
                    ['site_id', 'category', 'model', 'disposal', 'quantity'], unique=False)
