import { z } from 'zod';
import { emailSchema, idSchema, localeSchema, passwordSchema, unitCodeSchema, unitRoleSchema } from './common.js';

export const membershipSchema = z.strictObject({ unit: unitCodeSchema, role: unitRoleSchema });
export type Membership = z.infer<typeof membershipSchema>;

export const loginBodySchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const meSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  locale: localeSchema,
  admin: z.boolean(),
  auditor: z.boolean(),
  totpEnabled: z.boolean(),
  memberships: z.array(membershipSchema),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const updateMeBodySchema = z.strictObject({ locale: localeSchema });

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});

export const totpSetupSchema = z.object({ secret: z.string(), uri: z.string() });
export const totpEnableBodySchema = z.strictObject({ code: z.string().regex(/^\d{6}$/) });
export const totpDisableBodySchema = z.strictObject({ password: z.string().min(1).max(256) });

export const setupStatusSchema = z.object({ needed: z.boolean() });
export const setupBodySchema = z.strictObject({
  token: z.string().min(16).max(128),
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  password: passwordSchema,
  locale: localeSchema.default('fr'),
});
