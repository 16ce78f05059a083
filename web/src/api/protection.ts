import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  actInputSchema,
  caseCreateSchema,
  caseInputSchema,
  caseListQuerySchema,
  casePageSchema,
  caseTransitionSchema,
  consentInputSchema,
  duplicateCheckSchema,
  identitySchema,
  ProtectionCase,
  ProtectionVocabulary,
  personInputSchema,
  serviceInputSchema,
  serviceUpdateSchema,
  shareInputSchema,
  teamCandidatesSchema,
  verificationInputSchema,
} from '../../../src/contracts/protection.js';
import { useLocale } from '../i18n.js';
import { queryString, request } from './client.js';
import { type AttachmentUpload, attachTo } from './files.js';
import { markStale, type Query, useLoaded } from './queries.js';

export type { ProtectionVocabulary };
export type ProtectionCasePage = z.output<typeof casePageSchema>;
export type ProtectionCaseSummary = ProtectionCasePage['items'][number];
/** The list's filter (the page's size and offset are the list's own). */
export type ProtectionCaseFilter = Omit<z.input<typeof caseListQuerySchema>, 'limit' | 'offset'>;
export type ProtectionCaseCreate = z.input<typeof caseCreateSchema>;
export type ProtectionCaseInput = z.input<typeof caseInputSchema>;
export type ProtectionPersonInput = z.input<typeof personInputSchema>;
export type ProtectionPerson = ProtectionCase['persons'][number];
export type ProtectionIdentity = z.output<typeof identitySchema>;
export type ProtectionActInput = z.input<typeof actInputSchema>;
export type ProtectionAct = ProtectionCase['acts'][number];
export type ProtectionVerificationInput = z.input<typeof verificationInputSchema>;
export type ProtectionConsentInput = z.input<typeof consentInputSchema>;
export type ProtectionServiceInput = z.input<typeof serviceInputSchema>;
export type ProtectionServiceUpdate = z.input<typeof serviceUpdateSchema>;
export type ProtectionShareInput = z.input<typeof shareInputSchema>;
export type ProtectionTransition = z.input<typeof caseTransitionSchema>;
export type TeamCandidate = z.output<typeof teamCandidatesSchema>['candidates'][number];
/** A code with its label in the interface language. */
export type ProtectionTerm = ProtectionVocabulary['humanRightsViolations'][number];

const PAGE_SIZE = 50;

export const casePath = (ref: string) => `/api/protection/cases/${encodeURIComponent(ref)}`;
const personPath = (ref: string, pseudonym: string) => `${casePath(ref)}/persons/${encodeURIComponent(pseudonym)}`;

/**
 * Query keys of protection and accountability: cases, hotline calls and statistics all live under
 * `protection`, and any change to a case or a call makes all of them stale.
 */
export const protectionKeys = {
  all: ['protection'] as const,
  vocabulary: (locale: Locale) => ['protection', 'vocabulary', locale] as const,
  cases: (filter: ProtectionCaseFilter) => ['protection', 'cases', filter] as const,
  case: (ref: string) => ['protection', 'case', ref] as const,
  teamCandidates: (ref: string) => ['protection', 'case', ref, 'team-candidates'] as const,
};

export const protectionQueries = {
  /** The module's lists, labelled in the interface language. */
  vocabulary: (locale: Locale) =>
    queryOptions({
      queryKey: protectionKeys.vocabulary(locale),
      queryFn: () => request<ProtectionVocabulary>('GET', '/api/protection/vocabulary'),
      staleTime: 5 * 60_000,
    }),
  /** The cases the requester may read, page after page (an offset into the filtered list). */
  cases: (filter: ProtectionCaseFilter) =>
    infiniteQueryOptions({
      queryKey: protectionKeys.cases(filter),
      queryFn: ({ pageParam }) =>
        request<ProtectionCasePage>('GET', `/api/protection/cases${queryString({ ...filter, limit: PAGE_SIZE, offset: pageParam })}`),
      initialPageParam: 0,
      getNextPageParam: (last: ProtectionCasePage, pages: ProtectionCasePage[]) => {
        const read = pages.reduce((sum, page) => sum + page.items.length, 0);
        return read < last.total && last.items.length > 0 ? read : undefined;
      },
      // A new filter starts again from its first page rather than showing the previous filter's list.
      placeholderData: undefined,
    }),
  /** A case the requester may not read answers 404, exactly like one that does not exist. */
  case: (ref: string) => queryOptions({ queryKey: protectionKeys.case(ref), queryFn: () => protectionApi.get(ref) }),
  /** Who a unit manager may put on the case team: the unit's active officers and managers. */
  teamCandidates: (ref: string) =>
    queryOptions({
      queryKey: protectionKeys.teamCandidates(ref),
      queryFn: () => request<z.output<typeof teamCandidatesSchema>>('GET', `${casePath(ref)}/team/candidates`),
    }),
};

