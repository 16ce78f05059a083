import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import type { Locale } from '../../contracts/common.js';
import {
  type Incident,
  type IncidentFilter,
  type IncidentInputParsed,
  type IncidentStatus,
  type IncidentSummary,
  TRANSITIONS,
  type TransitionName,
} from '../../contracts/incidents.js';
import { cercles, findArea, regions } from '../../data/mali/boundaries.js';
import { gazetteer } from '../../data/mali/places.js';
import { actorTypes, eventTypes, label, MISSION_CATEGORIES } from '../../data/vocab/incidents.js';
import type { Db, Trx } from '../../db/database.js';
import { t } from '../../i18n/index.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff, readHistory } from '../../platform/history.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import type { Submission } from '../../platform/submissions.js';
import { RequestValidationError, throwFieldErrors } from '../../platform/validation.js';
import { alertNotices, raiseAlerts } from '../alerts/alerts.service.js';
import { attachmentsOf } from '../attachments/attachments.read.js';
import { notifyAfterCommit } from '../notifications/notifications.service.js';
import { knownUnitCodes, requireOpenUnit } from '../organisation/organisation.service.js';
import { userNames } from '../users/users.service.js';
import { presentActor } from './actors.service.js';
import { flatRelations } from './incidents.history.js';
import { allowedTransitions, guardOf, mayCreateIncident, mayEdit, mayOnIncident } from './incidents.policy.js';
import {
  type Cursor,
  countVisible,
  cursorOf,
  findByRef,
  findRefById,
  findRefs,
  type IncidentRow,
  type IncidentSummaryRow,
  insertIncidents,
  insertStep,
  listActors,
  listPage,
  listSummaryPage,
  relations,
  replaceRelations,
  reserveNumbers,
  type SortName,
  steps,
  updateIncidentIfVersion,
} from './incidents.repository.js';
import { type Known, resolveIncident } from './incidents.resolve.js';

export { addActor, loadReferenceActors } from './actors.service.js';
export { countVisibleIncidents, incidentsWaitingFor, incidentsWithShares } from './incidents.read.js';

const RECORD_TYPE = 'incident';

/** `MLI-2026-000123`: country, year of recording, number in the year. Never reused, never changed. */
export function formatRef(year: number, number: number): string {
  return `MLI-${year}-${String(number).padStart(6, '0')}`;
}

/**
 * What an incident may name: active actors, and the retired ones it already names (a retired
 * actor stays on the incidents that name it, but is not offered for new ones).
 */
async function knownFor(db: Db | Trx, actor: Actor, input: IncidentInputParsed, named: readonly string[] = []): Promise<Known> {
  const [actors, units, refs] = await Promise.all([listActors(db), knownUnitCodes(db, input.sharedWith), findRefs(db, input.links)]);
  // A link may only point at an incident its author can read.
  const readable = await Promise.all(refs.map(async (r) => ((await readableRow(db, actor, r.ref)) ? r.ref : null)));
  return {
    actors: new Set(actors.filter((a) => a.status === 'active' || (a.status === 'retired' && named.includes(a.code))).map((a) => a.code)),
    units,
    incidentRefs: new Set(readable.filter((r): r is string => r !== null)),
  };
}

function resolveOrThrow(input: IncidentInputParsed, known: Known) {
  const resolved = resolveIncident(input, known);
  if ('issues' in resolved) throw new RequestValidationError(resolved.issues);
  return resolved;
}

async function readableRow(db: Db | Trx, actor: Actor | null, ref: string): Promise<{ row: IncidentRow; shares: string[] } | null> {
  const row = await findByRef(db, ref);
  if (!row) return null;
  const { shares } = await relations(db, [row.id]);
  const units = shares.map((s) => s.unit_code);
  return can(actor, 'read', guardOf(row, units)) ? { row, shares: units } : null;
}

