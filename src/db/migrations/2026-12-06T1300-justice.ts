import type { Kysely } from 'kysely';

/**
 * Justice and corrections: the courts and prisons of the mission area with their place, the
 * computerised prison-data system; their status assessments over time (every assessment kept, the
 * latest of a facility counted in the shares); prison population counts with pre-trial detainees
 * by sex; incidents of the incident log linked to a prison.
 */
export function justice() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('justice_facilities')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('jurisdiction', 'text')
        .addColumn('place', 'text')
        .addColumn('latitude', 'double precision', (c) => c.notNull())
        .addColumn('longitude', 'double precision', (c) => c.notNull())
        .addColumn('region', 'varchar(16)', (c) => c.notNull())
        .addColumn('cercle', 'varchar(64)')
        .addColumn('computerised', 'integer', (c) => c.notNull())
        .addColumn('computerised_since', 'varchar(10)')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('justice_assessments')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('facility_id', 'varchar(36)', (c) => c.notNull().references('justice_facilities.id'))
        .addColumn('assessed_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('status', 'varchar(24)', (c) => c.notNull())
        .addColumn('staff', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('author_id', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('author_label', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('justice_assessments_facility')
        .on('justice_assessments')
        .columns(['facility_id', 'assessed_on', 'recorded_at'])
        .execute();

      await db.schema
        .createTable('justice_population')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('facility_id', 'varchar(36)', (c) => c.notNull().references('justice_facilities.id'))
        .addColumn('counted_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('women', 'integer', (c) => c.notNull())
        .addColumn('men', 'integer', (c) => c.notNull())
        .addColumn('pretrial_women', 'integer', (c) => c.notNull())
        .addColumn('pretrial_men', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('author_id', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('author_label', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('justice_population_facility').on('justice_population').columns(['facility_id', 'counted_on']).execute();

      await db.schema
        .createTable('justice_incidents')
        .addColumn('facility_id', 'varchar(36)', (c) => c.notNull().references('justice_facilities.id'))
        .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id'))
        .addColumn('linked_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('linked_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('justice_incidents_pk', ['facility_id', 'incident_id'])
        .execute();
    },
  };
}
