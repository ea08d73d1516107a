"""surveys: staff surveys beside participant surveys, event mode, one-time access codes, a hashed source per response

Revision ID: 0017_surveys
Revises: 0016_landscape
Create Date: 2026-12-06 21:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_surveys'
down_revision = '0016_landscape'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audience', sa.String(length=16), server_default='deelnemers', nullable=False))
        batch_op.add_column(sa.Column('event_mode', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('with_codes', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.drop_constraint('uq_survey_project_id', type_='unique')
        batch_op.create_unique_constraint('uq_survey_project_id_audience', ['project_id', 'audience'])
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=16), nullable=True))
        batch_op.create_index('ix_survey_response_survey_id_source', ['survey_id', 'source'], unique=False)
    op.create_table('survey_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('used', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], name='fk_survey_code_survey_id_survey', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_survey_code'),
    sa.UniqueConstraint('survey_id', 'code', name='uq_survey_code_survey_id_code')
    )


def downgrade():
    op.drop_table('survey_code')
    op.execute("DELETE FROM survey WHERE audience <> 'deelnemers'")   # one survey per project again
    with op.batch_alter_table('survey_response', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_response_survey_id_source')
        batch_op.drop_column('source')
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.drop_constraint('uq_survey_project_id_audience', type_='unique')
        batch_op.create_unique_constraint('uq_survey_project_id', ['project_id'])
        batch_op.drop_column('with_codes')
        batch_op.drop_column('event_mode')
        batch_op.drop_column('audience')
