import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Incident } from '../../src/contracts/incidents.js';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import { incidentInput } from '../../tests/helpers/incidents.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
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
 * An officer of the JOC plans a mobile patrol from Gao to Ménaka with the Force and UNPOL, types
 * its route (a point outside Mali is refused, naming it), sees it on the map and orders it; an
 * officer of the Force, a unit taking part, starts it and completes it with a report that links an
 * incident met on the way; the log shows it, in French and English. An officer of another unit
 * never finds it while it is under way. The Force's observer team then records a verification of an
 * alleged ceasefire violation with its finding, and sees it counted by party. Needs dist/web and
 * Chromium at /usr/bin/chromium.
 */

const JOC = { name: 'Oumar Touré', email: 'oumar.toure.operations@minusma.test' };
const FORCE = { name: 'Awa Coulibaly', email: 'awa.coulibaly.operations@minusma.test' };
const CIVIL = { name: 'Seydou Sangaré', email: 'seydou.sangare.operations@minusma.test' };
const TITLE = 'Patrouille motorisée Gao – Ménaka';

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let incident: Incident;
let allegation: Incident;
let operationUrl = '';

beforeAll(async () => {
  app = await openApp();
  ({ server, page } = app);
  await buildUser(server.ctx, { ...JOC, memberships: [{ unit: 'OSRSG', role: 'officer' }] });
  await buildUser(server.ctx, { ...FORCE, memberships: [{ unit: 'FORCE', role: 'officer' }] });
  await buildUser(server.ctx, { ...CIVIL, memberships: [{ unit: 'CAD', role: 'manager' }] });
  const force = await signedInCaller(server, FORCE.email);
  incident = await force<Incident>(
    'POST',
    '/api/incidents',
    incidentInput({ title: 'Engin explosif improvisé sur l’axe Ansongo – Ménaka', location: { place: 'Ansongo', precision: 'near' } }),
  );
  incident = await force<Incident>('POST', `/api/incidents/${incident.ref}/transitions`, { action: 'submit', version: incident.version });
  allegation = await force<Incident>(
    'POST',
    '/api/incidents',
    incidentInput({ category: 'ceasefire_violation', title: 'Tirs signalés près du poste de Tessit', occurredOn: '2020-07-18' }),
  );
  allegation = await force<Incident>('POST', `/api/incidents/${allegation.ref}/transitions`, {
    action: 'submit',
    version: allegation.version,
  });
}, 60_000);

afterAll(async () => app?.close());

async function signIn(email: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');
}

async function signOut(name: string): Promise<void> {
  await page.getByRole('button', { name }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await heading(page, 'Connexion');
}

async function language(code: 'FR' | 'EN'): Promise<void> {
  const button = page.getByRole('button', { name: code, exact: true });
  if (!(await button.isVisible())) await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await button.click();
}

test('a JOC officer plans a patrol with its route: a point outside Mali is refused, then it is drawn and ordered', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(JOC.email);
  await navigate(page, 'Situation', 'Opérations');
  await heading(page, 'Journal des opérations');
  await page.getByRole('link', { name: 'Planifier une opération' }).click();
  await heading(page, 'Planifier une opération');
  await page.getByLabel('Type').selectOption('mobile_patrol');
  await page.getByLabel('Intitulé en français').fill(TITLE);
  await page.getByLabel('Intitulé en anglais').fill('Mobile patrol Gao – Ménaka');
  await page.getByLabel('Ordres et mission').fill('Reconnaissance de l’axe et contact avec les communautés.');
  await page.getByLabel('Unité qui conduit').selectOption('FORCE');
  await page.getByLabel('UNPOL', { exact: true }).check();
  await page.getByLabel('Début prévu (jour)').fill('20/07/2020');
  await page.getByLabel('Début prévu (heure UTC)').fill('05:00');
  await page.getByLabel('Fin prévue (jour)').fill('21/07/2020');
  await page.getByLabel('Fin prévue (heure UTC)').fill('18:00');
  await page.getByLabel('Secteur').selectOption('east');
  await page.getByLabel('Localités').fill('Gao, Ansongo, Ménaka');
  // Niamey, in Niger, as the second point.
  await page.getByLabel('Points du tracé').fill('16.27167, -0.04472\n13.5116, 2.1098\n15.91985, 2.39609');
  await page.getByLabel('Femmes').fill('4');
  await page.getByLabel('Hommes').fill('26');
  await page.getByLabel('Véhicules').fill('8');
  await page.getByRole('button', { name: 'Enregistrer la planification' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await visibleText(alert)).toContain('Points du tracé (2) : Ce point du tracé est hors du Mali');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'operations-01-outside-mali-refused-fr');

  await page.getByLabel('Points du tracé').fill('16.27167, -0.04472\n15.6597, 0.5022\n15.91985, 2.39609');
  await page.getByRole('button', { name: 'Enregistrer la planification' }).click();
  await heading(page, TITLE);
  operationUrl = page.url();
  const main = page.locator('main');
  await expect.poll(() => visibleText(main)).toContain('Planifiée');
  expect(await visibleText(main)).toContain('Gao, Ménaka');
  expect(await page.locator('.mali-map path.map-route').count()).toBe(1);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'operations-02-planned-fr');

  await page.getByRole('button', { name: 'Ordonner', exact: true }).click();
  await page.getByText('Fait : Ordonner.').waitFor();
  await expect.poll(() => visibleText(page.getByRole('list', { name: 'Étapes de l’opération' }))).toContain('Ordonnée par Oumar Touré');
  // Starting it is for the units taking part.
  expect(await page.getByRole('button', { name: 'Commencer', exact: true }).count()).toBe(0);
  await screenshot(page, 'operations-03-ordered-fr');
  await signOut(JOC.name);
}, 120_000);

