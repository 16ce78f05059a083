import type { Kysely } from 'kysely';

/**
 * The operations log of the Force and UNPOL: the operation with its route or area (GeoJSON text),
 * times, personnel and report; the units taking part, which with the JOC alone read it until it is
 * completed; the incidents it met or produced; the steps of its lifecycle. Each child table is
 * keyed by the operation first, so that an operation's rows, and the units of the read filter,
 * are read by key. Ceasefire verification missions and their findings beside them.
 */
export function operations() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('operations')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('type', 'varchar(32)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('title_fr', 'text', (c) => c.notNull())
        .addColumn('title_en', 'text', (c) => c.notNull())
        .addColumn('orders', 'text', (c) => c.notNull())
        .addColumn('sector', 'varchar(16)', (c) => c.notNull())
        .addColumn('places', 'text', (c) => c.notNull())
        .addColumn('geometry', 'text')
        .addColumn('regions', 'text', (c) => c.notNull())
        .addColumn('planned_start', 'varchar(32)', (c) => c.notNull())
        .addColumn('planned_end', 'varchar(32)', (c) => c.notNull())
        .addColumn('actual_start', 'varchar(32)')
        .addColumn('actual_end', 'varchar(32)')
        .addColumn('women', 'integer', (c) => c.notNull())
        .addColumn('men', 'integer', (c) => c.notNull())
        .addColumn('engagement_teams', 'integer', (c) => c.notNull())
        .addColumn('vehicles', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('observations', 'text', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_by_label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('operation_units')
        .addColumn('operation_id', 'varchar(36)', (c) => c.notNull().references('operations.id'))
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addPrimaryKeyConstraint('operation_units_pk', ['operation_id', 'unit_code'])
        .execute();
      await db.schema
        .createTable('operation_incidents')
        .addColumn('operation_id', 'varchar(36)', (c) => c.notNull().references('operations.id'))
        .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id'))
        .addColumn('relation', 'varchar(16)', (c) => c.notNull())
        .addPrimaryKeyConstraint('operation_incidents_pk', ['operation_id', 'incident_id'])
        .execute();
      await db.schema
        .createTable('operation_steps')
        .addColumn('operation_id', 'varchar(36)', (c) => c.notNull().references('operations.id'))
        .addColumn('id', 'varchar(36)', (c) => c.notNull())
        .addColumn('from_status', 'varchar(16)')
        .addColumn('to_status', 'varchar(16)', (c) => c.notNull())
        .addColumn('actor_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('actor_label', 'text', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('operation_steps_pk', ['operation_id', 'id'])
        .execute();
      // Ceasefire monitoring: a verification mission on an allegation (an incident of the
      // ceasefire-violation category), with its team, visit, evidence and finding; the incident's
      // date is copied so that counts by period read this table alone.
      await db.schema
        .createTable('ceasefire_verifications')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id'))
        .addColumn('occurred_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('team', 'text', (c) => c.notNull())
        .addColumn('visited_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('finding', 'varchar(16)', (c) => c.notNull())
        .addColumn('standard_of_proof', 'varchar(32)', (c) => c.notNull())
        .addColumn('party', 'varchar(60)')
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_by_label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
  };
}
