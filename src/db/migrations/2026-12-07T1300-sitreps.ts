import type { Kysely } from 'kysely';

/**
 * The daily situation report (SITREP): the report, its sections' texts keyed by the report, and
 * the records it was assembled from (with their class and unit), keyed by the report, so that a
 * report's sections and records are read by key.
 */
export function sitreps() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sitreps')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('sector', 'varchar(16)', (c) => c.notNull())
        .addColumn('period_start', 'varchar(32)', (c) => c.notNull())
        .addColumn('period_end', 'varchar(32)', (c) => c.notNull())
        .addColumn('language', 'varchar(2)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_by_label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('released_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('released_by_label', 'text')
        .addColumn('released_at', 'varchar(32)')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sitrep_sections')
        .addColumn('sitrep_id', 'varchar(36)', (c) => c.notNull().references('sitreps.id'))
        .addColumn('key', 'varchar(32)', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sitrep_sections_pk', ['sitrep_id', 'key'])
        .execute();
      await db.schema
        .createTable('sitrep_records')
        .addColumn('sitrep_id', 'varchar(36)', (c) => c.notNull().references('sitreps.id'))
        .addColumn('record_type', 'varchar(16)', (c) => c.notNull())
        .addColumn('record_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull())
        .addPrimaryKeyConstraint('sitrep_records_pk', ['sitrep_id', 'record_type', 'record_id'])
        .execute();
    },
  };
}
