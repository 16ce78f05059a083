import { randomInt, randomUUID } from 'node:crypto';
import { COUNTED_KINDS, type CustodyInput, type Weapon, type WeaponInput, type WeaponSummary } from '../../contracts/ddr-sites.js';
import type { Trx } from '../../db/database.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { type Actor, requireSecondFactor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { userNames } from '../users/users.service.js';
import { mayReadPerson, mayWorkOnPerson } from './ddr.policy.js';
import { findPersonByCode } from './ddr.repository.js';
import { mayMoveWeapon, mayReadWeapon } from './sites.policy.js';
import {
  custodyOf,
  findWeaponByCode,
  insertCustody,
  insertWeapon,
  updateWeaponIfVersion,
  type WeaponRow,
  weaponCodeTaken,
  weaponsOfPerson,
  weaponsWithSerials,
} from './sites.repository.js';
import { openSite } from './sites.service.js';

/**
 * Weapons and ammunition handed in by a person of the registry at a cantonment site, and their
 * chain of custody. The chain is linear: each hand-over names both sides (from a custodian at a
 * location, to a custodian at a location, on a day) and starts from where the weapon is, so a
 * weapon is never in two places; a hand-over from anywhere else is refused, and destruction is
 * final. Each position of a chain is unique in the database, so two hand-overs racing from the
 * same state cannot both land. A serial number seen twice (compared normalised) is flagged. A
 * weapon is confidential like its person: read and moved by the section's managers and the
 * person's case team, with a second factor.
 */

export const WEAPON_RECORD_TYPE = 'ddr_weapon';
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
type Issue = { path: string[]; message: string };

