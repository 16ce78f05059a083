import { randomInt, randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import {
  DDR_STEPS,
  type DdrIdentity,
  type DdrPerson,
  type DdrPersonInput,
  type DdrProgress,
  type DdrStepInput,
  type DdrStepName,
  type DdrVocabulary,
} from '../../contracts/ddr.js';
import { DDR_MOVEMENT_TYPES, DDR_SOURCED_FIGURES, ddrTerms } from '../../data/vocab/ddr.js';
import type { Db, Trx } from '../../db/database.js';
import type { DdrPersonTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { AppError, notFound, versionConflict } from '../../platform/errors.js';
import { type Keyring, keyringFor } from '../../platform/keyring.js';
import { type Actor, requireSecondFactor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { actorRegistry } from '../incidents/incidents.service.js';
import { listFigures } from '../indicators/indicators.service.js';
import { requireOpenUnit } from '../organisation/organisation.service.js';
import { userNames } from '../users/users.service.js';
import { normaliseDocument, normaliseName, phoneticKey } from './ddr.names.js';
import { DDR_UNIT, listScope, mayDecide, mayOnPerson, mayReadPerson, mayRegister, mayWorkOnPerson, stepsFrom } from './ddr.policy.js';
import {
  codeTaken,
  countIntegratedBySex,
  countsByMovementAndStatus,
  decideDuplicate,
  duplicatesOf,
  findDuplicate,
  findPersonByCode,
  findPersonById,
  insertDuplicates,
  insertKeys,
  insertPerson,
  insertStep,
  listPersons as listPersonRows,
  listTargets,
  openDuplicates,
  personsWithKeys,
  setTarget,
  stepsOf,
  updatePersonIfVersion,
} from './ddr.repository.js';
import { openSite, siteNames } from './sites.service.js';

/**
 * The DDR registry: ex-combatants and associated members from pre-registration to integration,
 * reinsertion or leaving the process. Identities and the national enrolment reference are sealed
 * with the keyring before they reach the database; duplicates are found by blind indexes of
 * normalised and phonetic names with the birth date and of document numbers, never by plaintext,
 * and wait for a manager's review; a confirmed duplicate is linked to the first record and never
 * counted. Children are never processed as combatants: a person under 18 on the date of a step is
 * refused and the record referred to Child Protection.
 */

export const PERSON_RECORD_TYPE = 'ddr_person';
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

type Issue = { path: string[]; message: string };

async function newCode(trx: Trx): Promise<string> {
  for (;;) {
    const code = `DDR-${Array.from({ length: 5 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;
    if (!(await codeTaken(trx, code))) return code;
  }
}

/** Full years between a birth date and a day (both ISO dates). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function today(ctx: AppContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

/**
 * The blind indexes of an identity: for each name and alias, the normalised name with the birth
 * date, and its phonetic key with the birth year (a day or month mistyped still meets); each
 * document number. HMACs only: the names and numbers themselves are never stored in clear.
 */
export function identityKeys(keyring: Keyring, identity: DdrIdentity): { kind: string; value: string }[] {
  const keys = new Map<string, { kind: string; value: string }>();
  const add = (kind: string, text: string) => {
    const value = keyring.blindIndex(text, `ddr.${kind}`);
    keys.set(`${kind}:${value}`, { kind, value });
  };
  for (const name of [identity.name, ...identity.aliases]) {
    if (normaliseName(name) === '') continue;
    add('name_dob', `${normaliseName(name)}|${identity.birthDate}`);
    add('phonetic', `${phoneticKey(name)}|${identity.birthDate.slice(0, 4)}`);
  }
  for (const document of identity.documents) {
    const number = normaliseDocument(document.number);
    if (number !== '') add('document', number);
  }
  return [...keys.values()];
}

async function movementCodes(db: Db | Trx): Promise<Map<string, { fr: string; en: string }>> {
  return new Map(
    (await actorRegistry(db))
      .filter((a) => a.status === 'active' && DDR_MOVEMENT_TYPES.includes(a.actor_type))
      .map((a) => [a.code, { fr: a.name_fr, en: a.name_en }]),
  );
}

function openIdentity(keyring: Keyring, row: DdrPersonTable): DdrIdentity {
  return JSON.parse(keyring.decrypt(row.identity_sealed, { recordId: row.id, field: 'identity' })) as DdrIdentity;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The person with this code if `actor` may read it (second factor required); 404 otherwise. */
async function readableOr404(ctx: AppContext, actor: Actor, code: string): Promise<DdrPersonTable> {
  requireSecondFactor(actor);
  const row = await findPersonByCode(ctx.database.db, code);
  if (!row || !mayReadPerson(actor, row)) throw notFound();
  return row;
}

async function present(ctx: AppContext, actor: Actor, row: DdrPersonTable): Promise<DdrPerson> {
  const db = ctx.database.db;
  const [steps, duplicates, original] = await Promise.all([
    stepsOf(db, row.id),
    duplicatesOf(db, row.id),
    row.duplicate_of ? findPersonById(db, row.duplicate_of) : undefined,
  ]);
  const names = new Map((await userNames(ctx, [...new Set(steps.map((s) => s.actor_id))])).map((u) => [u.id, u.name]));
  // The cantonment step names a recorded site, by id; shown by its name.
  const sites = await siteNames(db, [
    ...(row.site ? [row.site] : []),
    ...steps.filter((s) => s.step === 'canton' && s.detail).map((s) => s.detail as string),
  ]);
  return {
    code: row.code,
    movement: row.movement,
    category: row.category as DdrPerson['category'],
    sex: row.sex,
    status: row.status as DdrPerson['status'],
    duplicateOf: original?.code ?? null,
    openDuplicates: duplicates.filter((d) => d.status === 'open').length,
    updatedAt: row.updated_at,
    site: row.site ? (sites.get(row.site) ?? row.site) : null,
    siteId: row.site,
    force: row.force,
    pathway: row.pathway,
    childReferredOn: row.child_referred_on,
    hasEnrolmentRef: row.enrolment_sealed !== null,
    createdAt: row.created_at,
    version: row.version,
    steps: steps.map((s) => ({
      step: s.step,
      on: s.on_date,
      detail: s.step === 'canton' && s.detail ? (sites.get(s.detail) ?? s.detail) : s.detail,
      actor: names.get(s.actor_id) ?? s.actor_label,
      at: s.at,
    })),
    duplicates: duplicates.map((d) => ({ id: d.id, code: d.code, reasons: JSON.parse(d.reasons) as string[], status: d.status })),
    may: mayOnPerson(actor, row),
  };
}

/** One person, audited as a read of confidential data. */
export async function getPerson(ctx: AppContext, actor: Actor, code: string): Promise<DdrPerson> {
  const row = await readableOr404(ctx, actor, code);
  const result = await present(ctx, actor, row);
  await recordAudit(ctx, actor, { action: 'ddr.person.read', recordType: PERSON_RECORD_TYPE, recordId: row.id, details: { code } });
  return result;
}

/** The persons `actor` may read, codes only, audited. */
export async function listPersons(
  ctx: AppContext,
  actor: Actor,
  query: { status?: string | undefined; movement?: string | undefined; limit: number; offset: number },
) {
  requireSecondFactor(actor);
  const scope = listScope(actor);
  const { rows, total } = scope
    ? await listPersonRows(ctx.database.db, DDR_UNIT, scope, query, query.limit, query.offset)
    : { rows: [], total: 0 };
  await recordAudit(ctx, actor, {
    action: 'ddr.person.list',
    recordType: PERSON_RECORD_TYPE,
    recordId: null,
    details: { returned: rows.length, total },
  });
  return {
    total,
    items: rows.map((r) => ({
      code: r.code,
      movement: r.movement,
      category: r.category as DdrPerson['category'],
      sex: r.sex,
      status: r.status as DdrPerson['status'],
      duplicateOf: r.duplicate_of_code ?? null,
      openDuplicates: Number(r.open_duplicates ?? 0),
      updatedAt: r.updated_at,
    })),
  };
}

/** The identity behind a code: an explicit, audited act with its reason. */
export async function revealIdentity(ctx: AppContext, actor: Actor, code: string, reason: string) {
  const row = await readableOr404(ctx, actor, code);
  const keyring = await keyringFor(ctx);
  const identity = openIdentity(keyring, row);
  const enrolmentRef = row.enrolment_sealed ? keyring.decrypt(row.enrolment_sealed, { recordId: row.id, field: 'enrolment' }) : null;
  await recordAudit(ctx, actor, {
    action: 'ddr.identity.reveal',
    recordType: PERSON_RECORD_TYPE,
    recordId: row.id,
    details: { code, reason },
  });
  return { code, ...identity, enrolmentRef };
}

// ---------------------------------------------------------------------------------------------
// Registering

export async function registerPerson(ctx: AppContext, actor: Actor, input: DdrPersonInput): Promise<DdrPerson> {
  requireSecondFactor(actor);
  if (!mayRegister(actor)) throw new AppError(403, 'forbidden');
  const issues: Issue[] = [];
  if (!(await movementCodes(ctx.database.db)).has(input.movement)) issues.push({ path: ['movement'], message: 'ddr_movement' });
  if (input.preRegisteredOn > today(ctx)) issues.push({ path: ['preRegisteredOn'], message: 'date_in_future' });
  if (input.identity.birthDate > input.preRegisteredOn) issues.push({ path: ['identity', 'birthDate'], message: 'ddr_born_after' });
  throwFieldErrors(issues);

  const keyring = await keyringFor(ctx);
  const keys = identityKeys(keyring, input.identity);
  const child = ageOn(input.identity.birthDate, input.preRegisteredOn) < 18;
  const id = randomUUID();
  const code = await auditedTransaction(ctx, actor, async (trx) => {
    await requireOpenUnit(trx, DDR_UNIT);
    const at = ctx.now().toISOString();
    const code = await newCode(trx);
    await insertPerson(trx, {
      id,
      code,
      unit_code: DDR_UNIT,
      movement: input.movement,
      category: input.category,
      sex: input.sex,
      status: child ? 'child_referred' : 'pre_registered',
      identity_sealed: keyring.encrypt(JSON.stringify(input.identity), { recordId: id, field: 'identity' }),
      enrolment_sealed: null,
      site: null,
      force: null,
      pathway: null,
      duplicate_of: null,
      child_referred_on: child ? input.preRegisteredOn : null,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await insertStep(trx, {
      id: randomUUID(),
      person_id: id,
      step: child ? 'child_referral' : 'pre_register',
      on_date: input.preRegisteredOn,
      detail: null,
      actor_id: actor.id,
      actor_label: actor.label,
      at,
    });
    await insertKeys(trx, id, keys);
    // Every earlier record sharing a key goes to the review queue, with the kinds of key shared.
    const shared = new Map<string, Set<string>>();
    for (const match of await personsWithKeys(trx, keys, id)) {
      shared.set(match.person_id, (shared.get(match.person_id) ?? new Set()).add(match.kind));
    }
    await insertDuplicates(
      trx,
      [...shared].map(([other, kinds]) => ({
        id: randomUUID(),
        person_id: id,
        other_id: other,
        reasons: JSON.stringify([...kinds].sort()),
        status: 'open',
        found_at: at,
        decided_by: null,
        decided_at: null,
      })),
    );
    const audit = [
      {
        action: 'ddr.person.create',
        recordType: PERSON_RECORD_TYPE,
        recordId: id,
        details: { code, movement: input.movement, possibleDuplicates: shared.size },
      },
    ];
    if (child)
      audit.push({
        action: 'ddr.person.child_referral',
        recordType: PERSON_RECORD_TYPE,
        recordId: id,
        details: { code, movement: input.movement, possibleDuplicates: 0 },
      });
    return { result: code, audit };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, code));
}

// ---------------------------------------------------------------------------------------------
// Steps

/** What each step requires of its input, and what it must not carry. */
const STEP_FIELDS: Record<DdrStepName, 'enrolmentRef' | 'site' | 'force' | 'pathway' | null> = {
  register: null,
  enrol: 'enrolmentRef',
  canton: 'site',
  disarm: null,
  demobilise: null,
  integrate: 'force',
  reinsert: 'pathway',
  leave: null,
};

function stepIssues(input: DdrStepInput, lastOn: string, ctx: AppContext): Issue[] {
  const issues: Issue[] = [];
  const wanted = STEP_FIELDS[input.step];
  for (const field of ['enrolmentRef', 'site', 'force', 'pathway'] as const) {
    const given = input[field] !== null && input[field] !== '';
    if (field === wanted && !given) issues.push({ path: [field], message: 'required' });
    if (field !== wanted && given) issues.push({ path: [field], message: 'ddr_field_not_for_step' });
  }
  if (input.reason !== null && input.step !== 'leave') issues.push({ path: ['reason'], message: 'ddr_field_not_for_step' });
  if (input.on > today(ctx)) issues.push({ path: ['on'], message: 'date_in_future' });
  else if (input.on < lastOn) issues.push({ path: ['on'], message: 'ddr_step_before_previous' });
  return issues;
}

/**
 * Records a step of the process. Refused for a confirmed duplicate (its steps belong to the first
 * record) and for a child: a person under 18 on the step's date is never processed as a combatant,
 * and the record is referred to Child Protection instead (recorded and audited), then the step
 * refused with a message saying so.
 */
export async function recordStep(ctx: AppContext, actor: Actor, code: string, input: DdrStepInput): Promise<DdrPerson> {
  const row = await readableOr404(ctx, actor, code);
  if (!mayWorkOnPerson(actor, row)) throw new AppError(403, 'forbidden');
  if (row.duplicate_of !== null) throw new AppError(409, 'ddr_duplicate_record');
  if (row.status === 'child_referred') throw new AppError(422, 'ddr_child');
  if (input.version !== row.version) throw versionConflict();
  if (!stepsFrom(row.status).includes(input.step)) throw new AppError(409, 'ddr_step_not_allowed');
  const steps = await stepsOf(ctx.database.db, row.id);
  const issues = stepIssues(input, steps.at(-1)?.on_date ?? '', ctx);
  if (input.step === 'canton' && input.site && !(await openSite(ctx.database.db, input.site)))
    issues.push({ path: ['site'], message: 'ddr_site_unknown' });
  throwFieldErrors(issues);

  const keyring = await keyringFor(ctx);
  const identity = openIdentity(keyring, row);
  if (ageOn(identity.birthDate, input.on) < 18) {
    await auditedTransaction(ctx, actor, async (trx) => {
      const at = ctx.now().toISOString();
      if (
        !(await updatePersonIfVersion(trx, row.id, row.version, { status: 'child_referred', child_referred_on: input.on, updated_at: at }))
      )
        throw versionConflict();
      await insertStep(trx, {
        id: randomUUID(),
        person_id: row.id,
        step: 'child_referral',
        on_date: input.on,
        detail: null,
        actor_id: actor.id,
        actor_label: actor.label,
        at,
      });
      return {
        result: undefined,
        audit: {
          action: 'ddr.person.child_referral',
          recordType: PERSON_RECORD_TYPE,
          recordId: row.id,
          details: { code, step: input.step },
        },
      };
    });
    throw new AppError(422, 'ddr_child');
  }

  const to = DDR_STEPS[input.step].to;
  const detail = input.site ?? input.force ?? input.pathway ?? input.reason ?? null;
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const changes: Partial<DdrPersonTable> = { status: to, updated_at: at };
    if (input.step === 'enrol')
      changes.enrolment_sealed = keyring.encrypt(input.enrolmentRef as string, { recordId: row.id, field: 'enrolment' });
    if (input.step === 'canton') changes.site = input.site;
    if (input.step === 'integrate') changes.force = input.force;
    if (input.step === 'reinsert') changes.pathway = input.pathway;
    if (!(await updatePersonIfVersion(trx, row.id, row.version, changes))) throw versionConflict();
    await insertStep(trx, {
      id: randomUUID(),
      person_id: row.id,
      step: input.step,
      on_date: input.on,
      detail,
      actor_id: actor.id,
      actor_label: actor.label,
      at,
    });
    return {
      result: undefined,
      audit: { action: 'ddr.person.step', recordType: PERSON_RECORD_TYPE, recordId: row.id, details: { code, step: input.step } },
    };
  });
  return present(ctx, actor, await readableOr404(ctx, actor, code));
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/** The possible duplicates waiting for review whose two records `actor` may read. */
export async function duplicateQueue(ctx: AppContext, actor: Actor) {
  requireSecondFactor(actor);
  const scope = listScope(actor);
  const rows = scope ? await openDuplicates(ctx.database.db, DDR_UNIT, scope) : [];
  const decide = mayDecide(actor);
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      otherCode: r.other_code,
      movement: r.movement,
      otherMovement: r.other_movement,
      reasons: JSON.parse(r.reasons) as string[],
      foundAt: r.found_at,
      may: { decide },
    })),
  };
}

/**
 * A manager's decision on a possible duplicate: the same person (the later record is linked to
 * the first, never counted again, and takes no further step) or different people (both stay).
 */
export async function decideOnDuplicate(ctx: AppContext, actor: Actor, id: string, decision: 'same' | 'different'): Promise<void> {
  requireSecondFactor(actor);
  const db = ctx.database.db;
  const entry = await findDuplicate(db, id);
  const [later, earlier] = entry ? await Promise.all([findPersonById(db, entry.person_id), findPersonById(db, entry.other_id)]) : [];
  if (!entry || !later || !earlier || !mayReadPerson(actor, later) || !mayReadPerson(actor, earlier)) throw notFound();
  if (!mayDecide(actor)) throw new AppError(403, 'forbidden');
  await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    if (!(await decideDuplicate(trx, id, decision === 'same' ? 'confirmed' : 'different', actor.id, at)))
      throw new AppError(409, 'ddr_duplicate_decided');
    if (decision === 'same') {
      // Linked to the first record of the chain, so that counting never follows two links.
      const current = (await findPersonById(trx, later.id)) as DdrPersonTable;
      const root = earlier.duplicate_of ?? earlier.id;
      if (current.duplicate_of === null && root !== current.id) {
        if (!(await updatePersonIfVersion(trx, current.id, current.version, { duplicate_of: root, updated_at: at })))
          throw versionConflict();
      }
    }
    return {
      result: undefined,
      audit: {
        action: decision === 'same' ? 'ddr.duplicate.confirm' : 'ddr.duplicate.different',
        recordType: PERSON_RECORD_TYPE,
        recordId: later.id,
        details: { code: later.code, other: earlier.code },
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Progress and targets (internal aggregates: counts only)

const COUNTED_STATUSES = [
  'pre_registered',
  'registered',
  'enrolled',
  'cantoned',
  'disarmed',
  'demobilised',
  'integrated',
  'reinserted',
  'left',
];

export async function progress(ctx: AppContext, actor: Actor, locale: Locale): Promise<DdrProgress> {
  const db = ctx.database.db;
  const [counts, targets, movements, figures] = await Promise.all([
    countsByMovementAndStatus(db, DDR_UNIT),
    listTargets(db),
    movementCodes(db),
    listFigures(ctx, actor, locale, DDR_UNIT),
  ]);
  const sourced = DDR_SOURCED_FIGURES.map((key) => figures.find((f) => f.key === key)).filter((f) => f !== undefined);
  const overall = sourced.find((f) => f.key === 'ssrddr.mandate.integration_target');
  const targetOf = new Map(targets.map((t) => [t.movement, t.target]));
  const codes = [...new Set([...targetOf.keys(), ...counts.map((c) => c.movement)])].sort();
  const zero = () => Object.fromEntries(COUNTED_STATUSES.map((s) => [s, 0]));
  const totals: Record<string, number> = zero();
  let childReferrals = 0;
  const split = () => ({ female: 0, male: 0 });
  const add = (to: { female: number; male: number }, sex: string, n: number) => {
    if (sex === 'female' || sex === 'male') to[sex] += n;
  };
  const integratedBySex = split();
  const childReferralsBySex = split();
  const byMovement = codes.map((movement) => {
    const mine: Record<string, number> = zero();
    const mineBySex = split();
    for (const c of counts.filter((x) => x.movement === movement)) {
      if (c.status === 'child_referred') {
        childReferrals += c.n;
        add(childReferralsBySex, c.sex, c.n);
      } else {
        mine[c.status] = (mine[c.status] ?? 0) + c.n;
        totals[c.status] = (totals[c.status] ?? 0) + c.n;
        if (c.status === 'integrated') {
          add(mineBySex, c.sex, c.n);
          add(integratedBySex, c.sex, c.n);
        }
      }
    }
    const names = movements.get(movement);
    return {
      movement,
      name: names ? names[locale] : movement,
      target: targetOf.get(movement) ?? null,
      integrated: mine.integrated ?? 0,
      integratedBySex: mineBySex,
      counts: mine,
    };
  });
  return {
    target: { overall: overall?.value ?? null, source: overall?.quote ?? null },
    byMovement,
    totals,
    integrated: totals.integrated ?? 0,
    integratedBySex,
    childReferrals,
    childReferralsBySex,
    sourcedFigures: sourced.map((f) => ({ key: f.key, label: f.label, value: f.value, period: f.period })),
    may: { setTargets: mayDecide(actor) },
  };
}

/** A movement's integration target, set by the section's managers. */
export async function setMovementTarget(ctx: AppContext, actor: Actor, movement: string, target: number): Promise<void> {
  if (!mayDecide(actor)) throw new AppError(403, 'forbidden');
  if (!(await movementCodes(ctx.database.db)).has(movement)) throwFieldErrors([{ path: ['movement'], message: 'ddr_movement' }]);
  await auditedTransaction(ctx, actor, async (trx) => {
    await setTarget(trx, movement, target, actor.id, ctx.now().toISOString());
    return {
      result: undefined,
      audit: { action: 'ddr.target.set', recordType: 'ddr_target', recordId: null, details: { movement, target } },
    };
  });
}

export async function ddrVocabulary(ctx: AppContext, locale: Locale): Promise<DdrVocabulary> {
  const movements = await movementCodes(ctx.database.db);
  return {
    movements: [...movements].map(([code, names]) => ({ code, name: names[locale] })),
    ...ddrTerms(locale),
  };
}

/**
 * Persons integrated, by movement and sex: aggregates for the results framework, never
 * identities. Read by any signed-in account, as the progress page; nothing for a visitor.
 */
export async function integratedBySex(
  ctx: AppContext,
  actor: Actor | null,
  movement?: string,
): Promise<{ total: number; women: number; men: number; byMovement: { movement: string; women: number; men: number }[] } | null> {
  if (!actor) return null;
  const rows = await countIntegratedBySex(ctx.database.db, DDR_UNIT, movement);
  const byMovement = new Map<string, { movement: string; women: number; men: number }>();
  for (const row of rows) {
    const entry = byMovement.get(row.movement) ?? { movement: row.movement, women: 0, men: 0 };
    if (row.sex === 'female') entry.women += row.n;
    else entry.men += row.n;
    byMovement.set(row.movement, entry);
  }
  const list = [...byMovement.values()];
  const women = list.reduce((sum, m) => sum + m.women, 0);
  const men = list.reduce((sum, m) => sum + m.men, 0);
  return { total: women + men, women, men, byMovement: list };
}
