import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import type { Database, ProtectionCaseTable } from '../../db/schema.js';
import type { Actor } from '../../platform/policy.js';

type Executor = Db | Trx;

/** Next number of a series ('case' or 'call') in a year, reserved inside the caller's transaction. */
export async function reserveNumber(trx: Trx, series: 'case' | 'call', year: number): Promise<number> {
  await trx
    .insertInto('protection_counters')
    .values({ series, year, last: 0 })
    .onConflict((oc) => oc.columns(['series', 'year']).doNothing())
    .execute();
  const row = await trx
    .updateTable('protection_counters')
    .set({ last: sql`last + 1` })
    .where('series', '=', series)
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export function findCaseByRef(db: Executor, ref: string): Promise<ProtectionCaseTable | undefined> {
  return db.selectFrom('protection_cases').selectAll().where('ref', '=', ref).executeTakeFirst();
}

export async function teamOf(db: Executor, caseId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('protection_team')
    .innerJoin('users', 'users.id', 'protection_team.user_id')
    .select(['users.id', 'users.name'])
    .where('protection_team.case_id', '=', caseId)
    .orderBy('users.name')
    .execute();
}

/**
 * The cases `actor` may read, as a SQL condition: those of the units they manage, and those
 * whose case team they are on in the units where they are officers. Must agree with
 * `can(actor, 'read', caseGuard(…))`.
 */
export function readableCases(actor: Actor) {
  const units = (role: string) => [...actor.memberships].filter(([, r]) => r === role).map(([unit]) => unit);
  const managed = units('manager');
  const officerOf = units('officer');
  return (eb: ExpressionBuilder<Database, 'protection_cases'>) => {
    const conditions = [];
    if (managed.length > 0) conditions.push(eb('protection_cases.unit_code', 'in', managed));
    if (officerOf.length > 0)
      conditions.push(
        eb.and([
          eb('protection_cases.unit_code', 'in', officerOf),
          eb(
            'protection_cases.id',
            'in',
            eb.selectFrom('protection_team').select('protection_team.case_id').where('protection_team.user_id', '=', actor.id),
          ),
        ]),
      );
    return conditions.length > 0 ? eb.or(conditions) : sql<boolean>`1 = 0`;
  };
}

export interface CaseListFilter {
  programme?: string | undefined;
  status?: string | undefined;
  office?: string | undefined;
  caseIds?: readonly string[] | undefined;
  ref?: string | undefined;
}

export async function listReadableCases(db: Executor, actor: Actor, filter: CaseListFilter, limit: number, offset: number) {
  let query = db.selectFrom('protection_cases').where(readableCases(actor));
  if (filter.programme) query = query.where('programme', '=', filter.programme);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.office) query = query.where('office', '=', filter.office);
  if (filter.ref) query = query.where('ref', '=', filter.ref);
  if (filter.caseIds)
    query = filter.caseIds.length ? query.where('protection_cases.id', 'in', filter.caseIds) : query.where(sql<boolean>`1 = 0`);
  const [rows, total] = await Promise.all([
    query
      .select((eb) => [
        'protection_cases.id',
        'ref',
        'programme',
        'unit_code',
        'status',
        'occurred_on',
        'region',
        'office',
        'updated_at',
        eb
          .selectFrom('protection_persons')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('protection_persons.case_id', '=', 'protection_cases.id')
          .as('persons'),
        eb
          .selectFrom('protection_acts')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('protection_acts.case_id', '=', 'protection_cases.id')
          .as('acts'),
      ])
      .orderBy('updated_at', 'desc')
      .orderBy('ref', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** For each blind index of a name, the other cases holding that name among those `actor` may read. */
export async function casesWithNameIndexes(
  db: Executor,
  actor: Actor,
  nameIndexes: readonly string[],
  exceptCaseId: string,
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (nameIndexes.length === 0) return found;
  const rows = await db
    .selectFrom('protection_persons')
    .innerJoin('protection_cases', 'protection_cases.id', 'protection_persons.case_id')
    .select(['protection_persons.name_index', 'protection_cases.ref'])
    .distinct()
    .where('protection_persons.name_index', 'in', [...new Set(nameIndexes)])
    .where('protection_cases.id', '!=', exceptCaseId)
    .where(readableCases(actor))
    .orderBy('protection_cases.ref')
    .execute();
  for (const row of rows) found.set(row.name_index as string, [...(found.get(row.name_index as string) ?? []), row.ref]);
  return found;
}

export async function caseParts(db: Executor, caseId: string) {
  const [persons, acts, consents, services, shares, steps] = await Promise.all([
    db.selectFrom('protection_persons').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('pseudonym').execute(),
    db.selectFrom('protection_acts').selectAll().where('case_id', '=', caseId).orderBy('occurred_on').orderBy('created_at').execute(),
    db
      .selectFrom('protection_consents')
      .leftJoin('users', 'users.id', 'protection_consents.obtained_by')
      .selectAll('protection_consents')
      .select('users.name as obtained_by_name')
      .where('case_id', '=', caseId)
      .orderBy('protection_consents.created_at')
      .execute(),
    db.selectFrom('protection_services').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('protection_shares').selectAll().where('case_id', '=', caseId).orderBy('shared_at').execute(),
    db
      .selectFrom('protection_steps')
      .leftJoin('users', 'users.id', 'protection_steps.actor_id')
      .selectAll('protection_steps')
      .select('users.name as actor_name')
      .where('case_id', '=', caseId)
      .orderBy('protection_steps.at')
      .orderBy('protection_steps.id')
      .execute(),
  ]);
  return { persons, acts, consents, services, shares, steps };
}

export async function touchCase(trx: Trx, caseId: string, at: string): Promise<void> {
  await trx.updateTable('protection_cases').set({ updated_at: at }).where('id', '=', caseId).execute();
}

/** Updates a case if its version is still `version`; false when someone else changed it first. */
export async function updateCaseIfVersion(
  trx: Trx,
  caseId: string,
  version: number,
  values: Partial<Omit<ProtectionCaseTable, 'id' | 'ref' | 'version'>>,
): Promise<boolean> {
  const result = await trx
    .updateTable('protection_cases')
    .set({ ...values, version: version + 1 })
    .where('id', '=', caseId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
