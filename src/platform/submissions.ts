import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { SUBMISSION_KEY } from '../contracts/common.js';
import type { Trx } from '../db/database.js';
import type { AuditActor, AuditEvent } from './audit.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';

/**
 * Exactly once over a link that drops. A device gives each record it sends a key of its own (the
 * `Idempotency-Key` header); the key is taken in the transaction that creates the record, one per
 * account, so a send repeated — the answer was lost, the outbox retried, two tabs sent together —
 * is answered with the record already made, and nothing is made twice. On PostgreSQL a second
 * transaction taking the same key waits for the first and then finds it taken; on SQLite writes
 * are serialised. Either way the second transaction is rolled back whole.
 */
export interface Submission {
  key: string;
  /** What the key creates, e.g. `incident.create`: the same key sent for something else is refused. */
  kind: string;
  /**
   * When the device's user entered the record (`Mandat-Entered-At`), as an ISO instant in UTC, if
   * the device said; never later than the server's clock when the send arrived.
   */
  enteredAt?: string;
}

/** Another send with the same key committed first: the creating transaction must not commit. */
export class SubmissionTaken extends Error {
  constructor() {
    super('submission key taken');
    this.name = 'SubmissionTaken';
  }
}

type Header = string | string[] | undefined;

const ENTERED_AT = z.iso.datetime({ offset: true });

/**
 * The key of a request's `Idempotency-Key` header, or none, with the time of its `Mandat-Entered-At`
 * header; a malformed key or time is a 400. The time is read only with a key: a record sent without
 * one was not kept on a device to be sent later, so it was entered when it arrived. A device whose
 * clock runs ahead cannot date a record after its arrival: such a time is kept as `now`.
 */
export function submissionOf(
  headers: { 'idempotency-key'?: Header; 'mandat-entered-at'?: Header },
  kind: string,
  now: Date,
): Submission | undefined {
  const header = headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? undefined : header.trim();
  if (!key || !SUBMISSION_KEY.test(key)) throw new AppError(400, 'submission_key_invalid');
  const entered = headers['mandat-entered-at'];
  if (entered === undefined) return { key, kind };
  const time = Array.isArray(entered) ? undefined : entered.trim();
  if (!time || !ENTERED_AT.safeParse(time).success) throw new AppError(400, 'entered_at_invalid');
  const at = new Date(time);
  if (Number.isNaN(at.getTime())) throw new AppError(400, 'entered_at_invalid');
  return { key, kind, enteredAt: (at > now ? now : at).toISOString() };
}

/** Called by `auditedTransaction`: takes the key for the record its audit event names. */
export async function takeSubmissionKey(
  trx: Trx,
  actor: AuditActor,
  submission: Submission,
  events: readonly AuditEvent[],
  now: Date,
): Promise<void> {
  const recordId = events.find((event) => event.recordId)?.recordId;
  if (!actor.id || !recordId) throw new Error(`a submission key needs an account and a created record (${submission.kind})`);
  const taken = await trx
    .insertInto('submission_keys')
    .values({
      account_id: actor.id,
      key: submission.key,
      kind: submission.kind,
      record_id: recordId,
      created_at: now.toISOString(),
      entered_at: submission.enteredAt ?? null,
    })
    .onConflict((conflict) => conflict.columns(['account_id', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(taken.numInsertedOrUpdatedRows ?? 0n) === 0) throw new SubmissionTaken();
}

async function recordMadeUnder(ctx: AppContext, actor: AuditActor, submission: Submission): Promise<string | undefined> {
  if (!actor.id) return undefined;
  const row = await ctx.database.db
    .selectFrom('submission_keys')
    .select(['kind', 'record_id'])
    .where('account_id', '=', actor.id)
    .where('key', '=', submission.key)
    .executeTakeFirst();
  if (row && row.kind !== submission.kind) throw new AppError(422, 'submission_key_reused');
  return row?.record_id;
}

/**
 * Creates a record once per key: `create` makes it (passing the key on to `auditedTransaction`),
 * `replay` reads the record an earlier send with the same key made, as the requester may read it.
 */
export async function submitOnce<T>(
  ctx: AppContext,
  actor: AuditActor,
  submission: Submission | undefined,
  create: (submission: Submission | undefined) => Promise<T>,
  replay: (recordId: string) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (!submission) return { result: await create(undefined), replayed: false };
  const earlier = await recordMadeUnder(ctx, actor, submission);
  if (earlier) return { result: await replay(earlier), replayed: true };
  try {
    return { result: await create(submission), replayed: false };
  } catch (error) {
    // Whatever refused this send (the key taken meanwhile, or a rule the first send's record now
    // trips, such as "this snapshot exists"), a key that names a record means it was a repeat.
    const made = await recordMadeUnder(ctx, actor, submission);
    if (!made) throw error;
    return { result: await replay(made), replayed: true };
  }
}

/**
 * A create route's answer: 201 with the record just made, or 200 with the one an earlier send
 * with the same key made, marked `Idempotent-Replayed: true`.
 */
export function answerOnce<T>(reply: FastifyReply, { result, replayed }: { result: T; replayed: boolean }) {
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(replayed ? 200 : 201).send(result);
}
