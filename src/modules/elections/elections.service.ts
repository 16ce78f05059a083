import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  type civicInputSchema,
  type decisionInputSchema,
  type deliveryInputSchema,
  ELECTION_UNITS,
  type ElectionsOverview,
  type ElectoralEvent,
  type ElectoralRequest,
  type eventInputSchema,
  type requestInputSchema,
} from '../../contracts/elections.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import { guardOf as incidentGuard, incidentIdsByRef, incidentsWithShares } from '../incidents/incidents.read.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { guardOf, mayCreateElectoralRecord, mayDecide, mayDeliver, mayWriteElectoral } from './elections.policy.js';
import {
  type EventRow,
  findEvent,
  findRequest,
  insertCivic,
  insertEvent,
  insertLink,
  insertRequest,
  linkExists,
  listCivicRows,
  listEventRows,
  listLinkRows,
  listRequestRows,
  type RequestRow,
  updateRequestIfVersion,
} from './elections.repository.js';

/**
 * Electoral support: the calendar, the national authorities' requests and their lifecycle
 * (requested → accepted or declined → delivered, with the material moved and the security
 * provided), civic-education sessions, and the incidents of the log linked to an electoral event,
 * shown only to those who may read them (through the incidents module's `incidents.read.ts`).
 */

const EVENT = 'electoral_event';
const REQUEST = 'electoral_request';
const CIVIC = 'civic_session';
const UNIT = ELECTION_UNITS[0];

type EventInput = z.output<typeof eventInputSchema>;
type RequestInput = z.output<typeof requestInputSchema>;
type DecisionInput = z.output<typeof decisionInputSchema>;
type DeliveryInput = z.output<typeof deliveryInputSchema>;
type CivicInput = z.output<typeof civicInputSchema>;

function presentEvent(row: EventRow): ElectoralEvent {
  return {
    id: row.id,
    kind: row.kind as ElectoralEvent['kind'],
    title: row.title,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    region: row.region,
    notes: row.notes,
    unit: row.unit_code,
    classification: guardOf(row).classification,
    version: row.version,
  };
}

function presentRequest(row: RequestRow, actor: Actor | null): ElectoralRequest {
  return {
    id: row.id,
    requestedOn: row.requested_on,
    authority: row.authority,
    kind: row.kind as ElectoralRequest['kind'],
    description: row.description,
    neededBy: row.needed_by,
    eventId: row.event_id,
    origin: row.origin,
    destinations: JSON.parse(row.destinations) as string[],
    requestedKg: row.requested_kg,
    status: row.status as ElectoralRequest['status'],
    decisionNote: row.decision_note,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by_label,
    delivery:
      row.delivered_on === null
        ? null
        : {
            deliveredOn: row.delivered_on,
            deliveredKg: row.delivered_kg,
            flights: row.flights,
            convoys: row.convoys,
            escorts: row.escorts,
            patrols: row.patrols,
            securityPlan: row.security_plan,
            note: row.delivery_note,
          },
    unit: row.unit_code,
    classification: guardOf(row).classification,
    version: row.version,
    may: { decide: mayDecide(actor, row), deliver: mayDeliver(actor, row) },
  };
}

export async function electionsOverview(ctx: AppContext, actor: Actor | null): Promise<ElectionsOverview> {
  const db = ctx.database.db;
  const scope = readScope(actor);
  const [events, requests, civic] = await Promise.all([listEventRows(db, scope), listRequestRows(db, scope), listCivicRows(db, scope)]);
  const links = await listLinkRows(
    db,
    events.map((e) => e.id),
  );
  const incidents = await incidentsWithShares(db, [...new Set(links.map((l) => l.incident_id))]);
  const readable = new Map(
    incidents.filter(({ row, shares }) => can(actor, 'read', incidentGuard(row, shares))).map(({ row }) => [row.id, row]),
  );
  return {
    events: events.map(presentEvent),
    requests: requests.map((r) => presentRequest(r, actor)),
    civic: civic.map((c) => ({
      id: c.id,
      heldOn: c.held_on,
      place: c.place,
      region: c.region,
      topic: c.topic,
      women: c.women,
      men: c.men,
      unit: c.unit_code,
      classification: guardOf(c).classification,
    })),
    incidents: links.flatMap((l) => {
      const row = readable.get(l.incident_id);
      return row
        ? [{ eventId: l.event_id, ref: row.ref, title: row.title, occurredOn: row.occurred_on, region: row.region, status: row.status }]
        : [];
    }),
    may: { create: mayCreateElectoralRecord(actor) },
  };
}

export async function createEvent(ctx: AppContext, actor: Actor, input: EventInput): Promise<ElectoralEvent> {
  if (!mayCreateElectoralRecord(actor)) throw forbidden();
  if (input.endsOn !== null && input.endsOn < input.startsOn) throw new AppError(400, 'election_ends_before_start');
  const now = ctx.now().toISOString();
  const row: EventRow = {
    id: randomUUID(),
    kind: input.kind,
    title: input.title,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    region: input.region,
    notes: input.notes,
    unit_code: UNIT,
    classification: input.classification,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, UNIT);
    await insertEvent(trx, row);
    return {
      result: undefined,
      audit: { action: 'election.event.create', recordType: EVENT, recordId: row.id, details: { kind: row.kind } },
    };
  });
  return presentEvent(row);
}

async function readableRequest(ctx: AppContext, actor: Actor | null, id: string): Promise<RequestRow> {
  const row = await findRequest(ctx.database.db, id);
  if (!row || !can(actor, 'read', guardOf(row))) throw notFound();
  return row;
}

