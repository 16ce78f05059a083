import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../../src/contracts/incidents.js';
import { buildUser } from '../../tests/helpers/app.js';
import { DIALECTS, type TestContext } from '../../tests/helpers/db.js';
import { incidentInput } from '../../tests/helpers/incidents.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  accessibilityViolations,
  heading,
  launchOutboxBrowser,
  outboxRecordCount,
  type RestartableServer,
  SCREENSHOTS,
  screenshot,
  signedInCaller,
  signInThroughForm,
  startRestartableServer,
  visibleText,
} from './support.js';

/**
 * The offline outbox in Chromium, without a service worker: the link to the API is cut by aborting
 * /api requests (the shell itself still loads). Incidents entered while the API is unreachable are
 * kept on the device, sealed, through a reload and a restarted browser (same profile), and sent
 * once each when the API returns, even when every first answer is lost (a replay) or the server
 * restarts during the synchronisation; a refused record is fixed in its form; a session that
 * expired keeps the outbox until the same account signs in again; signing out asks to keep or
 * discard; an edit made offline that meets a change saved meanwhile is resolved field by field; a
 * strength snapshot is kept and sent too. On each database (the server is started here, on a fixed
 * port, so it can be stopped and started again on the same database).
 */

const OFFICER = { name: 'Fatoumata Maïga', email: 'fatoumata.maiga@minusma.test' };
const OTHER = { name: 'Ibrahim Touré', email: 'ibrahim.toure@minusma.test' };

/** The incidents on the server, read from its database: title, author's name. */
async function incidentsOnServer(ctx: TestContext): Promise<{ title: string; author: string }[]> {
  const rows = await ctx.database.db
    .selectFrom('incidents')
    .innerJoin('users', 'users.id', 'incidents.created_by')
    .select(['incidents.title', 'users.name'])
    .orderBy('incidents.title')
    .execute();
  return rows.map((row) => ({ title: row.title, author: row.name }));
}

/** When each incident on the server was entered (on the device, if it was sent later) and made, by title. */
async function timesOnServer(ctx: TestContext): Promise<Map<string, { enteredAt: string | null; createdAt: string; ref: string }>> {
  const rows = await ctx.database.db.selectFrom('incidents').select(['title', 'ref', 'entered_at', 'created_at']).execute();
  return new Map(rows.map((row) => [row.title, { enteredAt: row.entered_at, createdAt: row.created_at, ref: row.ref }]));
}

