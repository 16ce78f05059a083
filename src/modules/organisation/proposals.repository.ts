import type { Insertable, Selectable } from 'kysely';
import type { Db, Trx } from '../../db/database.js';
import type { SectionProposalTable } from '../../db/schema.js';

type Executor = Db | Trx;
export type ProposalRow = Selectable<SectionProposalTable>;

export async function insertProposal(db: Executor, row: Insertable<SectionProposalTable>): Promise<void> {
  await db.insertInto('section_proposals').values(row).execute();
}

export async function findProposal(db: Executor, id: string): Promise<ProposalRow | undefined> {
  return db.selectFrom('section_proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Proposals with `status`, oldest first: of the units given, or of every unit (`'all'`). */
export async function listProposals(db: Executor, status: string, units: readonly string[] | 'all'): Promise<ProposalRow[]> {
  if (units !== 'all' && units.length === 0) return [];
  let query = db.selectFrom('section_proposals').selectAll().where('status', '=', status);
  if (units !== 'all') query = query.where('unit_code', 'in', [...units]);
  return query.orderBy('proposed_at').orderBy('id').execute();
}

/**
 * Moves a pending proposal to `status`; false when it was no longer pending (decided by someone
 * else in between), so two decisions never both apply.
 */
export async function decideProposal(
  db: Executor,
  id: string,
  decision: Pick<SectionProposalTable, 'status' | 'decided_by' | 'decided_by_label' | 'decided_at' | 'reason'>,
): Promise<boolean> {
  const result = await db
    .updateTable('section_proposals')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The other pending proposals on the same text or contact, overtaken once one is published. */
export async function markOthersStale(db: Executor, targetType: string, targetId: string, exceptId: string, at: string): Promise<string[]> {
  const others = await db
    .selectFrom('section_proposals')
    .select('id')
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .where('status', '=', 'pending')
    .where('id', '<>', exceptId)
    .execute();
  const ids = others.map((row) => row.id);
  if (ids.length > 0) {
    await db.updateTable('section_proposals').set({ status: 'stale', decided_at: at }).where('id', 'in', ids).execute();
  }
  return ids;
}

/** The published proposals of a text or contact, for its history. */
export async function publishedProposalsOf(db: Executor, targetType: string, targetId: string): Promise<ProposalRow[]> {
  return db
    .selectFrom('section_proposals')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .where('status', '=', 'published')
    .execute();
}
