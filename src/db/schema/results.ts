/** The results framework: objectives, indicators, entered values and the fiche's bound figures. */

export interface ResultObjectiveTable {
  id: string;
  unit_code: string;
  code: string;
  title_fr: string;
  title_en: string;
  classification: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ResultIndicatorTable {
  id: string;
  objective_id: string;
  unit_code: string;
  title_fr: string;
  title_en: string;
  measure: string;
  baseline: number | null;
  baseline_period: string | null;
  target: number | null;
  period_start: string;
  period_end: string;
  classification: string;
  /** Null for an indicator entered by hand. */
  rule_kind: string | null;
  /** JSON object of the rule's parameters. */
  rule_params: string | null;
  /** The project it measures, if any: its results in the IATI publication. */
  project_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Never updated: a later value of a period supersedes, the earlier one stays as history. */
export interface ResultValueTable {
  id: string;
  indicator_id: string;
  value: number;
  period: string;
  source: string;
  evidence: string;
  women: number | null;
  men: number | null;
  author_id: string | null;
  author_label: string;
  entered_at: string;
}

export interface FigureBindingTable {
  figure_key: string;
  indicator_id: string | null;
  rule_kind: string | null;
  rule_params: string | null;
  period_end: string | null;
  /** Audit action prefixes, space-separated, whose writes may change the bound value. */
  source: string;
  bound_by: string | null;
  bound_by_label: string;
  bound_at: string;
}
