"""het loket: adopted versions, residents' requests, notes, attachments, supporters of a burgerinitiatief

Revision ID: 0020_loket
Revises: 0019_calendar
Create Date: 2026-12-06 21:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020_loket'
down_revision = '0019_calendar'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('adopted_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('in_force_from', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name='fk_adopted_version_created_by_id_user', ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name='fk_adopted_version_municipality_id_municipality', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['participation_plan.id'], name='fk_adopted_version_plan_id_participation_plan', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['snapshot_id'], ['plan_snapshot.id'], name='fk_adopted_version_snapshot_id_plan_snapshot', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_adopted_version'),
    sa.UniqueConstraint('snapshot_id', name='uq_adopted_version_snapshot_id')
    )
    with op.batch_alter_table('adopted_version', schema=None) as batch_op:
        batch_op.create_index('ix_adopted_version_municipality_in_force', ['municipality_id', 'in_force_from'], unique=False)

    op.create_table('loket_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('adopted_version_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=30), nullable=True),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('right', sa.String(length=30), nullable=False),
    sa.Column('rules', sa.JSON(), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('requester_name', sa.String(length=200), nullable=False),
    sa.Column('requester_address', sa.String(length=300), nullable=False),
    sa.Column('requester_email', sa.String(length=254), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('decided', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('postponed_on', sa.Date(), nullable=True),
    sa.Column('postpone_reason', sa.Text(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decision_reasons', sa.Text(), nullable=True),
    sa.Column('decision_conditions', sa.Text(), nullable=True),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('paper_supporters', sa.Integer(), nullable=False),
    sa.Column('reminded_on', sa.Date(), nullable=True),
    sa.Column('personal_data_removed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['adopted_version_id'], ['adopted_version.id'], name='fk_loket_request_adopted_version_id_adopted_version', ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['user.id'], name='fk_loket_request_assigned_to_id_user', ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name='fk_loket_request_municipality_id_municipality', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_loket_request'),
    sa.UniqueConstraint('reference', name='uq_loket_request_reference'),
    sa.UniqueConstraint('token', name='uq_loket_request_token')
    )
    with op.batch_alter_table('loket_request', schema=None) as batch_op:
        batch_op.create_index('ix_loket_request_queue', ['municipality_id', 'decided', 'due_on', 'id'], unique=False)
        batch_op.create_index('ix_loket_request_decided', ['municipality_id', 'decided', 'decided_on', 'id'], unique=False)
        batch_op.create_index('ix_loket_request_municipality_received', ['municipality_id', 'received_on', 'id'], unique=False)

    op.create_table('initiative_support',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['loket_request.id'], name='fk_initiative_support_request_id_loket_request', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_initiative_support'),
    sa.UniqueConstraint('request_id', 'email', name='uq_initiative_support_request_id_email'),
    sa.UniqueConstraint('token', name='uq_initiative_support_token')
    )
    op.create_table('loket_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['loket_request.id'], name='fk_loket_attachment_request_id_loket_request', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_loket_attachment')
    )
    with op.batch_alter_table('loket_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loket_attachment_request_id'), ['request_id'], unique=False)

    op.create_table('loket_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name='fk_loket_note_author_id_user', ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['loket_request.id'], name='fk_loket_note_request_id_loket_request', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name='pk_loket_note')
    )
    with op.batch_alter_table('loket_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loket_note_request_id'), ['request_id'], unique=False)


def downgrade():
    with op.batch_alter_table('loket_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loket_note_request_id'))
    op.drop_table('loket_note')
    with op.batch_alter_table('loket_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loket_attachment_request_id'))
    op.drop_table('loket_attachment')
    op.drop_table('initiative_support')
    with op.batch_alter_table('loket_request', schema=None) as batch_op:
        batch_op.drop_index('ix_loket_request_municipality_received')
        batch_op.drop_index('ix_loket_request_decided')
        batch_op.drop_index('ix_loket_request_queue')
    op.drop_table('loket_request')
    with op.batch_alter_table('adopted_version', schema=None) as batch_op:
        batch_op.drop_index('ix_adopted_version_municipality_in_force')
    op.drop_table('adopted_version')
