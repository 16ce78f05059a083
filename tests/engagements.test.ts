import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EngagementDetail, EngagementInput, EngagementReportDetail } from '../src/contracts/engagements.js';
import { periodOf } from '../src/modules/engagements/engagements.service.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * Political engagements: restricted by default and read by Political Affairs (PAD) and the
 * mission's leadership (OSRSG) only; each `may` flag against its write route as every kind of
 * caller; a canary crawl of every read route; the periodic report assembled from the period's
 * records with the class of the most sensitive one, edited as a draft and exported as PDF in
 * French or English; bad input in the reader's language with nothing written.
 */

type Caller =
  | 'anonymous'
  | 'padViewer'
  | 'author'
  | 'padOfficer'
  | 'padManager'
  | 'leadership'
  | 'medManager'
  | 'outsider'
  | 'admin'
  | 'auditor';
const CALLERS: Caller[] = [
  'anonymous',
  'padViewer',
  'author',
  'padOfficer',
  'padManager',
  'leadership',
  'medManager',
  'outsider',
  'admin',
  'auditor',
];
const READERS: Caller[] = ['padViewer', 'author', 'padOfficer', 'padManager', 'leadership'];
const WRITERS: Caller[] = ['author', 'padOfficer', 'padManager'];
const accepted = (response: LightMyRequestResponse) => response.statusCode < 300;

