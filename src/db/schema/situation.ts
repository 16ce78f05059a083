/**
 * The daily situation report (SITREP): the report with its period, sector, language, class and
 * status; its sections' texts; the records it was assembled from, each with its class and unit,
 * which decide with the reader's rights of the moment who may read it.
 */

export interface SitrepTable {
  id: string;
  /** A sector code, or `mission` for the whole mission. */
  sector: string;
  period_start: string;
  period_end: string;
  language: string;
  title: string;
  /** `draft` while the JOC edits it, `released` once frozen. */
  status: string;
  /** The most sensitive class among its records. */
  classification: string;
  unit_code: string;
  created_by: string;
  created_by_label: string;
  created_at: string;
  updated_at: string;
  released_by: string | null;
  released_by_label: string | null;
  released_at: string | null;
  version: number;
}

export interface SitrepSectionTable {
  sitrep_id: string;
  key: string;
  position: number;
  text: string;
}

export interface SitrepRecordTable {
  sitrep_id: string;
  /** `operation`, `incident`, `verification` or `alert`. */
  record_type: string;
  record_id: string;
  classification: string;
  unit_code: string;
}
