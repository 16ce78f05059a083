import type { Generated } from 'kysely';

/**
 * Table types. Timestamps are ISO-8601 UTC strings and booleans are 0/1 integers on both
 * databases, so rows read the same on SQLite and PostgreSQL.
 */
export interface Database {
  units: UnitTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  recovery_codes: RecoveryCodeTable;
  membership_requests: MembershipRequestTable;
  setup_tokens: SetupTokenTable;
  audit_log: AuditLogTable;
  credentials_version: CredentialsVersionTable;
  sections: SectionTable;
  section_texts: SectionTextTable;
  partners: PartnerTable;
  unit_partners: UnitPartnerTable;
  contacts: ContactTable;
  section_places: SectionPlaceTable;
  resolutions: ResolutionTable;
  text_resolutions: TextResolutionTable;
  figures: FigureTable;
  record_history: RecordHistoryTable;
  strength_snapshots: StrengthSnapshotTable;
  contributors: ContributorTable;
  actors: ActorTable;
  incident_counters: IncidentCounterTable;
  incidents: IncidentTable;
  incident_actors: IncidentActorTable;
  incident_shares: IncidentShareTable;
  incident_links: IncidentLinkTable;
  incident_steps: IncidentStepTable;
  attachments: AttachmentTable;
  alert_rules: AlertRuleTable;
  alert_subscriptions: AlertSubscriptionTable;
  alerts: AlertTable;
  data_keys: DataKeyTable;
  protection_counters: ProtectionCounterTable;
  hotline_calls: HotlineCallTable;
  protection_cases: ProtectionCaseTable;
  protection_team: ProtectionTeamTable;
  protection_persons: ProtectionPersonTable;
  protection_acts: ProtectionActTable;
  protection_consents: ProtectionConsentTable;
  protection_services: ProtectionServiceTable;
  protection_shares: ProtectionShareTable;
  protection_steps: ProtectionStepTable;
  protection_stats_releases: ProtectionStatsReleaseTable;
}

export interface UnitTable {
  code: string;
  parent_code: string | null;
  kind: string;
  name_fr: string;
  name_en: string;
  abbreviation_fr: string | null;
  abbreviation_en: string | null;
  sort_order: number;
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

export type Dialect = 'sqlite' | 'postgres';

export interface SectionTable {
  unit_code: string;
  title: string;
  page: number | null;
  classification: string;
}

export interface SectionTextTable {
  id: string;
  unit_code: string;
  kind: string;
  heading: string | null;
  subheading: string | null;
  bullet: number;
  body: string;
  search_key: string;
  sort_order: number;
  classification: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PartnerTable {
  id: string;
  name: string;
  abbreviation: string | null;
  kind: string;
  country: string | null;
  search_key: string;
}

export interface UnitPartnerTable {
  unit_code: string;
  partner_id: string;
}

export interface ContactTable {
  id: string;
  unit_code: string;
  kind: string;
  label: string;
  value: string;
  place: string | null;
  classification: string;
  search_key: string;
  sort_order: number;
  version: Generated<number>;
}

export interface SectionPlaceTable {
  unit_code: string;
  place: string;
}

export interface ResolutionTable {
  number: number;
  year: number;
}

export interface TextResolutionTable {
  text_id: string;
  resolution: number;
}

export interface FigureTable {
  key: string;
  unit_code: string;
  label_fr: string;
  label_en: string;
  value: number;
  qualifier: string | null;
  measure: string;
  period: string | null;
  /** JSON object: category, sex, place, country… */
  scope: string;
  page: number | null;
  quote: string | null;
  classification: string;
  sort_order: number;
  version: Generated<number>;
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

export interface StrengthSnapshotTable {
  id: string;
  as_of: string;
  category: string;
  /** ISO alpha-3, or '' for all countries. */
  country: string;
  /** 'all', 'female' or 'male'. */
  sex: string;
  /** A duty station, or '' for all locations. */
  location: string;
  authorised: number | null;
  deployed: number | null;
  unit_code: string;
  classification: string;
  source: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ContributorTable {
  category: string;
  /** ISO alpha-3. */
  country: string;
  as_of: string;
  source: string | null;
}

export interface ActorTable {
  code: string;
  name_fr: string;
  name_en: string;
  /** ACLED actor type (1–8). */
  actor_type: number;
  created_at: string;
}

export interface IncidentCounterTable {
  year: number;
  last: number;
}

export interface IncidentTable {
  id: string;
  /** MLI-<year>-<6 digits>, never changes. */
  ref: string;
  occurred_on: string;
  occurred_time: string | null;
  date_precision: string;
  /** ISO 3166-2 region code. */
  region: string;
  /** geoBoundaries cercle id; null when only the region is known. */
  cercle: string | null;
  commune: string | null;
  place: string | null;
  latitude: number;
  longitude: number;
  location_precision: string;
  event_type: string;
  sub_event_type: string;
  category: string | null;
  threat_to_civilians: number;
  actor1: string | null;
  actor2: string | null;
  /** JSON: { group: { killed?: {low,best,high}, injured?: {…} } } */
  casualties: string;
  killed_low: number;
  killed_best: number;
  killed_high: number;
  injured_low: number;
  injured_best: number;
  injured_high: number;
  /** JSON array of { type, reference, reliability, credibility }. */
  sources: string;
  title: string;
  description: string;
  /** JSON array of strings. */
  tags: string;
  search_key: string;
  unit_code: string;
  classification: string;
  status: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface IncidentActorTable {
  incident_id: string;
  actor_code: string;
  role: string;
}

export interface IncidentShareTable {
  incident_id: string;
  unit_code: string;
}

export interface IncidentLinkTable {
  incident_id: string;
  target_type: string;
  target_ref: string;
}

export interface IncidentStepTable {
  id: string;
  incident_id: string;
  from_status: string | null;
  to_status: string;
  actor_id: string | null;
  actor_label: string;
  at: string;
  comment: string;
}

export interface AttachmentTable {
  id: string;
  record_type: string;
  record_id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  /** Set for files of confidential records: the real name, sealed; `filename` is then neutral and `content` sealed. */
  filename_sealed: string | null;
  created_by: string | null;
  created_at: string;
}

export interface AlertRuleTable {
  id: string;
  unit_code: string;
  name: string;
  /** 'threshold' (N incidents in D days) or 'threat_to_civilians' (any flagged incident). */
  kind: string;
  event_type: string | null;
  category: string | null;
  /** Region ISO code or cercle id; null for the whole country. */
  area: string | null;
  threshold: number;
  window_days: number;
  active: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AlertSubscriptionTable {
  unit_code: string;
  /** 'MLI' for the whole country, a region ISO code or a cercle id. */
  area: string;
  created_at: string;
}

export interface AlertTable {
  id: string;
  rule_id: string;
  /** The unit the alert is addressed to. */
  unit_code: string;
  area: string;
  incident_id: string;
  count: number;
  window_from: string;
  window_to: string;
  raised_at: string;
  /** open, acknowledged or escalated. */
  status: string;
  acted_by: string | null;
  acted_at: string | null;
  comment: string | null;
  escalated_from: string | null;
  version: number;
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

// Protection and accountability. Columns ending in `_sealed` hold `v1:<key id>:<iv>:<ciphertext>`
// values from src/platform/keyring.ts, bound to the row's id and the column name.

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
