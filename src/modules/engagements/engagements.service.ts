import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Classification, Locale } from '../../contracts/common.js';
import {
  ENGAGEMENT_TOPICS,
  type Engagement,
  type EngagementDetail,
  type EngagementReference,
  type EngagementReport,
  type EngagementReportDetail,
  type engagementInputSchema,
  type engagementListQuerySchema,
  type engagementUpdateSchema,
  FOLLOWUP_STATUSES,
  type Followup,
  type followupInputSchema,
  type followupUpdateSchema,
  type reportInputSchema,
  type reportSourceSchema,
  type reportUpdateSchema,
  type Topic,
} from '../../contracts/engagements.js';
import { FOLLOWUP_STATUS_NAMES, PERIOD_KIND_NAMES, REPORT_TEXT, TOPIC_NAMES } from '../../data/politics.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/errors.js';
import { appendHistory, diff, readHistory } from '../../platform/history.js';
import { type Actor, can } from '../../platform/policy.js';
import { actorRegistry } from '../incidents/incidents.service.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { getSession, listSessions } from '../peace/csa.service.js';
import { renderReportPdf } from './engagements.document.js';
import {
  engagementReadScope,
  engagementUnitsOf,
  guardOf,
  mayCreateEngagement,
  mayWriteEngagement,
  mostSensitive,
} from './engagements.policy.js';
import {
  type CounterpartRow,
  type EngagementRow,
  type FollowupRow,
  findEngagement,
  findFollowup,
  findReport,
  insertEngagement,
  insertFollowups,
  insertReport,
  listCounterpartRows,
  listEngagementRows,
  listFollowupRows,
  listReportRows,
  type ReportRow,
  replaceCounterparts,
  updateEngagementIfVersion,
  updateFollowupIfVersion,
  updateReportIfVersion,
} from './engagements.repository.js';

/**
 * Political engagements: who the mission's leadership and Political Affairs met, when, where, on
 * which topics, and what follows; the periodic report assembled from a period's records (the
 * engagements and their follow-ups, and the CSA's sessions and decisions read through the peace
 * service), edited by its author as a draft and exported as PDF with the class of its most
 * sensitive record.
 */

const ENGAGEMENT = 'engagement';
const FOLLOWUP = 'engagement_followup';
const REPORT = 'engagement_report';

type EngagementInput = z.output<typeof engagementInputSchema>;
type EngagementUpdate = z.output<typeof engagementUpdateSchema>;
type FollowupInput = z.output<typeof followupInputSchema>;
type FollowupUpdate = z.output<typeof followupUpdateSchema>;
type ReportInput = z.output<typeof reportInputSchema>;
type ReportUpdate = z.output<typeof reportUpdateSchema>;
type ReportSource = z.infer<typeof reportSourceSchema>;

async function actorNames(ctx: AppContext): Promise<Map<string, { fr: string; en: string }>> {
  return new Map((await actorRegistry(ctx.database.db)).map((a) => [a.code, { fr: a.name_fr, en: a.name_en }]));
}

export async function engagementReference(ctx: AppContext, actor: Actor, locale: Locale): Promise<EngagementReference> {
  const actors = (await actorRegistry(ctx.database.db)).filter((a) => a.status === 'active');
  return {
    topics: ENGAGEMENT_TOPICS.map((code) => ({ code, name: TOPIC_NAMES[code][locale] })),
    statuses: FOLLOWUP_STATUSES.map((code) => ({ code, name: FOLLOWUP_STATUS_NAMES[code][locale] })),
    units: engagementUnitsOf(actor),
    actors: actors
      .map((a) => ({ code: a.code, name: locale === 'en' ? a.name_en : a.name_fr }))
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
}

const topicsOf = (row: EngagementRow) => row.topics.split(' ').filter(Boolean) as Topic[];

function presentEngagement(row: EngagementRow, counterparts: readonly CounterpartRow[], followups: readonly FollowupRow[]): Engagement {
  return {
    id: row.id,
    heldOn: row.held_on,
    place: row.place,
    region: row.region,
    topics: topicsOf(row),
    counterpartNames: counterparts.map((c) => c.name),
    women: counterparts.reduce((n, c) => n + c.women, 0),
    men: counterparts.reduce((n, c) => n + c.men, 0),
    openFollowups: followups.filter((f) => f.status === 'open' || f.status === 'in_progress').length,
    unit: row.unit_code,
    classification: guardOf(row).classification,
    version: row.version,
  };
}

function presentFollowup(row: FollowupRow): Followup {
  return {
    id: row.id,
    engagementId: row.engagement_id,
    action: row.action,
    owner: row.owner,
    deadline: row.deadline,
    status: row.status as Followup['status'],
    version: row.version,
  };
}

const byEngagement = <T extends { engagement_id: string }>(rows: readonly T[]) => {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.engagement_id, [...(map.get(row.engagement_id) ?? []), row]);
  return map;
};

