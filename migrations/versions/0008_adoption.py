"""route to adoption: schedule and meeting dates

Revision ID: 0008_adoption
Revises: 0007_atelier
Create Date: 2026-12-02 02:56:55.260351

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_adoption'
down_revision = '0007_atelier'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('adoption_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('target_date', sa.Date(), nullable=False),
    sa.Column('consultation_with', sa.String(length=20), nullable=False),
    sa.Column('steps', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['participation_plan.id'], name='fk_adoption_schedule_plan_id_participation_plan', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name='fk_adoption_schedule_updated_by_id_user', ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name='pk_adoption_schedule'),
    sa.UniqueConstraint('plan_id', name='uq_adoption_schedule_plan_id')
    )
    op.create_table('meeting_date',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.String(length=20), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['participation_plan.id'], name='fk_meeting_date_plan_id_participation_plan', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_meeting_date'),
    sa.UniqueConstraint('plan_id', 'body', 'day', name='uq_meeting_date_plan_body_day')
    )
    with op.batch_alter_table('meeting_date', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_date_plan_id', ['plan_id'], unique=False)



def downgrade():
    with op.batch_alter_table('meeting_date', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_date_plan_id')

    op.drop_table('meeting_date')
    op.drop_table('adoption_schedule')