/** The protection vocabulary in the interface language. */
export function useProtectionVocabulary(): Query<ProtectionVocabulary> {
  return useLoaded(protectionQueries.vocabulary(useLocale()));
}

/**
 * A write to a case: it answers with the case as it now is, which its page shows. Lists, calls
 * and counts (and the case itself, elsewhere) are read again when next shown.
 */
async function changing<T>(write: Promise<T>): Promise<T> {
  const answer = await write;
  markStale(protectionKeys.all);
  return answer;
}

/** Confidential protection cases. Every write returns the case as it now is. */
export const protectionApi = {
  /** The case as it is now, read past any cache. */
  get: (ref: string) => request<ProtectionCase>('GET', casePath(ref)),
  create: (body: ProtectionCaseCreate) => changing(request<ProtectionCase>('POST', '/api/protection/cases', body)),
  /** The case's facts; a stale `version` is refused with 409 `version_conflict`, never overwritten. */
  update: (ref: string, version: number, body: ProtectionCaseInput) =>
    changing(request<ProtectionCase>('PUT', casePath(ref), { version, case: body })),
  /** A workflow move; a stale `version` is refused with 409 `version_conflict`. */
  transition: (ref: string, body: ProtectionTransition) => changing(request<ProtectionCase>('POST', `${casePath(ref)}/transition`, body)),
  assignTeam: (ref: string, members: readonly string[]) => changing(request<ProtectionCase>('PUT', `${casePath(ref)}/team`, { members })),
  /** The new person's pseudonym, and the other readable cases that hold the same name. */
  addPerson: (ref: string, body: ProtectionPersonInput) =>
    changing(request<{ pseudonym: string } & z.output<typeof duplicateCheckSchema>>('POST', `${casePath(ref)}/persons`, body)),
  /** The identity behind a pseudonym; the server records the reason in the audit log. */
  reveal: (ref: string, pseudonym: string, reason: string) =>
    request<ProtectionIdentity>('POST', `${personPath(ref, pseudonym)}/reveal`, { reason }),
  recordConsent: (ref: string, pseudonym: string, body: ProtectionConsentInput) =>
    changing(request<ProtectionCase>('POST', `${personPath(ref, pseudonym)}/consents`, body)),
  withdrawConsent: (ref: string, id: string, withdrawnOn: string) =>
    changing(request<ProtectionCase>('POST', `${casePath(ref)}/consents/${encodeURIComponent(id)}/withdraw`, { withdrawnOn })),
  addAct: (ref: string, body: ProtectionActInput) => changing(request<ProtectionCase>('POST', `${casePath(ref)}/acts`, body)),
  verifyAct: (ref: string, id: string, body: ProtectionVerificationInput) =>
    changing(request<ProtectionCase>('POST', `${casePath(ref)}/acts/${encodeURIComponent(id)}/verification`, body)),
  /** Refused with 422 `consent_missing_referral` unless the person's consent to referral stands. */
  refer: (ref: string, body: ProtectionServiceInput) => changing(request<ProtectionCase>('POST', `${casePath(ref)}/services`, body)),
  updateService: (ref: string, id: string, body: ProtectionServiceUpdate) =>
    changing(request<ProtectionCase>('POST', `${casePath(ref)}/services/${encodeURIComponent(id)}`, body)),
  /** Refused with 422 `consent_missing_share` unless each person consented to sharing with this partner. */
  share: (ref: string, body: ProtectionShareInput) => changing(request<ProtectionCase>('POST', `${casePath(ref)}/shares`, body)),
};

/** Attaches a photo or PDF to a protection case: its name and content are sealed at rest. */
export function attachToCase(ref: string): AttachmentUpload {
  return attachTo(casePath(ref), protectionKeys.all);
}
