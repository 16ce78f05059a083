import { MINUSMA_UNITS } from '../../data/units.js';
import type { AppContext } from '../../platform/context.js';
import { upsertUnits } from './organisation.repository.js';

/** Loads the MINUSMA 2020 units; safe to run at every start. */
export async function loadReferenceUnits(ctx: AppContext): Promise<void> {
  await ctx.database.db.transaction().execute((trx) => upsertUnits(trx, MINUSMA_UNITS));
}
