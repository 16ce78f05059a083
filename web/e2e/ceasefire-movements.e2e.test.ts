import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Operation } from '../../src/contracts/operations.js';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import { operationInput } from '../../tests/helpers/operations.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, openApp, screenshot, signedInCaller } from './support.js';

/**
 * Ceasefire movement control and support to the Malian forces, reached from the operations log's
 * and ceasefire monitoring's links: an officer of the Force records a CMA movement notification
 * and a Plateforme movement observed without notification; an officer of the JOC approves the
 * notification and sees the counts by group. The Force's officer records a FAMa request for a
 * medical evacuation; approval is impossible before the human-rights due-diligence check, which
 * another officer of the JOC records with mitigation measures; the JOC approves and the
 * Force marks it delivered. In French, then a look in English. Needs dist/web and Chromium.
 */

const JOC = { name: 'Oumar Touré', email: 'oumar.toure.movements@minusma.test' };
const FORCE = { name: 'Awa Coulibaly', email: 'awa.coulibaly.movements@minusma.test' };
const RIGHTS = { name: 'Fatoumata Diarra', email: 'fatoumata.diarra.movements@minusma.test' };

let app: BrowserFixture;
let server: TestServer;
let page: Page;
/** The Force's escort the support request is for, planned by the JOC. */
let escort: Operation;
const ESCORT = 'Escorte du convoi sanitaire Gao – Ansongo';

