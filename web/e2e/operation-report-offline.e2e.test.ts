import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../../src/contracts/incidents.js';
import type { Operation } from '../../src/contracts/operations.js';
import { seedFactbook } from '../../src/modules/organisation/sections.service.js';
import { projectRoot } from '../../src/platform/paths.js';
import { buildApp } from '../../src/server/app.js';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import { createTestContext, DIALECTS, type TestContext } from '../../tests/helpers/db.js';
import { incidentInput } from '../../tests/helpers/incidents.js';
import { operationInput } from '../../tests/helpers/operations.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  accessibilityViolations,
  collectBrowserErrors,
  heading,
  launchChromium,
  screenshot,
  signedInCaller,
  visibleText,
} from './support.js';

/**
 * The report of a patrol written in the field: an officer of the Force, a unit taking part, opens
 * an operation under way while the network answers; the link to the API drops (every /api request
 * aborted, as the outbox test does); the report, linking an incident met on the way, is kept in the
 * outbox, sealed, and the operation page shows it waiting in place of the form. The link returns,
 * the first answer is lost, the outbox sends it again: the operation is completed with that report
 * exactly once (one step, one audit entry). A report refused because the JOC cancelled the operation
 * meanwhile stays in the outbox with the server's message. Without a service worker; on each database.
 */

const JOC = { name: 'Oumar Touré', email: 'oumar.toure.report@minusma.test' };
const OFFICER = { name: 'Awa Coulibaly', email: 'awa.coulibaly.report@minusma.test' };
const OUTCOME = 'Axe reconnu jusqu’à Ménaka ; un engin explosif improvisé signalé près d’Ansongo.';

interface Server extends Pick<TestServer, 'url' | 'ctx'> {
  close(): Promise<void>;
}

