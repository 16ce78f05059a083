import { z } from 'zod';
import { localeSchema } from './common.js';

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  /** The account's name, when the entry is an account's. */
  actorName: z.string().nullable(),
  action: z.string(),
  /** The action in the reader's language (the code itself when the catalog has none). */
  actionLabel: z.string(),
  recordType: z.string().nullable(),
  recordTypeLabel: z.string().nullable(),
  recordId: z.string().nullable(),
  /** What the record is called, only where the reader may read it (an incident's title, a unit's name). */
  recordLabel: z.string().nullable(),
  decision: z.enum(['allow', 'deny']),
  reason: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const isoDay = z.iso.date();

/** Filters shared by the page and the export: who, what, which kind of record, which days (UTC, inclusive). */
export const auditFilterSchema = z.strictObject({
  /** An account's id, or the label an entry carries (an e-mail address, `cli`, `anonymous`). */
  actor: z.string().trim().max(254).optional(),
  /** An action code, or the start of one (`incident.`). */
  action: z.string().trim().max(64).optional(),
  recordType: z.string().trim().max(64).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = auditFilterSchema.extend({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditExportQuerySchema = auditFilterSchema.extend({
  separator: z.enum(['comma', 'semicolon']).optional(),
  /** The language of the file; by default the request's. */
  lang: localeSchema.optional(),
});

/** What the filters offer: actions and record types with their names, and the accounts. */
export const auditCatalogSchema = z.object({
  actions: z.array(z.object({ code: z.string(), label: z.string() })),
  recordTypes: z.array(z.object({ code: z.string(), label: z.string() })),
  actors: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
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
