"""security: second-factor tries counted on the account; organisations verified by an operator

Revision ID: 0018_security
Revises: 0017_surveys
Create Date: 2026-12-06 21:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_security'
down_revision = '0017_surveys'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('login_code_nonce', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('login_code_failures', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verified_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('official_code', sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_column('official_code')
        batch_op.drop_column('verified_at')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('login_code_failures')
        batch_op.drop_column('login_code_nonce')