async function pdfText(buffer: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

function engagementInput(overrides: Partial<EngagementInput> = {}): EngagementInput {
  return {
    heldOn: '2026-11-12',
    place: 'Bamako, Primature',
    region: 'ML-BKO',
    topics: ['peace_agreement', 'elections'],
    summary: 'Échange sur le calendrier de mise en œuvre de l’Accord et sur le scrutin.',
    missionParticipants: 'RSSG adjoint, chef de la Division des affaires politiques',
    counterparts: [
      { name: 'Aminata Traoré', function: 'Ministre', organisation: 'Ministère de la Réconciliation', actor: null, women: 1, men: 2 },
      { name: 'Délégation CMA', function: null, organisation: null, actor: 'cma', women: 0, men: 3 },
    ],
    followups: [{ action: 'Transmettre la note sur les sous-comités', owner: 'PAD', deadline: '2026-11-30', status: 'open' }],
    ...overrides,
  };
}

describe.each(DIALECTS)('political engagements (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller, Session | null>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sessions.set('anonymous', null);
    const as = async (
      name: Caller,
      memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[],
      roles: { admin?: boolean; auditor?: boolean } = {},
    ) => sessions.set(name, await signIn(t.app, (await buildUser(t.ctx, { memberships, ...roles })).email));
    await as('padViewer', [{ unit: 'PAD', role: 'viewer' }]);
    await as('author', [{ unit: 'PAD', role: 'officer' }]);
    await as('padOfficer', [{ unit: 'PAD', role: 'officer' }]);
    await as('padManager', [{ unit: 'PAD', role: 'manager' }]);
    await as('leadership', [{ unit: 'OSRSG', role: 'viewer' }]);
    await as('medManager', [{ unit: 'MED', role: 'manager' }]);
    await as('outsider', [{ unit: 'CAD', role: 'officer' }]);
    await as('admin', [], { admin: true });
    await as('auditor', [], { auditor: true });
  });
  afterAll(async () => t?.close());

  const send = (caller: Caller, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, lang = 'fr') =>
    t.app.inject({
      method,
      url,
      headers: { ...(sessions.get(caller)?.headers ?? {}), 'accept-language': lang },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async <T>(caller: Caller, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<T> => {
    const response = await send(caller, method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as T;
  };
  const newEngagement = (overrides: Partial<EngagementInput> = {}) =>
    ok<EngagementDetail>('author', 'POST', '/api/engagements', engagementInput(overrides));

  test('an engagement is restricted by default, names its counterparts with the registry’s party, and counts women and men', async () => {
    const e = await newEngagement();
    expect(e.classification).toBe('restricted');
    expect(e.unit).toBe('PAD');
    expect(e.counterparts[1]).toMatchObject({ actor: 'cma', women: 0, men: 3 });
    expect(e.counterparts[1]?.actorName).toBeTruthy();
    expect([e.women, e.men]).toEqual([1, 5]);
    expect(e.openFollowups).toBe(1);
    const followup = e.followups[0];
    if (!followup) throw new Error('no follow-up');
    const done = await ok<EngagementDetail>('padOfficer', 'PATCH', `/api/engagements/followups/${followup.id}`, {
      status: 'done',
      version: 1,
    });
    expect(done.followups[0]?.status).toBe('done');
    expect(done.openFollowups).toBe(0);
    const stale = await send('padOfficer', 'PATCH', `/api/engagements/followups/${followup.id}`, { status: 'open', version: 1 });
    expect(stale.statusCode).toBe(409);
  });

  test('every flag agrees with its write route, and only PAD and the leadership read a restricted engagement', async () => {
    const seen = new Map<string, Set<boolean>>();
    for (const caller of CALLERS) {
      const e = await newEngagement();
      const read = await send(caller, 'GET', `/api/engagements/${e.id}`);
      expect(read.statusCode === 200, `${caller} reads`).toBe(READERS.includes(caller));
      const may = read.statusCode === 200 ? (read.json() as EngagementDetail).may : { edit: false, followUp: false };
      const checks: [string, boolean, LightMyRequestResponse][] = [
        ['edit', may.edit, await send(caller, 'PATCH', `/api/engagements/${e.id}`, { version: e.version, place: caller })],
        ['followUp', may.followUp, await send(caller, 'POST', `/api/engagements/${e.id}/followups`, { action: caller, owner: 'PAD' })],
      ];
      for (const [flag, value, response] of checks) {
        seen.set(flag, (seen.get(flag) ?? new Set()).add(value));
        expect(accepted(response), `${caller}: ${flag} ${value}: ${response.statusCode} ${response.body}`).toBe(value);
        expect(value).toBe(WRITERS.includes(caller));
        if (!value) expect([401, 403, 404]).toContain(response.statusCode);
      }
      const create = await send(caller, 'POST', '/api/engagements', engagementInput());
      expect(accepted(create), `${caller} creates`).toBe(WRITERS.includes(caller));
    }
    expect([...seen].filter(([, v]) => v.size < 2)).toEqual([]);
    // The leadership records its own engagements, which PAD reads in turn.
    const leader = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'OSRSG', role: 'officer' }] })).email);
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/engagements',
      headers: leader.headers,
      payload: engagementInput({ unit: 'OSRSG' }),
    });
    expect(own.statusCode, own.body).toBe(201);
    expect((await send('padViewer', 'GET', `/api/engagements/${own.json().id}`)).statusCode).toBe(200);
    expect((await send('medManager', 'GET', `/api/engagements/${own.json().id}`)).statusCode).toBe(404);
  });

  test('canary crawl: an engagement’s and a report’s content reaches only PAD and the leadership', async () => {
    const marker = `CANARY-ENG-${randomUUID().slice(0, 8)}`;
    const e = await newEngagement({
      heldOn: '2026-10-07',
      summary: `Résumé ${marker}`,
      counterparts: [{ name: `Contact ${marker}`, function: null, organisation: marker, actor: null, women: 1, men: 0 }],
      followups: [{ action: `Suite ${marker}`, owner: marker, deadline: null, status: 'open' }],
    });
    const report = await ok<EngagementReportDetail>('author', 'POST', '/api/engagements/reports', {
      periodKind: 'week',
      day: '2026-10-07',
      language: 'fr',
    });
    expect(report.body).toContain(marker);
    const violations: string[] = [];
    const seenBy = new Set<Caller>();
    for (const caller of CALLERS) {
      const urls = [
        '/api/engagements',
        `/api/engagements/${e.id}`,
        `/api/engagements/${e.id}/history`,
        '/api/engagements/reports',
        `/api/engagements/reports/${report.id}`,
        '/api/audit?limit=200',
        '/api/worklist',
        ...t.app.declaredRoutes
          .filter(
            (r) =>
              r.method === 'GET' &&
              r.url.startsWith('/api/') &&
              !r.url.startsWith('/api/docs/') &&
              !r.url.endsWith('.pdf') &&
              !r.url.includes('*'),
          )
          .map((r) =>
            r.url
              .replace(':id', e.id)
              .replace(':code', 'x')
              .replace(':ref', 'MLI-2026-000001')
              .replace(':unit', 'PAD')
              .replace(':key', 'x'),
          ),
      ];
      for (const url of urls) {
        const response = await send(caller, 'GET', url);
        expect(response.statusCode, `${caller} ${url}`).toBeLessThan(500);
        if (!response.body.includes(marker)) continue;
        seenBy.add(caller);
        if (!READERS.includes(caller)) violations.push(`${caller} ${url}`);
      }
      const pdf = await send(caller, 'GET', `/api/engagements/reports/${report.id}/pdf`);
      if (pdf.statusCode === 200) {
        if (!READERS.includes(caller)) violations.push(`${caller} pdf`);
        expect(await pdfText(pdf.rawPayload)).toContain(marker);
      } else expect([401, 404]).toContain(pdf.statusCode);
    }
    expect(violations).toEqual([]);
    expect([...seenBy].sort()).toEqual([...READERS].sort());
  });

  test('periods: a week runs Monday to Sunday, a month from its first to its last day', () => {
    expect(periodOf('week', '2026-11-12')).toEqual({ start: '2026-11-09', end: '2026-11-15' });
    expect(periodOf('week', '2026-11-15')).toEqual({ start: '2026-11-09', end: '2026-11-15' });
    expect(periodOf('month', '2026-02-10')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodOf('month', '2024-02-10')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });

  test('the monthly report assembles the period’s engagements, follow-ups and CSA sessions, carries the most sensitive class, and is edited then exported in French or English', async () => {
    const medOfficer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'PAD', role: 'officer' }] })).email);
    const restricted = await newEngagement({ heldOn: '2025-03-05', summary: 'Rencontre RESTREINTE-MARS' });
    await newEngagement({ heldOn: '2025-03-20', summary: 'Rencontre INTERNE-MARS', classification: 'internal' });
    await newEngagement({ heldOn: '2025-04-01', summary: 'Rencontre AVRIL' });
    const session = await t.app.inject({
      method: 'POST',
      url: '/api/peace/sessions',
      headers: medOfficer.headers,
      payload: {
        body: 'csa',
        heldOn: '2025-03-18',
        place: 'Bamako',
        agenda: 'Session ordinaire SESSION-CSA',
        unit: 'PAD',
        attendance: [{ delegation: 'CMA', women: 2, men: 8 }],
      },
    });
    expect(session.statusCode, session.body).toBe(201);
    await t.app.inject({
      method: 'POST',
      url: `/api/peace/sessions/${session.json().id}/decisions`,
      headers: medOfficer.headers,
      payload: { text: 'Relancer le DDR accéléré DECISION-CSA', owner: 'Gouvernement' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/peace/sessions',
      headers: medOfficer.headers,
      payload: {
        body: 'csa',
        heldOn: '2025-03-19',
        place: 'Kidal',
        agenda: 'SESSION-RESTREINTE',
        unit: 'PAD',
        classification: 'restricted',
      },
    });

    const report = await ok<EngagementReportDetail>('author', 'POST', '/api/engagements/reports', {
      periodKind: 'month',
      day: '2025-03-14',
      language: 'fr',
    });
    expect([report.periodStart, report.periodEnd]).toEqual(['2025-03-01', '2025-03-31']);
    expect(report.classification).toBe('restricted');
    expect(report.title).toBe('Rapport mensuel — Période du 2025-03-01 au 2025-03-31');
    for (const text of [
      'RESTREINTE-MARS',
      'INTERNE-MARS',
      'Transmettre la note sur les sous-comités',
      'SESSION-CSA',
      'DECISION-CSA',
      'Aminata Traoré',
    ])
      expect(report.body).toContain(text);
    expect(report.body).not.toContain('AVRIL');
    expect(report.body).not.toContain('SESSION-RESTREINTE');
    expect(report.body.indexOf('RESTREINTE-MARS')).toBeLessThan(report.body.indexOf('INTERNE-MARS'));
    expect(report.sources.map((s) => s.kind).sort()).toEqual(['csa_session', 'engagement', 'engagement']);
    expect(report.sources.find((s) => s.id === restricted.id)?.classification).toBe('restricted');

    // A week with only internal records is internal.
    const week = await ok<EngagementReportDetail>('author', 'POST', '/api/engagements/reports', {
      periodKind: 'week',
      day: '2025-03-20',
      language: 'en',
    });
    expect(week.classification).toBe('internal');
    expect(week.title).toBe('Weekly report — Period from 2025-03-17 to 2025-03-23');
    expect(week.body).toContain('# Political engagements');
    expect((await send('outsider', 'GET', `/api/engagements/reports/${week.id}`)).statusCode).toBe(200);
    expect((await send('outsider', 'GET', `/api/engagements/reports/${report.id}`)).statusCode).toBe(404);

    // The author edits the draft; the class stays.
    const edited = await ok<EngagementReportDetail>('author', 'PATCH', `/api/engagements/reports/${report.id}`, {
      body: `${report.body}\n\n# Analyse\n\nTexte ajouté par l’auteur ANALYSE-AUTEUR.`,
      version: report.version,
    });
    expect(edited.version).toBe(2);
    expect(edited.classification).toBe('restricted');
    expect((await send('author', 'PATCH', `/api/engagements/reports/${report.id}`, { body: 'x', version: 1 })).statusCode).toBe(409);
    expect((await send('padViewer', 'PATCH', `/api/engagements/reports/${report.id}`, { body: 'x', version: 2 })).statusCode).toBe(403);

    const pdf = await send('leadership', 'GET', `/api/engagements/reports/${report.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Rapport mensuel');
    expect(text).toContain('DIFFUSION RESTREINTE');
    expect(text).toContain('ANALYSE-AUTEUR');
    expect(text).toContain('DECISION-CSA');
    const english = await pdfText((await send('author', 'GET', `/api/engagements/reports/${week.id}/pdf`)).rawPayload);
    expect(english).toContain('INTERNAL USE');
    expect(english).toContain('Political engagements');
  });

  test('bad input is a problem+json in the reader’s language, and nothing is written', async () => {
    const before = await countRows(t.ctx, 'engagements');
    const bad = { ...engagementInput(), heldOn: '2026-13-40', topics: ['weather'], counterparts: [] };
    const fr = await send('author', 'POST', '/api/engagements', bad, 'fr');
    expect(fr.statusCode).toBe(400);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(fr.json().title).toBe('La requête contient des données invalides.');
    expect(fr.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['heldOn', 'topics.0', 'counterparts']));
    const en = await send('author', 'POST', '/api/engagements', bad, 'en');
    expect(en.json().title).toBe('The request contains invalid data.');
    const unknownActor = engagementInput({
      counterparts: [{ name: 'X', function: null, organisation: null, actor: 'nobody', women: 0, men: 1 }],
    });
    const frActor = await send('author', 'POST', '/api/engagements', unknownActor, 'fr');
    expect(frActor.statusCode).toBe(400);
    expect(frActor.json().detail).toBe('L’acteur « nobody » est absent du répertoire des acteurs.');
    expect((await send('author', 'POST', '/api/engagements', unknownActor, 'en')).json().detail).toBe(
      'Actor “nobody” is not in the actor registry.',
    );
    expect((await send('author', 'POST', '/api/engagements', engagementInput({ unit: 'MED' as 'PAD' }))).statusCode).toBe(400);
    expect((await send('author', 'POST', '/api/engagements', { ...engagementInput(), created_by: 'me' })).statusCode).toBe(400);
    expect(await countRows(t.ctx, 'engagements')).toBe(before);
    expect(
      (await send('author', 'POST', '/api/engagements/reports', { periodKind: 'year', day: '2026-01-01', language: 'de' }, 'en'))
        .statusCode,
    ).toBe(400);
  });
});
