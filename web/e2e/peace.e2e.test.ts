import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { getProvision, importProvisionsCsv, updateProvision } from '../../src/modules/peace/peace.service.js';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, navigate, openApp, screenshot, visibleText } from './support.js';

/**
 * The peace process in a real browser: a Mediation officer records a CSA session with its
 * attendance by delegation and sex and sees the women's share against the 30 % quota, records a
 * decision, scores two provisions of the Agreement with their evidence, and the implementation
 * dashboard moves; in French and in English, on a desktop and on a phone.
 */

const OFFICER = { name: 'Aminata Traoré', email: 'aminata.traore@minusma.test' };
const FIXTURE = readFileSync(new URL('../../tests/fixtures/peace-provisions.csv', import.meta.url), 'utf8');

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];
let officer: Parameters<typeof updateProvision>[1];

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  const user = await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'MED', role: 'officer' }] });
  // The Agreement's provisions as Mediation imports them (test texts, not the Agreement's).
  const actor = { id: user.id, label: OFFICER.name, admin: false, auditor: false, memberships: new Map([['MED', 'officer' as const]]) };
  officer = actor;
  const report = await importProvisionsCsv(server.ctx, actor, FIXTURE, { unit: 'MED', classification: 'internal' }, 'fr');
  expect(report.imported).toBe(4);
}, 60_000);

afterAll(async () => app?.close());

function card(title: string): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
}

async function checked(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await accessibilityViolations(page)).toEqual([]);
}

