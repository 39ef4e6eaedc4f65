"""HQ users, review decisions, audit trail (second wave, issue 12)

Reports HQ already holds become RECEIVED: HQ's own state for a report nobody has judged yet
(before this revision they were stored as SIGNED).

Revision ID: hq0002
Revises: hq0001
Create Date: 2026-12-01 21:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'hq0002'
down_revision = 'hq0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('users',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('unit', sa.String(length=200), nullable=True),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('disabled_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('reviews',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('record_id', sa.String(length=64), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=False),
    sa.Column('change_no', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reviews_user_id_users')),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_reviews_device_id_devices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews')),
    sa.UniqueConstraint('change_no', name=op.f('uq_reviews_change_no'))
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index('ix_reviews_record', ['record_id', 'revision'], unique=False)
        batch_op.create_index('ix_reviews_device_change', ['device_id', 'change_no'], unique=False)
    op.create_table('audit',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('target', sa.String(length=100), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit'))
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_at'), ['at'], unique=False)
    # The counter the devices' review feed follows (taken with a row lock, like site_change).
    op.bulk_insert(sa.table('counters', sa.column('name', sa.String), sa.column('value', sa.BigInteger)),
                   [{'name': 'review_change', 'value': 0}])
    op.execute("UPDATE reports SET status = 'RECEIVED' WHERE status NOT IN "
               "('ACCEPTED', 'RETURNED', 'REJECTED')")


def downgrade() -> None:
    op.execute("UPDATE reports SET status = 'SIGNED' WHERE status = 'RECEIVED'")
    op.execute("DELETE FROM counters WHERE name = 'review_change'")
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_at'))
    op.drop_table('audit')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_reviews_device_change')
        batch_op.drop_index('ix_reviews_record')
    op.drop_table('reviews')
    op.drop_table('users')
