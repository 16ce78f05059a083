import type { ExpressionBuilder, Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { Database, DdrDuplicateTable, DdrPersonTable, DdrStepTable } from '../../db/schema.js';

type Executor = Db | Trx;

/** Which records a query may return (see `listScope` in ddr.policy.ts). */
export type PersonScope = { all: true } | { createdBy: string };

function inScope(scope: PersonScope, unit: string, alias: 'ddr_persons' | 'p' | 'o' = 'ddr_persons') {
  return (eb: ExpressionBuilder<Database & { p: DdrPersonTable; o: DdrPersonTable }, typeof alias>) =>
    'all' in scope
      ? eb(`${alias}.unit_code`, '=', unit)
      : eb.and([eb(`${alias}.unit_code`, '=', unit), eb(`${alias}.created_by`, '=', scope.createdBy)]);
}

export async function codeTaken(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('ddr_persons').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertPerson(trx: Trx, row: Insertable<DdrPersonTable>): Promise<void> {
  await trx.insertInto('ddr_persons').values(row).execute();
}

export async function insertStep(trx: Trx, row: Insertable<DdrStepTable>): Promise<void> {
  await trx.insertInto('ddr_steps').values(row).execute();
}

export async function insertKeys(trx: Trx, personId: string, keys: readonly { kind: string; value: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await trx
    .insertInto('ddr_keys')
    .values(keys.map((k) => ({ person_id: personId, kind: k.kind, value: k.value })))
    .execute();
}

/** Other records sharing any of these blind indexes, with the kinds of key they share. */
export async function personsWithKeys(db: Executor, keys: readonly { kind: string; value: string }[], except: string) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('ddr_keys')
    .select(['person_id', 'kind'])
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('kind', '=', k.kind), eb('value', '=', k.value)]))))
    .where('person_id', '!=', except)
    .execute();
}

export async function insertDuplicates(trx: Trx, rows: readonly Insertable<DdrDuplicateTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('ddr_duplicates').values(rows).execute();
}

export function findPersonByCode(db: Executor, code: string): Promise<DdrPersonTable | undefined> {
  return db.selectFrom('ddr_persons').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findPersonById(db: Executor, id: string): Promise<DdrPersonTable | undefined> {
  return db.selectFrom('ddr_persons').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updatePersonIfVersion(
  trx: Trx,
  id: string,
  version: number,
  values: Partial<Omit<DdrPersonTable, 'id' | 'version' | 'code'>>,
): Promise<boolean> {
  return updateIfVersion(trx, 'ddr_persons', id, version, values);
}

export function stepsOf(db: Executor, personId: string) {
  return db.selectFrom('ddr_steps').selectAll().where('person_id', '=', personId).orderBy('at').orderBy('id').execute();
}

/** The review entries a record is part of, either side, with the other record's code. */
export async function duplicatesOf(db: Executor, personId: string) {
  const [later, earlier] = await Promise.all([
    db
      .selectFrom('ddr_duplicates as d')
      .innerJoin('ddr_persons as o', 'o.id', 'd.other_id')
      .select(['d.id', 'o.code', 'd.reasons', 'd.status'])
      .where('d.person_id', '=', personId)
      .execute(),
    db
      .selectFrom('ddr_duplicates as d')
      .innerJoin('ddr_persons as o', 'o.id', 'd.person_id')
      .select(['d.id', 'o.code', 'd.reasons', 'd.status'])
      .where('d.other_id', '=', personId)
      .execute(),
  ]);
  return [...later, ...earlier];
}

export interface PersonListFilter {
  status?: string | undefined;
  movement?: string | undefined;
}

export async function listPersons(db: Executor, unit: string, scope: PersonScope, filter: PersonListFilter, limit: number, offset: number) {
  let query = db.selectFrom('ddr_persons').where(inScope(scope, unit) as never);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.movement) query = query.where('movement', '=', filter.movement);
  const [rows, total] = await Promise.all([
    query
      .select((eb) => [
        'ddr_persons.id',
        'code',
        'movement',
        'category',
        'sex',
        'status',
        'updated_at',
        eb
          .selectFrom('ddr_persons as original')
          .select('original.code')
          .whereRef('original.id', '=', 'ddr_persons.duplicate_of')
          .as('duplicate_of_code'),
        eb
          .selectFrom('ddr_duplicates')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('ddr_duplicates.status', '=', 'open')
          .where((e) =>
            e.or([e('ddr_duplicates.person_id', '=', e.ref('ddr_persons.id')), e('ddr_duplicates.other_id', '=', e.ref('ddr_persons.id'))]),
          )
          .as('open_duplicates'),
      ])
      .orderBy('updated_at', 'desc')
      .orderBy('code')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Open review entries whose two records are both in scope, oldest first. */
export function openDuplicates(db: Executor, unit: string, scope: PersonScope) {
  return db
    .selectFrom('ddr_duplicates as d')
    .innerJoin('ddr_persons as p', 'p.id', 'd.person_id')
    .innerJoin('ddr_persons as o', 'o.id', 'd.other_id')
    .select(['d.id', 'd.reasons', 'd.found_at', 'p.code', 'p.movement', 'o.code as other_code', 'o.movement as other_movement'])
    .where('d.status', '=', 'open')
    .where(inScope(scope, unit, 'p') as never)
    .where(inScope(scope, unit, 'o') as never)
    .orderBy('d.found_at')
    .orderBy('d.id')
    .execute();
}

export function findDuplicate(db: Executor, id: string) {
  return db.selectFrom('ddr_duplicates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records the decision on an open entry; false when it was already decided. */
export async function decideDuplicate(trx: Trx, id: string, status: 'confirmed' | 'different', by: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('ddr_duplicates')
    .set({ status, decided_by: by, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Counts by movement and status of the records that count: not a confirmed duplicate of another.
 * Records referred to Child Protection come back under their own status, `child_referred`.
 */
export async function countsByMovementAndStatus(db: Executor, unit: string) {
  const rows = await db
    .selectFrom('ddr_persons')
    .select((eb) => ['movement', 'status', 'sex', eb.fn.countAll<number>().as('n')])
    .where('unit_code', '=', unit)
    .where('duplicate_of', 'is', null)
    .groupBy(['movement', 'status', 'sex'])
    .execute();
  return rows.map((r) => ({ movement: r.movement, status: r.status, sex: r.sex, n: Number(r.n) }));
}

export function listTargets(db: Executor) {
  return db.selectFrom('ddr_targets').select(['movement', 'target']).orderBy('movement').execute();
}

export async function setTarget(trx: Trx, movement: string, target: number, by: string, at: string): Promise<void> {
  await trx
    .insertInto('ddr_targets')
    .values({ movement, target, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('movement').doUpdateSet({ target, updated_by: by, updated_at: at }))
    .execute();
}

/** Persons integrated (confirmed duplicates left out), by movement and sex: counts only. */
export async function countIntegratedBySex(db: Executor, unit: string, movement?: string) {
  let query = db
    .selectFrom('ddr_persons')
    .select((eb) => ['movement', 'sex', eb.fn.countAll<number>().as('n')])
    .where('unit_code', '=', unit)
    .where('duplicate_of', 'is', null)
    .where('status', '=', 'integrated');
  if (movement) query = query.where('movement', '=', movement);
  const rows = await query.groupBy(['movement', 'sex']).execute();
  return rows.map((r) => ({ movement: r.movement, sex: r.sex, n: Number(r.n) }));
}
