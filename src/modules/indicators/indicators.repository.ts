import type { Selectable } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import { readableBy } from '../../db/helpers/readable.js';
import { updateIfVersion } from '../../db/helpers/versioned.js';
import type { FigureTable } from '../../db/schema.js';

type FigureRow = Selectable<FigureTable>;

import type { ReadScope } from '../../platform/policy.js';

export async function readableFigures(db: Db | Trx, scope: ReadScope): Promise<FigureRow[]> {
  return db.selectFrom('figures').selectAll().where(readableBy(scope, 'figures')).orderBy('sort_order').execute();
}

export async function findFigure(db: Db | Trx, key: string): Promise<FigureRow | undefined> {
  return db.selectFrom('figures').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Applies changes when `version` still matches; returns false on a stale version. */
export async function updateFigureVersioned(
  db: Db | Trx,
  key: string,
  version: number,
  changes: Pick<FigureRow, 'value' | 'period' | 'label_fr' | 'label_en'>,
): Promise<boolean> {
  return updateIfVersion(db, 'figures', key, version, changes, 'key');
}
