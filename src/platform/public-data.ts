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
  'strength.create',
  'strength.import',
];

/**
 * Whether these events changed records a bound fiche figure is computed from: each binding names
 * the audit actions (prefixes) of the writes that may change its value (figure_bindings.source,
 * written by the results module from its rule's kind). Read in the transaction of the change; the
 * table holds a handful of rows. A write to the incident log moves the version only while some
 * figure is bound to incidents, so an unbound fiche is not rebuilt all day long.
 */
export async function changesBoundFigures(trx: Trx, events: readonly AuditEvent[]): Promise<boolean> {
  const actions = events.filter((e) => e.decision !== 'deny').map((e) => e.action);
  if (actions.length === 0) return false;
  const rows = await trx.selectFrom('figure_bindings').select('source').distinct().execute();
  const prefixes = rows.flatMap((r) => r.source.split(' ')).filter((p) => p !== '');
  return actions.some((action) => prefixes.some((prefix) => action.startsWith(prefix)));
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
  return unlessChanged(
    handle,
    'public data',
    async (db) => {
      const row = await db.selectFrom('public_data_version').select('version').where('id', '=', 1).executeTakeFirst();
      return row?.version ?? 'none';
    },
    { lagging: true },
  );
}