test('an officer of another unit does not find it', async () => {
  await signIn(CIVIL.email);
  await page.goto(operationUrl);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(await visibleText(page.locator('main'))).not.toContain(TITLE);
  await page.goto(`${server.url}/operations`);
  await heading(page, 'Journal des opérations');
  await expect.poll(() => visibleText(page.locator('main'))).toContain('0 opération');
  await signOut(CIVIL.name);
}, 60_000);

test('a Force officer starts it and completes it with a report that links the incident met', async () => {
  await signIn(FORCE.email);
  await page.goto(operationUrl);
  await heading(page, TITLE);
  await page.getByRole('button', { name: 'Commencer', exact: true }).click();
  await page.getByText('Fait : Commencer.').waitFor();
  const report = page.locator('form.operation-report-form');
  await report.waitFor();
  // Ended the minute it started: the day and time are those of the start.
  await report.getByLabel('Fin réelle (jour)').fill(await report.getByLabel('Début réel (jour)').inputValue());
  await report.getByLabel('Fin réelle (heure UTC)').fill(await report.getByLabel('Début réel (heure UTC)').inputValue());
  await report.getByLabel('Hommes').fill('25');
  await report.getByLabel('Résultat').fill('Axe reconnu ; un engin explosif improvisé signalé près d’Ansongo.');
  await report.getByLabel('Observations').fill('Population rencontrée à Ansongo.');
  await report.getByLabel('Incidents rencontrés ou provoqués').fill(`${incident.ref} rencontré`);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'operations-04-report-fr');
  await report.getByRole('button', { name: 'Terminer l’opération' }).click();
  const main = page.locator('main');
  await expect.poll(() => visibleText(main)).toContain('Terminée par Awa Coulibaly');
  await main.getByRole('link', { name: incident.ref }).waitFor();
  expect(await visibleText(main)).toContain('Axe reconnu');
  expect(await visibleText(main)).toContain('rencontré');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'operations-05-completed-fr');

  await language('EN');
  await heading(page, 'Mobile patrol Gao – Ménaka');
  await expect.poll(() => visibleText(main)).toContain('Completed by Awa Coulibaly');
  expect(await visibleText(main)).toContain('met');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'operations-06-completed-en');

  await page.goto(`${server.url}/operations?status=completed`);
  await heading(page, 'Operations log');
  await main.getByRole('link', { name: 'Mobile patrol Gao – Ménaka' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'operations-07-log-en');
  await language('FR');
  await heading(page, 'Journal des opérations');
  await main.getByRole('link', { name: TITLE }).waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'operations-08-log-fr-phone');
}, 120_000);

test('an observer team records a verification with a finding, counted by party', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${server.url}/operations`);
  await heading(page, 'Journal des opérations');
  await page.getByRole('link', { name: 'Surveillance du cessez-le-feu' }).click();
  await heading(page, 'Surveillance du cessez-le-feu');
  const main = page.locator('main');
  await expect.poll(() => visibleText(main)).toContain('Aucune violation confirmée sur la période.');
  const form = page.locator('form.ceasefire-form');
  await form.getByLabel('Allégation (référence de l’incident)').fill(allegation.ref);
  await form.getByLabel('Équipe', { exact: true }).fill('Observateur militaire 12\nObservatrice militaire 7');
  await form.getByLabel('Date de la visite').fill('20/07/2020');
  await form.getByLabel('Lieu visité').fill('Tessit');
  await form.getByLabel('Éléments de preuve').fill('Douilles relevées, témoignages de trois habitants.');
  await form.getByLabel('Constat', { exact: true }).selectOption('confirmed');
  await form.getByLabel('Niveau de preuve').selectOption('reasonable_grounds');
  // Confirmed without a party: refused, naming the rule.
  await form.getByRole('button', { name: 'Enregistrer le constat' }).click();
  await form.getByRole('alert').filter({ hasText: 'Une violation confirmée est attribuée à une partie' }).waitFor();
  await form.getByLabel('Partie mise en cause (si confirmée)').selectOption('cma');
  await form.getByRole('button', { name: 'Enregistrer le constat' }).click();
  await page.getByText('Mission de vérification enregistrée.').waitFor();
  await expect.poll(() => visibleText(main)).toContain('Violation confirmée');
  await main.getByRole('rowheader', { name: /Coordination des mouvements de l’Azawad/ }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'operations-09-ceasefire-fr');
  await language('EN');
  await heading(page, 'Ceasefire monitoring');
  await expect.poll(() => visibleText(main)).toContain('Violation confirmed');
  await screenshot(page, 'operations-10-ceasefire-en');
  await language('FR');
}, 120_000);
