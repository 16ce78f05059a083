import type { z } from 'zod';
import type { Locale } from '../../contracts/common.js';
import { type ImportMapping, type IncidentImportPreview, importMappingSchema } from '../../contracts/incidents.js';
import { findEventType } from '../../data/vocab/incidents.js';
import type { Trx } from '../../db/database.js';
import { t } from '../../i18n/index.js';
import type { AuditEvent } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type Actor, can } from '../../platform/policy.js';
import { timeSlices } from '../../platform/slices.js';
import { searchKey } from '../../platform/text.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { actorMatcher, insertRegistryActor, insertRegistryAlias } from './actors.service.js';
import { actorNames, eventKey, eventMatcher, FILE_COLUMNS } from './incidents.acled.js';
import { type CsvInput, errorList, readCsv } from './incidents.csv.js';
import { mayKeepActorRegistry } from './incidents.policy.js';
import { findActor, upsertEventTypeAlias } from './incidents.repository.js';

export type ImportMappingParsed = z.output<typeof importMappingSchema>;

/** Where an import (or its preview) puts its rows: the owning unit and the class of rows that give none. */
export interface ImportTarget {
  unit: string;
  classification: string;
  locale: Locale;
}

/** Refuses an import, or its preview, into a unit and class the account may not create incidents in. */
export function requireImportRight(actor: Actor, target: ImportTarget): void {
  if (!can(actor, 'create', { unit: target.unit, classification: target.classification as 'internal' }))
    throw new AppError(403, 'forbidden');
}

/**
 * The mapping step before an import: the file's actors and event types, each with its count and
 * what it maps to now (registry name, alias, vocabulary or remembered mapping). Writes nothing.
 */
export async function previewIncidentsCsv(
  ctx: AppContext,
  actor: Actor,
  input: CsvInput,
  options: ImportTarget,
): Promise<IncidentImportPreview> {
  requireImportRight(actor, options);
  const [matchActor, matchEvent] = await Promise.all([actorMatcher(ctx.database.db), eventMatcher(ctx.database.db)]);
  const { errors, report } = errorList();
  const ignored: string[] = [];
  const actors = new Map<string, number>();
  const events = new Map<string, { eventType: string; subEventType: string; count: number }>();
  let rows = 0;
  const nextSlice = timeSlices();
  for await (const { record } of readCsv(input, FILE_COLUMNS, options.locale, report, ignored)) {
    rows += 1;
    await nextSlice();
    for (const { name } of actorNames(record)) actors.set(name, (actors.get(name) ?? 0) + 1);
    const eventType = record.event_type?.trim() ?? '';
    const subEventType = record.sub_event_type?.trim() ?? '';
    const key = `${eventType}\u0000${subEventType}`;
    const entry = events.get(key) ?? { eventType, subEventType, count: 0 };
    entry.count += 1;
    events.set(key, entry);
  }
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
  return {
    rows,
    ignoredColumns: ignored,
    errors,
    actors: [...actors]
      .map(([name, count]) => {
        const match = matchActor(name);
        return { name, count, match: match?.code ?? null, by: match?.by ?? null };
      })
      .sort((a, b) => byCount(a, b) || a.name.localeCompare(b.name)),
    eventTypes: [...events.values()]
      .map((e) => {
        const match = matchEvent(e.eventType, e.subEventType);
        return { ...e, match: match ? { eventType: match.eventType, subEventType: match.subEventType } : null, by: match?.by ?? null };
      })
      .sort(byCount),
  };
}

/**
 * Applies the user's mapping inside the import's transaction: a name mapped to an actor becomes
 * its alias, a name to create becomes a new actor (the registry's keepers only), an event type
 * pair is remembered. Undone with the import if the file fails.
 */
