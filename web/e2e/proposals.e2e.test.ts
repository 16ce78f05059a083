import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  accessibilityViolations,
  type BrowserFixture,
  collectBrowserErrors,
  heading,
  openApp,
  SCREENSHOTS,
  visibleText,
} from './support.js';

/**
 * Public content changes by proposal, in a real browser against the real server with the
 * MINUSMA 2020 fact book: an officer of the Force proposes a change to a public task (French);
 * the public section does not change; a manager of the Force sees the pending proposal, its
 * words removed and added, and publishes it (English); the public section and the text's history
 * then show it, with who proposed and who published. A second proposal is rejected with a reason
 * on a phone, in French. Desktop 1366×900 and phone 390×844.
 */

const OFFICER = { name: 'Oumar Maïga', email: 'oumar.maiga.proposals@minusma.test' };
const MANAGER = { name: 'Mariam Coulibaly', email: 'mariam.coulibaly.proposals@minusma.test' };
const TASK_START = 'Par ailleurs et en renforcement des efforts';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let app: BrowserFixture;
let server: TestServer;
const errors: string[] = [];

beforeAll(async () => {
  app = await openApp();
  server = app.server;
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
  await buildUser(server.ctx, { ...MANAGER, locale: 'en', memberships: [{ unit: 'FORCE', role: 'manager' }] });
}, 60_000);

afterAll(async () => app?.close());

