/**
 * Figures computed from the fact book's own figures, and the checks that its figures agree.
 * Keys refer to src/data/minusma-2020/factbook.json. Where the fact book also states a computed
 * figure (e.g. "soit 93,02 %"), the stated value is kept as the source's statement and the value
 * shown is always the computed one; a disagreement beyond rounding raises a warning.
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

export const DERIVED_FIGURES: readonly DerivedFigure[] = [
  {
    key: 'force.strength.deployed.share_of_authorised',
    numerator: 'force.strength.deployed',
    denominator: 'force.strength.authorised',
    decimals: 2,
    label: { fr: 'Militaires déployés, en part de l’effectif autorisé', en: 'Military personnel deployed, share of authorised strength' },
  },
  {
    key: 'force.strength.women.share',
    numerator: 'force.strength.women',
    denominator: 'force.strength.deployed',
    decimals: 2,
    label: { fr: 'Part des femmes parmi les militaires déployés', en: 'Share of women among deployed military personnel' },
  },
  {
    key: 'unpol.strength.deployed.share_of_authorised',
    numerator: 'unpol.strength.deployed',
    denominator: 'unpol.strength.authorised',
    decimals: 1,
    label: { fr: 'Policiers déployés, en part de l’effectif autorisé', en: 'Police personnel deployed, share of authorised strength' },
  },
  {
    key: 'jcs.courts.functional.share',
    numerator: 'jcs.courts.functional',
    denominator: 'jcs.courts.total',
    decimals: 1,
    label: { fr: 'Juridictions fonctionnelles', en: 'Functional courts' },
  },
  {
    key: 'jcs.prisons.functional.share',
    numerator: 'jcs.prisons.functional',
    denominator: 'jcs.prisons.total',
    decimals: 1,
    label: { fr: 'Établissements pénitentiaires fonctionnels', en: 'Functional prisons' },
  },
];

export const CONSISTENCY_RULES: readonly ConsistencyRule[] = [
  // The fact book gives 345 individual police officers and 1 440 in formed units for 1 920 authorised.
  { total: 'unpol.strength.authorised', parts: ['unpol.strength.ipo', 'unpol.strength.fpu'] },
];

/** Authorised against deployed, for the strength chart of the fact sheet. */
export const STRENGTH_SERIES = [
  { label: { fr: 'Force', en: 'Force' }, authorised: 'force.strength.authorised', deployed: 'force.strength.deployed' },
  { label: { fr: 'Police (UNPOL)', en: 'Police (UNPOL)' }, authorised: 'unpol.strength.authorised', deployed: 'unpol.strength.deployed' },
] as const;
