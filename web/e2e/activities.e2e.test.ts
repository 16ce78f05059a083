import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, navigate, openApp, screenshot, visibleText } from './support.js';

/**
 * A Civil Affairs officer records a training with its participants by sex and age (first with
 * parts that do not add up: refused, naming the rule), then a series of risk-education sessions
 * at three places in one go, and reads the participants' totals by sex, in French and English.
 */

const OFFICER = { name: 'Fatoumata Traoré', email: 'fatoumata.traore@minusma.test' };
const TRAINING = 'Formation des FDS sur les droits de l’homme';
const SERIES = 'Éducation aux risques des engins explosifs';

let app: BrowserFixture;
let server: TestServer;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  ({ server, page } = app);
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'CAD', role: 'officer' }] });
}, 60_000);

afterAll(async () => app?.close());

async function language(code: 'FR' | 'EN'): Promise<void> {
  const button = page.getByRole('button', { name: code, exact: true });
  if (!(await button.isVisible())) await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await button.click();
}

test('an officer records a training with participants by sex and age; parts that do not add up are refused', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');
  await navigate(page, 'Programmes', 'Activités');
  await heading(page, 'Activités et formations');
  await page.getByRole('link', { name: 'Enregistrer une activité' }).click();
  await heading(page, 'Enregistrer une activité');
  await page.getByLabel('Thème').selectOption('human_rights');
  await page.getByLabel('Intitulé').fill(TRAINING);
  await page.getByLabel('Facilitateurs').fill('Division des affaires civiles');
  await page.getByLabel('Catégorie').selectOption('security_forces');
  await page.getByLabel('Groupe cible').fill('Gendarmes et policiers de Mopti');
  await page.getByLabel('Début', { exact: true }).fill('10/03/2020');
  await page.getByLabel(/^Fin/).fill('12/03/2020');
  await page.getByLabel('Lieu', { exact: true }).selectOption('Mopti');
  await page.getByLabel('Femmes', { exact: true }).fill('8');
  await page.getByLabel('Hommes', { exact: true }).fill('17');
  await page.getByLabel('Enfants (moins de 18 ans)').fill('0');
  await page.getByLabel('Adultes', { exact: true }).fill('20');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  await expect
    .poll(() => visibleText(alert))
    .toContain('Enfants (moins de 18 ans) et adultes doivent faire le même total que femmes et hommes.');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'activities-01-sum-refused-fr-desktop');

  await page.getByLabel('Adultes', { exact: true }).fill('25');
  // Finer age bands, optional: they too must add up to the women and the men.
  await page.getByText('Par tranche d’âge (facultatif)').click();
  await page.getByLabel('18 à 24 ans — Femmes').fill('3');
  await page.getByLabel('18 à 24 ans — Hommes').fill('5');
  await page.getByLabel('25 à 35 ans — Femmes').fill('5');
  await page.getByLabel('25 à 35 ans — Hommes').fill('12');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await heading(page, TRAINING);
  const main = page.locator('main');
  await expect.poll(() => visibleText(main)).toContain('Forces de défense et de sécurité');
  const participants = await visibleText(main.locator('table.activity-participants'));
  expect(participants).toContain('8');
  expect(participants).toContain('17');
  expect(participants).toContain('25');
  await expect.poll(() => visibleText(main.locator('table.activity-bands'))).toMatch(/25 à 35 ans\s+5\s+12/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'activities-02-training-fr-desktop');
}, 120_000);

test('then a series at three places in one go, and the totals by sex', async () => {
  await page.goto(`${server.url}/activites/nouvelle`);
  await heading(page, 'Enregistrer une activité');
  await page.getByLabel('Une série : la même activité à plusieurs dates ou lieux').check();
  await page.getByLabel('Type', { exact: true }).selectOption('risk_education');
  await page.getByLabel('Thème').selectOption('explosive_risk');
  await page.getByLabel('Intitulé').fill(SERIES);
  await page.getByLabel('Catégorie').selectOption('general_public');
  await page.getByRole('button', { name: 'Ajouter une séance' }).click();
  const sessions = [
    { day: '01/05/2020', place: 'Gao', women: 40, men: 35, children: 30 },
    { day: '02/05/2020', place: 'Ansongo', women: 20, men: 20, children: 10 },
    { day: '03/05/2020', place: 'Bourem', women: 15, men: 10, children: 5 },
  ];
  for (const [i, s] of sessions.entries()) {
    const group = page.getByRole('group', { name: `Séance ${i + 1}` });
    await group.getByLabel('Début', { exact: true }).fill(s.day);
    await group.getByLabel('Lieu', { exact: true }).selectOption(s.place);
    await group.getByLabel('Femmes', { exact: true }).fill(String(s.women));
    await group.getByLabel('Hommes', { exact: true }).fill(String(s.men));
    await group.getByLabel('Enfants (moins de 18 ans)').fill(String(s.children));
    await group.getByLabel('Adultes', { exact: true }).fill(String(s.women + s.men - s.children));
  }
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'activities-03-series-form-fr-desktop');
  await page.getByRole('button', { name: 'Enregistrer la série (3 séances)' }).click();
  await heading(page, 'Activités et formations');
  const main = page.locator('main');
  const totals = main.locator('table.activity-totals');
  // Three sessions: 75 women, 65 men, 140 people, 45 children and 95 adults.
  await expect.poll(() => visibleText(totals.getByRole('row', { name: /Ensemble/ }))).toMatch(/Ensemble\s+3\s+75\s+65\s+140\s+45\s+95/);
  await main.getByRole('link', { name: SERIES }).first().waitFor();
  expect(await main.getByRole('link', { name: SERIES }).count()).toBe(3);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'activities-04-series-totals-fr-desktop');

  await language('EN');
  await heading(page, 'Activities and trainings');
  await expect.poll(() => visibleText(totals.getByRole('row', { name: /All/ }))).toMatch(/All\s+3\s+75\s+65\s+140\s+45\s+95/);
  await expect.poll(() => visibleText(main)).toContain('Explosive ordnance risk');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'activities-05-series-totals-en-desktop');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/activites`);
  await heading(page, 'Activities and trainings');
  await main.getByRole('link', { name: TRAINING }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'activities-06-list-en-phone');
  await language('FR');
  await heading(page, 'Activités et formations');
}, 120_000);
