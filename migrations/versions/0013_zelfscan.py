"""zelfscan per year (typed scores per statement) and opting in to the benchmark

Revision ID: 0013_zelfscan
Revises: 0012_projects
Create Date: 2026-12-02 04:48:58.507446

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_zelfscan'
down_revision = '0012_projects'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('benchmark_participation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.Column('joined_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['joined_by_id'], ['user.id'], name='fk_benchmark_participation_joined_by_id_user', ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name='fk_benchmark_participation_municipality_id_municipality', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_benchmark_participation'),
    sa.UniqueConstraint('municipality_id', name='uq_benchmark_participation_municipality_id')
    )
    op.create_table('self_scan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name='fk_self_scan_municipality_id_municipality', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name='fk_self_scan_updated_by_id_user', ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name='pk_self_scan'),
    sa.UniqueConstraint('municipality_id', 'year', name='uq_self_scan_municipality_year')
    )
    with op.batch_alter_table('self_scan', schema=None) as batch_op:
        batch_op.create_index('ix_self_scan_year', ['year'], unique=False)

    op.create_table('self_scan_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scan_id', sa.Integer(), nullable=False),
    sa.Column('statement_key', sa.String(length=60), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name='ck_self_scan_answer_score'),
    sa.ForeignKeyConstraint(['scan_id'], ['self_scan.id'], name='fk_self_scan_answer_scan_id_self_scan', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_self_scan_answer'),
    sa.UniqueConstraint('scan_id', 'statement_key', name='uq_self_scan_answer_scan_statement')
    )


def downgrade():
    op.drop_table('self_scan_answer')
    with op.batch_alter_table('self_scan', schema=None) as batch_op:
        batch_op.drop_index('ix_self_scan_year')

    op.drop_table('self_scan')
    op.drop_table('benchmark_participation')
