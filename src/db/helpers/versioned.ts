import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** The tables whose rows carry an optimistic-concurrency `version`. */
export type VersionedTable = { [T in keyof Database]: 'version' extends keyof Database[T] ? T : never }[keyof Database];

/** What the helper needs of a versioned table; the caller's types are checked at its signature. */
type VersionedView = Record<string, Record<string, unknown>>;

/**
 * Optimistic concurrency: applies `values` to the row whose `keyColumn` is `key` only if it still
 * has `version`, and moves it to `version + 1`. False when no row changed (someone else changed
 * it first, or it is gone): the service then answers with its version conflict.
 */
export async function updateIfVersion<T extends VersionedTable>(
  db: Executor,
  table: T,
  key: string,
  version: number,
  values: Omit<Updateable<Database[T]>, 'version'>,
  keyColumn: keyof Database[T] & string = 'id' as keyof Database[T] & string,
): Promise<boolean> {
  const result = await (db as unknown as Kysely<VersionedView>)
    .updateTable(table as string)
    .set({ ...(values as Record<string, unknown>), version: version + 1 })
    .where(keyColumn as string, '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
