/**
 * The kinds of records the outbox sends, in one place: a module whose records are entered in the
 * field registers its kind here (how a payload is sent, and which form reopens it). Protection
 * cases, identities, hotline calls and DDR persons are never registered: they are never queued.
 */

/** The request that sends a payload. */
export interface OutboxRequest {
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
  /** Sent with the record's key as `Idempotency-Key` (creations; an edit is guarded by its version). */
  idempotent: boolean;
}

export interface OutboxKind {
  request: (payload: never) => OutboxRequest;
  /** The form that opens the record again to be fixed (it reads `?outbox=<key>`); without one, a refused record is discarded and entered again. */
  formPath?: (payload: never, key: string) => string;
}

/** An incident being created: the API's input and the form's draft it came from. */
export interface IncidentPayload {
  input: unknown;
  draft: unknown;
}

/** An edit of an incident made offline: the version it started from, the draft at that version and the edited one. */
export interface IncidentEditPayload extends IncidentPayload {
  ref: string;
  version: number;
  base: unknown;
}

/** A record entered through a simple form (activity, strength snapshot): its input is its draft, mapped back into the form when it is reopened (`reopen.ts`). */
export interface InputPayload {
  input: unknown;
}

/**
 * The report of a completed operation written in the field: the transition `complete` with the
 * version the operation was read at, and the report form's draft it came from. Sent with its key:
 * the server moves the operation once per key and answers a repeat with the operation it completed.
 */
export interface OperationReportPayload {
  operationId: string;
  version: number;
  report: unknown;
  draft: unknown;
}

const outbox = (path: string, key: string) => `${path}?outbox=${encodeURIComponent(key)}`;

export const OUTBOX_KINDS = {
  incident: {
    request: (payload: IncidentPayload) => ({ method: 'POST', path: '/api/incidents', body: payload.input, idempotent: true }),
    formPath: (_: IncidentPayload, key: string) => outbox('/incidents/nouveau', key),
  },
  'incident.edit': {
    request: (payload: IncidentEditPayload) => ({
      method: 'PUT',
      path: `/api/incidents/${encodeURIComponent(payload.ref)}`,
      body: { version: payload.version, incident: payload.input },
      idempotent: false,
    }),
    formPath: (payload: IncidentEditPayload, key: string) => outbox(`/incidents/${encodeURIComponent(payload.ref)}/modifier`, key),
  },
  'operation.report': {
    request: (payload: OperationReportPayload) => ({
      method: 'POST',
      path: `/api/operations/${encodeURIComponent(payload.operationId)}/transitions`,
      body: { action: 'complete', version: payload.version, report: payload.report },
      idempotent: true,
    }),
    formPath: (payload: OperationReportPayload, key: string) => outbox(`/operations/${encodeURIComponent(payload.operationId)}`, key),
  },
  activity: {
    request: (payload: InputPayload) => ({ method: 'POST', path: '/api/activities', body: payload.input, idempotent: true }),
    formPath: (_: InputPayload, key: string) => outbox('/activites/nouvelle', key),
  },
  strength: {
    request: (payload: InputPayload) => ({ method: 'POST', path: '/api/strength', body: payload.input, idempotent: true }),
    formPath: (_: InputPayload, key: string) => outbox('/effectifs', key),
  },
} satisfies Record<string, OutboxKind>;

export type OutboxKindName = keyof typeof OUTBOX_KINDS;
export type PayloadOf<K extends OutboxKindName> = Parameters<(typeof OUTBOX_KINDS)[K]['request']>[0];

export function requestOf(kind: string, payload: unknown): OutboxRequest {
  const entry = OUTBOX_KINDS[kind as OutboxKindName] as OutboxKind | undefined;
  if (!entry) throw new Error(`unknown outbox kind: ${kind}`);
  return entry.request(payload as never);
}

/** The form that reopens a record, or null when its kind has none. */
export function formPathOf(kind: string, payload: unknown, key: string): string | null {
  const entry = OUTBOX_KINDS[kind as OutboxKindName] as OutboxKind | undefined;
  return entry?.formPath ? entry.formPath(payload as never, key) : null;
}
