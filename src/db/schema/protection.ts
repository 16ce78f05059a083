/**
 * Protection and accountability. Columns ending in `_sealed` hold `v1:<key id>:<iv>:<ciphertext>`
 * values from src/platform/keyring.ts, bound to the row's id and the column name.
 */

export interface ProtectionCounterTable {
  /** 'case' or 'call'. */
  series: string;
  year: number;
  last: number;
}

export interface HotlineCallTable {
  id: string;
  ref: string;
  line: string;
  received_at: string;
  language: string;
  concern: string;
  region: string | null;
  cercle: string | null;
  summary_sealed: string;
  contact_sealed: string | null;
  may_contact: number;
  /** The unit whose intake queue holds the call. */
  routed_to: string;
  operator_id: string;
  /** queued, accepted or dismissed. */
  status: string;
  case_id: string | null;
  handled_by: string | null;
  handled_at: string | null;
  created_at: string;
  version: number;
}

export interface ProtectionCaseTable {
  id: string;
  ref: string;
  programme: string;
  unit_code: string;
  status: string;
  occurred_on: string;
  date_precision: string;
  region: string;
  cercle: string | null;
  place_sealed: string | null;
  summary_sealed: string;
  channel: string | null;
  /** The office or mobile team that documented the case. */
  office: string | null;
  /** JSON array of incident references. */
  incident_refs: string;
  standard_of_proof: string | null;
  referred_to: string | null;
  referred_on: string | null;
  outcome: string | null;
  action_taken: string | null;
  call_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProtectionTeamTable {
  case_id: string;
  user_id: string;
  assigned_by: string | null;
  assigned_at: string;
}

export interface ProtectionPersonTable {
  id: string;
  case_id: string;
  /** `V-7K3Q`: what everyone sees instead of the person. */
  pseudonym: string;
  role: string;
  /** individual or group. */
  kind: string;
  group_size: number | null;
  sex: string;
  age: number | null;
  age_group: string | null;
  /** A party (actor code) or a personnel category for perpetrators. */
  affiliation: string | null;
  /** JSON of name, contact, birth date, address and description, sealed. */
  identity_sealed: string | null;
  /** Blind index of the name, for exact duplicates across cases. */
  name_index: string | null;
  created_at: string;
}

export interface ProtectionActTable {
  id: string;
  case_id: string;
  victim_id: string;
  perpetrator_id: string | null;
  party: string;
  violation: string;
  occurred_on: string;
  region: string;
  /** pending, verified or not_verified. */
  verification: string;
  verified_on: string | null;
  standard_of_proof: string | null;
  created_at: string;
}

export interface ProtectionConsentTable {
  id: string;
  case_id: string;
  person_id: string;
  purpose: string;
  partner: string | null;
  given_by: string;
  obtained_by: string;
  obtained_on: string;
  withdrawn_on: string | null;
  withdrawn_by: string | null;
  created_at: string;
}

export interface ProtectionServiceTable {
  id: string;
  case_id: string;
  person_id: string;
  consent_id: string;
  kind: string;
  provider: string;
  status: string;
  referred_on: string;
  updated_on: string;
  created_by: string | null;
  created_at: string;
}

export interface ProtectionShareTable {
  id: string;
  case_id: string;
  partner: string;
  /** JSON array of pseudonyms. */
  persons: string;
  shared_by: string | null;
  shared_at: string;
}

export interface ProtectionStepTable {
  id: string;
  case_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_label: string;
  at: string;
  comment_sealed: string | null;
}

/**
 * A released quarter of one programme's statistics: the published suppression pattern only
 * (src/platform/disclosure.ts), never the true counts. Append-only.
 */
export interface ProtectionStatsReleaseTable {
  id: string;
  programme: string;
  unit_code: string;
  year: number;
  /** 1 to 4. */
  quarter: number;
  /** `verified_violations`, `survivors`, `allegations` or `individuals`. */
  unit_of_count: string;
  min_cell: number;
  /** JSON: the dimensions `[{ name, values }]` the pattern was computed over, values as codes. */
  dimensions: string;
  /** JSON: every cell of the query space in the pattern's layout, a suppressed cell as null. */
  cells: string;
  released_by: string;
  released_at: string;
}
