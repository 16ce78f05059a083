import { type Kysely, type QueryExecutorProvider, sql } from 'kysely';
import type { Dialect } from '../schema.js';

/**
 * Makes a table append-only: the database itself refuses UPDATE and DELETE (and TRUNCATE on
 * PostgreSQL), whoever the client is. Used for the audit chain.
 */
export async function makeAppendOnly(db: Kysely<unknown>, dialect: Dialect, table: string): Promise<void> {
  const name = sql.id(table);
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE'] as const) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_no_${op.toLowerCase()}`)} BEFORE ${sql.raw(op)} ON ${name}
        BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
    }
    return;
  }
  await sql`CREATE OR REPLACE FUNCTION mandat_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_change`)} BEFORE UPDATE OR DELETE ON ${name}
    FOR EACH ROW EXECUTE FUNCTION mandat_refuse_change()`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${name}
    FOR EACH STATEMENT EXECUTE FUNCTION mandat_refuse_change()`.execute(db);
}

/**
 * What is left of `makeAppendOnly`'s protection on a table: an empty list when it is whole,
 * otherwise one line per trigger that is missing, disabled or no longer refuses the change.
 * Someone with the database owner's rights can drop the triggers and then edit the table;
 * this makes that visible.
 */
export async function appendOnlyProblems(db: QueryExecutorProvider, dialect: Dialect, table: string): Promise<string[]> {
  const problems: string[] = [];
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ name: string; sql: string | null }>`SELECT name, sql FROM sqlite_master
      WHERE type = 'trigger' AND tbl_name = ${table}`.execute(db);
    for (const op of ['UPDATE', 'DELETE'] as const) {
      const name = `${table}_no_${op.toLowerCase()}`;
      const trigger = rows.find((r) => r.name === name);
      if (!trigger) problems.push(`trigger ${name} is missing`);
      else if (!new RegExp(`\\bBEFORE\\s+${op}\\b`, 'i').test(trigger.sql ?? '') || !/RAISE\s*\(\s*ABORT/i.test(trigger.sql ?? ''))
        problems.push(`trigger ${name} no longer refuses ${op}`);
    }
    return problems;
  }
  // tgtype bits (PostgreSQL's pg_trigger.h): row 1, before 2, delete 8, update 16, truncate 32.
  const { rows } = await sql<{ name: string; enabled: string; type: number; body: string }>`
    SELECT t.tgname AS name, t.tgenabled AS enabled, t.tgtype AS type, p.prosrc AS body
    FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_proc p ON p.oid = t.tgfoid
    WHERE n.nspname = current_schema() AND c.relname = ${table} AND NOT t.tgisinternal`.execute(db);
  for (const [suffix, bits, what] of [
    ['no_change', 1 | 2 | 8 | 16, 'UPDATE and DELETE'],
    ['no_truncate', 2 | 32, 'TRUNCATE'],
  ] as const) {
    const name = `${table}_${suffix}`;
    const trigger = rows.find((r) => r.name === name);
    if (!trigger) problems.push(`trigger ${name} is missing`);
    // 'O' fires normally and 'A' always; 'D' is disabled and 'R' fires only on replicas.
    else if (trigger.enabled !== 'O' && trigger.enabled !== 'A') problems.push(`trigger ${name} is disabled`);
    else if ((Number(trigger.type) & bits) !== bits || !/RAISE\s+EXCEPTION/i.test(trigger.body))
      problems.push(`trigger ${name} no longer refuses ${what}`);
  }
  return problems;
}
