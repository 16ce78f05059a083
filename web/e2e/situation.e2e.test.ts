import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Incident } from '../../src/contracts/incidents.js';
import type { Operation } from '../../src/contracts/operations.js';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import { openDocx } from '../../tests/helpers/docx.js';
import { incidentInput } from '../../tests/helpers/incidents.js';
import { operationInput } from '../../tests/helpers/operations.js';
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
 * A JOC officer opens the map of the day from the operations log: the Force's patrol under way
 * is drawn with its route, the day's incident listed, the team sites marked; then assembles the
 * day's situation report, edits its outlook, releases it (frozen from then on) and downloads its
 * PDF and its DOCX, marked with its class. On the operation form, a route is drawn by clicks on the map, the
 * last point undone and the drawing cleared, the text of the points following. Needs dist/web and
 * Chromium at /usr/bin/chromium.
 */

const JOC = { name: 'Mariam Diallo', email: 'mariam.diallo.situation@minusma.test' };
const FORCE = { name: 'Ibrahim Keïta', email: 'ibrahim.keita.situation@minusma.test' };
const PATROL = 'Patrouille motorisée Gao – Ménaka (situation)';

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let incident: Incident;

beforeAll(async () => {
  app = await openApp();
  ({ server, page } = app);
  await buildUser(server.ctx, { ...JOC, memberships: [{ unit: 'OSRSG', role: 'officer' }] });
  await buildUser(server.ctx, { ...FORCE, memberships: [{ unit: 'FORCE', role: 'officer' }] });
  const joc = await signedInCaller(server, JOC.email);
  const force = await signedInCaller(server, FORCE.email);
  const today = new Date().toISOString().slice(0, 10);
  incident = await force<Incident>('POST', '/api/incidents', incidentInput({ occurredOn: today, title: 'Tirs près du marché de Ménaka' }));
  incident = await force<Incident>('POST', `/api/incidents/${incident.ref}/transitions`, { action: 'submit', version: incident.version });
  let patrol = await joc<Operation>('POST', '/api/operations', operationInput({ titleFr: PATROL }));
  patrol = await joc<Operation>('POST', `/api/operations/${patrol.id}/transitions`, { action: 'order', version: patrol.version });
  await force<Operation>('POST', `/api/operations/${patrol.id}/transitions`, { action: 'start', version: patrol.version });
}, 60_000);

afterAll(async () => app?.close());

async function signIn(email: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');
}

test('a JOC officer opens the day’s map, assembles the day’s SITREP, edits a section, releases it and downloads its PDF and DOCX', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(JOC.email);
  // The Situation group lists the day's picture, the reports and the Force's daily work.
  const nav = await navigate(page, 'Situation');
  for (const link of ['Situation du jour', 'SITREP', 'Contrôle des mouvements', 'Appui aux forces maliennes']) {
    await nav.getByRole('link', { name: link, exact: true }).waitFor();
  }
  await screenshot(page, 'situation-00-navigation', false);
  await navigate(page, 'Situation', 'Situation du jour');
  await heading(page, 'Carte de la situation du jour');
  const main = page.locator('main');
  await expect.poll(() => visibleText(main)).toContain(PATROL);
  expect(await visibleText(main)).toContain(incident.ref);
  expect(await visibleText(main)).toContain('Tombouctou');
  expect(await page.locator('.mali-map path.map-route').count()).toBe(1);
  expect(await page.locator('.mali-map path.map-point-site').count()).toBe(9);
  expect(await page.locator('.mali-map path.map-point-incident').count()).toBe(1);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'situation-01-map-of-the-day-fr');

  await page.getByRole('link', { name: 'Rapports de situation' }).click();
  await heading(page, 'Rapports de situation (SITREP)');
  await page.getByRole('button', { name: 'Assembler le rapport' }).click();
  await heading(page, /^Rapport de situation quotidien/);
  await expect.poll(() => visibleText(main)).toContain('Diffusion restreinte');
  expect(await page.getByLabel('Opérations', { exact: true }).inputValue()).toContain(PATROL);
  expect(await page.getByLabel('Incidents', { exact: true }).inputValue()).toContain(incident.ref);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'situation-02-sitrep-draft-fr');

  await page.getByLabel('Perspectives', { exact: true }).fill('Escorte de matériel électoral prévue vers Ménaka demain.');
  await page
    .locator('form', { has: page.getByLabel('Perspectives', { exact: true }) })
    .getByRole('button', { name: 'Enregistrer la section' })
    .click();
  await page.getByText('Section enregistrée.').waitFor();
  await page.getByRole('button', { name: 'Diffuser le rapport' }).click();
  await page.getByText('Rapport diffusé : il est figé.').waitFor();
  expect(await page.getByRole('button', { name: 'Enregistrer la section' }).count()).toBe(0);
  expect(await visibleText(main)).toContain('Escorte de matériel électoral prévue vers Ménaka demain.');
  await screenshot(page, 'situation-03-sitrep-released-fr');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le PDF' }).click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const pdf = await readFile(path);
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  expect(download.suggestedFilename()).toMatch(/^sitrep-mission-\d{4}-\d{2}-\d{2}\.pdf$/);

  const [word] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le DOCX (Word)' }).click()]);
  expect(word.suggestedFilename()).toMatch(/^sitrep-mission-\d{4}-\d{2}-\d{2}\.docx$/);
  const docx = openDocx(await readFile(await word.path()));
  expect(docx.headers).toEqual(['DIFFUSION RESTREINTE']);
  expect(docx.document).toContain('Escorte de matériel électoral prévue vers Ménaka demain.');
  expect(docx.document).toContain(PATROL);
}, 120_000);

test('a route is drawn by clicks on the operation form’s map, its last point undone, then cleared', async () => {
  await page.goto(`${server.url}/operations/nouvelle`);
  await heading(page, 'Planifier une opération');
  const map = page.locator('.route-drawer .mali-map');
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  if (!box) throw new Error('no map');
  const points = page.getByLabel('Points du tracé');
  await page.mouse.click(box.x + box.width * 0.45, box.y + box.height * 0.45);
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.5);
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.4);
  await expect.poll(async () => (await points.inputValue()).split('\n').length).toBe(3);
  expect(await points.inputValue()).toMatch(/^\d+\.\d{5}, -?\d+\.\d{5}$/m);
  await expect.poll(() => page.locator('.route-drawer path.map-route').count()).toBe(1);
  expect(await page.locator('.route-drawer path.map-point-vertex').count()).toBe(3);
  await screenshot(page, 'situation-04-route-drawn-fr');
  await page.getByRole('button', { name: 'Annuler le dernier point' }).click();
  expect((await points.inputValue()).split('\n').length).toBe(2);
  await page.getByLabel('Forme').selectOption('Polygon');
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.6);
  await expect.poll(() => page.locator('.route-drawer path.map-area').count()).toBe(1);
  await screenshot(page, 'situation-05-area-drawn-fr');
  await page.getByRole('button', { name: 'Effacer le tracé' }).click();
  expect(await points.inputValue()).toBe('');
  expect(await accessibilityViolations(page)).toEqual([]);
}, 120_000);
