import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { proposeTextChange, publishProposal } from '../src/modules/organisation/proposals.service.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { actorByEmail } from '../src/modules/users/users.service.js';
import { searchKey } from '../src/platform/text.js';
import { buildApp } from '../src/server/app.js';
import { preferredCoding } from '../src/server/public-cache.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS, openTestContext, type TestContext } from './helpers/db.js';
import { buildFactbook } from './helpers/factbook.js';

const SYSTEM = { id: null, label: 'test' };
const MARKER = 'canari-interne-du-cache';

/**
 * Public data with validators (src/server/public-cache.ts): an ETag, 304 on a match, a body kept
 * per version of the data and shared only by readers it is identical for.
 */
describe.each(DIALECTS)('public data with validators (%s)', (dialect) => {
  let t: TestApp;
  let other: TestContext;
  let member: Session;
  let officerEmail: string;
  let managerEmail: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    other = await openTestContext(t.ctx.config.databaseUrl, { keyFile: t.ctx.config.keyFile });
    await seedFactbook(t.ctx, SYSTEM, { book: buildFactbook() });
    // A text of the Force that only signed-in readers may read.
    const now = new Date().toISOString();
    const body = `Note ${MARKER} sur Ménaka`;
    await t.ctx.database.db
      .insertInto('section_texts')
      .values({
        id: randomUUID(),
        unit_code: 'FORCE',
        kind: 'context',
        heading: null,
        bullet: 0,
        body,
        search_key: searchKey(body),
        sort_order: 100,
        classification: 'internal',
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    member = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'viewer' }] })).email);
    officerEmail = (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email;
    managerEmail = (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] })).email;
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  test.each([
    '/api/sections',
    '/api/sections/FORCE',
    '/api/partners',
    '/api/resolutions',
    '/api/search?q=menaka',
    '/api/incidents/vocabulary',
    '/api/factsheet/strength.svg?lang=fr',
  ])('%s carries an ETag, and a request repeating it gets 304 without a body', async (url) => {
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await get(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await get(url, { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    // Answered from memory: the same bytes, the same type.
    const kept = await get(url);
    expect(kept.statusCode).toBe(200);
    expect(kept.body).toBe(first.body);
    expect(kept.headers['content-type']).toBe(first.headers['content-type']);
    expect(kept.headers.etag).toBe(etag);
  });

  test.each([
    '/api/sections',
    '/api/sections/FORCE',
    '/api/search?q=menaka',
    '/api/incidents/vocabulary',
    '/api/factsheet/strength.svg?lang=fr',
  ])('%s is sent compressed to a reader that takes brotli or gzip, the same bytes once decoded', async (url) => {
    const plain = await get(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(String(plain.headers.vary)).toContain('accept-encoding');
    const decode = { br: brotliDecompressSync, gzip: gunzipSync } as const;
    for (const [accept, coding] of [
      ['gzip, deflate, br', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['x-gzip', 'gzip'],
    ] as const) {
      // The first answer is built, the second comes from memory: both compressed alike.
      for (let i = 0; i < 2; i++) {
        const response = await get(url, { 'accept-encoding': accept });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-encoding']).toBe(coding);
        expect(String(response.headers.vary)).toContain('accept-encoding');
        expect(response.headers['content-type']).toBe(plain.headers['content-type']);
        expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length);
        expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
        expect(decode[coding](response.rawPayload).toString('utf8')).toBe(plain.body);
        // Each coding has its own ETag; any of them says the content is unchanged.
        expect(response.headers.etag).not.toBe(plain.headers.etag);
        const again = await get(url, { 'accept-encoding': accept, 'if-none-match': plain.headers.etag as string });
        expect(again.statusCode).toBe(304);
        expect(again.headers.etag).toBe(response.headers.etag);
        expect((await get(url, { 'if-none-match': response.headers.etag as string })).statusCode).toBe(304);
      }
    }
    for (const accept of ['identity', '*;q=0', 'br;q=0, gzip;q=0', 'deflate']) {
      const response = await get(url, { 'accept-encoding': accept });
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body).toBe(plain.body);
    }
  });

  test('the coding a request accepts', () => {
    expect(preferredCoding(undefined)).toBe('identity');
    expect(preferredCoding('gzip, deflate, br, zstd')).toBe('br');
    expect(preferredCoding('gzip;q=1.0, br;q=0.1')).toBe('br');
    expect(preferredCoding('BR;Q=0, GZIP')).toBe('gzip');
    expect(preferredCoding('*')).toBe('br');
    expect(preferredCoding('*;q=0, gzip')).toBe('gzip');
    expect(preferredCoding('identity;q=1, *;q=0')).toBe('identity');
    expect(preferredCoding('br;q=abc')).toBe('identity');
  });

  test('each language has its own ETag and body', async () => {
    const fr = await get('/api/incidents/vocabulary', { 'accept-language': 'fr' });
    const en = await get('/api/incidents/vocabulary', { 'accept-language': 'en' });
    expect(fr.headers.etag).not.toBe(en.headers.etag);
    expect(fr.body).not.toBe(en.body);
    expect(
      (await get('/api/incidents/vocabulary', { 'accept-language': 'en', 'if-none-match': fr.headers.etag as string })).statusCode,
    ).toBe(200);
  });

  for (const where of ['this process', 'another process'] as const) {
    test(`a proposal keeps the ETag; its publication (${where}) gives a new ETag and the new text at once`, async () => {
      const before = await get('/api/sections/FORCE');
      const etag = before.headers.etag as string;
      const task = before.json().texts.find((x: { kind: string }) => x.kind === 'task');
      const ctx = where === 'this process' ? t.ctx : other;
      const body = `Soutenir le cantonnement (${where}).`;
      const proposal = await proposeTextChange(ctx, await actorByEmail(ctx, officerEmail), 'FORCE', task.id, {
        version: task.version,
        body,
      });
      expect((await get('/api/sections/FORCE', { 'if-none-match': etag })).statusCode).toBe(304);
      expect((await get('/api/search?q=cantonnement')).body).not.toContain(`(${where})`);
      await publishProposal(ctx, await actorByEmail(ctx, managerEmail), 'FORCE', proposal.id);
      const after = await get('/api/sections/FORCE', { 'if-none-match': etag });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(etag);
      expect(after.json().texts.find((x: { id: string }) => x.id === task.id).body).toBe(body);
      expect((await get('/api/search?q=cantonnement')).body).toContain(`(${where})`);
    });
  }

  test('a signed-in reader neither gets nor leaves a shared body on a route whose answer depends on the reader', async () => {
    const anonymous = await get('/api/sections/FORCE');
    expect(anonymous.body).not.toContain(MARKER);
    const signedIn = await get('/api/sections/FORCE', member.headers);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.body).toContain(MARKER);
    expect(signedIn.headers.etag).toBeUndefined();
    expect(signedIn.headers['cache-control']).toBe('no-store');
    // The anonymous ETag is no validator for a signed-in reader, nor the reverse.
    const matched = await get('/api/sections/FORCE', { ...member.headers, 'if-none-match': anonymous.headers.etag as string });
    expect(matched.statusCode).toBe(200);
    expect(matched.body).toContain(MARKER);
    expect((await get('/api/sections/FORCE')).body).not.toContain(MARKER);
    expect((await get('/api/search?q=canari-interne-du-cache', member.headers)).body).toContain(MARKER);
    expect((await get('/api/search?q=canari-interne-du-cache')).body).not.toContain(MARKER);
    // Compressed or not, the shared body is the anonymous one, and a signed-in reader's is never kept.
    const compressed = await get('/api/sections/FORCE', { 'accept-encoding': 'br' });
    expect(brotliDecompressSync(compressed.rawPayload).toString('utf8')).toBe(anonymous.body);
    const signedInCompressed = await get('/api/sections/FORCE', { ...member.headers, 'accept-encoding': 'br' });
    expect(signedInCompressed.headers['content-encoding']).toBeUndefined();
    expect(signedInCompressed.body).toContain(MARKER);
    expect(signedInCompressed.headers.etag).toBeUndefined();
  });

  test('a route that is not public carries no validator and keeps nothing', async () => {
    const list = await get('/api/worklist', member.headers);
    expect(list.statusCode).toBe(200);
    expect(list.headers.etag).toBeUndefined();
    expect(list.headers['cache-control']).toBe('no-store');
  });

  test('only a public route may keep its responses', async () => {
    const app = await buildApp(t.ctx, { logger: false });
    try {
      expect(() =>
        app.get('/api/kept', { config: { access: { signedIn: true }, cache: { versionedBy: [], sameFor: 'everyone' } } }, async () => ({})),
      ).toThrow(/not public/);
    } finally {
      await app.close();
    }
  });
});
