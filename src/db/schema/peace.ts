/** The peace process: the Agreement's provisions and their scores, CSA sessions, attendance and decisions. */

export interface PeaceProvisionTable {
  id: string;
  code: string;
  pillar: string;
  chapter: string;
  text_fr: string;
  text_en: string | null;
  responsible: string | null;
  deadline: string | null;
  subcommittee: string | null;
  unit_code: string;
  classification: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Never updated but for its validation: a new score of a period supersedes, the old one stays as history. */
export interface PeaceScoreTable {
  id: string;
  provision_id: string;
  period: string;
  score: number;
  evidence: string;
  /** JSON: [{ kind, ref, label }] */
  links: string;
  author_id: string | null;
  author_label: string;
  recorded_at: string;
  validated_by: string | null;
  validated_by_label: string | null;
  validated_at: string | null;
}

export interface CsaSessionTable {
  id: string;
  body: string;
  held_on: string;
  place: string;
  chair: string | null;
  agenda: string | null;
  unit_code: string;
  classification: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CsaAttendanceTable {
  session_id: string;
  delegation: string;
  position: number;
  women: number;
  men: number;
}

export interface CsaDecisionTable {
  id: string;
  session_id: string;
  kind: string;
  text: string;
  owner: string | null;
  deadline: string | null;
  status: string;
  follow_up: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}
