import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  accessibilityViolations,
  type BrowserFixture,
  heading,
  navigate,
  openApp,
  SCREENSHOTS,
  screenshot,
  visibleText,
} from './support.js';

/**
 * The personnel strength page in a real browser, against the real server with the MINUSMA 2020
 * fact book: a visitor reads the public figures, the chart and the contributing countries; an
 * officer of the Force records a figure, then imports a CSV file with one bad line, all or
 * nothing and then the valid lines only, in French and in English, on a desktop and on a phone.
 * Needs dist/web (the test command builds it first) and Chromium at /usr/bin/chromium.
 */

const OFFICER = { name: 'Oumar Maïga', email: 'oumar.maiga@minusma.test' };

// November's report: totals and women for the Force, and a line whose category is unknown (refused).
const CSV = [
  'date;categorie;pays;sexe;lieu;autorises;deployes',
  '2020-11-30;military;;all;;13 289;12 550',
  '2020-11-30;military;;female;;;480',
  '2020-11-30;armée;;all;Gao;;900',
].join('\r\n');

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
}, 60_000);

afterAll(async () => app?.close());

/** A card of the page, by its heading. */
function card(title: string): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
}

/** A row of a table, by the exact texts of some of its cells. */
function row(table: Locator, ...cells: string[]): Locator {
  return cells.reduce((rows, name) => rows.filter({ has: page.getByRole('cell', { name, exact: true }) }), table.locator('tbody tr'));
}

/** The summary's row of one category, by its name. */
function categoryRow(table: Locator, category: string): Locator {
  return table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: category, exact: true }) });
}

/** The chart whose text alternative says `alt` has been drawn: the image is there, not blocked, not broken. */
async function chartLoaded(alt = ''): Promise<void> {
  await page.waitForFunction((part) => {
    const image = document.querySelector<HTMLImageElement>('img.strength-chart');
    return image?.alt.replace(/\s+/g, ' ').includes(part) && image.complete && image.naturalWidth > 0;
  }, alt);
}

/** The next chart the page fetches from the server, for `category` in `lang`. */
function chartRequest(category: string, lang: string) {
  return page.waitForResponse((response) => response.url().endsWith(`/api/strength/chart.svg?category=${category}&lang=${lang}`));
}

