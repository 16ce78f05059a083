import type { Kysely } from 'kysely';

/**
 * Whether an account is told by e-mail when something waits for it (an incident to verify, a call
 * in its queue, an alert). One row per account that has chosen; no row is "off".
 */
export function notificationSettings() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('notification_settings')
        .addColumn('user_id', 'varchar(36)', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('email', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
  };
}
