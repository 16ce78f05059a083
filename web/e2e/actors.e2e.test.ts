import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, openApp, screenshot, visibleText } from './support.js';

/**
 * The actor registry page and the import's mapping step in a real browser: a manager of the
 * Force (a keeper of the registry) reads the registry, adds another name to an actor, then
 * imports a file in ACLED's full layout, mapping the actors the registry does not know; in
 * French and English, at 1366×900 and on a 390×844 phone.
 */

const KEEPER = { name: 'Aminata Traoré', email: 'aminata.traore@minusma.test' };
const ACLED_FILE = readFileSync(join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'acled-mali-2024.csv'));
const CSP = 'CSP-DPA: Permanent Strategic Framework for Peace, Security and Development';

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await page.setViewportSize({ width: 1366, height: 900 });
}, 60_000);

afterAll(async () => app?.close());

test('a keeper reads the registry and adds another name, in French and English, on a desktop and a phone', async () => {
  await buildUser(server.ctx, { ...KEEPER, memberships: [{ unit: 'FORCE', role: 'manager' }] });
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(KEEPER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');

  await page.goto(`${server.url}/incidents/acteurs`);
  await heading(page, 'Répertoire des acteurs');
  const table = page.getByRole('table', { name: /acteurs$/ });
  const wagner = table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: /^Groupe Wagner/ }) });
  await wagner.waitFor();
  const wagnerText = await visibleText(wagner);
  for (const expected of ['8 · Forces étrangères / autres', 'PMC Wagner ; Wagner', 'actif', 'AP, 6 June 2025'])
    expect(wagnerText).toContain(expected);

  const aliasForm = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Ajouter un autre nom' }) });
  await aliasForm.getByLabel('Acteur', { exact: true }).selectOption('cma');
  await aliasForm.getByLabel('Autre nom').fill('CSP-PSD');
  await aliasForm.getByRole('button', { name: 'Ajouter le nom' }).click();
  await aliasForm.getByRole('status').filter({ hasText: '« CSP-PSD » désigne désormais' }).waitFor();
  await table.locator('tbody tr').filter({ hasText: 'CSP-PSD' }).waitFor();
  await screenshot(page, '60-actors-fr');
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, '61-actors-phone-fr', false);
  await screenshot(page, '61-actors-phone-fr-full');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The language switch sits in the desktop header.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Actor registry');
  await page.getByRole('rowheader', { name: /^Wagner Group/ }).waitFor();
  await screenshot(page, '63-actors-en');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, '62-actors-phone-en', false);
  await page.setViewportSize({ width: 1366, height: 900 });
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Répertoire des acteurs');
  expect(browserErrors).toEqual([]);
}, 120_000);

test('an ACLED file: the mapping step, then the import, in French and English, on a desktop and a phone', async () => {
  await page.goto(`${server.url}/incidents`);
  await heading(page, 'Journal des incidents');
  await page.getByRole('button', { name: 'Importer un fichier CSV' }).click();
  await page
    .getByLabel('Fichier CSV', { exact: true })
    .setInputFiles({ name: 'acled-mali-2024.csv', mimeType: 'text/csv', buffer: ACLED_FILE });
  await page.getByRole('button', { name: 'Lire le fichier', exact: true }).click();
  const mapping = page.locator('.import-mapping');
  await mapping.getByRole('heading', { name: 'Correspondances' }).waitFor();
  expect(await visibleText(mapping)).toContain('8 lignes lues. Rien n’est encore enregistré.');
  // Recognised: by name, and by the aliases shipped with the registry (ACLED's spelling).
  expect(await visibleText(mapping.locator('tr').filter({ hasText: 'Military Forces of Mali (2021-)' }))).toContain('alias retenu');
  await mapping.getByLabel(`Acteur du répertoire pour « ${CSP} »`).selectOption('cma');
  await mapping.getByLabel('Acteur du répertoire pour « Fulani Ethnic Group (Mali) »').selectOption('civilians');
  await mapping.getByLabel('Acteur du répertoire pour « Dozo Communal Militia (Mali) »').selectOption('__create__');
  await mapping.getByLabel('Nom en français').fill('Milice dozo');
  await mapping.getByLabel('Nom en anglais').fill('Dozo militia');
  await mapping.getByLabel('Type ACLED').selectOption('4');
  await screenshot(page, '64-import-mapping-fr');
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  await mapping.scrollIntoViewIfNeeded();
  await screenshot(page, '65-import-mapping-phone-fr', false);
  await screenshot(page, '65-import-mapping-phone-fr-full');

  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await mapping.getByRole('heading', { name: 'Mapping' }).waitFor();
  await screenshot(page, '67-import-mapping-en');
  await page.setViewportSize({ width: 390, height: 844 });
  await mapping.scrollIntoViewIfNeeded();
  await screenshot(page, '66-import-mapping-phone-en', false);
  await page.setViewportSize({ width: 1366, height: 900 });
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Import 8 rows', exact: true }).click();
  await page
    .locator('.import-report')
    .getByRole('status')
    .filter({ hasText: 'Import finished: 8 incidents imported as candidates.' })
    .waitFor();
  await screenshot(page, '68-import-done-en');
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Journal des incidents');

  // The next import of the same file maps every name by itself.
  await page
    .getByLabel('Fichier CSV', { exact: true })
    .setInputFiles({ name: 'acled-mali-2024.csv', mimeType: 'text/csv', buffer: ACLED_FILE });
  await page.getByRole('button', { name: 'Lire le fichier', exact: true }).click();
  await mapping.getByText('Tous les acteurs et types d’événements du fichier sont reconnus.').waitFor();
  expect(browserErrors).toEqual([]);
}, 120_000);
