import { randomUUID } from 'node:crypto';
import type { DatabaseHandle, Trx } from '../db/database.js';
import type { AuditEvent } from './audit.js';
import { unlessChanged } from './audit-version.js';
import type { AppContext } from './context.js';

/**
 * The audited writes that can change the mission's public data: sections, their texts, places
 * and partners (all loaded by the fact-book seed), contacts and figures (the strength chart of
 * the fiche is drawn from figures). What the fiche shows and what the sections, partners and
 * search answer to a reader without an account all come from these tables. A new write to any
 * of them must be listed here.
 *
 * A public text or contact changes only when a proposal is published (`section_proposal.publish`);
 * proposing, rejecting or withdrawing changes nothing public and is not listed. The direct edits
 * (`section_text.update`, `contact.update`) now reach only non-public texts and contacts, but they
 * write the same tables and stay listed: a needless new version costs one rebuild, a missing one
 * would serve stale public data.
 */
export const PUBLIC_DATA_ACTIONS: readonly string[] = [
  'factbook.seed',
  'section_text.update',
  'contact.update',
  'figure.update',
  'section_proposal.publish',
  // A fiche figure bound to records (src/modules/results), or compared with them while not bound:
  // binding and unbinding, the values entered for a bound indicator, and strength snapshots, which
  // the deployed figures of the Force, UNPOL and the volunteers are always compared with.
  'figure.bind',
  'figure.unbind',
  'result_value.create',
  'strength.create',
  'strength.import',
];

/**
 * The audit actions of the modules a bound figure may be computed from, by the binding's `source`
 * (figure_bindings.source). A write to one of them changes the public data only while some figure
 * is bound to that source: the version then moves, otherwise it stays (the incident log is written
 * all day long, and an unbound fiche need not be rebuilt for it).
 */
export const BOUND_SOURCE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  projects: ['project.'],
  ddr: ['ddr.'],
  incidents: ['incident.', 'actor.'],
};

/** The sources whose records these events changed. */
export function boundSourcesOf(events: readonly AuditEvent[]): string[] {
  return Object.entries(BOUND_SOURCE_ACTIONS)
    .filter(([, prefixes]) => events.some((e) => e.decision !== 'deny' && prefixes.some((p) => e.action.startsWith(p))))
    .map(([source]) => source);
}

/** Whether a fiche figure is bound to one of these sources (read in the transaction of the change). */
export async function figuresBoundTo(trx: Trx, sources: readonly string[]): Promise<boolean> {
  if (sources.length === 0) return false;
  const row = await trx
    .selectFrom('figure_bindings')
    .select('figure_key')
    .where('source', 'in', [...sources])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether these audit events record a change to public data (a refusal changes nothing). */
export function changesPublicData(events: readonly AuditEvent[]): boolean {
  return events.some((event) => event.decision !== 'deny' && PUBLIC_DATA_ACTIONS.includes(event.action));
}

/**
 * Gives the public data a new version inside the transaction of the change (`auditedTransaction`
 * calls it), so that the change and its version commit together, from whichever process. Random,
 * as the credentials' version (src/platform/credentials.ts).
 */
export async function bumpPublicDataVersion(trx: Trx): Promise<void> {
  await trx.updateTable('public_data_version').set({ version: randomUUID() }).where('id', '=', 1).execute();
}

/**
 * The version of the public data: it changes whenever one of those writes commits, from
 * whichever process. One read by primary key, and on SQLite none while nothing was committed
 * since the last one (`unlessChanged`): cheap enough to ask on every request.
 */
export function publicDataVersion(ctx: AppContext): Promise<string> {
  return publicDataVersionOf(ctx.database);
}

export function publicDataVersionOf(handle: DatabaseHandle): Promise<string> {
  return unlessChanged(handle, 'public data', async (db) => {
    const row = await db.selectFrom('public_data_version').select('version').where('id', '=', 1).executeTakeFirst();
    return row?.version ?? 'none';
  });
}
