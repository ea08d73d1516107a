"""vergaderdata uit Open Raadsinformatie: the organisation's ORI source

Revision ID: 0019_calendar
Revises: 0018_security
Create Date: 2026-12-06 21:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_calendar'
down_revision = '0018_security'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ori_source', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('municipality', schema=None) as batch_op:
        batch_op.drop_column('ori_source')