export async function getRequest(ctx: AppContext, actor: Actor | null, id: string): Promise<ElectoralRequest> {
  return presentRequest(await readableRequest(ctx, actor, id), actor);
}

export async function createRequest(ctx: AppContext, actor: Actor, input: RequestInput): Promise<ElectoralRequest> {
  if (!mayCreateElectoralRecord(actor)) throw forbidden();
  if (input.eventId !== null) {
    const event = await findEvent(ctx.database.db, input.eventId);
    if (!event || !can(actor, 'read', guardOf(event))) throw new AppError(400, 'election_unknown_event');
  }
  const now = ctx.now().toISOString();
  const row: RequestRow = {
    id: randomUUID(),
    requested_on: input.requestedOn,
    authority: input.authority,
    kind: input.kind,
    description: input.description,
    needed_by: input.neededBy,
    event_id: input.eventId,
    origin: input.origin,
    destinations: JSON.stringify(input.destinations),
    requested_kg: input.requestedKg,
    status: 'requested',
    decision_note: null,
    decided_at: null,
    decided_by_label: null,
    delivered_on: null,
    delivered_kg: null,
    flights: null,
    convoys: null,
    escorts: null,
    patrols: null,
    security_plan: null,
    delivery_note: null,
    unit_code: UNIT,
    classification: input.classification,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, UNIT);
    await insertRequest(trx, row);
    return {
      result: undefined,
      audit: {
        action: 'election.request.create',
        recordType: REQUEST,
        recordId: row.id,
        details: { kind: row.kind, authority: row.authority },
      },
    };
  });
  return getRequest(ctx, actor, row.id);
}

/** Accept or decline a request: a manager of Electoral Affairs, once, while it is requested. */
export async function decideRequest(ctx: AppContext, actor: Actor, id: string, input: DecisionInput): Promise<ElectoralRequest> {
  const row = await readableRequest(ctx, actor, id);
  if (row.status !== 'requested') throw new AppError(409, 'election_request_status', { status: row.status });
  if (!mayDecide(actor, row)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const values = { status: input.decision, decision_note: input.note, decided_at: at, decided_by_label: actor.label, updated_at: at };
    if (!(await updateRequestIfVersion(trx, id, input.version, values))) throw versionConflict();
    return {
      result: undefined,
      audit: {
        action: `election.request.${input.decision === 'accepted' ? 'accept' : 'decline'}`,
        recordType: REQUEST,
        recordId: id,
        details: {},
      },
    };
  });
  return getRequest(ctx, actor, id);
}

/** Record what was delivered for an accepted request: material moved, flights or convoys, escorts and patrols. */
export async function deliverRequest(ctx: AppContext, actor: Actor, id: string, input: DeliveryInput): Promise<ElectoralRequest> {
  const row = await readableRequest(ctx, actor, id);
  if (row.status !== 'accepted') throw new AppError(409, 'election_request_status', { status: row.status });
  if (!mayDeliver(actor, row)) throw forbidden();
  if (input.deliveredOn < row.requested_on) throw new AppError(400, 'election_delivered_before_request');
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const values = {
      status: 'delivered',
      delivered_on: input.deliveredOn,
      delivered_kg: input.deliveredKg,
      flights: input.flights,
      convoys: input.convoys,
      escorts: input.escorts,
      patrols: input.patrols,
      security_plan: input.securityPlan,
      delivery_note: input.note,
      updated_at: at,
    };
    if (!(await updateRequestIfVersion(trx, id, input.version, values))) throw versionConflict();
    return {
      result: undefined,
      audit: { action: 'election.request.deliver', recordType: REQUEST, recordId: id, details: { deliveredKg: input.deliveredKg } },
    };
  });
  return getRequest(ctx, actor, id);
}

export async function createCivicSession(ctx: AppContext, actor: Actor, input: CivicInput): Promise<void> {
  if (!mayCreateElectoralRecord(actor)) throw forbidden();
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, UNIT);
    await insertCivic(trx, {
      id,
      held_on: input.heldOn,
      place: input.place,
      region: input.region,
      topic: input.topic,
      women: input.women,
      men: input.men,
      unit_code: UNIT,
      classification: input.classification,
      created_by: actor.id,
      created_at: ctx.now().toISOString(),
    });
    return {
      result: undefined,
      audit: { action: 'election.civic.create', recordType: CIVIC, recordId: id, details: { heldOn: input.heldOn } },
    };
  });
}

/** Link an incident of the log to an electoral event: the linker must read both. */
export async function linkIncident(ctx: AppContext, actor: Actor, eventId: string, incidentRef: string): Promise<void> {
  const event = await findEvent(ctx.database.db, eventId);
  if (!event || !can(actor, 'read', guardOf(event))) throw notFound();
  if (!mayWriteElectoral(actor, event)) throw forbidden();
  const [found] = await incidentIdsByRef(ctx.database.db, [incidentRef]);
  const [incident] = found ? await incidentsWithShares(ctx.database.db, [found.id]) : [];
  if (!incident || !can(actor, 'read', incidentGuard(incident.row, incident.shares))) throw new AppError(400, 'election_unknown_incident');
  if (await linkExists(ctx.database.db, eventId, incident.row.id)) return;
  await auditedTransaction(ctx, actor, async (trx) => {
    await insertLink(trx, { event_id: eventId, incident_id: incident.row.id, linked_by: actor.id, linked_at: ctx.now().toISOString() });
    return {
      result: undefined,
      audit: { action: 'election.incident.link', recordType: EVENT, recordId: eventId, details: { incident: incident.row.ref } },
    };
  });
}
