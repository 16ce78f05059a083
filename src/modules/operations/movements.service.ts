import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import type {
  Movement,
  MovementCounts,
  MovementDecision,
  MovementFilter,
  MovementInputParsed,
  MovementVocabulary,
  Where,
} from '../../contracts/movements.js';
import { locate } from '../../data/mali/boundaries.js';
import { gazetteer } from '../../data/mali/places.js';
import { MOVEMENT_KIND_TERMS, MOVEMENT_STATUS_TERMS, pick, WEAPON_KIND_TERMS } from '../../data/vocab/movements.js';
import type { Db, Trx } from '../../db/database.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { type Actor, can, memberUnits } from '../../platform/policy.js';
import { type FieldRuleError, throwFieldErrors } from '../../platform/validation.js';
import { guardOf as incidentGuard, incidentsByRefWithShares, incidentsWithShares } from '../incidents/incidents.read.js';
import { actorRegistry } from '../incidents/incidents.service.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { userNames } from '../users/users.service.js';
import { CEASEFIRE_STAFF_UNITS, mayDecideMovement, mayRecordMovement, movementGuard, movementUnitsOf } from './movements.policy.js';
import {
  findMovement,
  insertMovement,
  listMovementsAfter,
  listMovements as listRows,
  type MovementQuery,
  type MovementRow,
  movementCountsBy,
  updateMovementIfVersion,
  verificationsByIds,
} from './movements.repository.js';

/**
 * Ceasefire movement control: the signatory groups' movement notifications and weapons
 * declarations, approved or refused by the Force's ceasefire staff, and movements observed without
 * notification, linked to a verification mission or an incident. The groups come from the actor
 * registry (rebel groups and militias, ACLED types 2 and 3), read through the incidents service.
 * Read by the Force and the JOC only (`movements.policy.ts`), filtered in SQL.
 */

const RECORD_TYPE = 'ceasefire_movement';
const LIMIT = 500;
/** ACLED actor types of the signatory groups: rebel groups and political militias. */
const GROUP_TYPES = [2, 3];

function queryOf(actor: Actor | null, filter: Partial<MovementFilter> = {}): MovementQuery {
  return { memberOf: memberUnits(actor), always: CEASEFIRE_STAFF_UNITS, ...filter };
}

async function groups(db: Db | Trx, locale: Locale) {
  return (await actorRegistry(db))
    .filter((a) => GROUP_TYPES.includes(a.actor_type))
    .map((a) => ({ code: a.code, name: locale === 'fr' ? a.name_fr : a.name_en, active: a.status === 'active' }));
}

/** Checks a place: a gazetteer name or a point inside Mali, one of the two. */
export function checkWhere(where: Where, path: string[]): FieldRuleError[] {
  if ((where.place === null) === (where.point === null)) return [{ path, message: 'place_or_point' }];
  if (where.place !== null && !gazetteer().has(where.place)) return [{ path: [...path, 'place'], message: 'unknown_place' }];
  if (where.point !== null && !locate(where.point[1], where.point[0])) return [{ path: [...path, 'point'], message: 'point_outside_mali' }];
  return [];
}

export async function movementVocabulary(ctx: AppContext, actor: Actor, locale: Locale): Promise<MovementVocabulary> {
  return {
    kinds: pick(MOVEMENT_KIND_TERMS, locale),
    statuses: pick(MOVEMENT_STATUS_TERMS, locale),
    weapons: pick(WEAPON_KIND_TERMS, locale),
    groups: (await groups(ctx.database.db, locale)).filter((g) => g.active).map(({ code, name }) => ({ code, name })),
    places: [...gazetteer().keys()].sort((a, b) => a.localeCompare(b, 'fr')),
    units: movementUnitsOf(actor),
  };
}

