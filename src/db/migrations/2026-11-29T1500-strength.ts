import type { Kysely } from 'kysely';

/**
 * Personnel strength: authorised and deployed, by category, contributing country, sex and
 * location, as dated snapshots; and the countries contributing to each category. "All" is stored as '' (country, location) or 'all' (sex) so that
 * the natural key is unique on both databases (NULLs never collide in a unique index).
 */
export function strength() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('strength_snapshots')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('as_of', 'varchar(10)', (c) => c.notNull())
        .addColumn('category', 'varchar(32)', (c) => c.notNull())
        .addColumn('country', 'varchar(3)', (c) => c.notNull())
        .addColumn('sex', 'varchar(8)', (c) => c.notNull())
        .addColumn('location', 'varchar(64)', (c) => c.notNull())
        .addColumn('authorised', 'integer')
        .addColumn('deployed', 'integer')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('strength_snapshots_key', ['as_of', 'category', 'country', 'sex', 'location'])
        .execute();
      await db.schema
        .createTable('contributors')
        .addColumn('category', 'varchar(32)', (c) => c.notNull())
        .addColumn('country', 'varchar(3)', (c) => c.notNull())
        .addColumn('as_of', 'varchar(10)', (c) => c.notNull())
        .addColumn('source', 'text')
        .addPrimaryKeyConstraint('contributors_pk', ['category', 'country', 'as_of'])
        .execute();
      await db.schema.createIndex('strength_snapshots_category').on('strength_snapshots').columns(['category', 'as_of']).execute();
    },
  };
}
