import type { StrengthCategory } from '../../contracts/strength.js';

/** Which unit owns (reports and may edit) each personnel category. */
export const CATEGORY_OWNER: Record<StrengthCategory, string> = {
  military: 'FORCE',
  staff_officers: 'FORCE',
  military_observers: 'FORCE',
  police: 'UNPOL',
  ipo: 'UNPOL',
  fpu: 'UNPOL',
  civilians: 'DMS-HR',
  volunteers: 'UNV',
};
