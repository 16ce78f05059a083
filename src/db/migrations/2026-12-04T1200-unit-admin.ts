import type { Kysely } from 'kysely';

/**
 * Units managed by administrators: a closed unit keeps its records and memberships and takes no
 * new ones (`closed_at`); renames and moves are optimistic-concurrency updates (`version`). A
 * unit still at version 1 is as the fact book loaded it, and start-up may refresh it.
 */
export function unitAdmin() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('units').addColumn('closed_at', 'varchar(32)').execute();
      await db.schema
        .alterTable('units')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    },
  };
}
