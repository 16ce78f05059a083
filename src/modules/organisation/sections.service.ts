import type { Classification, Locale } from '../../contracts/common.js';
import type { Contact, HistoryEntry, Section, SectionText, UpdateContactBody, UpdateTextBody } from '../../contracts/organisation.js';
import { gazetteer } from '../../data/mali/places.js';
import { type Factbook, readFactbook } from '../../data/minusma-2020/dataset.js';
import type { Db, Trx } from '../../db/database.js';
import type { AuditActor } from '../../platform/audit.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff, readHistory } from '../../platform/history.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import { searchKey, searchTerms } from '../../platform/text.js';
import { wordDiffs } from '../../platform/word-diff.js';
import { listFigures } from '../indicators/indicators.service.js';
import { insertStrengthFromFactbook } from '../strength/strength.service.js';
import { userNames } from '../users/users.service.js';
import { publishedProposalsOf } from './proposals.repository.js';
import { mayEditSection } from './sections.policy.js';
import {
  clearFactbook,
  countSections,
  findContact,
  findSection,
  findText,
  insertFactbook,
  listPartners,
  listSections,
  loadText,
  presentContact,
  replaceTextCitations,
  type SearchRow,
  searchOrganisation,
  sectionContacts,
  sectionPlaces,
  sectionTexts,
  updateContactVersioned,
  updateTextVersioned,
} from './sections.repository.js';

/**
 * Loads the MINUSMA 2020 fact book. On a database that already has sections it does nothing
 * unless `replace` is set, because replacing discards the edits made since.
 */
export async function seedFactbook(
  ctx: AppContext,
  by: AuditActor,
  options: { replace?: boolean; book?: Factbook } = {},
): Promise<boolean> {
  if (!options.replace && (await countSections(ctx.database.db)) > 0) return false;
  const book = options.book ?? readFactbook();
  return auditedTransaction(ctx, by, async (trx) => {
    const existing = await countSections(trx);
    if (existing > 0 && !options.replace) return { result: false, audit: [] };
    await clearFactbook(trx);
    await insertFactbook(trx, book, ctx.now().toISOString());
    await insertStrengthFromFactbook(trx, book, ctx.now().toISOString());
    return {
      result: true,
      audit: {
        action: 'factbook.seed',
        recordType: 'dataset',
        recordId: 'minusma-2020',
        details: { sections: book.sections.length, figures: book.figures.length, replaced: existing > 0 },
      },
    };
  });
}

export async function sectionSummaries(ctx: AppContext, actor: Actor | null) {
  const rows = await listSections(ctx.database.db, readScope(actor));
  return rows.map((row) => ({ unit: row.unit_code, title: row.title, page: row.page }));
}

/** A section with everything the actor may read in it; 404 when the section is not readable. */
export async function getSection(ctx: AppContext, actor: Actor | null, unit: string, locale: Locale): Promise<Section> {
  const db = ctx.database.db;
  const scope = readScope(actor);
  const section = await findSection(db, unit, scope);
  if (!section) throw notFound();
  const places = await sectionPlaces(db, unit);
  const known = gazetteer();
  return {
    unit: section.unit_code,
    title: section.title,
    page: section.page,
    places,
    locations: places.flatMap((name) => {
      const place = known.get(name);
      return place ? [{ name, region: place.region, cercle: place.cercle, lat: place.lat, lon: place.lon }] : [];
    }),
    texts: await sectionTexts(db, unit, scope),
    partners: await listPartners(db, unit),
    contacts: await sectionContacts(db, unit, scope),
    figures: await listFigures(ctx, actor, locale, unit),
  };
}

/** Loads a text of `unit` that the actor may read, or answers 404 as if it did not exist. */
export async function readableText(ctx: AppContext, actor: Actor | null, unit: string, id: string) {
  const row = await findText(ctx.database.db, id);
  if (
    !row ||
    row.unit_code !== unit ||
    !can(actor, 'read', { unit: row.unit_code, classification: row.classification as SectionText['classification'] })
  ) {
    throw notFound();
  }
  return row;
}

/**
 * Edits one non-public text of a section under optimistic concurrency, with history and audit.
 * A public text changes only through a published proposal (proposals.service.ts).
 */
export async function updateSectionText(
  ctx: AppContext,
  actor: Actor,
  unit: string,
  id: string,
  input: UpdateTextBody,
): Promise<SectionText> {
  const current = await readableText(ctx, actor, unit, id);
  if (!mayEditSection(actor, current.unit_code, current.classification as SectionText['classification'])) {
    throw new AppError(403, 'forbidden');
  }
  if (current.classification === 'public') throw new AppError(403, 'proposal_required');
  return auditedTransaction(ctx, actor, async (trx) => {
    const next = {
      body: input.body ?? current.body,
      heading: input.heading === undefined ? current.heading : input.heading,
      kind: input.kind ?? current.kind,
    };
    const changes = diff({ body: current.body, heading: current.heading, kind: current.kind }, next);
    const at = ctx.now().toISOString();
    const updated = await updateTextVersioned(trx, id, input.version, {
      ...next,
      search_key: searchKey(`${next.heading ?? ''} ${next.body}`),
      updated_at: at,
    });
    if (!updated) throw versionConflict();
    await replaceTextCitations(trx, id, next.body);
    await appendHistory(trx, { recordType: 'section_text', recordId: id, version: input.version + 1, actor, changes, at });
    const text = await loadText(trx, id);
    if (!text) throw notFound();
    return {
      result: text,
      audit: { action: 'section_text.update', recordType: 'section_text', recordId: id, details: { unit, fields: Object.keys(changes) } },
    };
  });
}

