import type { DatabaseHandle, Trx } from '../db/database.js';
import { type AuditActor, type AuditEvent, appendAudit, auditKeyFor } from '../platform/audit.js';
import type { Config } from './config.js';
import { bumpCredentialsVersion, changesCredentials } from './credentials.js';
import { bumpPublicDataVersion, changesBoundFigures, changesPublicData } from './public-data.js';
import { type Submission, takeSubmissionKey } from './submissions.js';

/** Everything a service needs from the running system; passed explicitly, never global. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  /** The clock; tests replace it to exercise expiry. */
  now(): Date;
}

/**
 * Runs a business operation in one transaction and records it in the audit chain in that same
 * transaction: the change and its audit entry commit together or not at all.
 */
export async function auditedTransaction<T>(
  ctx: AppContext,
  actor: AuditActor,
  work: (trx: Trx) => Promise<{ result: T; audit: AuditEvent | AuditEvent[] }>,
  /** The device's key for the record this transaction creates (`submissions.ts`). */
  submission?: Submission,
): Promise<T> {
  let credentials = false;
  const result = await ctx.database.db.transaction().execute(async (trx) => {
    credentials = false;
    const { result, audit } = await work(trx);
    const events = Array.isArray(audit) ? audit : [audit];
    if (events.length === 0) return result;
    // Loaded after the work, so a transaction that records nothing never touches the key file.
    const key = await auditKeyFor(trx, ctx.database.dialect, ctx.config.keyFile);
    const now = ctx.now();
    if (submission) await takeSubmissionKey(trx, actor, submission, events, now);
    for (const event of events) {
      await appendAudit(trx, ctx.database.dialect, actor, event, now, key);
    }
    // Every process keeping resolved credentials sees the change at its next request (auth-cache.ts).
    credentials = changesCredentials(events);
    if (credentials) await bumpCredentialsVersion(trx);
    // The same for the public data, whose responses are kept per version (public-cache.ts).
    // A write to records a bound fiche figure is computed from changes that figure too.
    if (changesPublicData(events) || (await changesBoundFigures(trx, events))) await bumpPublicDataVersion(trx);
    // PostgreSQL: the other processes' kept versions are read again once this commits (and the
    // credentials' version only if this changed credentials, src/db/commit-signal.ts).
    await ctx.database.commitSignal?.notify(trx, { credentials });
    return result;
  });
  // This process's own change holds from now on, before the answer to it is sent.
  ctx.database.commitSignal?.committed({ credentials });
  return result;
}

/** Records an event that changes nothing else (a failed sign-in, an export). */
export function recordAudit(ctx: AppContext, actor: AuditActor, event: AuditEvent): Promise<void> {
  return auditedTransaction(ctx, actor, async () => ({ result: undefined, audit: event }));
}