test('a visitor reads the public strength figures, their history and the contributing countries', async () => {
  // 1. From the navigation, without an account.
  await page.goto(`${server.url}/fiche`);
  await heading(page, 'Fiche d’information');
  const militaryChart = chartRequest('military', 'fr');
  await navigate(page, 'Information', 'Effectifs');
  await heading(page, 'Effectifs');
  expect(new URL(page.url()).pathname).toBe('/effectifs');

  // 2. The summary: the Force's strength in French figures, the share computed by the server.
  const summary = card('Dernier état par catégorie').getByRole('table');
  const troops = categoryRow(summary, 'Militaires');
  await troops.waitFor();
  const troopsText = await visibleText(troops);
  for (const expected of ['31 juillet 2020', '13 289', '12 362', '93,02 %', '459', '3,71 %']) expect(troopsText).toContain(expected);
  expect(await visibleText(categoryRow(summary, 'Police'))).toContain('1 920');
  expect(await visibleText(summary)).toContain('Volontaires');

  // 3. The chart, as an image with its figures in words; another category on request.
  const svg = await militaryChart;
  expect(svg.headers()['content-type']).toContain('image/svg+xml');
  await chartLoaded('Militaires, par date : 31 juillet 2020, 13 289 autorisés, 12 362 déployés');
  expect(await page.locator('img.strength-chart').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  const policeChart = chartRequest('police', 'fr');
  await page.getByLabel('Catégorie représentée').selectOption('police');
  await policeChart;
  await chartLoaded('Police, par date : 31 juillet 2020, 1 920 autorisés, 1 691 déployés');
  await page.getByLabel('Catégorie représentée').selectOption('civilians');
  await card('Évolution').getByText('Aucun effectif total n’est disponible pour cette catégorie.').waitFor();
  await page.getByLabel('Catégorie représentée').selectOption('military');
  await chartLoaded('Militaires');

  // 4. The 27 police-contributing countries, by name.
  const countries = card('Pays contributeurs');
  expect(await visibleText(countries.getByRole('heading', { level: 3 }))).toBe('Police : 27 pays au 31 juillet 2020');
  expect(await countries.getByRole('listitem').count()).toBe(27);
  expect(await visibleText(countries)).toContain('Sénégal');

  // 5. The public records only, and no form: recording needs an account of the reporting unit.
  const records = card('Tous les relevés').getByRole('table');
  expect(await visibleText(row(records, 'Militaires', 'Femmes'))).toContain('459');
  expect(await visibleText(records)).not.toContain('Interne');
  expect(await page.getByRole('heading', { name: 'Saisir un effectif' }).count()).toBe(0);
  expect(await visibleText(page.getByRole('main'))).toContain('Connectez-vous pour voir aussi les chiffres internes.');
  await screenshot(page, '20-strength-fr');
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(browserErrors).toEqual([]);
}, 120_000);

test('an officer of the Force records a figure, imports a CSV file all or nothing, then its valid lines', async () => {
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }] });

  // 1. Sign in from the page, and come back to it with the forms.
  await page.getByRole('link', { name: 'Se connecter' }).click();
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Effectifs');
  const entry = card('Saisir un effectif');
  await entry.waitFor();
  expect(await visibleText(entry)).toContain('Militaires, Officiers d’état-major, Observateurs militaires');
  expect(await entry.getByLabel('Catégorie', { exact: true }).locator('option').allTextContents()).toEqual([
    'Militaires',
    'Officiers d’état-major',
    'Observateurs militaires',
  ]);

  // 2. A count that is not a number is refused next to its field, before anything is sent.
  await entry.getByLabel('Date du relevé').fill('2020-10-31');
  await entry.getByLabel('Effectif autorisé').fill('13 289');
  await entry.getByLabel('Effectif déployé').fill('douze mille');
  await entry.getByRole('button', { name: 'Enregistrer l’effectif' }).click();
  await entry.getByRole('alert').waitFor();
  expect(await entry.getByLabel('Effectif déployé').getAttribute('aria-invalid')).toBe('true');
  expect(await visibleText(entry.getByRole('alert'))).toContain('Effectif déployé : Saisissez un nombre entier positif');

  // 3. Recorded: the confirmation, the new record in the table, the summary and the chart up to date.
  await entry.getByLabel('Effectif déployé').fill('12 500');
  await entry.getByLabel('Source (facultatif)').fill('Rapport mensuel de la Force, octobre 2020');
  // The chart is drawn again from the server, with the new figure.
  const chartRedrawn = chartRequest('military', 'fr');
  await entry.getByRole('button', { name: 'Enregistrer l’effectif' }).click();
  await chartRedrawn;
  await entry.getByRole('status').filter({ hasText: 'Effectif enregistré : Militaires, 31 octobre 2020.' }).waitFor();
  const records = card('Tous les relevés').getByRole('table');
  const recorded = row(records, '31 octobre 2020', 'Rapport mensuel de la Force, octobre 2020');
  await recorded.waitFor();
  const recordedText = await visibleText(recorded);
  for (const expected of ['Militaires', 'Tous', 'Femmes et hommes', '13 289', '12 500', 'Interne']) {
    expect(recordedText).toContain(expected);
  }
  const summary = card('Dernier état par catégorie').getByRole('table');
  await categoryRow(summary, 'Militaires').filter({ hasText: '31 octobre 2020' }).waitFor();
  expect(await visibleText(categoryRow(summary, 'Militaires'))).toContain('94,06 %');
  await chartLoaded('31 octobre 2020, 13 289 autorisés, 12 500 déployés');
  expect(await entry.getByLabel('Effectif déployé').inputValue()).toBe('');

  // 4. The same figure again is refused by the server, with its explanation.
  await entry.getByLabel('Effectif déployé').fill('12 501');
  await entry.getByRole('button', { name: 'Enregistrer l’effectif' }).click();
  await entry.getByRole('alert').filter({ hasText: 'Un effectif existe déjà pour cette date' }).waitFor();

  // 5. The import explains the file expected, and offers a template made in the browser.
  const importCard = card('Importer un fichier CSV');
  expect(await visibleText(importCard)).toContain('date;categorie;pays;sexe;lieu;autorises;deployes');
  expect(await visibleText(importCard)).toContain('2020-10-31;military;;all;;13289;12500');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    importCard.getByRole('link', { name: 'Télécharger un modèle CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('modele-effectifs.csv');
  expect((await readFile(await download.path(), 'utf8')).split('\r\n')[0]).toBe('date;categorie;pays;sexe;lieu;autorises;deployes');

  // 6. All or nothing (the default): one bad line, and nothing is imported; the report says where and why.
  const file = importCard.getByLabel('Fichier CSV');
  expect(await file.getAttribute('accept')).toBe('.csv,text/csv');
  await file.setInputFiles({ name: 'effectifs-novembre.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
  expect(await importCard.getByLabel('Tout ou rien (recommandé)').isChecked()).toBe(true);
  await importCard.getByRole('button', { name: 'Importer', exact: true }).click();
  const report = importCard.locator('.import-report');
  await report.getByRole('alert').waitFor();
  expect(await visibleText(report.getByRole('alert'))).toContain('Rien n’a été importé');
  const counts = await visibleText(report.locator('.import-counts'));
  expect(counts).toContain('Lignes lues 3');
  expect(counts).toContain('Importées 0');
  const errors = report.getByRole('table', { name: 'Erreurs, ligne par ligne' });
  const bad = row(errors, 'categorie');
  expect(await visibleText(bad.getByRole('rowheader'))).toBe('4');
  expect(await visibleText(bad)).toContain('Valeur non autorisée. Valeurs possibles');
  expect(await visibleText(records)).not.toContain('30 novembre 2020');
  await report.scrollIntoViewIfNeeded();
  await screenshot(page, '21-strength-import-report');
  await report.screenshot({ path: `${SCREENSHOTS}21-strength-import-report-detail.png` });
  expect(await accessibilityViolations(page)).toEqual([]);

  // 7. The valid lines only: two imported, the bad one reported again; the summary takes November.
  await importCard.getByLabel('Importer les lignes valides').check();
  await importCard.getByRole('button', { name: 'Importer', exact: true }).click();
  await report.getByRole('status').filter({ hasText: 'Import terminé : 2 lignes importées sur 3.' }).waitFor();
  expect(await visibleText(report.locator('.import-counts'))).toContain('Créées 2');
  expect(await row(report.getByRole('table'), 'categorie').count()).toBe(1);
  await row(records, '30 novembre 2020', 'Femmes', '480').waitFor();
  await categoryRow(summary, 'Militaires').filter({ hasText: '30 novembre 2020' }).waitFor();
  const november = await visibleText(categoryRow(summary, 'Militaires'));
  for (const expected of ['12 550', '94,44 %', '480', '3,82 %']) expect(november).toContain(expected);

  // 8. In English: the labels, the category names and the number formats change.
  const englishChart = chartRequest('military', 'en');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Personnel strength');
  await englishChart;
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  const english = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Latest figures by category' }) });
  const englishTroops = await visibleText(categoryRow(english.getByRole('table'), 'Troops'));
  for (const expected of ['30 November 2020', '13,289', '12,550', '94.44%', '3.82%']) expect(englishTroops).toContain(expected);
  for (const label of ['Record a strength figure', 'Import a CSV file', 'Contributing countries', 'All strength records']) {
    await page.getByRole('heading', { level: 2, name: label }).waitFor();
  }
  await page.getByLabel('All or nothing (recommended)').waitFor();
  await page.getByLabel('Import the valid lines').waitFor();
  await page.getByRole('link', { name: 'Download a CSV template' }).waitFor();
  expect(await visibleText(page.locator('.contributor-group'))).toContain('Police: 27 countries as of 31 July 2020');
  expect(await visibleText(page.locator('.contributor-group'))).toContain('Senegal');
  await chartLoaded('Troops, by date: 31 July 2020, 13,289 authorised, 12,362 deployed');
  await screenshot(page, '22-strength-en');
  expect(await accessibilityViolations(page)).toEqual([]);

  // 9. On a phone, in French: the page fits the width; the tables scroll inside their own region.
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Effectifs');
  await page.setViewportSize({ width: 390, height: 844 });
  await chartLoaded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, '23-strength-phone', false);
  await screenshot(page, '23-strength-phone-full');
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(browserErrors).toEqual([]);
}, 120_000);