/** Loads a contact of `unit` that the actor may read, or answers 404 as if it did not exist. */
export async function readableContact(ctx: AppContext, actor: Actor | null, unit: string, id: string) {
  const row = await findContact(ctx.database.db, id);
  if (
    !row ||
    row.unit_code !== unit ||
    !can(actor, 'read', { unit: row.unit_code, classification: row.classification as Classification })
  ) {
    throw notFound();
  }
  return row;
}

/**
 * Edits a non-public contact of a section (number, e-mail, office, frequency…), with history and
 * audit. A public contact changes only through a published proposal (proposals.service.ts).
 */
export async function updateContact(ctx: AppContext, actor: Actor, unit: string, id: string, input: UpdateContactBody): Promise<Contact> {
  const current = await readableContact(ctx, actor, unit, id);
  if (!mayEditSection(actor, current.unit_code, current.classification as Classification)) throw new AppError(403, 'forbidden');
  if (current.classification === 'public') throw new AppError(403, 'proposal_required');
  return auditedTransaction(ctx, actor, async (trx) => {
    const next = {
      kind: input.kind ?? current.kind,
      label: input.label ?? current.label,
      value: input.value ?? current.value,
      place: input.place === undefined ? current.place : input.place,
    };
    const changes = diff({ kind: current.kind, label: current.label, value: current.value, place: current.place }, next);
    const updated = await updateContactVersioned(trx, id, input.version, {
      ...next,
      search_key: searchKey(`${next.label} ${next.value} ${next.place ?? ''}`),
    });
    if (!updated) throw versionConflict();
    const at = ctx.now().toISOString();
    await appendHistory(trx, { recordType: 'contact', recordId: id, version: input.version + 1, actor, changes, at });
    const row = await findContact(trx, id);
    if (!row) throw notFound();
    return {
      result: presentContact(row),
      audit: { action: 'contact.update', recordType: 'contact', recordId: id, details: { unit, fields: Object.keys(changes) } },
    };
  });
}

/**
 * The history of a text or contact, each change word by word, and for a change that was a
 * published proposal, who proposed it and when (the entry's author published it).
 */
async function historyWithProposals(ctx: AppContext, recordType: 'section_text' | 'contact', id: string): Promise<HistoryEntry[]> {
  const entries = await readHistory(ctx.database.db, recordType, id);
  const proposals = await publishedProposalsOf(ctx.database.db, recordType, id);
  const published = new Map(proposals.map((p) => [p.base_version + 1, p]));
  const names =
    proposals.length === 0
      ? new Map()
      : new Map(
          (
            await userNames(
              ctx,
              proposals.map((p) => p.proposed_by),
            )
          ).map((u) => [u.id, u.name]),
        );
  return entries.map((entry) => {
    const proposal = published.get(entry.version);
    return {
      ...entry,
      words: wordDiffs(entry.changes),
      ...(proposal ? { proposedBy: names.get(proposal.proposed_by) ?? proposal.proposed_by_label, proposedAt: proposal.proposed_at } : {}),
    };
  });
}

export async function contactHistory(ctx: AppContext, actor: Actor | null, unit: string, id: string) {
  await readableContact(ctx, actor, unit, id);
  return historyWithProposals(ctx, 'contact', id);
}

export async function sectionTextHistory(ctx: AppContext, actor: Actor | null, unit: string, id: string) {
  await readableText(ctx, actor, unit, id);
  return historyWithProposals(ctx, 'section_text', id);
}

const EXCERPT_LENGTH = 220;

/** Cuts a text around the first matching term, keeping the original accents. */
function excerpt(body: string, terms: readonly string[]): string {
  const key = searchKey(body);
  const at = Math.min(...terms.map((term) => key.indexOf(term)).filter((i) => i >= 0), body.length);
  // searchKey keeps one character per character for the texts Mandat holds, except œ/æ.
  const start = Math.max(0, at - 60);
  const slice = body.slice(start, start + EXCERPT_LENGTH);
  return `${start > 0 ? '…' : ''}${slice}${start + EXCERPT_LENGTH < body.length ? '…' : ''}`;
}

export async function searchMission(ctx: AppContext, actor: Actor | null, query: string, limit: number) {
  const terms = searchTerms(query);
  if (terms.length === 0) return { hits: [] };
  const rows: SearchRow[] = await searchOrganisation(ctx.database.db, readScope(actor), terms, limit);
  return { hits: rows.map((row) => ({ type: row.type, id: row.id, unit: row.unit, title: row.title, excerpt: excerpt(row.body, terms) })) };
}

/** The partner registry by id (its names), for the modules that name partners, such as projects. */
export async function partnerDirectory(db: Db | Trx): Promise<Map<string, { id: string; name: string; abbreviation: string | null }>> {
  const partners = await listPartners(db);
  return new Map(partners.map((p) => [p.id, { id: p.id, name: p.name, abbreviation: p.abbreviation }]));
}
