import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type {
  Database,
  ProtectionActTable,
  ProtectionCaseTable,
  ProtectionConsentTable,
  ProtectionPersonTable,
  ProtectionServiceTable,
  ProtectionShareTable,
  ProtectionStepTable,
} from '../../db/schema.js';
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

export function findCaseRefById(db: Executor, id: string): Promise<{ ref: string } | undefined> {
  return db.selectFrom('protection_cases').select('ref').where('id', '=', id).executeTakeFirst();
}

export function findCasesByIds(db: Executor, ids: readonly string[]): Promise<Pick<ProtectionCaseTable, 'id' | 'ref' | 'unit_code'>[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('protection_cases').select(['id', 'ref', 'unit_code']).where('id', 'in', ids).execute();
}

export async function insertCaseRow(trx: Trx, row: ProtectionCaseTable): Promise<void> {
  await trx.insertInto('protection_cases').values(row).execute();
}

/** The ids of the case team's members. */
export async function teamMemberIds(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('protection_team').select('user_id').where('case_id', '=', caseId).execute();
  return rows.map((r) => r.user_id);
}

/** The team members of several cases at once. */
export function teamsOfCases(db: Executor, caseIds: readonly string[]): Promise<{ case_id: string; user_id: string }[]> {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('protection_team').select(['case_id', 'user_id']).where('case_id', 'in', caseIds).execute();
}

/** Puts these users on the case team, as assigned by `assignedBy` at `at`. */
export async function addTeamMembers(trx: Trx, caseId: string, userIds: readonly string[], assignedBy: string, at: string): Promise<void> {
  await trx
    .insertInto('protection_team')
    .values(userIds.map((id) => ({ case_id: caseId, user_id: id, assigned_by: assignedBy, assigned_at: at })))
    .execute();
}

export async function clearTeam(trx: Trx, caseId: string): Promise<void> {
  await trx.deleteFrom('protection_team').where('case_id', '=', caseId).execute();
}

/** A step of the case's workflow: its creation or a move from one status to another. */
export async function insertStep(trx: Trx, row: ProtectionStepTable): Promise<void> {
  await trx.insertInto('protection_steps').values(row).execute();
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

/**
 * The open cases waiting for `actor`: those whose team they are on, and, in the units they
 * manage, those with late verifications; only cases they may read. Each with how many of its acts
 * still await verification although their reporting period ended before `periodStart`; late
 * ones first, then the most recently changed.
 */
export async function casesWaitingFor(db: Executor, actor: Actor, periodStart: string, limit: number) {
  const managed = [...actor.memberships].filter(([, r]) => r === 'manager').map(([unit]) => unit);
  const late = (eb: ExpressionBuilder<Database, 'protection_cases'>) =>
    eb
      .selectFrom('protection_acts')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('protection_acts.case_id', '=', 'protection_cases.id')
      .where('protection_acts.verification', '=', 'pending')
      .where('protection_acts.occurred_on', '<', periodStart);
  const query = db
    .selectFrom('protection_cases')
    .where(readableCases(actor))
    .where('protection_cases.status', '!=', 'closed')
    .where((eb) => {
      const mine = eb(
        'protection_cases.id',
        'in',
        eb.selectFrom('protection_team').select('protection_team.case_id').where('protection_team.user_id', '=', actor.id),
      );
      if (managed.length === 0) return mine;
      return eb.or([
        mine,
        eb.and([eb('protection_cases.unit_code', 'in', managed), eb.exists(late(eb).clearSelect().select('protection_acts.id'))]),
      ]);
    });
  const [rows, total] = await Promise.all([
    query
      .select((eb) => ['protection_cases.ref', 'programme', 'unit_code', 'status', 'updated_at', late(eb).as('late')])
      .orderBy('late', 'desc')
      .orderBy('updated_at', 'desc')
      .orderBy('ref', 'desc')
      .limit(limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, late: Number(r.late) })), total: Number(total.n) };
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
    db.selectFrom('protection_consents').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('protection_services').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    db.selectFrom('protection_shares').selectAll().where('case_id', '=', caseId).orderBy('shared_at').execute(),
    db.selectFrom('protection_steps').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('id').execute(),
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
  return updateIfVersion(trx, 'protection_cases', caseId, version, values);
}

/** The ids of the cases holding a person with this pseudonym. */
export async function caseIdsWithPseudonym(db: Executor, pseudonym: string): Promise<string[]> {
  const rows = await db.selectFrom('protection_persons').select('case_id').where('pseudonym', '=', pseudonym).execute();
  return rows.map((r) => r.case_id);
}

