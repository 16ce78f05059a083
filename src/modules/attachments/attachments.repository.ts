import type { Db, Trx } from '../../db/database.js';
import type { AttachmentTable } from '../../db/schema.js';

/** The files of one record, oldest first, without their content. */
export function attachmentsOf(db: Db | Trx, recordType: string, recordId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'filename_sealed', 'media_type', 'size', 'created_at'])
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertAttachment(db: Db | Trx, row: AttachmentTable): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export async function findAttachment(db: Db | Trx, id: string): Promise<AttachmentTable | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}
