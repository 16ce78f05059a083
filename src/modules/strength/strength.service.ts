import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import {
  CATEGORY_OWNER,
  type ImportReport,
  type StrengthCategory,
  type StrengthSnapshot,
  type strengthSnapshotInputSchema,
} from '../../contracts/strength.js';
import type { Factbook } from '../../data/minusma-2020/dataset.js';
import { countries } from '../../data/vocab/countries.js';
import type { Trx } from '../../db/database.js';
import type { StrengthSnapshotTable } from '../../db/schema.js';
import { t } from '../../i18n/index.js';
import type { AuditActor } from '../../platform/audit.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { appendHistory, diff, readHistory } from '../../platform/history.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import type { Submission } from '../../platform/submissions.js';
import { round } from '../indicators/indicators.service.js';
import { parseStrengthCsv, type RowError } from './strength.csv.js';
import { mayRecordStrength } from './strength.policy.js';
import {
  deleteFromSource,
  findByKey,
  findSnapshot,
  insertContributors,
  insertSnapshot,
  listContributorRows,
  listSnapshots,
  presentSnapshot,
  type SnapshotKey,
  updateSnapshot,
} from './strength.repository.js';

type SnapshotInput = ReturnType<typeof strengthSnapshotInputSchema.parse>;

function keyOf(input: SnapshotInput): SnapshotKey {
  return { as_of: input.asOf, category: input.category, country: input.country ?? '', sex: input.sex, location: input.location ?? '' };
}

/**
 * Inserts or, when the same date/category/country/sex/location exists, replaces the counts and
 * records what changed in the snapshot's history.
 */
async function upsert(trx: Trx, by: AuditActor, input: SnapshotInput, now: string): Promise<'created' | 'updated'> {
  const key = keyOf(input);
  const existing = await findByKey(trx, key);
  if (existing) {
    const next = { authorised: input.authorised, deployed: input.deployed, classification: input.classification, source: input.source };
    const before = {
      authorised: existing.authorised,
      deployed: existing.deployed,
      classification: existing.classification,
      source: existing.source,
    };
    const changes = diff(before, next);
    if (Object.keys(changes).length === 0) return 'updated';
    await updateSnapshot(trx, existing.id, { ...next, updated_at: now });
    await appendHistory(trx, {
      recordType: 'strength_snapshot',
      recordId: existing.id,
      version: existing.version + 1,
      actor: by,
      changes,
      at: now,
    });
    return 'updated';
  }
  await insertSnapshot(trx, {
    id: randomUUID(),
    ...key,
    authorised: input.authorised,
    deployed: input.deployed,
    unit_code: CATEGORY_OWNER[input.category],
    classification: input.classification,
    source: input.source,
    created_at: now,
    updated_at: now,
    version: 1,
  });
  return 'created';
}

function mayRecord(actor: Actor, input: SnapshotInput): boolean {
  return mayRecordStrength(actor, input.category);
}

/** The entry form: one snapshot; an existing one for the same key is a 409, not an overwrite. */
export async function recordSnapshot(
  ctx: AppContext,
  actor: Actor,
  input: SnapshotInput,
  submission?: Submission,
): Promise<StrengthSnapshot> {
  if (!mayRecord(actor, input)) throw new AppError(403, 'forbidden');
  if (input.authorised === null && input.deployed === null) throw new AppError(400, 'strength_empty');
  return auditedTransaction(
    ctx,
    actor,
    async (trx) => {
      if (await findByKey(trx, keyOf(input))) throw new AppError(409, 'strength_exists');
      await upsert(trx, actor, input, ctx.now().toISOString());
      const row = await findByKey(trx, keyOf(input));
      if (!row) throw new AppError(500, 'internal');
      return {
        result: presentSnapshot(row),
        audit: {
          action: 'strength.create',
          recordType: 'strength_snapshot',
          recordId: row.id,
          details: { category: input.category, asOf: input.asOf },
        },
      };
    },
    submission,
  );
}

/**
 * CSV import. In `all` mode a file with any error imports nothing; in `valid` mode the valid rows
 * are imported and the others reported. Either way the import is one transaction.
 */
export async function importStrengthCsv(
  ctx: AppContext,
  actor: Actor,
  csv: string,
  mode: 'all' | 'valid',
  locale: Locale,
): Promise<ImportReport> {
  const { rows, errors } = parseStrengthCsv(csv, locale);
  const rowErrors: RowError[] = [...errors];
  const seen = new Map<string, number>();
  const accepted = rows.filter(({ line, input }) => {
    if (!mayRecord(actor, input)) {
      rowErrors.push({ line, column: 'category', message: t(locale, 'strength.not_your_unit', { unit: CATEGORY_OWNER[input.category] }) });
      return false;
    }
    if (input.authorised === null && input.deployed === null) {
      rowErrors.push({ line, column: null, message: t(locale, 'errors.strength_empty') });
      return false;
    }
    const key = JSON.stringify(keyOf(input));
    const first = seen.get(key);
    if (first !== undefined) {
      rowErrors.push({ line, column: null, message: t(locale, 'strength.duplicate_row', { line: first }) });
      return false;
    }
    seen.set(key, line);
    return true;
  });
  rowErrors.sort((a, b) => a.line - b.line);
  const total = rows.length + new Set(errors.map((e) => e.line)).size;
  if (rowErrors.length > 0 && mode === 'all') return { imported: 0, created: 0, updated: 0, rows: total, errors: rowErrors };
  const counts = await auditedTransaction(ctx, actor, async (trx) => {
    const now = ctx.now().toISOString();
    let created = 0;
    let updated = 0;
    for (const { input } of accepted) {
      if ((await upsert(trx, actor, input, now)) === 'created') created += 1;
      else updated += 1;
    }
    return {
      result: { created, updated },
      audit: {
        action: 'strength.import',
        recordType: 'strength_snapshot',
        details: { created, updated, rejected: rowErrors.length, mode },
      },
    };
  });
  return { imported: counts.created + counts.updated, ...counts, rows: total, errors: rowErrors };
}

