import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import {
  type PressPointList,
  type pressPointInputSchema,
  type programmeInputSchema,
  RADIO_LANGUAGES,
  type Radio,
} from '../../contracts/news.js';
import { PRESS_POINT_EVERY_DAYS, RADIO_LANGUAGE_NAMES, RADIO_SOURCE, RADIO_STATIONS } from '../../data/radio.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/policy.js';
import { mayDraft } from './news.policy.js';
import {
  deleteProgramme,
  insertPressPoint,
  insertProgramme,
  listPressPointRows,
  listProgrammeRows,
  type PressPointRow,
  type ProgrammeRow,
  programmeExists,
} from './news.repository.js';

/** The press points (one every few days, announced ahead) and Radio Mikado FM's schedule by language. */

const PRESS_POINT = 'news_press_point';
const PROGRAMME = 'radio_programme';

type PressPointInput = z.output<typeof pressPointInputSchema>;
type ProgrammeInput = z.output<typeof programmeInputSchema>;

const nowIso = (ctx: AppContext) => ctx.now().toISOString();

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export async function listPressPoints(ctx: AppContext, locale: Locale): Promise<PressPointList> {
  const rows = await listPressPointRows(ctx.database.db);
  const today = nowIso(ctx).slice(0, 10);
  const shown = (row: PressPointRow) => ({
    id: row.id,
    heldOn: row.held_on,
    startsAt: row.starts_at,
    place: row.place,
    topic: locale === 'en' ? (row.topic_en ?? row.topic_fr) : row.topic_fr,
  });
  const latest = rows[0];
  return {
    everyDays: PRESS_POINT_EVERY_DAYS,
    upcoming: rows
      .filter((row) => row.held_on >= today)
      .reverse()
      .map(shown),
    past: rows.filter((row) => row.held_on < today).map(shown),
    next: latest ? addDays(latest.held_on, PRESS_POINT_EVERY_DAYS) : null,
  };
}

export async function createPressPoint(ctx: AppContext, actor: Actor, input: PressPointInput, locale: Locale): Promise<PressPointList> {
  if (!mayDraft(actor)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    const row: PressPointRow = {
      id: randomUUID(),
      held_on: input.heldOn,
      starts_at: input.startsAt,
      place: input.place,
      topic_fr: input.topicFr,
      topic_en: input.topicEn,
      created_by: actor.id,
      created_at: nowIso(ctx),
    };
    await insertPressPoint(trx, row);
    return { result: undefined, audit: { action: 'news.press_point.create', recordType: PRESS_POINT, recordId: row.id } };
  });
  return listPressPoints(ctx, locale);
}

export async function radio(ctx: AppContext, locale: Locale): Promise<Radio> {
  const rows = await listProgrammeRows(ctx.database.db);
  const shown = (row: ProgrammeRow) => ({
    id: row.id,
    language: row.language as Radio['languages'][number]['code'],
    title: locale === 'en' ? (row.title_en ?? row.title_fr) : row.title_fr,
    days: row.days.split(',').map(Number),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  });
  return {
    name: 'Radio Mikado FM',
    stations: RADIO_STATIONS.map((s) => ({ ...s })),
    source: RADIO_SOURCE[locale],
    languages: RADIO_LANGUAGES.map((code) => ({
      code,
      name: RADIO_LANGUAGE_NAMES[code][locale],
      programmes: rows.filter((row) => row.language === code).map(shown),
    })),
  };
}

export async function createProgramme(ctx: AppContext, actor: Actor, input: ProgrammeInput, locale: Locale): Promise<Radio> {
  if (!mayDraft(actor)) throw forbidden();
  await auditedTransaction(ctx, actor, async (trx) => {
    const row: ProgrammeRow = {
      id: randomUUID(),
      language: input.language,
      title_fr: input.titleFr,
      title_en: input.titleEn,
      days: [...new Set(input.days)].sort().join(','),
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      created_by: actor.id,
      created_at: nowIso(ctx),
    };
    await insertProgramme(trx, row);
    return { result: undefined, audit: { action: 'radio.programme.create', recordType: PROGRAMME, recordId: row.id } };
  });
  return radio(ctx, locale);
}

export async function removeProgramme(ctx: AppContext, actor: Actor, id: string, locale: Locale): Promise<Radio> {
  // The schedule is public: whether a programme exists is no secret.
  if (!mayDraft(actor)) throw (await programmeExists(ctx.database.db, id)) ? forbidden() : notFound();
  await auditedTransaction(ctx, actor, async (trx) => {
    if (!(await deleteProgramme(trx, id))) throw notFound();
    return { result: undefined, audit: { action: 'radio.programme.delete', recordType: PROGRAMME, recordId: id } };
  });
  return radio(ctx, locale);
}
