/**
 * What every module's writes leave behind: the audit chain and record history; and the data
 * keys that seal confidential columns.
 */

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  record_type: string | null;
  record_id: string | null;
  decision: string;
  reason: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

export interface RecordHistoryTable {
  id: string;
  record_type: string;
  record_id: string;
  version: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  /** JSON: { field: { from, to } } */
  changes: string;
}

/** A data key, stored only wrapped (AES-256-GCM) by a master key kept outside the database. */
export interface DataKeyTable {
  id: string;
  purpose: 'encryption' | 'blind_index';
  /** `v1:<iv>:<ciphertext+tag>` (base64url), AAD `data_key:<id>:<purpose>`. */
  wrapped: string;
  /** The master key (id in the key file) that wraps it. */
  master_id: string;
  created_at: string;
  /** Set when a newer encryption key takes over; a retired key still decrypts. */
  retired_at: string | null;
}

/** A device's key for one record it sent: the record made under it, for a repeated send. */
export interface SubmissionKeyTable {
  account_id: string;
  key: string;
  /** What the key created, e.g. `incident.create`: a key reused for something else is refused. */
  kind: string;
  record_id: string;
  created_at: string;
  /** When the device's user entered the record (`Mandat-Entered-At`), never after `created_at`; null if not sent. */
  entered_at: string | null;
}
