import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Incident } from '../../src/contracts/incidents.js';
import { projectRoot } from '../../src/platform/paths.js';
import { buildUser, TEST_PASSWORD, totpCode } from '../../tests/helpers/app.js';
import { incidentInput } from '../../tests/helpers/incidents.js';
import { humanRightsCase } from '../../tests/helpers/protection.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { type BrowserFixture, heading, openApp, screenshot, visibleText } from './support.js';

/**
 * The installable app without a network (web/src/sw). An HRPD officer signs in once, reads the
 * incident log, an internal and a restricted incident, the map and a protection case; with the
 * network off the app opens again from the service worker's copy: the shell, the map with the
 * shipped boundaries, the list and the internal incident marked "offline copy of <time>", the
 * restricted one and the protection case nowhere. The protection, hotline and DDR pages say they
 * are unavailable offline, and nothing of the case nor of the restricted incident is in Cache
 * Storage or IndexedDB. Another account signing in, or signing out, deletes the copies. A new build
 * of the worker offers to reload into it. Needs dist/web and Chromium at /usr/bin/chromium.
 */

const OFFICER = { name: 'Moussa Coulibaly', email: 'moussa.coulibaly@minusma.test' };
const OTHER = { name: 'Ibrahim Maïga', email: 'ibrahim.maiga@minusma.test' };
const INTERNAL_TITLE = 'Patrouille attaquée près d’Ansongo';
const RESTRICTED_TITLE = 'Source protégée signalée à Gao (marqueur-restreint)';
const CASE_MARKER = 'marqueur-protection-hors-ligne';

let app: BrowserFixture;
let server: TestServer;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  ({ server, page } = app);
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'HRPD', role: 'officer' }] });
  await buildUser(server.ctx, { ...OTHER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
}, 60_000);

afterAll(async () => app?.close());

async function signIn(user: { email: string }): Promise<void> {
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(user.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const code = await totpCode(user.email);
  if (code) {
    await page.getByLabel('Code d’authentification').fill(code);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }
  await heading(page, 'Mon travail');
}

/** Waits until the service worker controls the page. */
async function controlled(target: Page = page): Promise<void> {
  await target.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** A write from the page, with its session and CSRF token (as the app sends it). */
async function write<T>(path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ({ path, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'accept-language': 'fr' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<T>;
    },
    { path, body },
  );
}

interface Stored {
  caches: Record<string, { url: string; body: string }[]>;
  databases: Record<string, string>;
}

/** Everything the browser keeps for the origin in Cache Storage (bodies of JSON answers) and IndexedDB (every store's values). */
async function storage(target: Page = page): Promise<Stored> {
  return target.evaluate(async () => {
    const kept: Stored['caches'] = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      kept[name] = [];
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const json = (response?.headers.get('content-type') ?? '').includes('json') || request.url.includes('/api/');
        kept[name].push({ url: request.url, body: json && response ? await response.text() : '' });
      }
    }
    const databases: Stored['databases'] = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name as string);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const values: unknown[] = [];
      for (const store of db.objectStoreNames) {
        values.push(
          await new Promise((resolve, reject) => {
            const all = db.transaction(store, 'readonly').objectStore(store).getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          }),
        );
      }
      db.close();
      databases[info.name] = JSON.stringify(values);
    }
    return { caches: kept, databases };
  });
}

const dataUrls = (stored: Stored) => (stored.caches['mandat-data'] ?? []).map((entry) => new URL(entry.url).pathname);

let internal: Incident;
let restricted: Incident;
let caseRef = '';

