import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { projectRoot } from '../../src/platform/paths.js';
import { type BrowserFixture, heading, openApp } from './support.js';

/**
 * What the first pages opened over a field link cost: the sign-in page and the public fiche must
 * come with at most 150 kB of JavaScript as transferred (compressed), without zod, and English is
 * fetched only when chosen. Counts what Chromium received (CDP), with each script's Content-Encoding.
 */

const BUDGET_BYTES = 150_000;

let app: BrowserFixture;

beforeAll(async () => {
  app = await openApp();
}, 60_000);

afterAll(async () => app?.close());

interface Script {
  url: string;
  encoding: string;
  bytes: number;
}

/** Records every script the page receives, with its encoding and its size on the wire; read with the returned function. */
async function recordScripts(cdp: CDPSession): Promise<() => Script[]> {
  const scripts = new Map<string, Script>();
  await cdp.send('Network.enable');
  cdp.on('Network.responseReceived', (event) => {
    if (event.type !== 'Script') return;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
    scripts.set(event.requestId, { url: event.response.url, encoding: headers['content-encoding'] ?? 'identity', bytes: 0 });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const script = scripts.get(event.requestId);
    if (script) script.bytes = event.encodedDataLength;
  });
  return () => [...scripts.values()];
}

test('every script and style of the build has a brotli and a gzip copy beside it', () => {
  const assets = join(projectRoot(), 'dist', 'web', 'assets');
  // A file of a few hundred bytes may not shrink; it is then sent as it is.
  const texts = readdirSync(assets).filter((name) => /\.(js|css)$/.test(name) && statSync(join(assets, name)).size > 1024);
  expect(texts.length).toBeGreaterThan(10);
  for (const name of texts) {
    expect(existsSync(join(assets, `${name}.br`)), `${name}.br`).toBe(true);
    expect(existsSync(join(assets, `${name}.gz`)), `${name}.gz`).toBe(true);
  }
});

test.each([
  { path: '/login', title: 'Connexion' },
  { path: '/fiche', title: 'Fiche d’information' },
])('$path comes with at most 150 kB of compressed JavaScript, without zod or the English catalog', async ({ path, title }) => {
  const context = await app.browser.newContext({ locale: 'fr-FR' });
  try {
    const page = await context.newPage();
    const received = await recordScripts(await context.newCDPSession(page));
    const bodies: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') void response.text().then((text) => bodies.push(text));
    });
    await page.goto(`${app.server.url}${path}`);
    await heading(page, title);
    await page.waitForLoadState('networkidle');

    const scripts = received();
    const total = scripts.reduce((sum, script) => sum + script.bytes, 0);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script.encoding, script.url).toBe('br');
    expect(total, scripts.map((s) => `${s.url} ${s.bytes}`).join('\n')).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(scripts.some((script) => /web\.en/.test(script.url))).toBe(false);
    // zod's error class is in every build of it; the pages read the server's answers as types only.
    expect(bodies.some((body) => body.includes('ZodError'))).toBe(false);
  } finally {
    await context.close();
  }
});

test('English is fetched when chosen, and a device that chose it opens in English', async () => {
  const context = await app.browser.newContext({ locale: 'fr-FR' });
  try {
    const page = await context.newPage();
    const received = await recordScripts(await context.newCDPSession(page));
    await page.goto(`${app.server.url}/login`);
    await heading(page, 'Connexion');
    expect(received().some((script) => /web\.en/.test(script.url))).toBe(false);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await heading(page, 'Sign in');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(received().some((script) => /web\.en/.test(script.url) && script.encoding === 'br')).toBe(true);

    // Opened again on this device: English from the first paint, never French first.
    const seen: string[] = [];
    await page.exposeFunction('reportHeading', (text: string) => seen.push(text));
    await page.addInitScript(() => {
      new MutationObserver(() => {
        const h1 = document.querySelector('h1');
        if (h1?.textContent) (window as unknown as { reportHeading(text: string): void }).reportHeading(h1.textContent);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.reload();
    await heading(page, 'Sign in');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((text) => text === 'Sign in')).toBe(true);
  } finally {
    await context.close();
  }
});
