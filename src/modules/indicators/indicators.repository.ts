import type { Db, Trx } from '../../db/database.js';
import { readableBy } from '../../db/helpers/readable.js';
import type { FigureTable } from '../../db/schema.js';
import type { ReadScope } from '../../platform/policy.js';

export async function readableFigures(db: Db | Trx, scope: ReadScope): Promise<FigureTable[]> {
  return db.selectFrom('figures').selectAll().where(readableBy(scope, 'figures')).orderBy('sort_order').execute();
}
