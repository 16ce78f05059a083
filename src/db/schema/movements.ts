/**
 * Ceasefire movement control and support to the Malian forces. A place is a gazetteer name or a
 * point as JSON text `[lon, lat]`.
 */

export interface CeasefireMovementTable {
  id: string;
  /** 'movement', 'declaration' or 'observed'. */
  kind: string;
  /** 'notified', 'approved', 'refused' or 'observed'. */
  status: string;
  /** The signatory group's code in the actor registry. */
  group_code: string;
  unit_code: string;
  personnel: number;
  vehicles: number;
  /** JSON array of `{ kind, count }`. */
  weapons: string;
  from_place: string | null;
  from_point: string | null;
  to_place: string | null;
  to_point: string | null;
  starts_at: string;
  ends_at: string | null;
  notes: string;
  verification_id: string | null;
  incident_id: string | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: string | null;
  decision_comment: string;
  created_by: string;
  created_by_label: string;
  created_at: string;
  version: number;
}

export interface SupportRequestTable {
  id: string;
  kind: string;
  malian_force: string;
  malian_unit: string;
  requested_by: string;
  requested_on: string;
  needed_from: string;
  needed_to: string | null;
  place: string | null;
  point: string | null;
  unit_code: string;
  operation_id: string | null;
  description: string;
  status: string;
  hrddp_outcome: string | null;
  hrddp_measures: string;
  hrddp_by: string | null;
  hrddp_by_label: string | null;
  hrddp_at: string | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: string | null;
  decision_comment: string;
  closed_by: string | null;
  closed_by_label: string | null;
  closed_at: string | null;
  delivery_outcome: string;
  created_by: string;
  created_by_label: string;
  created_at: string;
  updated_at: string;
  version: number;
}
