import type { Generated } from 'kysely';

/**
 * Units, accounts and how they sign in: memberships, sessions, API tokens, sign-in attempts,
 * recovery codes, membership requests awaiting a second person, the first-run setup token.
 */

export interface UnitTable {
  code: string;
  parent_code: string | null;
  kind: string;
  name_fr: string;
  name_en: string;
  abbreviation_fr: string | null;
  abbreviation_en: string | null;
  sort_order: number;
  /** Set when an administrator closed the unit: its records stay readable, it takes no new ones. */
  closed_at: string | null;
  /** 1 while the unit is as loaded; every administrator's change moves it on. */
  version: Generated<number>;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: string;
  is_admin: number;
  is_auditor: number;
  disabled_at: string | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  /** 1 while the account must change a password someone else chose before doing anything else. */
  password_must_change: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MembershipTable {
  user_id: string;
  unit_code: string;
  role: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Null only for tokens read before expiry existed; such a token is refused. */
  expires_at: string | null;
  scope: 'read' | 'write';
}

/** A sign-in attempt reserved before the password is checked; kept when it fails. */
export interface LoginAttemptTable {
  id: string;
  /** `p:<address>|<email>` (the pair) or `a:<address>`. */
  key: string;
  at: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  /** SHA-256 of the normalised code. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface MembershipRequestTable {
  id: string;
  user_id: string;
  unit_code: string;
  role: string;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface SetupTokenTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** One row (id 1): changes with every audited write to credentials in use (src/platform/credentials.ts). */
export interface CredentialsVersionTable {
  id: number;
  version: string;
}

/** An account's choice of e-mail notifications (src/modules/notifications); no row is "off". */
export interface NotificationSettingTable {
  user_id: string;
  email: number;
  updated_at: string;
}