export async function createIncident(
  ctx: AppContext,
  actor: Actor,
  input: IncidentInputParsed,
  locale: Locale,
  submission?: Submission,
): Promise<Incident> {
  if (!mayCreateIncident(actor, input.unit, input.classification)) throw new AppError(403, 'forbidden');
  const { values, relations: rel } = resolveOrThrow(input, await knownFor(ctx.database.db, actor, input));
  const ref = await auditedTransaction(
    ctx,
    actor,
    async (trx) => {
      await requireOpenUnit(trx, input.unit);
      const now = ctx.now();
      const year = now.getUTCFullYear();
      const ref = formatRef(year, await reserveNumbers(trx, year, 1));
      const id = randomUUID();
      const at = now.toISOString();
      await insertIncidents(trx, ctx.database, [
        {
          incident: {
            ...values,
            id,
            ref,
            status: 'draft',
            created_by: actor.id,
            created_at: at,
            updated_at: at,
            version: 1,
            entered_at: submission?.enteredAt ?? null,
          },
          relations: rel,
          step: { id: randomUUID(), label: actor.label, comment: '' },
        },
      ]);
      const details = submission?.enteredAt ? { ref, enteredAt: submission.enteredAt } : { ref };
      return { result: ref, audit: { action: 'incident.create', recordType: RECORD_TYPE, recordId: id, details } };
    },
    submission,
  );
  return getIncident(ctx, actor, ref, locale);
}

const HISTORY_FIELDS = [
  'occurred_on',
  'occurred_time',
  'date_precision',
  'region',
  'cercle',
  'commune',
  'place',
  'latitude',
  'longitude',
  'location_precision',
  'event_type',
  'sub_event_type',
  'category',
  'threat_to_civilians',
  'casualties',
  'sources',
  'title',
  'description',
  'tags',
  'unit_code',
  'classification',
] as const;

export async function updateIncident(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  version: number,
  input: IncidentInputParsed,
  locale: Locale,
): Promise<Incident> {
  const found = await readableRow(ctx.database.db, actor, ref);
  if (!found) throw notFound();
  const { row } = found;
  if (!mayEdit(actor, row, found.shares)) throw new AppError(403, 'forbidden');
  if (input.unit !== row.unit_code && !can(actor, 'create', { unit: input.unit, classification: input.classification })) {
    throw new AppError(403, 'forbidden');
  }
  const named = (await relations(ctx.database.db, [row.id])).actors.map((a) => a.actor_code);
  const { values, relations: rel } = resolveOrThrow(input, await knownFor(ctx.database.db, actor, input, named));
  await auditedTransaction(ctx, actor, async (trx) => {
    // A record may stay in a unit that closed since, but never move into a closed one.
    if (input.unit !== row.unit_code) await requireOpenUnit(trx, input.unit);
    const before = await relations(trx, [row.id]);
    const changes = diff(
      {
        ...Object.fromEntries(HISTORY_FIELDS.map((f) => [f, row[f]])),
        ...flatRelations({
          actors: before.actors,
          shares: before.shares.map((s) => s.unit_code),
          links: before.links.map((l) => l.target_ref),
        }),
      },
      { ...Object.fromEntries(HISTORY_FIELDS.map((f) => [f, values[f]])), ...flatRelations(rel) },
    );
    const at = ctx.now().toISOString();
    if (!(await updateIncidentIfVersion(trx, row.id, version, { ...values, updated_at: at }))) throw versionConflict();
    await replaceRelations(trx, row.id, rel);
    await appendHistory(trx, { recordType: RECORD_TYPE, recordId: row.id, version: version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'incident.update', recordType: RECORD_TYPE, recordId: row.id, details: { ref, fields: Object.keys(changes) } },
    };
  });
  return getIncident(ctx, actor, ref, locale);
}

export async function transitionIncident(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  body: { action: TransitionName; version: number; comment: string },
  locale: Locale,
): Promise<Incident> {
  const found = await readableRow(ctx.database.db, actor, ref);
  if (!found) throw notFound();
  const { row } = found;
  const move = TRANSITIONS[body.action];
  if (!(move.from as readonly string[]).includes(row.status)) {
    throw new AppError(409, 'transition_not_allowed', { from: t(locale, `incidents.status.${row.status}`) });
  }
  if (!allowedTransitions(actor, row, found.shares).includes(body.action)) {
    throw new AppError(403, body.action === 'verify' && row.created_by === actor.id ? 'four_eyes' : 'forbidden');
  }
  if ((body.action === 'reject' || body.action === 'reopen') && body.comment === '') {
    throwFieldErrors([{ path: ['comment'], message: 'comment_required' }]);
  }
  const raised = await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateIncidentIfVersion(trx, row.id, body.version, { status: move.to, updated_at: at }))) throw versionConflict();
    await insertStep(trx, {
      id: randomUUID(),
      incident_id: row.id,
      from_status: row.status,
      to_status: move.to,
      actor_id: actor.id,
      actor_label: actor.label,
      at,
      comment: body.comment,
    });
    const alerts =
      move.to === 'submitted' || move.to === 'verified' ? await raiseAlerts(trx, ctx, { ...row, status: move.to }, found.shares) : [];
    return {
      result: alerts,
      audit: [
        { action: `incident.${body.action}`, recordType: RECORD_TYPE, recordId: row.id, details: { ref, from: row.status, to: move.to } },
        ...alerts,
      ],
    };
  });
  notifyAfterCommit(ctx, [
    ...(move.to === 'submitted'
      ? [{ kind: 'incident_to_verify' as const, unit: row.unit_code, ref, except: [row.created_by, actor.id] }]
      : []),
    ...alertNotices(raised),
  ]);
  return getIncident(ctx, actor, ref, locale);
}

