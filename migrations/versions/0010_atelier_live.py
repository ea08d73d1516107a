"""atelier live: messages, countdown, help requests

Revision ID: 0010_atelier_live
Revises: 0009_atelier_round
Create Date: 2026-12-02 03:33:53.931363

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_atelier_live'
down_revision = '0008_adoption'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('atelier_countdown',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('atelier_id', sa.Integer(), nullable=False),
    sa.Column('round_number', sa.Integer(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['atelier_id'], ['atelier.id'], name='fk_atelier_countdown_atelier_id_atelier', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_by_id'], ['user.id'], name='fk_atelier_countdown_set_by_id_user', ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name='pk_atelier_countdown'),
    sa.UniqueConstraint('atelier_id', 'round_number', name='uq_atelier_countdown_atelier_round')
    )
    op.create_table('atelier_help_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('atelier_id', sa.Integer(), nullable=False),
    sa.Column('round_number', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=True),
    sa.Column('asked_at', sa.DateTime(), nullable=False),
    sa.Column('handled_at', sa.DateTime(), nullable=True),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['asked_by_id'], ['user.id'], name='fk_atelier_help_request_asked_by_id_user', ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['atelier_id'], ['atelier.id'], name='fk_atelier_help_request_atelier_id_atelier', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['handled_by_id'], ['user.id'], name='fk_atelier_help_request_handled_by_id_user', ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['atelier_participant.id'], name='fk_atelier_help_request_participant_id_atelier_participant', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_atelier_help_request')
    )
    with op.batch_alter_table('atelier_help_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_atelier_help_request_atelier_id'), ['atelier_id'], unique=False)

    op.create_table('atelier_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('atelier_id', sa.Integer(), nullable=False),
    sa.Column('round_number', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.String(length=1000), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['atelier_id'], ['atelier.id'], name='fk_atelier_message_atelier_id_atelier', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['by_id'], ['user.id'], name='fk_atelier_message_by_id_user', ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id'], ['atelier_group.id'], name='fk_atelier_message_group_id_atelier_group', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_atelier_message')
    )
    with op.batch_alter_table('atelier_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_atelier_message_atelier_id'), ['atelier_id'], unique=False)



def downgrade():
    with op.batch_alter_table('atelier_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_atelier_message_atelier_id'))

    op.drop_table('atelier_message')
    with op.batch_alter_table('atelier_help_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_atelier_help_request_atelier_id'))

    op.drop_table('atelier_help_request')
    op.drop_table('atelier_countdown')
