import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { createTestDatabase, DIALECTS, PG_URL } from './helpers/db.js';

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

describe('migrations on PostgreSQL', () => {
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
