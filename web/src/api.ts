import type { z } from 'zod';
import type {
  ALERT_STATUSES,
  Alert,
  AlertRule,
  AlertRuleInput,
  alertActionSchema,
  subscriptionsSchema,
} from '../../src/contracts/alerts.js';
import type { auditPageSchema, auditVerifySchema } from '../../src/contracts/audit.js';
import type {
  ApiToken,
  changePasswordBodySchema,
  createApiTokenBodySchema,
  identityProofSchema,
  loginBodySchema,
  Me,
  setupBodySchema,
  setupStatusSchema,
  totpSetupSchema,
  updateMeBodySchema,
} from '../../src/contracts/auth.js';
import type { Locale, Problem } from '../../src/contracts/common.js';
import type {
  Incident,
  IncidentImportReport,
  IncidentInput,
  IncidentStats,
  IncidentVocabulary,
  incidentMapSchema,
  incidentPageSchema,
  transitionBodySchema,
} from '../../src/contracts/incidents.js';
import type {
  Contact,
  Figure,
  historySchema,
  Partner,
  Section,
  SectionText,
  searchResultSchema,
  UpdateContactBody,
  UpdateFigureBody,
  UpdateTextBody,
} from '../../src/contracts/organisation.js';
import type {
  actInputSchema,
  callInputSchema,
  callListQuerySchema,
  callSummarySchema,
  caseCreateSchema,
  caseInputSchema,
  casePageSchema,
  caseTransitionSchema,
  consentInputSchema,
  HotlineCall,
  identitySchema,
  Programme,
  ProtectionCase,
  ProtectionVocabulary,
  personInputSchema,
  StatDimension,
  StatsRelease,
  StatsTable,
  serviceInputSchema,
  serviceUpdateSchema,
  shareInputSchema,
  teamCandidatesSchema,
  verificationInputSchema,
} from '../../src/contracts/protection.js';
import type {
  IMPORT_MODES,
  ImportReport,
  StrengthCategory,
  StrengthSnapshot,
  StrengthSnapshotInput,
  strengthQuerySchema,
  strengthSummarySchema,
} from '../../src/contracts/strength.js';
import type { Unit } from '../../src/contracts/units.js';
import type { CreateUserBody, MembershipRequest, UpdateUserBody, User } from '../../src/contracts/users.js';
import type { MISSION_OVERVIEW } from '../../src/data/mission.js';
import { currentLocale, i18next } from './i18n.js';

export type SetupStatus = z.infer<typeof setupStatusSchema>;
export type SetupBody = z.input<typeof setupBodySchema>;
export type LoginBody = z.input<typeof loginBodySchema>;
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;
export type UpdateMeBody = z.input<typeof updateMeBodySchema>;
export type TotpSetup = z.infer<typeof totpSetupSchema>;
/** The password, and a current code or a recovery code once a second factor is enrolled. */
export type IdentityProof = z.input<typeof identityProofSchema>;
export type CreateApiTokenBody = z.input<typeof createApiTokenBodySchema>;
export type { ApiToken, MembershipRequest };
export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditVerify = z.infer<typeof auditVerifySchema>;
export type Mission = typeof MISSION_OVERVIEW & { units: Unit[] };
export type AuditQuery = { before?: number; limit?: number; action?: string; actor?: string };
export type SectionSummary = { unit: string; title: string; page: number | null };
export type TextHistory = z.infer<typeof historySchema>;
export type HistoryEntry = TextHistory['entries'][number];
export type SearchResult = z.infer<typeof searchResultSchema>;
export type SearchHit = SearchResult['hits'][number];
export type StrengthQuery = z.input<typeof strengthQuerySchema>;
export type StrengthSummaryRow = z.infer<typeof strengthSummarySchema>['rows'][number];
export type StrengthContributor = { category: StrengthCategory; country: string; name: string; asOf: string };
export type ImportMode = (typeof IMPORT_MODES)[number];

