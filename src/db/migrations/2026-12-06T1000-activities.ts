import type { Kysely } from 'kysely';

/**
 * Activities and trainings: one row per activity (a series' activities share a `series_id`), with
 * its place located in a region, its participants by sex and by age group, and the finer age
 * bands some activities record, keyed by the activity first so that its bands are read by key.
 */
export function activities() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('activities')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('series_id', 'varchar(36)')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('type', 'varchar(32)', (c) => c.notNull())
        .addColumn('topic', 'varchar(32)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('latitude', 'double precision', (c) => c.notNull())
        .addColumn('longitude', 'double precision', (c) => c.notNull())
        .addColumn('region', 'varchar(16)', (c) => c.notNull())
        .addColumn('target_group', 'text', (c) => c.notNull())
        .addColumn('category', 'varchar(32)', (c) => c.notNull())
        .addColumn('women', 'integer', (c) => c.notNull())
        .addColumn('men', 'integer', (c) => c.notNull())
        .addColumn('children', 'integer', (c) => c.notNull())
        .addColumn('adults', 'integer', (c) => c.notNull())
        .addColumn('facilitators', 'text', (c) => c.notNull())
        .addColumn('project_id', 'varchar(36)')
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_by_label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('activity_age_bands')
        .addColumn('activity_id', 'varchar(36)', (c) => c.notNull().references('activities.id'))
        .addColumn('band', 'varchar(16)', (c) => c.notNull())
        .addColumn('women', 'integer', (c) => c.notNull())
        .addColumn('men', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('activity_age_bands_pk', ['activity_id', 'band'])
        .execute();
    },
  };
}
