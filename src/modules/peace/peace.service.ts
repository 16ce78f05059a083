import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import {
  BODIES,
  type EvidenceLink,
  type PamScore,
  type PeaceDashboard,
  type PeaceImportReport,
  type PeaceReference,
  PILLARS,
  type Pillar,
  type Provision,
  type ProvisionDetail,
  type provisionInputSchema,
  type provisionUpdateSchema,
  SUBCOMMITTEES,
  type Subcommittee,
  type scoreInputSchema,
  WOMEN_QUOTA,
} from '../../contracts/peace.js';
import {
  bodyName,
  CSA_DELEGATIONS,
  PAM_SCALE,
  PAM_SOURCE,
  PILLAR_NAMES,
  QUOTA_SOURCE,
  SUBCOMMITTEE_NAMES,
  SUBCOMMITTEES_STATED,
} from '../../data/peace.js';
import { t } from '../../i18n/index.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { BOM, csvLine, type Separator } from '../../platform/csv.js';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff, readHistory } from '../../platform/history.js';
import { type Actor, can, readScope } from '../../platform/policy.js';
import { round } from '../indicators/indicators.service.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { parseProvisionsCsv } from './peace.csv.js';
import { guardOf, mayCreatePeaceRecord, mayValidateScore, mayWrite } from './peace.policy.js';
import {
  findProvision,
  findProvisions,
  findScore,
  insertProvision,
  insertScore,
  listProvisionRows,
  listScoreRows,
  type ProvisionRow,
  provisionCodesTaken,
  type ScoreRow,
  updateProvisionIfVersion,
  validateScoreRow,
} from './peace.repository.js';

/**
 * The peace process: the Agreement's provisions and their implementation on the Peace Accords
 * Matrix scale, per period, every score kept (the latest of a period is its current one), and the
 * dashboard by pillar and period. The CSA's sessions and decisions are in `csa.service.ts`.
 */

const PROVISION = 'peace_provision';
const SCORE = 'peace_score';

type ProvisionInput = z.output<typeof provisionInputSchema>;
type ProvisionUpdate = z.output<typeof provisionUpdateSchema>;
type ScoreInput = z.output<typeof scoreInputSchema>;

export function peaceReference(locale: Locale): PeaceReference {
  return {
    pillars: PILLARS.map((code) => ({ code, name: PILLAR_NAMES[code][locale] })),
    subcommittees: SUBCOMMITTEES.map((code) => ({ code, name: SUBCOMMITTEE_NAMES[code][locale] })),
    subcommitteesStated: {
      count: SUBCOMMITTEES_STATED.count,
      listed: SUBCOMMITTEES.length,
      quote: SUBCOMMITTEES_STATED.quote,
      page: SUBCOMMITTEES_STATED.page,
    },
    bodies: BODIES.map((code) => ({ code, name: bodyName(code, locale) })),
    delegations: [...CSA_DELEGATIONS],
    scale: ([0, 1, 2, 3] as const).map((level) => ({ level, name: PAM_SCALE[level][locale] })),
    scaleSource: PAM_SOURCE[locale],
    quota: WOMEN_QUOTA,
    quotaSource: QUOTA_SOURCE[locale],
  };
}

// ---------------------------------------------------------------------------------------------
// Provisions and scores

/** The current score of each period: the latest recorded. `scores` are in recording order. */
export function currentScores<T extends Pick<ScoreRow, 'id' | 'provision_id' | 'period' | 'recorded_at'>>(
  scores: readonly T[],
): Map<string, T> {
  const current = new Map<string, T>();
  for (const score of scores) {
    const key = `${score.provision_id}|${score.period}`;
    const held = current.get(key);
    if (!held || held.recorded_at <= score.recorded_at) current.set(key, score);
  }
  return current;
}

function presentProvision(row: ProvisionRow, latest: Provision['latest']): Provision {
  return {
    id: row.id,
    code: row.code,
    pillar: row.pillar as Pillar,
    chapter: row.chapter,
    textFr: row.text_fr,
    textEn: row.text_en,
    responsible: row.responsible,
    deadline: row.deadline,
    subcommittee: row.subcommittee as Subcommittee | null,
    unit: row.unit_code,
    classification: guardOf(row).classification,
    version: row.version,
    latest,
  };
}

