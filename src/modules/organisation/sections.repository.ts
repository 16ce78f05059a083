import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Classification } from '../../contracts/common.js';
import type { Contact, Partner, SectionText } from '../../contracts/organisation.js';
import type { Factbook } from '../../data/minusma-2020/dataset.js';
import type { Db, Trx } from '../../db/database.js';
import { readableBy } from '../../db/helpers/readable.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { ContactTable, SectionTextTable } from '../../db/schema.js';
import type { ReadScope } from '../../platform/policy.js';
import { searchKey } from '../../platform/text.js';

type Executor = Db | Trx;

/** Resolutions cited in a text, e.g. "2531 (2020)" or "résolution 2295". */
export function citedResolutions(text: string, known: ReadonlySet<number>): number[] {
  const found = new Set<number>();
  for (const match of text.matchAll(/\b(\d{4})\s*\((\d{4})\)|[Rr]ésolutions?\s+(\d{4})/g)) {
    const number = Number(match[1] ?? match[3]);
    if (known.has(number)) found.add(number);
  }
  return [...found].sort();
}

export async function countSections(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('sections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Removes the fact-book content (not the units, not the history), and the proposals made on it.
 * Partners stay: other records name them (a project's partners), and a reload finds them again by
 * name (`insertFactbook`); only their links to units go.
 */
export async function clearFactbook(db: Executor): Promise<void> {
  for (const table of [
    'section_proposals',
    'text_resolutions',
    'section_texts',
    'unit_partners',
    'contacts',
    'section_places',
    'figures',
    'sections',
    'resolutions',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
}

type BookSection = Factbook['sections'][number];

/** A unit's pages in one section (the mission has the cover page and the back cover). */
function mergeByUnit(sections: readonly BookSection[]): BookSection[] {
  const merged = new Map<string, BookSection>();
  for (const section of sections) {
    const seen = merged.get(section.unit);
    if (!seen) merged.set(section.unit, { ...section, texts: [...section.texts], places: [...section.places] });
    else {
      seen.texts.push(...section.texts);
      seen.places.push(...section.places);
    }
  }
  return [...merged.values()];
}

/** Inserts the whole fact book; every record is `public` (the fact book is a published document). */
export async function insertFactbook(db: Executor, book: Factbook, now: string): Promise<void> {
  const classification: Classification = 'public';
  const known = new Set(book.resolutions.map((r) => r.number));
  if (book.resolutions.length > 0)
    await db
      .insertInto('resolutions')
      .values(book.resolutions.map(({ number, year }) => ({ number, year })))
      .execute();
  for (const section of mergeByUnit(book.sections)) {
    await db.insertInto('sections').values({ unit_code: section.unit, title: section.title, page: section.page, classification }).execute();
    const texts = section.texts.map((text, index) => ({
      id: randomUUID(),
      unit_code: section.unit,
      kind: text.kind,
      heading: text.heading,
      subheading: text.subheading ?? null,
      bullet: text.bullet ? 1 : 0,
      body: text.text,
      search_key: searchKey(`${text.heading ?? ''} ${text.subheading ?? ''} ${text.text}`),
      sort_order: index,
      classification,
      created_at: now,
      updated_at: now,
      version: 1,
    }));
    if (texts.length > 0) await db.insertInto('section_texts').values(texts).execute();
    const citations = texts.flatMap((t) => citedResolutions(t.body, known).map((resolution) => ({ text_id: t.id, resolution })));
    if (citations.length > 0) await db.insertInto('text_resolutions').values(citations).execute();
    const places = [...new Set(section.places)].map((place) => ({ unit_code: section.unit, place }));
    if (places.length > 0) await db.insertInto('section_places').values(places).execute();
  }
  // A partner already known (same name, abbreviation and kind) keeps its id, so a reload leaves the records that name it whole.
  const partnerKey = (p: { name: string; abbreviation: string | null; kind: string }) =>
    `${p.name}\u0000${p.abbreviation ?? ''}\u0000${p.kind}`;
  const knownPartners = new Map(
    (await db.selectFrom('partners').select(['id', 'name', 'abbreviation', 'kind']).execute()).map((p) => [partnerKey(p), p.id]),
  );
  for (const partner of book.partners) {
    const values = {
      name: partner.name,
      abbreviation: partner.abbreviation,
      kind: partner.kind,
      country: partner.country ?? null,
      search_key: searchKey(`${partner.name} ${partner.abbreviation ?? ''}`),
    };
    const existing = knownPartners.get(partnerKey(partner));
    const id = existing ?? randomUUID();
    if (existing) {
      await db.updateTable('partners').set(values).where('id', '=', id).execute();
      knownPartners.delete(partnerKey(partner));
    } else
      await db
        .insertInto('partners')
        .values({ id, ...values })
        .execute();
    const units = [...new Set(partner.units)].map((unit_code) => ({ unit_code, partner_id: id }));
    if (units.length > 0) await db.insertInto('unit_partners').values(units).execute();
  }
  const contacts = book.contacts.map((contact, index) => ({
    id: randomUUID(),
    unit_code: contact.unit,
    kind: contact.kind,
    label: contact.label,
    value: contact.value,
    place: contact.place ?? contact.places?.join(', ') ?? null,
    free: contact.free ? 1 : 0,
    classification,
    search_key: searchKey(`${contact.label} ${contact.value} ${contact.place ?? ''} ${contact.places?.join(' ') ?? ''}`),
    sort_order: index,
  }));
  if (contacts.length > 0) await db.insertInto('contacts').values(contacts).execute();
  const figures = book.figures.map((figure, index) => ({
    key: figure.key,
    unit_code: figure.unit,
    label_fr: figure.label.fr,
    label_en: figure.label.en,
    value: figure.value,
    qualifier: figure.qualifier ?? null,
    measure: figure.measure,
    period: figure.period,
    scope: JSON.stringify(figure.scope),
    page: figure.page,
    quote: figure.quote,
    classification,
    sort_order: index,
  }));
  // Large inserts are chunked: PostgreSQL caps bound parameters per statement.
  for (let i = 0; i < figures.length; i += 200)
    await db
      .insertInto('figures')
      .values(figures.slice(i, i + 200))
      .execute();
}

export async function listSections(db: Executor, scope: ReadScope) {
  return db
    .selectFrom('sections')
    .innerJoin('units', 'units.code', 'sections.unit_code')
    .select(['sections.unit_code', 'sections.title', 'sections.page', 'units.sort_order'])
    .where(readableBy(scope, 'sections'))
    .orderBy('sections.page')
    .orderBy('units.sort_order')
    .execute();
}

export async function findSection(db: Executor, unit: string, scope: ReadScope) {
  return db.selectFrom('sections').selectAll().where('unit_code', '=', unit).where(readableBy(scope, 'sections')).executeTakeFirst();
}

function presentText(row: SectionTextTable, resolutions: number[]): SectionText {
  return {
    id: row.id,
    unit: row.unit_code,
    kind: row.kind as SectionText['kind'],
    heading: row.heading,
    subheading: row.subheading,
    bullet: row.bullet === 1,
    body: row.body,
    classification: row.classification as Classification,
    resolutions,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function sectionTexts(db: Executor, unit: string, scope: ReadScope): Promise<SectionText[]> {
  const rows = await db
    .selectFrom('section_texts')
    .selectAll()
    .where('unit_code', '=', unit)
    .where(readableBy(scope, 'section_texts'))
    .orderBy('sort_order')
    .execute();
  if (rows.length === 0) return [];
  const citations = await db
    .selectFrom('text_resolutions')
    .select(['text_id', 'resolution'])
    .where(
      'text_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byText = new Map<string, number[]>();
  for (const c of citations) byText.set(c.text_id, [...(byText.get(c.text_id) ?? []), c.resolution]);
  return rows.map((row) => presentText(row, (byText.get(row.id) ?? []).sort()));
}

export async function findText(db: Executor, id: string): Promise<SectionTextTable | undefined> {
  return db.selectFrom('section_texts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loadText(db: Executor, id: string): Promise<SectionText | undefined> {
  const row = await findText(db, id);
  if (!row) return undefined;
  const known = new Set((await db.selectFrom('resolutions').select('number').execute()).map((r) => r.number));
  return presentText(row, citedResolutions(row.body, known));
}

/** Applies changes when `version` still matches; returns false on a stale version. */
export async function updateTextVersioned(
  db: Executor,
  id: string,
  version: number,
  changes: Pick<SectionTextTable, 'body' | 'heading' | 'kind' | 'search_key' | 'updated_at'>,
): Promise<boolean> {
  return updateIfVersion(db, 'section_texts', id, version, changes);
}

/** Re-derives the resolutions a text cites after an edit. */
export async function replaceTextCitations(db: Executor, id: string, body: string): Promise<void> {
  const known = new Set((await db.selectFrom('resolutions').select('number').execute()).map((r) => r.number));
  await db.deleteFrom('text_resolutions').where('text_id', '=', id).execute();
  const rows = citedResolutions(body, known).map((resolution) => ({ text_id: id, resolution }));
  if (rows.length > 0) await db.insertInto('text_resolutions').values(rows).execute();
}

export async function sectionPlaces(db: Executor, unit: string): Promise<string[]> {
  const rows = await db.selectFrom('section_places').select('place').where('unit_code', '=', unit).orderBy('place').execute();
  return rows.map((r) => r.place);
}

export async function sectionContacts(db: Executor, unit: string, scope: ReadScope): Promise<Contact[]> {
  const rows = await db
    .selectFrom('contacts')
    .selectAll()
    .where('unit_code', '=', unit)
    .where(readableBy(scope, 'contacts'))
    .orderBy('sort_order')
    .execute();
  return rows.map(presentContact);
}

export function presentContact(row: Selectable<ContactTable>): Contact {
  return {
    id: row.id,
    unit: row.unit_code,
    kind: row.kind as Contact['kind'],
    label: row.label,
    value: row.value,
    place: row.place,
    free: row.free === 1,
    classification: row.classification as Classification,
    version: row.version,
  };
}

export async function findContact(db: Executor, id: string) {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Applies changes when `version` still matches; returns false on a stale version. */
export async function updateContactVersioned(
  db: Executor,
  id: string,
  version: number,
  changes: Pick<ContactTable, 'kind' | 'label' | 'value' | 'place' | 'search_key'>,
): Promise<boolean> {
  return updateIfVersion(db, 'contacts', id, version, changes);
}

export async function listPartners(db: Executor, unit?: string): Promise<Partner[]> {
  let query = db.selectFrom('partners').selectAll().orderBy('name');
  if (unit) query = query.where('id', 'in', db.selectFrom('unit_partners').select('partner_id').where('unit_code', '=', unit));
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('unit_partners')
    .select(['unit_code', 'partner_id'])
    .where(
      'partner_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('unit_code')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    abbreviation: row.abbreviation,
    kind: row.kind as Partner['kind'],
    country: row.country,
    units: links.filter((l) => l.partner_id === row.id).map((l) => l.unit_code),
  }));
}

export async function listResolutions(db: Executor) {
  return db.selectFrom('resolutions').selectAll().orderBy('number').execute();
}

export interface SearchRow {
  type: 'text' | 'partner' | 'contact';
  id: string;
  unit: string | null;
  title: string;
  body: string;
}

/**
 * Texts, partners and contacts whose search key contains every term. The keys are stored
 * accent- and case-folded, so the same LIKE works on both databases.
 */
export async function searchOrganisation(db: Executor, scope: ReadScope, terms: readonly string[], limit: number): Promise<SearchRow[]> {
  const patterns = terms.map((term) => `%${term}%`);
  let texts = db
    .selectFrom('section_texts')
    .innerJoin('sections', 'sections.unit_code', 'section_texts.unit_code')
    .select(['section_texts.id', 'section_texts.unit_code', 'section_texts.body', 'section_texts.heading', 'sections.title'])
    .where(readableBy(scope, 'section_texts'))
    .orderBy('sections.page')
    .orderBy('section_texts.sort_order')
    .limit(limit);
  let partners = db.selectFrom('partners').selectAll().orderBy('name').limit(limit);
  let contacts = db.selectFrom('contacts').selectAll().where(readableBy(scope, 'contacts')).orderBy('sort_order').limit(limit);
  for (const pattern of patterns) {
    texts = texts.where('section_texts.search_key', 'like', pattern);
    partners = partners.where('search_key', 'like', pattern);
    contacts = contacts.where('search_key', 'like', pattern);
  }
  const [textRows, partnerRows, contactRows] = [await texts.execute(), await partners.execute(), await contacts.execute()];
  return [
    ...partnerRows.map((p) => ({
      type: 'partner' as const,
      id: p.id,
      unit: null,
      title: p.abbreviation ? `${p.name} (${p.abbreviation})` : p.name,
      body: p.kind,
    })),
    ...contactRows.map((c) => ({
      type: 'contact' as const,
      id: c.id,
      unit: c.unit_code,
      title: c.label,
      body: `${c.value}${c.place ? ` — ${c.place}` : ''}`,
    })),
    ...textRows.map((t) => ({
      type: 'text' as const,
      id: t.id,
      unit: t.unit_code,
      title: t.heading ? `${t.title} — ${t.heading}` : t.title,
      body: t.body,
    })),
  ].slice(0, limit);
}
