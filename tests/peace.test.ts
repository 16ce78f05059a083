import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type {
  CsaSessionDetail,
  Participation,
  PeaceDashboard,
  PeaceImportReport,
  PeaceReference,
  Provision,
  ProvisionDetail,
} from '../src/contracts/peace.js';
import { shareOf } from '../src/modules/peace/csa.service.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

const FIXTURE = readFileSync(new URL('./fixtures/peace-provisions.csv', import.meta.url), 'utf8');

describe('the women’s share against the 30 % quota', () => {
  test('exact counts decide the quota; the share is shown to one decimal', () => {
    expect(shareOf(3, 7)).toEqual({ women: 3, men: 7, total: 10, womenShare: 30, meetsQuota: true });
    // 29.97 % shows as 30.0 but is under the quota.
    expect(shareOf(2997, 7003)).toMatchObject({ womenShare: 30, meetsQuota: false });
    expect(shareOf(1, 2)).toMatchObject({ womenShare: 33.3, meetsQuota: true });
    expect(shareOf(2, 1)).toMatchObject({ womenShare: 66.7, meetsQuota: true });
    expect(shareOf(0, 0)).toEqual({ women: 0, men: 0, total: 0, womenShare: null, meetsQuota: null });
    expect(shareOf(0, 5)).toMatchObject({ womenShare: 0, meetsQuota: false });
  });
});