/** The current score of the latest period scored, per provision. */
function latestOf(scores: readonly ScoreRow[]): Map<string, Provision['latest']> {
  const latest = new Map<string, Provision['latest']>();
  for (const score of currentScores(scores).values()) {
    const held = latest.get(score.provision_id);
    if (!held || held.period < score.period) latest.set(score.provision_id, { period: score.period, score: score.score });
  }
  return latest;
}

export async function listProvisions(ctx: AppContext, actor: Actor | null, pillar?: Pillar): Promise<Provision[]> {
  const scope = readScope(actor);
  const rows = await listProvisionRows(ctx.database.db, scope, pillar);
  const latest = latestOf(await listScoreRows(ctx.database.db, scope, { pillar }));
  return rows.map((row) => presentProvision(row, latest.get(row.id) ?? null));
}

async function readableProvision(ctx: AppContext, actor: Actor | null, id: string): Promise<ProvisionRow> {
  const row = await findProvision(ctx.database.db, id);
  if (!row || !can(actor, 'read', guardOf(row))) throw notFound();
  return row;
}

export async function getProvision(ctx: AppContext, actor: Actor | null, id: string): Promise<ProvisionDetail> {
  const row = await readableProvision(ctx, actor, id);
  const scores = await listScoreRows(ctx.database.db, readScope(actor), { provisionId: id });
  const current = new Set([...currentScores(scores).values()].map((s) => s.id));
  const presented: PamScore[] = scores
    .map((score) => ({
      id: score.id,
      provisionId: score.provision_id,
      period: score.period,
      score: score.score,
      evidence: score.evidence,
      links: JSON.parse(score.links) as EvidenceLink[],
      authorLabel: score.author_label,
      recordedAt: score.recorded_at,
      validatedBy: score.validated_by_label,
      validatedAt: score.validated_at,
      current: current.has(score.id),
      may: { validate: mayValidateScore(actor, row, score) },
    }))
    .sort((a, b) => b.period.localeCompare(a.period) || b.recordedAt.localeCompare(a.recordedAt));
  const write = mayWrite(actor, row);
  return { ...presentProvision(row, latestOf(scores).get(id) ?? null), scores: presented, may: { edit: write, score: write } };
}

function provisionRow(input: ProvisionInput, actor: Actor, now: string): ProvisionRow {
  return {
    id: randomUUID(),
    code: input.code,
    pillar: input.pillar,
    chapter: input.chapter,
    text_fr: input.textFr,
    text_en: input.textEn,
    responsible: input.responsible,
    deadline: input.deadline,
    subcommittee: input.subcommittee,
    unit_code: input.unit,
    classification: input.classification,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

export async function createProvision(ctx: AppContext, actor: Actor, input: ProvisionInput): Promise<ProvisionDetail> {
  if (!mayCreatePeaceRecord(actor, input.unit)) throw forbidden();
  const id = await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, input.unit);
    if ((await provisionCodesTaken(trx, [input.code])).size > 0) throw new AppError(409, 'peace_code_taken', { code: input.code });
    const row = provisionRow(input, actor, ctx.now().toISOString());
    await insertProvision(trx, row);
    return {
      result: row.id,
      audit: { action: 'peace.provision.create', recordType: PROVISION, recordId: row.id, details: { code: row.code } },
    };
  });
  return getProvision(ctx, actor, id);
}

const PROVISION_FIELDS = {
  code: 'code',
  pillar: 'pillar',
  chapter: 'chapter',
  textFr: 'text_fr',
  textEn: 'text_en',
  responsible: 'responsible',
  deadline: 'deadline',
  subcommittee: 'subcommittee',
  unit: 'unit_code',
  classification: 'classification',
} as const satisfies Record<Exclude<keyof ProvisionUpdate, 'version'>, keyof ProvisionRow>;

