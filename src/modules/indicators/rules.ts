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

/**
 * A share the fact book states without saying of what: it should match the numerator over one of
 * the figures it could be a share of, within rounding to the decimals it is printed with.
 */
export interface ShareRule {
  share: string;
  numerator: string;
  denominators: string[];
  decimals: number;
}

/** A count the fact book states beside the very list it counts, which should have that many items. */
export interface ListedCountRule {
  count: string;
  /** The items as the fact book lists them (verbatim). */
  items: string[];
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

export const SHARE_RULES: readonly ShareRule[] = [
  // "89,5 % FPU dont 10,4 % femmes": 1 440 FPU is 85.2 % of the 1 691 deployed and 75 % of the 1 920 authorised.
  {
    share: 'unpol.strength.fpu.share',
    numerator: 'unpol.strength.fpu',
    denominators: ['unpol.strength.deployed', 'unpol.strength.authorised'],
    decimals: 1,
  },
];

export const LISTED_COUNT_RULES: readonly ListedCountRule[] = [
  // "le Comité de Suivi de l’Accord (CSA) et ses quatre sous-comités", then "les travaux des sous-comités du CSA qui sont: …".
  {
    count: 'med.csa.subcommittees.count',
    items: [
      'Défense et Sécurité',
      'Justice et Réconciliation',
      'Questions Humanitaires',
      'Questions Politiques et Institutionnelles',
      'Développement socioéconomique et culturel',
    ],
  },
];

/** Authorised against deployed, for the strength chart of the fact sheet. */
export const STRENGTH_SERIES = [
  { label: { fr: 'Force', en: 'Force' }, authorised: 'force.strength.authorised', deployed: 'force.strength.deployed' },
  { label: { fr: 'Police (UNPOL)', en: 'Police (UNPOL)' }, authorised: 'unpol.strength.authorised', deployed: 'unpol.strength.deployed' },
] as const;
