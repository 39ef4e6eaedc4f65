"""HQ's review decisions on the laptop; sites found in the field (proposed to HQ)

Only columns are added, all nullable, so every existing row survives as it was:

- reports.review_by / review_at / review_revision: who at HQ decided, when (HQ's clock), and on
  which signed revision (review_reason was already there);
- sites.proposal_state / proposal_reason / provisional_reference: a site made on this laptop and
  proposed to HQ (PROPOSED, RETURNED with HQ's reason, CONFIRMED once HQ took it); the
  provisional reference it was first given is kept once HQ gives the national one.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 23:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review_by', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('review_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('review_revision', sa.Integer(), nullable=True))
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proposal_state', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('proposal_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('provisional_reference', sa.String(length=64),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_column('provisional_reference')
        batch_op.drop_column('proposal_reason')
        batch_op.drop_column('proposal_state')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_column('review_revision')
        batch_op.drop_column('review_at')
        batch_op.drop_column('review_by')
