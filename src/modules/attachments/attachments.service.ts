import { createHash, randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import type { AuditActor } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { InvalidFileError, MAX_ATTACHMENT_BYTES, sniff, stripMetadata } from '../../platform/files.js';
import type { Actor } from '../../platform/policy.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../server/context.js';
import { editableIncident, readableIncidentById } from '../incidents/incidents.service.js';

/**
 * Files attached to records. The type is decided from the content, never from the name or the
 * declared type; image metadata (GPS position, camera, author) is removed before storing; a
 * file is served only to whoever may read the record it belongs to.
 */

export interface AttachmentInfo {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  createdAt: string;
}

/** Keeps a readable file name: no path, no control characters, at most 200 characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{C}"<>|:*?]/gu, '_').trim();
  return (cleaned || 'fichier').slice(0, 200);
}

export async function attachToIncident(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  filename: string,
  bytes: Buffer,
): Promise<AttachmentInfo> {
  const incident = await editableIncident(ctx, actor, ref);
  if (bytes.length === 0) throw new AppError(400, 'attachment_empty');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError(413, 'attachment_too_large', { limit: MAX_ATTACHMENT_BYTES });
  const kind = sniff(bytes);
  if (!kind) throw new AppError(415, 'attachment_type');
  let content: Buffer;
  try {
    content = stripMetadata(kind, bytes);
  } catch (error) {
    if (error instanceof InvalidFileError) throw new AppError(422, 'attachment_invalid');
    throw error;
  }
  const row = {
    id: randomUUID(),
    record_type: 'incident',
    record_id: incident.id,
    filename: cleanName(filename),
    media_type: kind,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
    created_by: actor.id,
    created_at: ctx.now().toISOString(),
  };
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx.insertInto('attachments').values(row).execute();
    return {
      result: undefined,
      audit: {
        action: 'attachment.create',
        recordType: 'attachment',
        recordId: row.id,
        details: { incident: ref, size: row.size, type: kind },
      },
    };
  });
  return { id: row.id, filename: row.filename, mediaType: kind, size: row.size, createdAt: row.created_at };
}

/** A file, if its record is readable by the caller; every read is audited. */
export async function readAttachment(ctx: AppContext, actor: Actor | null, id: string, _locale: Locale) {
  const row = await ctx.database.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (row?.record_type !== 'incident' || !(await readableIncidentById(ctx, actor, row.record_id))) throw notFound();
  const by: AuditActor = actor ?? { id: null, label: 'anonymous' };
  await recordAudit(ctx, by, { action: 'attachment.read', recordType: 'attachment', recordId: id });
  return { filename: row.filename, mediaType: row.media_type, content: Buffer.from(row.content) };
}
