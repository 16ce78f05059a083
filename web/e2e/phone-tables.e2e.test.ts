import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CSV_COLUMNS, syntheticCsv } from '../../bench/synthetic.js';
import { importIncidentsCsv } from '../../src/modules/incidents/incidents.import.js';
import { actorByEmail } from '../../src/modules/users/users.service.js';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { type BrowserFixture, heading, openApp, screenshot } from './support.js';

/**
 * Lists of records on a phone (390×844): rows become cards, each cell under its column's label,
 * and nothing scrolls sideways; the same lists stay tables on a desktop (1366×900). French and
 * English screenshots.
 */

const MANAGER = { name: 'Boubacar Keïta', email: 'boubacar.keita@minusma.test' };

let app: BrowserFixture;
let server: TestServer;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  ({ server, page } = app);
  await buildUser(server.ctx, { ...MANAGER, admin: true, memberships: [{ unit: 'FORCE', role: 'manager' }] });
  const actor = await actorByEmail(server.ctx, MANAGER.email);
  const csv = `${CSV_COLUMNS.join(',')}\r\n${[...syntheticCsv(12)].join('')}`;
  await importIncidentsCsv(server.ctx, actor, csv, { unit: 'FORCE', classification: 'internal', locale: 'fr' });
}, 60_000);

afterAll(async () => app?.close());

async function pageWidthOverflow(): Promise<number> {
  return page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
}

/** The first card's cell under `label` is shown whole inside the screen. */
async function cellInView(label: string): Promise<void> {
  const cell = page.locator(`.table-cards tbody tr:first-child > [data-label="${label}"]`).first();
  await cell.waitFor();
  const box = await cell.boundingBox();
  expect(box, label).not.toBeNull();
  expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390, `${label} ${JSON.stringify(box)}`).toBe(true);
}

test('on a phone the incident log, users and audit lists are cards, status and deaths in view', { timeout: 120_000 }, async () => {
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(MANAGER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');

  for (const locale of ['fr', 'en'] as const) {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${server.url}/incidents`);
    await page.locator('.incident-table tbody tr').first().waitFor();
    // A desktop keeps the table: its header row shows.
    expect(await page.locator('.incident-table thead').isVisible()).toBe(true);
    await screenshot(page, `cards-incidents-desktop-${locale}`, false);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await pageWidthOverflow()).toBeLessThanOrEqual(0);
    const labels = locale === 'fr' ? ['Statut', 'Tués'] : ['Status', 'Killed'];
    for (const label of labels) await cellInView(label);
    await page.locator('.table-cards tbody tr').first().scrollIntoViewIfNeeded();
    await screenshot(page, `cards-incidents-phone-${locale}`, false);

    for (const path of ['/admin/users', '/admin/audit', '/effectifs']) {
      await page.goto(`${server.url}${path}`);
      await page.locator('table tbody tr').first().waitFor();
      await page.locator('h1').waitFor();
      expect(await pageWidthOverflow(), path).toBeLessThanOrEqual(0);
      await page.locator('table tbody tr').first().scrollIntoViewIfNeeded();
      await screenshot(page, `cards${path.replaceAll('/', '-')}-phone-${locale}`, false);
    }
    if (locale === 'fr') {
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${server.url}/incidents`);
      await page.getByRole('button', { name: 'EN', exact: true }).click();
      await heading(page, 'Incident log');
    }
  }
});

test('dates are typed day/month/year in both languages, whatever the browser, and stored ISO', { timeout: 120_000 }, async () => {
  const context = await app.browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
  const usPage = await context.newPage();
  try {
    await usPage.goto(`${server.url}/login`);
    await heading(usPage, 'Connexion');
    await usPage.getByLabel('Adresse e-mail').fill(MANAGER.email);
    await usPage.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
    await usPage.getByRole('button', { name: 'Se connecter' }).click();
    await usPage.waitForURL((url) => !url.pathname.startsWith('/login'));
    await usPage.goto(`${server.url}/incidents`);
    // The account kept the English chosen in the test before.
    await usPage.getByRole('button', { name: 'FR', exact: true }).click();
    await heading(usPage, 'Journal des incidents');
    const from = usPage.getByLabel('Du', { exact: true });
    expect(await from.getAttribute('placeholder')).toBe('jj/mm/aaaa');
    await from.fill('31/02/2020');
    await from.blur();
    await usPage.getByText('Date invalide : saisissez jour/mois/année').waitFor();
    await from.fill('14/7/2020');
    await from.blur();
    expect(await from.inputValue()).toBe('14/07/2020');
    expect(await usPage.getByText('Date invalide').count()).toBe(0);
    await screenshot(usPage, 'date-field-fr', false);

    await usPage.getByRole('button', { name: 'EN', exact: true }).click();
    await heading(usPage, 'Incident log');
    const fromEn = usPage.getByLabel('From', { exact: true });
    expect(await fromEn.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    expect(await fromEn.inputValue()).toBe('14/07/2020');
    await fromEn.fill('2020-13-01');
    await fromEn.blur();
    await usPage.getByText('Invalid date: enter day/month/year').waitFor();
    await screenshot(usPage, 'date-field-en', false);
  } finally {
    await context.close();
  }
});
