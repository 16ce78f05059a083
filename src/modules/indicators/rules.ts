/**
 * Figures computed from the fact book's own figures, and the checks that its figures agree.
 * Keys refer to src/data/minusma-2020/factbook.json.
 */
export interface DerivedFigure {
  key: string;
  numerator: string;
  denominator: string;
  decimals: number;
  label: { fr: string; en: string };
}

export interface ConsistencyRule {
  /** The figure the parts should add up to. */
  total: string;
  parts: string[];
  tolerance?: number;
}

export const DERIVED_FIGURES: readonly DerivedFigure[] = [];

export const CONSISTENCY_RULES: readonly ConsistencyRule[] = [];
