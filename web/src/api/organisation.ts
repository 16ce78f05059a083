import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Locale } from '../../../src/contracts/common.js';
import type {
  contactSchema,
  figureSchema,
  historySchema,
  partnerSchema,
  pendingProposalsSchema,
  proposalSchema,
  searchResultSchema,
  sectionProposalsSchema,
  sectionSchema,
  sectionTextSchema,
  UpdateContactBody,
  UpdateFigureBody,
  UpdateTextBody,
} from '../../../src/contracts/organisation.js';
import type { CreateUnitBody, UpdateUnitBody, unitListSchema } from '../../../src/contracts/units.js';
import type { MISSION_OVERVIEW } from '../../../src/data/mission.js';
import { useLocale } from '../i18n.js';
import { queryString, request } from './client.js';
import { type Query, useLoaded, written } from './queries.js';

export type Unit = z.output<typeof unitListSchema>['units'][number];
export type Section = z.output<typeof sectionSchema>;
export type SectionText = z.output<typeof sectionTextSchema>;
export type Contact = z.output<typeof contactSchema>;
export type Figure = z.output<typeof figureSchema>;
export type Partner = z.output<typeof partnerSchema>;
export type TextHistory = z.output<typeof historySchema>;
export type HistoryEntry = TextHistory['entries'][number];
export type SearchResult = z.output<typeof searchResultSchema>;
export type Proposal = z.output<typeof proposalSchema>;
export type SectionProposals = z.output<typeof sectionProposalsSchema>;
export type PendingProposals = z.output<typeof pendingProposalsSchema>;
export type WordDiffPart = NonNullable<HistoryEntry['words']>[string][number];
export type SearchHit = SearchResult['hits'][number];
/** `GET /api/mission`: the shipped overview with the units (its schema lives in the route). */
export type Mission = typeof MISSION_OVERVIEW & { units: Unit[] };
/** An entry of `GET /api/sections` (its schema lives in the route): a section without its content. */
export type SectionSummary = Pick<Section, 'unit' | 'title' | 'page'>;
export interface SearchLookup {
  sections: Map<string, SectionSummary>;
  partners: Map<string, Partner>;
}

const sectionPath = (unit: string) => `/api/sections/${encodeURIComponent(unit)}`;
const textPath = (unit: string, id: string) => `${sectionPath(unit)}/texts/${encodeURIComponent(id)}`;
const contactPath = (unit: string, id: string) => `${sectionPath(unit)}/contacts/${encodeURIComponent(id)}`;
const figurePath = (key: string) => `/api/figures/${encodeURIComponent(key)}`;
const proposalPath = (unit: string, id: string) => `${sectionPath(unit)}/proposals/${encodeURIComponent(id)}`;

/** Query keys of the mission's units, the fact book's sections and figures, and search. */
export const organisationKeys = {
  all: ['organisation'] as const,
  units: () => ['organisation', 'units'] as const,
  mission: () => ['organisation', 'mission'] as const,
  sections: (locale: Locale) => ['organisation', 'sections', locale] as const,
  allSections: (locale: Locale) => ['organisation', 'sections', locale, 'content'] as const,
  section: (unit: string, locale: Locale) => ['organisation', 'section', unit, locale] as const,
  textHistory: (unit: string, id: string, version: number) => ['organisation', 'history', 'text', unit, id, version] as const,
  contactHistory: (unit: string, id: string, version: number) => ['organisation', 'history', 'contact', unit, id, version] as const,
  figureHistory: (key: string, version: number) => ['organisation', 'history', 'figure', key, version] as const,
  figures: (unit: string | undefined, locale: Locale) => ['organisation', 'figures', unit ?? null, locale] as const,
  search: (q: string, locale: Locale) => ['organisation', 'search', q, locale] as const,
  sectionProposals: (unit: string) => ['organisation', 'proposals', unit] as const,
  pendingProposals: () => ['organisation', 'proposals', 'pending'] as const,
  searchLookup: (locale: Locale) => ['organisation', 'search-lookup', locale] as const,
};