export async function updateProvision(ctx: AppContext, actor: Actor, id: string, body: ProvisionUpdate): Promise<ProvisionDetail> {
  const row = await readableProvision(ctx, actor, id);
  if (!mayWrite(actor, row)) throw forbidden();
  if (body.unit !== undefined && body.unit !== row.unit_code && !mayCreatePeaceRecord(actor, body.unit)) throw forbidden();
  const next: Partial<ProvisionRow> = {};
  for (const [field, column] of Object.entries(PROVISION_FIELDS) as [keyof typeof PROVISION_FIELDS, keyof ProvisionRow][]) {
    if (body[field] !== undefined) Object.assign(next, { [column]: body[field] });
  }
  const changes = diff(row as unknown as Record<string, unknown>, next);
  await auditedTransaction(ctx, actor, async (trx) => {
    if (next.unit_code !== undefined && next.unit_code !== row.unit_code) await requireOpenUnit(trx, next.unit_code);
    if (next.code !== undefined && next.code !== row.code && (await provisionCodesTaken(trx, [next.code])).size > 0)
      throw new AppError(409, 'peace_code_taken', { code: next.code });
    const at = ctx.now().toISOString();
    if (!(await updateProvisionIfVersion(trx, id, body.version, { ...next, updated_at: at }))) throw versionConflict();
    await appendHistory(trx, { recordType: PROVISION, recordId: id, version: body.version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'peace.provision.update', recordType: PROVISION, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getProvision(ctx, actor, id);
}

export async function provisionHistory(ctx: AppContext, actor: Actor | null, id: string) {
  await readableProvision(ctx, actor, id);
  return readHistory(ctx.database.db, PROVISION, id);
}

/**
 * Imports provisions from CSV: all rows or none. A file with any error (a value, a code already
 * taken or repeated in the file) writes nothing and is reported line by line.
 */
export async function importProvisionsCsv(
  ctx: AppContext,
  actor: Actor,
  csv: string,
  defaults: { unit: 'MED' | 'PAD'; classification: 'public' | 'internal' | 'restricted' },
  locale: Locale,
): Promise<PeaceImportReport> {
  if (!mayCreatePeaceRecord(actor, defaults.unit)) throw forbidden();
  const { rows, errors } = parseProvisionsCsv(csv, defaults, locale);
  const total = rows.length + new Set(errors.map((e) => e.line)).size;
  const seen = new Map<string, number>();
  for (const { line, input } of rows) {
    const first = seen.get(input.code);
    if (first !== undefined)
      errors.push({ line, column: 'code', value: input.code, message: t(locale, 'peace.duplicate_code', { line: first }) });
    else seen.set(input.code, line);
  }
  const taken = await provisionCodesTaken(ctx.database.db, [...seen.keys()]);
  for (const { line, input } of rows) {
    if (taken.has(input.code) && seen.get(input.code) === line)
      errors.push({ line, column: 'code', value: input.code, message: t(locale, 'errors.peace_code_taken', { code: input.code }) });
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0) return { imported: 0, rows: total, errors };
  const imported = await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, defaults.unit);
    // Checked again inside the transaction: someone may have entered one of the codes meanwhile.
    if ((await provisionCodesTaken(trx, [...seen.keys()])).size > 0)
      throw new AppError(409, 'peace_code_taken', { code: [...seen.keys()][0] ?? '' });
    const now = ctx.now().toISOString();
    for (const { input } of rows) await insertProvision(trx, provisionRow(input, actor, now));
    return {
      result: rows.length,
      audit: { action: 'peace.provision.import', recordType: PROVISION, details: { imported: rows.length, unit: defaults.unit } },
    };
  });
  return { imported, rows: total, errors: [] };
}

/**
 * Scores a provision for a period. A period scored again keeps its earlier scores as history; the
 * new one becomes current, recorded strictly after the one it supersedes.
 */
export async function scoreProvision(ctx: AppContext, actor: Actor, id: string, input: ScoreInput): Promise<ProvisionDetail> {
  const row = await readableProvision(ctx, actor, id);
  if (!mayWrite(actor, row)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    const previous = (await listScoreRows(trx, readScope(actor), { provisionId: id })).filter((s) => s.period === input.period);
    const last = previous.at(-1)?.recorded_at;
    let at = ctx.now();
    if (last && at.toISOString() <= last) at = new Date(Date.parse(last) + 1);
    const score: ScoreRow = {
      id: randomUUID(),
      provision_id: id,
      period: input.period,
      score: input.score,
      evidence: input.evidence,
      links: JSON.stringify(input.links),
      author_id: actor.id,
      author_label: actor.label,
      recorded_at: at.toISOString(),
      validated_by: null,
      validated_by_label: null,
      validated_at: null,
    };
    await insertScore(trx, score);
    return {
      result: undefined,
      audit: {
        action: 'peace.score.create',
        recordType: SCORE,
        recordId: score.id,
        details: { provision: row.code, period: input.period, score: input.score, supersedes: previous.at(-1)?.id ?? null },
      },
    };
  });
  return getProvision(ctx, actor, id);
}

