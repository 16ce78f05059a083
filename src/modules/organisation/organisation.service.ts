import type { CreateUnitBody, Unit, UpdateUnitBody } from '../../contracts/units.js';
import { MINUSMA_UNITS } from '../../data/units.js';
import { protectionVocabulary } from '../../data/vocab/protection.js';
import type { Db, Trx } from '../../db/database.js';
import type { AuditActor } from '../../platform/audit.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import {
  existingUnitCodes,
  findUnitRow,
  insertUnitRow,
  listUnitRows,
  type UnitRow,
  updateUnitIfVersion,
  upsertUnits,
} from './organisation.repository.js';

/**
 * The mission's units. The fact book's units are loaded at every start; administrators then
 * create units, rename them, place them in the tree and close them. A code never changes once
 * created (records, memberships and URLs refer to it) and no unit is ever deleted: a closed unit
 * keeps its records and memberships readable and takes no new records or members.
 */

const RECORD_TYPE = 'unit';
const LOADED = new Set(MINUSMA_UNITS.map((u) => u.code));

/** The units whose records include confidential content: the protection programmes and hotlines. */
export function confidentialUnitCodes(): ReadonlySet<string> {
  const v = protectionVocabulary();
  return new Set([...v.programmes.map((p) => p.unit), ...v.hotlineLines.map((l) => l.unit)]);
}

function present(row: UnitRow, confidential: ReadonlySet<string>): Unit {
  return {
    code: row.code,
    parentCode: row.parent_code,
    kind: row.kind as Unit['kind'],
    nameFr: row.name_fr,
    nameEn: row.name_en,
    abbreviationFr: row.abbreviation_fr,
    abbreviationEn: row.abbreviation_en,
    closedAt: row.closed_at,
    loaded: LOADED.has(row.code),
    confidential: confidential.has(row.code),
    version: row.version,
  };
}

/** Every unit, open and closed (history refers to closed ones), in the mission's order. */
export async function listUnits(db: Db | Trx): Promise<Unit[]> {
  const confidential = confidentialUnitCodes();
  return (await listUnitRows(db)).map((row) => present(row, confidential));
}

/** Loads the MINUSMA 2020 units; safe to run at every start. */
export async function loadReferenceUnits(ctx: AppContext): Promise<void> {
  await ctx.database.db.transaction().execute((trx) => upsertUnits(trx, MINUSMA_UNITS));
}

/** Which of these codes name units of the mission, open or closed, in the caller's transaction when given one. */
export function knownUnitCodes(db: Db | Trx, codes: readonly string[]): Promise<Set<string>> {
  return existingUnitCodes(db, codes);
}

/** Which of these codes name open units: the ones that take new records and members. */
export function openUnitCodes(db: Db | Trx, codes: readonly string[]): Promise<Set<string>> {
  return existingUnitCodes(db, codes, true);
}

/** The codes of closed units. */
export async function closedUnitCodes(db: Db | Trx): Promise<Set<string>> {
  return new Set((await listUnitRows(db)).filter((r) => r.closed_at !== null).map((r) => r.code));
}

/** Refuses a unit that is closed (409 `unit_closed`) or unknown (400 `unknown_unit`). */
export async function requireOpenUnit(db: Db | Trx, code: string): Promise<void> {
  const row = await findUnitRow(db, code);
  if (!row) throw new AppError(400, 'unknown_unit', { unit: code });
  if (row.closed_at) throw new AppError(409, 'unit_closed', { unit: code });
}

/** The parent a unit is placed under: an open unit that is neither the unit nor below it. */
async function checkParent(trx: Trx, code: string, parentCode: string): Promise<void> {
  const rows = await listUnitRows(trx);
  const parent = rows.find((r) => r.code === parentCode);
  if (!parent) throw new AppError(400, 'unknown_unit', { unit: parentCode });
  if (parent.closed_at) throw new AppError(409, 'unit_closed', { unit: parentCode });
  const parentOf = new Map(rows.map((r) => [r.code, r.parent_code]));
  for (let at: string | null | undefined = parentCode, steps = 0; at && steps <= rows.length; at = parentOf.get(at), steps++) {
    if (at === code) throw new AppError(409, 'unit_cycle', { unit: code, parent: parentCode });
  }
}

