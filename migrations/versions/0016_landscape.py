"""single sign-on (OpenID Connect) per organisation, and the accounts linked to its provider

Revision ID: 0016_landscape
Revises: 0015_cases
Create Date: 2026-12-06 21:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_landscape'
down_revision = '0015_cases'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('single_sign_on',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('issuer', sa.String(length=300), nullable=False),
    sa.Column('client_id', sa.String(length=200), nullable=False),
    sa.Column('client_secret_encrypted', sa.Text(), nullable=True),
    sa.Column('email_domain', sa.String(length=200), nullable=False),
    sa.Column('allow_password_login', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'],
                            name='fk_single_sign_on_municipality_id_municipality', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_single_sign_on'),
    sa.UniqueConstraint('municipality_id', name='uq_single_sign_on_municipality_id')
    )
    op.create_table('sso_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'],
                            name='fk_sso_identity_municipality_id_municipality', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name='fk_sso_identity_user_id_user', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_sso_identity'),
    sa.UniqueConstraint('municipality_id', 'subject', name='uq_sso_identity_municipality_subject')
    )
    with op.batch_alter_table('sso_identity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sso_identity_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('sso_identity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sso_identity_user_id'))
    op.drop_table('sso_identity')
    op.drop_table('single_sign_on')
