import { MINUSMA_UNITS } from '../../data/units.js';
import type { Db, Trx } from '../../db/database.js';
import type { AppContext } from '../../platform/context.js';
import { existingUnitCodes, upsertUnits } from './organisation.repository.js';

/** Loads the MINUSMA 2020 units; safe to run at every start. */
export async function loadReferenceUnits(ctx: AppContext): Promise<void> {
  await ctx.database.db.transaction().execute((trx) => upsertUnits(trx, MINUSMA_UNITS));
}

/** Which of these codes name units of the mission, in the caller's transaction when given one. */
export function knownUnitCodes(db: Db | Trx, codes: readonly string[]): Promise<Set<string>> {
  return existingUnitCodes(db, codes);
}