export async function recordMovement(ctx: AppContext, actor: Actor, input: MovementInputParsed, locale: Locale): Promise<Movement> {
  if (!mayRecordMovement(actor, input.unit)) throw new AppError(403, 'forbidden');
  const db = ctx.database.db;
  const errors: FieldRuleError[] = [];
  const group = (await groups(db, locale)).find((g) => g.code === input.group);
  if (!group?.active) errors.push({ path: ['group'], message: 'not_signatory_group' });
  errors.push(...checkWhere(input.from, ['from']));
  if (input.to) errors.push(...checkWhere(input.to, ['to']));
  else if (input.kind !== 'declaration') errors.push({ path: ['to'], message: 'destination_required' });
  if (input.kind === 'declaration' && input.weapons.length === 0) errors.push({ path: ['weapons'], message: 'weapons_required' });
  if (new Set(input.weapons.map((w) => w.kind)).size !== input.weapons.length)
    errors.push({ path: ['weapons'], message: 'weapon_kind_twice' });
  if (input.personnel === 0 && input.vehicles === 0 && input.weapons.length === 0)
    errors.push({ path: ['personnel'], message: 'movement_empty' });
  if (input.endsAt !== null && input.endsAt < input.startsAt) errors.push({ path: ['endsAt'], message: 'end_before_start' });
  let incidentId: string | null = null;
  if (input.kind !== 'observed') {
    if (input.verification !== null) errors.push({ path: ['verification'], message: 'links_only_observed' });
    if (input.incident !== null) errors.push({ path: ['incident'], message: 'links_only_observed' });
  } else {
    if (input.startsAt > ctx.now().toISOString()) errors.push({ path: ['startsAt'], message: 'in_future' });
    if (input.incident !== null) {
      const [found] = (await incidentsByRefWithShares(db, [input.incident])).filter((f) =>
        can(actor, 'read', incidentGuard(f.row, f.shares)),
      );
      if (found) incidentId = found.row.id;
      else errors.push({ path: ['incident'], message: 'incident_unknown' });
    }
    if (input.verification !== null) {
      const [found] = (await verificationsByIds(db, [input.verification])).filter((v) =>
        can(actor, 'read', { unit: v.unit_code, classification: v.classification as 'internal' }),
      );
      if (!found) errors.push({ path: ['verification'], message: 'verification_unknown' });
    }
  }
  throwFieldErrors(errors);
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, input.unit);
    await insertMovement(trx, {
      id,
      kind: input.kind,
      status: input.kind === 'observed' ? 'observed' : 'notified',
      group_code: input.group,
      unit_code: input.unit,
      personnel: input.personnel,
      vehicles: input.vehicles,
      weapons: JSON.stringify(input.weapons),
      from_place: input.from.place,
      from_point: input.from.point ? JSON.stringify(input.from.point) : null,
      to_place: input.to?.place ?? null,
      to_point: input.to?.point ? JSON.stringify(input.to.point) : null,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      notes: input.notes,
      verification_id: input.verification,
      incident_id: incidentId,
      decided_by: null,
      decided_by_label: null,
      decided_at: null,
      decision_comment: '',
      created_by: actor.id,
      created_by_label: actor.label,
      created_at: ctx.now().toISOString(),
      version: 1,
    });
    return {
      result: undefined,
      audit: {
        action: 'ceasefire.movement.create',
        recordType: RECORD_TYPE,
        recordId: id,
        details: { kind: input.kind, group: input.group, unit: input.unit },
      },
    };
  });
  return getMovement(ctx, actor, id, locale);
}

export async function decideMovement(ctx: AppContext, actor: Actor, id: string, body: MovementDecision, locale: Locale): Promise<Movement> {
  await auditedTransaction(ctx, actor, async (trx) => {
    const row = await findMovement(trx, id, queryOf(actor));
    if (!row || !can(actor, 'read', movementGuard(row))) throw notFound();
    if (row.version !== body.version) throw versionConflict();
    if (row.kind === 'observed' || row.status !== 'notified') throw new AppError(409, 'movement_not_notified');
    if (!mayDecideMovement(actor, row)) throw new AppError(403, 'forbidden');
    const status = body.decision === 'approve' ? 'approved' : 'refused';
    const done = await updateMovementIfVersion(trx, id, body.version, {
      status,
      decided_by: actor.id,
      decided_by_label: actor.label,
      decided_at: ctx.now().toISOString(),
      decision_comment: body.comment,
    });
    if (!done) throw versionConflict();
    return {
      result: undefined,
      audit: { action: `ceasefire.movement.${body.decision}`, recordType: RECORD_TYPE, recordId: id, details: { group: row.group_code } },
    };
  });
  return getMovement(ctx, actor, id, locale);
}

