import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD, totpCode } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, openApp, screenshot, visibleText } from './support.js';

/**
 * The public landing at `/` and a member's worklist, in French and English, on a desktop
 * (1366×900) and a phone (390×844): screenshots, and no serious accessibility violation.
 */

const CHIEF = { name: 'Fatoumata Coulibaly', email: 'fatoumata.coulibaly@minusma.test' };
const ANALYST = { name: 'Oumar Touré', email: 'oumar.toure@minusma.test' };

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
  await buildUser(server.ctx, { ...CHIEF, memberships: [{ unit: 'FORCE', role: 'manager' }] });
  await buildUser(server.ctx, { ...ANALYST, memberships: [{ unit: 'FORCE', role: 'officer' }] });
}, 60_000);

afterAll(async () => app?.close());

async function language(code: 'FR' | 'EN'): Promise<void> {
  const button = page.getByRole('button', { name: code, exact: true });
  if (!(await button.isVisible())) await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await button.click();
}

test('a visitor at / lands on the public fiche, with a way for staff to sign in', async () => {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto(`${server.url}/`);
    await heading(page, 'Fiche d’information');
    expect(page.url()).toBe(`${server.url}/`);
    const invite = page.getByRole('complementary', { name: 'Personnel de la mission' });
    expect(await visibleText(invite)).toContain('Se connecter / Sign in');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, `worklist-01-landing-fr-${size.name}`, false);
    await language('EN');
    await heading(page, 'Fact sheet');
    expect(await visibleText(page.getByRole('complementary', { name: 'Mission staff' }))).toContain('Sign in / Se connecter');
    await screenshot(page, `worklist-02-landing-en-${size.name}`, false);
    await language('FR');
    await heading(page, 'Fiche d’information');
  }
  await page.setViewportSize(SIZES[0]);
  await page.getByRole('link', { name: 'Se connecter / Sign in' }).click();
  await heading(page, 'Connexion');
});

test('a signed-in member lands on their worklist, with the count in the navigation', async () => {
  // The analyst records and submits an incident: it waits for the chief's verification.
  const analyst = await server.ctx.database.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', ANALYST.email)
    .executeTakeFirstOrThrow();
  expect(analyst.id).toBeTruthy();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(ANALYST.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');
  const created = await page.evaluate(async () => {
    const me = await (await fetch('/api/auth/me')).json();
    const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
    const input = {
      occurredOn: '2020-07-14',
      datePrecision: 'day',
      location: { place: 'Ménaka', precision: 'near' },
      eventType: 'violence_against_civilians',
      subEventType: 'attack',
      actors: [{ actor: 'isgs', role: 'actor1' }],
      casualties: {},
      sources: [{ type: 'community_network', reference: 'Réseau', reliability: 'B', credibility: 2 }],
      title: 'Attaque contre un hameau près de Ménaka',
      description: 'Des hommes armés ont attaqué le hameau.',
      tags: [],
      unit: 'FORCE',
      classification: 'internal',
    };
    const draft = await (await fetch('/api/incidents', { method: 'POST', headers, body: JSON.stringify(input) })).json();
    await fetch(`/api/incidents/${draft.ref}/transitions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'submit', version: draft.version }),
    });
    await fetch('/api/incidents', { method: 'POST', headers, body: JSON.stringify({ ...input, title: 'Brouillon : patrouille à Gao' }) });
    return draft.ref as string;
  });
  await page.getByRole('button', { name: ANALYST.name }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await heading(page, 'Connexion');

  await page.getByLabel('Adresse e-mail').fill(CHIEF.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const code = await totpCode(CHIEF.email);
  expect(code).toBeUndefined();
  await heading(page, 'Mon travail');
  const main = page.getByRole('main');
  await page.getByText('Attaque contre un hameau près de Ménaka').waitFor();
  const text = await visibleText(main);
  expect(text).toContain('Incidents à vérifier 1');
  expect(text).toContain(created);
  expect(text).toContain('1 élément vous attend.');
  expect(text).toContain('La mission en un coup d’œil');
  expect(await visibleText(page.getByRole('navigation', { name: 'Navigation principale' }))).toContain('1 élément en attente');
  expect(await accessibilityViolations(page)).toEqual([]);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `worklist-03-chief-fr-${size.name}`);
    await language('EN');
    await heading(page, 'My work');
    await page.getByText('Incidents to verify').waitFor();
    expect(await visibleText(main)).toContain('1 item is waiting for you.');
    await screenshot(page, `worklist-04-chief-en-${size.name}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await language('FR');
    await heading(page, 'Mon travail');
  }
  await page.setViewportSize(SIZES[0]);
  await page.getByRole('link', { name: 'Attaque contre un hameau près de Ménaka' }).click();
  await heading(page, 'Attaque contre un hameau près de Ménaka');
  await page.goto(`${server.url}/mission`);
  await heading(page, 'La mission en un coup d’œil');
});