export async function listEngagements(
  ctx: AppContext,
  actor: Actor | null,
  query: z.output<typeof engagementListQuerySchema> = {},
): Promise<Engagement[]> {
  let rows = await listEngagementRows(ctx.database.db, engagementReadScope(actor), query);
  if (query.topic) rows = rows.filter((r) => topicsOf(r).includes(query.topic as Topic));
  const ids = rows.map((r) => r.id);
  const counterparts = byEngagement(await listCounterpartRows(ctx.database.db, ids));
  const followups = byEngagement(await listFollowupRows(ctx.database.db, ids));
  return rows.map((row) => presentEngagement(row, counterparts.get(row.id) ?? [], followups.get(row.id) ?? []));
}

async function readableEngagement(ctx: AppContext, actor: Actor | null, id: string): Promise<EngagementRow> {
  const row = await findEngagement(ctx.database.db, id);
  if (!row || !can(actor, 'read', guardOf(row))) throw notFound();
  return row;
}

export async function getEngagement(ctx: AppContext, actor: Actor | null, id: string, locale: Locale = 'fr'): Promise<EngagementDetail> {
  const row = await readableEngagement(ctx, actor, id);
  const [counterparts, followups, names] = await Promise.all([
    listCounterpartRows(ctx.database.db, [id]),
    listFollowupRows(ctx.database.db, [id]),
    actorNames(ctx),
  ]);
  const write = mayWriteEngagement(actor, row);
  return {
    ...presentEngagement(row, counterparts, followups),
    summary: row.summary,
    missionParticipants: row.mission_participants,
    counterparts: counterparts.map((c) => ({
      name: c.name,
      function: c.function,
      organisation: c.organisation,
      actor: c.actor_code,
      actorName: c.actor_code ? (names.get(c.actor_code)?.[locale] ?? c.actor_code) : null,
      women: c.women,
      men: c.men,
    })),
    followups: followups.map(presentFollowup),
    may: { edit: write, followUp: write },
  };
}

async function counterpartRows(ctx: AppContext, engagementId: string, input: EngagementInput['counterparts']): Promise<CounterpartRow[]> {
  const known = await actorNames(ctx);
  return input.map((c, position) => {
    if (c.actor !== null && !known.has(c.actor)) throw new AppError(400, 'engagement_unknown_actor', { actor: c.actor });
    return {
      engagement_id: engagementId,
      position,
      name: c.name,
      function: c.function,
      organisation: c.organisation,
      actor_code: c.actor,
      women: c.women,
      men: c.men,
    };
  });
}

function followupRows(engagementId: string, input: readonly FollowupInput[], now: string): FollowupRow[] {
  return input.map((f) => ({
    id: randomUUID(),
    engagement_id: engagementId,
    action: f.action,
    owner: f.owner,
    deadline: f.deadline,
    status: f.status,
    created_at: now,
    updated_at: now,
    version: 1,
  }));
}

export async function createEngagement(
  ctx: AppContext,
  actor: Actor,
  input: EngagementInput,
  locale: Locale = 'fr',
): Promise<EngagementDetail> {
  if (!mayCreateEngagement(actor, input.unit)) throw forbidden();
  const id = randomUUID();
  const counterparts = await counterpartRows(ctx, id, input.counterparts);
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, input.unit);
    const now = ctx.now().toISOString();
    await insertEngagement(trx, {
      id,
      held_on: input.heldOn,
      place: input.place,
      region: input.region,
      topics: [...new Set(input.topics)].join(' '),
      summary: input.summary,
      mission_participants: input.missionParticipants,
      unit_code: input.unit,
      classification: input.classification,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    await replaceCounterparts(trx, id, counterparts);
    await insertFollowups(trx, followupRows(id, input.followups, now));
    return {
      result: undefined,
      audit: { action: 'engagement.create', recordType: ENGAGEMENT, recordId: id, details: { heldOn: input.heldOn } },
    };
  });
  return getEngagement(ctx, actor, id, locale);
}

