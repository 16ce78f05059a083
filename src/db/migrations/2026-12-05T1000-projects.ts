import type { Kysely } from 'kysely';

/**
 * Projects and funds (QIPs, Trust Fund, PBF, CVR, mine action): the project with its money in
 * integer minor units (bigint) and the running sums of its commitments and disbursements, kept
 * in the transaction that records each one; its partners with roles, places, transactions and
 * lifecycle steps, each keyed by the project first so that a project's rows are read by key.
 */
export function projects() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('projects')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('fund', 'varchar(16)', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('title_fr', 'text', (c) => c.notNull())
        .addColumn('title_en', 'text', (c) => c.notNull())
        .addColumn('description_fr', 'text', (c) => c.notNull())
        .addColumn('description_en', 'text', (c) => c.notNull())
        .addColumn('sector', 'varchar(8)', (c) => c.notNull())
        .addColumn('planned_start', 'varchar(10)', (c) => c.notNull())
        .addColumn('planned_end', 'varchar(10)', (c) => c.notNull())
        .addColumn('actual_start', 'varchar(10)')
        .addColumn('actual_end', 'varchar(10)')
        .addColumn('currency', 'varchar(3)', (c) => c.notNull())
        .addColumn('rate_to_usd', 'varchar(24)', (c) => c.notNull())
        .addColumn('rate_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('budget_minor', 'bigint', (c) => c.notNull())
        .addColumn('committed_minor', 'bigint', (c) => c.notNull())
        .addColumn('disbursed_minor', 'bigint', (c) => c.notNull())
        .addColumn('planned_people', 'integer', (c) => c.notNull())
        .addColumn('planned_women', 'integer', (c) => c.notNull())
        .addColumn('reached_people', 'integer', (c) => c.notNull())
        .addColumn('reached_women', 'integer', (c) => c.notNull())
        .addColumn('exception_justification', 'text')
        .addColumn('exception_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('exception_by_label', 'text')
        .addColumn('exception_at', 'varchar(32)')
        .addColumn('exception_approved_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('exception_approved_by_label', 'text')
        .addColumn('exception_approved_at', 'varchar(32)')
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_by_label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('project_partners')
        .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id'))
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('partner_id', 'varchar(36)', (c) => c.notNull().references('partners.id'))
        .addPrimaryKeyConstraint('project_partners_pk', ['project_id', 'role', 'partner_id'])
        .execute();
      await db.schema
        .createTable('project_places')
        .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('latitude', 'double precision', (c) => c.notNull())
        .addColumn('longitude', 'double precision', (c) => c.notNull())
        .addColumn('region', 'varchar(16)', (c) => c.notNull())
        .addPrimaryKeyConstraint('project_places_pk', ['project_id', 'position'])
        .execute();
      await db.schema
        .createTable('project_transactions')
        .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id'))
        .addColumn('id', 'varchar(36)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('on_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('actor_label', 'text', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('project_transactions_pk', ['project_id', 'id'])
        .execute();
      await db.schema
        .createTable('project_steps')
        .addColumn('project_id', 'varchar(36)', (c) => c.notNull().references('projects.id'))
        .addColumn('id', 'varchar(36)', (c) => c.notNull())
        .addColumn('from_status', 'varchar(16)')
        .addColumn('to_status', 'varchar(16)', (c) => c.notNull())
        .addColumn('actor_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('actor_label', 'text', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('project_steps_pk', ['project_id', 'id'])
        .execute();
    },
  };
}
