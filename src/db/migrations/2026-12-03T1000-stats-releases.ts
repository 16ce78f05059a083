import type { Kysely } from 'kysely';
import { makeAppendOnly } from '../helpers/append-only.js';
import type { Dialect } from '../schema.js';

/**
 * Released protection statistics: for one programme, one closed calendar quarter and one unit of
 * count, the published suppression pattern (suppressed cells as null, never the true counts),
 * with who released it and when. A period is released once and is final: the pair is unique and
 * the database refuses any change or deletion, so every table later cut from a release is a view
 * of the same frozen pattern.
 */
export function statsReleases(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('protection_stats_releases')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('programme', 'varchar(24)', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('quarter', 'integer', (c) => c.notNull())
        .addColumn('unit_of_count', 'varchar(24)', (c) => c.notNull())
        .addColumn('min_cell', 'integer', (c) => c.notNull())
        .addColumn('dimensions', 'text', (c) => c.notNull())
        .addColumn('cells', 'text', (c) => c.notNull())
        .addColumn('released_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('released_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('protection_stats_releases_period', ['programme', 'year', 'quarter', 'unit_of_count'])
        .execute();
      await makeAppendOnly(db, dialect, 'protection_stats_releases');
    },
  };
}
