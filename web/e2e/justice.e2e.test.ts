import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  type ApiCall,
  accessibilityViolations,
  type BrowserFixture,
  heading,
  navigate,
  openApp,
  screenshot,
  signedInCaller,
  visibleText,
} from './support.js';

/**
 * Justice and corrections in a real browser: an officer of the Justice and Corrections Section
 * enters a court through the form, assesses it, and the share of functional courts computed from
 * each facility's latest assessment moves beside the fact book's 14 of 23; in French and English.
 */

const OFFICER = { name: 'Oumar Diallo', email: 'oumar.diallo@minusma.test' };

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];
let api: ApiCall;

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'JCS', role: 'officer' }] });
  api = await signedInCaller(server, OFFICER.email);
  // A court already assessed functional, and a prison partly functional with its population.
  const kidal = await api<{ id: string }>('POST', '/api/justice/facilities', {
    kind: 'court_instance',
    name: 'Tribunal d’instance de Kidal',
    place: 'Kidal',
  });
  await api('POST', `/api/justice/facilities/${kidal.id}/assessments`, {
    assessedOn: '2020-02-01',
    status: 'functional',
    source: 'Mission JCS',
  });
  const prison = await api<{ id: string }>('POST', '/api/justice/facilities', {
    kind: 'prison_remand',
    name: 'Maison d’arrêt de Mopti',
    place: 'Mopti',
    computerised: true,
    computerisedSince: '2019-06-01',
  });
  await api('POST', `/api/justice/facilities/${prison.id}/assessments`, {
    assessedOn: '2020-02-01',
    status: 'partly_functional',
    source: 'Mission JCS',
  });
  await api('POST', `/api/justice/facilities/${prison.id}/population`, {
    countedOn: '2020-02-01',
    women: 6,
    men: 194,
    pretrialWomen: 4,
    pretrialMen: 126,
    source: 'Registre du greffe',
  });
}, 60_000);

afterAll(async () => app?.close());

function card(title: string): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
}

async function checked(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await accessibilityViolations(page)).toEqual([]);
}

const computedCourts = () => page.locator('[data-share="computed-courts"]');
const sourcedCourts = () => page.locator('[data-share="sourced-courts"]');

test('an officer enters and assesses a court, and the computed share of functional courts moves', async () => {
  // 1. Sign in; the navigation leads to courts and prisons, listed and on the map.
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The entry is in the navigation before signing in too (public facilities): wait for the home page first.
  await heading(page, 'Mon travail');
  await navigate(page, 'Protection', 'Justice et prisons');
  await heading(page, 'Tribunaux et prisons');
  await card('Tribunaux et prisons').getByRole('link', { name: 'Maison d’arrêt de Mopti' }).waitFor();
  await page.locator('.leaflet-container').first().waitFor();
  await checked('a0-justice-list-fr');

  // 2. The dashboard: one court assessed, functional: 100 %, beside the fact book's 14 of 23.
  await page.getByRole('link', { name: 'Parts d’établissements fonctionnels' }).click();
  await heading(page, 'Parts de tribunaux et de prisons fonctionnels');
  await expect.poll(() => visibleText(computedCourts())).toContain('100');
  const sourced = await visibleText(sourcedCourts());
  expect(sourced).toContain('60,9');
  expect(sourced).toContain('14 sur 23');

  // 3. A new court through the form: the high court of Gao.
  await page.getByRole('link', { name: 'Liste et carte des établissements' }).click();
  await heading(page, 'Tribunaux et prisons');
  const form = card('Nouvel établissement');
  await form.getByLabel('Type').selectOption('court_first_instance');
  await form.getByLabel('Nom').fill('Tribunal de grande instance de Gao');
  await form.getByLabel('Ressort (facultatif)').fill('Région de Gao');
  await form.getByLabel('Localité').fill('Gao');
  await form.getByRole('button', { name: 'Enregistrer l’établissement' }).click();
  await heading(page, 'Tribunal de grande instance de Gao');
  await card('Évaluations').getByText('Pas encore évalué.').waitFor();

  // 4. Assessed not functional: the computed share falls to 50 %.
  const assess = async (date: string, status: string, source: string) => {
    const assessment = card('Nouvelle évaluation');
    await assessment.getByLabel('Date de l’évaluation').fill(date);
    await assessment.getByLabel('État').selectOption(status);
    await assessment.getByLabel('Magistrats — Femmes (facultatif)').fill('1');
    await assessment.getByLabel('Magistrats — Hommes (facultatif)').fill('3');
    await assessment.getByLabel('Source').fill(source);
    await assessment.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await assessment.getByText('Évaluation enregistrée.').waitFor();
    await card('Évaluations').getByText(source).waitFor();
  };
  await assess('15/03/2020', 'not_functional', 'Visite du 15 mars');
  await page.getByRole('link', { name: 'Parts d’établissements fonctionnels' }).click();
  await heading(page, 'Parts de tribunaux et de prisons fonctionnels');
  await expect.poll(() => visibleText(computedCourts())).toContain('50');
  await checked('a1-justice-dashboard-before-fr');

  // 5. Assessed again, functional: only the latest assessment counts, the share returns to 100 %.
  await page.getByRole('link', { name: 'Liste et carte des établissements' }).click();
  await card('Tribunaux et prisons').getByRole('link', { name: 'Tribunal de grande instance de Gao' }).click();
  await heading(page, 'Tribunal de grande instance de Gao');
  await assess('20/09/2020', 'functional', 'Visite du 20 septembre');
  const history = await visibleText(card('Évaluations'));
  expect(history).toContain('Dernière évaluation');
  expect(history).toContain('antérieure');
  await checked('a2-justice-facility-fr');
  await page.getByRole('link', { name: 'Parts d’établissements fonctionnels' }).click();
  await heading(page, 'Parts de tribunaux et de prisons fonctionnels');
  await expect.poll(() => visibleText(computedCourts())).toContain('100');
  expect(await visibleText(card('Population des prisons (dernier décompte de chaque prison)'))).toContain('65');
  await checked('a3-justice-dashboard-after-fr');

  // 6. In English, and on a phone.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Shares of functional courts and prisons');
  await expect.poll(() => visibleText(sourcedCourts())).toContain('14 of 23');
  expect(await visibleText(computedCourts())).toContain('100');
  await checked('a4-justice-dashboard-en');
  await page.getByRole('link', { name: 'List and map of facilities' }).click();
  await heading(page, 'Courts and prisons');
  await card('Courts and prisons').getByRole('link', { name: 'Maison d’arrêt de Mopti' }).click();
  await heading(page, 'Maison d’arrêt de Mopti');
  await expect.poll(() => visibleText(card('Prison population'))).toContain('65');
  await checked('a5-justice-prison-en');
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Maison d’arrêt de Mopti');
  await page.setViewportSize({ width: 390, height: 844 });
  await checked('a6-justice-prison-fr-phone');
  await page.setViewportSize({ width: 1366, height: 900 });
  expect(browserErrors).toEqual([]);
}, 240_000);