function regionName(id: string): string {
  return findArea(id)?.name ?? id;
}

export async function getIncident(ctx: AppContext, actor: Actor | null, ref: string, locale: Locale): Promise<Incident> {
  const db = ctx.database.db;
  const found = await readableRow(db, actor, ref);
  if (!found) throw notFound();
  const { row } = found;
  const [rel, history, actors, attachments, creator, linked] = await Promise.all([
    relations(db, [row.id]),
    steps(db, row.id),
    listActors(db),
    attachmentsOf(db, RECORD_TYPE, row.id),
    row.created_by ? userNames(ctx, [row.created_by]).then(([user]) => user) : undefined,
    (async () => {
      const refs = (await relations(db, [row.id])).links.map((l) => l.target_ref);
      const rows = await Promise.all(refs.map((r) => readableRow(db, actor, r)));
      return rows.filter((r) => r !== null).map((r) => ({ ref: r.row.ref, title: r.row.title }));
    })(),
  ]);
  const actorNames = new Map(actors.map((a) => [a.code, locale === 'fr' ? a.name_fr : a.name_en]));
  return {
    ref: row.ref,
    occurredOn: row.occurred_on,
    occurredTime: row.occurred_time,
    datePrecision: row.date_precision as Incident['datePrecision'],
    location: {
      region: row.region,
      regionName: regionName(row.region),
      cercle: row.cercle,
      cercleName: row.cercle ? (findArea(row.cercle)?.name ?? row.cercle) : null,
      commune: row.commune,
      place: row.place,
      latitude: row.latitude,
      longitude: row.longitude,
      precision: row.location_precision as Incident['location']['precision'],
    },
    eventType: row.event_type,
    subEventType: row.sub_event_type,
    category: row.category,
    threatToCivilians: row.threat_to_civilians === 1,
    actors: rel.actors.map((a) => ({
      actor: a.actor_code,
      role: a.role as Incident['actors'][number]['role'],
      name: actorNames.get(a.actor_code) ?? a.actor_code,
    })),
    casualties: JSON.parse(row.casualties) as Incident['casualties'],
    killed: { low: row.killed_low, best: row.killed_best, high: row.killed_high },
    injured: { low: row.injured_low, best: row.injured_best, high: row.injured_high },
    sources: JSON.parse(row.sources) as Incident['sources'],
    title: row.title,
    description: row.description,
    tags: JSON.parse(row.tags) as string[],
    unit: row.unit_code,
    classification: row.classification as Incident['classification'],
    sharedWith: rel.shares.map((s) => s.unit_code),
    links: linked,
    status: row.status as IncidentStatus,
    createdBy: creator ? { id: creator.id, name: creator.name } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    enteredAt: row.entered_at,
    version: row.version,
    steps: history.map((s) => ({
      from: s.from_status as IncidentStatus | null,
      to: s.to_status as IncidentStatus,
      by: { id: s.actor_id, name: s.name ?? s.actor_label },
      at: s.at,
      comment: s.comment,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      mediaType: a.media_type,
      size: a.size,
      createdAt: a.created_at,
    })),
    may: mayOnIncident(actor, row, found.shares),
  };
}

export async function incidentHistory(ctx: AppContext, actor: Actor | null, ref: string) {
  const found = await readableRow(ctx.database.db, actor, ref);
  if (!found) throw notFound();
  return readHistory(ctx.database.db, RECORD_TYPE, found.row.id);
}

/** The row a caller may attach files to, or the reason it may not. */
export async function editableIncident(ctx: AppContext, actor: Actor, ref: string): Promise<IncidentRow> {
  const found = await readableRow(ctx.database.db, actor, ref);
  if (!found) throw notFound();
  if (!mayEdit(actor, found.row, found.shares)) throw new AppError(403, 'forbidden');
  return found.row;
}

