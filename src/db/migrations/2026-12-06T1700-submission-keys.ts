import type { Kysely } from 'kysely';

/**
 * The keys a device gives the records it sends (the `Idempotency-Key` header): one row per account
 * and key, written in the transaction that creates the record, so a send repeated after a dropped
 * link finds the record already made instead of making it twice. Looked up by its primary key only.
 */
export function submissionKeys() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('submission_keys')
        .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('key', 'varchar(100)', (c) => c.notNull())
        .addColumn('kind', 'varchar(64)', (c) => c.notNull())
        .addColumn('record_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('submission_keys_pk', ['account_id', 'key'])
        .execute();
    },
  };
}
