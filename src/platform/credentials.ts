import { randomUUID } from 'node:crypto';
import type { DatabaseHandle, Trx } from '../db/database.js';
import type { AuditEvent } from './audit.js';
import { unlessChanged } from './audit-version.js';

/**
 * The audited writes that change who an existing session or API token stands for, or end it: a
 * sign-in (it ends the session the browser held), signing out, a password or second-factor
 * change (they end the account's sessions), revoking a token, an account's update (roles,
 * memberships, disablement, which ends its sessions) and its language, a password reset by an
 * administrator (it ends the account's sessions and holds it to a password change), an approved
 * membership.
 * A new write to users, memberships, sessions or API tokens must be listed here
 * (tests/auth-cache.test.ts checks the actions the code records).
 */
export const CREDENTIAL_ACTIONS: readonly string[] = [
  'auth.login',
  'auth.logout',
  'auth.password',
  'auth.totp.enable',
  'auth.totp.disable',
  'token.revoke',
  'user.update',
  'user.disable',
  'user.password_reset',
  'user.locale',
  'membership.approve',
];

/** Whether these audit events record a change to credentials in use (a refusal changes nothing). */
export function changesCredentials(events: readonly AuditEvent[]): boolean {
  return events.some((event) => event.decision !== 'deny' && CREDENTIAL_ACTIONS.includes(event.action));
}

/**
 * Gives the credentials a new version, inside the transaction of the change (`auditedTransaction`
 * calls it): the change and the new version commit together, from whichever process. A random
 * value, so that a database restored from a backup never meets a version it had before.
 */
export async function bumpCredentialsVersion(trx: Trx): Promise<void> {
  await trx.updateTable('credentials_version').set({ version: randomUUID() }).where('id', '=', 1).execute();
}

/**
 * The version of the credentials: one read by primary key, and none while nothing that may have
 * moved it has committed since the last read (`unlessChanged`): on SQLite any commit of any
 * process (`PRAGMA data_version`, seen at once); on PostgreSQL a commit of this process that
 * changed credentials (seen at its commit) or of another (seen when its notification arrives, one
 * round trip later, src/db/commit-signal.ts; docs/SECURITY.md states the window). While the
 * listening connection is down, it is read on every request.
 */
export function credentialsVersion(handle: DatabaseHandle): Promise<string> {
  return unlessChanged(
    handle,
    'credentials',
    async (db) => {
      const row = await db.selectFrom('credentials_version').select('version').where('id', '=', 1).executeTakeFirst();
      return row?.version ?? 'none';
    },
    { lagging: 'credentials' },
  );
}
