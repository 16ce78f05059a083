import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReleaseDetail, ReleaseMay } from '../src/contracts/news.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * Who may do what with a release. Each `may` flag of a release is checked against its write route
 * for every kind of caller, at the step it belongs to; and a canary crawl plants a marker in a
 * draft, a submitted and a cleared release and walks every read route of the module as every
 * caller: the marker is seen only by members of the division, on its desk, never publicly.
 */

type Caller = 'anonymous' | 'reader' | 'author' | 'officer' | 'chief' | 'otherManager' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'reader', 'author', 'officer', 'chief', 'otherManager', 'admin'];
const MEMBERS: Caller[] = ['reader', 'author', 'officer', 'chief'];
const accepted = (response: LightMyRequestResponse) => response.statusCode < 300;

type Step = 'draft' | 'submitted' | 'cleared' | 'published';
const MOVES: { flag: keyof ReleaseMay; at: Step; method: 'PATCH' | 'POST'; path: string; body: object }[] = [
  { flag: 'edit', at: 'draft', method: 'PATCH', path: '', body: { bodyFr: 'Texte modifié.' } },
  { flag: 'submit', at: 'draft', method: 'POST', path: '/submit', body: {} },
  { flag: 'clear', at: 'submitted', method: 'POST', path: '/clear', body: {} },
  { flag: 'return', at: 'submitted', method: 'POST', path: '/return', body: { reason: 'À revoir.' } },
  { flag: 'publish', at: 'cleared', method: 'POST', path: '/publish', body: {} },
  { flag: 'withdraw', at: 'published', method: 'POST', path: '/withdraw', body: { reason: 'Erreur.' } },
  { flag: 'correct', at: 'published', method: 'POST', path: '/correct', body: { noteFr: 'Rectificatif.' } },
];

describe.each(DIALECTS)('public information access (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller, Session | null>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    sessions.set('anonymous', null);
    const as = async (name: Caller, memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[], admin = false) =>
      sessions.set(name, await signIn(t.app, (await buildUser(t.ctx, { memberships, admin })).email));
    await as('reader', [{ unit: 'SCPI', role: 'viewer' }]);
    await as('author', [{ unit: 'SCPI', role: 'officer' }]);
    await as('officer', [{ unit: 'SCPI', role: 'officer' }]);
    await as('chief', [{ unit: 'SCPI', role: 'manager' }]);
    await as('otherManager', [{ unit: 'PAD', role: 'manager' }]);
    await as('admin', [], true);
  });
  afterAll(async () => t?.close());

  const send = (caller: Caller, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: sessions.get(caller)?.headers ?? {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const move = async (caller: Caller, release: ReleaseDetail, name: string, body: object = {}) => {
    const response = await send(caller, 'POST', `/api/news/desk/${release.id}/${name}`, { version: release.version, ...body });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReleaseDetail;
  };
  /** A release of `author` brought to `step`, cleared by the chief. */
  const releaseAt = async (step: Step, marker = 'Communiqué') => {
    const created = await send('author', 'POST', '/api/news/desk', { titleFr: marker, summaryFr: marker, bodyFr: marker });
    expect(created.statusCode).toBe(201);
    let release = created.json() as ReleaseDetail;
    if (step === 'draft') return release;
    release = await move('author', release, 'submit');
    if (step === 'submitted') return release;
    release = await move('chief', release, 'clear');
    if (step === 'cleared') return release;
    return move('author', release, 'publish');
  };

  test.each(MOVES)('the $flag flag agrees with its write route for every caller', async ({ flag, at, method, path, body }) => {
    const seen: string[] = [];
    for (const caller of CALLERS) {
      const release = await releaseAt(at);
      const read = await send(caller, 'GET', `/api/news/desk/${release.id}`);
      const may = read.statusCode === 200 ? (read.json() as ReleaseDetail).may[flag] : false;
      const attempt = await send(caller, method, `/api/news/desk/${release.id}${path}`, { version: release.version, ...body });
      expect(accepted(attempt), `${caller} ${flag}: flag ${may}, route ${attempt.statusCode}`).toBe(may);
      if (may) seen.push(caller);
      // Outsiders learn nothing of the desk: its records are not found for them.
      if (!MEMBERS.includes(caller)) expect(read.statusCode).toBe(caller === 'anonymous' ? 401 : 404);
    }
    const expected: Record<keyof ReleaseMay, Caller[]> = {
      edit: ['author', 'officer', 'chief'],
      submit: ['author', 'officer', 'chief'],
      // Four eyes: the author never clears; the chief of public information does.
      clear: ['chief'],
      return: ['chief'],
      publish: ['author', 'officer', 'chief'],
      withdraw: ['chief'],
      correct: ['chief'],
    };
    expect(seen).toEqual(expected[flag]);
  });

  test('canary: drafts, submitted and cleared releases are seen by the division’s members on the desk only', async () => {
    const marker = `CANARY-${randomUUID().slice(0, 8)}`;
    const planted = await Promise.all((['draft', 'submitted', 'cleared'] as const).map((step) => releaseAt(step, marker)));
    const embargoed = await releaseAt('cleared', marker);
    await move('author', embargoed, 'publish', { embargoUntil: new Date(t.ctx.now().getTime() + 3_600_000).toISOString() });
    const publicUrls = [
      '/api/news/releases',
      ...[...planted, embargoed].map((r) => `/api/news/releases/${r.id}`),
      '/api/news/feed/fr.atom',
      '/api/news/feed/en.atom',
      '/sitemap.xml',
      '/api/news/press-points',
      '/api/radio',
    ];
    const deskUrls = ['/api/news/desk', ...planted.map((r) => `/api/news/desk/${r.id}`)];
    for (const caller of CALLERS) {
      for (const url of publicUrls) {
        const response = await send(caller, 'GET', url);
        expect(response.statusCode, `${caller} ${url}`).toBeLessThan(500);
        expect(response.body, `${caller} ${url}`).not.toContain(marker);
      }
      for (const url of deskUrls) {
        const response = await send(caller, 'GET', url);
        expect(response.body.includes(marker), `${caller} ${url}`).toBe(MEMBERS.includes(caller));
      }
    }
  });
});
