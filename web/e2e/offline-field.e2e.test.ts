import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../src/platform/paths.js';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import { DIALECTS } from '../../tests/helpers/db.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  accessibilityViolations,
  type BrowserFixture,
  collectBrowserErrors,
  heading,
  navigate,
  openApp,
  screenshot,
  visibleText,
} from './support.js';

/**
 * A day in the field, with the service worker and the outbox together and the browser truly offline
 * (`setOffline`, the worker's own requests failing too): an officer signs in at the base, opens the
 * incident form, the incident log and the activity form once, and leaves. Without a network the app
 * opens again from the worker's copy; two incidents and an activity entered through their forms wait
 * on the device (the header counts them, the outbox lists them, a page opened afresh still counts
 * them); when the network returns they are sent by themselves, each made once on the server, and the
 * outbox empties. The network may also drop while a form is open: the record is kept at once, and a
 * page opened then reads the worker's copy. On each database. Needs dist/web (`npm run build`) and Chromium at /usr/bin/chromium.
 */

const OFFICER = { name: 'Aminata Diarra', email: 'aminata.diarra@minusma.test' };
const INCIDENTS = ['Embuscade sur l’axe Gao–Ansongo (hors ligne)', 'Engin explosif près de Ménaka (hors ligne)'];
const DROPPED = 'Tirs entendus à Ansongo (réseau coupé)';
const ACTIVITY = 'Sensibilisation aux risques des engins explosifs à Ménaka (hors ligne)';

/** Every file of the build the worker keeps (source maps and precompressed copies aside, and the worker itself). */
async function buildFiles(): Promise<string[]> {
  const root = join(projectRoot(), 'dist', 'web');
  const files: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || /\.(map|br|gz)$/.test(entry.name)) continue;
    const path = `/${relative(root, join(entry.parentPath, entry.name)).split(sep).join('/')}`;
    if (path !== '/sw.js') files.push(path);
  }
  return files.sort();
}