async function present(ctx: AppContext, actor: Actor | null, rows: MovementRow[], locale: Locale): Promise<Movement[]> {
  const db = ctx.database.db;
  const names = new Map((await groups(db, locale)).map((g) => [g.code, g.name]));
  const people = new Map(
    (await userNames(ctx, [...new Set(rows.flatMap((r) => [r.created_by, ...(r.decided_by ? [r.decided_by] : [])]))])).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const incidents = new Map(
    (await incidentsWithShares(db, [...new Set(rows.flatMap((r) => (r.incident_id ? [r.incident_id] : [])))]))
      .filter((f) => can(actor, 'read', incidentGuard(f.row, f.shares)))
      .map((f) => [f.row.id, f.row]),
  );
  const verifications = new Map(
    (await verificationsByIds(db, [...new Set(rows.flatMap((r) => (r.verification_id ? [r.verification_id] : [])))]))
      .filter((v) => can(actor, 'read', { unit: v.unit_code, classification: v.classification as 'internal' }))
      .map((v) => [v.id, v]),
  );
  const point = (text: string | null) => (text ? (JSON.parse(text) as [number, number]) : null);
  return rows.map((row) => {
    const incident = row.incident_id ? incidents.get(row.incident_id) : undefined;
    const verification = row.verification_id ? verifications.get(row.verification_id) : undefined;
    return {
      id: row.id,
      kind: row.kind as Movement['kind'],
      status: row.status as Movement['status'],
      group: row.group_code,
      groupName: names.get(row.group_code) ?? row.group_code,
      unit: row.unit_code,
      personnel: row.personnel,
      vehicles: row.vehicles,
      weapons: JSON.parse(row.weapons) as Movement['weapons'],
      from: { place: row.from_place, point: point(row.from_point) },
      to: row.to_place || row.to_point ? { place: row.to_place, point: point(row.to_point) } : null,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      notes: row.notes,
      verification: verification ? { id: verification.id, visitedOn: verification.visited_on } : null,
      incident: incident ? { ref: incident.ref, title: incident.title } : null,
      decidedBy: row.decided_by ? { id: row.decided_by, name: people.get(row.decided_by) || (row.decided_by_label ?? '') } : null,
      decidedAt: row.decided_at,
      decisionComment: row.decision_comment,
      recordedBy: { id: row.created_by, name: people.get(row.created_by) || row.created_by_label },
      recordedAt: row.created_at,
      version: row.version,
      may: { decide: mayDecideMovement(actor, row) },
    };
  });
}

export async function getMovement(ctx: AppContext, actor: Actor | null, id: string, locale: Locale): Promise<Movement> {
  const row = await findMovement(ctx.database.db, id, queryOf(actor));
  // The SQL filter and the policy agree (tests/movements.test.ts); both are asked.
  if (!row || !can(actor, 'read', movementGuard(row))) throw notFound();
  const [movement] = await present(ctx, actor, [row], locale);
  return movement as Movement;
}

export async function listMovements(
  ctx: AppContext,
  actor: Actor | null,
  filter: MovementFilter,
  locale: Locale,
): Promise<{ items: Movement[]; truncated: boolean }> {
  const rows = (await listRows(ctx.database.db, queryOf(actor, filter), LIMIT + 1)).filter((row) => can(actor, 'read', movementGuard(row)));
  return { items: await present(ctx, actor, rows.slice(0, LIMIT), locale), truncated: rows.length > LIMIT };
}

/**
 * Every movement of the filter the reader may read, as the list presents them, one page at a time
 * (the export): the list's SQL rule and policy check, without the list's cap.
 */
export async function* movementRows(ctx: AppContext, actor: Actor | null, filter: MovementFilter, locale: Locale) {
  const page = 500;
  let after: [string, string] | null = null;
  for (;;) {
    const rows = await listMovementsAfter(ctx.database.db, queryOf(actor, filter), page, after);
    yield* await present(
      ctx,
      actor,
      rows.filter((row) => can(actor, 'read', movementGuard(row))),
      locale,
    );
    const last = rows.at(-1);
    if (rows.length < page || !last) return;
    after = [last.starts_at, last.id];
  }
}

export function recordMovementExport(ctx: AppContext, actor: Actor, filter: MovementFilter): Promise<void> {
  return recordAudit(ctx, actor, {
    action: 'ceasefire.movement.export',
    recordType: RECORD_TYPE,
    details: { format: 'csv', filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) },
  });
}

/** Counts by group over a period: notified (notifications and declarations), approved, refused, observed. */
export async function movementCounts(
  ctx: AppContext,
  actor: Actor | null,
  filter: MovementFilter,
  locale: Locale,
): Promise<MovementCounts> {
  const rows = await movementCountsBy(ctx.database.db, queryOf(actor, filter));
  const names = new Map((await groups(ctx.database.db, locale)).map((g) => [g.code, g.name]));
  const byGroup = new Map<string, MovementCounts['groups'][number]>();
  for (const r of rows) {
    const g = byGroup.get(r.group) ?? {
      group: r.group,
      name: names.get(r.group) ?? r.group,
      notified: 0,
      approved: 0,
      refused: 0,
      observed: 0,
    };
    if (r.kind === 'observed') g.observed += r.count;
    else {
      g.notified += r.count;
      if (r.status === 'approved') g.approved += r.count;
      if (r.status === 'refused') g.refused += r.count;
    }
    byGroup.set(r.group, g);
  }
  return {
    from: filter.from ?? null,
    to: filter.to ?? null,
    groups: [...byGroup.values()].sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
}
