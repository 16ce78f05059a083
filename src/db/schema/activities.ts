/**
 * Activities and trainings: the activity with its participants by sex (women, men) and by age
 * group (children under 18, adults), and the finer age bands some activities record.
 */

export interface ActivityTable {
  id: string;
  series_id: string | null;
  unit_code: string;
  classification: string;
  type: string;
  topic: string;
  title: string;
  start_date: string;
  end_date: string;
  place: string | null;
  latitude: number;
  longitude: number;
  region: string;
  target_group: string;
  category: string;
  women: number;
  men: number;
  children: number;
  adults: number;
  facilitators: string;
  project_id: string | null;
  notes: string;
  created_by: string;
  created_by_label: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ActivityAgeBandTable {
  activity_id: string;
  band: string;
  women: number;
  men: number;
}