/** A manager of the provision's unit other than the score's author validates it (four eyes). */
export async function validateScore(ctx: AppContext, actor: Actor, scoreId: string): Promise<ProvisionDetail> {
  const score = await findScore(ctx.database.db, scoreId);
  const provision = score ? await findProvision(ctx.database.db, score.provision_id) : undefined;
  if (!score || !provision || !can(actor, 'read', guardOf(provision))) throw notFound();
  if (score.validated_at !== null) throw new AppError(409, 'peace_score_validated');
  if (score.author_id === actor.id) throw new AppError(403, 'peace_score_own');
  if (!mayValidateScore(actor, provision, score)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    if (!(await validateScoreRow(trx, scoreId, actor, ctx.now().toISOString()))) throw new AppError(409, 'peace_score_validated');
    return {
      result: undefined,
      audit: {
        action: 'peace.score.validate',
        recordType: SCORE,
        recordId: scoreId,
        details: { provision: provision.code, period: score.period },
      },
    };
  });
  return getProvision(ctx, actor, provision.id);
}

/** Per pillar and period: how many readable provisions, how many scored, the average and the count per level. */
export async function peaceDashboard(ctx: AppContext, actor: Actor | null, pillar?: Pillar): Promise<PeaceDashboard> {
  const scope = readScope(actor);
  const provisions = await listProvisionRows(ctx.database.db, scope, pillar);
  const current = [...currentScores(await listScoreRows(ctx.database.db, scope, { pillar })).values()];
  const periods = [...new Set(current.map((s) => s.period))].sort();
  const perPillar = new Map<string, number>();
  for (const row of provisions) perPillar.set(row.pillar, (perPillar.get(row.pillar) ?? 0) + 1);
  const rows: PeaceDashboard['rows'] = [];
  for (const p of PILLARS) {
    if (pillar && p !== pillar) continue;
    for (const period of periods) {
      const scored = current.filter((s) => s.pillar === p && s.period === period);
      const levels: [number, number, number, number] = [0, 0, 0, 0];
      for (const s of scored) levels[s.score as 0 | 1 | 2 | 3] += 1;
      const sum = scored.reduce((total, s) => total + s.score, 0);
      rows.push({
        pillar: p,
        period,
        provisions: perPillar.get(p) ?? 0,
        scored: scored.length,
        average: scored.length > 0 ? round(sum / scored.length, 2) : null,
        levels,
      });
    }
  }
  return { periods, rows };
}

/** The dashboard as CSV, in the reader's language; the export is audited. */
export async function peaceDashboardCsv(
  ctx: AppContext,
  actor: Actor | null,
  pillar: Pillar | undefined,
  options: { separator: Separator; locale: Locale },
): Promise<string> {
  const dashboard = await peaceDashboard(ctx, actor, pillar);
  const { locale, separator } = options;
  const header = ['pillar', 'pillar_code', 'period', 'provisions', 'scored', 'average', 'level_0', 'level_1', 'level_2', 'level_3'].map(
    (c) => t(locale, `peace.csv_${c}`),
  );
  const lines = dashboard.rows.map((r) =>
    csvLine([PILLAR_NAMES[r.pillar][locale], r.pillar, r.period, r.provisions, r.scored, r.average, ...r.levels], separator),
  );
  await recordAudit(ctx, actor ?? { id: null, label: 'anonymous' }, {
    action: 'peace.dashboard.export',
    recordType: PROVISION,
    details: { pillar: pillar ?? null, rows: dashboard.rows.length },
  });
  return BOM + csvLine(header, separator) + lines.join('');
}

// ---------------------------------------------------------------------------------------------
// CSA sessions, attendance, decisions

/** For the audit log: a provision's code and chapter, only where the reader may read it. */
export async function readableProvisionLabels(ctx: AppContext, reader: Actor, ids: string[]): Promise<Map<string, string>> {
  const rows = await findProvisions(ctx.database.db, ids);
  return new Map(rows.filter((row) => can(reader, 'read', guardOf(row))).map((row) => [row.id, `${row.code} — ${row.chapter}`]));
}
