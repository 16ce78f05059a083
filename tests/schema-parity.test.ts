import { sql } from 'kysely';
import { beforeAll, describe, expect, test } from 'vitest';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../src/db/database.js';
import { createTestDatabase, DIALECTS } from './helpers/db.js';

/**
 * Both dialects end with the same schema: the same tables, the same columns (name, nullability,
 * a family of types), the same indexes (name, columns, uniqueness, partial or not), the same
 * foreign keys (columns, target, action on delete). Each database
 * is migrated from scratch and read from its own catalog (sqlite_master and pragmas;
 * information_schema and pg_catalog).
 */

type Family = 'text' | 'integer' | 'real' | 'blob';

interface Column {
  name: string;
  nullable: boolean;
  family: Family;
}

interface Index {
  /** Null for the index a primary key or a UNIQUE constraint creates: each dialect names those itself. */
  name: string | null;
  table: string;
  columns: string[];
  unique: boolean;
  partial: boolean;
}

interface Schema {
  tables: Record<string, Column[]>;
  indexes: Index[];
  /** `table(columns) → table(columns) on delete …`, one per foreign key. */
  foreignKeys: string[];
}

/**
 * The one intended difference: full-text search. SQLite keeps an FTS5 virtual table
 * `<table>_fts` (with its shadow tables and triggers); PostgreSQL a GIN index `<table>_search` on
 * an expression (`src/db/helpers/text-search.ts`). Each is checked against the other below.
 */
const FTS_TABLE = /^(.+)_fts$/;
const FTS_INDEX = /^(.+)_search$/;

function family(declared: string): Family {
  const type = declared.toLowerCase();
  if (/int|serial/.test(type)) return 'integer';
  if (/char|text|clob|uuid|json|time|date/.test(type)) return 'text';
  if (/real|double|float|numeric|decimal/.test(type)) return 'real';
  if (/blob|bytea/.test(type)) return 'blob';
  throw new Error(`no type family for "${declared}"`);
}

async function sqliteSchema(handle: DatabaseHandle): Promise<Schema & { ftsTables: string[] }> {
  const db = handle.db;
  const all = (
    await sql<{
      name: string;
      sql: string | null;
    }>`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`.execute(db)
  ).rows;
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const tables = all.map((t) => t.name).filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
  const schema: Schema & { ftsTables: string[] } = { tables: {}, indexes: [], foreignKeys: [], ftsTables: virtual };
  for (const table of tables) {
    const columns = (
      await sql<{
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }>`SELECT name, type, "notnull", pk FROM pragma_table_info(${table})`.execute(db)
    ).rows;
    // A primary key column is never null on PostgreSQL; SQLite allows it unless told otherwise.
    schema.tables[table] = columns.map((c) => ({ name: c.name, nullable: c.notnull === 0 && c.pk === 0, family: family(c.type) }));
    const indexes = (
      await sql<{
        name: string;
        unique: number;
        origin: string;
        partial: number;
      }>`SELECT name, "unique", origin, partial FROM pragma_index_list(${table})`.execute(db)
    ).rows;
    for (const index of indexes) {
      const columns = (await sql<{ name: string }>`SELECT name FROM pragma_index_info(${index.name}) ORDER BY seqno`.execute(db)).rows;
      schema.indexes.push({
        name: index.origin === 'c' ? index.name : null,
        table,
        columns: columns.map((c) => c.name),
        unique: index.unique === 1,
        partial: index.partial === 1,
      });
    }
    const keys = (
      await sql<{ id: number; table: string; from: string; to: string | null; on_delete: string }>`
        SELECT id, "table", "from", "to", on_delete FROM pragma_foreign_key_list(${table}) ORDER BY id, seq`.execute(db)
    ).rows;
    for (const id of new Set(keys.map((k) => k.id))) {
      const parts = keys.filter((k) => k.id === id);
      const first = parts[0];
      if (!first) continue;
      schema.foreignKeys.push(
        `${table}(${parts.map((k) => k.from).join(', ')}) → ${first.table}(${parts.map((k) => k.to ?? '?').join(', ')}) on delete ${first.on_delete.toLowerCase()}`,
      );
    }
    // An INTEGER PRIMARY KEY is the rowid: no index of its own, as a primary key has on PostgreSQL.
    const rowidKey = columns.filter((c) => c.pk > 0);
    if (rowidKey.length === 1 && rowidKey[0]?.type.toUpperCase() === 'INTEGER' && !indexes.some((i) => i.origin === 'pk')) {
      schema.indexes.push({ name: null, table, columns: [rowidKey[0].name], unique: true, partial: false });
    }
  }
  return schema;
}

