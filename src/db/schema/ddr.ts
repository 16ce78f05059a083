/**
 * The DDR registry. Columns ending in `_sealed` hold `v1:<key id>:<iv>:<ciphertext>` values from
 * src/platform/keyring.ts, bound to the row's id and the column name.
 */

export interface DdrPersonTable {
  id: string;
  /** `DDR-7K3Q9`: what everyone sees instead of the person. */
  code: string;
  /** The unit that keeps the registry (SSR-DDR). */
  unit_code: string;
  /** Armed movement: an actor code of the incident log's registry. */
  movement: string;
  category: string;
  sex: string;
  /** Where the person is in the process (the last step), or `child_referred`. */
  status: string;
  /** JSON of names, aliases, birth date and place, parents' names and document numbers, sealed. */
  identity_sealed: string;
  /** The national enrolment reference (never biometric data), sealed. */
  enrolment_sealed: string | null;
  /** Cantonment site, as named at cantonment. */
  site: string | null;
  /** Defence or security force integrated into. */
  force: string | null;
  /** `reinsertion` or `cvr`. */
  pathway: string | null;
  /** A confirmed duplicate: the record this one repeats; never counted. */
  duplicate_of: string | null;
  /** Date the record was referred to Child Protection (under 18). */
  child_referred_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface DdrStepTable {
  id: string;
  person_id: string;
  step: string;
  on_date: string;
  /** What the step names: site, force, pathway, or why the person left (never the enrolment reference). */
  detail: string | null;
  actor_id: string;
  actor_label: string;
  at: string;
}

/** Blind indexes (HMAC) of a person's normalised names, birth date and documents. */
export interface DdrKeyTable {
  person_id: string;
  /** `name_dob`, `phonetic` or `document`. */
  kind: string;
  value: string;
}

export interface DdrDuplicateTable {
  id: string;
  /** The later record. */
  person_id: string;
  /** The earlier record it may repeat. */
  other_id: string;
  /** JSON list of the key kinds both share. */
  reasons: string;
  /** open, confirmed or different. */
  status: string;
  found_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface DdrTargetTable {
  movement: string;
  target: number;
  updated_by: string;
  updated_at: string;
}