test('a Mediation officer records a CSA session and a decision, scores two provisions, and the dashboard moves', async () => {
  // 1. Sign in; the navigation leads to the Agreement.
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await navigate(page, 'Politique et paix', 'Accord de paix');
  await heading(page, 'L’Accord pour la paix et la réconciliation au Mali');
  const political = card('Questions politiques et institutionnelles');
  await political.getByRole('link', { name: 'T-1' }).waitFor();
  expect(await visibleText(page.getByRole('main'))).toContain('annonce « ses quatre sous-comités » du CSA et en nomme 5');
  await checked('90-peace-agreement-fr');

  // 2. The dashboard has nothing yet.
  await page.getByRole('link', { name: 'Tableau de bord de la mise en œuvre' }).click();
  await heading(page, 'Mise en œuvre de l’Accord : tableau de bord');
  await card('Questions politiques et institutionnelles').getByText('Aucune note pour ce pilier.').waitFor();

  // 3. A CSA session with two delegations: 3 women of 15, under the quota.
  await page.getByRole('link', { name: 'Retour à l’Accord' }).click();
  await page.getByRole('link', { name: 'Sessions du CSA et participation des femmes' }).click();
  await heading(page, 'Sessions du CSA et de ses sous-comités');
  const form = card('Enregistrer une session');
  await form.getByLabel('Date', { exact: true }).fill('10/02/2020');
  await form.getByLabel('Lieu').fill('Bamako');
  await form.getByLabel('Présidence (facultatif)').fill('Algérie');
  await form.getByLabel('Délégation 1', { exact: true }).fill('Gouvernement du Mali');
  await form.getByLabel('Femmes (délégation 1)').fill('3');
  await form.getByLabel('Hommes (délégation 1)').fill('7');
  await form.getByRole('button', { name: 'Ajouter une délégation' }).click();
  await form.getByLabel('Délégation 2', { exact: true }).fill('CMA');
  await form.getByLabel('Femmes (délégation 2)').fill('0');
  await form.getByLabel('Hommes (délégation 2)').fill('5');
  await form.getByRole('button', { name: 'Enregistrer la session' }).click();
  await heading(page, /^Comité de Suivi de l’Accord \(CSA\) — 10 février 2020$/);
  const attendance = card('Présences et part des femmes');
  const summary = await visibleText(attendance.locator('.quota-summary'));
  expect(summary).toContain('20 %');
  expect(summary).toContain('sous le quota');
  expect(summary).toContain('3 femmes, 12 hommes (15)');
  expect(await visibleText(attendance.getByRole('row').filter({ hasText: 'Gouvernement du Mali' }))).toContain('quota atteint');

  // 4. A decision, then its follow-up.
  const decisions = card('Décisions et recommandations');
  await decisions.getByLabel('Texte').fill('Accélérer le cantonnement');
  await decisions.getByLabel('Responsable (facultatif)').fill('Gouvernement du Mali');
  await decisions.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await decisions.getByRole('cell', { name: 'Accélérer le cantonnement', exact: true }).waitFor();
  // Each follow-up is written against the version read: the page reads the session again after each.
  const sessionRead = () =>
    page.waitForResponse((r) => /^\/api\/peace\/sessions\/[0-9a-f-]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'GET');
  const patched = () => page.waitForResponse((r) => r.url().includes('/api/peace/decisions/') && r.request().method() === 'PATCH');
  let written = patched();
  let reread = sessionRead();
  await decisions.getByLabel('Statut de « Accélérer le cantonnement »').selectOption('in_progress');
  expect((await written).status()).toBe(200);
  await reread;
  written = patched();
  reread = sessionRead();
  await decisions.getByLabel('Suivi de « Accélérer le cantonnement »').fill('Calendrier adopté le 12 février');
  await decisions.getByRole('button', { name: 'Enregistrer le suivi' }).click();
  expect((await written).status()).toBe(200);
  await reread;
  await page.reload();
  await heading(page, /^Comité de Suivi de l’Accord \(CSA\) — 10 février 2020$/);
  expect(await decisions.getByLabel('Suivi de « Accélérer le cantonnement »').inputValue()).toBe('Calendrier adopté le 12 février');
  expect(await decisions.getByLabel('Statut de « Accélérer le cantonnement »').inputValue()).toBe('in_progress');
  await checked('91-peace-session-fr');

  // 5. Two provisions scored with their evidence.
  const score = async (code: string, level: string, evidence: string) => {
    await navigate(page, 'Politique et paix', 'Accord de paix');
    await heading(page, 'L’Accord pour la paix et la réconciliation au Mali');
    await page.getByRole('link', { name: code, exact: true }).click();
    await heading(page, `Disposition ${code}`);
    const scoring = card('Noter la mise en œuvre');
    await scoring.getByLabel('Période').fill('2020');
    await scoring.getByLabel('Note (échelle PAM)').selectOption(level);
    await scoring.getByLabel('Éléments de preuve').fill(evidence);
    await scoring.getByLabel('Lien (facultatif)').fill('https://minusma.unmissions.org/communique');
    await scoring.getByRole('button', { name: 'Enregistrer la note' }).click();
    await scoring.getByText('Note enregistrée pour 2020.').waitFor();
    await card('Mise en œuvre au fil du temps')
      .getByRole('cell', { name: new RegExp(evidence) })
      .waitFor();
  };
  await score('T-1', '2', 'Communiqué de la session du CSA');
  await checked('92-peace-provision-fr');
  await score('T-2', '1', 'Décision du sous-comité');

  // 6. The dashboard moved: two provisions scored in 2020, average 1.5.
  await page.getByRole('link', { name: 'Retour à l’Accord' }).click();
  await page.getByRole('link', { name: 'Tableau de bord de la mise en œuvre' }).click();
  const row = card('Questions politiques et institutionnelles').getByRole('row').filter({ hasText: '2020' });
  const text = await visibleText(row);
  expect(text).toContain('2 / 2');
  expect(text).toContain('1,5');
  await checked('93-peace-dashboard-fr');

  // 7. In English, on a desktop and on a phone.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Implementation of the Agreement: dashboard');
  expect(await visibleText(card('Political and institutional questions').getByRole('row').filter({ hasText: '2020' }))).toContain('1.5');
  await checked('94-peace-dashboard-en');
  await page.getByRole('link', { name: 'Back to the Agreement' }).click();
  await page.getByRole('link', { name: 'CSA sessions and women’s participation' }).click();
  await heading(page, 'Sessions of the CSA and its sub-committees');
  expect(await visibleText(card('Women’s participation (30% quota)'))).toContain('below the quota');
  await checked('95-peace-sessions-en');
  await page.getByRole('link', { name: /10 February 2020/ }).click();
  await heading(page, /^Agreement Monitoring Committee \(CSA\) — 10 February 2020$/);
  await checked('96-peace-session-en');
  // On a phone the language switch sits in the menu: the language is chosen at desktop width first.
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, /^Comité de Suivi de l’Accord \(CSA\) — 10 février 2020$/);
  await page.setViewportSize({ width: 390, height: 844 });
  await checked('97-peace-session-fr-phone');
  await page.getByRole('link', { name: 'Retour aux sessions' }).click();
  await page.getByRole('link', { name: 'Retour à l’Accord' }).click();
  await heading(page, 'L’Accord pour la paix et la réconciliation au Mali');
  await checked('98-peace-agreement-fr-phone');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'The Agreement for Peace and Reconciliation in Mali');
  await checked('99-peace-agreement-en');
  await page.setViewportSize({ width: 390, height: 844 });
  await checked('99-peace-agreement-en-phone');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  expect(browserErrors).toEqual([]);
}, 240_000);

