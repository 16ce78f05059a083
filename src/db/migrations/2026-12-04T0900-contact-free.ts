import type { Kysely } from 'kysely';

/**
 * `contacts.free`: whether a line is free to call, as the fact book says of each line. Only the
 * green line against gender-based violence (80333) is said to be free ("Ligne verte gratuite");
 * a database loaded before the column existed gets that one flag here.
 */
export function contactFree() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('contacts')
        .addColumn('free', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      const contacts = db as Kysely<{ contacts: { kind: string; value: string; free: number } }>;
      await contacts.updateTable('contacts').set({ free: 1 }).where('kind', '=', 'hotline').where('value', '=', '80333').execute();
    },
  };
}
