"""participant surveys of projects and their anonymous responses

Revision ID: 0014_surveys
Revises: 0013_zelfscan
Create Date: 2026-12-02 05:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_surveys'
down_revision = '0013_zelfscan'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('survey',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('is_open', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('own_questions', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name='fk_survey_project_id_project', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_survey'),
    sa.UniqueConstraint('project_id', name='uq_survey_project_id'),
    sa.UniqueConstraint('token', name='uq_survey_token')
    )
    op.create_table('survey_response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], name='fk_survey_response_survey_id_survey', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_survey_response')
    )
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.create_index('ix_survey_response_survey_id', ['survey_id'], unique=False)


def downgrade():
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_response_survey_id')
    op.drop_table('survey_response')
    op.drop_table('survey')
