import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD, totpCode } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, navigate, openApp, screenshot, visibleText } from './support.js';

/**
 * The DDR registry in a real browser, against the real server. A DDR officer registers an
 * ex-combatant (refused first, field by field), takes him through registration, biometric
 * enrolment (the national reference only), cantonment, disarmament and demobilisation to
 * integration into the FAMa, and reveals his identity with a reason; a child registered next is
 * referred to Child Protection and takes no step. A second registration of the first person under
 * another transliteration waits in the review queue, where the section's manager confirms it: the
 * progress against the fact book's 3 000 counts one integrated person. A Force officer reads the
 * progress but not the registry. Desktop and phone screenshots, French and English, axe on every
 * page. The officer first records the cantonment site (placed by the gazetteer, on the map);
 * once cantoned there, the ex-combatant hands in a rifle, which is stored (a hand-over naming both
 * sides) and the site's page shows one person in occupancy, and none once he is demobilised.
 * Needs dist/web and Chromium at /usr/bin/chromium.
 */

const OFFICER = { name: 'Hamadoun Cissé', email: 'hamadoun.cisse@minusma.test' };
const MANAGER = { name: 'Kadidia Sidibé', email: 'kadidia.sidibe@minusma.test' };
const FORCE = { name: 'Adama Keïta', email: 'adama.keita@minusma.test' };

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];
let firstCode = '';
const SITE = 'Site de cantonnement de Likrakar';

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'SSR-DDR', role: 'officer' }] });
  await buildUser(server.ctx, { ...MANAGER, memberships: [{ unit: 'SSR-DDR', role: 'manager' }] });
  await buildUser(server.ctx, { ...FORCE, memberships: [{ unit: 'FORCE', role: 'officer' }], secondFactor: true });
}, 60_000);

afterAll(async () => app?.close());

function card(title: string): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
}