/** A failed request, carrying the server's problem document (already in the user's language). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get code(): string {
    return this.problem.code;
  }
  get status(): number {
    return this.problem.status;
  }
}

/** Turns anything thrown by a request into a problem that can be shown to the user. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return {
    type: 'about:blank',
    title: i18next.t('problems.network'),
    status: 0,
    detail: i18next.t('problems.network'),
    code: 'network',
  };
}

// The CSRF token of the current session, from the last Me the server sent.
let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (expired or signed out elsewhere). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => {
    unauthenticatedListeners.delete(listener);
  };
}

function isProblem(value: unknown): value is Problem {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number';
}

interface RequestOptions {
  /** The body is text of this media type (e.g. a CSV file), sent as is instead of as JSON. */
  contentType?: string;
  /** Error statuses whose body is still the answer, not a problem (an import's report on 422). */
  answeredBy?: readonly number[];
  /** The answer is text of this media type (e.g. an SVG chart), not JSON; errors are still problems. */
  textOf?: string;
  /** The language the server words its answer in, when it is not the interface's (a figure's other label). */
  locale?: Locale;
}

async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: options.textOf ? `${options.textOf}, application/json` : 'application/json',
    'Accept-Language': options.locale ?? currentLocale(),
  };
  if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : options.contentType ? String(body) : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  if (response.ok && options.textOf) return (await response.text()) as T;

  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  if (options.answeredBy?.includes(response.status) && payload !== null && !isProblem(payload)) return payload as T;

  const problem: Problem = isProblem(payload)
    ? payload
    : {
        type: 'about:blank',
        title: i18next.t('problems.unexpected', { status: response.status }),
        status: response.status,
        detail: i18next.t('problems.unexpected', { status: response.status }),
        code: 'unexpected',
      };
  if (problem.status === 401 && problem.code === 'unauthenticated') {
    for (const listener of unauthenticatedListeners) listener();
  }
  throw new ApiError(problem);
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Typed client of Mandat's HTTP API; the contracts in src/contracts define every shape. */
export const api = {
  setupStatus: () => request<SetupStatus>('GET', '/api/setup/status'),
  setup: (body: SetupBody) => request<Me>('POST', '/api/setup', body),

  login: (body: LoginBody) => request<Me>('POST', '/api/auth/login', body),
  logout: () => request<void>('POST', '/api/auth/logout'),
  /** The signed-in user, or null when nobody is signed in. */
  me: async (): Promise<Me | null> => {
    try {
      return await request<Me>('GET', '/api/auth/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  updateMe: (body: UpdateMeBody) => request<Me>('PATCH', '/api/auth/me', body),
  changePassword: (body: ChangePasswordBody) => request<Me>('POST', '/api/auth/password', body),
  totpSetup: (proof: IdentityProof) => request<TotpSetup>('POST', '/api/auth/totp/setup', proof),
  /** Turns the pending key on; the recovery codes come back this once, and other sessions end. */
  totpEnable: (code: string) => request<Me & { recoveryCodes: string[] }>('POST', '/api/auth/totp/enable', { code }),
  totpDisable: (proof: IdentityProof) => request<Me>('POST', '/api/auth/totp/disable', proof),
  /** New one-time recovery codes, shown once; the earlier ones stop working. */
  renewRecoveryCodes: (proof: IdentityProof) => request<{ recoveryCodes: string[] }>('POST', '/api/auth/totp/recovery-codes', proof),

  /** Personal API tokens: never their secret, which is shown once at creation. */
  tokens: () => request<{ tokens: ApiToken[] }>('GET', '/api/auth/tokens'),
  createToken: (body: CreateApiTokenBody) => request<{ token: string; apiToken: ApiToken }>('POST', '/api/auth/tokens', body),
  revokeToken: (tokenId: string) => request<void>('DELETE', `/api/auth/tokens/${encodeURIComponent(tokenId)}`),

  units: () => request<{ units: Unit[] }>('GET', '/api/units'),
  mission: () => request<Mission>('GET', '/api/mission'),

  sections: () => request<{ sections: SectionSummary[] }>('GET', '/api/sections'),
  section: (unit: string) => request<Section>('GET', `/api/sections/${encodeURIComponent(unit)}`),
  updateText: (unit: string, id: string, body: UpdateTextBody) =>
    request<SectionText>('PATCH', `/api/sections/${encodeURIComponent(unit)}/texts/${encodeURIComponent(id)}`, body),
  textHistory: (unit: string, id: string) =>
    request<TextHistory>('GET', `/api/sections/${encodeURIComponent(unit)}/texts/${encodeURIComponent(id)}/history`),
  updateContact: (unit: string, id: string, body: UpdateContactBody) =>
    request<Contact>('PATCH', `/api/sections/${encodeURIComponent(unit)}/contacts/${encodeURIComponent(id)}`, body),
  contactHistory: (unit: string, id: string) =>
    request<TextHistory>('GET', `/api/sections/${encodeURIComponent(unit)}/contacts/${encodeURIComponent(id)}/history`),
  search: (q: string, limit = 30) => request<SearchResult>('GET', `/api/search${query({ q, limit })}`),
  /** The figures, labelled in the interface language unless another is asked for. */
  figures: (unit?: string, locale?: Locale) =>
    request<{ figures: Figure[] }>('GET', `/api/figures${query({ unit })}`, undefined, locale ? { locale } : {}),
  updateFigure: (key: string, body: UpdateFigureBody) => request<Figure>('PATCH', `/api/figures/${encodeURIComponent(key)}`, body),
  figureHistory: (key: string) => request<TextHistory>('GET', `/api/figures/${encodeURIComponent(key)}/history`),
  partners: () => request<{ partners: Partner[] }>('GET', '/api/partners'),

  strength: (params: StrengthQuery = {}) => request<{ snapshots: StrengthSnapshot[] }>('GET', `/api/strength${query(params)}`),
  strengthSummary: () => request<{ rows: StrengthSummaryRow[] }>('GET', '/api/strength/summary'),
  /** Contributing countries, named in the interface language. */
  strengthContributors: () => request<{ contributors: StrengthContributor[] }>('GET', '/api/strength/contributors'),
  /** The history chart of one category as SVG text, worded in the interface language. */
  strengthChart: (category: StrengthCategory, locale: Locale) =>
    request<string>('GET', `/api/strength/chart.svg${query({ category, lang: locale })}`, undefined, { textOf: 'image/svg+xml' }),
  recordStrength: (body: StrengthSnapshotInput) => request<StrengthSnapshot>('POST', '/api/strength', body),
  /** Imports a CSV file's text; the report comes back whether rows were imported (200) or not (422). */
  importStrength: (csv: string, mode: ImportMode) =>
    request<ImportReport>('POST', `/api/strength/import${query({ mode })}`, csv, {
      contentType: 'text/csv; charset=utf-8',
      answeredBy: [422],
    }),

  users: () => request<{ users: User[] }>('GET', '/api/users'),
  createUser: (body: CreateUserBody) => request<{ user: User; generatedPassword: string | null }>('POST', '/api/users', body),
  updateUser: (id: string, body: UpdateUserBody) => request<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, body),
  userTokens: (id: string) => request<{ tokens: ApiToken[] }>('GET', `/api/users/${encodeURIComponent(id)}/tokens`),
  revokeUserToken: (id: string, tokenId: string) =>
    request<void>('DELETE', `/api/users/${encodeURIComponent(id)}/tokens/${encodeURIComponent(tokenId)}`),
  /** Memberships waiting for a second person: all for administrators, their units' for managers. */
  membershipRequests: () => request<{ requests: MembershipRequest[] }>('GET', '/api/membership-requests'),
  decideMembershipRequest: (id: string, decision: 'approve' | 'reject') =>
    request<MembershipRequest>('POST', `/api/membership-requests/${encodeURIComponent(id)}`, { decision }),

  audit: (params: AuditQuery) => request<AuditPage>('GET', `/api/audit${query(params)}`),
  verifyAudit: () => request<AuditVerify>('GET', '/api/audit/verify'),
};

/** The fact sheet as a PDF, in the interface language; one section or the whole mission. */
export function factsheetPdfUrl(locale: Locale, unit?: string): string {
  return `/api/factsheet.pdf${query({ lang: locale, section: unit })}`;
}

// ————— Incidents —————

export type IncidentPage = z.infer<typeof incidentPageSchema>;
export type IncidentTransitionBody = z.input<typeof transitionBodySchema>;
export type IncidentAttachment = Incident['attachments'][number];
/** Query parameters as the API reads them (filter, sort, page); empty values are left out. */
export type IncidentQueryParams = Record<string, string | number | undefined>;
export type IncidentExportFormat = 'csv' | 'geojson';

const incidentPath = (ref: string) => `/api/incidents/${encodeURIComponent(ref)}`;

/** The incident log: list, counts, vocabularies, records and their workflow. */
export const incidentApi = {
  list: (params: IncidentQueryParams) => request<IncidentPage>('GET', `/api/incidents${query(params)}`),
  stats: (params: IncidentQueryParams) => request<IncidentStats>('GET', `/api/incidents/stats${query(params)}`),
  /** Event types, categories, actors, regions, cercles and places, labelled in the interface language. */
  vocabulary: () => request<IncidentVocabulary>('GET', '/api/incidents/vocabulary'),
  get: (ref: string) => request<Incident>('GET', incidentPath(ref)),
  create: (input: IncidentInput) => request<Incident>('POST', '/api/incidents', input),
  /** A stale `version` is refused with 409 `version_conflict`, never overwritten. */
  update: (ref: string, version: number, incident: IncidentInput) => request<Incident>('PUT', incidentPath(ref), { version, incident }),
  transition: (ref: string, body: IncidentTransitionBody) => request<Incident>('POST', `${incidentPath(ref)}/transitions`, body),
  history: (ref: string) => request<TextHistory>('GET', `${incidentPath(ref)}/history`),
};

export function attachmentUrl(id: string): string {
  return `/api/attachments/${encodeURIComponent(id)}`;
}

/** Reads a problem document from an answer's text; anything else becomes an "unexpected answer" problem. */
function problemOf(status: number, text: string): Problem {
  let payload: unknown = null;
  try {
    payload = JSON.parse(text);
  } catch {
    // Not JSON: described below by its status.
  }
  if (isProblem(payload)) return payload;
  return {
    type: 'about:blank',
    title: i18next.t('problems.unexpected', { status }),
    status,
    detail: i18next.t('problems.unexpected', { status }),
    code: 'unexpected',
  };
}

function failed(problem: Problem): ApiError {
  if (problem.status === 401 && problem.code === 'unauthenticated') {
    for (const listener of unauthenticatedListeners) listener();
  }
  return new ApiError(problem);
}

/**
 * Sends a file as the request body with XMLHttpRequest, whose upload events (unlike fetch's) say
 * how much has left: `onProgress(sent, total)` drives a progress bar. Same headers, CSRF token and
 * problem handling as every other request.
 */
export function sendFile<T>(
  path: string,
  body: Blob,
  contentType: string,
  onProgress: (sent: number, total: number) => void,
  options: Pick<RequestOptions, 'answeredBy'> = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.setRequestHeader('Content-Type', contentType);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else if (options.answeredBy?.includes(xhr.status) && payload !== null && !isProblem(payload)) resolve(payload as T);
      else reject(failed(problemOf(xhr.status, xhr.responseText)));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.send(body);
  });
}