test('a provision and a session are corrected on their pages; a correction that lost a race shows both versions', async () => {
  await navigate(page, 'Politique et paix', 'Accord de paix');
  await heading(page, 'L’Accord pour la paix et la réconciliation au Mali');
  await page.getByRole('link', { name: 'T-3', exact: true }).click();
  await heading(page, 'Disposition T-3');
  const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  await page.getByRole('button', { name: 'Corriger la disposition' }).click();
  const form = card('Corriger la disposition');
  await form.getByLabel('Parties responsables (facultatif)').fill('Gouvernement, Plateforme');
  // Someone saves the same provision meanwhile: another party responsible, and a deadline.
  const current = await getProvision(server.ctx, officer, id);
  await updateProvision(server.ctx, officer, id, { responsible: 'CMA', deadline: '2021-06-30', version: current.version });
  await form.getByRole('button', { name: 'Enregistrer la disposition' }).click();
  const resolver = form.getByRole('alert');
  await resolver.getByText('Quelqu’un a enregistré cette disposition pendant votre correction').waitFor();
  const both = await visibleText(resolver);
  expect(both).toContain('Gouvernement, Plateforme');
  expect(both).toContain('CMA');
  await checked('9a-peace-provision-conflict-fr');
  await resolver.getByLabel('Prendre la version enregistrée').check();
  await form.getByRole('button', { name: 'Enregistrer la disposition' }).click();
  await page.getByText('Disposition enregistrée.').waitFor();
  const facts = card('La disposition');
  await expect.poll(() => visibleText(facts)).toContain('CMA');
  expect(await visibleText(facts)).toContain('30 juin 2021');

  // A session's attendance corrected: the share is computed again.
  await navigate(page, 'Politique et paix', 'Accord de paix');
  await page.getByRole('link', { name: 'Sessions du CSA et participation des femmes' }).click();
  await page.getByRole('link', { name: /10 février 2020/ }).click();
  await heading(page, /^Comité de Suivi de l’Accord \(CSA\) — 10 février 2020$/);
  await page.getByRole('button', { name: 'Corriger la session' }).click();
  const session = card('Corriger la session');
  await session.getByLabel('Hommes (délégation 2)').fill('4');
  await session.getByRole('button', { name: 'Enregistrer la session' }).click();
  await page.getByText('Session enregistrée.').waitFor();
  await expect
    .poll(() => visibleText(card('Présences et part des femmes').locator('.quota-summary')))
    .toContain('3 femmes, 11 hommes (14)');
  await checked('9b-peace-session-corrected-fr');
  expect(browserErrors).toEqual([]);
}, 120_000);