describe.each(DIALECTS)('the peace process (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let otherOfficer: Session;
  let manager: Session;
  let viewer: Session;
  let outsider: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    officer = await as('MED', 'officer');
    otherOfficer = await as('MED', 'officer');
    manager = await as('MED', 'manager');
    viewer = await as('MED', 'viewer');
    outsider = await as('FORCE', 'officer');
  });
  afterAll(async () => t?.close());

  const send = (session: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, lang = 'fr') =>
    t.app.inject({
      method,
      url,
      headers: { ...(session?.headers ?? {}), 'accept-language': lang },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const importCsv = (csv: string, session = officer, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: '/api/peace/provisions/import',
      headers: { ...session.headers, 'content-type': 'text/csv', 'accept-language': lang },
      payload: csv,
    });
  const provisions = async (session: Session | null = officer) =>
    ((await send(session, 'GET', '/api/peace/provisions')).json() as { provisions: Provision[] }).provisions;
  const byCode = async (code: string) => {
    const found = (await provisions()).find((p) => p.code === code);
    if (!found) throw new Error(`no provision ${code}`);
    return found;
  };

  test('the pillars, the five sub-committees the fact book lists beside the four it states, the PAM scale and the quota', async () => {
    const fr = (await send(null, 'GET', '/api/peace/reference')).json() as PeaceReference;
    expect(fr.pillars.map((p) => p.code)).toEqual([
      'political_institutional',
      'defence_security',
      'development',
      'reconciliation_justice_humanitarian',
    ]);
    expect(fr.subcommittees.map((s) => s.name)).toEqual([
      'Défense et Sécurité',
      'Justice et Réconciliation',
      'Questions Humanitaires',
      'Questions Politiques et Institutionnelles',
      'Développement socioéconomique et culturel',
    ]);
    expect(fr.subcommitteesStated).toMatchObject({ count: 4, listed: 5, page: 5 });
    expect(fr.scale.map((s) => s.name)).toEqual(['Non initiée', 'Minimale', 'Intermédiaire', 'Complète']);
    expect(fr.scaleSource).toContain('Kroc Institute');
    expect(fr.quota).toBe(30);
    const en = (await send(null, 'GET', '/api/peace/reference', undefined, 'en')).json() as PeaceReference;
    expect(en.scale.map((s) => s.name)).toEqual(['Not initiated', 'Minimal', 'Intermediate', 'Complete']);
  });

  test('an import with errors names each row, column and value, in the reader’s language, and writes nothing', async () => {
    const bad = `${FIXTURE.trim()}\nT-5;Pilier inconnu;Ch;Texte;;;2020-13-45;\nT-1;Défense et sécurité;Ch;Texte en double;;;;\n`;
    const before = await countRows(t.ctx, 'peace_provisions');
    const fr = await importCsv(bad);
    expect(fr.statusCode).toBe(422);
    const report = fr.json() as PeaceImportReport;
    expect(report.imported).toBe(0);
    expect(report.rows).toBe(6);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 6, column: 'pillar', value: 'Pilier inconnu' }),
        expect.objectContaining({ line: 6, column: 'deadline', value: '2020-13-45' }),
        { line: 7, column: 'code', value: 'T-1', message: 'Même référence que la ligne 2.' },
      ]),
    );
    const en = (await importCsv(bad, officer, 'en')).json() as PeaceImportReport;
    expect(en.errors.find((e) => e.line === 7)?.message).toBe('Same reference as line 2.');
    expect(await countRows(t.ctx, 'peace_provisions')).toBe(before);

    const unknown = (await importCsv('code;pilier;couleur\nA;B;C\n')).json() as PeaceImportReport;
    expect(unknown.errors).toEqual([expect.objectContaining({ line: 1, column: 'couleur' })]);
    // A viewer imports nothing, an officer of another unit neither.
    expect((await importCsv(FIXTURE, viewer)).statusCode).toBe(403);
    expect((await importCsv(FIXTURE, outsider)).statusCode).toBe(403);
    expect(await countRows(t.ctx, 'peace_provisions')).toBe(before);
  });

  test('a clean file imports every provision, with pillars and sub-committees named in French, English or by code', async () => {
    const response = await importCsv(FIXTURE);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ imported: 4, rows: 4, errors: [] });
    const t1 = await byCode('T-1');
    expect(t1).toMatchObject({
      pillar: 'political_institutional',
      subcommittee: 'political_institutional',
      deadline: '2016-06-30',
      unit: 'MED',
      classification: 'internal',
      latest: null,
    });
    expect((await byCode('T-4')).subcommittee).toBe('humanitarian');
    // The same file again: every code is taken, nothing is written.
    const again = (await importCsv(FIXTURE)).json() as PeaceImportReport;
    expect(again.imported).toBe(0);
    expect(again.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(await countRows(t.ctx, 'peace_provisions')).toBe(4);
  });

  test('internal by default: nothing is seen without an account unless marked public', async () => {
    expect(await provisions(null)).toEqual([]);
    const t1 = await byCode('T-1');
    expect((await send(null, 'GET', `/api/peace/provisions/${t1.id}`)).statusCode).toBe(404);
    expect((await send(outsider, 'GET', `/api/peace/provisions/${t1.id}`)).statusCode).toBe(200);
    const entered = await send(officer, 'POST', '/api/peace/provisions', {
      code: 'T-PUB',
      pillar: 'development',
      chapter: 'Chapitre d’essai 4',
      textFr: 'Disposition publique d’essai',
      classification: 'public',
    });
    expect(entered.statusCode).toBe(201);
    expect((await provisions(null)).map((p) => p.code)).toEqual(['T-PUB']);
    const restricted = await send(officer, 'POST', '/api/peace/provisions', {
      code: 'T-RES',
      pillar: 'development',
      chapter: 'Chapitre d’essai 4',
      textFr: 'Disposition restreinte d’essai',
      classification: 'restricted',
    });
    const id = (restricted.json() as ProvisionDetail).id;
    expect((await send(outsider, 'GET', `/api/peace/provisions/${id}`)).statusCode).toBe(404);
    expect((await provisions(outsider)).some((p) => p.code === 'T-RES')).toBe(false);
    expect((await send(viewer, 'GET', `/api/peace/provisions/${id}`)).json().may).toEqual({ edit: false, score: false });
    expect(
      (await send(officer, 'POST', '/api/peace/provisions', { code: 'T-1', pillar: 'development', chapter: 'x', textFr: 'y' })).json().code,
    ).toBe('peace_code_taken');
  });

  test('PAM scoring over time: the latest score of a period is current, earlier ones stay as history, and the dashboard follows', async () => {
    const t1 = await byCode('T-1');
    const t2 = await byCode('T-2');
    const score = (session: Session, id: string, period: string, value: number, evidence = 'Communiqué de la session') =>
      send(session, 'POST', `/api/peace/provisions/${id}/scores`, {
        period,
        score: value,
        evidence,
        links: [{ kind: 'document', ref: 'https://example.org/communique', label: 'Communiqué' }],
      });
    expect((await score(officer, t1.id, '2020', 1)).statusCode).toBe(201);
    expect((await score(otherOfficer, t1.id, '2020', 2, 'Décision confirmée')).statusCode).toBe(201);
    const detail = (await score(officer, t1.id, '2021-H1', 3)).json() as ProvisionDetail;
    expect(detail.latest).toEqual({ period: '2021-H1', score: 3 });
    expect(detail.scores.map((s) => [s.period, s.score, s.current])).toEqual([
      ['2021-H1', 3, true],
      ['2020', 2, true],
      ['2020', 1, false],
    ]);
    expect(detail.scores[1]?.links).toEqual([{ kind: 'document', ref: 'https://example.org/communique', label: 'Communiqué' }]);
    expect(detail.scores[1]?.evidence).toBe('Décision confirmée');
    await score(officer, t2.id, '2020', 0);

    const dashboard = (await send(officer, 'GET', '/api/peace/dashboard')).json() as PeaceDashboard;
    expect(dashboard.periods).toEqual(['2020', '2021-H1']);
    const political = dashboard.rows.filter((r) => r.pillar === 'political_institutional');
    expect(political).toEqual([
      { pillar: 'political_institutional', period: '2020', provisions: 2, scored: 2, average: 1, levels: [1, 0, 1, 0] },
      { pillar: 'political_institutional', period: '2021-H1', provisions: 2, scored: 1, average: 3, levels: [0, 0, 0, 1] },
    ]);
    expect(dashboard.rows.find((r) => r.pillar === 'defence_security' && r.period === '2020')).toMatchObject({ scored: 0, average: null });
    // Anonymous readers see the public provision only, which has no score.
    expect((await send(null, 'GET', '/api/peace/dashboard')).json()).toEqual({ periods: [], rows: [] });

    const csv = await send(officer, 'GET', '/api/peace/dashboard.csv?separator=semicolon', undefined, 'fr');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Pilier;Code du pilier;Période;Dispositions;Dispositions notées;Note moyenne (0–3);Non initiées (0);Minimales (1);Intermédiaires (2);Complètes (3)',
    );
    expect(lines).toContain('Questions politiques et institutionnelles;political_institutional;2020;2;2;1;1;0;1;0');
  });

  test('a score is validated by a manager other than its author, once', async () => {
    const t1 = await byCode('T-1');
    const mine = (
      await send(manager, 'POST', `/api/peace/provisions/${t1.id}/scores`, { period: '2021-H2', score: 2, evidence: 'Rapport' })
    ).json() as ProvisionDetail;
    const own = mine.scores.find((s) => s.period === '2021-H2');
    expect(own?.may.validate).toBe(false);
    expect((await send(manager, 'POST', `/api/peace/scores/${own?.id}/validate`)).json().code).toBe('peace_score_own');
    const detail = (await send(manager, 'GET', `/api/peace/provisions/${t1.id}`)).json() as ProvisionDetail;
    const other = detail.scores.find((s) => s.period === '2021-H1');
    expect(other?.may.validate).toBe(true);
    expect((await send(officer, 'GET', `/api/peace/provisions/${t1.id}`)).json().scores[0].may.validate).toBe(false);
    expect((await send(officer, 'POST', `/api/peace/scores/${other?.id}/validate`)).statusCode).toBe(403);
    const validated = (await send(manager, 'POST', `/api/peace/scores/${other?.id}/validate`)).json() as ProvisionDetail;
    expect(validated.scores.find((s) => s.id === other?.id)).toMatchObject({ validatedAt: expect.any(String), may: { validate: false } });
    expect((await send(manager, 'POST', `/api/peace/scores/${other?.id}/validate`)).statusCode).toBe(409);
  });

  test('bad input is a problem+json in the reader’s language, and nothing is written', async () => {
    const t2 = await byCode('T-2');
    const before = await countRows(t.ctx, 'peace_scores');
    const body = { period: '2020-S1', score: 5, evidence: '' };
    const fr = await send(officer, 'POST', `/api/peace/provisions/${t2.id}/scores`, body, 'fr');
    expect(fr.statusCode).toBe(400);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(fr.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'period', message: 'Période invalide (attendu : une année, 2020, ou un semestre, 2020-H1 ou 2020-H2).' },
        expect.objectContaining({ path: 'score' }),
        expect.objectContaining({ path: 'evidence' }),
      ]),
    );
    const en = await send(officer, 'POST', `/api/peace/provisions/${t2.id}/scores`, body, 'en');
    expect(en.json().title).toBe('The request contains invalid data.');
    expect(en.json().errors).toContainEqual({
      path: 'period',
      message: 'Invalid period (expected a year, 2020, or a half-year, 2020-H1).',
    });
    const twice = await send(
      officer,
      'POST',
      '/api/peace/sessions',
      {
        body: 'csa',
        heldOn: '2020-02-10',
        place: 'Bamako',
        attendance: [
          { delegation: 'CMA', women: 1, men: 2 },
          { delegation: 'CMA', women: 0, men: 1 },
        ],
      },
      'en',
    );
    expect(twice.statusCode).toBe(400);
    expect(twice.json().detail ?? twice.json().title).toContain('CMA');
    expect(await countRows(t.ctx, 'peace_scores')).toBe(before);
    expect(await countRows(t.ctx, 'csa_sessions')).toBe(0);
    // Fields outside the allowlist are refused, not applied.
    expect(
      (await send(officer, 'POST', `/api/peace/provisions/${t2.id}/scores`, { period: '2020', score: 1, evidence: 'x', author_id: 'me' }))
        .statusCode,
    ).toBe(400);
  });

  test('CSA sessions: the women’s share per session, per delegation and over time; decisions followed up; stale writes are 409', async () => {
    const first = await send(officer, 'POST', '/api/peace/sessions', {
      body: 'csa',
      heldOn: '2020-02-10',
      place: 'Bamako',
      chair: 'Algérie (chef de file de la Médiation)',
      agenda: 'Point sur la mise en œuvre',
      attendance: [
        { delegation: 'Gouvernement du Mali', women: 3, men: 7 },
        { delegation: 'CMA', women: 0, men: 5 },
      ],
    });
    expect(first.statusCode).toBe(201);
    const session = first.json() as CsaSessionDetail;
    expect(session.participation).toEqual({ women: 3, men: 12, total: 15, womenShare: 20, meetsQuota: false });
    expect(session.attendance.map((a) => a.share.womenShare)).toEqual([30, 0]);
    expect(session.may).toEqual({ edit: true, decide: true });
    expect((await send(viewer, 'GET', `/api/peace/sessions/${session.id}`)).json().may).toEqual({ edit: false, decide: false });
    expect((await send(null, 'GET', `/api/peace/sessions/${session.id}`)).statusCode).toBe(404);

    const empty = (
      await send(officer, 'POST', '/api/peace/sessions', { body: 'humanitarian', heldOn: '2021-03-01', place: 'Kidal' })
    ).json() as CsaSessionDetail;
    expect(empty.participation).toEqual({ women: 0, men: 0, total: 0, womenShare: null, meetsQuota: null });
    await send(officer, 'POST', '/api/peace/sessions', {
      body: 'defence_security',
      heldOn: '2021-06-01',
      place: 'Bamako',
      attendance: [
        { delegation: 'CMA', women: 2, men: 3 },
        { delegation: 'Plateforme des Mouvements du 14 juin d’Alger', women: 1, men: 1 },
      ],
    });

    const p = (await send(officer, 'GET', '/api/peace/participation')).json() as Participation;
    expect(p.quota).toBe(30);
    expect(p.overall).toEqual({ women: 6, men: 16, total: 22, womenShare: 27.3, meetsQuota: false });
    expect(p.byDelegation).toEqual([
      { delegation: 'CMA', women: 2, men: 8, total: 10, womenShare: 20, meetsQuota: false },
      { delegation: 'Gouvernement du Mali', women: 3, men: 7, total: 10, womenShare: 30, meetsQuota: true },
      { delegation: 'Plateforme des Mouvements du 14 juin d’Alger', women: 1, men: 1, total: 2, womenShare: 50, meetsQuota: true },
    ]);
    expect(p.byYear).toEqual([
      { year: '2020', women: 3, men: 12, total: 15, womenShare: 20, meetsQuota: false },
      { year: '2021', women: 3, men: 4, total: 7, womenShare: 42.9, meetsQuota: true },
    ]);
    const subcommittee = (await send(officer, 'GET', '/api/peace/participation?body=defence_security')).json() as Participation;
    expect(subcommittee.overall.total).toBe(7);
    expect((await send(null, 'GET', '/api/peace/participation')).json().overall.total).toBe(0);

    // Attendance corrected: replaced whole, the history says what it was.
    const edited = await send(officer, 'PATCH', `/api/peace/sessions/${session.id}`, {
      version: 1,
      attendance: [
        { delegation: 'Gouvernement du Mali', women: 4, men: 6 },
        { delegation: 'CMA', women: 1, men: 4 },
      ],
    });
    expect(edited.statusCode).toBe(200);
    expect((edited.json() as CsaSessionDetail).participation.womenShare).toBe(33.3);
    const stale = await send(otherOfficer, 'PATCH', `/api/peace/sessions/${session.id}`, { version: 1, place: 'Alger' }, 'en');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', title: expect.stringContaining('Someone else changed this record') });
    expect((await send(officer, 'GET', `/api/peace/sessions/${session.id}`)).json().place).toBe('Bamako');
    const history = (await send(officer, 'GET', `/api/peace/sessions/${session.id}/history`)).json().entries;
    expect(history[0].changes.attendance).toEqual({
      from: 'Gouvernement du Mali: 3/7; CMA: 0/5',
      to: 'Gouvernement du Mali: 4/6; CMA: 1/4',
    });

    const decided = await send(officer, 'POST', `/api/peace/sessions/${session.id}/decisions`, {
      kind: 'recommendation',
      text: 'Accélérer le processus DDR',
      owner: 'Gouvernement du Mali',
      deadline: '2020-06-30',
    });
    expect(decided.statusCode).toBe(201);
    const decision = (decided.json() as CsaSessionDetail).decisions[0];
    expect(decision).toMatchObject({ kind: 'recommendation', status: 'open', version: 1 });
    expect((await send(viewer, 'POST', `/api/peace/sessions/${session.id}/decisions`, { text: 'x' })).statusCode).toBe(403);
    const followed = await send(officer, 'PATCH', `/api/peace/decisions/${decision?.id}`, {
      version: 1,
      status: 'in_progress',
      followUp: 'Calendrier adopté',
    });
    expect((followed.json() as CsaSessionDetail).decisions[0]).toMatchObject({
      status: 'in_progress',
      followUp: 'Calendrier adopté',
      version: 2,
    });
    expect((await send(otherOfficer, 'PATCH', `/api/peace/decisions/${decision?.id}`, { version: 1, status: 'done' })).statusCode).toBe(
      409,
    );
    expect((await send(outsider, 'PATCH', `/api/peace/decisions/${decision?.id}`, { version: 2, status: 'done' })).statusCode).toBe(403);
  });

  test('a provision edited against a stale version is a 409, and its history names the change', async () => {
    const t3 = await byCode('T-3');
    const ok = await send(officer, 'PATCH', `/api/peace/provisions/${t3.id}`, { version: t3.version, responsible: 'Gouvernement, CMA' });
    expect(ok.statusCode).toBe(200);
    const stale = await send(otherOfficer, 'PATCH', `/api/peace/provisions/${t3.id}`, { version: t3.version, deadline: '2018-01-01' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    const history = (await send(officer, 'GET', `/api/peace/provisions/${t3.id}/history`)).json().entries;
    expect(history).toEqual([
      expect.objectContaining({ version: 2, changes: { responsible: { from: 'Parties signataires', to: 'Gouvernement, CMA' } } }),
    ]);
    expect((await send(outsider, 'PATCH', `/api/peace/provisions/${t3.id}`, { version: 2, responsible: 'x' })).statusCode).toBe(403);
  });
});