test('after one visit the app opens offline: shell, map, list and incident as an offline copy; nothing confidential is kept', async () => {
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  // Registered after the page has loaded; the first worker takes the page over once installed.
  await controlled();
  await signIn(OFFICER);

  internal = await write<Incident>(
    '/api/incidents',
    incidentInput({ unit: 'HRPD', title: INTERNAL_TITLE, location: { place: 'Ansongo', precision: 'near' } }),
  );
  restricted = await write<Incident>(
    '/api/incidents',
    incidentInput({ unit: 'HRPD', title: RESTRICTED_TITLE, classification: 'restricted' }),
  );
  const created = await write<{ ref: string }>(
    '/api/protection/cases',
    humanRightsCase({ summary: `Détention arbitraire à Mopti (${CASE_MARKER})` }),
  );
  caseRef = created.ref;

  // One visit of what the officer reads.
  await page.goto(`${server.url}/incidents`);
  await heading(page, 'Journal des incidents');
  await page.getByText(INTERNAL_TITLE).first().waitFor();
  await page.getByText(RESTRICTED_TITLE).first().waitFor();
  await page.goto(`${server.url}/incidents/${internal.ref}`);
  await heading(page, INTERNAL_TITLE);
  await page.goto(`${server.url}/incidents/${restricted.ref}`);
  await heading(page, RESTRICTED_TITLE);
  await page.goto(`${server.url}/incidents/carte`);
  await heading(page, 'Carte des incidents');
  await page.locator('path.map-region').first().waitFor();
  await page.goto(`${server.url}/protection/${caseRef}`);
  await expect.poll(async () => visibleText(page.locator('main'))).toContain(CASE_MARKER);

  // The reference data read at sign-in is there; the server said which answers a device may keep.
  await expect
    .poll(async () => dataUrls(await storage()))
    .toEqual(
      expect.arrayContaining(['/api/auth/me', '/api/units', '/api/incidents/vocabulary', '/api/map/places', '/api/activities/vocabulary']),
    );
  const headers = await page.evaluate(async (ref) => {
    const of = async (path: string) => {
      const headers = (await fetch(path)).headers;
      return `${headers.get('cache-control')} ${headers.get('mandat-offline') ?? '-'}`;
    };
    return { list: await of('/api/incidents'), restricted: await of(`/api/incidents/${ref}`), case: await of('/api/protection/cases') };
  }, restricted.ref);
  expect(headers).toEqual({ list: 'no-store keep', restricted: 'no-store -', case: 'no-store -' });

  // Once signed in, the whole build is kept, the English catalog and pages never opened included.
  const shellFiles = async () =>
    Object.entries((await storage()).caches)
      .filter(([name]) => name.startsWith('mandat-shell-'))
      .flatMap(([, entries]) => entries.map((entry) => new URL(entry.url).pathname));
  await expect
    .poll(shellFiles, { timeout: 20_000 })
    .toEqual(expect.arrayContaining(['/index.html', expect.stringMatching(/web\.en-.+\.js$/)]));

  await app.context.setOffline(true);
  try {
    // The app itself comes from the worker's copy (the home page's worklist is never kept).
    await page.goto(`${server.url}/`);
    await heading(page, 'Mon travail');
    await screenshot(page, 'offline-app-home');

    await page.goto(`${server.url}/incidents`);
    await heading(page, 'Journal des incidents');
    await page.getByText(INTERNAL_TITLE).first().waitFor();
    const mark = page.locator('.offline-copy');
    await expect.poll(async () => (await mark.count()) > 0 && visibleText(mark)).toMatch(/^Copie hors ligne du \d/);
    expect(await visibleText(page.locator('main'))).not.toContain(RESTRICTED_TITLE);
    await screenshot(page, 'offline-app-incidents');

    await page.goto(`${server.url}/incidents/${internal.ref}`);
    await heading(page, INTERNAL_TITLE);
    await expect.poll(async () => mark.count()).toBe(1);
    await screenshot(page, 'offline-app-incident');

    // Never kept: the restricted incident is simply not there without the network.
    await page.goto(`${server.url}/incidents/${restricted.ref}`);
    // Tried again twice, as any lost connection, then the network's problem.
    await expect.poll(async () => visibleText(page.locator('main')), { timeout: 15_000 }).not.toContain('Chargement');
    await screenshot(page, 'offline-app-restricted');
    expect(await visibleText(page.locator('main'))).not.toContain(RESTRICTED_TITLE);

    // The map draws the boundaries shipped with the app.
    await page.goto(`${server.url}/incidents/carte`);
    await heading(page, 'Carte des incidents');
    await expect.poll(async () => page.locator('path.map-region').count()).toBeGreaterThan(5);
    await expect.poll(async () => page.locator('path.map-cercle').count()).toBeGreaterThan(40);
    await screenshot(page, 'offline-app-map');

    for (const path of [`/protection/${caseRef}`, '/protection', '/protection/appels', '/ddr/registre']) {
      await page.goto(`${server.url}${path}`);
      await heading(page, 'Indisponible hors ligne');
      expect(await visibleText(page.locator('main'))).not.toContain(CASE_MARKER);
    }
    await screenshot(page, 'offline-app-protection-unavailable');

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await heading(page, 'Unavailable offline');
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await heading(page, 'Indisponible hors ligne');

    // Nothing of protection nor of the restricted incident anywhere in the browser's storage.
    const stored = await storage();
    const everything = JSON.stringify(stored);
    expect(everything).not.toContain(CASE_MARKER);
    expect(everything).not.toContain(RESTRICTED_TITLE);
    expect(everything).not.toContain(caseRef);
    expect(dataUrls(stored).some((path) => /protection|hotline|ddr|users|audit|files/.test(path))).toBe(false);
    expect(dataUrls(stored)).toContain(`/api/incidents/${internal.ref}`);
    expect(dataUrls(stored)).not.toContain(`/api/incidents/${restricted.ref}`);
    expect(Object.keys(stored.caches).some((name) => name.startsWith('mandat-shell-'))).toBe(true);
  } finally {
    await app.context.setOffline(false);
  }
}, 120_000);

