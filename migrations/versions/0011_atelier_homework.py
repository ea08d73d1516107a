"""atelier homework: assignments and homework per round, homework done, reactions on shared answers

Revision ID: 0011_atelier_homework
Revises: 0010_atelier_live
Create Date: 2026-12-02 04:43:51.676593

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_atelier_homework'
down_revision = '0010_atelier_live'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('atelier_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('atelier_id', sa.Integer(), nullable=False),
    sa.Column('round_number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['atelier_id'], ['atelier.id'], name='fk_atelier_assignment_atelier_id_atelier', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name='fk_atelier_assignment_created_by_id_user', ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name='pk_atelier_assignment')
    )
    with op.batch_alter_table('atelier_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_atelier_assignment_atelier_id'), ['atelier_id'], unique=False)

    op.create_table('atelier_homework_done',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['atelier_assignment.id'], name='fk_atelier_homework_done_assignment_id_atelier_assignment', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['done_by_id'], ['user.id'], name='fk_atelier_homework_done_done_by_id_user', ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['atelier_participant.id'], name='fk_atelier_homework_done_participant_id_atelier_participant', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_atelier_homework_done'),
    sa.UniqueConstraint('assignment_id', 'participant_id', name='uq_atelier_homework_done_assignment_participant')
    )
    with op.batch_alter_table('atelier_homework_done', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_atelier_homework_done_participant_id'), ['participant_id'], unique=False)

    op.create_table('atelier_reaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('atelier_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('step_number', sa.Integer(), nullable=False),
    sa.Column('question_key', sa.String(length=100), nullable=False),
    sa.Column('body', sa.String(length=1000), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['atelier_id'], ['atelier.id'], name='fk_atelier_reaction_atelier_id_atelier', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name='fk_atelier_reaction_author_id_user', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['atelier_participant.id'], name='fk_atelier_reaction_participant_id_atelier_participant', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_atelier_reaction')
    )
    with op.batch_alter_table('atelier_reaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_atelier_reaction_atelier_id'), ['atelier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_atelier_reaction_participant_id'), ['participant_id'], unique=False)



def downgrade():
    with op.batch_alter_table('atelier_reaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_atelier_reaction_participant_id'))
        batch_op.drop_index(batch_op.f('ix_atelier_reaction_atelier_id'))

    op.drop_table('atelier_reaction')
    with op.batch_alter_table('atelier_homework_done', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_atelier_homework_done_participant_id'))

    op.drop_table('atelier_homework_done')
    with op.batch_alter_table('atelier_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_atelier_assignment_atelier_id'))

    op.drop_table('atelier_assignment')
