import { queryOptions } from '@tanstack/react-query';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  CsaSession,
  CsaSessionDetail,
  DecisionInput,
  Participation,
  PeaceDashboard,
  PeaceImportReport,
  PeaceReference,
  Provision,
  ProvisionDetail,
  ProvisionInput,
  ProvisionUpdate,
  ScoreInput,
  SessionInput,
  SessionUpdate,
} from '../../../src/contracts/peace.js';
import { request } from './client.js';
import { written } from './queries.js';

export type { CsaSession, CsaSessionDetail, Participation, PeaceDashboard, PeaceImportReport, PeaceReference, Provision, ProvisionDetail };

/**
 * Query keys of the peace process. What a reader sees depends on who is signed in (`reader`): a
 * member of Mediation or Political Affairs sees their restricted records too.
 */
export const peaceKeys = {
  all: ['peace'] as const,
  reference: (locale: Locale) => ['peace', 'reference', locale] as const,
  provisions: (reader: string) => ['peace', 'provisions', reader] as const,
  provision: (reader: string, id: string) => ['peace', 'provision', reader, id] as const,
  dashboard: (reader: string) => ['peace', 'dashboard', reader] as const,
  sessions: (reader: string) => ['peace', 'sessions', reader] as const,
  session: (reader: string, id: string) => ['peace', 'session', reader, id] as const,
  participation: (reader: string) => ['peace', 'participation', reader] as const,
};

export const peaceQueries = {
  /** Pillars, sub-committees, delegations, the PAM scale, named in the interface language. */
  reference: (locale: Locale) =>
    queryOptions({ queryKey: peaceKeys.reference(locale), queryFn: () => request<PeaceReference>('GET', '/api/peace/reference') }),
  provisions: (reader: string) =>
    queryOptions({
      queryKey: peaceKeys.provisions(reader),
      queryFn: () => request<{ provisions: Provision[] }>('GET', '/api/peace/provisions'),
    }),
  provision: (reader: string, id: string) =>
    queryOptions({
      queryKey: peaceKeys.provision(reader, id),
      queryFn: () => peaceApi.provision(id),
    }),
  dashboard: (reader: string) =>
    queryOptions({ queryKey: peaceKeys.dashboard(reader), queryFn: () => request<PeaceDashboard>('GET', '/api/peace/dashboard') }),
  sessions: (reader: string) =>
    queryOptions({
      queryKey: peaceKeys.sessions(reader),
      queryFn: () => request<{ sessions: CsaSession[] }>('GET', '/api/peace/sessions'),
    }),
  session: (reader: string, id: string) => queryOptions({ queryKey: peaceKeys.session(reader, id), queryFn: () => peaceApi.session(id) }),
  participation: (reader: string) =>
    queryOptions({ queryKey: peaceKeys.participation(reader), queryFn: () => request<Participation>('GET', '/api/peace/participation') }),
};

/** Writes of the peace process; each makes everything shown of it stale (lists, scores, dashboard, shares). */
export const peaceApi = {
  provision: (id: string) => request<ProvisionDetail>('GET', `/api/peace/provisions/${id}`),
  session: (id: string) => request<CsaSessionDetail>('GET', `/api/peace/sessions/${id}`),
  createProvision: (body: ProvisionInput) => written(request<ProvisionDetail>('POST', '/api/peace/provisions', body), peaceKeys.all),
  importProvisions: (csv: string) =>
    written(
      request<PeaceImportReport>('POST', '/api/peace/provisions/import', csv, {
        contentType: 'text/csv; charset=utf-8',
        answeredBy: [422],
      }),
      peaceKeys.all,
    ),
  updateProvision: (id: string, body: ProvisionUpdate) =>
    written(request<ProvisionDetail>('PATCH', `/api/peace/provisions/${id}`, body), peaceKeys.all),
  score: (id: string, body: ScoreInput) =>
    written(request<ProvisionDetail>('POST', `/api/peace/provisions/${id}/scores`, body), peaceKeys.all),
  validateScore: (id: string) => written(request<ProvisionDetail>('POST', `/api/peace/scores/${id}/validate`, {}), peaceKeys.all),
  createSession: (body: SessionInput) => written(request<CsaSessionDetail>('POST', '/api/peace/sessions', body), peaceKeys.all),
  updateSession: (id: string, body: SessionUpdate) =>
    written(request<CsaSessionDetail>('PATCH', `/api/peace/sessions/${id}`, body), peaceKeys.all),
  addDecision: (sessionId: string, body: DecisionInput) =>
    written(request<CsaSessionDetail>('POST', `/api/peace/sessions/${sessionId}/decisions`, body), peaceKeys.all),
  updateDecision: (id: string, body: { version: number; status?: string; followUp?: string | null }) =>
    written(request<CsaSessionDetail>('PATCH', `/api/peace/decisions/${id}`, body), peaceKeys.all),
};
