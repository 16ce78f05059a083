import { type QueryExecutorProvider, sql } from 'kysely';
import type { Dialect } from '../schema.js';

/**
 * Serialises writers of one logical chain within a transaction. SQLite already runs one write
 * transaction at a time; PostgreSQL needs a transaction-scoped advisory lock.
 */
export async function lockForTransaction(trx: QueryExecutorProvider, dialect: Dialect, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${key})`.execute(trx);
}

export const LOCK_KEYS = { auditChain: 7_310_001, keyring: 7_310_002, loginThrottle: 7_310_003, prepare: 7_310_004 } as const;
