import type { ColumnType } from 'kysely';

/**
 * The incident log: the actor registry, incidents with their actors, shares, links and steps,
 * attachments, and early-warning rules, subscriptions and alerts.
 */

export interface ActorTable {
  code: string;
  name_fr: string;
  name_en: string;
  /** ACLED actor type (1–8). */
  actor_type: number;
  created_at: string;
  /** 'active', 'retired' (kept on old incidents, not offered for new ones) or 'merged'. */
  status: ColumnType<string, string | undefined, string>;
  /** The surviving actor of a merge. */
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
  /** Where the entry comes from (attribution). */
  source: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Another name of an actor (an ACLED spelling, an abbreviation); imports map it automatically. */
export interface ActorAliasTable {
  alias_key: string;
  alias: string;
  actor_code: string;
  created_at: string;
}

/** How a file's "event type / sub-event type" labels map onto ACLED's vocabulary. */
export interface EventTypeAliasTable {
  alias_key: string;
  alias: string;
  event_type: string;
  sub_event_type: string;
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
  /** When it was entered on a device that sent it later (offline outbox); null when entered online. */
  entered_at: string | null;
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
