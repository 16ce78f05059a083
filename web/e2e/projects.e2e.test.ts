import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, navigate, openApp, screenshot, visibleText } from './support.js';

/**
 * A Civil Affairs officer proposes a public QIP of USD 60,000 (refused, naming the rule), then one
 * of USD 45,000; a manager approves it, records a commitment and a disbursement and closes it; it
 * appears in the portfolio, in French and English, on a desktop and a phone, on the portfolio's
 * dashboard and map, and in the IATI export, which validates against the 2.03 schema; with no
 * serious accessibility violation.
 */

const OFFICER = { name: 'Aminata Diallo', email: 'aminata.diallo@minusma.test' };
const MANAGER = { name: 'Ibrahim Maïga', email: 'ibrahim.maiga@minusma.test' };
const TITLE = 'Réhabilitation du forage de Ménaka';

let app: BrowserFixture;
let server: TestServer;
let page: Page;

const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

beforeAll(async () => {
  app = await openApp();
  ({ server, page } = app);
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'CAD', role: 'officer' }] });
  await buildUser(server.ctx, { ...MANAGER, memberships: [{ unit: 'CAD', role: 'manager' }] });
}, 60_000);

afterAll(async () => app?.close());

async function signIn(email: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');
}

async function language(code: 'FR' | 'EN'): Promise<void> {
  const button = page.getByRole('button', { name: code, exact: true });
  if (!(await button.isVisible())) await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await button.click();
}

let projectUrl = '';

test('an officer proposes a QIP of USD 60,000: refused, naming the rule; then USD 45,000', async () => {
  await page.setViewportSize(SIZES[0]);
  await signIn(OFFICER.email);
  await navigate(page, 'Programmes', 'Projets');
  await heading(page, 'Projets et fonds');
  await page.getByRole('link', { name: 'Proposer un projet' }).click();
  await heading(page, 'Proposer un projet');
  await page.getByLabel('Titre en français').fill(TITLE);
  await page.getByLabel('Diffusion').selectOption('public');
  await page.getByLabel('Secteur (code CAD)').selectOption('14030');
  await page.getByLabel('Lieu (répertoire des localités)').selectOption('Ménaka');
  await page.getByLabel('Début prévu').fill('01/09/2020');
  await page.getByLabel('Fin prévue').fill('31/12/2020');
  await page.getByLabel('Date du taux').fill('01/09/2020');
  await page.getByLabel('Budget en USD').fill('60 000');
  await page.getByLabel('Personnes prévues').fill('1200');
  await page.getByLabel('dont femmes (prévues)').fill('640');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Proposer le projet' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await visibleText(alert)).toContain('Règle des QIP : un projet à impact rapide ne peut pas dépasser 50 000 USD');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'projects-01-qip-refused-fr-desktop');

  await page.getByLabel('Budget en USD').fill('45 000');
  await page.getByRole('button', { name: 'Proposer le projet' }).click();
  await heading(page, TITLE);
  projectUrl = page.url();
  expect(await visibleText(page.locator('main'))).toContain('45 000,00 USD');
  expect(await visibleText(page.locator('main'))).toContain('Règle des QIP respectée');
  await page.getByRole('button', { name: 'Marquer comme examiné' }).click();
  await page.getByText('Fait : Marquer comme examiné.').waitFor();
  // The proposer is offered no approval: four eyes.
  expect(await page.getByRole('button', { name: 'Approuver' }).count()).toBe(0);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'projects-02-proposed-fr-desktop');
  await page.getByRole('button', { name: OFFICER.name }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await heading(page, 'Connexion');
}, 120_000);

test('a manager approves it, records a commitment and a disbursement, and closes it', async () => {
  await signIn(MANAGER.email);
  await page.goto(projectUrl);
  await heading(page, TITLE);
  await page.getByRole('button', { name: 'Approuver', exact: true }).click();
  await page.getByText('Fait : Approuver.').waitFor();

  const record = async (kind: string, amount: string) => {
    await page.getByLabel('Nature').selectOption(kind);
    await page.getByLabel('Date', { exact: true }).fill('01/10/2020');
    await page.getByLabel('Montant en USD').fill(amount);
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  };
  await record('commitment', '45 000');
  await page.getByText('Mouvement enregistré.').waitFor();
  // More than is committed: refused, naming the rule, and nothing recorded.
  await record('disbursement', '50 000');
  await page.getByRole('alert').filter({ hasText: 'Les décaissements ne peuvent pas dépasser les engagements.' }).waitFor();
  expect(await page.getByRole('cell', { name: 'Décaissement' }).count()).toBe(0);
  await screenshot(page, 'projects-03-disbursement-refused-fr-desktop');
  await record('disbursement', '45 000');
  await page.getByRole('cell', { name: 'Décaissement' }).waitFor();

  for (const move of ['Démarrer', 'Finaliser', 'Clore']) {
    await page.getByRole('button', { name: move, exact: true }).click();
    await page.getByText(`Fait : ${move}.`).waitFor();
  }
  const facts = await visibleText(page.locator('main'));
  expect(facts).toContain('Clos');
  // Frozen: nothing more to do.
  expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
  expect(await page.getByLabel('Montant en USD').count()).toBe(0);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'projects-04-closed-fr-desktop');
}, 120_000);