/** Imports incidents from a CSV file as candidates of `unit`; the report comes back on 200 and on 422. */
export function importIncidents(
  file: Blob,
  params: { unit: string; classification: string },
  onProgress: (sent: number, total: number) => void,
): Promise<IncidentImportReport> {
  return sendFile<IncidentImportReport>(
    `/api/incidents/import${query({ ...params, lang: currentLocale() })}`,
    file,
    'text/csv; charset=utf-8',
    onProgress,
    { answeredBy: [422] },
  );
}

/** A file attached to a record: an incident's photos and documents, a protection case's files. */
export type Attachment = IncidentAttachment;
/** Sends one file to a record's attachments; `onProgress(sent, total)` follows the upload. */
export type AttachmentUpload = (file: File, onProgress: (sent: number, total: number) => void) => Promise<Attachment>;

/** Attaches a photo or PDF to a record's `…/attachments`; the server decides the type from the content. */
function attachTo(recordPath: string): AttachmentUpload {
  return (file, onProgress) =>
    sendFile<Attachment>(
      `${recordPath}/attachments${query({ filename: file.name })}`,
      file,
      file.type || 'application/octet-stream',
      onProgress,
    );
}

/** Attaches a photo or PDF to an incident. */
export function attachToIncident(ref: string): AttachmentUpload {
  return attachTo(incidentPath(ref));
}

