import { z } from 'zod';
import { programmeSchema } from './protection.js';

/**
 * What waits for the signed-in account (GET /api/worklist): each part with how many there are and
 * the first few, only records the account may read. Confidential parts (cases, calls) carry
 * references, codes and counts, never what a record says.
 */
const part = <T extends z.ZodType>(item: T) => z.object({ total: z.number().int(), items: z.array(item) });

const incidentItem = z.object({
  ref: z.string(),
  title: z.string(),
  unit: z.string(),
  occurredOn: z.string(),
  updatedAt: z.string(),
});

export const worklistSchema = z.object({
  /** Everything waiting, for the badge in the navigation. */
  total: z.number().int(),
  /** Submitted incidents of the units the account manages, recorded by someone else: its to verify. */
  toVerify: part(incidentItem),
  /** The account's own drafts. */
  drafts: part(incidentItem),
  /** Open alerts addressed to the units where the account may acknowledge or escalate them. */
  alerts: part(
    z.object({ id: z.string(), unit: z.string(), ruleName: z.string(), areaName: z.string(), count: z.number(), raisedAt: z.string() }),
  ),
  /** Calls waiting in the intake queues the account works, oldest first. */
  calls: part(z.object({ ref: z.string(), line: z.string(), concern: z.string(), receivedAt: z.string(), routedTo: z.string() })),
  /** The account's open cases (and, for a unit's managers, the unit's cases with late verifications). */
  cases: part(
    z.object({
      ref: z.string(),
      programme: programmeSchema,
      unit: z.string(),
      status: z.string(),
      /** The workflow's next moves from the case's status (closing and reopening aside). */
      next: z.array(z.string()),
      /** Acts still awaiting verification whose reporting period has ended: verified now, they are late. */
      lateVerifications: z.number().int(),
      updatedAt: z.string(),
    }),
  ),
  /**
   * The account works on confidential records (cases or intake queues) but signed in without a
   * second factor, so they are not shown.
   */
  secondFactorNeeded: z.boolean(),
});
export type Worklist = z.infer<typeof worklistSchema>;
