"""trust in the core: audit log, invitation expiry, revision versions

Revision ID: 0002_trust_core
Revises: 490339f270df
Create Date: 2026-12-02 01:53:23.190830

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002_trust_core'
down_revision = '490339f270df'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=254), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('target', sa.String(length=120), nullable=False),
    sa.Column('ip', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index('ix_audit_event_workspace_time', ['municipality_id', 'created_at'], unique=False)

    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('used_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key('fk_invitation_used_by_id_user', 'user', ['used_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('plan_revision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('step_version', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('note', sa.String(length=200), nullable=True))




def downgrade():

    with op.batch_alter_table('plan_revision', schema=None) as batch_op:
        batch_op.drop_column('note')
        batch_op.drop_column('step_version')

    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_constraint('fk_invitation_used_by_id_user', type_='foreignkey')
        batch_op.drop_column('withdrawn_at')
        batch_op.drop_column('expires_at')
        batch_op.drop_column('used_by_id')

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_workspace_time')
        batch_op.drop_index(batch_op.f('ix_audit_event_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_created_at'))
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')

