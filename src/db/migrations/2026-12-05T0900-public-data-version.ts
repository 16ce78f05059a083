import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

/**
 * The version of the public data: one row whose value changes, in the same transaction, with
 * every audited write that can change what the fiche, the sections, the partners and public
 * search show (`PUBLIC_DATA_ACTIONS`, src/platform/public-data.ts). The public responses are
 * kept per version of it, so it is read on every such request: one read by primary key.
 */
export function publicDataVersion() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('public_data_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'varchar(36)', (c) => c.notNull())
        .addCheckConstraint('public_data_version_one_row', sql`id = 1`)
        .execute();
      // A random value, as every later one (bumpPublicDataVersion): no two databases, nor a
      // database and its restored backup written to since, share a version.
      await sql`INSERT INTO public_data_version (id, version) VALUES (1, ${randomUUID()})`.execute(db);
    },
  };
}