/** An incident named by its id (a repeated send's record), as the reader may read it. */
export async function getIncidentById(ctx: AppContext, actor: Actor | null, id: string, locale: Locale): Promise<Incident> {
  const row = await findRefById(ctx.database.db, id);
  if (!row) throw notFound();
  return getIncident(ctx, actor, row.ref, locale);
}

/** The incident a file belongs to, if the caller may read it. */
export async function readableIncidentById(ctx: AppContext, actor: Actor | null, id: string): Promise<IncidentRow | null> {
  const row = await findRefById(ctx.database.db, id);
  return row ? ((await readableRow(ctx.database.db, actor, row.ref))?.row ?? null) : null;
}

export function summarize(row: IncidentSummaryRow): IncidentSummary {
  return {
    ref: row.ref,
    occurredOn: row.occurred_on,
    datePrecision: row.date_precision as IncidentSummary['datePrecision'],
    region: row.region,
    cercle: row.cercle,
    place: row.place,
    latitude: row.latitude,
    longitude: row.longitude,
    eventType: row.event_type,
    subEventType: row.sub_event_type,
    category: row.category,
    title: row.title,
    killedBest: row.killed_best,
    injuredBest: row.injured_best,
    status: row.status as IncidentStatus,
    unit: row.unit_code,
    classification: row.classification as IncidentSummary['classification'],
    threatToCivilians: row.threat_to_civilians === 1,
  };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string'
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError(400, 'invalid_cursor');
}

export async function listIncidents(
  ctx: AppContext,
  actor: Actor | null,
  query: IncidentFilter & { sort: SortName; limit: number; after?: string | undefined },
): Promise<{ items: IncidentSummary[]; next: string | null }> {
  const rows = await listSummaryPage(
    ctx.database.db,
    ctx.database.dialect,
    query,
    readScope(actor),
    query.sort,
    query.limit + 1,
    decodeCursor(query.after),
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(summarize), next: rows.length > query.limit && last ? encodeCursor(cursorOf(last, query.sort)) : null };
}

/**
 * Every row of a filter, page by page in constant memory (exports). Between pages the event loop
 * is let go, so that a long export never holds up other requests.
 */
export async function* eachIncident(
  ctx: AppContext,
  actor: Actor | null,
  filter: IncidentFilter,
  batch = 250,
): AsyncGenerator<IncidentRow[]> {
  const scope = readScope(actor);
  let after: Cursor | null = null;
  for (;;) {
    await setImmediate();
    const rows = await listPage(ctx.database.db, ctx.database.dialect, filter, scope, 'date_desc', batch, after);
    if (rows.length === 0) return;
    yield rows;
    const last = rows.at(-1);
    if (rows.length < batch || !last) return;
    after = cursorOf(last, 'date_desc');
  }
}

export function countIncidents(ctx: AppContext, actor: Actor | null, filter: IncidentFilter): Promise<number> {
  return countVisible(ctx.database.db, ctx.database.dialect, filter, readScope(actor));
}

export async function incidentVocabulary(ctx: AppContext, locale: Locale) {
  const actors = await listActors(ctx.database.db);
  return {
    eventTypes: eventTypes().map((e) => ({
      code: e.code,
      label: label(e, locale),
      subTypes: e.subTypes.map((s) => ({ code: s.code, label: label(s, locale) })),
    })),
    categories: MISSION_CATEGORIES.map((c) => ({ code: c.code, label: label(c, locale) })),
    // Merged actors are redirects: the survivor stands for them.
    actors: actors.filter((a) => a.status !== 'merged').map(presentActor(locale)),
    actorTypes: actorTypes().map((a) => ({ code: a.code, label: label(a, locale) })),
    regions: regions().map((r) => ({ code: r.id, label: r.name })),
    cercles: cercles().map((c) => ({ code: c.id, label: c.name, region: c.regionIso })),
    places: [...gazetteer().values()]
      .map((p) => ({
        name: p.name,
        region: p.regionIso,
        cercle: cercles().find((c) => c.name === p.cercle && c.regionIso === p.regionIso)?.id ?? null,
        hasCoordinates: p.lat !== null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}

/** The registry of parties an incident or a protection case may name, in the caller's transaction when given one. */
export function actorRegistry(db: Db | Trx) {
  return listActors(db);
}