export async function createUnit(ctx: AppContext, actor: AuditActor, input: CreateUnitBody): Promise<Unit> {
  return auditedTransaction(ctx, actor, async (trx) => {
    if (await findUnitRow(trx, input.code)) throw new AppError(409, 'unit_code_taken', { unit: input.code });
    await checkParent(trx, input.code, input.parentCode);
    await insertUnitRow(trx, {
      code: input.code,
      parent_code: input.parentCode,
      kind: input.kind,
      name_fr: input.nameFr,
      name_en: input.nameEn,
      abbreviation_fr: input.abbreviationFr ?? null,
      abbreviation_en: input.abbreviationEn ?? null,
    });
    const row = await findUnitRow(trx, input.code);
    if (!row) throw notFound();
    return {
      result: present(row, confidentialUnitCodes()),
      audit: {
        action: 'unit.create',
        recordType: RECORD_TYPE,
        recordId: input.code,
        details: { parent: input.parentCode, kind: input.kind },
      },
    };
  });
}

/** Renames or places a unit. The mission itself (the root) stays the root. */
export async function updateUnit(ctx: AppContext, actor: AuditActor, code: string, input: UpdateUnitBody): Promise<Unit> {
  return auditedTransaction(ctx, actor, async (trx) => {
    const row = await findUnitRow(trx, code);
    if (!row) throw notFound();
    if (row.version !== input.version) throw versionConflict();
    const changes: Parameters<typeof updateUnitIfVersion>[3] = {};
    if (input.nameFr !== undefined && input.nameFr !== row.name_fr) changes.name_fr = input.nameFr;
    if (input.nameEn !== undefined && input.nameEn !== row.name_en) changes.name_en = input.nameEn;
    if (input.abbreviationFr !== undefined && input.abbreviationFr !== row.abbreviation_fr) changes.abbreviation_fr = input.abbreviationFr;
    if (input.abbreviationEn !== undefined && input.abbreviationEn !== row.abbreviation_en) changes.abbreviation_en = input.abbreviationEn;
    if (input.kind !== undefined && input.kind !== row.kind) changes.kind = input.kind;
    if (input.parentCode !== undefined && input.parentCode !== row.parent_code) {
      if (row.parent_code === null) throw new AppError(409, 'unit_root');
      await checkParent(trx, code, input.parentCode);
      changes.parent_code = input.parentCode;
    }
    const fields = Object.keys(changes);
    if (fields.length === 0) return { result: present(row, confidentialUnitCodes()), audit: [] };
    if (!(await updateUnitIfVersion(trx, code, input.version, changes))) throw versionConflict();
    const updated = await findUnitRow(trx, code);
    if (!updated) throw notFound();
    const moved = changes.parent_code !== undefined ? { from: row.parent_code, to: changes.parent_code } : undefined;
    return {
      result: present(updated, confidentialUnitCodes()),
      audit: {
        action: moved ? 'unit.move' : 'unit.update',
        recordType: RECORD_TYPE,
        recordId: code,
        details: { fields, ...(moved ? { parent: moved } : {}) },
      },
    };
  });
}

/**
 * Closes a unit, or opens it again. A unit closes once the units below it are closed or placed
 * elsewhere; a unit opens again only under an open parent. The mission itself never closes.
 */
export async function setUnitClosed(ctx: AppContext, actor: AuditActor, code: string, version: number, closed: boolean): Promise<Unit> {
  return auditedTransaction(ctx, actor, async (trx) => {
    const rows = await listUnitRows(trx);
    const row = rows.find((r) => r.code === code);
    if (!row) throw notFound();
    if (row.version !== version) throw versionConflict();
    if ((row.closed_at !== null) === closed) return { result: present(row, confidentialUnitCodes()), audit: [] };
    if (closed) {
      if (row.parent_code === null) throw new AppError(409, 'unit_root');
      const open = rows.find((r) => r.parent_code === code && r.closed_at === null);
      if (open) throw new AppError(409, 'unit_open_children', { unit: open.code });
    } else {
      const parent = rows.find((r) => r.code === row.parent_code);
      if (parent?.closed_at) throw new AppError(409, 'unit_closed', { unit: parent.code });
    }
    const at = ctx.now().toISOString();
    if (!(await updateUnitIfVersion(trx, code, version, { closed_at: closed ? at : null }))) throw versionConflict();
    const updated = await findUnitRow(trx, code);
    if (!updated) throw notFound();
    return {
      result: present(updated, confidentialUnitCodes()),
      audit: { action: closed ? 'unit.close' : 'unit.reopen', recordType: RECORD_TYPE, recordId: code },
    };
  });
}

/** Unit names for labels: code → French and English names. */
export async function unitNames(db: Db | Trx, codes: readonly string[]): Promise<Map<string, { fr: string; en: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await listUnitRows(db);
  const wanted = new Set(codes);
  return new Map(rows.filter((r) => wanted.has(r.code)).map((r) => [r.code, { fr: r.name_fr, en: r.name_en }]));
}
