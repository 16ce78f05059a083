import { type Kysely, sql } from 'kysely';

/**
 * Encryption at rest: the data keys, each stored wrapped by a master key that lives in the key
 * file outside the database (src/platform/keyring.ts).
 */
export function keys() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('data_keys')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
        .addColumn('wrapped', 'varchar(200)', (c) => c.notNull())
        .addColumn('master_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('retired_at', 'varchar(32)')
        .addCheckConstraint('data_keys_purpose', sql`purpose in ('encryption', 'blind_index')`)
        .execute();
    },
  };
}