async function startServer(dialect: (typeof DIALECTS)[number]): Promise<Server> {
  const ctx: TestContext = await createTestContext(dialect, { webRoot: join(projectRoot(), 'dist', 'web') });
  await seedFactbook(ctx, { id: null, label: 'system' });
  const app: FastifyInstance = await buildApp(ctx, { logger: false, validateResponses: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    ctx,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`a patrol report written offline on ${dialect}`, () => {
    let server: Server;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let context: BrowserContext;
    let page: Page;
    let incident: Incident;
    const errors: string[] = [];

    /** An operation planned by the JOC with the Force and UNPOL, ordered, and started by the Force. */
    async function underWay(titleFr: string): Promise<Operation> {
      const joc = await signedInCaller(server as TestServer, JOC.email);
      const force = await signedInCaller(server as TestServer, OFFICER.email);
      let o = await joc<Operation>('POST', '/api/operations', operationInput({ titleFr }));
      o = await joc<Operation>('POST', `/api/operations/${o.id}/transitions`, { action: 'order', version: o.version });
      return force<Operation>('POST', `/api/operations/${o.id}/transitions`, {
        action: 'start',
        version: o.version,
        at: '2020-07-20T05:30:00Z',
      });
    }

    /** Cuts the link to the API: every /api request fails as if the network were down. */
    const cut = () => context.route('**/api/**', (route) => route.abort('internetdisconnected'));
    const restore = () => context.unrouteAll({ behavior: 'ignoreErrors' });

    /** How many records the device's outbox holds, read from IndexedDB itself. */
    const stored = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open('mandat-outbox');
            open.onsuccess = () => {
              const count = open.result.transaction('records').objectStore('records').count();
              count.onsuccess = () => resolve(count.result);
            };
          }),
      );

    const completions = async (id: string) => ({
      steps: (
        await server.ctx.database.db
          .selectFrom('operation_steps')
          .select('id')
          .where('operation_id', '=', id)
          .where('to_status', '=', 'completed')
          .execute()
      ).length,
      audit: (
        await server.ctx.database.db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'operation.complete')
          .where('record_id', '=', id)
          .execute()
      ).length,
    });

    async function writeReport(outcome: string, incidents: string): Promise<void> {
      const report = page.locator('form.operation-report-form');
      await report.waitFor();
      await report.getByLabel('Fin réelle (jour)').fill('2020-07-21');
      await report.getByLabel('Fin réelle (heure UTC)').fill('17:10');
      await report.getByLabel('Hommes').fill('25');
      await report.getByLabel('Résultat').fill(outcome);
      await report.getByLabel('Observations').fill('Population rencontrée à Ansongo.');
      await report.getByLabel('Incidents rencontrés ou provoqués').fill(incidents);
      await report.getByRole('button', { name: 'Terminer l’opération' }).click();
    }

    beforeAll(async () => {
      server = await startServer(dialect);
      await buildUser(server.ctx, { ...JOC, memberships: [{ unit: 'OSRSG', role: 'officer' }] });
      await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
      const force = await signedInCaller(server as TestServer, OFFICER.email);
      incident = await force<Incident>(
        'POST',
        '/api/incidents',
        incidentInput({ title: 'Engin explosif improvisé sur l’axe Ansongo – Ménaka', location: { place: 'Ansongo', precision: 'near' } }),
      );
      incident = await force<Incident>('POST', `/api/incidents/${incident.ref}/transitions`, {
        action: 'submit',
        version: incident.version,
      });
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', serviceWorkers: 'block' });
      page = await context.newPage();
      collectBrowserErrors(page, errors);
      await page.goto(`${server.url}/login`);
      await heading(page, 'Connexion');
      await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await heading(page, 'Mon travail');
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await server?.close();
    });

    test('written with the link down, it waits in the outbox; the link returns and the operation is completed with it, once', async () => {
      const o = await underWay('Patrouille motorisée Gao – Ménaka');
      await page.goto(`${server.url}/operations/${o.id}`);
      await heading(page, 'Patrouille motorisée Gao – Ménaka');
      await page.locator('form.operation-report-form').waitFor();

      // The link drops while the page is open: the report is kept on the device, sealed.
      await cut();
      await writeReport(OUTCOME, `${incident.ref} rencontré`);
      const queued = page.locator('.operation-queued-report');
      await queued.waitFor();
      expect(await visibleText(queued)).toContain('Compte rendu en attente d’envoi');
      expect(await visibleText(queued)).toContain('le compte rendu est gardé sur cet appareil (chiffré)');
      expect(await visibleText(queued)).toContain(OUTCOME);
      expect(await visibleText(queued)).toContain('1 incident lié');
      expect(await page.locator('form.operation-report-form').count()).toBe(0);
      await expect.poll(() => visibleText(page.locator('.outbox-status'))).toContain('1 en attente d’envoi');
      await screenshot(page, 'operation-report-offline-01-waiting');
      expect(await accessibilityViolations(page)).toEqual([]);
      const sealed = await page.evaluate(async () => {
        const open = indexedDB.open('mandat-outbox');
        const db = await new Promise<IDBDatabase>((resolve) => {
          open.onsuccess = () => resolve(open.result);
        });
        const records = await new Promise<{ kind: string; sealed: { data: ArrayBuffer } }[]>((resolve) => {
          const all = db.transaction('records').objectStore('records').getAll();
          all.onsuccess = () => resolve(all.result);
        });
        return { kinds: records.map((r) => r.kind), plain: records.map((r) => new TextDecoder().decode(r.sealed.data)).join(' ') };
      });
      expect(sealed.kinds).toEqual(['operation.report']);
      expect(sealed.plain).not.toContain('Ansongo');
      expect(await completions(o.id)).toEqual({ steps: 0, audit: 0 });

      // The link returns, but the answer to the first send is lost: the outbox sends it again with its key.
      await restore();
      let sends = 0;
      await context.route('**/api/operations/*/transitions', async (route) => {
        sends++;
        const response = await route.fetch();
        if (sends === 1) return route.abort('connectionreset');
        return route.fulfill({ response });
      });
      await expect.poll(stored, { timeout: 60_000 }).toBe(0);
      expect(sends).toBe(2);
      // The page reads the operation again: completed, with the report and the incident met.
      await expect.poll(() => visibleText(page.locator('.facts').first()), { timeout: 20_000 }).toContain('Terminée');
      expect(await visibleText(page.locator('main'))).toContain(OUTCOME);
      expect(await visibleText(page.locator('.operation-incidents'))).toContain(incident.ref);
      await expect.poll(() => visibleText(page.locator('.outbox-status'))).toBe('En ligne');
      await screenshot(page, 'operation-report-offline-02-completed');
      expect(await completions(o.id)).toEqual({ steps: 1, audit: 1 });
      const row = await server.ctx.database.db
        .selectFrom('operations')
        .select(['status', 'outcome', 'men', 'actual_end'])
        .where('id', '=', o.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'completed', outcome: OUTCOME, men: 25, actual_end: '2020-07-21T17:10:00Z' });
      const links = await server.ctx.database.db
        .selectFrom('operation_incidents')
        .innerJoin('incidents', 'incidents.id', 'operation_incidents.incident_id')
        .select(['incidents.ref', 'operation_incidents.relation'])
        .where('operation_incidents.operation_id', '=', o.id)
        .execute();
      expect(links).toEqual([{ ref: incident.ref, relation: 'met' }]);
      await context.unrouteAll({ behavior: 'ignoreErrors' });
      expect(errors).toEqual([]);
    }, 120_000);

    test('refused for an incident the server does not know: fixed in the report form it reopens, then sent', async () => {
      const o = await underWay('Patrouille à pied Ménaka');
      await page.goto(`${server.url}/operations/${o.id}`);
      await heading(page, 'Patrouille à pied Ménaka');
      await cut();
      await writeReport('Patrouille à pied sans incident notable.', 'MLI-2020-999999 rencontré');
      await page.locator('.operation-queued-report').waitFor();
      await restore();
      const queued = page.locator('.operation-queued-report');
      await queued.getByText('Le serveur a refusé ce compte rendu').waitFor({ timeout: 40_000 });
      await queued.getByRole('link', { name: 'Corriger le compte rendu' }).click();
      const form = page.locator('form.operation-report-form');
      await form.waitFor();
      expect(await visibleText(form)).toContain('Vous corrigez le compte rendu gardé dans la boîte d’envoi');
      expect(await visibleText(form)).toContain('Aucun incident lisible ne porte cette référence.');
      expect(await form.getByLabel('Résultat').inputValue()).toBe('Patrouille à pied sans incident notable.');
      await screenshot(page, 'operation-report-offline-03-reopened');
      await form.getByLabel('Incidents rencontrés ou provoqués').fill(`${incident.ref} produced`);
      await form.getByRole('button', { name: 'Terminer l’opération' }).click();
      await expect.poll(() => visibleText(page.locator('.facts').first())).toContain('Terminée');
      // Sent: the record leaves the outbox and the page drops `?outbox=`.
      await expect.poll(() => new URL(page.url()).search).toBe('');
      expect(await stored()).toBe(0);
      expect(await completions(o.id)).toEqual({ steps: 1, audit: 1 });
      expect(errors).toEqual([]);
    }, 120_000);

    test('cancelled by the JOC while the report waited: refused with the server’s message, kept in the outbox', async () => {
      const o = await underWay('Escorte Gao – Ansongo');
      await page.goto(`${server.url}/operations/${o.id}`);
      await heading(page, 'Escorte Gao – Ansongo');
      await cut();
      await writeReport('Escorte interrompue à Ansongo.', '');
      await page.locator('.operation-queued-report').waitFor();
      const joc = await signedInCaller(server as TestServer, JOC.email);
      await joc('POST', `/api/operations/${o.id}/transitions`, { action: 'cancel', version: o.version, comment: 'Axe fermé' });
      await restore();
      await page.goto(`${server.url}/outbox`);
      await heading(page, 'Boîte d’envoi');
      const item = page.locator('.outbox-item').filter({ hasText: 'Escorte Gao – Ansongo' });
      await item.getByText('Refusé par le serveur').waitFor({ timeout: 30_000 });
      expect(await visibleText(item)).toContain('Compte rendu d’opération');
      expect(await visibleText(item.locator('.outbox-problem'))).toContain(
        'Cette étape n’est pas possible dans l’état actuel de l’opération',
      );
      // The operation page says the report stays on the device and cannot complete the operation now.
      await page.goto(`${server.url}/operations/${o.id}`);
      const queued = page.locator('.operation-queued-report');
      await queued.waitFor();
      expect(await visibleText(queued)).toContain('Compte rendu refusé, gardé sur cet appareil');
      expect(await visibleText(queued)).toContain('Le serveur a refusé ce compte rendu');
      expect(await visibleText(queued)).toContain('Aucun incident lié');
      expect(await visibleText(queued)).toContain('abandonnez ce compte rendu dans la boîte d’envoi');
      expect(await page.locator('form.operation-report-form').count()).toBe(0);
      await screenshot(page, 'operation-report-offline-04-refused');
      expect(await completions(o.id)).toEqual({ steps: 0, audit: 0 });
      expect(await stored()).toBe(1);
      expect(errors).toEqual([]);
    }, 120_000);
  });
}