/** A finished export: the file's content and how many incidents it holds. */
export interface IncidentExport {
  blob: Blob;
  rows: number;
}

const CR = 13;
const LF = 10;
const FEATURE = new TextEncoder().encode('{"type":"Feature",');

/** Counts the rows that end in a chunk: CSV records end with CRLF (a line break inside a cell is a bare LF). */
function csvRowCounter(): (chunk: Uint8Array) => number {
  let lastWasCr = false;
  return (chunk) => {
    let rows = 0;
    for (const byte of chunk) {
      if (byte === LF && lastWasCr) rows += 1;
      lastWasCr = byte === CR;
    }
    return rows;
  };
}

/** Counts the GeoJSON features that start in a chunk, even when the marker straddles two chunks. */
function featureCounter(): (chunk: Uint8Array) => number {
  let matched = 0;
  return (chunk) => {
    let features = 0;
    for (const byte of chunk) {
      matched = byte === FEATURE[matched] ? matched + 1 : byte === FEATURE[0] ? 1 : 0;
      if (matched === FEATURE.length) {
        features += 1;
        matched = 0;
      }
    }
    return features;
  };
}

/**
 * Downloads an export of the incident log, reading the stream as it arrives: `onProgress(rows,
 * total)` counts the incidents received against the server's `x-total-count`, so a long export
 * shows real progress rather than a spinner.
 */
