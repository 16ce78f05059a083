/** Justice and corrections: courts and prisons, their assessments, prison population, linked incidents. */

export interface JusticeFacilityTable {
  id: string;
  kind: string;
  name: string;
  jurisdiction: string | null;
  place: string | null;
  latitude: number;
  longitude: number;
  region: string;
  cercle: string | null;
  computerised: number;
  computerised_since: string | null;
  unit_code: string;
  classification: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface JusticeAssessmentTable {
  id: string;
  facility_id: string;
  assessed_on: string;
  status: string;
  /** JSON: [{ role, women, men }] */
  staff: string;
  source: string;
  note: string | null;
  author_id: string | null;
  author_label: string;
  recorded_at: string;
  updated_at: string;
  version: number;
}

export interface JusticePopulationTable {
  id: string;
  facility_id: string;
  counted_on: string;
  women: number;
  men: number;
  pretrial_women: number;
  pretrial_men: number;
  source: string;
  author_id: string | null;
  author_label: string;
  recorded_at: string;
}

export interface JusticeIncidentTable {
  facility_id: string;
  incident_id: string;
  linked_by: string | null;
  linked_at: string;
}
