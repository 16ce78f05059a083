import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Classification, Locale } from '../../contracts/common.js';
import {
  SITREP_SECTIONS,
  type SitrepDetail,
  type SitrepSectionKey,
  type SitrepSector,
  type SitrepSummary,
  type sitrepInputSchema,
} from '../../contracts/situation.js';
import { fill, SITREP_TEXT } from '../../data/situation.js';
import { SECTOR_TERMS, termName } from '../../data/vocab/operations.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory } from '../../platform/history.js';
import type { Actor } from '../../platform/policy.js';
import { JOC_UNITS } from '../operations/operations.policy.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import type { SitrepDocument } from './sitrep.content.js';
import { renderSitrepPdf } from './sitrep.document.js';
import { renderSitrepDocx } from './sitrep.docx.js';
import { assembleSitrep } from './sitrep.text.js';
import { mayAssemble, mayEditSitrep, mayReadClass, mostSensitive } from './situation.policy.js';
import { readsEvery } from './situation.records.js';
import {
  findSitrep,
  insertSitrep,
  latestSitreps,
  recordsOf,
  type SitrepRecordRow,
  type SitrepRow,
  sectionsOf,
  setSectionText,
  updateSitrepIfVersion,
} from './situation.repository.js';

/**
 * The daily situation report: assembled by the JOC from a period's records read with its own
 * rights, classed as its most sensitive record, its sections edited (each edit a new version of
 * the report, audited, the text before kept in the record's history), then released and frozen.
 * Read only by who may read its class and every record it contains, checked each time.
 */

const RECORD_TYPE = 'sitrep';
type SitrepInput = z.output<typeof sitrepInputSchema>;

const sectorName = (sector: string, locale: Locale) =>
  sector === 'mission' ? SITREP_TEXT[locale].mission : termName(SECTOR_TERMS, sector, locale);

function summary(row: SitrepRow, locale: Locale): SitrepSummary {
  return {
    id: row.id,
    sector: row.sector as SitrepSector,
    sectorName: sectorName(row.sector, locale),
    periodStart: row.period_start,
    periodEnd: row.period_end,
    language: row.language as Locale,
    title: row.title,
    status: row.status as SitrepSummary['status'],
    classification: row.classification as Classification,
    createdBy: row.created_by_label,
    updatedAt: row.updated_at,
    releasedAt: row.released_at,
    version: row.version,
  };
}

const refsOf = (records: readonly SitrepRecordRow[]) =>
  records.map((r) => ({ type: r.record_type as 'operation' | 'incident' | 'verification' | 'alert', id: r.record_id }));

/** Whether `actor` may read the report: its class, then every record it contains, by each owner's rule. */
async function mayRead(ctx: AppContext, actor: Actor | null, row: SitrepRow, records: readonly SitrepRecordRow[]): Promise<boolean> {
  return mayReadClass(actor, row, records) && (await readsEvery(ctx, actor, refsOf(records)));
}

async function readable(ctx: AppContext, actor: Actor | null, id: string) {
  const row = await findSitrep(ctx.database.db, id);
  if (!row) throw notFound();
  const records = await recordsOf(ctx.database.db, id);
  if (!(await mayRead(ctx, actor, row, records))) throw notFound();
  return { row, records };
}

export async function listSitreps(ctx: AppContext, actor: Actor, locale: Locale): Promise<{ items: SitrepSummary[] }> {
  const items: SitrepSummary[] = [];
  for (const row of await latestSitreps(ctx.database.db, 100)) {
    const records = await recordsOf(ctx.database.db, row.id);
    if (await mayRead(ctx, actor, row, records)) items.push(summary(row, locale));
  }
  return { items };
}

export async function getSitrep(ctx: AppContext, actor: Actor, id: string, locale: Locale): Promise<SitrepDetail> {
  const { row, records } = await readable(ctx, actor, id);
  const sections = await sectionsOf(ctx.database.db, id);
  const words = SITREP_TEXT[row.language as Locale];
  const edit = mayEditSitrep(actor, row);
  return {
    ...summary(row, locale),
    sections: sections.map((s) => ({
      key: s.key as SitrepSectionKey,
      heading: words.headings[s.key as SitrepSectionKey],
      text: s.text,
    })),
    records: records.map((r) => ({
      type: r.record_type as SitrepDetail['records'][number]['type'],
      id: r.record_id,
      classification: r.classification as Classification,
    })),
    releasedBy: row.released_by_label,
    may: { edit, release: edit },
  };
}

