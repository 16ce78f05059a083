import type { DdrVocabulary } from './api/ddr.js';

/** The label of a DDR code in the interface language, or the code itself when the vocabulary lacks it. */
export function ddrLabel(terms: DdrVocabulary[keyof DdrVocabulary], code: string | null): string {
  if (code === null) return '';
  return terms.find((term) => term.code === code)?.name ?? code;
}

/** The statuses counted on the way to integration, in the order of the process. */
export const PROGRESS_STATUSES = [
  'pre_registered',
  'registered',
  'enrolled',
  'cantoned',
  'disarmed',
  'demobilised',
  'integrated',
  'reinserted',
  'left',
] as const;
