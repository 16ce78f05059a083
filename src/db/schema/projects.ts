/**
 * Projects and funds: the project, its partners with their roles, its places, its commitments
 * and disbursements, and the steps of its lifecycle. Amounts are integer minor units of the
 * project's currency; the rate to USD is a decimal string, never a floating-point number.
 */

export interface ProjectTable {
  id: string;
  fund: string;
  unit_code: string;
  classification: string;
  status: string;
  title_fr: string;
  title_en: string;
  description_fr: string;
  description_en: string;
  sector: string;
  planned_start: string;
  planned_end: string;
  actual_start: string | null;
  actual_end: string | null;
  currency: string;
  rate_to_usd: string;
  rate_date: string;
  budget_minor: number;
  committed_minor: number;
  disbursed_minor: number;
  planned_people: number;
  planned_women: number;
  reached_people: number;
  reached_women: number;
  exception_justification: string | null;
  exception_by: string | null;
  exception_by_label: string | null;
  exception_at: string | null;
  exception_approved_by: string | null;
  exception_approved_by_label: string | null;
  exception_approved_at: string | null;
  created_by: string;
  created_by_label: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProjectPartnerTable {
  project_id: string;
  partner_id: string;
  role: string;
}

export interface ProjectPlaceTable {
  project_id: string;
  position: number;
  place: string | null;
  latitude: number;
  longitude: number;
  region: string;
}

export interface ProjectTransactionTable {
  id: string;
  project_id: string;
  kind: string;
  on_date: string;
  amount_minor: number;
  note: string;
  actor_id: string;
  actor_label: string;
  at: string;
}

export interface ProjectStepTable {
  id: string;
  project_id: string;
  from_status: string | null;
  to_status: string;
  actor_id: string;
  actor_label: string;
  at: string;
  comment: string;
}
