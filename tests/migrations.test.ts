import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { projectRoot } from '../src/platform/paths.js';
import { createTestDatabase, DIALECTS, PG_URL } from './helpers/db.js';

// These tests migrate from scratch on purpose: every other test database is a copy of a migrated template.

describe.each(DIALECTS)('migrations (%s)', (dialect) => {
  test('apply once, then are a no-op', async () => {
    const target = await createTestDatabase(dialect);
    const handle = openDatabase(target.url);
    try {
      expect((await migrateToLatest(handle)).length).toBeGreaterThanOrEqual(3);
      expect(await migrateToLatest(handle)).toEqual([]);
    } finally {
      await handle.close();
      await target.drop();
    }
  });
});

describe.runIf(DIALECTS.includes('postgres'))('migrations on PostgreSQL', () => {
  test('another schema’s migration tables are not mistaken for ours', async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    const decoy = `t_decoy_${process.pid}`;
    await client.query(`CREATE SCHEMA ${decoy}`);
    await client.query(`CREATE TABLE ${decoy}.kysely_migration (name varchar(255) primary key, timestamp varchar(255))`);
    await client.query(`CREATE TABLE ${decoy}.kysely_migration_lock (id varchar(255) primary key, is_locked integer)`);
    const target = await createTestDatabase('postgres');
    const handle = openDatabase(target.url);
    try {
      expect((await migrateToLatest(handle)).length).toBeGreaterThanOrEqual(3);
    } finally {
      await handle.close();
      await target.drop();
      await client.query(`DROP SCHEMA ${decoy} CASCADE`);
      await client.end();
    }
  });
});

const MIGRATIONS_DIR = join(projectRoot(), 'src', 'db', 'migrations');
const LOCK_FILE = join(projectRoot(), 'tests', 'migrations.lock.json');

/** SHA-256 of a migration's text, line endings normalised so that a checkout's conversion is not a change. */
function migrationHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * A landed migration may already have run on a deployed database: changing it would leave that
 * database and a new one different. `tests/migrations.lock.json` holds the hash of every landed
 * migration; a new migration lands with its hash in the same commit.
 */
describe('landed migrations never change', () => {
  const lock = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Record<string, string>;
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    .sort();

  test('every listed migration is unchanged', () => {
    const changed = Object.entries(lock)
      .filter(([file, hash]) => !files.includes(file) || migrationHash(readFileSync(join(MIGRATIONS_DIR, file), 'utf8')) !== hash)
      .map(
        ([file]) =>
          `${file}: ${files.includes(file) ? 'changed' : 'removed'} — landed migrations are frozen; write a new migration instead`,
      );
    expect(changed).toEqual([]);
  });

  test('every migration file is listed, with its hash', () => {
    const unlisted = files
      .filter((file) => !(file in lock))
      .map(
        (file) =>
          `${file}: not in tests/migrations.lock.json — add "${file}": "${migrationHash(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'))}"`,
      );
    expect(unlisted).toEqual([]);
  });

  test('the migration list runs exactly the files, in the order of their names', () => {
    const names = Object.keys(migrations('sqlite'));
    expect(names).toEqual(files.map((file) => file.replace(/\.ts$/, '')));
    expect(Object.keys(migrations('postgres'))).toEqual(names);
  });
});
