"""casusbibliotheek: a finished project published as a case for all users

Revision ID: 0015_cases
Revises: 0014_surveys
Create Date: 2026-12-02 05:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_cases'
down_revision = '0014_surveys'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_study',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('approach', sa.Text(), nullable=False),
    sa.Column('outcomes', sa.Text(), nullable=False),
    sa.Column('lessons', sa.Text(), nullable=False),
    sa.Column('factors', sa.String(length=400), nullable=False),
    sa.Column('published', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name='fk_case_study_project_id_project', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name='fk_case_study_updated_by_id_user', ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name='pk_case_study'),
    sa.UniqueConstraint('project_id', name='uq_case_study_project_id')
    )
    with op.batch_alter_table('case_study', schema=None) as batch_op:
        batch_op.create_index('ix_case_study_published_at', ['published', 'published_at'], unique=False)


def downgrade():
    with op.batch_alter_table('case_study', schema=None) as batch_op:
        batch_op.drop_index('ix_case_study_published_at')
    op.drop_table('case_study')
