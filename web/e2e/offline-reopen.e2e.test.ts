import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildUser } from '../../tests/helpers/app.js';
import { DIALECTS } from '../../tests/helpers/db.js';
import {
  accessibilityViolations,
  heading,
  launchOutboxBrowser,
  outboxRecordCount,
  type RestartableServer,
  screenshot,
  signInThroughForm,
  startRestartableServer,
  visibleText,
} from './support.js';

/**
 * A record the server refused while it waited in the outbox, reopened in its form from /outbox,
 * fixed and sent: a new activity whose participants do not add up, and a strength snapshot with a
 * malformed country code (the server's own rules refuse them, nothing is mocked). The form shows
 * the record as typed, the server's message and each error beside its field; saved again while
 * the link is down, it replaces itself in the outbox; sent, it is made once. On each database.
 */

const OFFICER = { name: 'Aïssata Coulibaly', email: 'aissata.coulibaly@minusma.test' };

for (const dialect of DIALECTS) {
  describe(`reopening refused records on ${dialect}`, () => {
    let server: RestartableServer;
    let profile: string;
    let context: BrowserContext;
    let page: Page;
    const errors: string[] = [];

    /** Cuts the link to the API: every /api request fails as if the network were down. */
    const cut = () => context.route('**/api/**', (route) => route.abort('internetdisconnected'));
    const restore = () => context.unrouteAll({ behavior: 'ignoreErrors' });
    const stored = () => outboxRecordCount(page);

    /** Opens /outbox (the app starting sends what waits) and waits for the record refused with `summary`. */
    async function refusedItem(summary: string) {
      await page.goto(`${server.url}/outbox`);
      await heading(page, 'Boîte d’envoi');
      const item = page.locator('.outbox-item').filter({ hasText: summary });
      await item.getByText('Refusé par le serveur').waitFor({ timeout: 30_000 });
      return item;
    }

    /** The error shown beside the field labelled `label`. */
    const fieldError = (label: string) => visibleText(page.locator('.field-invalid').filter({ hasText: label }).locator('.field-error'));

    beforeAll(async () => {
      server = await startRestartableServer(dialect);
      await buildUser(server.ctx, {
        ...OFFICER,
        memberships: [
          { unit: 'CAD', role: 'officer' },
          { unit: 'FORCE', role: 'officer' },
        ],
      });
      profile = await mkdtemp(join(tmpdir(), 'mandat-reopen-'));
      ({ context, page } = await launchOutboxBrowser(profile, errors));
      await signInThroughForm(page, server.url, OFFICER.email);
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await server?.stop();
      await server?.ctx.close();
      if (profile) await rm(profile, { recursive: true, force: true });
    });

    test('an activity whose participants do not add up is refused, reopened with the error on its field, fixed and made once', async () => {
      const title = 'Formation refusée à Mopti';
      const made = async () =>
        (await server.ctx.database.db.selectFrom('activities').select('id').where('title', '=', title).execute()).length;
      await page.goto(`${server.url}/activites/nouvelle`);
      await heading(page, 'Enregistrer une activité');
      await page.getByLabel('Intitulé').waitFor();
      await cut();
      await page.getByLabel('Thème').selectOption('human_rights');
      await page.getByLabel('Intitulé').fill(title);
      await page.getByLabel('Catégorie').selectOption('security_forces');
      await page.getByLabel('Début', { exact: true }).fill('10/03/2020');
      await page.getByLabel(/^Fin/).fill('12/03/2020');
      await page.getByLabel('Lieu', { exact: true }).selectOption('Mopti');
      await page.getByLabel('Femmes', { exact: true }).fill('8');
      await page.getByLabel('Hommes', { exact: true }).fill('17');
      await page.getByLabel('Enfants (moins de 18 ans)').fill('0');
      // 8 + 17 = 25 people, 20 adults: the server refuses it, the browser does not check sums.
      await page.getByLabel('Adultes', { exact: true }).fill('20');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await heading(page, 'Boîte d’envoi');
      expect(await stored()).toBe(1);
      await restore();

      const item = await refusedItem(title);
      const ageSum = 'Enfants (moins de 18 ans) et adultes doivent faire le même total que femmes et hommes.';
      expect(await visibleText(item.locator('.outbox-problem'))).toContain(ageSum);
      await item.getByRole('button', { name: 'Corriger dans le formulaire' }).click();
      await heading(page, 'Enregistrer une activité');
      expect(new URL(page.url()).searchParams.get('outbox')).toBeTruthy();
      // The record as typed, the refusal above the form and beside its field; one activity, not a series.
      expect(await page.getByLabel('Intitulé').inputValue()).toBe(title);
      expect(await page.getByLabel('Thème').inputValue()).toBe('human_rights');
      expect(await page.getByLabel('Début', { exact: true }).inputValue()).toBe('10/03/2020');
      expect(await page.getByLabel(/^Fin/).inputValue()).toBe('12/03/2020');
      expect(await page.getByLabel('Lieu', { exact: true }).inputValue()).toBe('Mopti');
      expect(await page.getByLabel('Adultes', { exact: true }).inputValue()).toBe('20');
      expect(await visibleText(page.locator('.activity-form'))).toContain('Vous corrigez un enregistrement de la boîte d’envoi');
      expect(await visibleText(page.getByRole('alert'))).toContain(ageSum);
      expect(await fieldError('Adultes')).toBe(ageSum);
      expect(await page.getByText('Une série : la même activité à plusieurs dates ou lieux').count()).toBe(0);
      await screenshot(page, `reopen-01-activity-${dialect}`);
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByLabel('Adultes', { exact: true }).fill('25');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await heading(page, title);
      expect(await stored()).toBe(0);
      expect(await made()).toBe(1);
      expect(errors).toEqual([]);
    }, 120_000);

    test('a strength snapshot with a malformed country is refused, reopened, saved again offline in place, then recorded once', async () => {
      const made = () =>
        server.ctx.database.db
          .selectFrom('strength_snapshots')
          .select(['country', 'authorised'])
          .where('as_of', '=', '2020-11-30')
          .execute();
      const entryCard = () =>
        page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: 'Saisir un effectif', exact: true }) });
      await page.goto(`${server.url}/effectifs`);
      await heading(page, 'Effectifs');
      let entry = entryCard();
      await entry.getByLabel('Effectif déployé').waitFor();
      await cut();
      await entry.getByLabel('Date du relevé').fill('2020-11-30');
      await entry.getByLabel('Pays').fill('m4l');
      await entry.getByLabel('Effectif autorisé').fill('1 450');
      await entry.getByLabel('Effectif déployé').fill('1 212');
      await entry.getByRole('button', { name: 'Enregistrer l’effectif' }).click();
      await entry.getByRole('status').filter({ hasText: 'est gardé sur cet appareil (chiffré)' }).waitFor();
      await restore();

      const item = await refusedItem('30 novembre 2020');
      expect(await visibleText(item.locator('.outbox-problem'))).toContain('country');
      await screenshot(page, `reopen-02-outbox-${dialect}`);
      await item.getByRole('button', { name: 'Corriger dans le formulaire' }).click();
      await heading(page, 'Effectifs');
      entry = entryCard();
      await entry.getByText('Vous corrigez un enregistrement de la boîte d’envoi').waitFor();
      expect(await entry.getByLabel('Date du relevé').inputValue()).toBe('30/11/2020');
      expect(await entry.getByLabel('Pays').inputValue()).toBe('M4L');
      expect(await entry.getByLabel('Effectif autorisé').inputValue()).toBe('1450');
      expect(await entry.getByLabel('Effectif déployé').inputValue()).toBe('1212');
      const countryError = await fieldError('Pays');
      expect(countryError.length).toBeGreaterThan(0);
      expect(await visibleText(entry.getByRole('alert'))).toContain(`Pays : ${countryError}`);
      // The form, low on the page, is brought into view.
      expect(await entry.getByLabel('Pays').isVisible()).toBe(true);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      await screenshot(page, `reopen-03-strength-${dialect}`, false);
      expect(await accessibilityViolations(page)).toEqual([]);

      // Fixed while the link is down again: the same record waits, fixed; nothing is queued twice.
      await cut();
      await entry.getByLabel('Pays').fill('SEN');
      await entry.getByRole('button', { name: 'Enregistrer l’effectif' }).click();
      await heading(page, 'Boîte d’envoi');
      expect(await stored()).toBe(1);
      const waiting = page.locator('.outbox-item').filter({ hasText: '30 novembre 2020' });
      expect(await waiting.count()).toBe(1);
      expect(await waiting.locator('.outbox-problem').count()).toBe(0);
      expect(await made()).toEqual([]);

      // The link returns: the browser says so, and what waits is sent at once.
      await restore();
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await expect.poll(stored, { timeout: 30_000 }).toBe(0);
      expect(await made()).toEqual([{ country: 'SEN', authorised: 1450 }]);
      expect(errors).toEqual([]);
    }, 120_000);
  });
}
