import { type RawBuilder, sql } from 'kysely';
import type { Trx } from '../database.js';
import type { Dialect } from '../schema.js';

/**
 * Full-text matching of a table's `search_key` (already folded: no accents, lower case), through
 * an index on both databases: SQLite's FTS5 table `<table>_fts` (kept in step by triggers), and
 * PostgreSQL's GIN index on `to_tsvector('simple', search_key)`. Every word must match, as a
 * prefix ("menak" finds Ménaka).
 */
export function textMatch(dialect: Dialect, table: string, terms: readonly string[]): RawBuilder<boolean> {
  const words = terms.flatMap((term) => term.split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length > 0);
  if (words.length === 0) return sql<boolean>`1 = 0`;
  if (dialect === 'sqlite') {
    const query = words.map((word) => `"${word}"*`).join(' ');
    return sql<boolean>`${sql.ref(`${table}.rowid`)} IN (SELECT rowid FROM ${sql.table(`${table}_fts`)} WHERE ${sql.table(`${table}_fts`)} MATCH ${query})`;
  }
  const query = words.map((word) => `${word}:*`).join(' & ');
  return sql<boolean>`to_tsvector('simple', ${sql.ref(`${table}.search_key`)}) @@ to_tsquery('simple', ${query})`;
}

/** The SQL creating the full-text index of `table.search_key`. */
export async function createTextIndex(db: import('kysely').Kysely<unknown>, dialect: Dialect, table: string): Promise<void> {
  const fts = sql.table(`${table}_fts`);
  const source = sql.table(table);
  if (dialect === 'postgres') {
    await sql`CREATE INDEX ${sql.id(`${table}_search`)} ON ${source} USING gin (to_tsvector('simple', search_key))`.execute(db);
    return;
  }
  // External content: the text stays in the table; the FTS index follows it by rowid. Mandat never
  // runs VACUUM, which may renumber rowids (`INSERT INTO <table>_fts(<table>_fts) VALUES ('rebuild')` after one).
  await sql`CREATE VIRTUAL TABLE ${fts} USING fts5(search_key, content=${sql.lit(table)}, content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`CREATE TRIGGER ${sql.id(`${table}_fts_insert`)} AFTER INSERT ON ${source} BEGIN
    INSERT INTO ${fts} (rowid, search_key) VALUES (new.rowid, new.search_key); END`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_fts_delete`)} AFTER DELETE ON ${source} BEGIN
    INSERT INTO ${fts} (${fts}, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); END`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_fts_update`)} AFTER UPDATE OF search_key ON ${source} BEGIN
    INSERT INTO ${fts} (${fts}, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
    INSERT INTO ${fts} (rowid, search_key) VALUES (new.rowid, new.search_key); END`.execute(db);
}

/**
 * Full-text indexing of many new rows in one step instead of one trigger per row (SQLite: about
 * twice as fast an import, docs/PERFORMANCE.md). Call it in the transaction that inserts the rows,
 * before them: it drops the insert trigger; `catchUp()`, once the rows are in, indexes every row
 * added since in one statement and puts the trigger back as it was. Both happen in the caller's
 * transaction, so a rollback restores the trigger, and other connections never see the table
 * without it. Only inserts may happen between the two. PostgreSQL keeps its GIN index in step
 * itself (dropping it would lock the table against readers): nothing to do there.
 */
export interface DeferredTextIndex {
  /** Indexes the rows inserted since, `between` awaited after each step of a thousand rows, and restores the trigger. */
  catchUp(between?: () => Promise<void> | undefined): Promise<void>;
}

export async function deferTextIndex(trx: Trx, dialect: Dialect, table: string): Promise<DeferredTextIndex> {
  if (dialect !== 'sqlite') return { catchUp: async () => undefined };
  const trigger = `${table}_fts_insert`;
  const definition = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ${trigger}`.execute(trx);
  const create = definition.rows[0]?.sql;
  if (!create) throw new Error(`No full-text trigger on ${table}`);
  const last = await sql<{ last: number | null }>`SELECT max(rowid) AS last FROM ${sql.table(table)}`.execute(trx);
  const after = last.rows[0]?.last ?? 0;
  await sql`DROP TRIGGER ${sql.id(trigger)}`.execute(trx);
  return {
    async catchUp(between = () => undefined) {
      const newest = await sql<{ last: number | null }>`SELECT max(rowid) AS last FROM ${sql.table(table)}`.execute(trx);
      const end = newest.rows[0]?.last ?? after;
      // In steps, so that a caller can let other work run between them.
      for (let from = after; from < end; from += CATCH_UP_ROWS) {
        await sql`INSERT INTO ${sql.table(`${table}_fts`)} (rowid, search_key)
          SELECT rowid, search_key FROM ${sql.table(table)} WHERE rowid > ${from} AND rowid <= ${from + CATCH_UP_ROWS}`.execute(trx);
        await between();
      }
      await sql.raw(create).execute(trx);
    },
  };
}

const CATCH_UP_ROWS = 1000;
