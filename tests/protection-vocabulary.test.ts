import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ageGroupOf, protectionVocabulary } from '../src/data/vocab/protection.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe('protection vocabularies', () => {
  test('every list has unique codes and both languages', () => {
    for (const [name, terms] of Object.entries(protectionVocabulary())) {
      const codes = terms.map((t: { code: string }) => t.code);
      expect(new Set(codes).size, name).toBe(codes.length);
      for (const term of terms) {
        expect(term.fr.trim(), `${name}.${term.code}`).not.toBe('');
        expect(term.en.trim(), `${name}.${term.code}`).not.toBe('');
      }
    }
  });

  test('the six grave violations and the forms of CRSV come from the shipped files', () => {
    const v = protectionVocabulary();
    expect(v.graveViolations.map((t) => t.code)).toEqual([
      'killing_maiming',
      'recruitment_use',
      'sexual_violence',
      'attacks_schools_hospitals',
      'abduction',
      'denial_humanitarian_access',
    ]);
    expect(v.crsvForms.map((t) => t.en)).toEqual(expect.arrayContaining(['Rape', 'Sexual slavery', 'Forced marriage']));
    expect(v.crsvVictimCategories.map((t) => t.code)).toEqual(['women', 'men', 'girls', 'boys']);
  });

  test.each([
    [0, '0_4'],
    [4, '0_4'],
    [11, '5_11'],
    [17, '12_17'],
    [18, '18_59'],
    [59, '18_59'],
    [60, '60_plus'],
    [97, '60_plus'],
  ])('age %i is in group %s; children are under 18', (age, group) => {
    expect(ageGroupOf(age)).toBe(group);
  });
});

describe.each(DIALECTS)('GET /api/protection/vocabulary (%s)', (dialect) => {
  let t: TestApp;
  let member: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    member = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'CDT', role: 'viewer' }] })).email);
  });
  afterAll(async () => t?.close());

  test('signed-in members read it in their language; visitors do not', async () => {
    expect((await t.app.inject({ url: '/api/protection/vocabulary' })).statusCode).toBe(401);
    const fr = (await t.app.inject({ url: '/api/protection/vocabulary', headers: member.headers })).json();
    expect(fr.graveViolations[0]).toEqual({ code: 'killing_maiming', label: "Meurtres et mutilations d'enfants" });
    expect(fr.misconductCategories.map((c: { label: string }) => c.label)).toContain('Exploitation sexuelle');
    expect(fr.intakeChannels.map((c: { code: string }) => c.code)).toEqual([
      'hotline',
      'email',
      'in_person',
      'complaint_box',
      'community_network',
    ]);
    const en = (await t.app.inject({ url: '/api/protection/vocabulary', headers: { ...member.headers, 'accept-language': 'en' } })).json();
    expect(en.standardsOfProof.map((c: { label: string }) => c.label)).toContain('Reasonable grounds to believe');
    expect(en.ageGroups.at(-1)).toEqual({ code: '60_plus', label: '60 years and over', from: 60, to: null });
  });
});
