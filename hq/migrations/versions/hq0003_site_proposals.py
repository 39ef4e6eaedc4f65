"""Sites found in the field: HQ holds them as PROPOSED until a reviewer confirms or returns them

Only nullable columns are added to `sites`, so every site HQ already holds (imported, HQ's own)
keeps `proposal_state` NULL and stays exactly as it was:

- proposal_state: PROPOSED (sent by a laptop, waiting), CONFIRMED (a reviewer took it: HQ's
  site from then on), RETURNED (sent back to the laptop with `proposal_reason`);
- proposal_reason: the reviewer's reason when returned;
- proposed_by: the device that proposed it (the returned decision goes down to it alone);
- provisional_reference: the laptop's provisional reference, kept once HQ gives the national one;
- proposal_revision: the number of the proposal HQ holds (1, then 2 once proposed again).

Revision ID: hq0003
Revises: hq0002
Create Date: 2026-12-01 23:55:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'hq0003'
down_revision = 'hq0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proposal_state', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('proposal_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('proposed_by', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('provisional_reference', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('proposal_revision', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_sites_proposed_by_devices'), 'devices',
                                    ['proposed_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sites_proposed_by_devices'), type_='foreignkey')
        batch_op.drop_column('proposal_revision')
        batch_op.drop_column('provisional_reference')
        batch_op.drop_column('proposed_by')
        batch_op.drop_column('proposal_reason')
        batch_op.drop_column('proposal_state')