/** A page of its own for one person, signed in, on the Force's section. */
async function signedIn(
  user: { email: string },
  locale: 'fr-FR' | 'en-GB',
  labels: { email: string; password: string; submit: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ viewport: DESKTOP, locale });
  const page = await context.newPage();
  collectBrowserErrors(page, errors);
  await page.goto(`${server.url}/login`);
  await page.locator('main h1').waitFor();
  if (locale === 'en-GB') await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByLabel(labels.email).fill(user.email);
  await page.getByLabel(labels.password, { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.goto(`${server.url}/sections/FORCE`);
  await heading(page, 'FORCE');
  return { context, page };
}

/** What a reader without an account reads of the Force's tasks. */
async function publicTexts(): Promise<string[]> {
  const response = await fetch(`${server.url}/api/sections/FORCE`);
  return ((await response.json()) as { texts: { body: string }[] }).texts.map((text) => text.body);
}

function textItem(page: Page, start: string): Locator {
  return page.locator('.text-block, .text-list > li').filter({ hasText: start });
}

async function fitsWidth(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test('an officer proposes, the public text waits, a manager publishes; the history shows the words changed', async () => {
  // 1. The officer proposes a change to a public task: the button says so, the form too.
  const officer = await signedIn(OFFICER, 'fr-FR', { email: 'Adresse e-mail', password: 'Mot de passe', submit: 'Se connecter' });
  let page = officer.page;
  const task = textItem(page, TASK_START);
  await task.getByRole('button', { name: /^Proposer une modification/ }).click();
  const field = task.getByLabel('Texte', { exact: true });
  const original = await field.inputValue();
  const proposed = `${original.replace('renforcement des efforts', 'appui aux efforts')} Patrouilles renforcées à Tessalit.`;
  await field.fill(proposed);
  expect(await visibleText(task)).toContain('il changera quand un responsable de la section');
  await task.getByRole('button', { name: 'Envoyer la proposition' }).click();
  await task.getByText('Proposition envoyée').waitFor();

  // 2. Nothing public changed: the page and the public API still show the text as it was.
  expect(await visibleText(textItem(page, TASK_START))).not.toContain('Tessalit');
  expect(await publicTexts()).toContain(original);
  expect((await publicTexts()).some((body) => body.includes('Tessalit'))).toBe(false);

  // 3. The pending proposal, word by word; its author may withdraw it, not publish it.
  const panel = page.locator('section.proposals');
  await panel.getByRole('heading', { name: /Propositions en attente/ }).waitFor();
  await panel.locator('.proposal').first().waitFor();
  expect(await visibleText(panel)).toContain('1 proposition en attente');
  expect(await panel.locator('del').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('renforcement des')]));
  expect((await panel.locator('ins').allTextContents()).join(' ')).toContain('Tessalit');
  expect(await panel.getByRole('button', { name: 'Publier' }).count()).toBe(0);
  await panel.getByRole('button', { name: 'Retirer' }).waitFor();
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}proposals-01-officer-fr-desktop.png` });
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.setViewportSize(PHONE);
  await fitsWidth(page);
  await panel.screenshot({ path: `${SCREENSHOTS}proposals-02-officer-fr-phone.png` });

  // 4. The manager, in English, sees it awaiting their review and publishes it.
  const manager = await signedIn(MANAGER, 'en-GB', { email: 'E-mail address', password: 'Password', submit: 'Sign in' });
  page = manager.page;
  // The home page counts what awaits the manager's review and leads to the section.
  await page.goto(`${server.url}/`);
  const card = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Pending proposals' }) });
  await card.waitFor();
  expect(await visibleText(card)).toContain('1 awaits your review');
  await card.getByRole('link', { name: /1 proposal$/ }).click();
  await heading(page, 'FORCE');
  const review = page.locator('section.proposals');
  await review.getByRole('heading', { name: /Pending proposals/ }).waitFor();
  await review.locator('.proposal').first().waitFor();
  const reviewText = await visibleText(review);
  expect(reviewText).toContain('1 pending proposal, 1 of them awaits your review');
  expect(reviewText).toContain(`Proposed by ${OFFICER.name}`);
  expect(reviewText).toContain('Removed words are struck through, added words underlined.');
  await review.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}proposals-03-manager-en-desktop.png` });
  expect(await accessibilityViolations(page)).toEqual([]);
  await review.getByRole('button', { name: 'Publish' }).click();
  await review.getByText('Proposal published').waitFor();

  // 5. Public now: the page, the public API; the history names who proposed and who published.
  const published = textItem(page, 'Par ailleurs et en appui aux efforts');
  await published.waitFor();
  expect(await publicTexts()).toContain(proposed);
  await published.getByRole('button', { name: /^History/ }).click();
  const history = published.locator('.history');
  await history.locator('.history-entry').first().waitFor();
  const historyText = await visibleText(history);
  expect(historyText).toContain(`Proposed by ${OFFICER.name}`);
  expect(historyText).toContain(`published by ${MANAGER.name}`);
  expect(await history.locator('.history-words del').first().textContent()).toContain('renforcement des');
  expect((await history.locator('.history-words ins').allTextContents()).join(' ')).toContain('Tessalit');
  await published.screenshot({ path: `${SCREENSHOTS}proposals-04-history-en-desktop.png` });
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.setViewportSize(PHONE);
  await fitsWidth(page);
  await published.screenshot({ path: `${SCREENSHOTS}proposals-05-history-en-phone.png` });

  // 6. The officer proposes again; the manager, on a phone in French, rejects it with a reason.
  page = officer.page;
  await page.setViewportSize(DESKTOP);
  await page.reload();
  const again = textItem(page, 'Par ailleurs et en appui aux efforts');
  await again.getByRole('button', { name: /^Proposer une modification/ }).click();
  await again.getByLabel('Texte', { exact: true }).fill(`${proposed} Et à Ber.`);
  await again.getByRole('button', { name: 'Envoyer la proposition' }).click();
  await again.getByText('Proposition envoyée').waitFor();

  page = manager.page;
  await page.setViewportSize(DESKTOP);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await page.setViewportSize(PHONE);
  await page.reload();
  await heading(page, 'FORCE');
  const second = page.locator('section.proposals');
  await second.getByRole('heading', { name: /Propositions en attente/ }).waitFor();
  await second.locator('.proposal').first().waitFor();
  expect(await visibleText(second)).toContain('dont 1 attend votre relecture');
  expect((await second.locator('ins').allTextContents()).join(' ')).toContain('Ber');
  await second.getByRole('button', { name: 'Rejeter' }).click();
  await second.getByRole('button', { name: 'Confirmer le rejet' }).click();
  await second.getByRole('alert').waitFor();
  expect(await visibleText(second.getByRole('alert'))).toContain('Indiquez le motif du rejet.');
  await second.getByLabel('Motif du rejet').fill('Ber n’est pas dans la zone de la Force en 2020.');
  await fitsWidth(page);
  await second.screenshot({ path: `${SCREENSHOTS}proposals-06-manager-fr-phone.png` });
  expect(await accessibilityViolations(page)).toEqual([]);
  await second.getByRole('button', { name: 'Confirmer le rejet' }).click();
  await second.getByText('Proposition rejetée.').waitFor();
  expect(await visibleText(second)).toContain('Aucune proposition en attente pour cette section.');
  expect((await publicTexts()).some((body) => body.includes('Ber.'))).toBe(false);

  await officer.context.close();
  await manager.context.close();
  expect(errors).toEqual([]);
}, 180_000);
