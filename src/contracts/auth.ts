import { z } from 'zod';
import { emailSchema, idSchema, localeSchema, passwordSchema, unitCodeSchema, unitRoleSchema } from './common.js';
import { programmeSchema } from './protection.js';
import { strengthCategorySchema } from './strength.js';

export const membershipSchema = z.strictObject({ unit: unitCodeSchema, role: unitRoleSchema });
export type Membership = z.infer<typeof membershipSchema>;

export const loginBodySchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** A one-time recovery code, instead of a TOTP code. */
  recoveryCode: z.string().trim().min(1).max(64).optional(),
});

/**
 * What the signed-in account may create, decided on the server with the rules its write routes
 * apply, so that the app offers only what will be accepted. `createIncidentIn`: the units
 * POST /api/incidents accepts; `editSectionsOf`: the units whose fact-book section (texts and
 * contacts) it may edit; `recordStrength`: the strength categories POST /api/strength accepts;
 * `openProgrammes`: the programmes whose cases it may open (POST /api/protection/cases/:programme),
 * `openCasesIn` their units, where it also works the hotline's intake queue; `answerLines`: the
 * hotline lines it may record a call on; `useProtection`: the case pages are for it
 * (`openCasesIn` is not empty); `useHotline`: the call screen is (a line to answer or a queue to
 * work); `useDdr`: the DDR registry's persons are (POST /api/ddr/persons). Protection content and
 * DDR persons also need a second factor: an account without one is told so by
 * the routes (403 `second_factor_required`), and the app shows how to enrol one.
 */
export const meMaySchema = z.object({
  createIncidentIn: z.array(unitCodeSchema),
  /** May add, alias, merge and retire actors of the registry (POST /api/actors and its sub-routes). */
  keepActorRegistry: z.boolean(),
  editSectionsOf: z.array(unitCodeSchema),
  recordStrength: z.array(strengthCategorySchema),
  /** The units whose peace-process records (provisions, scores, CSA sessions) it may create (POST /api/peace/provisions, /api/peace/sessions). */
  createPeaceIn: z.array(unitCodeSchema),
  openProgrammes: z.array(programmeSchema),
  openCasesIn: z.array(unitCodeSchema),
  answerLines: z.array(z.string()),
  useProtection: z.boolean(),
  useHotline: z.boolean(),
  /** The units whose projects it may propose (POST /api/projects). */
  proposeProjectIn: z.array(unitCodeSchema),
  useDdr: z.boolean(),
  /** The units whose operations it may plan as their officer or manager (POST /api/operations). */
  planOperationIn: z.array(unitCodeSchema),
  /** An officer or manager of the JOC: plans operations of any unit, orders and cancels them. */
  orderOperations: z.boolean(),
});
export type MeMay = z.infer<typeof meMaySchema>;

export const meSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  locale: localeSchema,
  admin: z.boolean(),
  auditor: z.boolean(),
  totpEnabled: z.boolean(),
  /**
   * Someone else chose the password (generated at creation or by a reset, or typed by an
   * administrator): until it is changed, every route but the change (POST /api/auth/password),
   * sign-out and this account answers 403 `password_change_required`.
   */
  mustChangePassword: z.boolean(),
  /**
   * The account may use protection, hotline or DDR registry pages (`may.useProtection`,
   * `may.useHotline`, `may.useDdr`),
   * whose routes refuse an account without a second factor, and has none yet: the app takes it to
   * enrolment before any form.
   */
  mustEnrolSecondFactor: z.boolean(),
  memberships: z.array(membershipSchema),
  csrfToken: z.string().nullable(),
  may: meMaySchema,
});
export type Me = z.infer<typeof meSchema>;

export const updateMeBodySchema = z.strictObject({ locale: localeSchema });

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});

/**
 * A pending key: its base32 secret (to type by hand), its `otpauth://totp/Mandat:<e-mail>?…` URI
 * (issuer Mandat), and that URI drawn as a QR code by the server, an SVG document that refers to
 * nothing outside itself.
 */
export const totpSetupSchema = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export const totpEnableBodySchema = z.strictObject({ code: z.string().regex(/^\d{6}$/) });

/**
 * Proof that the holder of the session is asking: the password, and, once a second factor is
 * enrolled, a current code or a one-time recovery code. Required to enrol, replace or remove a
 * second factor and to renew recovery codes.
 */
export const identityProofSchema = z.strictObject({
  password: z.string().min(1).max(256),
  code: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  recoveryCode: z.string().trim().min(1).max(64).optional(),
});
export const totpDisableBodySchema = identityProofSchema;
export const totpEnabledSchema = meSchema.extend({ recoveryCodes: z.array(z.string()) });
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const apiTokenScopeSchema = z.enum(['read', 'write']);
export const apiTokenSchema = z.object({
  id: idSchema,
  label: z.string(),
  scope: apiTokenScopeSchema,
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });
export const createApiTokenBodySchema = z.strictObject({
  /** One line of text: no control characters (PostgreSQL text cannot hold NUL). */
  label: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^\P{Cc}*$/u),
  scope: apiTokenScopeSchema.default('read'),
  /** Days until it expires; at most the configured maximum (`API_TOKEN_DAYS`). */
  days: z.number().int().min(1).max(3660).optional(),
});
export const createdApiTokenSchema = z.object({ token: z.string(), apiToken: apiTokenSchema });
export const tokenIdParamsSchema = z.strictObject({ tokenId: idSchema });

export const setupStatusSchema = z.object({ needed: z.boolean() });
export const setupBodySchema = z.strictObject({
  token: z.string().min(16).max(128),
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  password: passwordSchema,
  locale: localeSchema.default('fr'),
});
