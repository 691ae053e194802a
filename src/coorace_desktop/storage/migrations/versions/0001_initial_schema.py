"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-27 09:40:36.720463
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('delegation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('delegation_sites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('postcode', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('event_kinds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('general_assemblies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('general_assemblies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_general_assemblies_held_on'), ['held_on'], unique=False)

    op.create_table('missions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('siret', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('website', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('search_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisations_name_key'), ['name_key'], unique=False)

    op.create_table('partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('since_year', sa.Integer(), nullable=True),
    sa.Column('until_year', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('persons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('last_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('erased_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persons_name_key'), ['name_key'], unique=False)

    op.create_table('programmes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('report_texts',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('moral_report', sa.Text(), nullable=False),
    sa.Column('signatory_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('signatory_title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('context', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('year')
    )
    op.create_table('territories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('department', sa.String(length=3), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('territories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_territories_name_key'), ['name_key'], unique=False)

    op.create_table('yearly_resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=True),
    sa.Column('share_percent', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('year', 'kind')
    )
    op.create_table('board_mandates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('assembly_id', sa.Integer(), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['assembly_id'], ['general_assemblies.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('board_mandates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_mandates_assembly_id'), ['assembly_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_board_mandates_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_board_mandates_person_id'), ['person_id'], unique=False)

    op.create_table('contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contacts_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contacts_person_id'), ['person_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('organiser', sa.String(length=20), nullable=False),
    sa.Column('organiser_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sessions', sa.Integer(), nullable=False),
    sa.Column('other_participants', sa.Integer(), nullable=False),
    sa.Column('is_highlight', sa.Boolean(), nullable=False),
    sa.Column('highlight_title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('highlight_story', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('search_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.CheckConstraint('other_participants >= 0', name='other_participants_not_negative'),
    sa.CheckConstraint('sessions >= 1', name='sessions_positive'),
    sa.ForeignKeyConstraint(['kind_id'], ['event_kinds.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_kind_id'), ['kind_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_starts_on'), ['starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_year'), ['year'], unique=False)

    op.create_table('membership_fees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('organisation_id', 'year')
    )
    with op.batch_alter_table('membership_fees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_fees_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memberships_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('organisation_types',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('siae_type', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', 'siae_type')
    )
    op.create_table('project_holders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('contact_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('project', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('territory', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('department', sa.String(length=3), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('project_holders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_holders_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_holders_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('sites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('address', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('postcode', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('city', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('department', sa.String(length=3), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sites_department'), ['department'], unique=False)
        batch_op.create_index(batch_op.f('ix_sites_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('job_title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['site_id'], ['delegation_sites.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_person_id'), ['person_id'], unique=False)

    op.create_table('territory_stage_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('territory_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('territory_stage_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_territory_stage_changes_territory_id'), ['territory_id'], unique=False)

    op.create_table('yearly_figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('turnover', sa.Integer(), nullable=True),
    sa.Column('gross_wages', sa.Integer(), nullable=True),
    sa.Column('public_funding', sa.Integer(), nullable=True),
    sa.Column('insertion_employees', sa.Integer(), nullable=True),
    sa.Column('permanent_staff', sa.Integer(), nullable=True),
    sa.Column('fte', sa.Float(), nullable=True),
    sa.Column('insertion_hours', sa.Integer(), nullable=True),
    sa.Column('organisations_covered', sa.Integer(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('organisation_id', 'year')
    )
    with op.batch_alter_table('yearly_figures', schema=None) as batch_op:
        batch_op.create_index('ix_yearly_figures_network_year', ['year'], unique=True, sqlite_where=sa.text('organisation_id IS NULL'), postgresql_where=sa.text('organisation_id IS NULL'))
        batch_op.create_index(batch_op.f('ix_yearly_figures_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_yearly_figures_year'), ['year'], unique=False)

    op.create_table('bureau_offices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mandate_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['mandate_id'], ['board_mandates.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('bureau_offices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bureau_offices_mandate_id'), ['mandate_id'], unique=False)

    op.create_table('national_mandates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mandate_id', sa.Integer(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['mandate_id'], ['board_mandates.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('national_mandates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_national_mandates_mandate_id'), ['mandate_id'], unique=False)

    op.create_table('participations',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('persons', sa.Integer(), nullable=False),
    sa.CheckConstraint('persons >= 0', name='persons_not_negative'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('event_id', 'organisation_id')
    )
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participations_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('support_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_date', sa.Date(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('project_holder_id', sa.Integer(), nullable=True),
    sa.Column('territory_id', sa.Integer(), nullable=True),
    sa.Column('group_count', sa.Integer(), nullable=True),
    sa.Column('group_label', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('search_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.CheckConstraint('(CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN project_holder_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN territory_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN group_count IS NULL THEN 0 ELSE 1 END) = 1', name='one_beneficiary'),
    sa.CheckConstraint('group_count IS NULL OR group_count > 0', name='group_count_positive'),
    sa.CheckConstraint('hours >= 0', name='hours_not_negative'),
    sa.ForeignKeyConstraint(['officer_id'], ['staff.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_holder_id'], ['project_holders.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['territory_id'], ['territories.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('support_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_actions_action_date'), ['action_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_actions_officer_id'), ['officer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_actions_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_support_actions_programme_date', ['programme_id', 'action_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_actions_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_actions_project_holder_id'), ['project_holder_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_actions_territory_id'), ['territory_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('support_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_actions_territory_id'))
        batch_op.drop_index(batch_op.f('ix_support_actions_project_holder_id'))
        batch_op.drop_index(batch_op.f('ix_support_actions_programme_id'))
        batch_op.drop_index('ix_support_actions_programme_date')
        batch_op.drop_index(batch_op.f('ix_support_actions_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_support_actions_officer_id'))
        batch_op.drop_index(batch_op.f('ix_support_actions_action_date'))

    op.drop_table('support_actions')
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participations_organisation_id'))

    op.drop_table('participations')
    with op.batch_alter_table('national_mandates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_national_mandates_mandate_id'))

    op.drop_table('national_mandates')
    with op.batch_alter_table('bureau_offices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bureau_offices_mandate_id'))

    op.drop_table('bureau_offices')
    with op.batch_alter_table('yearly_figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_yearly_figures_year'))
        batch_op.drop_index(batch_op.f('ix_yearly_figures_organisation_id'))
        batch_op.drop_index('ix_yearly_figures_network_year', sqlite_where=sa.text('organisation_id IS NULL'), postgresql_where=sa.text('organisation_id IS NULL'))

    op.drop_table('yearly_figures')
    with op.batch_alter_table('territory_stage_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_territory_stage_changes_territory_id'))

    op.drop_table('territory_stage_changes')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_person_id'))

    op.drop_table('staff')
    with op.batch_alter_table('sites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sites_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_sites_department'))

    op.drop_table('sites')
    with op.batch_alter_table('project_holders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_holders_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_project_holders_name_key'))

    op.drop_table('project_holders')
    op.drop_table('organisation_types')
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_memberships_organisation_id'))

    op.drop_table('memberships')
    with op.batch_alter_table('membership_fees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_fees_organisation_id'))

    op.drop_table('membership_fees')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_year'))
        batch_op.drop_index(batch_op.f('ix_events_starts_on'))
        batch_op.drop_index(batch_op.f('ix_events_kind_id'))

    op.drop_table('events')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_person_id'))
        batch_op.drop_index(batch_op.f('ix_contacts_organisation_id'))

    op.drop_table('contacts')
    with op.batch_alter_table('board_mandates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_mandates_person_id'))
        batch_op.drop_index(batch_op.f('ix_board_mandates_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_board_mandates_assembly_id'))

    op.drop_table('board_mandates')
    op.drop_table('yearly_resources')
    with op.batch_alter_table('territories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_territories_name_key'))

    op.drop_table('territories')
    op.drop_table('report_texts')
    op.drop_table('programmes')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_name_key'))

    op.drop_table('persons')
    op.drop_table('partners')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisations_name_key'))

    op.drop_table('organisations')
    op.drop_table('missions')
    with op.batch_alter_table('general_assemblies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_general_assemblies_held_on'))

    op.drop_table('general_assemblies')
    op.drop_table('event_kinds')
    op.drop_table('delegation_sites')
    op.drop_table('delegation')
