import type { Kysely } from 'kysely';

/**
 * When a device's user entered a record it sent later (the `Mandat-Entered-At` header of an outbox
 * send, never later than the server's clock when it arrived): kept with the device's key for every
 * kind of record, and on the incident itself, where it is shown. Null for a record entered online.
 */
export function enteredAt() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('submission_keys').addColumn('entered_at', 'text').execute();
      await db.schema.alterTable('incidents').addColumn('entered_at', 'text').execute();
    },
  };
}
