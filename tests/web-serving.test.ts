import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type App, buildApp } from '../src/server/app.js';
import { createTestContext, DIALECTS, type TestContext } from './helpers/db.js';

/** The single-page app: every non-API path answers the app, API paths never do. */
describe.each(DIALECTS)('serving the web app (%s)', (dialect) => {
  let ctx: TestContext;
  let app: App;
  let webRoot: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'mandat-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Mandat</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
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
