import { z } from 'zod';

/** Languages Mandat speaks, French first. */
export const LOCALES = ['fr', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

/** Data classes from SECURITY.md, from least to most sensitive. */
export const CLASSIFICATIONS = ['public', 'internal', 'restricted', 'confidential'] as const;
export const classificationSchema = z.enum(CLASSIFICATIONS);
export type Classification = z.infer<typeof classificationSchema>;

/**
 * A member's role inside one unit. An `operator` answers the unit's hotline: records calls and
 * sees the calls they took, nothing of the unit's cases.
 */
export const UNIT_ROLES = ['viewer', 'operator', 'officer', 'manager'] as const;
export const unitRoleSchema = z.enum(UNIT_ROLES);
export type UnitRole = z.infer<typeof unitRoleSchema>;
/** Roles that write a unit's records. */
export const WRITER_ROLES: readonly UnitRole[] = ['officer', 'manager'];

export const unitCodeSchema = z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/, { message: 'unit_code' });

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** Passwords: length is what matters (NIST SP 800-63B); no composition rules. */
export const passwordSchema = z.string().min(12).max(256);

export const idSchema = z.uuid();

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const okSchema = z.object({ ok: z.literal(true) });

/**
 * The headers of a route that creates a record a device may send again: `Idempotency-Key`, the
 * device's own key for that record (letters, digits and `._:-`, 8 to 100 characters). A send with a
 * key already used by the same account answers 200 with the record made the first time.
 * `Mandat-Entered-At`, with the key, says when the device's user entered the record.
 */
export const SUBMISSION_KEY = /^[A-Za-z0-9._:-]{8,100}$/;
export const submissionHeadersSchema = z.looseObject({
  // Its form (SUBMISSION_KEY) is checked where it is read (src/platform/submissions.ts), so a bad
  // key gets its own message rather than a generic one.
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      'The device’s key for this record (letters, digits and ._:-, 8 to 100 characters): a repeated send with the same key makes nothing twice',
    ),
  // Checked where it is read too (src/platform/submissions.ts), for the same reason.
  'mandat-entered-at': z
    .string()
    .optional()
    .describe(
      'When the device’s user entered this record, ISO 8601 with its offset or Z (e.g. 2026-12-08T09:00:00+00:00), for a record kept offline and sent later; read only with an Idempotency-Key. A time after the server’s clock is kept as the server’s time; a repeated send keeps the first',
    ),
});