export async function exportIncidents(
  format: IncidentExportFormat,
  params: IncidentQueryParams,
  onProgress: (rows: number, total: number | null) => void,
): Promise<IncidentExport> {
  const path = `/api/incidents/export.${format}${query({ ...params, lang: currentLocale() })}`;
  const response = await fetch(path, { headers: { 'Accept-Language': currentLocale() }, credentials: 'same-origin' });
  if (!response.ok) throw failed(problemOf(response.status, await response.text()));
  const header = response.headers.get('x-total-count');
  const total = header === null || !/^\d+$/.test(header) ? null : Number(header);
  const type = response.headers.get('content-type') ?? (format === 'csv' ? 'text/csv' : 'application/geo+json');
  const count = format === 'csv' ? csvRowCounter() : featureCounter();
  // The CSV's header line ends like a row: it is not an incident.
  let rows = format === 'csv' ? -1 : 0;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  onProgress(0, total);
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      rows += count(value);
      onProgress(Math.max(rows, 0), total);
    }
  }
  rows = Math.max(rows, 0);
  onProgress(rows, total);
  return { blob: new Blob(chunks, { type }), rows };
}

// ————— Incident map and early warning —————

export type IncidentMapLayers = z.infer<typeof incidentMapSchema>;
export type MapCluster = IncidentMapLayers['clusters'][number];
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertAction = z.input<typeof alertActionSchema>;
export type AlertSubscriptions = z.infer<typeof subscriptionsSchema>;
export type AlertSubscription = AlertSubscriptions['subscriptions'][number];

/** The map's layers for a filter: the clusters of one view (zoom level and west,south,east,north box), and counts per cercle. */
export function incidentMapLayers(params: IncidentQueryParams, view: { zoom: number; bbox: string }): Promise<IncidentMapLayers> {
  return request<IncidentMapLayers>('GET', `/api/incidents/map${query({ ...params, ...view })}`);
}

/** Early warning: the inbox of the requester's units, the rules, and the areas each unit follows. */
export const alertApi = {
  inbox: (status?: AlertStatus) => request<{ alerts: Alert[] }>('GET', `/api/alerts${query({ status })}`),
  /** Acknowledge, or escalate to another unit; a stale `version` is a 409. */
  act: (id: string, body: AlertAction) => request<Alert>('POST', `/api/alerts/${encodeURIComponent(id)}/actions`, body),
  rules: () => request<{ rules: AlertRule[] }>('GET', '/api/alert-rules'),
  createRule: (rule: AlertRuleInput) => request<AlertRule>('POST', '/api/alert-rules', rule),
  updateRule: (id: string, version: number, rule: AlertRuleInput) =>
    request<AlertRule>('PUT', `/api/alert-rules/${encodeURIComponent(id)}`, { version, rule }),
  subscriptions: () => request<AlertSubscriptions>('GET', '/api/alert-subscriptions'),
  setSubscriptions: (unit: string, areas: readonly string[]) =>
    request<AlertSubscriptions>('PUT', `/api/alert-subscriptions/${encodeURIComponent(unit)}`, { areas }),
};

// ————— Protection and accountability —————

