import type { Generated } from 'kysely';

/**
 * The fact book: sections, their texts, partners, contacts and places, resolutions, figures,
 * personnel strength and contributing countries.
 */

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
  /** 1 when the fact book says the line is free to call (the 80333 green line). */
  free: Generated<number>;
  classification: string;
  search_key: string;
  sort_order: number;
  version: Generated<number>;
}

/** A proposed change to a public text or contact of a section; see the migration `section-proposals`. */
export interface SectionProposalTable {
  id: string;
  unit_code: string;
  /** `section_text` or `contact` */
  target_type: string;
  target_id: string;
  /** The version of the record the proposal was made against. */
  base_version: number;
  /** JSON: { field: { from, to } } */
  changes: string;
  /** pending, published, rejected, withdrawn or stale */
  status: string;
  proposed_by: string;
  proposed_by_label: string;
  proposed_at: string;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: string | null;
  reason: string | null;
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

/** One row (id 1): changes with every audited write to public data (src/platform/public-data.ts). */
export interface PublicDataVersionTable {
  id: number;
  version: string;
}
