/**
 * The operations log: the operation (its route or area as GeoJSON text, the regions it crosses as
 * a JSON array), the units taking part, the incidents it met or produced, the steps of its lifecycle.
 */

export interface OperationTable {
  id: string;
  type: string;
  status: string;
  unit_code: string;
  classification: string;
  title_fr: string;
  title_en: string;
  orders: string;
  sector: string;
  /** JSON array of gazetteer names. */
  places: string;
  /** GeoJSON LineString or Polygon, or null. */
  geometry: string | null;
  /** JSON array of ISO 3166-2 region codes. */
  regions: string;
  planned_start: string;
  planned_end: string;
  actual_start: string | null;
  actual_end: string | null;
  women: number;
  men: number;
  engagement_teams: number;
  vehicles: number;
  outcome: string;
  observations: string;
  created_by: string;
  created_by_label: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface OperationUnitTable {
  operation_id: string;
  unit_code: string;
}

export interface OperationIncidentTable {
  operation_id: string;
  incident_id: string;
  relation: string;
}

export interface OperationStepTable {
  operation_id: string;
  id: string;
  from_status: string | null;
  to_status: string;
  actor_id: string;
  actor_label: string;
  at: string;
  comment: string;
}

export interface CeasefireVerificationTable {
  id: string;
  incident_id: string;
  /** The allegation's date, copied from the incident. */
  occurred_on: string;
  unit_code: string;
  classification: string;
  /** JSON array of the team's members (names or call signs). */
  team: string;
  visited_on: string;
  place: string | null;
  evidence: string;
  finding: string;
  standard_of_proof: string;
  /** Actor code of the party a confirmed violation is attributed to. */
  party: string | null;
  created_by: string;
  created_by_label: string;
  created_at: string;
}