/** A serial number for comparison: accents, case, spaces and punctuation ignored. */
export function serialKey(serial: string): string {
  return serial
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** A custodian or location for comparison: accents, case and spacing ignored. */
export function sideKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

async function newCode(trx: Trx): Promise<string> {
  for (;;) {
    const code = `ARM-${Array.from({ length: 5 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;
    if (!(await weaponCodeTaken(trx, code))) return code;
  }
}

function today(ctx: AppContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

function summaryOf(row: WeaponRow, twice: ReadonlySet<string>): WeaponSummary {
  return {
    code: row.code,
    personCode: row.person_code,
    siteId: row.site_id,
    siteName: row.site_name,
    kind: row.kind as WeaponSummary['kind'],
    calibre: row.calibre,
    serial: row.serial,
    condition: row.condition as WeaponSummary['condition'],
    quantity: row.quantity,
    handedInOn: row.handed_in_on,
    status: row.status as WeaponSummary['status'],
    custodian: row.custodian,
    location: row.location,
    serialSeenTwice: row.serial_key !== '' && twice.has(row.serial_key),
    version: row.version,
  };
}

/** The serial keys among these rows that another weapon shares, and all weapons sharing them. */
async function sharedSerials(ctx: AppContext, rows: readonly WeaponRow[]) {
  const others = await weaponsWithSerials(ctx.database.db, [...new Set(rows.map((r) => r.serial_key))]);
  const count = new Map<string, number>();
  for (const o of others) count.set(o.serial_key, (count.get(o.serial_key) ?? 0) + 1);
  return { twice: new Set([...count].filter(([, n]) => n > 1).map(([key]) => key)), others };
}

async function readableWeapon(ctx: AppContext, actor: Actor, code: string): Promise<WeaponRow> {
  requireSecondFactor(actor);
  const row = await findWeaponByCode(ctx.database.db, code);
  if (!row || !mayReadWeapon(actor, row)) throw notFound();
  return row;
}

async function present(ctx: AppContext, actor: Actor, row: WeaponRow): Promise<Weapon> {
  const [{ twice, others }, chain] = await Promise.all([sharedSerials(ctx, [row]), custodyOf(ctx.database.db, row.id)]);
  const names = new Map((await userNames(ctx, [...new Set(chain.map((c) => c.actor_id))])).map((u) => [u.id, u.name]));
  return {
    ...summaryOf(row, twice),
    markings: row.markings,
    sameSerial: others.filter((o) => o.id !== row.id && mayReadWeapon(actor, o)).map((o) => o.code),
    custody: chain.map((c) => ({
      seq: c.seq,
      move: c.move,
      on: c.on_date,
      fromCustodian: c.from_custodian,
      fromLocation: c.from_location,
      toCustodian: c.to_custodian,
      toLocation: c.to_location,
      note: c.note,
      actor: names.get(c.actor_id) ?? c.actor_label,
      at: c.at,
    })),
    may: { move: mayMoveWeapon(actor, row) },
  };
}

/** A weapon with its chain of custody, audited as a read of confidential data. */
export async function getWeapon(ctx: AppContext, actor: Actor, code: string): Promise<Weapon> {
  const row = await readableWeapon(ctx, actor, code);
  const result = await present(ctx, actor, row);
  await recordAudit(ctx, actor, { action: 'ddr.weapon.read', recordType: WEAPON_RECORD_TYPE, recordId: row.id, details: { code } });
  return result;
}

/** The weapons a person handed in. */
export async function weaponsOf(ctx: AppContext, actor: Actor, personCode: string): Promise<{ items: WeaponSummary[] }> {
  requireSecondFactor(actor);
  const person = await findPersonByCode(ctx.database.db, personCode);
  if (!person || !mayReadPerson(actor, person)) throw notFound();
  const rows = await weaponsOfPerson(ctx.database.db, person.id);
  const { twice } = await sharedSerials(ctx, rows);
  return { items: rows.map((r) => summaryOf(r, twice)) };
}

/** A weapon or a lot of ammunition handed in by a person at a site: the first link of its chain. */
export async function handInWeapon(ctx: AppContext, actor: Actor, personCode: string, input: WeaponInput): Promise<Weapon> {
  requireSecondFactor(actor);
  const db = ctx.database.db;
  const person = await findPersonByCode(db, personCode);
  if (!person || !mayReadPerson(actor, person)) throw notFound();
  if (!mayWorkOnPerson(actor, person)) throw new AppError(403, 'forbidden');
  if (person.duplicate_of !== null) throw new AppError(409, 'ddr_duplicate_record');
  if (person.status === 'child_referred') throw new AppError(422, 'ddr_child');
  const issues: Issue[] = [];
  const site = await openSite(db, input.site);
  if (!site) issues.push({ path: ['site'], message: 'ddr_site_unknown' });
  if (input.quantity > 1 && !COUNTED_KINDS.includes(input.kind)) issues.push({ path: ['quantity'], message: 'ddr_quantity_single' });
  if (input.on > today(ctx)) issues.push({ path: ['on'], message: 'date_in_future' });
  throwFieldErrors(issues);
  const where = site as NonNullable<typeof site>;
  const key = serialKey(input.serial);
  const location = input.location === '' ? where.name : input.location;
  const id = randomUUID();
  const code = await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const code = await newCode(trx);
    await insertWeapon(trx, {
      id,
      code,
      person_id: person.id,
      site_id: where.id,
      kind: input.kind,
      calibre: input.calibre,
      serial: input.serial,
      serial_key: key,
      markings: input.markings,
      condition: input.condition,
      quantity: input.quantity,
      handed_in_on: input.on,
      status: 'in_custody',
      custodian: input.receivedBy,
      location,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await insertCustody(trx, {
      id: randomUUID(),
      weapon_id: id,
      seq: 1,
      move: 'hand_in',
      on_date: input.on,
      from_custodian: person.code,
      from_location: where.name,
      to_custodian: input.receivedBy,
      to_location: location,
      note: '',
      actor_id: actor.id,
      actor_label: actor.label,
      at,
    });
    const seen = key === '' ? 0 : (await weaponsWithSerials(trx, [key])).length - 1;
    return {
      result: code,
      audit: {
        action: 'ddr.weapon.hand_in',
        recordType: WEAPON_RECORD_TYPE,
        recordId: id,
        details: { code, person: person.code, site: where.id, kind: input.kind, serialSeenBefore: seen },
      },
    };
  });
  return present(ctx, actor, await readableWeapon(ctx, actor, code));
}

/**
 * The next link of a weapon's chain: storage, transfer or destruction, from where the weapon is to
 * where it goes, both sides named. Refused from anywhere else (the weapon is not there), after
 * destruction (final), before the last hand-over's day, or on a stale version.
 */
export async function moveWeapon(ctx: AppContext, actor: Actor, code: string, input: CustodyInput): Promise<Weapon> {
  const row = await readableWeapon(ctx, actor, code);
  if (row.status === 'destroyed') throw new AppError(409, 'ddr_weapon_destroyed');
  if (!mayMoveWeapon(actor, row)) throw new AppError(403, 'forbidden');
  if (input.version !== row.version) throw versionConflict();
  if (sideKey(input.fromCustodian) !== sideKey(row.custodian) || sideKey(input.fromLocation) !== sideKey(row.location))
    throw new AppError(409, 'ddr_custody_not_there');
  const chain = await custodyOf(ctx.database.db, row.id);
  const last = chain.at(-1);
  const issues: Issue[] = [];
  if (input.on > today(ctx)) issues.push({ path: ['on'], message: 'date_in_future' });
  else if (last && input.on < last.on_date) issues.push({ path: ['on'], message: 'ddr_step_before_previous' });
  if (
    input.move !== 'destroy' &&
    sideKey(input.toCustodian) === sideKey(row.custodian) &&
    sideKey(input.toLocation) === sideKey(row.location)
  )
    issues.push({ path: ['toLocation'], message: 'ddr_custody_same_sides' });
  throwFieldErrors(issues);
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const moved = await updateWeaponIfVersion(trx, row.id, row.version, {
      status: input.move === 'destroy' ? 'destroyed' : 'in_custody',
      custodian: input.toCustodian,
      location: input.toLocation,
      updated_at: at,
    });
    if (!moved) throw versionConflict();
    await insertCustody(trx, {
      id: randomUUID(),
      weapon_id: row.id,
      seq: (last?.seq ?? 0) + 1,
      move: input.move,
      on_date: input.on,
      from_custodian: row.custodian,
      from_location: row.location,
      to_custodian: input.toCustodian,
      to_location: input.toLocation,
      note: input.note,
      actor_id: actor.id,
      actor_label: actor.label,
      at,
    });
    return {
      result: undefined,
      audit: { action: `ddr.weapon.${input.move}`, recordType: WEAPON_RECORD_TYPE, recordId: row.id, details: { code, move: input.move } },
    };
  });
  return present(ctx, actor, await readableWeapon(ctx, actor, code));
}
