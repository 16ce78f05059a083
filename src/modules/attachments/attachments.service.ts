import { createHash, randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import type { Trx } from '../../db/database.js';
import type { AuditActor } from '../../platform/audit.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { InvalidFileError, MAX_ATTACHMENT_BYTES, sniff, stripMetadata } from '../../platform/files.js';
import { keyringFor } from '../../platform/keyring.js';
import type { Actor } from '../../platform/policy.js';
import { editableIncident, readableIncidentById } from '../incidents/incidents.service.js';
import { readableReleasePhoto } from '../news/news.read.js';
import { readableCaseId, touchCase, workableCaseId } from '../protection/protection.service.js';
import { findAttachment, insertAttachment } from './attachments.repository.js';

export { attachmentsOf } from './attachments.read.js';

/**
 * Files attached to records. The type is decided from the content, never from the name or the
 * declared type; image metadata (GPS position, camera, author) is removed before storing; a
 * file is served only to whoever may read the record it belongs to. Files of protection cases are
 * sealed with the keyring, name and content, like the rest of the case.
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

/** The file's type from its content and its bytes with metadata removed; refuses empty, oversized, unknown or broken files. */
function checkedContent(bytes: Buffer): { kind: string; content: Buffer } {
  if (bytes.length === 0) throw new AppError(400, 'attachment_empty');
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError(413, 'attachment_too_large', { limit: MAX_ATTACHMENT_BYTES });
  const kind = sniff(bytes);
  if (!kind) throw new AppError(415, 'attachment_type');
  try {
    return { kind, content: stripMetadata(kind, bytes) };
  } catch (error) {
    if (error instanceof InvalidFileError) throw new AppError(422, 'attachment_invalid');
    throw error;
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function attachToIncident(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  filename: string,
  bytes: Buffer,
): Promise<AttachmentInfo> {
  const incident = await editableIncident(ctx, actor, ref);
  const { kind, content } = checkedContent(bytes);
  const row = {
    id: randomUUID(),
    record_type: 'incident',
    record_id: incident.id,
    filename: cleanName(filename),
    filename_sealed: null,
    media_type: kind,
    size: content.length,
    sha256: sha256(content),
    content,
    created_by: actor.id,
    created_at: ctx.now().toISOString(),
  };
  await auditedTransaction(ctx, actor, async (trx) => {
    await insertAttachment(trx, row);
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

/**
 * Attaches a file to a protection case (its team and managers): the name and the content are
 * sealed, bound to the attachment's id; the stored name is neutral and the hash is the sealed
 * bytes', so nothing in the row tells what the file is.
 */
export async function attachToCase(ctx: AppContext, actor: Actor, ref: string, filename: string, bytes: Buffer): Promise<AttachmentInfo> {
  const caseId = await workableCaseId(ctx, actor, ref);
  const { kind, content } = checkedContent(bytes);
  const keyring = await keyringFor(ctx);
  const id = randomUUID();
  const name = cleanName(filename);
  const sealed = keyring.encryptFile(content, { recordId: id, field: 'content' });
  const row = {
    id,
    record_type: 'protection_case',
    record_id: caseId,
    filename: 'document',
    filename_sealed: keyring.encrypt(name, { recordId: id, field: 'filename' }),
    media_type: kind,
    size: content.length,
    sha256: sha256(sealed),
    content: sealed,
    created_by: actor.id,
    created_at: ctx.now().toISOString(),
  };
  await auditedTransaction(ctx, actor, async (trx) => {
    await insertAttachment(trx, row);
    await touchCase(trx, caseId, row.created_at);
    return {
      result: undefined,
      audit: { action: 'attachment.create', recordType: 'attachment', recordId: id, details: { case: ref, size: row.size, type: kind } },
    };
  });
  return { id, filename: name, mediaType: kind, size: row.size, createdAt: row.created_at };
}

/**
 * A photo (JPEG or PNG only) of a press release, checked and with its metadata removed, ready to
 * be stored by the news service in its own transaction with the photo's caption and credit.
 */
export function releasePhotoAttachment(ctx: AppContext, actor: Actor, releaseId: string, filename: string, bytes: Buffer) {
  const { kind, content } = checkedContent(bytes);
  if (kind !== 'image/jpeg' && kind !== 'image/png') throw new AppError(415, 'news_photo_type');
  return {
    id: randomUUID(),
    record_type: 'news_release',
    record_id: releaseId,
    filename: cleanName(filename),
    filename_sealed: null,
    media_type: kind,
    size: content.length,
    sha256: sha256(content),
    content,
    created_by: actor.id,
    created_at: ctx.now().toISOString(),
  };
}

export type PreparedAttachment = ReturnType<typeof releasePhotoAttachment>;

/** Stores a prepared attachment in the caller's transaction (the caller writes the audit entry). */
export async function storeAttachment(trx: Trx, row: PreparedAttachment): Promise<void> {
  await insertAttachment(trx, row);
}

/** A file, if its record is readable by the caller; every read is audited. */
export async function readAttachment(ctx: AppContext, actor: Actor | null, id: string, _locale: Locale) {
  const row = await findAttachment(ctx.database.db, id);
  if (!row) throw notFound();
  let filename = row.filename;
  let content: Buffer = Buffer.from(row.content);
  if (row.record_type === 'incident') {
    if (!(await readableIncidentById(ctx, actor, row.record_id))) throw notFound();
  } else if (row.record_type === 'protection_case') {
    if (!actor || !(await readableCaseId(ctx, actor, row.record_id))) throw notFound();
    const keyring = await keyringFor(ctx);
    filename = keyring.decrypt(row.filename_sealed ?? '', { recordId: row.id, field: 'filename' });
    content = keyring.decryptFile(content, { recordId: row.id, field: 'content' });
  } else if (row.record_type === 'news_release') {
    if (!(await readableReleasePhoto(ctx, actor, row.id))) throw notFound();
  } else throw notFound();
  const by: AuditActor = actor ?? { id: null, label: 'anonymous' };
  await recordAudit(ctx, by, { action: 'attachment.read', recordType: 'attachment', recordId: id });
  return { filename, mediaType: row.media_type, content };
}
