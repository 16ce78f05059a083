/** Public information: press releases and communiqués, press points, Radio Mikado's programmes. */

export interface NewsReleaseTable {
  id: string;
  /** `press_release` or `communique`. */
  kind: string;
  dateline: string | null;
  title_fr: string;
  summary_fr: string;
  body_fr: string;
  title_en: string | null;
  summary_en: string | null;
  body_en: string | null;
  /** draft → submitted → cleared → published, or withdrawn. */
  status: string;
  /** Nothing public before this instant (ISO UTC); null: public as soon as published. */
  embargo_until: string | null;
  unit_code: string;
  author_id: string | null;
  author_label: string;
  submitted_at: string | null;
  cleared_by: string | null;
  cleared_by_label: string | null;
  cleared_at: string | null;
  /** Why the chief sent it back to its author, the last time. */
  returned_reason: string | null;
  published_at: string | null;
  /** When a published release becomes public: the later of its publication and its embargo. */
  public_from: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  corrected_at: string | null;
  correction_fr: string | null;
  correction_en: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface NewsPressPointTable {
  id: string;
  held_on: string;
  /** HH:MM, Bamako time (UTC). */
  starts_at: string;
  place: string;
  topic_fr: string;
  topic_en: string | null;
  created_by: string | null;
  created_at: string;
}

export interface RadioProgrammeTable {
  id: string;
  language: string;
  title_fr: string;
  title_en: string | null;
  /** ISO weekdays, comma-separated: `1,2,3,4,5`. */
  days: string;
  starts_at: string;
  ends_at: string;
  created_by: string | null;
  created_at: string;
}

/** A photo of a release's album: the attachment of the same id holds the file, metadata removed. */
export interface NewsPhotoTable {
  id: string;
  release_id: string;
  caption_fr: string;
  caption_en: string | null;
  credit: string;
  created_at: string;
}
