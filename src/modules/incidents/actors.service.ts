import type { Locale } from '../../contracts/common.js';
import type { ActorInput, ActorRegistry, ActorStatus, RegistryActor } from '../../contracts/incidents.js';
import { actorTypes, codeOf, DEFAULT_ACTORS, label } from '../../data/vocab/incidents.js';
import type { Db, Trx } from '../../db/database.js';
import type { AuditEvent } from '../../platform/audit.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { appendHistory } from '../../platform/history.js';
import { type Actor, readScope } from '../../platform/policy.js';
import { searchKey } from '../../platform/text.js';
import { actorsLine } from './incidents.history.js';
import { mayKeepActorRegistry } from './incidents.policy.js';
import {
  actorExists,
  bumpIncidentVersions,
  findActor,
  findActorAlias,
  incidentCountsByActor,
  incidentsNamingActor,
  insertActor,
  insertActorAlias,
  insertActorAliasesIfAbsent,
  insertActorsIfAbsent,
  listActorAliases,
  listActors,
  mergeActorInto,
  relations,
  setActorStatus as updateActorStatus,
} from './incidents.repository.js';

/**
 * The actor registry: the parties incidents name, kept by the managers of the JOC/JMAC's office
 * and of the Force, and the administrators (`mayKeepActorRegistry`). Nothing is ever deleted:
 * a retired actor stays on the incidents that name it, a merged one becomes a redirect to the
 * survivor, and every other name an actor goes by is kept as an alias that imports map.
 */

const RECORD_TYPE = 'actor';

/** The audit actions after which the registry (and the vocabulary that carries it) reads differently. */
export const ACTOR_ACTIONS = ['actor.create', 'actor.alias', 'actor.merge', 'actor.retire', 'actor.reinstate'] as const;

type ActorRow = Awaited<ReturnType<typeof listActors>>[number];

export function presentActor(locale: Locale) {
  const types = new Map(actorTypes().map((a) => [a.code, label(a, locale)]));
  return (a: Pick<ActorRow, 'code' | 'name_fr' | 'name_en' | 'actor_type' | 'status'>): RegistryActor => ({
    code: a.code,
    name: locale === 'fr' ? a.name_fr : a.name_en,
    nameFr: a.name_fr,
    nameEn: a.name_en,
    type: a.actor_type,
    typeName: types.get(a.actor_type) ?? String(a.actor_type),
    status: a.status as ActorStatus,
  });
}

function requireKeeper(actor: Actor): void {
  if (!mayKeepActorRegistry(actor)) throw new AppError(403, 'forbidden');
}

/** The registry page: every actor, with its aliases, status and the incidents the reader sees name it. */
export async function actorRegistryPage(ctx: AppContext, actor: Actor | null, locale: Locale): Promise<ActorRegistry> {
  const db = ctx.database.db;
  const [actors, aliases, counts] = await Promise.all([listActors(db), listActorAliases(db), incidentCountsByActor(db, readScope(actor))]);
  const present = presentActor(locale);
  const aliasesOf = new Map<string, string[]>();
  for (const a of aliases) aliasesOf.set(a.actor_code, [...(aliasesOf.get(a.actor_code) ?? []), a.alias]);
  return {
    actors: actors.map((a) => ({
      ...present(a),
      mergedInto: a.merged_into,
      source: a.source,
      aliases: aliasesOf.get(a.code) ?? [],
      incidents: counts.get(a.code) ?? 0,
    })),
    may: { keep: mayKeepActorRegistry(actor) },
  };
}

/** A free code for a new actor: from the English name, with a number when taken. */
async function freeCode(db: Db | Trx, name: string): Promise<string> {
  const base = (/^[a-z]/.test(codeOf(name)) ? codeOf(name) : `actor_${codeOf(name)}`).slice(0, 36).replace(/_$/, '');
  for (let n = 1; ; n += 1) {
    const code = n === 1 ? base : `${base}_${n}`;
    if (!(await actorExists(db, code))) return code;
  }
}