/** Assembles a period's records, read with the JOC officer's rights, into a new draft. */
export async function createSitrep(ctx: AppContext, actor: Actor, input: SitrepInput, locale: Locale): Promise<SitrepDetail> {
  if (!mayAssemble(actor)) throw forbidden();
  const now = ctx.now();
  const to = input.to ?? now.toISOString();
  const from = input.from ?? new Date(Date.parse(to) - 24 * 3600 * 1000).toISOString();
  const language = input.language;
  const assembled = await assembleSitrep(ctx, actor, { from, to }, input.sector, language);
  const classification = mostSensitive(assembled.records.map((r) => r.classification));
  const unit = JOC_UNITS.find((u) => actor.memberships.has(u)) as string;
  const words = SITREP_TEXT[language];
  const title = `${words.title} — ${sectorName(input.sector, language)} — ${fill(words.period, {
    from: from.slice(0, 16).replace('T', ' '),
    to: to.slice(0, 16).replace('T', ' '),
  })}`;
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, unit);
    const at = ctx.now().toISOString();
    await insertSitrep(
      trx,
      {
        id,
        sector: input.sector,
        period_start: from,
        period_end: to,
        language,
        title,
        status: 'draft',
        classification,
        unit_code: unit,
        created_by: actor.id,
        created_by_label: actor.label,
        created_at: at,
        updated_at: at,
        released_by: null,
        released_by_label: null,
        released_at: null,
        version: 1,
      },
      SITREP_SECTIONS.map((key, position) => ({ sitrep_id: id, key, position, text: assembled.sections[key] })),
      assembled.records.map((r) => ({
        sitrep_id: id,
        record_type: r.type,
        record_id: r.id,
        classification: r.classification,
        unit_code: r.unit,
      })),
    );
    return {
      result: undefined,
      audit: {
        action: 'sitrep.assemble',
        recordType: RECORD_TYPE,
        recordId: id,
        details: { sector: input.sector, period: `${from}/${to}`, records: assembled.records.length, classification },
      },
    };
  });
  return getSitrep(ctx, actor, id, locale);
}

/** Saves one section's text against the report's version; a released report is frozen. */
export async function editSection(
  ctx: AppContext,
  actor: Actor,
  id: string,
  key: SitrepSectionKey,
  body: { version: number; text: string },
  locale: Locale,
): Promise<SitrepDetail> {
  const { row } = await readable(ctx, actor, id);
  if (row.status === 'released') throw new AppError(409, 'sitrep_released');
  if (!mayEditSitrep(actor, row)) throw forbidden();
  const before = (await sectionsOf(ctx.database.db, id)).find((s) => s.key === key);
  if (!before) throw notFound();
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateSitrepIfVersion(trx, id, body.version, { updated_at: at }))) throw versionConflict();
    await setSectionText(trx, id, key, body.text);
    await appendHistory(trx, {
      recordType: RECORD_TYPE,
      recordId: id,
      version: body.version + 1,
      actor,
      changes: { [key]: { from: before.text, to: body.text } },
      at,
    });
    return {
      result: undefined,
      audit: { action: 'sitrep.edit', recordType: RECORD_TYPE, recordId: id, details: { section: key, version: body.version + 1 } },
    };
  });
  return getSitrep(ctx, actor, id, locale);
}

/** Releases the draft: from now on it is frozen. */
export async function releaseSitrep(ctx: AppContext, actor: Actor, id: string, version: number, locale: Locale): Promise<SitrepDetail> {
  const { row } = await readable(ctx, actor, id);
  if (row.status === 'released') throw new AppError(409, 'sitrep_released');
  if (!mayEditSitrep(actor, row)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const values = { status: 'released', released_by: actor.id, released_by_label: actor.label, released_at: at, updated_at: at };
    if (!(await updateSitrepIfVersion(trx, id, version, values))) throw versionConflict();
    return {
      result: undefined,
      audit: { action: 'sitrep.release', recordType: RECORD_TYPE, recordId: id, details: { classification: row.classification } },
    };
  });
  return getSitrep(ctx, actor, id, locale);
}

/** The report as its exports print it, once the reader may read it (404 otherwise, as for the report). */
async function exportable(ctx: AppContext, actor: Actor, id: string): Promise<{ row: SitrepRow; document: SitrepDocument }> {
  const { row } = await readable(ctx, actor, id);
  const sections = await sectionsOf(ctx.database.db, id);
  const language = row.language as Locale;
  const document: SitrepDocument = {
    title: row.title,
    language,
    classification: row.classification as Classification,
    released: row.status === 'released',
    author: row.created_by_label,
    releasedBy: row.released_by_label,
    updatedAt: row.updated_at,
    sections: sections.map((s) => ({ heading: SITREP_TEXT[language].headings[s.key as SitrepSectionKey], text: s.text })),
  };
  return { row, document };
}

async function auditExport(ctx: AppContext, actor: Actor, row: SitrepRow, format: 'pdf' | 'docx'): Promise<void> {
  await recordAudit(ctx, actor, {
    action: 'sitrep.export',
    recordType: RECORD_TYPE,
    recordId: row.id,
    details: { format, classification: row.classification },
  });
}

const exportName = (row: SitrepRow, extension: 'pdf' | 'docx') => `sitrep-${row.sector}-${row.period_end.slice(0, 10)}.${extension}`;

/** The report as PDF in its language, its class on every page; the export is audited. */
export async function sitrepPdf(ctx: AppContext, actor: Actor, id: string): Promise<{ pdf: Buffer; filename: string }> {
  const { row, document } = await exportable(ctx, actor, id);
  const pdf = await renderSitrepPdf(document);
  await auditExport(ctx, actor, row, 'pdf');
  return { pdf, filename: exportName(row, 'pdf') };
}

/** The report as a Word document: the PDF's content and class marking, for whom may read the PDF; audited. */
export async function sitrepDocx(ctx: AppContext, actor: Actor, id: string): Promise<{ docx: Buffer; filename: string }> {
  const { row, document } = await exportable(ctx, actor, id);
  const docx = await renderSitrepDocx(document);
  await auditExport(ctx, actor, row, 'docx');
  return { docx, filename: exportName(row, 'docx') };
}
