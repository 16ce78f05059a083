import type { Kysely } from 'kysely';

/**
 * Account security that holds under concurrency and across server processes:
 *
 * - `login_attempts`: sign-in attempts reserved before the password is checked, counted by the
 *   database (per address and account, per address), so that parallel guesses meet the limit;
 * - `recovery_codes`: one-time second-factor recovery codes, stored hashed;
 * - `api_tokens.expires_at` and `scope` (read or write); tokens made before expiry existed expire
 *   90 days after their creation;
 * - `membership_requests`: a membership of a unit that holds confidential content waits for a
 *   second person's approval.
 */
export function accountSecurity() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('login_attempts')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('key', 'varchar(400)', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_attempts_key_at').on('login_attempts').columns(['key', 'at']).execute();
      await db.schema.createIndex('login_attempts_at').on('login_attempts').column('at').execute();
      await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();

      await db.schema
        .createTable('recovery_codes')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('code_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(32)')
        .execute();
      await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();

      await db.schema.alterTable('api_tokens').addColumn('expires_at', 'varchar(32)').execute();
      await db.schema
        .alterTable('api_tokens')
        .addColumn('scope', 'varchar(8)', (c) => c.notNull().defaultTo('write'))
        .execute();
      const tokens = db as Kysely<{ api_tokens: { id: string; created_at: string; expires_at: string | null } }>;
      for (const row of await tokens.selectFrom('api_tokens').select(['id', 'created_at']).execute()) {
        const expires = new Date(new Date(row.created_at).getTime() + 90 * 86_400_000).toISOString();
        await tokens.updateTable('api_tokens').set({ expires_at: expires }).where('id', '=', row.id).execute();
      }

      await db.schema
        .createTable('membership_requests')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('requested_by', 'varchar(36)', (c) => c.notNull())
        .addColumn('requested_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('decided_by', 'varchar(36)')
        .addColumn('decided_at', 'varchar(32)')
        .execute();
      await db.schema.createIndex('membership_requests_status').on('membership_requests').columns(['status', 'unit_code']).execute();
    },
  };
}