async function signIn(user: { email: string }): Promise<void> {
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(user.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const code = await totpCode(user.email);
  if (code) {
    await page.getByLabel('Code d’authentification').fill(code);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }
  await heading(page, 'Mon travail');
}

async function signOut(user: { name: string }): Promise<void> {
  await page.getByRole('button', { name: user.name }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await heading(page, 'Connexion');
}

async function onPhone(name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, name, false);
  await screenshot(page, `${name}-full`);
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function register(name: string, birthDate: string, movement = 'Coordination des mouvements de l’Azawad (CMA)'): Promise<string> {
  await page.goto(`${server.url}/ddr/registre/nouveau`);
  await heading(page, 'Enregistrer une personne');
  await page.getByLabel('Mouvement armé').selectOption({ label: movement });
  await page.getByLabel('Date de pré-enregistrement').fill('10/02/2020');
  await page.getByLabel('Nom complet').fill(name);
  await page.getByLabel('Date de naissance').fill(birthDate);
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  const h1 = await heading(page, /^Personne DDR-/);
  return ((await h1.textContent()) ?? '').replace('Personne ', '');
}

async function step(label: string, extra?: (form: Locator) => Promise<unknown>): Promise<void> {
  const rows = card('Étapes').locator('tbody tr');
  const before = await rows.count();
  const form = card('Enregistrer une étape');
  await form.getByLabel('Étape', { exact: true }).selectOption({ label });
  await form.getByLabel('Date de l’étape').fill('15/03/2020');
  if (extra) await extra(form);
  await form.getByRole('button', { name: 'Enregistrer l’étape' }).click();
  await expect.poll(() => rows.count()).toBe(before + 1);
  expect(await visibleText(rows.last())).toContain(label);
}

test('a DDR officer registers an ex-combatant and takes him from cantonment and disarmament to integration', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(OFFICER);
  await navigate(page, 'Protection', 'DDR');
  await heading(page, 'Désarmement, démobilisation et réintégration');
  await page.getByRole('link', { name: 'Enregistrer une personne' }).click();
  await heading(page, 'Enregistrer une personne');

  // Refused field by field, in French, nothing saved.
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  const summary = page.locator('.incident-error-summary, [role="alert"]').first();
  await summary.waitFor();
  expect(await visibleText(summary)).toContain('Rien n’a été enregistré');
  await screenshot(page, '90-ddr-register-errors');
  expect(await accessibilityViolations(page)).toEqual([]);

  // The cantonment site, recorded by the officer and shown on the map.
  await page.goto(`${server.url}/ddr/sites`);
  await heading(page, 'Sites de cantonnement');
  const siteForm = card('Enregistrer un site');
  await siteForm.getByLabel('Nom du site').fill(SITE);
  await siteForm.getByLabel('Localité du répertoire').selectOption({ label: 'Tessalit' });
  await siteForm.getByLabel('Capacité (personnes)').fill('600');
  await siteForm.getByLabel('Eau potable').check();
  await siteForm.getByLabel('Soins de santé').check();
  await siteForm.getByRole('button', { name: 'Enregistrer le site' }).click();
  await heading(page, `Site : ${SITE}`);
  expect(await visibleText(card('Le site'))).toContain('Kidal');
  await page.goto(`${server.url}/ddr/sites`);
  await heading(page, 'Sites de cantonnement');
  await card('Sites de cantonnement').getByRole('link', { name: SITE }).waitFor();
  expect(await visibleText(page.locator('main'))).toContain('8 sites');
  await page.locator('.leaflet-marker-icon').first().waitFor();
  await screenshot(page, '89-ddr-sites');
  expect(await accessibilityViolations(page)).toEqual([]);

  firstCode = await register('Mohamed Ag Intalla', '10/03/1985');
  expect(await page.locator('body').textContent()).not.toContain('Intalla');
  await step('Enregistrement');
  await step('Enrôlement biométrique (référence nationale)', (form) =>
    form.getByLabel('Référence nationale d’enrôlement').fill('CNDDR-2020-004512'),
  );
  await step('Cantonnement', (form) => form.getByLabel('Site de cantonnement').selectOption({ label: SITE }));

  // The rifle handed in at the site, then stored: a hand-over from where it is to where it goes.
  const handIn = card('Enregistrer une remise');
  await handIn.getByLabel('Numéro de série').fill('AK-56 004512');
  await handIn.getByLabel('Date de remise').fill('15/03/2020');
  await handIn.getByLabel('Reçue par (premier détenteur)').fill('Capitaine Diallo');
  await handIn.getByRole('button', { name: 'Enregistrer la remise' }).click();
  const saved = handIn.getByRole('status');
  await saved.waitFor();
  const weaponCode = ((await visibleText(saved)).match(/ARM-[0-9A-Z]{5}/) ?? [''])[0];
  await expect.poll(() => visibleText(card('Armes et munitions remises'))).toContain(weaponCode);
  await screenshot(page, '91-ddr-person-weapon');
  await card('Armes et munitions remises').getByRole('link', { name: weaponCode }).click();
  await heading(page, `Arme ${weaponCode}`);
  const move = card('Mouvement suivant');
  await move.getByLabel('Date', { exact: true }).fill('15/03/2020');
  await move.getByLabel('À (nouveau détenteur)').fill('Magasinier Traoré');
  await move.getByLabel('Vers (nouveau lieu)').fill('Magasin du site');
  await move.getByRole('button', { name: 'Enregistrer le mouvement' }).click();
  const chain = card('Chaîne de détention').locator('tbody tr');
  await expect.poll(() => chain.count()).toBe(2);
  expect(await visibleText(chain.last())).toContain('Capitaine Diallo · Site de cantonnement de Likrakar');
  expect(await visibleText(chain.last())).toContain('Magasinier Traoré · Magasin du site');
  await screenshot(page, '91-ddr-weapon');
  expect(await accessibilityViolations(page)).toEqual([]);

  // The site's occupancy: one person cantoned there.
  await page.getByRole('link', { name: SITE }).click();
  await heading(page, `Site : ${SITE}`);
  await expect.poll(() => visibleText(page.getByTestId('site-occupancy'))).toBe('1 / 600');
  await screenshot(page, '89-ddr-site');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.goto(`${server.url}/ddr/registre/${firstCode}`);
  await heading(page, `Personne ${firstCode}`);

  await step('Désarmement');
  await step('Démobilisation');
  await step('Intégration', (form) =>
    form.getByLabel('Force de défense ou de sécurité').selectOption({ label: 'Forces armées maliennes (FAMa)' }),
  );
  const facts = await visibleText(card('Dossier'));
  for (const expected of ['Intégré', SITE, 'Forces armées maliennes (FAMa)', 'Référence nationale enregistrée (chiffrée)'])
    expect(facts).toContain(expected);
  expect(facts).not.toContain('CNDDR-2020-004512');
  expect(await card('Étapes').locator('tbody tr').count()).toBe(7);
  await screenshot(page, '91-ddr-person');
  expect(await accessibilityViolations(page)).toEqual([]);

  // The identity, with a reason recorded in the audit log.
  await page.getByRole('button', { name: 'Révéler l’identité' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Motif').fill('Vérification avant intégration aux FAMa');
  await dialog.getByRole('button', { name: 'Révéler' }).click();
  const identity = page.locator('.protection-identity');
  await identity.waitFor();
  expect(await visibleText(identity)).toContain('Mohamed Ag Intalla');
  expect(await visibleText(identity)).toContain('CNDDR-2020-004512');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: /^Masquer l’identité/ }).click();
  await onPhone('92-ddr-person-phone');

  // In English.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, `Person ${firstCode}`);
  // The page's own words change at once; the record's, named by the server, once read again in English.
  await expect.poll(() => visibleText(card('Record'))).toContain('Malian Armed Forces (FAMa)');
  await screenshot(page, '91-ddr-person-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, `Personne ${firstCode}`);

  // Demobilised: the site is empty again.
  await page.goto(`${server.url}/ddr/sites`);
  await heading(page, 'Sites de cantonnement');
  await card('Sites de cantonnement').getByRole('link', { name: SITE }).click();
  await heading(page, `Site : ${SITE}`);
  await expect.poll(() => visibleText(page.getByTestId('site-occupancy'))).toBe('0 / 600');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, `Site: ${SITE}`);
  await screenshot(page, '89-ddr-site-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, `Site : ${SITE}`);

  // A child is referred to Child Protection and takes no step.
  await register('Issa Ag Alhousseini', '01/06/2004');
  expect(await visibleText(page.getByRole('alert').first())).toContain('transmis à la Protection de l’enfance');
  expect(await page.getByRole('heading', { level: 2, name: 'Enregistrer une étape' }).count()).toBe(0);

  // The same man again, spelled otherwise, for the review queue.
  await register('Mahamadou ag-Intala', '10/03/1985');
  expect(await visibleText(card('Doublons possibles'))).toContain(firstCode);

  await page.goto(`${server.url}/ddr/registre`);
  await heading(page, 'Personnes');
  await card('Personnes').locator('tbody tr').first().waitFor();
  expect(await card('Personnes').locator('tbody tr').count()).toBe(3);
  expect(await visibleText(card('Personnes'))).not.toContain('Intalla');
  await screenshot(page, '93-ddr-registry');
  expect(await accessibilityViolations(page)).toEqual([]);
  await onPhone('94-ddr-registry-phone');
  expect(browserErrors).toEqual([]);
  await signOut(OFFICER);
}, 120_000);

test('the section’s manager confirms the duplicate; progress counts one integrated person against the 3 000; a Force officer reads only the counts', async () => {
  await signIn(MANAGER);
  await page.goto(`${server.url}/ddr/doublons`);
  await heading(page, 'Doublons possibles à examiner');
  const row = card('Doublons possibles à examiner').locator('tbody tr').filter({ hasText: firstCode });
  await row.waitFor();
  await screenshot(page, '95-ddr-duplicates');
  expect(await accessibilityViolations(page)).toEqual([]);
  await row.getByRole('button', { name: /^Même personne/ }).click();
  await page.getByRole('status').filter({ hasText: 'Décision enregistrée.' }).waitFor();
  await page.getByText('Aucun doublon possible en attente.').waitFor();

  await page.goto(`${server.url}/ddr`);
  await heading(page, 'Désarmement, démobilisation et réintégration');
  const progress = card('Intégration au regard de l’objectif');
  await progress.getByText(/sur un objectif/).waitFor();
  const text = await visibleText(progress);
  expect(text).toContain('1 personne intégrée sur un objectif de 3 000');
  expect(text).toContain('Enfants transmis à la Protection de l’enfance : 1');
  expect(await visibleText(card('Chiffres de la fiche d’information (sources publiées, non recalculés)'))).toContain('1 747');
  await screenshot(page, '96-ddr-progress');
  expect(await accessibilityViolations(page)).toEqual([]);
  await onPhone('97-ddr-progress-phone');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Disarmament, demobilisation and reintegration');
  await screenshot(page, '96-ddr-progress-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Désarmement, démobilisation et réintégration');
  await signOut(MANAGER);

  await signIn(FORCE);
  await page.goto(`${server.url}/ddr`);
  await heading(page, 'Désarmement, démobilisation et réintégration');
  await card('Intégration au regard de l’objectif')
    .getByText(/sur un objectif/)
    .waitFor();
  expect(await page.getByRole('link', { name: 'Registre DDR' }).count()).toBe(0);
  await page.goto(`${server.url}/ddr/registre/${firstCode}`);
  await heading(page, 'Page introuvable');
  // Outside the section, the site's small counts are hidden.
  await page.goto(`${server.url}/ddr/sites`);
  await heading(page, 'Sites de cantonnement');
  await card('Sites de cantonnement').getByRole('link', { name: SITE }).waitFor();
  expect(await visibleText(page.locator('main'))).toContain('est masqué');
  await screenshot(page, '98-ddr-sites-outside');
  expect(browserErrors).toEqual([]);
}, 120_000);