export async function listStrength(
  ctx: AppContext,
  actor: Actor | null,
  filter: { category?: string | undefined; from?: string | undefined; to?: string | undefined },
) {
  const rows = await listSnapshots(ctx.database.db, readScope(actor), filter);
  return rows.map(presentSnapshot);
}

/** The latest all-countries, all-locations figures per category, with computed shares. */
export async function strengthSummary(ctx: AppContext, actor: Actor | null) {
  const rows = (await listSnapshots(ctx.database.db, readScope(actor), {})).filter((r) => r.country === '' && r.location === '');
  const latest = new Map<string, string>();
  for (const row of rows) if (row.sex === 'all' && (latest.get(row.category) ?? '') < row.as_of) latest.set(row.category, row.as_of);
  return [...latest].map(([category, asOf]) => {
    const total = rows.find((r) => r.category === category && r.as_of === asOf && r.sex === 'all');
    const women = rows.find((r) => r.category === category && r.as_of === asOf && r.sex === 'female')?.deployed ?? null;
    const authorised = total?.authorised ?? null;
    const deployed = total?.deployed ?? null;
    return {
      category: category as StrengthCategory,
      asOf,
      authorised,
      deployed,
      deployedShare: authorised && deployed !== null ? round((deployed / authorised) * 100, 2) : null,
      women,
      womenShare: deployed && women !== null ? round((women / deployed) * 100, 2) : null,
    };
  });
}

/** Snapshots stated by the fact book, from its figures (the figure keys are the fact book's). */
const FACTBOOK_SNAPSHOTS: { asOf: string; category: StrengthCategory; sex?: 'female'; authorised?: string; deployed?: string }[] = [
  { asOf: '2020-07-31', category: 'military', authorised: 'force.strength.authorised', deployed: 'force.strength.deployed' },
  { asOf: '2020-07-31', category: 'military', sex: 'female', deployed: 'force.strength.women' },
  { asOf: '2020-07-31', category: 'military_observers', authorised: 'force.observers.authorised' },
  { asOf: '2020-07-31', category: 'police', authorised: 'unpol.strength.authorised', deployed: 'unpol.strength.deployed' },
  { asOf: '2020-08-31', category: 'volunteers', deployed: 'unv.volunteers.in_service' },
];

export async function insertStrengthFromFactbook(trx: Trx, book: Factbook, now: string): Promise<void> {
  const value = (key?: string) => (key ? (book.figures.find((f) => f.key === key)?.value ?? null) : null);
  await deleteFromSource(trx, book.source.title);
  const police = [...new Set(book.policeContributors)].map((country) => ({
    category: 'police',
    country,
    as_of: '2020-07-31',
    source: book.source.title,
  }));
  await insertContributors(trx, police);
  for (const s of FACTBOOK_SNAPSHOTS) {
    const authorised = value(s.authorised);
    const deployed = value(s.deployed);
    if (authorised === null && deployed === null) continue;
    await upsert(
      trx,
      { id: null, label: 'system' },
      {
        asOf: s.asOf,
        category: s.category,
        country: null,
        sex: s.sex ?? 'all',
        location: null,
        authorised,
        deployed,
        classification: 'public',
        source: book.source.title,
      },
      now,
    );
  }
}

/** Contributing countries per category, with their names in the reader's language. */
export async function listContributors(ctx: AppContext, locale: Locale) {
  const rows = await listContributorRows(ctx.database.db);
  const names = countries();
  return rows
    .map((row) => {
      const country = names.get(row.country);
      return {
        category: row.category as StrengthCategory,
        country: row.country,
        name: (locale === 'fr' ? country?.nameFr : country?.nameEn) ?? row.country,
        asOf: row.as_of,
      };
    })
    .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name, locale));
}

/** Who changed a snapshot's counts, when, from what to what; 404 when it is not readable. */
async function readableSnapshot(ctx: AppContext, actor: Actor | null, id: string): Promise<StrengthSnapshotTable> {
  const row = await findSnapshot(ctx.database.db, id);
  if (!row || !can(actor, 'read', { unit: row.unit_code, classification: row.classification as StrengthSnapshot['classification'] }))
    throw new AppError(404, 'not_found');
  return row;
}

/** One snapshot (a repeated send's record), as the reader may read it. */
export async function getSnapshot(ctx: AppContext, actor: Actor | null, id: string): Promise<StrengthSnapshot> {
  return presentSnapshot(await readableSnapshot(ctx, actor, id));
}

export async function snapshotHistory(ctx: AppContext, actor: Actor | null, id: string) {
  await readableSnapshot(ctx, actor, id);
  return readHistory(ctx.database.db, 'strength_snapshot', id);
}