async function postgresSchema(handle: DatabaseHandle): Promise<Schema & { searchIndexes: string[] }> {
  const db = handle.db;
  const namespace = handle.schema ?? 'public';
  const columns = (
    await sql<{ table: string; name: string; nullable: string; type: string }>`
      SELECT c.table_name AS "table", c.column_name AS name, c.is_nullable AS nullable, c.data_type AS type
      FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = ${namespace} AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`.execute(db)
  ).rows;
  const schema: Schema & { searchIndexes: string[] } = { tables: {}, indexes: [], foreignKeys: [], searchIndexes: [] };
  for (const c of columns) {
    schema.tables[c.table] ??= [];
    schema.tables[c.table]?.push({ name: c.name, nullable: c.nullable === 'YES', family: family(c.type) });
  }
  const indexes = (
    await sql<{
      name: string;
      table: string;
      columns: string[] | null;
      expressions: boolean;
      unique: boolean;
      partial: boolean;
      constraint: boolean;
    }>`
      SELECT i.relname AS name, t.relname AS "table", x.indisunique AS "unique", x.indpred IS NOT NULL AS partial,
        x.indexprs IS NOT NULL AS expressions,
        EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u')) AS "constraint",
        (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) AS columns
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = ${namespace}`.execute(db)
  ).rows;
  const keys = (
    await sql<{ table: string; from: string[]; target: string; to: string[]; on_delete: string }>`
      SELECT t.relname AS "table", r.relname AS target,
        (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS "from",
        (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS "to",
        CASE c.confdeltype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict' WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' ELSE 'set default' END AS on_delete
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_class r ON r.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname = ${namespace}`.execute(db)
  ).rows;
  schema.foreignKeys = keys.map((k) => `${k.table}(${k.from.join(', ')}) → ${k.target}(${k.to.join(', ')}) on delete ${k.on_delete}`);
  for (const index of indexes) {
    if (index.expressions) {
      schema.searchIndexes.push(index.name);
      continue;
    }
    schema.indexes.push({
      name: index.constraint ? null : index.name,
      table: index.table,
      columns: index.columns ?? [],
      unique: index.unique,
      partial: index.partial,
    });
  }
  return schema;
}

async function migrated<T>(dialect: 'sqlite' | 'postgres', read: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const target = await createTestDatabase(dialect);
  const handle = openDatabase(target.url);
  try {
    await migrateToLatest(handle);
    return await read(handle);
  } finally {
    await handle.close();
    await target.drop();
  }
}

const describeIndex = (i: Index) =>
  `${i.table}: ${i.name ?? '(constraint)'} (${i.columns.join(', ')})${i.unique ? ' unique' : ''}${i.partial ? ' partial' : ''}`;

describe.runIf(DIALECTS.length === 2)('both dialects end with the same schema', () => {
  let lite: Awaited<ReturnType<typeof sqliteSchema>>;
  let postgres: Awaited<ReturnType<typeof postgresSchema>>;

  beforeAll(async () => {
    [lite, postgres] = await Promise.all([migrated('sqlite', sqliteSchema), migrated('postgres', postgresSchema)]);
  });

  test('the same tables', () => {
    expect(Object.keys(lite.tables).length).toBeGreaterThan(10);
    expect(Object.keys(lite.tables).sort()).toEqual(Object.keys(postgres.tables).sort());
  });

  test('the same columns: names, nullability, type family', () => {
    const render = (tables: Record<string, Column[]>) =>
      Object.entries(tables)
        .flatMap(([table, columns]) => columns.map((c) => `${table}.${c.name} ${c.family}${c.nullable ? ' null' : ' not null'}`))
        .sort();
    expect(render(lite.tables)).toEqual(render(postgres.tables));
  });

  test('the same indexes: names, columns, uniqueness', () => {
    expect(lite.indexes.map(describeIndex).sort()).toEqual(postgres.indexes.map(describeIndex).sort());
  });

  test('the same foreign keys', () => {
    expect(lite.foreignKeys.length).toBeGreaterThan(0);
    expect([...lite.foreignKeys].sort()).toEqual([...postgres.foreignKeys].sort());
  });

  test('full-text search: an FTS5 table on SQLite for each GIN index on PostgreSQL', () => {
    const ftsOf = (names: string[], pattern: RegExp) => names.map((name) => pattern.exec(name)?.[1] ?? `unexpected: ${name}`).sort();
    expect(ftsOf(lite.ftsTables, FTS_TABLE)).toEqual(ftsOf(postgres.searchIndexes, FTS_INDEX));
    expect(lite.ftsTables.length).toBeGreaterThan(0);
  });
});
