import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { TestServer } from '../../tests/helpers/server.js';
import { type BrowserFixture, heading, navigate, openApp, SCREENSHOTS, screenshot, visibleText } from './support.js';

/**
 * The app shell in a real browser, against the real server: first-run setup, language switch,
 * creating a user, and that user's first sign-in, on a desktop and on a phone screen.
 * Needs dist/web (the test command builds it first) and Chromium at /usr/bin/chromium.
 */

const ADMIN = { name: 'Amadou Diallo', email: 'amadou.diallo@minusma.test', password: 'sable-fleuve-niger-2020' };
const OFFICER = { name: 'Aïssata Traoré', email: 'aissata.traore@minusma.test' };

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
}, 60_000);

afterAll(async () => app?.close());

function mainText(): Promise<string> {
  return visibleText(page.getByRole('main'));
}

function nav(): Locator {
  return page.getByRole('navigation', { name: 'Navigation principale' });
}

async function signOut(userName: string): Promise<void> {
  await page.getByRole('button', { name: userName, exact: true }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await heading(page, 'Connexion');
  expect(await mainText()).toContain('Vous êtes déconnecté.');
}

test('first administrator sets Mandat up, creates a user, who then signs in', async () => {
  // 1. The one-time setup link creates the first administrator.
  await page.goto(`${server.url}/setup?token=${encodeURIComponent(server.setupToken)}`);
  await heading(page, 'Installation de Mandat');
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  await page.getByLabel('Nom complet').fill(ADMIN.name);
  await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirmer le mot de passe').fill(ADMIN.password);
  await screenshot(page, '01-setup');
  await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();

  // 2. Signed in, on the worklist; from there, the mission at a glance, with the audit chain for an admin.
  await heading(page, 'Mon travail');
  let text = await mainText();
  expect(text).toContain(`Bienvenue, ${ADMIN.name}.`);
  expect(await visibleText(await navigate(page, 'Administration'))).toContain('Utilisateurs');
  await screenshot(page, '02-worklist-admin-fr');
  await page.getByRole('main').getByRole('link', { name: 'La mission en un coup d’œil' }).click();
  await heading(page, 'La mission en un coup d’œil');
  await page.getByText('Chaîne intacte', { exact: false }).waitFor();
  text = await mainText();
  expect(text).toContain('Résolution 2531 (2020) du Conseil de sécurité');
  expect(text).toContain('Chapitre VII de la Charte des Nations Unies');
  expect(text).toContain('L’impartialité');
  expect(text).toContain('Commandant(e) de la Force');
  expect(text).toContain('Division des droits de l’homme et de la protection');
  expect(text).toContain('Vous n’êtes affecté à aucune unité.');
  await screenshot(page, '02-home-admin-fr');

  // The navigation's groups: one line of buttons; each opens its links, with the keyboard too.
  const information = nav().getByRole('button', { name: 'Information', exact: true });
  expect(await information.getAttribute('aria-current')).toBe('true');
  expect(await nav().getByRole('button').count()).toBe(6);
  expect((await nav().boundingBox())?.height).toBeLessThan(60);
  await screenshot(page, '02-nav-desktop-closed', false);
  await information.focus();
  await page.keyboard.press('Enter');
  expect(await information.getAttribute('aria-expanded')).toBe('true');
  expect(await nav().getByRole('link', { name: 'La mission', exact: true }).getAttribute('aria-current')).toBe('page');
  await screenshot(page, '02-nav-desktop-open', false);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('La mission');
  await page.keyboard.press('Escape');
  expect(await information.getAttribute('aria-expanded')).toBe('false');
  expect(await information.evaluate((button) => button === document.activeElement)).toBe(true);
  // Opening another group closes the first; a press elsewhere closes it.
  await navigate(page, 'Situation');
  await navigate(page, 'Programmes');
  expect(await nav().getByRole('link', { name: 'Journal des incidents' }).count()).toBe(0);
  expect(await visibleText(nav())).toContain('Activités');
  await page.mouse.click(900, 600);
  expect(await nav().getByRole('link', { name: 'Activités' }).count()).toBe(0);

  // 3. English and back: the visible text changes, and so does <html lang>.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'The mission at a glance');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  text = await mainText();
  expect(text).toContain('Security Council resolution 2531 (2020)');
  expect(text).toContain('Human Rights and Protection Division');
  await screenshot(page, '03-home-admin-en');
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'La mission en un coup d’œil');
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');

  // 4. The administrator creates an account: UNPOL viewer, with a generated password (a unit
  //    without confidential content, so the membership takes effect at once).
  await navigate(page, 'Administration', 'Utilisateurs');
  await heading(page, 'Utilisateurs');
  await page.getByLabel('Nom', { exact: true }).fill(OFFICER.name);
  await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
  await page.getByLabel('Unité (affectation 1)').selectOption('UNPOL');
  await page.getByLabel('Rôle (affectation 1)').selectOption('viewer');
  await page.getByLabel('Générer un mot de passe').check();
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  const generated = page.getByLabel('Mot de passe généré');
  await generated.waitFor();
  const officerPassword = await generated.inputValue();
  expect(officerPassword.length).toBeGreaterThanOrEqual(12);
  text = await mainText();
  expect(text).toContain(`Compte créé pour ${OFFICER.name}.`);
  expect(text).toContain('il ne sera plus jamais affiché');
  const row = page.getByRole('row', { name: new RegExp(OFFICER.name) });
  await row.waitFor();
  const rowText = await visibleText(row);
  expect(rowText).toContain(OFFICER.email);
  expect(rowText).toContain('UNPOL — Lecteur');
  expect(rowText).toContain('Actif');
  await screenshot(page, '04-users-created');

  // 5. Sign out.
  await signOut(ADMIN.name);
  await screenshot(page, '05-signed-out');

  // 6. The new user signs in with the generated password, replaces it with one of their own
  //    (nothing else opens before), and sees their membership.
  await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(officerPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Choisissez votre mot de passe');
  await page.getByLabel('Mot de passe reçu').fill(officerPassword);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('une phrase à moi seul');
  await page.getByLabel('Confirmer le nouveau mot de passe').fill('une phrase à moi seul');
  await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
  await heading(page, 'Mon travail');
  expect(await mainText()).toContain(`Bienvenue, ${OFFICER.name}.`);
  await page.getByRole('main').getByRole('link', { name: 'La mission en un coup d’œil' }).click();
  await heading(page, 'La mission en un coup d’œil');
  await expect.poll(mainText).toContain('Police des Nations Unies (UNPOL) — Lecteur');
  text = await mainText();
  expect(text).toContain('Police des Nations Unies (UNPOL) — Lecteur');
  expect(text).not.toContain('Intégrité du journal d’audit');
  expect(await nav().getByRole('button', { name: 'Administration' }).count()).toBe(0);
  await screenshot(page, '06-home-officer');

  // 7. The same home page on a phone: navigation folds into a menu button.
  await page.setViewportSize({ width: 390, height: 844 });
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  await menu.waitFor();
  expect(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(false);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, '07-home-officer-phone');
  await menu.click();
  expect(await menu.getAttribute('aria-expanded')).toBe('true');
  await page.getByRole('link', { name: 'Accueil' }).waitFor();
  // The current page's group comes unfolded.
  expect(await nav().getByRole('button', { name: 'Information', exact: true }).getAttribute('aria-expanded')).toBe('true');
  await page.screenshot({ path: `${SCREENSHOTS}08-phone-menu-open.png` });
  await navigate(page, 'Information');
  await page.screenshot({ path: `${SCREENSHOTS}08-phone-menu-groups.png` });
  await navigate(page, 'Situation');
  await page.screenshot({ path: `${SCREENSHOTS}08-phone-menu-situation.png` });

  // 8. Sign out from the phone menu.
  await signOut(OFFICER.name);
  expect(browserErrors).toEqual([]);
}, 120_000);
