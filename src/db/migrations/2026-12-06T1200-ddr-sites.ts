import type { Kysely } from 'kysely';

/**
 * Cantonment sites of the DDR registry (place, capacity, services, status, internal or public),
 * weapons and ammunition handed in by a person at a site, and their chain of custody: one entry
 * per position of a weapon's chain, so that two hand-overs can never follow the same one.
 */
export function ddrSites() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('ddr_sites')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
        .addColumn('region', 'varchar(16)', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('latitude', 'double precision', (c) => c.notNull())
        .addColumn('longitude', 'double precision', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('services', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ddr_weapons')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('code', 'varchar(16)', (c) => c.notNull().unique())
        .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('ddr_persons.id'))
        .addColumn('site_id', 'varchar(36)', (c) => c.notNull().references('ddr_sites.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('calibre', 'varchar(40)', (c) => c.notNull())
        .addColumn('serial', 'varchar(80)', (c) => c.notNull())
        .addColumn('serial_key', 'varchar(80)', (c) => c.notNull())
        .addColumn('markings', 'text', (c) => c.notNull())
        .addColumn('condition', 'varchar(16)', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('handed_in_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('custodian', 'varchar(120)', (c) => c.notNull())
        .addColumn('location', 'varchar(120)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ddr_custody')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('weapon_id', 'varchar(36)', (c) => c.notNull().references('ddr_weapons.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('move', 'varchar(16)', (c) => c.notNull())
        .addColumn('on_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('from_custodian', 'varchar(120)', (c) => c.notNull())
        .addColumn('from_location', 'varchar(120)', (c) => c.notNull())
        .addColumn('to_custodian', 'varchar(120)', (c) => c.notNull())
        .addColumn('to_location', 'varchar(120)', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('actor_label', 'text', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('ddr_custody_position', ['weapon_id', 'seq'])
        .execute();
    },
  };
}
