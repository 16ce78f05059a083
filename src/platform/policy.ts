import { type Classification, type UnitRole, WRITER_ROLES as WRITERS } from '../contracts/common.js';
import type { ReadScope } from '../db/helpers/readable.js';
import { AppError } from './errors.js';

/**
 * The one place that decides who may do what. Routes declare a gate (`RouteAccess`); services ask
 * `can()` about each record. Deny by default: anything not granted below is refused.
 */

/** Who is acting. `null` is an anonymous visitor. */
export interface Actor {
  id: string;
  label: string;
  admin: boolean;
  auditor: boolean;
  /** unit code → role in that unit */
  memberships: ReadonlyMap<string, UnitRole>;
  /** The account signs in with a second factor (TOTP): required to read confidential data. */
  secondFactor?: boolean;
  /** Authenticated by a personal API token, which proves no second factor. */
  viaToken?: boolean;
}

/** What every record exposes to the policy. */
export interface Guarded {
  unit: string;
  classification: Classification;
  /** Users assigned to a confidential record. */
  caseTeam?: readonly string[];
  /** Units a restricted record is explicitly shared with. */
  sharedWith?: readonly string[];
  /**
   * Need to know: while set, only members of these units read the record, whatever its class
   * (an operation not yet completed: the units taking part and the JOC).
   */
  needToKnow?: readonly string[];
}

export type RecordAction = 'read' | 'create' | 'update' | 'delete' | 'assignTeam';

/** Mission-wide capabilities, held through global roles, never through unit memberships. */
export type Capability = 'accounts:manage' | 'audit:read';

function roleIn(actor: Actor, unit: string): UnitRole | undefined {
  return actor.memberships.get(unit);
}

function mayRead(actor: Actor | null, record: Guarded): boolean {
  if (record.needToKnow) return actor !== null && record.needToKnow.some((unit) => roleIn(actor, unit) !== undefined);
  switch (record.classification) {
    case 'public':
      return true;
    case 'internal':
      return actor !== null;
    case 'restricted':
      if (!actor) return false;
      if (roleIn(actor, record.unit)) return true;
      return (record.sharedWith ?? []).some((unit) => roleIn(actor, unit) !== undefined);
    case 'confidential': {
      // The unit's managers, and the case team's members while they are still its officers:
      // leaving the unit, or becoming a viewer, ends access without waiting for a team change.
      if (!actor) return false;
      const role = roleIn(actor, record.unit);
      return role === 'manager' || (role === 'officer' && (record.caseTeam ?? []).includes(actor.id));
    }
  }
}

/**
 * May `actor` perform `action` on `record`? Global roles (admin, auditor) grant nothing here:
 * an administrator manages accounts, not content.
 */
export function can(actor: Actor | null, action: RecordAction, record: Guarded): boolean {
  if (action === 'read') return mayRead(actor, record);
  if (!actor) return false;
  const role = roleIn(actor, record.unit);
  switch (action) {
    case 'create':
      return role !== undefined && WRITERS.includes(role);
    case 'update':
      if (record.classification === 'confidential') {
        return role === 'manager' || (role === 'officer' && (record.caseTeam ?? []).includes(actor.id));
      }
      return role !== undefined && WRITERS.includes(role);
    case 'delete':
    case 'assignTeam':
      return role === 'manager';
  }
}

/**
 * `can(actor, 'read', …)` as a filter for lists, counts and searches over records that carry no
 * case team and no sharing: which classes are readable in any unit, and which only in some units.
 * Must agree with `can` (checked in tests/policy.matrix.test.ts).
 */
export type { ReadScope };

export function readScope(actor: Actor | null): ReadScope {
  if (!actor) return { anyUnit: ['public'], inUnits: [] };
  const member = [...actor.memberships.keys()];
  const managed = [...actor.memberships].filter(([, role]) => role === 'manager').map(([unit]) => unit);
  return {
    anyUnit: ['public', 'internal'],
    inUnits: [
      { classification: 'restricted', units: member },
      { classification: 'confidential', units: managed },
    ],
  };
}

/** The units `actor` is a member of, in any role: the SQL side of `needToKnow`. */
export function memberUnits(actor: Actor | null): string[] {
  return actor ? [...actor.memberships.keys()] : [];
}

export function hasCapability(actor: Actor | null, capability: Capability): boolean {
  if (!actor) return false;
  switch (capability) {
    case 'accounts:manage':
      return actor.admin;
    case 'audit:read':
      return actor.admin || actor.auditor;
  }
}

/**
 * The gate every route declares. `public`: anyone; `signedIn`: any active account; a capability:
 * a global role. Record-level decisions are then made with `can()` in the service.
 */
export type RouteAccess = { public: true } | { signedIn: true } | { capability: Capability };

export function passesGate(actor: Actor | null, access: RouteAccess): boolean {
  if ('public' in access) return true;
  if ('signedIn' in access) return actor !== null;
  return hasCapability(actor, access.capability);
}

/**
 * Confidential content (protection cases, identities, calls, DDR persons) is for accounts that
 * sign in with a second factor (SECURITY.md, V6): without one the answer is 403 before any record
 * is looked up, so it tells nothing about what exists.
 */
export function requireSecondFactor(actor: Actor): void {
  if (actor.viaToken) throw new AppError(403, 'second_factor_token');
  if (!actor.secondFactor) throw new AppError(403, 'second_factor_required');
}