test('another account signing in, then signing out, leaves no copy of the first one', async () => {
  await page.goto(`${server.url}/incidents`);
  await heading(page, 'Journal des incidents');
  await expect.poll(async () => dataUrls(await storage())).toContain('/api/incidents');

  // Another account signs in on this browser (its session replaces the first): the copies go first.
  const other = await page.evaluate(
    async ({ email, password }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ email, password }),
      });
      return `${response.status} ${response.status === 200 ? '' : await response.text()}`;
    },
    { email: OTHER.email, password: TEST_PASSWORD },
  );
  expect(other).toBe('200 ');
  const after = await storage();
  expect(dataUrls(after)).not.toContain('/api/incidents');
  expect(JSON.stringify(after)).not.toContain(INTERNAL_TITLE);

  await page.goto(`${server.url}/incidents`);
  await heading(page, 'Journal des incidents');
  await expect.poll(async () => dataUrls(await storage())).toContain('/api/incidents');
  await page.getByRole('button', { name: OTHER.name }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await heading(page, 'Connexion');
  await expect.poll(async () => Object.keys((await storage()).caches).filter((name) => !name.startsWith('mandat-shell-'))).toEqual([]);
});

test('a new build of the app offers to reload into it', async () => {
  // A copy of the build, served by its own server, whose worker then changes like a new deployment's.
  const webRoot = await mkdtemp(join(tmpdir(), 'mandat-e2e-web-'));
  await cp(join(projectRoot(), 'dist', 'web'), webRoot, { recursive: true });
  const deployed = await openApp({ webRoot });
  try {
    const tab = deployed.page;
    await tab.goto(`${deployed.server.url}/fiche`);
    await heading(tab, 'Fiche d’information');
    await controlled(tab);
    await expect
      .poll(async () => Object.keys((await storage(tab)).caches).filter((name) => name.startsWith('mandat-shell-')))
      .toHaveLength(1);
    const [before] = Object.keys((await storage(tab)).caches).filter((name) => name.startsWith('mandat-shell-'));

    const worker = join(webRoot, 'sw.js');
    const version = /version:`([\w-]+)`/.exec(await readFile(worker, 'utf8'))?.[1];
    expect(version).toBeTruthy();
    await writeFile(worker, (await readFile(worker, 'utf8')).replaceAll(`version:\`${version}\``, 'version:`nouvelle-version`'));
    await rm(`${worker}.br`, { force: true });
    await rm(`${worker}.gz`, { force: true });

    await tab.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = tab.locator('.app-update');
    await prompt.waitFor();
    expect(await visibleText(prompt)).toContain('Une nouvelle version de Mandat est disponible.');
    await screenshot(tab, 'offline-app-update', false);

    await tab.evaluate(() => {
      (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
    });
    await tab.getByRole('button', { name: 'Recharger' }).click();
    await tab.waitForFunction(() => !(window as unknown as { beforeUpdate?: boolean }).beforeUpdate);
    await heading(tab, 'Fiche d’information');
    expect(await tab.locator('.app-update').count()).toBe(0);
    await expect
      .poll(async () => Object.keys((await storage(tab)).caches).filter((name) => name.startsWith('mandat-shell-')))
      .toEqual(['mandat-shell-nouvelle-version']);
    expect(before).not.toBe('mandat-shell-nouvelle-version');
  } finally {
    await deployed.close();
    await rm(webRoot, { recursive: true, force: true });
  }
});
