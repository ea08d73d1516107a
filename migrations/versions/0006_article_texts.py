"""the jurist's own article texts

Revision ID: 0006_article_texts
Revises: 0005_revision_index
Create Date: 2026-12-02 02:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_article_texts'
down_revision = '0005_revision_index'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('article_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('article_key', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('generated_digest', sa.String(length=64), nullable=False),
    sa.Column('answers_digest', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['participation_plan.id'], name='fk_article_text_plan_id', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name='fk_article_text_user_id', ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name='pk_article_text'),
    sa.UniqueConstraint('plan_id', 'article_key', name='uq_article_text_plan_article')
    )


def downgrade():
    op.drop_table('article_text')