for (const dialect of DIALECTS) {
  describe(`offline outbox on ${dialect}`, () => {
    let server: RestartableServer;
    let profile: string;
    let context: BrowserContext;
    let page: Page;
    const errors: string[] = [];

    async function launch(): Promise<void> {
      ({ context, page } = await launchOutboxBrowser(profile, errors));
    }

    /** Cuts the link to the API: every /api request fails as if the network were down. */
    async function cut(): Promise<void> {
      await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
    }

    async function restore(handler?: (route: Route) => Promise<void>): Promise<void> {
      await context.unrouteAll({ behavior: 'ignoreErrors' });
      if (handler) await context.route('**/api/incidents', handler);
    }

    const signIn = (user: { email: string }) => signInThroughForm(page, server.url, user.email);

    async function openForm(): Promise<void> {
      await page.goto(`${server.url}/incidents/nouveau`);
      await heading(page, 'Nouvel incident');
      await page.getByLabel('Titre').waitFor();
    }

    async function enter(title: string, where: { place?: string; latitude?: string; longitude?: string } = { place: 'Ménaka' }) {
      await page.getByLabel('Date de l’incident').fill('2020-07-14');
      await page.getByLabel('Type d’événement').selectOption('violence_against_civilians');
      await page.getByLabel('Sous-type').selectOption('attack');
      await page.getByLabel('Titre').fill(title);
      if (where.place) await page.getByLabel('Localité (répertoire)').selectOption({ label: where.place });
      if (where.latitude) await page.getByLabel('Latitude').fill(where.latitude);
      if (where.longitude) await page.getByLabel('Longitude').fill(where.longitude);
      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    }

    async function enterKept(title: string, where?: { place?: string; latitude?: string; longitude?: string }): Promise<void> {
      await enter(title, where);
      await page.locator('.outbox-kept').filter({ hasText: title }).waitFor();
    }

    const status = () => visibleText(page.locator('.outbox-status'));
    /** How many records the device's outbox holds, read from IndexedDB itself. */
    const stored = () => outboxRecordCount(page);

    beforeAll(async () => {
      server = await startRestartableServer(dialect);
      await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
      await buildUser(server.ctx, { ...OTHER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
      profile = await mkdtemp(join(tmpdir(), 'mandat-outbox-'));
      await launch();
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await server?.stop();
      await server?.ctx.close();
      if (profile) await rm(profile, { recursive: true, force: true });
    });

    test('three incidents entered offline survive a reload and a restarted browser, and are made once each though every first answer is lost', async () => {
      await signIn(OFFICER);
      expect(await status()).toBe('En ligne');
      await openForm();
      await cut();
      // When each was entered on the device, between the moment before and the moment after.
      const entered = new Map<string, { from: number; to: number }>();
      for (const title of ['Hors ligne un à Ménaka', 'Hors ligne deux à Ménaka', 'Hors ligne trois à Ménaka']) {
        const from = Date.now();
        await enterKept(title);
        entered.set(title, { from, to: Date.now() });
      }
      expect(await visibleText(page.locator('.outbox-kept'))).toContain('est gardé sur cet appareil (chiffré)');
      await expect.poll(status).toContain('3 en attente d’envoi');
      expect(await status()).toContain('Serveur injoignable');
      await screenshot(page, 'outbox-01-kept-offline', false);

      // Nothing of the records is readable in IndexedDB: sealed with the account's non-extractable key.
      const sealed = await page.evaluate(async () => {
        const open = indexedDB.open('mandat-outbox');
        const db = await new Promise<IDBDatabase>((resolve) => {
          open.onsuccess = () => resolve(open.result);
        });
        const read = <T>(store: string) =>
          new Promise<T[]>((resolve) => {
            const all = db.transaction(store).objectStore(store).getAll();
            all.onsuccess = () => resolve(all.result as T[]);
          });
        const records = await read<{ sealed: { data: ArrayBuffer }; kind: string }>('records');
        const keys = await read<{ key: CryptoKey }>('keys');
        return {
          kinds: records.map((r) => r.kind),
          plain: records.map((r) => new TextDecoder().decode(r.sealed.data)).join(' '),
          extractable: keys.map((k) => k.key.extractable),
        };
      });
      expect(sealed.kinds).toEqual(['incident', 'incident', 'incident']);
      expect(sealed.plain).not.toContain('Ménaka');
      expect(sealed.extractable).toEqual([false]);

      // Reloaded with the API still unreachable: the records wait.
      await page.reload();
      await expect.poll(status).toContain('3 en attente d’envoi');
      // The browser closed and started again on the same profile: still there.
      await context.close();
      await launch();
      await cut();
      await page.goto(`${server.url}/`);
      await expect.poll(status).toContain('3 en attente d’envoi');
      expect(await incidentsOnServer(server.ctx)).toEqual([]);

      // The API returns, but the answer to each record's first send is lost: the outbox sends it again.
      const online = Date.now();
      const answered = new Set<string>();
      let sends = 0;
      await restore(async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        sends++;
        const key = (await route.request().headerValue('idempotency-key')) ?? '';
        const response = await route.fetch();
        if (answered.has(key)) return route.fulfill({ response });
        answered.add(key);
        return route.abort('connectionreset');
      });
      await page.reload();
      await expect.poll(stored, { timeout: 30_000 }).toBe(0);
      await expect.poll(status).toBe('En ligne');
      expect(sends).toBe(6);
      expect(await incidentsOnServer(server.ctx)).toEqual([
        { title: 'Hors ligne deux à Ménaka', author: OFFICER.name },
        { title: 'Hors ligne trois à Ménaka', author: OFFICER.name },
        { title: 'Hors ligne un à Ménaka', author: OFFICER.name },
      ]);
      // Each keeps the time it was entered offline, before the link returned, not the time it arrived.
      const times = await timesOnServer(server.ctx);
      for (const [title, { from, to }] of entered) {
        const { enteredAt, createdAt } = times.get(title) ?? { enteredAt: null, createdAt: '' };
        const at = Date.parse(enteredAt ?? '');
        expect(at, title).toBeGreaterThanOrEqual(from - 1_000);
        expect(at, title).toBeLessThanOrEqual(to);
        expect(at, title).toBeLessThan(online);
        expect(Date.parse(createdAt), title).toBeGreaterThanOrEqual(online);
      }
      await restore();
      expect(errors).toEqual([]);
    }, 120_000);

    test('the server restarted during the synchronisation: nothing lost, nothing doubled', async () => {
      const before = (await incidentsOnServer(server.ctx)).length;
      await openForm();
      await cut();
      for (const n of [1, 2, 3, 4, 5]) await enterKept(`Redémarrage ${n}`);
      await expect.poll(status).toContain('5 en attente d’envoi');
      // The first send reaches the server, which stops before answering and starts again a moment
      // later; the sends under way meanwhile fail. The outbox's back-off sends them all again.
      let stopped = false;
      await restore(async (route) => {
        if (route.request().method() !== 'POST' || stopped) return route.continue();
        stopped = true;
        await route.fetch();
        void server.stop().then(() => setTimeout(() => void server.start(), 1_000));
        await route.abort('connectionreset');
      });
      await expect.poll(stored, { timeout: 90_000 }).toBe(0);
      expect(stopped).toBe(true);
      const titles = (await incidentsOnServer(server.ctx)).map((i) => i.title).filter((t) => t.startsWith('Redémarrage'));
      expect(titles).toEqual(['Redémarrage 1', 'Redémarrage 2', 'Redémarrage 3', 'Redémarrage 4', 'Redémarrage 5']);
      expect((await incidentsOnServer(server.ctx)).length).toBe(before + 5);
      await restore();
    }, 120_000);

    test('a record the server refuses stays with its message, is fixed in its form and sent', async () => {
      await openForm();
      await cut();
      const from = Date.now();
      await enterKept('Hors du Mali', { latitude: '14.69', longitude: '-17.44' });
      const to = Date.now();
      await restore();
      await page.goto(`${server.url}/outbox`);
      await heading(page, 'Boîte d’envoi');
      const item = page.locator('.outbox-item').filter({ hasText: 'Hors du Mali' });
      await item.getByText('Refusé par le serveur').waitFor({ timeout: 30_000 });
      expect(await visibleText(item.locator('.outbox-problem'))).toContain('Ces coordonnées sont hors du Mali');
      await screenshot(page, 'outbox-02-refused');
      expect(await accessibilityViolations(page)).toEqual([]);
      await item.getByRole('button', { name: 'Corriger dans le formulaire' }).click();
      await heading(page, 'Nouvel incident');
      expect(await page.getByLabel('Titre').inputValue()).toBe('Hors du Mali');
      await page.getByLabel('Latitude').fill('');
      await page.getByLabel('Longitude').fill('');
      await page.getByLabel('Titre').fill('Corrigé à Ménaka');
      await page.getByLabel('Localité (répertoire)').selectOption({ label: 'Ménaka' });
      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await heading(page, /Corrigé à Ménaka/);
      expect(await stored()).toBe(0);
      const titles = (await incidentsOnServer(server.ctx)).map((i) => i.title);
      expect(titles.filter((t) => t === 'Corrigé à Ménaka' || t === 'Hors du Mali')).toEqual(['Corrigé à Ménaka']);
      // Fixed and sent from its form, it keeps the time it was first entered.
      const enteredAt = Date.parse((await timesOnServer(server.ctx)).get('Corrigé à Ménaka')?.enteredAt ?? '');
      expect(enteredAt).toBeGreaterThanOrEqual(from - 1_000);
      expect(enteredAt).toBeLessThanOrEqual(to);
    }, 120_000);

    test('a session that expired keeps the outbox; the same account signs in again and it is sent', async () => {
      await openForm();
      await cut();
      await enterKept('Après la session');
      await page.getByRole('link', { name: /1 en attente d’envoi/ }).click();
      await heading(page, 'Boîte d’envoi');
      // The session ends while the link is down; the API returns and the outbox sends: a 401.
      await context.clearCookies();
      await restore();
      await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
      await heading(page, 'Connexion');
      expect(await stored()).toBe(1);
      // Another account signing in on this device neither sees nor sends them.
      await signIn(OTHER);
      await expect.poll(status).toBe('En ligne');
      await page.goto(`${server.url}/outbox`);
      await page.getByText('Rien n’attend d’être envoyé.').waitFor();
      expect(await stored()).toBe(1);
      expect((await incidentsOnServer(server.ctx)).some((i) => i.title === 'Après la session')).toBe(false);
      await page.getByRole('button', { name: OTHER.name }).click();
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await heading(page, 'Connexion');
      await signIn(OFFICER);
      await expect.poll(stored, { timeout: 30_000 }).toBe(0);
      expect(await incidentsOnServer(server.ctx)).toContainEqual({ title: 'Après la session', author: OFFICER.name });
    }, 120_000);

    test('signing out with unsent records asks to keep or discard them', async () => {
      await openForm();
      await cut();
      await enterKept('Gardé à la déconnexion');
      await page.getByRole('button', { name: OFFICER.name }).click();
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      const dialog = page.getByRole('alertdialog');
      expect(await visibleText(dialog)).toContain('1 enregistrement attend d’être envoyé');
      await screenshot(page, 'outbox-03-sign-out', false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await restore();
      await dialog.getByRole('button', { name: 'Garder et se déconnecter' }).click();
      await heading(page, 'Connexion');
      expect((await incidentsOnServer(server.ctx)).some((i) => i.title === 'Gardé à la déconnexion')).toBe(false);
      expect(await stored()).toBe(1);
      await signIn(OFFICER);
      await expect.poll(stored, { timeout: 30_000 }).toBe(0);
      expect(await incidentsOnServer(server.ctx)).toContainEqual({ title: 'Gardé à la déconnexion', author: OFFICER.name });

      await openForm();
      await cut();
      await enterKept('Abandonné à la déconnexion');
      await page.getByRole('button', { name: OFFICER.name }).click();
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await restore();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Abandonner et se déconnecter' }).click();
      await heading(page, 'Connexion');
      expect(await stored()).toBe(0);
      await signIn(OFFICER);
      expect((await incidentsOnServer(server.ctx)).some((i) => i.title === 'Abandonné à la déconnexion')).toBe(false);
      expect(SCREENSHOTS).toBeTruthy();
    }, 120_000);

    test('an edit made offline that meets a change saved meanwhile is resolved field by field, as an audited edit', async () => {
      const api = await signedInCaller({ url: server.url } as TestServer, OFFICER.email);
      const created = await api<Incident>(
        'POST',
        '/api/incidents',
        incidentInput({ title: 'Avant le conflit', description: 'Description d’origine' }),
      );
      await page.goto(`${server.url}/incidents/${created.ref}/modifier`);
      await heading(page, `Modifier l’incident ${created.ref}`);
      await cut();
      await page.getByLabel('Titre').fill('Titre du terrain');
      await page.getByLabel('Description').fill('Description du terrain');
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await heading(page, 'Boîte d’envoi');
      // Meanwhile, at headquarters, the title changes.
      await api<Incident>('PUT', `/api/incidents/${created.ref}`, {
        version: created.version,
        incident: incidentInput({ title: 'Titre du QG', description: 'Description d’origine' }),
      });
      await restore();
      const item = page.locator('.outbox-item').filter({ hasText: 'Titre du terrain' });
      await item.getByText('Modifié sur le serveur entre-temps').waitFor({ timeout: 30_000 });
      await screenshot(page, 'outbox-04-conflict');
      await item.getByRole('button', { name: 'Comparer et choisir' }).click();
      await heading(page, `Modifier l’incident ${created.ref}`);
      expect(await page.getByLabel('Titre').inputValue()).toBe('Titre du terrain');
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      const title = page.locator('.conflict-resolver').getByRole('group', { name: 'Titre', exact: true });
      await title.waitFor();
      expect(await visibleText(title)).toContain('Votre version Titre du terrain');
      expect(await visibleText(title)).toContain('Version enregistrée Titre du QG');
      // Only the field edited offline changed the description: it is not asked about.
      expect(await page.locator('.conflict-resolver').getByRole('group', { name: 'Description', exact: true }).count()).toBe(0);
      await screenshot(page, 'outbox-05-resolver', false);
      await title.getByRole('radio', { name: 'Prendre la version enregistrée' }).check();
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await heading(page, 'Titre du QG');
      const saved = await api<Incident>('GET', `/api/incidents/${created.ref}`);
      expect(saved.version).toBe(created.version + 2);
      expect(saved.title).toBe('Titre du QG');
      expect(saved.description).toBe('Description du terrain');
      expect(await stored()).toBe(0);
      const row = await server.ctx.database.db
        .selectFrom('incidents')
        .select('id')
        .where('ref', '=', created.ref)
        .executeTakeFirstOrThrow();
      const audited = await server.ctx.database.db.selectFrom('audit_log').select('action').where('record_id', '=', row.id).execute();
      expect(audited.filter((entry) => entry.action === 'incident.update')).toHaveLength(2);
    }, 120_000);

    test('a strength snapshot entered offline is kept, then recorded once when the link returns', async () => {
      const snapshots = async () =>
        (await server.ctx.database.db.selectFrom('strength_snapshots').select('id').where('as_of', '=', '2020-10-31').execute()).length;
      await page.goto(`${server.url}/effectifs`);
      await heading(page, 'Effectifs');
      const entry = page
        .locator('section.card')
        .filter({ has: page.getByRole('heading', { level: 2, name: 'Saisir un effectif', exact: true }) });
      await entry.getByLabel('Effectif déployé').waitFor();
      await cut();
      await entry.getByLabel('Date du relevé').fill('2020-10-31');
      await entry.getByLabel('Effectif autorisé').fill('13 289');
      await entry.getByLabel('Effectif déployé').fill('12 500');
      await entry.getByRole('button', { name: 'Enregistrer l’effectif' }).click();
      await entry.getByRole('status').filter({ hasText: 'est gardé sur cet appareil (chiffré)' }).waitFor();
      expect(await stored()).toBe(1);
      expect(await snapshots()).toBe(0);
      await restore();
      await expect.poll(stored, { timeout: 30_000 }).toBe(0);
      expect(await snapshots()).toBe(1);
    }, 120_000);

    // Last: the browser's clock stays three hours behind for what follows.
    test('an incident entered offline hours before it reaches the server says so on its page', async () => {
      const behind = 3 * 3600_000;
      await page.clock.install({ time: Date.now() - behind });
      await page.clock.resume();
      await openForm();
      await cut();
      const from = Date.now() - behind;
      await enterKept('Saisi trois heures plus tôt');
      const to = Date.now() - behind;
      await restore();
      await expect.poll(stored, { timeout: 30_000 }).toBe(0);
      const made = (await timesOnServer(server.ctx)).get('Saisi trois heures plus tôt');
      const enteredAt = new Date(made?.enteredAt ?? '');
      expect(enteredAt.getTime()).toBeGreaterThanOrEqual(from - 1_000);
      expect(enteredAt.getTime()).toBeLessThanOrEqual(to + 1_000);
      await page.goto(`${server.url}/incidents/${made?.ref}`);
      await heading(page, /Saisi trois heures plus tôt/);
      const stamp = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
      const record = page
        .locator('section.card')
        .filter({ has: page.getByRole('heading', { level: 2, name: 'Enregistrement', exact: true }) });
      expect(await visibleText(record)).toContain(
        `Saisi hors ligne le ${stamp.format(enteredAt)}, reçu le ${stamp.format(new Date(made?.createdAt ?? ''))}`,
      );
      await record.scrollIntoViewIfNeeded();
      await screenshot(page, 'outbox-06-entered-offline', false);
      // Sent within the minute, the three incidents above say nothing of it.
      await page.goto(`${server.url}/incidents/${(await timesOnServer(server.ctx)).get('Hors ligne un à Ménaka')?.ref}`);
      await heading(page, /Hors ligne un à Ménaka/);
      expect(await page.getByText('Saisi hors ligne le').count()).toBe(0);
    }, 120_000);
  });
}
