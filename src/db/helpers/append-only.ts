import { type Kysely, sql } from 'kysely';
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
