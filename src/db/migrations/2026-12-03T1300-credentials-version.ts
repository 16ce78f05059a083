import { type Kysely, sql } from 'kysely';

/**
 * The version of the credentials: one row whose value changes, in the same transaction, with
 * every audited write that changes who a session or an API token stands for
 * (src/platform/credentials.ts). Each process keeps resolved credentials a few seconds and checks
 * this one row on every request, so such a change holds at once in every process.
 */
export function credentialsVersion() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('credentials_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'varchar(36)', (c) => c.notNull())
        .addCheckConstraint('credentials_version_one_row', sql`id = 1`)
        .execute();
      await sql`INSERT INTO credentials_version (id, version) VALUES (1, 'initial')`.execute(db);
    },
  };
}
