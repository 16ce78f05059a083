import { type Kysely, type QueryExecutorProvider, sql } from 'kysely';
import type { Database, Dialect } from '../schema.js';

/**
 * Serialises writers of one logical chain within a transaction. SQLite already runs one write
 * transaction at a time; PostgreSQL needs a transaction-scoped advisory lock.
 */
export async function lockForTransaction(trx: QueryExecutorProvider, dialect: Dialect, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${key})`.execute(trx);
}

export const LOCK_KEYS = {
  auditChain: 7_310_001,
  keyring: 7_310_002,
  loginThrottle: 7_310_003,
  prepare: 7_310_004,
  alerts: 7_310_005,
} as const;

/**
 * Runs `work` while holding a database-wide lock across processes: on PostgreSQL a session-level
 * advisory lock on a connection kept apart for it (so several `mandat serve` processes starting
 * on one database migrate and load reference data one after the other); SQLite serves one
 * process per database file and runs `work` as it is.
 */
export async function withDatabaseLock<T>(db: Kysely<Database>, dialect: Dialect, key: number, work: () => Promise<T>): Promise<T> {
  if (dialect !== 'postgres') return work();
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${key})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`SELECT pg_advisory_unlock(${key})`.execute(connection);
    }
  });
}
