import { z } from 'zod';
import { membershipSchema } from './auth.js';
import { emailSchema, idSchema, localeSchema, passwordSchema, unitRoleSchema } from './common.js';

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  locale: localeSchema,
  admin: z.boolean(),
  auditor: z.boolean(),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  memberships: z.array(membershipSchema),
  /** Memberships asked for that wait for a second person's approval. */
  pendingMemberships: z.array(membershipSchema),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ users: z.array(userSchema) });

export const createUserBodySchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(120),
  locale: localeSchema.default('fr'),
  admin: z.boolean().default(false),
  auditor: z.boolean().default(false),
  memberships: z.array(membershipSchema).max(50).default([]),
  /** When absent, a password is generated and returned once. */
  password: passwordSchema.optional(),
});
export type CreateUserBody = z.input<typeof createUserBodySchema>;

export const createdUserSchema = z.object({
  user: userSchema,
  generatedPassword: z.string().nullable(),
});

export const updateUserBodySchema = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(120).optional(),
  locale: localeSchema.optional(),
  admin: z.boolean().optional(),
  auditor: z.boolean().optional(),
  disabled: z.boolean().optional(),
  memberships: z.array(membershipSchema).max(50).optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const userIdParamsSchema = z.strictObject({ id: idSchema });

const personSchema = z.object({ id: idSchema, name: z.string(), email: z.string() });

export const membershipRequestSchema = z.object({
  id: idSchema,
  user: personSchema,
  unit: z.string(),
  role: unitRoleSchema,
  status: z.enum(['pending', 'approved', 'rejected', 'cancelled']),
  requestedBy: personSchema,
  requestedAt: z.string(),
  decidedBy: personSchema.nullable(),
  decidedAt: z.string().nullable(),
  /** The caller may approve or reject it (a second person: the unit's manager, or another administrator). */
  mayDecide: z.boolean(),
});
export type MembershipRequest = z.infer<typeof membershipRequestSchema>;
export const membershipRequestListSchema = z.object({ requests: z.array(membershipRequestSchema) });
export const membershipRequestParamsSchema = z.strictObject({ id: idSchema });
export const membershipDecisionBodySchema = z.strictObject({ decision: z.enum(['approve', 'reject']) });