const counterpartText = (rows: readonly CounterpartRow[]) =>
  rows
    .map((c) => `${c.name}${c.organisation ? ` (${c.organisation})` : ''}${c.actor_code ? ` [${c.actor_code}]` : ''}: ${c.women}/${c.men}`)
    .join('; ');

export async function updateEngagement(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: EngagementUpdate,
  locale: Locale = 'fr',
): Promise<EngagementDetail> {
  const row = await readableEngagement(ctx, actor, id);
  if (!mayWriteEngagement(actor, row)) throw forbidden();
  const next: Partial<EngagementRow> = {};
  if (body.heldOn !== undefined) next.held_on = body.heldOn;
  if (body.place !== undefined) next.place = body.place;
  if (body.region !== undefined) next.region = body.region;
  if (body.topics !== undefined) next.topics = [...new Set(body.topics)].join(' ');
  if (body.summary !== undefined) next.summary = body.summary;
  if (body.missionParticipants !== undefined) next.mission_participants = body.missionParticipants;
  if (body.classification !== undefined) next.classification = body.classification;
  const counterparts = body.counterparts ? await counterpartRows(ctx, id, body.counterparts) : null;
  await auditedTransaction(ctx, actor, async (trx) => {
    const changes = diff(row as unknown as Record<string, unknown>, next);
    if (counterparts) {
      const before = counterpartText(await listCounterpartRows(trx, [id]));
      const after = counterpartText(counterparts);
      if (before !== after) changes.counterparts = { from: before, to: after };
      await replaceCounterparts(trx, id, counterparts);
    }
    const at = ctx.now().toISOString();
    if (!(await updateEngagementIfVersion(trx, id, body.version, { ...next, updated_at: at }))) throw versionConflict();
    await appendHistory(trx, { recordType: ENGAGEMENT, recordId: id, version: body.version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'engagement.update', recordType: ENGAGEMENT, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getEngagement(ctx, actor, id, locale);
}

export async function engagementHistory(ctx: AppContext, actor: Actor | null, id: string) {
  await readableEngagement(ctx, actor, id);
  return readHistory(ctx.database.db, ENGAGEMENT, id);
}

export async function addFollowup(
  ctx: AppContext,
  actor: Actor,
  engagementId: string,
  input: FollowupInput,
  locale: Locale = 'fr',
): Promise<EngagementDetail> {
  const row = await readableEngagement(ctx, actor, engagementId);
  if (!mayWriteEngagement(actor, row)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    const [followup] = followupRows(engagementId, [input], ctx.now().toISOString());
    if (!followup) throw new Error('no follow-up');
    await insertFollowups(trx, [followup]);
    return {
      result: undefined,
      audit: { action: 'engagement.followup.create', recordType: FOLLOWUP, recordId: followup.id, details: { engagement: engagementId } },
    };
  });
  return getEngagement(ctx, actor, engagementId, locale);
}

export async function updateFollowup(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: FollowupUpdate,
  locale: Locale = 'fr',
): Promise<EngagementDetail> {
  const followup = await findFollowup(ctx.database.db, id);
  if (!followup) throw notFound();
  const row = await readableEngagement(ctx, actor, followup.engagement_id);
  if (!mayWriteEngagement(actor, row)) throw forbidden();
  const next: Partial<FollowupRow> = {};
  if (body.action !== undefined) next.action = body.action;
  if (body.owner !== undefined) next.owner = body.owner;
  if (body.deadline !== undefined) next.deadline = body.deadline;
  if (body.status !== undefined) next.status = body.status;
  const changes = diff(followup as unknown as Record<string, unknown>, next);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateFollowupIfVersion(trx, id, body.version, { ...next, updated_at: at }))) throw versionConflict();
    await appendHistory(trx, { recordType: FOLLOWUP, recordId: id, version: body.version + 1, actor, changes, at });
    return {
      result: undefined,
      audit: { action: 'engagement.followup.update', recordType: FOLLOWUP, recordId: id, details: { fields: Object.keys(changes) } },
    };
  });
  return getEngagement(ctx, actor, row.id, locale);
}