test('it appears in the portfolio, French and English, desktop and phone', async () => {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto(`${server.url}/projets?fund=qip`);
    await heading(page, 'Projets et fonds');
    const main = page.locator('main');
    await main.getByRole('link', { name: TITLE }).waitFor();
    expect(await visibleText(main)).toContain('Clos');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, `projects-05-portfolio-fr-${size.name}`);
    await language('EN');
    await heading(page, 'Projects and funds');
    await main.locator('td', { hasText: 'Closed' }).first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, `projects-06-portfolio-en-${size.name}`);
    await main.getByRole('link', { name: TITLE }).click();
    await heading(page, TITLE);
    expect(await visibleText(main)).toContain('USD 45,000.00');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, `projects-07-project-en-${size.name}`);
    await language('FR');
    await heading(page, TITLE);
  }
}, 120_000);

test('it appears on the portfolio’s dashboard and map, French and English, desktop and phone', async () => {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto(`${server.url}/projets?fund=qip`);
    await heading(page, 'Projets et fonds');
    await page.getByRole('link', { name: 'Tableau de bord et carte' }).click();
    await heading(page, 'Tableau de bord du portefeuille');
    expect(page.url()).toContain('/projets/tableau?fund=qip');
    const main = page.locator('main');
    await expect.poll(() => visibleText(main)).toContain('Engagé : 45 000,00 USD');
    const byStatus = main.getByRole('table', { name: /par statut$/ });
    expect(await visibleText(byStatus.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'Clos' }) }))).toContain('1 200');
    expect(await visibleText(main.getByRole('table', { name: /par région/ }))).toContain('Ménaka');
    const marker = main.locator(`[aria-label="Projet : ${TITLE}"]`);
    await marker.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, `projects-08-dashboard-fr-${size.name}`);
    await marker.click();
    const preview = page.getByRole('dialog', { name: TITLE });
    await preview.waitFor();
    expect(await visibleText(preview)).toContain('Clos');
    // Once Leaflet's fade is over.
    await expect.poll(() => page.locator('.leaflet-popup').evaluate((popup) => getComputedStyle(popup).opacity)).toBe('1');
    await screenshot(page, `projects-09-map-preview-fr-${size.name}`, false);
    await preview.getByRole('button', { name: 'Fermer' }).click();
    await language('EN');
    await heading(page, 'Portfolio dashboard');
    await expect.poll(() => visibleText(main)).toContain('Committed: USD 45,000.00');
    await main.locator(`[aria-label="Project: ${TITLE}"]`).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, `projects-10-dashboard-en-${size.name}`);
    await language('FR');
    await heading(page, 'Tableau de bord du portefeuille');
  }
}, 120_000);

test('it is in the IATI export, which validates against the IATI 2.03 schema', async () => {
  const { status, body } = await page.evaluate(async () => {
    const response = await fetch('/api/projects/iati.xml');
    return { status: response.status, body: await response.text() };
  });
  expect(status).toBe(200);
  expect(body).toContain(`<narrative xml:lang="fr">${TITLE}</narrative>`);
  expect(body).toContain('<transaction-type code="3"/>');
  expect(body).toContain('<activity-status code="4"/>');
  const dir = mkdtempSync(join(tmpdir(), 'mandat-e2e-iati-'));
  try {
    const file = join(dir, 'iati.xml');
    writeFileSync(file, body);
    const schema = join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'iati-2.03', 'iati-activities-schema.xsd');
    const lint = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

test('a portfolio CSV is imported all or nothing, with its report line by line', async () => {
  await page.setViewportSize(SIZES[0]);
  await page.goto(`${server.url}/projets`);
  await heading(page, 'Projets et fonds');
  const header = 'fund,title_fr,sector,place,planned_start,planned_end,currency,rate_to_usd,rate_date,budget';
  const file = (lines: string[]) => ({
    name: 'portefeuille.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([header, ...lines].join('\n')),
  });
  await page
    .getByLabel('Fichier CSV')
    .setInputFiles(
      file([
        'qip,Clôture du marché de Gao,14030,Gao,2020-09-01,2020-12-31,USD,1,2020-09-01,45000',
        'qip,Pont de Ménaka,14030,Ménaka,2020-09-01,2020-12-31,USD,1,2020-09-01,60000',
      ]),
    );
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Rien n’a été importé' }).waitFor();
  const errors = page.getByRole('table', { name: 'Erreurs, ligne par ligne' });
  expect(await visibleText(errors)).toContain('Règle des QIP');
  expect(await visibleText(errors)).toContain('budget');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'projects-11-import-refused-fr-desktop');
  await page
    .getByLabel('Fichier CSV')
    .setInputFiles(file(['qip,Clôture du marché de Gao,14030,Gao,2020-09-01,2020-12-31,USD,1,2020-09-01,45000']));
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Import terminé : 1 projet proposé.' }).waitFor();
  await page.locator('main').getByRole('link', { name: 'Clôture du marché de Gao' }).waitFor();
  await screenshot(page, 'projects-12-import-done-fr-desktop');
}, 60_000);