export type ProtectionCasePage = z.infer<typeof casePageSchema>;
export type ProtectionCaseSummary = ProtectionCasePage['items'][number];
export type ProtectionCaseQuery = Partial<Record<'programme' | 'status' | 'office' | 'q', string>> & { limit?: number; offset?: number };
export type ProtectionCaseCreate = z.input<typeof caseCreateSchema>;
export type ProtectionPersonInput = z.input<typeof personInputSchema>;
export type ProtectionPerson = ProtectionCase['persons'][number];
export type ProtectionIdentity = z.infer<typeof identitySchema>;
export type ProtectionActInput = z.input<typeof actInputSchema>;
export type ProtectionAct = ProtectionCase['acts'][number];
export type ProtectionVerificationInput = z.input<typeof verificationInputSchema>;
export type ProtectionConsentInput = z.input<typeof consentInputSchema>;
export type ProtectionServiceInput = z.input<typeof serviceInputSchema>;
export type ProtectionServiceUpdate = z.input<typeof serviceUpdateSchema>;
export type ProtectionShareInput = z.input<typeof shareInputSchema>;
export type ProtectionTransition = z.input<typeof caseTransitionSchema>;
export type HotlineCallInput = z.input<typeof callInputSchema>;
export type HotlineCallQuery = z.input<typeof callListQuerySchema>;
export type HotlineCallSummary = z.infer<typeof callSummarySchema>;
export type ProtectionCaseInput = z.input<typeof caseInputSchema>;
export type TeamCandidate = z.infer<typeof teamCandidatesSchema>['candidates'][number];
/** What a statistics table counts and how it breaks the count down (`count`: misconduct only). */
export type ProtectionStatsQuery = {
  programme: Programme;
  year: number;
  rows: StatDimension;
  columns?: StatDimension | undefined;
  count?: 'allegations' | 'individuals' | undefined;
};
export type ProtectionStats = StatsTable;
export type ProtectionStatsRelease = StatsRelease;
/** The breakdowns of a release's table (its programme, quarter and count are the release's). */
export type ReleaseTableQuery = Pick<ProtectionStatsQuery, 'rows' | 'columns'>;

/** A code with its label in the interface language. */
export interface ProtectionTerm {
  code: string;
  label: string;
}

/**
 * The lists of `GET /api/protection/vocabulary`, labelled in the interface language. Its schema
 * lives in the route, not in src/contracts: this mirrors it.
 */

export type { ProtectionVocabulary };

const casePath = (ref: string) => `/api/protection/cases/${encodeURIComponent(ref)}`;
const personPath = (ref: string, pseudonym: string) => `${casePath(ref)}/persons/${encodeURIComponent(pseudonym)}`;
const callPath = (ref: string) => `/api/protection/calls/${encodeURIComponent(ref)}`;

/**
 * Confidential protection cases and hotline intake. A case or call the requester may not read
 * answers 404, exactly like one that does not exist; every write returns the case as it now is.
 */