// ——— Periodic reports ———

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The week (Monday to Sunday) or calendar month containing `date` (YYYY-MM-DD). */
export function periodOf(kind: 'week' | 'month', date: string): { start: string; end: string } {
  const d = new Date(`${date}T00:00:00Z`);
  if (kind === 'month') {
    const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
    const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
    return { start: day(start), end: day(end) };
  }
  const monday = new Date(d);
  monday.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  const sunday = new Date(monday);
  sunday.setUTCDate(monday.getUTCDate() + 6);
  return { start: day(monday), end: day(sunday) };
}

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));

/**
 * The starting text of a report: the period's readable engagements with their counterparts and
 * follow-ups, then the CSA's sessions and their decisions. Lines starting with `# ` and `## ` are
 * headings, `- ` a bullet; the author edits it freely. Restricted CSA sessions are left out: their
 * class keeps them to their own unit, while a report is read by Political Affairs and the
 * leadership together.
 */
async function assemble(
  ctx: AppContext,
  actor: Actor,
  period: { start: string; end: string },
  locale: Locale,
): Promise<{ body: string; sources: ReportSource[] }> {
  const words = REPORT_TEXT[locale];
  const colon = locale === 'fr' ? '\u00a0:' : ':';
  const lines: string[] = [];
  const sources: ReportSource[] = [];
  const engagements = await listEngagementRows(ctx.database.db, engagementReadScope(actor), { from: period.start, to: period.end });
  engagements.reverse();
  const ids = engagements.map((e) => e.id);
  const counterparts = byEngagement(await listCounterpartRows(ctx.database.db, ids));
  const followups = byEngagement(await listFollowupRows(ctx.database.db, ids));
  const names = await actorNames(ctx);
  lines.push(`# ${words.engagements}`, '');
  if (engagements.length === 0) lines.push(words.noEngagements, '');
  for (const e of engagements) {
    sources.push({ kind: 'engagement', id: e.id, classification: e.classification as Classification });
    const cps = counterparts.get(e.id) ?? [];
    lines.push(`## ${e.held_on} — ${e.place}${e.region ? ` (${e.region})` : ''}`);
    lines.push(
      `${words.topics}${colon} ${topicsOf(e)
        .map((tp) => TOPIC_NAMES[tp][locale])
        .join(', ')}`,
    );
    lines.push(
      `${words.counterparts}${colon} ${cps
        .map((c) => {
          const party = c.actor_code ? (names.get(c.actor_code)?.[locale] ?? c.actor_code) : null;
          return [c.name, c.function, c.organisation, party].filter(Boolean).join(', ');
        })
        .join(' ; ')}`,
    );
    lines.push(fill(words.attendance, { women: cps.reduce((n, c) => n + c.women, 0), men: cps.reduce((n, c) => n + c.men, 0) }));
    if (e.mission_participants) lines.push(`${words.participants}${colon} ${e.mission_participants}`);
    lines.push('', e.summary, '');
    const fus = followups.get(e.id) ?? [];
    lines.push(`${words.followups}${colon}`);
    if (fus.length === 0) lines.push(`- ${words.noFollowups}`);
    for (const f of fus) {
      const deadline = f.deadline ? `, ${words.deadline} ${f.deadline}` : '';
      lines.push(`- ${f.action} (${f.owner}${deadline}) — ${FOLLOWUP_STATUS_NAMES[f.status as Followup['status']][locale]}`);
    }
    lines.push('');
  }
  const sessions = (await listSessions(ctx, actor)).filter(
    (s) => s.heldOn >= period.start && s.heldOn <= period.end && s.classification !== 'restricted' && s.classification !== 'confidential',
  );
  sessions.reverse();
  lines.push(`# ${words.csa}`, '');
  if (sessions.length === 0) lines.push(words.noCsa, '');
  for (const s of sessions) {
    sources.push({ kind: 'csa_session', id: s.id, classification: s.classification });
    const detail = await getSession(ctx, actor, s.id);
    lines.push(`## ${s.heldOn} — ${s.place}`);
    if (s.agenda) lines.push(s.agenda);
    lines.push(fill(words.attendance, { women: s.participation.women, men: s.participation.men }));
    if (detail.decisions.length > 0) {
      lines.push('', `${words.decisions}${colon}`);
      for (const d of detail.decisions)
        lines.push(`- ${d.text}${d.owner ? ` (${d.owner}${d.deadline ? `, ${words.deadline} ${d.deadline}` : ''})` : ''}`);
    }
    lines.push('');
  }
  return { body: lines.join('\n').trimEnd(), sources };
}

