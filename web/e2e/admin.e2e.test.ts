import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, navigate, openApp, screenshot, visibleText } from './support.js';

/**
 * The administrator's units page and the audit log in a real browser, against the real server:
 * the administrator creates the JOC and the JMAC, renames the Force, is refused a closing that
 * would leave units open below, closes the JOC, and finds the JMAC (not the closed JOC) in the
 * users page's unit picker; then reads the log by names, filters it and exports it. In French and
 * in English, on a desktop (1366×900) and on a phone (390×844). Needs dist/web (the test command
 * builds it first) and Chromium at /usr/bin/chromium.
 */

const ADMIN = { name: 'Fatoumata Diallo', email: 'fatoumata.diallo@minusma.test' };

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await page.setViewportSize({ width: 1366, height: 900 });
  await buildUser(server.ctx, { ...ADMIN, admin: true, secondFactor: false });
}, 60_000);

afterAll(async () => app?.close());

function card(title: string): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title }) });
}

async function signIn(): Promise<void> {
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');
}

async function fitsPhone(name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, `${name}-phone`, false);
  await screenshot(page, `${name}-phone-full`);
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('an administrator creates, renames and closes units, and the pickers follow', async () => {
  await signIn();
  await navigate(page, 'Administration', 'Unités');
  await heading(page, 'Unités');
  const tree = card('Organigramme');
  await tree.getByText('Division des droits de l’homme et de la protection', { exact: true }).waitFor();

  // The JOC and the JMAC, under the mission.
  const create = card('Nouvelle unité');
  for (const [code, fr, en] of [
    ['JOC', 'Centre d’opérations conjoint', 'Joint Operations Centre'],
    ['JMAC', 'Cellule d’analyse conjointe de la mission', 'Joint Mission Analysis Centre'],
  ] as const) {
    await create.getByLabel('Code').fill(code);
    await create.getByLabel('Nom en français').fill(fr);
    await create.getByLabel('Nom en anglais').fill(en);
    await create.getByLabel('Sigle en français (facultatif)').fill(code);
    await create.getByRole('button', { name: 'Créer l’unité' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Unité ${code} créée.` })
      .waitFor();
    await tree.getByText(fr, { exact: true }).waitFor();
  }

  // A code is used once: the refusal is in French.
  await create.getByLabel('Code').fill('JOC');
  await create.getByLabel('Nom en français').fill('Doublon');
  await create.getByLabel('Nom en anglais').fill('Duplicate');
  await create.getByRole('button', { name: 'Créer l’unité' }).click();
  await create.getByRole('alert').filter({ hasText: 'Le code JOC est déjà celui d’une unité.' }).waitFor();

  // Renaming the Force keeps its code.
  await tree.getByRole('button', { name: 'Modifier Force', exact: true }).click();
  const edit = card('Modifier : Force');
  await edit.getByText('Unité chargée de l’aide-mémoire', { exact: false }).waitFor();
  await edit.getByLabel('Nom en français').fill('Force de la MINUSMA');
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('status').filter({ hasText: 'Unité FORCE enregistrée.' }).waitFor();
  await tree.getByText('Force de la MINUSMA', { exact: true }).waitFor();

  // The civilian component has open units below it: it does not close.
  await tree.getByRole('button', { name: 'Modifier Composante civile (sections substantives)' }).click();
  const civil = card('Modifier : Composante civile');
  await civil.getByRole('button', { name: 'Fermer l’unité' }).click();
  await civil.getByRole('alert').filter({ hasText: 'Fermez d’abord les unités qui en dépendent' }).waitFor();
  await civil.getByRole('button', { name: 'Annuler' }).click();

  // The JOC closes.
  await tree.getByRole('button', { name: 'Modifier Centre d’opérations conjoint' }).click();
  await card('Modifier : Centre d’opérations conjoint').getByRole('button', { name: 'Fermer l’unité' }).click();
  await page.getByRole('status').filter({ hasText: 'Unité JOC enregistrée.' }).waitFor();
  await tree
    .locator('li.unit-closed')
    .filter({ hasText: 'Centre d’opérations conjoint' })
    .getByText(/^Fermée le/)
    .waitFor();
  await tree.getByRole('button', { name: 'Modifier Cellule d’analyse conjointe de la mission' }).click();
  await screenshot(page, 'units-fr');
  expect(await accessibilityViolations(page)).toEqual([]);
  await fitsPhone('units-fr');

  // In English.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Units');
  const englishTree = card('Organisation chart');
  await englishTree.getByText('Joint Mission Analysis Centre', { exact: true }).waitFor();
  await englishTree.getByText(/^Closed on/).waitFor();
  const englishCreate = card('New unit');
  await englishCreate.getByLabel('Code').fill('joc 2');
  await englishCreate.getByLabel('Name in French').fill('x');
  await englishCreate.getByLabel('Name in English').fill('x');
  await englishCreate.getByRole('button', { name: 'Create the unit' }).click();
  await englishCreate.getByRole('alert').filter({ hasText: 'Invalid unit code' }).waitFor();
  await screenshot(page, 'units-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await fitsPhone('units-en');
  await page.setViewportSize({ width: 390, height: 844 });
  await englishTree.getByText('Joint Operations Centre', { exact: true }).scrollIntoViewIfNeeded();
  await screenshot(page, 'units-en-phone-tree', false);
  await page.setViewportSize({ width: 1366, height: 900 });

  // The users page's unit picker offers the JMAC, not the closed JOC.
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await navigate(page, 'Administration', 'Utilisateurs');
  await heading(page, 'Utilisateurs');
  const newAccount = card('Créer un compte');
  await newAccount.getByRole('button', { name: 'Ajouter une affectation' }).click();
  const options = await newAccount.locator('select option').allTextContents();
  expect(options.some((option) => option.includes('Cellule d’analyse conjointe de la mission'))).toBe(true);
  expect(options.some((option) => option.includes('Centre d’opérations conjoint'))).toBe(false);
  expect(browserErrors).toEqual([]);
}, 180_000);

test('the audit log names people, actions and records, filters, and exports what it shows', async () => {
  await navigate(page, 'Administration', 'Journal d’audit');
  await heading(page, 'Journal d’audit');
  const log = page.getByRole('table');
  await log.getByText('Unité créée', { exact: true }).first().waitFor();
  const text = await visibleText(log);
  for (const expected of [ADMIN.name, 'Unité fermée', 'Centre d’opérations conjoint (JOC)', 'Unité renommée', 'Connexion']) {
    expect(text).toContain(expected);
  }

  // Only the closings.
  await page.getByLabel('Action').selectOption({ label: 'Unité fermée' });
  await page.getByLabel('Qui').selectOption({ label: `${ADMIN.name} (${ADMIN.email})` });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1);
  expect(await visibleText(log.locator('tbody'))).toContain('Centre d’opérations conjoint (JOC)');
  const exportLink = page.getByRole('link', { name: 'Exporter en CSV' });
  expect(await exportLink.getAttribute('href')).toContain('action=unit.close');
  const download = page.waitForEvent('download');
  await exportLink.click();
  const csv = await readFile((await (await download).path()) as string, 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`;${ADMIN.name};${ADMIN.email};Unité fermée;unit.close;Unité;JOC;Centre d’opérations conjoint (JOC);`);
  await screenshot(page, 'audit-fr');
  expect(await accessibilityViolations(page)).toEqual([]);
  await fitsPhone('audit-fr');
  await page.setViewportSize({ width: 390, height: 844 });
  await log.scrollIntoViewIfNeeded();
  await screenshot(page, 'audit-fr-phone-table', false);
  await page.setViewportSize({ width: 1366, height: 900 });

  // In English, unfiltered.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Audit log');
  await page.getByRole('button', { name: 'Reset' }).click();
  await log.getByText('Unit created', { exact: true }).first().waitFor();
  const english = await visibleText(log);
  for (const expected of ['Unit closed', 'Joint Operations Centre (JOC)', 'Audit log exported', 'Sign-in'])
    expect(english).toContain(expected);
  await screenshot(page, 'audit-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await fitsPhone('audit-en');
  expect(browserErrors).toEqual([]);
}, 180_000);