export async function pseudonymTaken(db: Executor, pseudonym: string): Promise<boolean> {
  return (await db.selectFrom('protection_persons').select('id').where('pseudonym', '=', pseudonym).executeTakeFirst()) !== undefined;
}

export async function insertPerson(trx: Trx, row: ProtectionPersonTable): Promise<void> {
  await trx.insertInto('protection_persons').values(row).execute();
}

export function findPerson(db: Executor, caseId: string, pseudonym: string): Promise<ProtectionPersonTable | undefined> {
  return db
    .selectFrom('protection_persons')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('pseudonym', '=', pseudonym)
    .executeTakeFirst();
}

/** The persons of a case by pseudonym and role, to name the victim and perpetrator of an act. */
export function personRolesOf(db: Executor, caseId: string): Promise<Pick<ProtectionPersonTable, 'id' | 'pseudonym' | 'role'>[]> {
  return db.selectFrom('protection_persons').select(['id', 'pseudonym', 'role']).where('case_id', '=', caseId).execute();
}

/** The individual victims of a case: those whose consent reporting needs. */
export function individualVictimsOf(db: Executor, caseId: string): Promise<Pick<ProtectionPersonTable, 'id' | 'pseudonym'>[]> {
  return db
    .selectFrom('protection_persons')
    .select(['id', 'pseudonym'])
    .where('case_id', '=', caseId)
    .where('role', '=', 'victim')
    .where('kind', '=', 'individual')
    .execute();
}

export async function insertAct(trx: Trx, row: ProtectionActTable): Promise<void> {
  await trx.insertInto('protection_acts').values(row).execute();
}

export function findAct(db: Executor, caseId: string, actId: string): Promise<Pick<ProtectionActTable, 'id' | 'occurred_on'> | undefined> {
  return db
    .selectFrom('protection_acts')
    .select(['id', 'occurred_on'])
    .where('id', '=', actId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export async function setActVerification(
  trx: Trx,
  actId: string,
  values: Pick<ProtectionActTable, 'verification' | 'verified_on' | 'standard_of_proof'>,
): Promise<void> {
  await trx.updateTable('protection_acts').set(values).where('id', '=', actId).execute();
}

/** A person's consents for a purpose that have not been withdrawn. */
export function consentsInForce(
  db: Executor,
  personId: string,
  purpose: string,
): Promise<Pick<ProtectionConsentTable, 'id' | 'partner'>[]> {
  return db
    .selectFrom('protection_consents')
    .select(['id', 'partner'])
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .where('withdrawn_on', 'is', null)
    .execute();
}

export async function insertConsent(trx: Trx, row: ProtectionConsentTable): Promise<void> {
  await trx.insertInto('protection_consents').values(row).execute();
}

export function findConsent(
  db: Executor,
  caseId: string,
  consentId: string,
): Promise<Pick<ProtectionConsentTable, 'id' | 'withdrawn_on' | 'obtained_on'> | undefined> {
  return db
    .selectFrom('protection_consents')
    .select(['id', 'withdrawn_on', 'obtained_on'])
    .where('id', '=', consentId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export async function markConsentWithdrawn(trx: Trx, consentId: string, withdrawnOn: string, withdrawnBy: string): Promise<void> {
  await trx
    .updateTable('protection_consents')
    .set({ withdrawn_on: withdrawnOn, withdrawn_by: withdrawnBy })
    .where('id', '=', consentId)
    .execute();
}

export async function insertServiceReferral(trx: Trx, row: ProtectionServiceTable): Promise<void> {
  await trx.insertInto('protection_services').values(row).execute();
}

export function findServiceReferral(
  db: Executor,
  caseId: string,
  serviceId: string,
): Promise<Pick<ProtectionServiceTable, 'id' | 'referred_on'> | undefined> {
  return db
    .selectFrom('protection_services')
    .select(['id', 'referred_on'])
    .where('id', '=', serviceId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export async function setServiceStatus(trx: Trx, serviceId: string, status: string, on: string): Promise<void> {
  await trx.updateTable('protection_services').set({ status, updated_on: on }).where('id', '=', serviceId).execute();
}

export async function insertShare(trx: Trx, row: ProtectionShareTable): Promise<void> {
  await trx.insertInto('protection_shares').values(row).execute();
}
