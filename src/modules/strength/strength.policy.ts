import { CATEGORY_OWNER, STRENGTH_CATEGORIES, type StrengthCategory } from '../../contracts/strength.js';
import { type Actor, can } from '../../platform/policy.js';

/** Who records strength: the officers and managers of the unit that owns the category (its class does not matter to creating). */
export function mayRecordStrength(actor: Actor | null, category: StrengthCategory): boolean {
  return can(actor, 'create', { unit: CATEGORY_OWNER[category], classification: 'internal' });
}

/** The categories `actor` may record, in the reports' order. */
export function recordableCategories(actor: Actor): StrengthCategory[] {
  return STRENGTH_CATEGORIES.filter((category) => mayRecordStrength(actor, category));
}