/** Adds an actor inside the caller's transaction; returns its row and the audit entry. */
export async function insertRegistryActor(
  trx: Trx,
  at: string,
  input: Omit<ActorInput, 'code'> & { code?: string | undefined },
): Promise<{ row: ActorRow; audit: AuditEvent }> {
  const code = input.code ?? (await freeCode(trx, input.nameEn));
  if (await actorExists(trx, code)) throw new AppError(409, 'actor_exists', { code });
  const row: ActorRow = {
    code,
    name_fr: input.nameFr,
    name_en: input.nameEn,
    actor_type: input.type,
    created_at: at,
    status: 'active',
    merged_into: null,
    source: input.source?.trim() || null,
  };
  await insertActor(trx, row);
  return {
    row,
    audit: { action: 'actor.create', recordType: RECORD_TYPE, recordId: code, details: { nameEn: row.name_en, type: row.actor_type } },
  };
}

/** Records `alias` as another name of `code`, inside the caller's transaction. */
export async function insertRegistryAlias(trx: Trx, at: string, code: string, alias: string): Promise<AuditEvent> {
  const key = searchKey(alias);
  const taken = await findActorAlias(trx, key);
  if (taken) throw new AppError(409, 'alias_taken', { alias, code: taken.actor_code });
  await insertActorAlias(trx, { alias_key: key, alias: alias.trim(), actor_code: code, created_at: at });
  return { action: 'actor.alias', recordType: RECORD_TYPE, recordId: code, details: { alias: alias.trim() } };
}

export async function addActor(ctx: AppContext, actor: Actor, input: ActorInput, locale: Locale): Promise<RegistryActor> {
  requireKeeper(actor);
  return auditedTransaction(ctx, actor, async (trx) => {
    const { row, audit } = await insertRegistryActor(trx, ctx.now().toISOString(), input);
    return { result: presentActor(locale)(row), audit };
  });
}

async function liveActor(db: Db | Trx, code: string): Promise<ActorRow> {
  const row = await findActor(db, code);
  if (!row) throw notFound();
  if (row.status === 'merged') throw new AppError(409, 'actor_merged', { code, into: row.merged_into ?? '' });
  return row;
}

export async function addActorAlias(ctx: AppContext, actor: Actor, code: string, alias: string): Promise<void> {
  requireKeeper(actor);
  await auditedTransaction(ctx, actor, async (trx) => {
    await liveActor(trx, code);
    return { result: undefined, audit: await insertRegistryAlias(trx, ctx.now().toISOString(), code, alias) };
  });
}

/**
 * Merges a duplicate into the survivor: the incidents naming it now name the survivor, its
 * aliases move with them, and its own names become aliases of the survivor, so a file that
 * still spells it maps to the survivor. The merged actor stays as a redirect.
 */
export async function mergeActor(ctx: AppContext, actor: Actor, code: string, into: string): Promise<void> {
  requireKeeper(actor);
  if (code === into) throw new AppError(409, 'actor_merge_self');
  await auditedTransaction(ctx, actor, async (trx) => {
    const merged = await liveActor(trx, code);
    await liveActor(trx, into);
    const at = ctx.now().toISOString();
    const moved = await incidentsNamingActor(trx, code);
    const ids = moved.map((m) => m.id);
    const before = actorsByIncident((await relations(trx, ids)).actors);
    const incidents = await mergeActorInto(trx, code, into);
    const after = actorsByIncident((await relations(trx, ids)).actors);
    await bumpIncidentVersions(trx, ids, at);
    // Each incident's history says its actor changed, as an edit would have.
    for (const { id, version } of moved) {
      await appendHistory(trx, {
        recordType: 'incident',
        recordId: id,
        version: version + 1,
        actor,
        changes: { actors: { from: before.get(id) ?? '', to: after.get(id) ?? '' } },
        at,
      });
    }
    await insertActorAliasesIfAbsent(
      trx,
      [...new Set([merged.name_fr, merged.name_en])].map((alias) => ({
        alias_key: searchKey(alias),
        alias,
        actor_code: into,
        created_at: at,
      })),
    );
    return {
      result: undefined,
      audit: { action: 'actor.merge', recordType: RECORD_TYPE, recordId: code, details: { into, incidents } },
    };
  });
}

