import { randomInt, randomUUID } from 'node:crypto';
import type { IdentityInput, PersonInput, Programme } from '../../contracts/protection.js';
import { protectionVocabulary } from '../../data/vocab/protection.js';
import type { Db, Trx } from '../../db/database.js';
import type { ProtectionPersonTable } from '../../db/schema.js';
import { type AppContext, auditedTransaction, recordAudit } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { keyringFor } from '../../platform/keyring.js';
import type { Actor } from '../../platform/policy.js';
import { throwFieldErrors } from '../../platform/validation.js';
import { isChild, notInFuture, partyCodes } from './protection.checks.js';
import { casesWithNameIndexes, findPerson, insertPerson, pseudonymTaken, touchCase } from './protection.repository.js';
import { readableOr404, workable } from './protection.service.js';

/**
 * The persons of a case: victims, perpetrators, witnesses and sources, each seen by a
 * pseudonym; their sealed identities, revealed only as an audited act; and the other cases that
 * hold the same name (found by its blind index, never by the name).
 */

const PSEUDONYM_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const ROLE_LETTER: Record<string, string> = { victim: 'V', perpetrator: 'P', witness: 'W', source: 'S', intervening: 'I' };

async function newPseudonym(trx: Trx, role: string): Promise<string> {
  for (;;) {
    const code = Array.from({ length: 4 }, () => PSEUDONYM_ALPHABET[randomInt(PSEUDONYM_ALPHABET.length)]).join('');
    const pseudonym = `${ROLE_LETTER[role] ?? 'S'}-${code}`;
    if (!(await pseudonymTaken(trx, pseudonym))) return pseudonym;
  }
}

function identityIsEmpty(identity: IdentityInput): boolean {
  return Object.values(identity).every((v) => v === '');
}

export async function addPerson(
  ctx: AppContext,
  actor: Actor,
  ref: string,
  input: PersonInput,
): Promise<{ pseudonym: string; duplicates: string[] }> {
  const found = await workable(ctx, actor, ref);
  const programme = found.row.programme as Programme;
  const v = protectionVocabulary();
  const issues: { path: string[]; message: string }[] = [];
  let ageGroup = input.ageGroup;
  if (ageGroup !== null && !v.ageGroups.some((g) => g.code === ageGroup)) issues.push({ path: ['ageGroup'], message: 'vocabulary' });
  if (input.age !== null) {
    const derived =
      v.ageGroups.find((g) => (input.age as number) >= g.from && (g.to === null || (input.age as number) <= g.to))?.code ?? null;
    if (ageGroup !== null && ageGroup !== derived) issues.push({ path: ['ageGroup'], message: 'age_group_mismatch' });
    ageGroup = derived;
  }
  if (input.kind === 'group' && input.groupSize === null) issues.push({ path: ['groupSize'], message: 'required' });
  if (input.kind === 'individual' && input.groupSize !== null) issues.push({ path: ['groupSize'], message: 'group_size_individual' });
  if (input.affiliation !== null && !(await partyCodes(ctx, programme)).has(input.affiliation))
    issues.push({ path: ['affiliation'], message: 'vocabulary' });
  issues.push(...notInFuture(ctx, input.identity.birthDate || null, ['identity', 'birthDate']));
  if (programme === 'mrm' && input.role === 'victim' && input.kind === 'individual' && !isChild({ age: input.age, age_group: ageGroup }))
    issues.push({ path: ['age'], message: 'mrm_victim_child' });
  throwFieldErrors(issues);
  const keyring = await keyringFor(ctx);
  const id = randomUUID();
  const hasIdentity = !identityIsEmpty(input.identity);
  const nameIndex = input.identity.name ? keyring.blindIndex(input.identity.name, 'person.name') : null;
  const pseudonym = await auditedTransaction(ctx, actor, async (trx) => {
    const at = ctx.now().toISOString();
    const pseudonym = await newPseudonym(trx, input.role);
    await insertPerson(trx, {
      id,
      case_id: found.row.id,
      pseudonym,
      role: input.role,
      kind: input.kind,
      group_size: input.groupSize,
      sex: input.sex,
      age: input.age,
      age_group: ageGroup,
      affiliation: input.affiliation,
      identity_sealed: hasIdentity ? keyring.encrypt(JSON.stringify(input.identity), { recordId: id, field: 'identity' }) : null,
      name_index: nameIndex,
      created_at: at,
    });
    await touchCase(trx, found.row.id, at);
    return {
      result: pseudonym,
      audit: {
        action: 'protection.person.create',
        recordType: 'protection_person',
        recordId: id,
        details: { ref, pseudonym, role: input.role },
      },
    };
  });
  const duplicates = nameIndex
    ? ((await casesWithNameIndexes(ctx.database.db, actor, [nameIndex], found.row.id)).get(nameIndex) ?? [])
    : [];
  return { pseudonym, duplicates };
}

/** The person of a case with this pseudonym; 404 if the case has none. */
export async function personOf(db: Db | Trx, caseId: string, pseudonym: string): Promise<ProtectionPersonTable> {
  const person = await findPerson(db, caseId, pseudonym);
  if (!person) throw notFound();
  return person;
}

/** The identity behind a pseudonym: an explicit, audited act with its reason. */
export async function revealIdentity(ctx: AppContext, actor: Actor, ref: string, pseudonym: string, reason: string) {
  const found = await readableOr404(ctx, actor, ref);
  const person = await personOf(ctx.database.db, found.row.id, pseudonym);
  const keyring = await keyringFor(ctx);
  const identity: IdentityInput = person.identity_sealed
    ? (JSON.parse(keyring.decrypt(person.identity_sealed, { recordId: person.id, field: 'identity' })) as IdentityInput)
    : { name: '', contact: '', birthDate: '', address: '', description: '' };
  await recordAudit(ctx, actor, {
    action: 'protection.identity.reveal',
    recordType: 'protection_person',
    recordId: person.id,
    details: { ref, pseudonym, reason },
  });
  return { pseudonym, ...identity };
}