export const protectionApi = {
  vocabulary: () => request<ProtectionVocabulary>('GET', '/api/protection/vocabulary'),
  cases: (params: ProtectionCaseQuery) => request<ProtectionCasePage>('GET', `/api/protection/cases${query(params)}`),
  get: (ref: string) => request<ProtectionCase>('GET', casePath(ref)),
  create: (body: ProtectionCaseCreate) => request<ProtectionCase>('POST', '/api/protection/cases', body),
  /** The case's facts; a stale `version` is refused with 409 `version_conflict`, never overwritten. */
  update: (ref: string, version: number, body: ProtectionCaseInput) =>
    request<ProtectionCase>('PUT', casePath(ref), { version, case: body }),
  /** A workflow move; a stale `version` is refused with 409 `version_conflict`. */
  transition: (ref: string, body: ProtectionTransition) => request<ProtectionCase>('POST', `${casePath(ref)}/transition`, body),
  assignTeam: (ref: string, members: readonly string[]) => request<ProtectionCase>('PUT', `${casePath(ref)}/team`, { members }),
  /** Who a unit manager may put on the case team: the unit's active officers and managers. */
  teamCandidates: (ref: string) => request<{ candidates: TeamCandidate[] }>('GET', `${casePath(ref)}/team/candidates`),
  /** The new person's pseudonym, and the other readable cases that hold the same name. */
  addPerson: (ref: string, body: ProtectionPersonInput) =>
    request<{ pseudonym: string; duplicates: string[] }>('POST', `${casePath(ref)}/persons`, body),
  /** The identity behind a pseudonym; the server records the reason in the audit log. */
  reveal: (ref: string, pseudonym: string, reason: string) =>
    request<ProtectionIdentity>('POST', `${personPath(ref, pseudonym)}/reveal`, { reason }),
  recordConsent: (ref: string, pseudonym: string, body: ProtectionConsentInput) =>
    request<ProtectionCase>('POST', `${personPath(ref, pseudonym)}/consents`, body),
  withdrawConsent: (ref: string, id: string, withdrawnOn: string) =>
    request<ProtectionCase>('POST', `${casePath(ref)}/consents/${encodeURIComponent(id)}/withdraw`, { withdrawnOn }),
  addAct: (ref: string, body: ProtectionActInput) => request<ProtectionCase>('POST', `${casePath(ref)}/acts`, body),
  verifyAct: (ref: string, id: string, body: ProtectionVerificationInput) =>
    request<ProtectionCase>('POST', `${casePath(ref)}/acts/${encodeURIComponent(id)}/verification`, body),
  /** Refused with 422 `consent_missing_referral` unless the person's consent to referral stands. */
  refer: (ref: string, body: ProtectionServiceInput) => request<ProtectionCase>('POST', `${casePath(ref)}/services`, body),
  updateService: (ref: string, id: string, body: ProtectionServiceUpdate) =>
    request<ProtectionCase>('POST', `${casePath(ref)}/services/${encodeURIComponent(id)}`, body),
  /** Refused with 422 `consent_missing_share` unless each person consented to sharing with this partner. */
  share: (ref: string, body: ProtectionShareInput) => request<ProtectionCase>('POST', `${casePath(ref)}/shares`, body),

  recordCall: (body: HotlineCallInput) => request<HotlineCall>('POST', '/api/protection/calls', body),
  calls: (params: HotlineCallQuery) => request<{ items: HotlineCallSummary[] }>('GET', `/api/protection/calls${query(params)}`),
  call: (ref: string) => request<HotlineCall>('GET', callPath(ref)),
  /** Opens a case of the receiving unit from a queued call. */
  acceptCall: (ref: string, version: number) => request<{ caseRef: string }>('POST', `${callPath(ref)}/accept`, { version }),
  dismissCall: (ref: string, version: number) => request<HotlineCall>('POST', `${callPath(ref)}/dismiss`, { version }),
  /** Reclassifies a queued call: it moves to the queue of the unit its new concern belongs to. */
  forwardCall: (ref: string, version: number, concern: string) =>
    request<{ routedTo: string }>('POST', `${callPath(ref)}/forward`, { version, concern }),

  /** Live counts of one programme and year, suppressed; the unit's managers only, not for publication. */
  stats: (params: ProtectionStatsQuery) => request<ProtectionStats>('GET', `/api/protection/stats${query(params)}`),
  /** The released quarters (no counts); any signed-in member. */
  releases: () => request<{ items: ProtectionStatsRelease[] }>('GET', '/api/protection/stats/releases'),
  /** One table of a release, cut from its frozen pattern; a suppressed cell is null. Any signed-in member. */
  releaseTable: (id: string, params: ReleaseTableQuery) =>
    request<ProtectionStats>('GET', `/api/protection/stats/releases/${encodeURIComponent(id)}${query(params)}`),
  /** Releases a closed quarter, once and for good; the unit's managers. */
  release: (body: { programme: Programme; year: number; quarter: number; count?: 'allegations' | 'individuals' | undefined }) =>
    request<ProtectionStatsRelease>('POST', '/api/protection/stats/releases', body),
};

/** Attaches a photo or PDF to a protection case: its name and content are sealed at rest. */
export function attachToCase(ref: string): AttachmentUpload {
  return attachTo(casePath(ref));
}

/** The same table as a CSV file, labelled in `locale` (suppressed cells written x). */
export function protectionStatsCsvUrl(params: ProtectionStatsQuery, locale: Locale): string {
  return `/api/protection/stats.csv${query({ ...params, lang: locale })}`;
}

/** A release's table as a CSV file, labelled in `locale`. */
export function protectionReleaseCsvUrl(id: string, params: ReleaseTableQuery, locale: Locale): string {
  return `/api/protection/stats/releases/${encodeURIComponent(id)}.csv${query({ ...params, lang: locale })}`;
}
