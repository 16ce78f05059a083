import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { DatabaseHandle } from '../database.js';

const run = promisify(execFile);

/** Splits Mandat's `?schema=` option off a PostgreSQL URL for the pg_dump family of tools. */
function pgTarget(url: string): { url: string; schema: string | null } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  return { url: parsed.toString(), schema };
}

/**
 * A consistent copy of a live database: SQLite's online backup API (never a file copy of a
 * live database), or pg_dump's custom format on PostgreSQL.
 */
export async function backupDatabase(handle: DatabaseHandle, file: string): Promise<void> {
  if (handle.sqlite) {
    await handle.sqlite.backup(file);
    return;
  }
  const { url, schema } = pgTarget(handle.location);
  await run('pg_dump', ['--format=custom', '--no-owner', ...(schema ? ['--schema', schema] : []), '--file', file, url]);
}

/**
 * Replaces the database's content with a backup. Run with the server stopped. The SQLite file is
 * checked for integrity before anything is overwritten.
 */
export async function restoreDatabase(location: string, dialect: DatabaseHandle['dialect'], file: string): Promise<void> {
  if (dialect === 'sqlite') {
    const source = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      const check = source.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`backup file failed integrity_check: ${String(check)}`);
      source.prepare("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'").get() ??
        (() => {
          throw new Error('not a Mandat backup: no audit_log table');
        })();
      await source.backup(location);
    } finally {
      source.close();
    }
    return;
  }
  const { url } = pgTarget(location);
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', url, file]);
}