function presentReport(row: Omit<ReportRow, 'body' | 'sources'>): EngagementReport {
  return {
    id: row.id,
    periodKind: row.period_kind as EngagementReport['periodKind'],
    periodStart: row.period_start,
    periodEnd: row.period_end,
    language: row.language as Locale,
    title: row.title,
    authorLabel: row.author_label,
    unit: row.unit_code,
    classification: row.classification as Classification,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function listReports(ctx: AppContext, actor: Actor | null): Promise<EngagementReport[]> {
  return (await listReportRows(ctx.database.db, engagementReadScope(actor))).map(presentReport);
}

async function readableReport(ctx: AppContext, actor: Actor | null, id: string): Promise<ReportRow> {
  const row = await findReport(ctx.database.db, id);
  if (!row || !can(actor, 'read', guardOf(row))) throw notFound();
  return row;
}

export async function getReport(ctx: AppContext, actor: Actor | null, id: string): Promise<EngagementReportDetail> {
  const row = await readableReport(ctx, actor, id);
  return {
    ...presentReport(row),
    body: row.body,
    sources: JSON.parse(row.sources) as ReportSource[],
    may: { edit: mayWriteEngagement(actor, row) },
  };
}

/** Assembles the period's records into a new draft, classed as its most sensitive record. */
export async function assembleReport(ctx: AppContext, actor: Actor, input: ReportInput): Promise<EngagementReportDetail> {
  if (!mayCreateEngagement(actor, input.unit)) throw forbidden();
  const period = periodOf(input.periodKind, input.day);
  const { body, sources } = await assemble(ctx, actor, period, input.language);
  const classification = mostSensitive(sources.map((s) => s.classification));
  const words = REPORT_TEXT[input.language];
  const title = `${PERIOD_KIND_NAMES[input.periodKind][input.language]} — ${fill(words.period, { start: period.start, end: period.end })}`;
  const id = randomUUID();
  await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, input.unit);
    const now = ctx.now().toISOString();
    await insertReport(trx, {
      id,
      period_kind: input.periodKind,
      period_start: period.start,
      period_end: period.end,
      language: input.language,
      title,
      body,
      sources: JSON.stringify(sources),
      unit_code: input.unit,
      classification,
      created_by: actor.id,
      author_label: actor.label,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    return {
      result: undefined,
      audit: {
        action: 'engagement.report.assemble',
        recordType: REPORT,
        recordId: id,
        details: { period: `${period.start}/${period.end}`, records: sources.length, classification },
      },
    };
  });
  return getReport(ctx, actor, id);
}

/** Saves the author's edits to the draft; the class stays that of the records assembled. */
export async function updateReport(ctx: AppContext, actor: Actor, id: string, body: ReportUpdate): Promise<EngagementReportDetail> {
  const row = await readableReport(ctx, actor, id);
  if (!mayWriteEngagement(actor, row)) throw forbidden();
  const next: Partial<ReportRow> = {};
  if (body.title !== undefined) next.title = body.title;
  if (body.body !== undefined) next.body = body.body;
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await updateReportIfVersion(trx, id, body.version, { ...next, updated_at: at }))) throw versionConflict();
    return {
      result: undefined,
      audit: { action: 'engagement.report.update', recordType: REPORT, recordId: id, details: { fields: Object.keys(next) } },
    };
  });
  return getReport(ctx, actor, id);
}

/** The report as PDF in its language, marked with its class on every page; the export is audited. */
export async function reportPdf(ctx: AppContext, actor: Actor, id: string): Promise<{ pdf: Buffer; filename: string }> {
  const row = await readableReport(ctx, actor, id);
  const pdf = await renderReportPdf({
    title: row.title,
    body: row.body,
    language: row.language as Locale,
    classification: row.classification as Classification,
    author: row.author_label,
    updatedAt: row.updated_at,
  });
  await recordAudit(ctx, actor, {
    action: 'engagement.report.export',
    recordType: REPORT,
    recordId: id,
    details: { classification: row.classification },
  });
  return { pdf, filename: `report-${row.period_kind}-${row.period_start}.pdf` };
}
