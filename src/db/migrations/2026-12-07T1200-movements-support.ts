import type { Kysely } from 'kysely';

/**
 * Ceasefire movement control (the signatory groups' movement notifications and weapons
 * declarations with their decision, and movements observed without notification) and support to
 * the Malian forces (the request, its human-rights due-diligence check, decision and delivery).
 * Places are a gazetteer name or a point as JSON text `[lon, lat]`; weapons a JSON array.
 */
export function movementsSupport() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('ceasefire_movements')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('group_code', 'varchar(60)', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('personnel', 'integer', (c) => c.notNull())
        .addColumn('vehicles', 'integer', (c) => c.notNull())
        .addColumn('weapons', 'text', (c) => c.notNull())
        .addColumn('from_place', 'text')
        .addColumn('from_point', 'text')
        .addColumn('to_place', 'text')
        .addColumn('to_point', 'text')
        .addColumn('starts_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('ends_at', 'varchar(32)')
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('verification_id', 'varchar(36)', (c) => c.references('ceasefire_verifications.id'))
        .addColumn('incident_id', 'varchar(36)', (c) => c.references('incidents.id'))
        .addColumn('decided_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('decided_by_label', 'text')
        .addColumn('decided_at', 'varchar(32)')
        .addColumn('decision_comment', 'text', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_by_label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('support_requests')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('malian_force', 'varchar(32)', (c) => c.notNull())
        .addColumn('malian_unit', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('needed_from', 'varchar(10)', (c) => c.notNull())
        .addColumn('needed_to', 'varchar(10)')
        .addColumn('place', 'text')
        .addColumn('point', 'text')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('operation_id', 'varchar(36)', (c) => c.references('operations.id'))
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('hrddp_outcome', 'varchar(16)')
        .addColumn('hrddp_measures', 'text', (c) => c.notNull())
        .addColumn('hrddp_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('hrddp_by_label', 'text')
        .addColumn('hrddp_at', 'varchar(32)')
        .addColumn('decided_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('decided_by_label', 'text')
        .addColumn('decided_at', 'varchar(32)')
        .addColumn('decision_comment', 'text', (c) => c.notNull())
        .addColumn('closed_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('closed_by_label', 'text')
        .addColumn('closed_at', 'varchar(32)')
        .addColumn('delivery_outcome', 'text', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_by_label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
    },
  };
}
