import type { Kysely } from 'kysely';

/**
 * An account whose password someone else chose (generated at creation or by a reset, or typed by
 * an administrator) must change it at its next sign-in: until then the server refuses every route
 * but that change, sign-out and the account itself. 0/1 like every boolean.
 */
export function passwordMustChange() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('users')
        .addColumn('password_must_change', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