beforeAll(async () => {
  app = await openApp();
  ({ server, page } = app);
  await buildUser(server.ctx, { ...JOC, memberships: [{ unit: 'OSRSG', role: 'officer' }] });
  await buildUser(server.ctx, { ...FORCE, memberships: [{ unit: 'FORCE', role: 'officer' }] });
  // The check is made by another officer of the JOC (the Human Rights Division's officers, who also
  // make it, sign in with a second factor).
  await buildUser(server.ctx, { ...RIGHTS, memberships: [{ unit: 'OSRSG', role: 'officer' }] });
  const joc = await signedInCaller(server, JOC.email);
  escort = await joc<Operation>('POST', '/api/operations', operationInput({ type: 'humanitarian_escort', titleFr: ESCORT }));
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

test('the Force records a notification and an observed movement; the JOC approves the notification', { timeout: 180_000 }, async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(FORCE.email);
  await page.goto(`${server.url}/operations/cessez-le-feu`);
  await heading(page, 'Surveillance du cessez-le-feu');
  await page.getByRole('link', { name: 'Contrôle des mouvements' }).click();
  await heading(page, 'Contrôle des mouvements (cessez-le-feu)');
  const form = page.locator('form.movement-form');
  await form.getByLabel('Groupe signataire').selectOption('cma');
  await form.getByLabel('Jour du mouvement').fill('10/03/2020');
  await form.getByLabel('Heure (UTC)').fill('06:00');
  await form.getByRole('group', { name: 'Lieu de départ (ou des armes déclarées)' }).getByLabel('Lieu du répertoire').selectOption('Kidal');
  await form.getByRole('group', { name: 'Destination' }).getByLabel('Lieu du répertoire').selectOption('Aguelhok');
  await form.getByLabel('Effectifs').fill('40');
  await form.getByLabel('Véhicules').fill('8');
  await form.getByRole('button', { name: 'Ajouter une catégorie' }).click();
  await form.getByLabel('Catégorie d’armes').selectOption('machine_guns');
  await form.getByLabel('Nombre').fill('4');
  await form.getByLabel('Observations').fill('Relève du poste d’Aguelhok.');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('Enregistré.').waitFor();
  await page.locator('tr', { hasText: 'Kidal → Aguelhok' }).waitFor();

  await form.getByLabel('Nature').selectOption('observed');
  await form.getByLabel('Groupe signataire').selectOption('plateforme');
  await form.getByLabel('Jour du mouvement').fill('12/03/2020');
  await form.getByLabel('Heure (UTC)').fill('09:30');
  await form.getByRole('group', { name: 'Lieu de départ (ou des armes déclarées)' }).getByLabel('Lieu du répertoire').selectOption('');
  await form
    .getByRole('group', { name: 'Lieu de départ (ou des armes déclarées)' })
    .getByLabel('Ou coordonnées (longitude, latitude)')
    .fill('0.05, 16.3');
  await form.getByRole('group', { name: 'Destination' }).getByLabel('Lieu du répertoire').selectOption('Gao');
  await form.getByLabel('Effectifs').fill('15');
  await form.getByLabel('Véhicules').fill('3');
  await form.getByLabel('Observations').fill('Colonne vue par l’équipe d’observateurs.');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await page.locator('tr', { hasText: '0.05, 16.3 → Gao' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'movements-01-recorded-fr');
  await signOut(FORCE.name);

  await signIn(JOC.email);
  await page.goto(`${server.url}/operations/mouvements`);
  await heading(page, 'Contrôle des mouvements (cessez-le-feu)');
  const row = page.locator('tr', { hasText: 'Kidal → Aguelhok' });
  await row.getByLabel('Commentaire de la décision').fill('Conforme aux arrangements sécuritaires.');
  await row.getByRole('button', { name: 'Approuver' }).click();
  await row.getByText('Approuvé', { exact: true }).waitFor();
  await expect(row.getByText(JOC.name, { exact: false }).count()).resolves.toBeGreaterThan(0);
  // The observed movement has no decision to take.
  await expect(page.locator('tr', { hasText: '0.05, 16.3 → Gao' }).getByRole('button', { name: 'Approuver' }).count()).resolves.toBe(0);
  const counts = page.locator('table.movement-counts');
  await expect(counts.locator('tr', { hasText: 'CMA' }).locator('td').allTextContents()).resolves.toEqual(['1', '1', '0', '0']);
  await expect(counts.locator('tr', { hasText: 'Plateforme' }).locator('td').allTextContents()).resolves.toEqual(['0', '0', '0', '1']);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'movements-02-approved-fr');
  // The export follows the filter on screen, in French.
  await page.getByLabel('Statut').selectOption('approved');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await page.waitForURL(/status=approved/);
  const exported = page.getByRole('link', { name: 'Exporter (CSV)' });
  expect(await exported.getAttribute('href')).toBe('/api/ceasefire/movements/export.csv?status=approved&lang=fr');
  const csv = await page.request.get(`${server.url}${await exported.getAttribute('href')}`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('Conforme aux arrangements sécuritaires.');
  // A movement's page, from its row: every field, the decision with who and when.
  await page.locator('tr', { hasText: 'Kidal → Aguelhok' }).getByRole('link').first().click();
  await heading(page, /^Notification de mouvement — .*CMA/);
  const facts = page.locator('dl.incident-facts').first();
  await facts.getByText('Kidal', { exact: true }).waitFor();
  await facts.getByText('Aguelhok', { exact: true }).waitFor();
  await facts.getByText('Mitrailleuses : 4').waitFor();
  await facts.getByText('Relève du poste d’Aguelhok.').waitFor();
  await facts.getByText(FORCE.name).waitFor();
  const decision = page.locator('dl.incident-facts').nth(1);
  await decision.getByText(JOC.name).waitFor();
  await decision.getByText('Conforme aux arrangements sécuritaires.').waitFor();
  await decision.getByText(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/).waitFor();
  await page.getByText('Aucune mission de vérification ni aucun incident lié que vous puissiez lire.').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'movements-04-detail-fr');
  await page.getByRole('link', { name: 'Retour au contrôle des mouvements' }).click();
  await heading(page, 'Contrôle des mouvements (cessez-le-feu)');
  await signOut(JOC.name);
});

test('a support request: no approval before the HRDDP check; checked, approved, delivered', { timeout: 180_000 }, async () => {
  await signIn(FORCE.email);
  await page.goto(`${server.url}/operations`);
  await heading(page, 'Journal des opérations');
  await page.getByRole('link', { name: 'Appui aux forces maliennes' }).click();
  await heading(page, 'Appui aux forces maliennes');
  const form = page.locator('form.support-form');
  await form.getByLabel('Appui', { exact: true }).selectOption('medevac');
  await form.getByLabel('Force malienne').selectOption('fama');
  await form.getByLabel('Unité malienne').fill('Poste FAMa de Gao');
  await form.getByLabel('Demandé par').fill('Capitaine Traoré');
  await form.getByLabel('Date de la demande').fill('02/05/2020');
  await form.getByLabel('Nécessaire à partir du').fill('03/05/2020');
  await form.getByLabel('Lieu du répertoire').selectOption('Gao');
  await form.getByLabel('Objet de la demande').fill('Évacuation sanitaire de deux blessés vers l’hôpital de niveau II de Gao.');
  // The operation is chosen among those not over yet that the officer may read.
  const picker = form.getByLabel('Opération liée');
  await expect.poll(() => picker.locator('option').allTextContents()).toContain(`${ESCORT} — Planifiée, début prévu le 20/07/2020`);
  await picker.selectOption(escort.id);
  await form.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await page.getByText('Demande enregistrée.').waitFor();
  const card = page.locator('section.card', { hasText: 'Poste FAMa de Gao' });
  await card.getByRole('link', { name: ESCORT }).waitFor();
  await card.getByText('Pas encore faite').waitFor();
  // The recorder may not assess the request itself.
  await expect(card.getByRole('button', { name: 'Enregistrer la vérification' }).count()).resolves.toBe(0);
  await screenshot(page, 'support-01-requested-fr');
  await signOut(FORCE.name);

  await signIn(RIGHTS.email);
  await page.goto(`${server.url}/operations/appui`);
  await heading(page, 'Appui aux forces maliennes');
  await card.getByLabel('Conclusion').selectOption('mitigation');
  await card.getByRole('button', { name: 'Enregistrer la vérification' }).click();
  await card.getByText('Des mesures d’atténuation sont requises : décrivez-les.').first().waitFor();
  await card.getByLabel('Mesures d’atténuation ou motifs').fill('Présence d’un observateur des droits de l’homme à bord.');
  await card.getByRole('button', { name: 'Enregistrer la vérification' }).click();
  await card.getByText(/Mesures d’atténuation requises — Fatoumata Diarra/).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'support-02-hrddp-fr');
  await signOut(RIGHTS.name);

  await signIn(JOC.email);
  await page.goto(`${server.url}/operations/appui`);
  await card.getByLabel('Commentaire').fill('Avec les mesures prévues.');
  await card.getByRole('button', { name: 'Approuver' }).click();
  await card.getByText('Approuvé', { exact: true }).waitFor();
  await signOut(JOC.name);

  await signIn(FORCE.email);
  await page.goto(`${server.url}/operations/appui`);
  await card.getByLabel('Ce qui a été fourni').fill('Deux blessés évacués par hélicoptère le 3 mai.');
  await card.getByRole('button', { name: 'Marquer comme fourni' }).click();
  await card.getByText('Fourni', { exact: true }).waitFor();
  await card.getByText('Deux blessés évacués par hélicoptère le 3 mai.').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'support-03-delivered-fr');

  const button = page.getByRole('button', { name: 'EN', exact: true });
  if (!(await button.isVisible())) await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await button.click();
  await heading(page, 'Support to the Malian forces');
  await card.getByText('Delivered', { exact: true }).waitFor();
  await card.getByText(/Mitigation measures required — Fatoumata Diarra/).waitFor();
  await screenshot(page, 'support-04-delivered-en');
  await page.goto(`${server.url}/operations/mouvements`);
  await heading(page, 'Movement control (ceasefire)');
  await screenshot(page, 'movements-03-en');
});

test('a movement’s page in English; a movement one may not read is not found', { timeout: 60_000 }, async () => {
  await page.goto(`${server.url}/operations/mouvements`);
  await heading(page, 'Movement control (ceasefire)');
  await page.locator('tr', { hasText: 'Kidal → Aguelhok' }).getByRole('link').first().click();
  await heading(page, /^Movement notification — .*CMA/);
  const decision = page.locator('dl.incident-facts').nth(1);
  await decision.getByText('Decided by').waitFor();
  await decision.getByText(JOC.name).waitFor();
  await page.locator('dl.incident-facts').first().getByText('Machine guns : 4').waitFor();
  await screenshot(page, 'movements-05-detail-en');
  await page.goto(`${server.url}/operations/mouvements/00000000-0000-4000-8000-000000000000`);
  await heading(page, 'Page not found');
});
