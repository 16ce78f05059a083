import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DdrPerson, DdrProgress } from '../src/contracts/ddr.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { countRows, createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildDdrWorld, type DdrWorld, ddrRegistration, TO_INTEGRATION, walk } from './helpers/ddr.js';

/**
 * The DDR registry through its API, on both databases: registration with sealed identities,
 * duplicates found without plaintext (French transliterations of Malian names) and reviewed,
 * the child rule, the steps to integration, progress that never counts a person twice, bad input.
 */
describe.each(DIALECTS)('DDR registry (%s)', (dialect) => {
  let t: TestApp;
  let w: DdrWorld;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'test' });
    w = await buildDdrWorld(t);
  });
  afterAll(async () => t?.close());

  const register = (identity: Record<string, unknown>, overrides: Record<string, unknown> = {}) =>
    w.ok('ddrOfficer', 'POST', '/api/ddr/persons', ddrRegistration(identity, overrides));

  const queue = async () =>
    (
      await w.ok<{ items: { id: string; code: string; otherCode: string; reasons: string[] }[] }>(
        'ddrManager',
        'GET',
        '/api/ddr/duplicates',
      )
    ).items;

  test('a registration seals the identity: no name, date or number in clear in the database or the answer', async () => {
    const person = await register({
      name: 'Attaher Ag Bilal',
      aliases: ['Abou Bilal'],
      birthDate: '1979-11-02',
      birthPlace: 'Aguelhok',
      fatherName: 'Bilal Ag Achérif',
      motherName: 'Fadimata Walet Ahmed',
      documents: [{ kind: 'nina', number: 'NINA-7788112233' }],
    });
    expect(person.code).toMatch(/^DDR-[0-9A-Z]{5}$/);
    expect(person.status).toBe('pre_registered');
    const body = JSON.stringify(person);
    const stored =
      JSON.stringify(await t.ctx.database.db.selectFrom('ddr_persons').selectAll().execute()) +
      JSON.stringify(await t.ctx.database.db.selectFrom('ddr_keys').selectAll().execute()) +
      JSON.stringify(await t.ctx.database.db.selectFrom('ddr_steps').selectAll().execute()) +
      JSON.stringify(await t.ctx.database.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of ['Attaher', 'Bilal', 'Aguelhok', 'Fadimata', '7788112233', '1979-11-02'])
      for (const text of [body, stored]) expect(text).not.toContain(secret);

    const revealed = await w.ok<Record<string, unknown>>('ddrOfficer', 'POST', `/api/ddr/persons/${person.code}/reveal`, {
      reason: 'Vérification avant cantonnement',
    });
    expect(revealed).toMatchObject({ name: 'Attaher Ag Bilal', birthPlace: 'Aguelhok', documents: [{ number: 'NINA-7788112233' }] });
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'ddr.identity.reveal')
      .execute();
    expect(audit.at(-1)?.details).toContain('Vérification avant cantonnement');
  });

  test('transliteration variants of one person are queued for review; different people with similar names are not', async () => {
    const first = await register({
      name: 'Mohamed Ag Intalla',
      birthDate: '1985-03-10',
      documents: [{ kind: 'nina', number: '12345678901234 A' }],
    });
    const variant = await register({ name: 'Mahamadou ag-Intala', birthDate: '1985-03-10' });
    const reordered = await register({ name: 'INTALLA Muhammad Ag.', birthDate: '1985-07-01' });
    const sameDocument = await register({
      name: 'Hamid Ould Sidi',
      birthDate: '1970-01-01',
      documents: [{ kind: 'id_card', number: '12345678901234a' }],
    });
    const exact = await register({ name: 'intalla mohamed ag', birthDate: '1985-03-10' }, { movement: 'plateforme' });
    expect(variant.duplicates.map((d) => [d.code, d.reasons])).toEqual([[first.code, ['phonetic']]]);
    expect(reordered.duplicates.map((d) => d.code).sort()).toEqual([first.code, variant.code].sort());
    expect(sameDocument.duplicates).toEqual([expect.objectContaining({ code: first.code, reasons: ['document'] })]);
    expect(exact.duplicates.find((d) => d.code === first.code)?.reasons).toEqual(['name_dob', 'phonetic']);

    // The negative cases: Touré and Traoré, a namesake born years apart, "son of" against "daughter of".
    const toure = await register({ name: 'Aminata Touré', birthDate: '1990-05-05' }, { sex: 'female', category: 'woman_associated' });
    const traore = await register({ name: 'Aminata Traoré', birthDate: '1990-05-05' }, { sex: 'female', category: 'woman_associated' });
    const namesake1 = await register({ name: 'Moussa Diarra', birthDate: '1980-01-01' });
    const namesake2 = await register({ name: 'Moussa Diarra', birthDate: '1992-01-01' });
    const son = await register({ name: 'Ahmed Ag Mohamed', birthDate: '1988-01-01' });
    const daughter = await register({ name: 'Ahmed Walet Mohamed', birthDate: '1988-01-01' }, { sex: 'female' });
    for (const p of [toure, traore, namesake1, namesake2, son, daughter]) expect(p.duplicates, p.code).toEqual([]);
    const codes = new Set((await queue()).flatMap((d) => [d.code, d.otherCode]));
    for (const p of [toure, traore, namesake1, namesake2, son, daughter]) expect(codes.has(p.code)).toBe(false);
  });

  test('a confirmed duplicate is linked and never counted; "different people" keeps both; a decision is taken once', async () => {
    const before = await w.ok<DdrProgress>('forceOfficer', 'GET', '/api/ddr/progress');
    const first = await register({ name: 'Sidi Mohamed Ould Bah', birthDate: '1982-04-04' }, { movement: 'plateforme' });
    const second = await register({ name: 'Ould Bah Sidi Mohammed', birthDate: '1982-04-04' }, { movement: 'plateforme' });
    const third = await register({ name: 'Sidi Mahamadou Ould Bah', birthDate: '1982-09-09' }, { movement: 'plateforme' });
    const entries = await queue();
    const pair = entries.find((d) => d.code === second.code && d.otherCode === first.code);
    const other = entries.find((d) => d.code === third.code && d.otherCode === first.code);
    expect(pair && other).toBeTruthy();

    // Only a manager decides; an officer who may read both records is refused.
    expect((await w.send('ddrOfficer', 'POST', `/api/ddr/duplicates/${pair?.id}/decision`, { decision: 'same' })).statusCode).toBe(403);
    await w.ok('ddrManager', 'POST', `/api/ddr/duplicates/${pair?.id}/decision`, { decision: 'same' });
    await w.ok('ddrManager', 'POST', `/api/ddr/duplicates/${other?.id}/decision`, { decision: 'different' });
    const again = await w.send('ddrManager', 'POST', `/api/ddr/duplicates/${pair?.id}/decision`, { decision: 'different' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ddr_duplicate_decided');

    const linked = await w.ok('ddrManager', 'GET', `/api/ddr/persons/${second.code}`);
    expect(linked.duplicateOf).toBe(first.code);
    expect(Object.values(linked.may.steps).some(Boolean)).toBe(false);
    const refused = await w.send('ddrOfficer', 'POST', `/api/ddr/persons/${second.code}/steps`, {
      version: linked.version,
      step: 'register',
      on: '2020-02-11',
    });
    expect(refused.json().code).toBe('ddr_duplicate_record');

    const after = await w.ok<DdrProgress>('forceOfficer', 'GET', '/api/ddr/progress');
    // Three registrations, one of them the same person again: two more pre-registered, not three.
    expect((after.totals.pre_registered ?? 0) - (before.totals.pre_registered ?? 0)).toBe(2);
    expect(after.byMovement.find((m) => m.movement === 'plateforme')?.counts.pre_registered).toBe(
      (before.byMovement.find((m) => m.movement === 'plateforme')?.counts.pre_registered ?? 0) + 2,
    );
    // Taking the first record to integration counts one integrated, never two.
    await walk(w, 'ddrOfficer', first, TO_INTEGRATION);
    const integrated = await w.ok<DdrProgress>('forceOfficer', 'GET', '/api/ddr/progress');
    expect(integrated.integrated - after.integrated).toBe(1);
    // Split by sex, adding up to the count.
    expect(integrated.integratedBySex.female + integrated.integratedBySex.male).toBe(integrated.integrated);
    for (const m of integrated.byMovement) expect(m.integratedBySex.female + m.integratedBySex.male).toBe(m.integrated);
  });

  test('a child is never processed as a combatant: referred to Child Protection, audited, every step refused in French and English', async () => {
    const child = await register({ name: 'Issa Ag Alhousseini', birthDate: '2004-06-01' });
    expect(child.status).toBe('child_referred');
    expect(child.childReferredOn).toBe('2020-02-10');
    expect(child.steps.map((s) => s.step)).toEqual(['child_referral']);
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'ddr.person.child_referral')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    const steps = await countRows(t.ctx, 'ddr_steps');
    for (const locale of ['fr', 'en'] as const) {
      const refused = await w.send(
        'ddrOfficer',
        'POST',
        `/api/ddr/persons/${child.code}/steps`,
        { version: child.version, step: 'register', on: '2020-02-11' },
        locale,
      );
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().code).toBe('ddr_child');
      expect(refused.json().detail ?? refused.json().title).toMatch(locale === 'fr' ? /Protection de l’enfance/ : /Child Protection/);
    }
    expect(await countRows(t.ctx, 'ddr_steps')).toBe(steps);
    const progress = await w.ok<DdrProgress>('forceOfficer', 'GET', '/api/ddr/progress');
    expect(progress.childReferrals).toBeGreaterThan(0);
    expect(progress.childReferralsBySex.female + progress.childReferralsBySex.male).toBe(progress.childReferrals);
    expect(Object.values(progress.totals).reduce((a, b) => a + b, 0)).toBe(
      progress.byMovement.reduce((a, m) => a + Object.values(m.counts).reduce((x, y) => x + y, 0), 0),
    );
  });

  test('the steps follow each other, each with what it names; the enrolment reference is sealed', async () => {
    const person = await register({ name: 'Alhassane Ag Hamed', birthDate: '1991-01-01' });
    const wrongOrder = await w.send('ddrOfficer', 'POST', `/api/ddr/persons/${person.code}/steps`, {
      version: person.version,
      step: 'disarm',
      on: '2020-02-11',
    });
    expect(wrongOrder.json().code).toBe('ddr_step_not_allowed');
    const done = await walk(w, 'ddrOfficer', person, TO_INTEGRATION);
    expect(done).toMatchObject({ status: 'integrated', force: 'fama', site: 'Site de cantonnement de Likrakar', hasEnrolmentRef: true });
    expect(done.steps.map((s) => s.step)).toEqual(['pre_register', ...TO_INTEGRATION.map(([s]) => s)]);
    const stored = JSON.stringify(await t.ctx.database.db.selectFrom('ddr_persons').selectAll().execute());
    expect(stored).not.toContain('CNDDR-2020-004512');
    expect(JSON.stringify(done)).not.toContain('CNDDR-2020-004512');

    const stale = await w.send('ddrOfficer', 'POST', `/api/ddr/persons/${done.code}/steps`, {
      version: done.version - 1,
      step: 'leave',
      on: '2020-03-01',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
  });

  test('bad input: problem+json in the user’s language, field by field, nothing written', async () => {
    const tables = ['ddr_persons', 'ddr_steps', 'ddr_keys', 'ddr_duplicates'] as const;
    const counts = async () => Promise.all(tables.map((table) => countRows(t.ctx, table)));
    const before = await counts();
    const cases: [unknown, string][] = [
      [ddrRegistration({}, { movement: 'fama' }), 'movement'],
      [ddrRegistration({ birthDate: '2021-01-01' }), 'identity.birthDate'],
      [ddrRegistration({}, { preRegisteredOn: '2999-01-01' }), 'preRegisteredOn'],
      [{ ...ddrRegistration(), unit_code: 'HRPD' }, 'unit_code'],
      [ddrRegistration({ name: '' }), 'identity.name'],
    ];
    for (const [body, field] of cases) {
      for (const locale of ['fr', 'en'] as const) {
        const response = await w.send('ddrOfficer', 'POST', '/api/ddr/persons', body, locale);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().title).toBe(
          locale === 'fr' ? 'La requête contient des données invalides.' : 'The request contains invalid data.',
        );
        expect(
          response
            .json()
            .errors.map((e: { path: string; message: string }) => (e.path === '' ? e.message : e.path))
            .join(' '),
        ).toContain(field);
      }
    }
    const person = await register({ name: 'Oumar Maïga', birthDate: '1987-08-08' });
    const after = await counts();
    const missingSite = await w.send(
      'ddrOfficer',
      'POST',
      `/api/ddr/persons/${person.code}/steps`,
      { version: 1, step: 'register', on: '2020-02-11', site: 'Anéfis' },
      'en',
    );
    expect(missingSite.json().errors).toEqual([
      expect.objectContaining({ path: 'site', message: 'This information does not belong to this step.' }),
    ]);
    const early = await w.send('ddrOfficer', 'POST', `/api/ddr/persons/${person.code}/steps`, {
      version: 1,
      step: 'register',
      on: '2020-01-01',
    });
    expect(early.json().errors).toEqual([expect.objectContaining({ path: 'on', message: 'L’étape ne peut pas précéder la précédente.' })]);
    expect(await counts()).toEqual(after);
    expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual([1, 1, 2, 0]);
  });

  test('who reads what: the section’s managers and the case team, with a second factor; counts for every member', async () => {
    const person = await register({ name: 'Bakary Coulibaly', birthDate: '1984-02-02' });
    const url = `/api/ddr/persons/${person.code}`;
    expect((await w.send('ddrManager', 'GET', url)).statusCode).toBe(200);
    for (const caller of ['otherDdrOfficer', 'ddrViewer', 'hrpdManager', 'forceOfficer', 'admin', 'auditor'] as const) {
      expect((await w.send(caller, 'GET', url)).statusCode, caller).toBe(404);
      expect((await w.send(caller, 'POST', `${url}/reveal`, { reason: 'Curiosité malvenue ici' })).statusCode, caller).toBe(404);
      const list = await w.ok<{ items: DdrPerson[] }>(caller, 'GET', '/api/ddr/persons');
      expect(list.items.map((p) => p.code)).not.toContain(person.code);
    }
    expect((await w.send('noSecondFactor', 'GET', url)).json().code).toBe('second_factor_required');
    expect((await w.send('anonymous', 'GET', '/api/ddr/progress')).statusCode).toBe(401);
    expect((await w.send('hrpdManager', 'POST', '/api/ddr/persons', ddrRegistration())).statusCode).toBe(403);
    const managerList = await w.ok<{ items: DdrPerson[] }>('ddrManager', 'GET', '/api/ddr/persons?limit=200');
    expect(managerList.items.map((p) => p.code)).toContain(person.code);

    // Targets: set by the section's managers only, read by every member with the fact book's 3 000 beside.
    expect((await w.send('ddrOfficer', 'PUT', '/api/ddr/targets/cma', { target: 1500 })).statusCode).toBe(403);
    await w.ok('ddrManager', 'PUT', '/api/ddr/targets/cma', { target: 1500 });
    const progress = await w.ok<DdrProgress>('forceOfficer', 'GET', '/api/ddr/progress');
    expect(progress.target.overall).toBe(3000);
    expect(progress.byMovement.find((m) => m.movement === 'cma')?.target).toBe(1500);
    expect(progress.sourcedFigures.map((f) => f.value)).toEqual([3000, 1330, 400, 1747]);
    expect(progress.may.setTargets).toBe(false);
  });
});
