import { z } from 'zod';

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  decision: z.enum(['allow', 'deny']),
  reason: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().max(64).optional(),
  actor: z.string().max(254).optional(),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBefore: z.number().int().nullable(),
});

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** Entries hashed under the audit key, and plain SHA-256 entries written before keying. */
  keyed: z.number().int(),
  unkeyed: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string(), at: z.string() }).nullable(),
  firstBroken: z.number().int().nullable(),
  problem: z.string().nullable(),
  /** Every failure found, by code (`problem`) and the entry concerned. */
  failures: z.array(z.object({ problem: z.string(), seq: z.number().int().nullable() })),
});