/** Each incident's actors as its history writes them. */
function actorsByIncident(rows: readonly { incident_id: string; role: string; actor_code: string }[]): Map<string, string> {
  const byIncident = new Map<string, { role: string; actor_code: string }[]>();
  for (const row of rows) byIncident.set(row.incident_id, [...(byIncident.get(row.incident_id) ?? []), row]);
  return new Map([...byIncident].map(([id, actors]) => [id, actorsLine(actors)]));
}

/** Retires an actor (not offered for new incidents, kept on old ones) or puts it back in service. */
export async function setActorStatus(ctx: AppContext, actor: Actor, code: string, status: 'active' | 'retired'): Promise<void> {
  requireKeeper(actor);
  await auditedTransaction(ctx, actor, async (trx) => {
    const row = await liveActor(trx, code);
    if (row.status !== status) await updateActorStatus(trx, code, status);
    return {
      result: undefined,
      audit: { action: status === 'retired' ? 'actor.retire' : 'actor.reinstate', recordType: RECORD_TYPE, recordId: code },
    };
  });
}

export interface ActorMatch {
  code: string;
  by: 'registry' | 'alias';
}

/**
 * How a file's actor names find registry actors: by code, French or English name or the
 * abbreviation in brackets ("JNIM"), then by alias; a merged actor leads to its survivor.
 */
export async function actorMatcher(db: Db | Trx): Promise<(name: string) => ActorMatch | null> {
  const [actors, aliases] = await Promise.all([listActors(db), listActorAliases(db)]);
  const byCode = new Map(actors.map((a) => [a.code, a]));
  const survivor = (code: string): string => {
    let current = byCode.get(code);
    for (let hops = 0; current?.status === 'merged' && current.merged_into && hops < 20; hops += 1)
      current = byCode.get(current.merged_into);
    return current?.code ?? code;
  };
  const names = new Map<string, string>();
  const abbreviation = (name: string) => searchKey(/\(([^)]+)\)\s*$/.exec(name)?.[1] ?? '');
  for (const a of actors) {
    for (const key of [searchKey(a.name_fr), searchKey(a.name_en)]) if (!names.has(key)) names.set(key, a.code);
  }
  for (const a of actors) {
    for (const key of [abbreviation(a.name_fr), abbreviation(a.name_en)]) if (key && !names.has(key)) names.set(key, a.code);
  }
  const aliasOf = new Map(aliases.map((a) => [a.alias_key, a.actor_code]));
  return (name) => {
    const trimmed = name.trim();
    const key = searchKey(trimmed);
    const found = byCode.get(trimmed)?.code ?? names.get(key);
    if (found) return { code: survivor(found), by: 'registry' };
    const alias = aliasOf.get(key);
    return alias ? { code: survivor(alias), by: 'alias' } : null;
  };
}

/** Loads the default actor registry and its aliases; safe at every start (what is there is kept as its keepers left it). */
export async function loadReferenceActors(ctx: AppContext): Promise<void> {
  const at = ctx.now().toISOString();
  const db = ctx.database.db;
  await insertActorsIfAbsent(
    db,
    DEFAULT_ACTORS.map((a) => ({
      code: a.code,
      name_fr: a.fr,
      name_en: a.en,
      actor_type: a.type,
      created_at: at,
      source: a.source ?? null,
    })),
  );
  await insertActorAliasesIfAbsent(
    db,
    DEFAULT_ACTORS.flatMap((a) =>
      (a.aliases ?? []).map((alias) => ({ alias_key: searchKey(alias), alias, actor_code: a.code, created_at: at })),
    ),
  );
}