export const organisationQueries = {
  /**
   * Units change rarely (an administrator creates, renames, places or closes one): read again
   * after a few minutes, and at once after this app changes one.
   */
  units: () =>
    queryOptions({
      queryKey: organisationKeys.units(),
      queryFn: async () => (await request<z.output<typeof unitListSchema>>('GET', '/api/units')).units,
      staleTime: 5 * 60_000,
    }),
  mission: () => queryOptions({ queryKey: organisationKeys.mission(), queryFn: () => request<Mission>('GET', '/api/mission') }),
  sections: (locale: Locale) =>
    queryOptions({
      queryKey: organisationKeys.sections(locale),
      queryFn: () => request<{ sections: SectionSummary[] }>('GET', '/api/sections'),
    }),
  section: (unit: string, locale: Locale) =>
    queryOptions({ queryKey: organisationKeys.section(unit, locale), queryFn: () => request<Section>('GET', sectionPath(unit)) }),
  /** Every section in the fact book's order, for the whole fiche. */
  allSections: (locale: Locale) =>
    queryOptions({
      queryKey: organisationKeys.allSections(locale),
      queryFn: async () => {
        const { sections } = await request<{ sections: SectionSummary[] }>('GET', '/api/sections');
        return Promise.all(sections.map((summary) => request<Section>('GET', sectionPath(summary.unit))));
      },
    }),
  textHistory: (unit: string, id: string, version: number) =>
    queryOptions({
      queryKey: organisationKeys.textHistory(unit, id, version),
      queryFn: () => request<TextHistory>('GET', `${textPath(unit, id)}/history`),
    }),
  contactHistory: (unit: string, id: string, version: number) =>
    queryOptions({
      queryKey: organisationKeys.contactHistory(unit, id, version),
      queryFn: () => request<TextHistory>('GET', `${contactPath(unit, id)}/history`),
    }),
  figureHistory: (key: string, version: number) =>
    queryOptions({
      queryKey: organisationKeys.figureHistory(key, version),
      queryFn: () => request<TextHistory>('GET', `${figurePath(key)}/history`),
    }),
  /** The figures, labelled in `locale` (not necessarily the interface's: a figure's other label). */
  figures: (unit: string | undefined, locale: Locale) =>
    queryOptions({
      queryKey: organisationKeys.figures(unit, locale),
      queryFn: () => request<{ figures: Figure[] }>('GET', `/api/figures${queryString({ unit })}`, undefined, { locale }),
    }),
  /** Sections and partners by code, to name what search hits belong to. */
  searchLookup: (locale: Locale) =>
    queryOptions({
      queryKey: organisationKeys.searchLookup(locale),
      queryFn: async (): Promise<SearchLookup> => {
        const [{ sections }, { partners }] = await Promise.all([
          request<{ sections: SectionSummary[] }>('GET', '/api/sections'),
          request<{ partners: Partner[] }>('GET', '/api/partners'),
        ]);
        return {
          sections: new Map(sections.map((section) => [section.unit, section])),
          partners: new Map(partners.map((partner) => [partner.id, partner])),
        };
      },
    }),
  /** The section's pending proposals the reader may see, and whether they may propose or review. */
  sectionProposals: (unit: string) =>
    queryOptions({
      queryKey: organisationKeys.sectionProposals(unit),
      queryFn: () => request<SectionProposals>('GET', `${sectionPath(unit)}/proposals`),
    }),
  /** Pending proposals in every section the reader may see them, and how many await their review. */
  pendingProposals: () =>
    queryOptions({ queryKey: organisationKeys.pendingProposals(), queryFn: () => request<PendingProposals>('GET', '/api/proposals') }),
  search: (q: string, locale: Locale, limit = 30) =>
    queryOptions({
      queryKey: organisationKeys.search(q, locale),
      queryFn: () => request<SearchResult>('GET', `/api/search${queryString({ q, limit })}`),
    }),
};

/** The mission's units, open and closed. */
export function useUnits(): Query<Unit[]> {
  return useLoaded(organisationQueries.units());
}

const unitPath = (code: string) => `/api/units/${encodeURIComponent(code)}`;

/** Administrators' changes to units; the units and the mission are read again. */
export const unitApi = {
  create: (body: CreateUnitBody) => written(request<Unit>('POST', '/api/units', body), organisationKeys.all),
  update: (code: string, body: UpdateUnitBody) => written(request<Unit>('PATCH', unitPath(code), body), organisationKeys.all),
  setClosed: (code: string, version: number, closed: boolean) =>
    written(request<Unit>('POST', `${unitPath(code)}/${closed ? 'close' : 'reopen'}`, { version }), organisationKeys.all),
};

/** The current interface language's section, and the units it names. */
export function useSection(unit: string): Query<Section> {
  return useLoaded(organisationQueries.section(unit, useLocale()));
}

/** Edits of the fact book. Each answers with the item as saved; sections, search and figures are read again. */
export const organisationApi = {
  updateText: (unit: string, id: string, body: UpdateTextBody) =>
    written(request<SectionText>('PATCH', textPath(unit, id), body), organisationKeys.all),
  updateContact: (unit: string, id: string, body: UpdateContactBody) =>
    written(request<Contact>('PATCH', contactPath(unit, id), body), organisationKeys.all),
  updateFigure: (key: string, body: UpdateFigureBody) => written(request<Figure>('PATCH', figurePath(key), body), organisationKeys.all),
  /** Proposes a change to a public text or contact: nothing public changes until a manager publishes it. */
  proposeText: (unit: string, id: string, body: UpdateTextBody) =>
    written(request<Proposal>('POST', `${textPath(unit, id)}/proposals`, body), organisationKeys.all),
  proposeContact: (unit: string, id: string, body: UpdateContactBody) =>
    written(request<Proposal>('POST', `${contactPath(unit, id)}/proposals`, body), organisationKeys.all),
  publishProposal: (unit: string, id: string) =>
    written(request<Proposal>('POST', `${proposalPath(unit, id)}/publish`, {}), organisationKeys.all),
  rejectProposal: (unit: string, id: string, reason: string) =>
    written(request<Proposal>('POST', `${proposalPath(unit, id)}/reject`, { reason }), organisationKeys.all),
  withdrawProposal: (unit: string, id: string) =>
    written(request<Proposal>('POST', `${proposalPath(unit, id)}/withdraw`, {}), organisationKeys.all),
};

/** The fact sheet as a PDF, in the interface language; one section or the whole mission. */
export function factsheetPdfUrl(locale: Locale, unit?: string): string {
  return `/api/factsheet.pdf${queryString({ lang: locale, section: unit })}`;
}
