/** Political engagements and their reports; electoral support (calendar, requests, civic education, linked incidents). */

export interface EngagementTable {
  id: string;
  held_on: string;
  place: string;
  region: string | null;
  /** Topic codes separated by spaces. */
  topics: string;
  summary: string;
  mission_participants: string | null;
  unit_code: string;
  classification: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A counterpart met: a person or a delegation they lead, with how many women and men attended. */
export interface EngagementCounterpartTable {
  engagement_id: string;
  position: number;
  name: string;
  function: string | null;
  organisation: string | null;
  /** A party or actor of the registry (incidents' actor codes). */
  actor_code: string | null;
  women: number;
  men: number;
}

export interface EngagementFollowupTable {
  id: string;
  engagement_id: string;
  action: string;
  owner: string;
  deadline: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A periodic report: assembled from the period's records, then edited as a draft. */
export interface EngagementReportTable {
  id: string;
  period_kind: string;
  period_start: string;
  period_end: string;
  language: string;
  title: string;
  body: string;
  /** JSON: [{ kind, id, classification }] of the records assembled. */
  sources: string;
  unit_code: string;
  classification: string;
  created_by: string | null;
  author_label: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ElectoralEventTable {
  id: string;
  kind: string;
  title: string;
  starts_on: string;
  ends_on: string | null;
  region: string | null;
  notes: string | null;
  unit_code: string;
  classification: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A request of the national authorities and its delivery; masses in kilograms (integers). */
export interface ElectoralRequestTable {
  id: string;
  requested_on: string;
  authority: string;
  kind: string;
  description: string;
  needed_by: string | null;
  event_id: string | null;
  origin: string | null;
  /** JSON array of place names. */
  destinations: string;
  requested_kg: number | null;
  status: string;
  decision_note: string | null;
  decided_at: string | null;
  decided_by_label: string | null;
  delivered_on: string | null;
  delivered_kg: number | null;
  flights: number | null;
  convoys: number | null;
  escorts: number | null;
  patrols: number | null;
  security_plan: string | null;
  delivery_note: string | null;
  unit_code: string;
  classification: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CivicSessionTable {
  id: string;
  held_on: string;
  place: string;
  region: string | null;
  topic: string;
  women: number;
  men: number;
  unit_code: string;
  classification: string;
  created_by: string | null;
  created_at: string;
}

export interface ElectoralIncidentLinkTable {
  event_id: string;
  incident_id: string;
  linked_by: string | null;
  linked_at: string;
}
