"""index for the paged history

Revision ID: 0005_revision_index
Revises: 0004_recovery
Create Date: 2026-12-02 02:21:55.052464

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_revision_index'
down_revision = '0004_recovery'
branch_labels = None
depends_on = None


def upgrade():

    with op.batch_alter_table('plan_revision', schema=None) as batch_op:
        batch_op.create_index('ix_plan_revision_plan_created', ['plan_id', 'created_at', 'id'], unique=False)




def downgrade():

    with op.batch_alter_table('plan_revision', schema=None) as batch_op:
        batch_op.drop_index('ix_plan_revision_plan_created')