for (const dialect of DIALECTS) {
  describe(`working offline in the field on ${dialect}`, () => {
    let app: BrowserFixture;
    let server: TestServer;
    let page: Page;

    beforeAll(async () => {
      app = await openApp({}, dialect);
      ({ server, page } = app);
      await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
    }, 120_000);

    afterAll(async () => app?.close());

    const status = () => visibleText(page.locator('.outbox-status'));
    /** How many records the device's outbox holds, read from IndexedDB itself. */
    const stored = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('mandat-outbox');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const count = open.result.transaction('records').objectStore('records').count();
              count.onsuccess = () => {
                open.result.close();
                resolve(count.result);
              };
            };
          }),
      );
    /** The paths the worker keeps of the build. */
    const shell = () =>
      page.evaluate(async () => {
        const name = (await caches.keys()).find((key) => key.startsWith('mandat-shell-'));
        if (!name) return [];
        const cache = await caches.open(name);
        return (await cache.keys()).map((request) => new URL(request.url).pathname).sort();
      });
    /** The records made on the server, read from its database: title and author's name. */
    const made = async (table: 'incidents' | 'activities') =>
      (
        await server.ctx.database.db
          .selectFrom(table)
          .innerJoin('users', 'users.id', `${table}.created_by`)
          .select([`${table}.title as title`, 'users.name as author'])
          .orderBy('title')
          .execute()
      ).map((row) => ({ title: row.title, author: row.author }));

    async function enterIncident(title: string): Promise<void> {
      await page.getByLabel('Date de l’incident').fill('2020-07-14');
      await page.getByLabel('Type d’événement').selectOption('violence_against_civilians');
      await page.getByLabel('Sous-type').selectOption('attack');
      await page.getByLabel('Titre').fill(title);
      await page.getByLabel('Localité (répertoire)').selectOption({ label: 'Ménaka' });
      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await page.locator('.outbox-kept').filter({ hasText: title }).waitFor();
    }

    test('incidents entered with the network off, in the app the worker kept, wait on the device and are sent once when it returns', async () => {
      await page.goto(`${server.url}/login`);
      await heading(page, 'Connexion');
      // The first worker takes the page over once installed; the sign-in then goes through it.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
      await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await heading(page, 'Mon travail');
      expect(await status()).toBe('En ligne');

      // Before leaving the base: the forms and the log, once.
      await page.goto(`${server.url}/incidents/nouveau`);
      await heading(page, 'Nouvel incident');
      await page.getByLabel('Localité (répertoire)').waitFor();
      await page.goto(`${server.url}/activites/nouvelle`);
      await heading(page, 'Enregistrer une activité');
      await page.getByLabel('Intitulé').waitFor();
      await page.goto(`${server.url}/incidents`);
      await heading(page, 'Journal des incidents');
      await page.getByText('Aucun incident ne correspond à ce filtre.').waitFor();
      // Meanwhile the worker has kept the whole build, the pages not opened (the outbox) included.
      const files = await buildFiles();
      await expect.poll(shell, { timeout: 60_000 }).toEqual(expect.arrayContaining(files));

      await app.context.setOffline(true);
      await page.reload();
      await heading(page, 'Journal des incidents');
      // The log as last read, from the worker's copy.
      await page.getByText('Aucun incident ne correspond à ce filtre.').waitFor();
      await expect.poll(status).toBe('Hors ligne');
      await page.goto(`${server.url}/incidents/nouveau`);
      await heading(page, 'Nouvel incident');
      for (const title of INCIDENTS) await enterIncident(title);
      await expect.poll(status).toBe('Hors ligne · 2 en attente d’envoi');
      await screenshot(page, 'offline-field-01-form', false);

      await page.getByRole('link', { name: /2 en attente d’envoi/ }).click();
      await heading(page, 'Boîte d’envoi');
      const items = page.locator('.outbox-item');
      await expect.poll(async () => items.count()).toBe(2);
      for (const title of INCIDENTS) expect(await visibleText(items.filter({ hasText: title }))).toContain('En attente');
      await screenshot(page, 'offline-field-02-outbox');
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await stored()).toBe(2);

      // The tab closed and another opened, still without a network: the records still wait.
      await page.close();
      page = await app.context.newPage();
      collectBrowserErrors(page, app.errors);
      await page.goto(`${server.url}/`);
      await heading(page, 'Mon travail');
      await expect.poll(status).toBe('Hors ligne · 2 en attente d’envoi');
      expect(await stored()).toBe(2);
      expect(await made('incidents')).toEqual([]);

      // The network returns: the outbox sends by itself, nobody presses anything.
      await app.context.setOffline(false);
      await expect.poll(stored, { timeout: 30_000 }).toBe(0);
      await expect.poll(status).toBe('En ligne');
      expect(await made('incidents')).toEqual(INCIDENTS.map((title) => ({ title, author: OFFICER.name })).sort(byTitle));
      await page.goto(`${server.url}/outbox`);
      await heading(page, 'Boîte d’envoi');
      await page.getByText('Rien n’attend d’être envoyé.').waitFor();
      expect(app.errors).toEqual([]);
    }, 180_000);

    test('an activity entered offline the same way is sent once', async () => {
      await app.context.setOffline(true);
      await page.reload();
      await heading(page, 'Boîte d’envoi');
      await expect.poll(status).toBe('Hors ligne');
      await page.goto(`${server.url}/activites/nouvelle`);
      await heading(page, 'Enregistrer une activité');
      // The projects cannot be read without a network: the activity goes without one, and the form says so.
      expect(await visibleText(page.locator('.field', { has: page.getByLabel(/^Projet/) }))).toContain(
        'Les projets ne se lisent pas sans réseau',
      );
      await page.getByLabel('Thème').selectOption('explosive_risk');
      await page.getByLabel('Intitulé').fill(ACTIVITY);
      await page.getByLabel('Catégorie').selectOption('general_public');
      await page.getByLabel(/^Projet/).scrollIntoViewIfNeeded();
      await screenshot(page, 'offline-field-03-activity-form', false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByLabel('Début', { exact: true }).fill('14/07/2020');
      await page.getByLabel('Lieu', { exact: true }).selectOption('Ménaka');
      await page.getByLabel('Femmes', { exact: true }).fill('12');
      await page.getByLabel('Hommes', { exact: true }).fill('9');
      await page.getByLabel('Enfants (moins de 18 ans)').fill('6');
      await page.getByLabel('Adultes', { exact: true }).fill('15');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      // Kept: the outbox shows it.
      await heading(page, 'Boîte d’envoi');
      const item = page.locator('.outbox-item').filter({ hasText: ACTIVITY });
      expect(await visibleText(item)).toContain('Activité');
      await expect.poll(status).toBe('Hors ligne · 1 en attente d’envoi');
      expect(await made('activities')).toEqual([]);

      await app.context.setOffline(false);
      await expect.poll(stored, { timeout: 30_000 }).toBe(0);
      await page.getByText('Rien n’attend d’être envoyé.').waitFor();
      await expect.poll(status).toBe('En ligne');
      expect(await made('activities')).toEqual([{ title: ACTIVITY, author: OFFICER.name }]);
      expect(app.errors).toEqual([]);
    }, 120_000);

    test('the network drops while the form is open: the incident is kept at once, the log reads the worker’s copy', async () => {
      // Online: the log as it is now, then the form.
      await page.goto(`${server.url}/incidents`);
      await heading(page, 'Journal des incidents');
      for (const title of INCIDENTS) await page.getByText(title).first().waitFor();
      await page.goto(`${server.url}/incidents/nouveau`);
      await heading(page, 'Nouvel incident');
      await page.getByLabel('Localité (répertoire)').waitFor();
      // The browser tells the page it is offline (an `offline` event), the form still open.
      await app.context.setOffline(true);
      await expect.poll(status).toBe('Hors ligne');
      await enterIncident(DROPPED);
      await expect.poll(status).toBe('Hors ligne · 1 en attente d’envoi');
      // A page not opened since the network dropped reads the worker's copy, marked as such.
      await navigate(page, 'Situation', 'Journal des incidents');
      await heading(page, 'Journal des incidents');
      for (const title of INCIDENTS) await page.getByText(title).first().waitFor();
      await expect.poll(async () => visibleText(page.locator('.offline-copy').first())).toMatch(/^Copie hors ligne du \d/);
      expect(await made('incidents')).toHaveLength(2);

      await app.context.setOffline(false);
      await expect.poll(stored, { timeout: 30_000 }).toBe(0);
      await expect.poll(status).toBe('En ligne');
      expect(await made('incidents')).toEqual([...INCIDENTS, DROPPED].map((title) => ({ title, author: OFFICER.name })).sort(byTitle));
      expect(app.errors).toEqual([]);
    }, 120_000);
  });
}

function byTitle(a: { title: string }, b: { title: string }): number {
  return a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
}
