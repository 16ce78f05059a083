import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type App, buildApp } from '../src/server/app.js';
import { createTestContext, DIALECTS, type TestContext } from './helpers/db.js';

const INDEX = '<!doctype html><title>Mandat</title><div id="root"></div>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))})`;

/** The single-page app: every non-API path answers the app, API paths never do. */
describe.each(DIALECTS)('serving the web app (%s)', (dialect) => {
  let ctx: TestContext;
  let app: App;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'mandat-web-'));
    mkdirSync(join(webRoot, 'assets'));
    // As the build leaves them: a brotli and a gzip copy beside each text file (web/precompress.ts).
    const files = { 'index.html': INDEX, 'assets/app.js': SCRIPT };
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(webRoot, name), content);
      writeFileSync(join(webRoot, `${name}.br`), brotliCompressSync(content));
      writeFileSync(join(webRoot, `${name}.gz`), gzipSync(content));
    }
    writeFileSync(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    ctx = await createTestContext(dialect, { webRoot });
    app = await buildApp(ctx, { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  test.each(['/', '/login', '/admin/users', '/setup?token=abc', '/does/not/exist'])('%s answers the app', async (url) => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<div id="root">');
  });

  test('assets are served with their type', async () => {
    const response = await app.inject({ url: '/assets/app.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
  });

  test.each([
    ['br, gzip, deflate', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
    ['gzip;q=1, br;q=0.5', 'gzip', gunzipSync],
  ] as const)('Accept-Encoding %s: the script is sent as %s', async (accept, encoding, decode) => {
    const response = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': accept } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe(encoding);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.rawPayload.length).toBeLessThan(SCRIPT.length);
    expect(decode(response.rawPayload).toString()).toBe(SCRIPT);
  });

  test('without Accept-Encoding the script is sent as it is, still saying it varies by it', async () => {
    const response = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'identity' } });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.body).toBe(SCRIPT);
  });

  test('hashed assets are kept a year without asking again', async () => {
    for (const accept of ['br', 'gzip', 'identity']) {
      const response = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': accept } });
      expect(response.headers['cache-control'], accept).toBe('public, max-age=31536000, immutable');
    }
  });

  test.each(['/', '/index.html', '/login', '/incidents/INC-1', '/favicon.svg'])('%s is checked with the server each time', async (url) => {
    for (const accept of ['br', 'gzip', 'identity']) {
      const response = await app.inject({ url, headers: { 'accept-encoding': accept } });
      expect(response.statusCode, `${url} ${accept}`).toBe(200);
      expect(response.headers['cache-control'], `${url} ${accept}`).toBe('no-cache');
    }
  });

  test('the app page itself is sent compressed, at every path', async () => {
    for (const url of ['/', '/login']) {
      const response = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(brotliDecompressSync(response.rawPayload).toString(), url).toBe(INDEX);
    }
  });

  test('API answers are not marked as kept', async () => {
    const response = await app.inject({ url: '/api/health' });
    expect(response.headers['cache-control']).not.toMatch(/immutable/);
  });

  test('API paths never fall back to the app', async () => {
    const response = await app.inject({ url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  test('a directory or a traversal attempt is a clean problem, never a file outside the app', async () => {
    for (const url of ['/assets/', '/../package.json', '/assets/..%2f..%2fpackage.json']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.body, url).not.toContain('"name": "mandat"');
    }
  });
});