export async function applyMapping(
  trx: Trx,
  ctx: AppContext,
  actor: Actor,
  mapping: ImportMappingParsed,
  locale: Locale,
): Promise<AuditEvent[]> {
  const audit: AuditEvent[] = [];
  const at = ctx.now().toISOString();
  const matchActor = await actorMatcher(trx);
  for (const item of mapping.actors) {
    if ('create' in item) {
      if (!mayKeepActorRegistry(actor)) throw new AppError(403, 'forbidden');
      const created = await insertRegistryActor(trx, at, { ...item.create, source: t(locale, 'incidents.actor_from_import') });
      audit.push(created.audit);
      if (
        matchActor(item.name) === null &&
        searchKey(item.name) !== searchKey(item.create.nameEn) &&
        searchKey(item.name) !== searchKey(item.create.nameFr)
      )
        audit.push(await insertRegistryAlias(trx, at, created.row.code, item.name));
      continue;
    }
    const current = matchActor(item.name);
    if (current?.code === item.actor) continue;
    const target = await findActor(trx, item.actor);
    if (!target || target.status === 'merged') throwFieldErrors([{ path: ['mapping', 'actors', item.name], message: 'unknown_actor' }]);
    audit.push(await insertRegistryAlias(trx, at, item.actor, item.name));
  }
  for (const item of mapping.eventTypes) {
    const type = findEventType(item.to.eventType);
    if (!type?.subTypes.some((s) => s.code === item.to.subEventType))
      throwFieldErrors([{ path: ['mapping', 'eventTypes', `${item.eventType} / ${item.subEventType}`], message: 'vocabulary' }]);
    await upsertEventTypeAlias(trx, {
      alias_key: eventKey(item.eventType, item.subEventType),
      alias: `${item.eventType} / ${item.subEventType}`,
      event_type: item.to.eventType,
      sub_event_type: item.to.subEventType,
      created_at: at,
    });
    audit.push({
      action: 'event_type.alias',
      recordType: 'event_type',
      recordId: item.to.subEventType,
      details: { alias: `${item.eventType} / ${item.subEventType}` },
    });
  }
  return audit;
}

/** A new actor named as in the file, when a mapping file says only "create": ACLED's type 3, as the web's mapping step offers first. */
const DEFAULT_NEW_ACTOR_TYPE = 3;

/**
 * A mapping written as a JSON file, for imports from the command line: each of the file's actor
 * names to a registry actor's code, to "create" (a new actor named as in the file) or to
 * `{ "create": { "nameFr", "nameEn", "type" } }`; each "event type / sub-event type" of the file
 * to the vocabulary's "event_type/sub_event_type". Every entry that cannot be read is named with
 * its value, in the reader's language; whether the codes exist is checked by the import.
 */
export function mappingOfJson(json: unknown, locale: Locale): { mapping: ImportMappingParsed; errors: string[] } | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { actors = {}, eventTypes = {}, ...rest } = json as Record<string, unknown>;
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (Object.keys(rest).length > 0 || !isObject(actors) || !isObject(eventTypes)) return null;
  const errors: string[] = [];
  const fail = (key: 'actor' | 'event', name: string, value: unknown) =>
    errors.push(
      t(locale, `incidents.mapping_${key}_value`, {
        name,
        value: typeof value === 'string' ? value : JSON.stringify(value),
        message: t(locale, `incidents.mapping_${key}_expected`),
      }),
    );
  const pair = (text: unknown) => {
    const parts = typeof text === 'string' ? text.split('/').map((part) => part.trim()) : [];
    return parts.length === 2 && parts.every(Boolean) ? parts : null;
  };
  for (const [name, value] of Object.entries(eventTypes)) if (!pair(name) || !pair(value)) fail('event', name, value);
  const mapping: Record<keyof ImportMapping, unknown[]> = {
    actors: Object.entries(actors).map(([name, value]) =>
      value === 'create'
        ? { name, create: { nameFr: name, nameEn: name, type: DEFAULT_NEW_ACTOR_TYPE } }
        : isObject(value)
          ? { name, ...value }
          : { name, actor: value as string },
    ),
    eventTypes: Object.entries(eventTypes).map(([name, value]) => {
      const [eventType = '', subEventType = ''] = pair(name) ?? [];
      const [toType = '', toSub = ''] = pair(value) ?? [];
      return { eventType, subEventType, to: { eventType: toType, subEventType: toSub } };
    }),
  };
  const parsed = importMappingSchema.safeParse(mapping);
  if (parsed.success) return { mapping: parsed.data, errors };
  const failed = new Set<string>();
  for (const [part, index] of parsed.error.issues.map((issue) => issue.path)) {
    if (failed.has(`${String(part)}|${String(index)}`)) continue;
    failed.add(`${String(part)}|${String(index)}`);
    const [name = '', value] = Object.entries(part === 'actors' ? actors : eventTypes)[Number(index)] ?? [];
    fail(part === 'actors' ? 'actor' : 'event', name, value);
  }
  return { mapping: { actors: [], eventTypes: [] }, errors };
}
