import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { actInputSchema, caseCreateSchema, personInputSchema } from '../../src/contracts/protection.js';
import { addAct } from '../../src/modules/protection/acts.service.js';
import { addPerson } from '../../src/modules/protection/persons.service.js';
import { createCase } from '../../src/modules/protection/protection.service.js';
import { actorByEmail } from '../../src/modules/users/users.service.js';
import { buildUser, TEST_PASSWORD, totpCode } from '../../tests/helpers/app.js';
import { humanRightsCase } from '../../tests/helpers/protection.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  accessibilityViolations,
  type BrowserFixture,
  collectBrowserErrors,
  heading,
  navigate,
  openApp,
  screenshot,
  signedInCaller,
  visibleText,
} from './support.js';

/**
 * The acceptance walk: the first five minutes of each kind of person, in a real browser against
 * the real server with the MINUSMA 2020 fact book. A member of the public lands on the fiche; an
 * administrator replaces a generated password, sets up a second factor with its QR code and
 * creates the JOC; a JOC analyst lands on the worklist, opens the map with its towns and imports
 * a small ACLED file through the mapping step; a hotline operator enrols a second factor before
 * any form and records a call; a human-rights officer finds their case with a late verification;
 * a section chief reviews and publishes a proposal. Each walk runs in French, then reads its
 * screens again in English, at 1366×900 and 390×844: no serious accessibility violation, nothing
 * scrolling sideways, a screenshot per step (test-results/screenshots/personas-*). The walks run
 * in order: the analyst belongs to the JOC the administrator creates. Needs dist/web
 * (`npm run build`) and Chromium at /usr/bin/chromium.
 */

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

const ADMIN = { name: 'Kadiatou Keïta', email: 'kadiatou.keita.personas@minusma.test', password: 'la dune rose de Gao' };
const ANALYST = { name: 'Oumar Touré', email: 'oumar.toure.personas@minusma.test' };
const OPERATOR = { name: 'Mariam Diarra', email: 'mariam.diarra.personas@minusma.test' };
const HR_OFFICER = { name: 'Aïssata Sangaré', email: 'aissata.sangare.personas@minusma.test' };
const OFFICER = { name: 'Moussa Dembélé', email: 'moussa.dembele.personas@minusma.test' };
const CHIEF = { name: 'Fatoumata Coulibaly', email: 'fatoumata.coulibaly.personas@minusma.test' };

const CSP = 'CSP-DPA: Permanent Strategic Framework for Peace, Security and Development';
const TASK_START = 'Par ailleurs et en renforcement des efforts';

/** Three events of the ACLED fixture (full published layout): the CSP-DPA is the one name to map. */
function smallAcledFile(): Buffer {
  const lines = readFileSync(join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'acled-mali-2024.csv'), 'utf8')
    .trim()
    .split('\n');
  const header = lines[0] ?? '';
  const picked = lines.filter((line) => /^MLI3210[124],/.test(line));
  expect(picked).toHaveLength(3);
  return Buffer.from(`${[header, ...picked].join('\n')}\n`);
}

let app: BrowserFixture;
let server: TestServer;
const errors: string[] = [];

beforeAll(async () => {
  app = await openApp();
  server = app.server;
  // The administrator's account as another administrator leaves it: a generated password, to be changed.
  const admin = await buildUser(server.ctx, { name: ADMIN.name, email: ADMIN.email, admin: true, secondFactor: false });
  await server.ctx.database.db.updateTable('users').set({ password_must_change: 1 }).where('id', '=', admin.id).execute();
  await buildUser(server.ctx, { ...OPERATOR, memberships: [{ unit: 'HRPD', role: 'operator' }], secondFactor: false });
  await buildUser(server.ctx, { ...HR_OFFICER, memberships: [{ unit: 'HRPD', role: 'officer' }] });
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
  await buildUser(server.ctx, { ...CHIEF, memberships: [{ unit: 'FORCE', role: 'manager' }] });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

/**
 * One person's walk, in a browser of their own: French on a new device, at the desktop size; no
 * script or CSP error on the way.
 */
async function walk(steps: (page: Page) => Promise<void>): Promise<void> {
  const context: BrowserContext = await app.browser.newContext({ viewport: WIDE, locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  collectBrowserErrors(page, errors);
  try {
    await steps(page);
  } finally {
    await context.close();
  }
  expect(errors).toEqual([]);
}

/** The language switch, in the header or, on a phone, behind the menu button. */
async function language(page: Page, code: 'FR' | 'EN'): Promise<void> {
  const button = page.getByRole('button', { name: code, exact: true });
  if (!(await button.isVisible())) await page.getByRole('button', { name: 'Menu', exact: true }).click();
  await button.click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, code.toLowerCase());
}

/**
 * One step as people see it, at both sizes: nothing scrolls sideways, axe finds nothing serious,
 * and a screenshot of each; then back to the desktop.
 */
async function step(page: Page, name: string, { fullPage = true, axe = true } = {}): Promise<void> {
  for (const [label, size] of [
    ['desktop', WIDE],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${label} scrolls sideways`).toBeLessThanOrEqual(0);
    if (axe) expect(await accessibilityViolations(page), `${name} at ${label}`).toEqual([]);
    await screenshot(page, `personas-${name}-${label}`, fullPage);
  }
  await page.setViewportSize(WIDE);
}

/** Signs in from the sign-in page, with the authenticator's code when the account has a second factor. */
async function signIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const code = await totpCode(email);
  if (code) {
    await page.getByLabel('Code d’authentification').fill(code);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }
}

/** Signs in and is held on a first-sign-in step: its page, and no navigation to go anywhere before it is done. */
async function signInHeldAt(page: Page, email: string, title: string): Promise<void> {
  await signIn(page, email);
  await heading(page, title);
  expect(await page.locator('nav.main-nav').count()).toBe(0);
}

/**
 * The second-factor enrolment a person goes through: the password, the QR code drawn by the server
 * and the key as text, a first code computed here from that key, the recovery codes shown once.
 */
async function enrol(page: Page, name: string, email: string, password: string): Promise<void> {
  await heading(page, 'Activer la double authentification');
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Afficher ma clé' }).click();
  const qr = page.getByRole('img', { name: /Code QR de la clé de double authentification de Mandat pour/ });
  await qr.waitFor();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  const key = (await page.getByLabel('Clé secrète').inputValue()).replace(/ /g, '');
  await step(page, `${name}-qr`);
  const code = new OTPAuth.TOTP({ issuer: 'Mandat', label: email, secret: OTPAuth.Secret.fromBase32(key) }).generate({
    timestamp: server.ctx.now().getTime(),
  });
  await page.getByLabel('Code à six chiffres').fill(code);
  await page.getByRole('button', { name: 'Activer la double authentification' }).click();
  const codes = page.getByRole('list', { name: 'Codes de secours' });
  await codes.waitFor();
  expect(await codes.locator('code').count()).toBe(10);
  await step(page, `${name}-recovery-codes`);
  await page.getByRole('button', { name: 'J’ai mis les codes en lieu sûr, continuer' }).click();
}

test('a member of the public lands on the fiche at /, each heading once, and reads it in English', async () => {
  await walk(async (page) => {
    await page.goto(`${server.url}/`);
    await heading(page, 'Fiche d’information');
    expect(page.url()).toBe(`${server.url}/`);
    expect(await visibleText(page.getByRole('complementary', { name: 'Personnel de la mission' }))).toContain('Se connecter / Sign in');
    // The PIO's "Sa structure" covers its units and its frequencies: printed once, as in the fact book.
    const pio = page.locator('#section-SCPI');
    await pio.getByRole('heading', { name: 'Sa structure' }).first().waitFor();
    expect(await pio.getByRole('heading', { name: 'Sa structure' }).count()).toBe(1);
    // The whole fiche is some 30 000 pixels high: its top, then the PIO's section.
    await step(page, 'public-fr-fiche', { fullPage: false });
    await pio.scrollIntoViewIfNeeded();
    // The same page further down: axe has read all of it already.
    await step(page, 'public-fr-pio', { fullPage: false, axe: false });
    await language(page, 'EN');
    await heading(page, 'Fact sheet');
    expect(await visibleText(page.getByRole('complementary', { name: 'Mission staff' }))).toContain('Sign in / Se connecter');
    expect(await pio.getByRole('heading', { name: 'Sa structure' }).count()).toBe(1);
    await step(page, 'public-en-pio', { fullPage: false, axe: false });
    await page.evaluate(() => window.scrollTo(0, 0));
    await step(page, 'public-en-fiche', { fullPage: false });
  });
}, 240_000);

test('an administrator replaces the generated password, sets up a second factor with its QR code, and creates the JOC', async () => {
  await walk(async (page) => {
    // 1. The generated password opens one page: choosing one's own.
    await signInHeldAt(page, ADMIN.email, 'Choisissez votre mot de passe');
    await step(page, 'admin-fr-01-password');
    await page.getByLabel('Mot de passe reçu').fill(TEST_PASSWORD);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirmer le nouveau mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await heading(page, 'Mon travail');

    // 2. A second factor, from its QR code, then on to the units.
    await page.goto(`${server.url}/account/second-factor?next=${encodeURIComponent('/admin/units')}`);
    await heading(page, 'Activer la double authentification');
    // Why, in the administrator's own terms: no word of calls or cases they do not handle.
    expect(await visibleText(page.locator('main .lead'))).toContain('Chaque connexion demandera');
    await enrol(page, 'admin-fr-02', ADMIN.email, ADMIN.password);
    await heading(page, 'Unités');

    // 3. The JOC, under the mission.
    const card = (title: string) => page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title }) });
    const create = card('Nouvelle unité');
    await create.getByLabel('Code').fill('JOC');
    await create.getByLabel('Nom en français').fill('Centre d’opérations conjoint');
    await create.getByLabel('Nom en anglais').fill('Joint Operations Centre');
    await create.getByLabel('Sigle en français (facultatif)').fill('JOC');
    await create.getByRole('button', { name: 'Créer l’unité' }).click();
    await page.getByRole('status').filter({ hasText: 'Unité JOC créée.' }).waitFor();
    await card('Organigramme').getByText('Centre d’opérations conjoint', { exact: true }).waitFor();
    await step(page, 'admin-fr-03-unit-created');
    await language(page, 'EN');
    await heading(page, 'Units');
    await card('Organisation chart').getByText('Joint Operations Centre', { exact: true }).waitFor();
    await step(page, 'admin-en-04-units');
  });
  const joc = await server.ctx.database.db.selectFrom('units').select('code').where('code', '=', 'JOC').executeTakeFirst();
  expect(joc?.code).toBe('JOC');
}, 180_000);

test('a JOC analyst lands on the worklist, opens the map with its towns, and imports a small ACLED file through the mapping step', async () => {
  await buildUser(server.ctx, { ...ANALYST, memberships: [{ unit: 'JOC', role: 'officer' }] });
  await walk(async (page) => {
    // 1. The worklist: nothing yet for a new analyst, and the way to the mission.
    await signIn(page, ANALYST.email);
    await heading(page, 'Mon travail');
    expect(await visibleText(page.getByRole('main'))).toContain('La mission en un coup d’œil');
    await step(page, 'analyst-fr-01-worklist');

    // 2. The map: all of Mali, the regional capitals named.
    await navigate(page, 'Situation', 'Journal des incidents');
    await heading(page, 'Journal des incidents');
    await page.getByRole('link', { name: 'Voir la carte' }).click();
    await heading(page, 'Carte des incidents');
    const map = page.getByRole('region', { name: 'Carte des incidents au Mali' });
    await map.waitFor();
    await expect
      .poll(() =>
        map
          .locator('.town-rank-2 .town-name')
          .evaluateAll((names) => names.filter((name) => name.getBoundingClientRect().width > 0).map((name) => name.textContent)),
      )
      .toContain('Gao');
    await step(page, 'analyst-fr-02-map');

    // 3. A small ACLED file: the mapping step names the one actor the registry does not know.
    await page.goto(`${server.url}/incidents`);
    await heading(page, 'Journal des incidents');
    await page.getByRole('button', { name: 'Importer un fichier CSV' }).click();
    await page
      .getByLabel('Fichier CSV', { exact: true })
      .setInputFiles({ name: 'acled-mali.csv', mimeType: 'text/csv', buffer: smallAcledFile() });
    await page.getByRole('button', { name: 'Lire le fichier', exact: true }).click();
    const mapping = page.locator('.import-mapping');
    await mapping.getByRole('heading', { name: 'Correspondances' }).waitFor();
    expect(await visibleText(mapping)).toContain('3 lignes lues. Rien n’est encore enregistré.');
    await mapping.getByLabel(`Acteur du répertoire pour « ${CSP} »`).selectOption('cma');
    await step(page, 'analyst-fr-03-mapping');

    // 4. In English: the mapping step, then the import.
    await language(page, 'EN');
    await mapping.getByRole('heading', { name: 'Mapping' }).waitFor();
    await step(page, 'analyst-en-04-mapping');
    await page.getByRole('button', { name: 'Import 3 rows', exact: true }).click();
    await page
      .locator('.import-report')
      .getByRole('status')
      .filter({ hasText: 'Import finished: 3 incidents imported as candidates.' })
      .waitFor();
    await step(page, 'analyst-en-05-imported');
  });
}, 180_000);

test('a hotline operator enrols a second factor before any form, then records a call with a date typed day/month/year', async () => {
  await walk(async (page) => {
    // 1. Straight from sign-in to enrolment: no form before it.
    await signInHeldAt(page, OPERATOR.email, 'Activer la double authentification');
    await enrol(page, 'operator-fr-01', OPERATOR.email, TEST_PASSWORD);
    await heading(page, 'Mon travail');

    // 2. The call: its day typed day/month/year whatever the browser, its time beside.
    await navigate(page, 'Protection', 'Appels');
    await heading(page, 'Appels');
    const form = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Enregistrer un appel' }) });
    expect(await form.getByLabel('Reçu le').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await form.getByLabel('Reçu le').getAttribute('type')).toBe('text');
    await form.getByLabel('Ligne').selectOption({ label: 'Centre d’appel DDHP — Gao (94951663)' });
    await form.getByLabel('Reçu le').fill('03/06/2020');
    // The time too is typed, on the 24-hour clock, never the browser's "09:30 AM".
    const time = form.getByLabel('Heure', { exact: true });
    expect(await time.getAttribute('type')).toBe('text');
    await time.fill('9h30');
    await time.blur();
    expect(await time.inputValue()).toBe('09:30');
    await form.getByLabel('Langue de l’appel').selectOption({ label: 'Songhaï' });
    await form.getByLabel('Objet de l’appel').selectOption({ label: 'Violation des droits de l’homme' });
    await form.getByLabel('Région').selectOption({ label: 'Gao' });
    await form.getByLabel('Ce que dit l’appelant').fill('Un appelant signale des arrestations au marché de Gao.');
    await step(page, 'operator-fr-02-call-form');
    await form.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    const notice = page.getByRole('status').filter({ hasText: /Appel .* enregistré et transmis à la file d’attente de/ });
    await notice.waitFor();
    await step(page, 'operator-fr-03-call-recorded');
    const calls = await server.ctx.database.db.selectFrom('hotline_calls').select('received_at').execute();
    expect(calls.map((call) => call.received_at.slice(0, 10))).toEqual(['2020-06-03']);

    // 3. In English: the same form, the date still day/month/year.
    await language(page, 'EN');
    await heading(page, 'Calls');
    const english = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Record a call' }) });
    expect(await english.getByLabel('Received').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await english.getByText('dd/mm/yyyy').first().waitFor();
    await step(page, 'operator-en-04-call-form');
  });
}, 180_000);

test('a human-rights officer finds their case on the worklist, with its late verification', async () => {
  // The officer opens a case with a victim and an act, as the case page lets them (with their second factor).
  const officer = { ...(await actorByEmail(server.ctx, HR_OFFICER.email)), secondFactor: true };
  const { programme, ...facts } = caseCreateSchema.parse(humanRightsCase());
  const opened = await createCase(server.ctx, officer, programme, facts);
  const victim = await addPerson(server.ctx, officer, opened.ref, personInputSchema.parse({ role: 'victim', sex: 'female', age: 14 }));
  // Occurred in the first quarter of 2020 and not verified since: verified now, it would be late.
  await addAct(
    server.ctx,
    officer,
    opened.ref,
    actInputSchema.parse({ victim: victim.pseudonym, party: 'jnim', violation: 'killing', occurredOn: '2020-03-02', region: 'ML-5' }),
  );
  await walk(async (page) => {
    await signIn(page, HR_OFFICER.email);
    await heading(page, 'Mon travail');
    const cases = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Mes dossiers de protection' }) });
    await cases.getByText(opened.ref).waitFor();
    expect(await visibleText(cases)).toContain('1 vérification en retard (période de rapport échue)');
    await step(page, 'hr-officer-fr-01-worklist');
    await language(page, 'EN');
    await heading(page, 'My work');
    const english = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'My protection cases' }) });
    await english.getByText('1 late verification (reporting period over)').waitFor();
    await step(page, 'hr-officer-en-02-worklist');
    await english
      .getByRole('link', { name: new RegExp(opened.ref) })
      .first()
      .click();
    await heading(page, new RegExp(opened.ref));
    await step(page, 'hr-officer-en-03-case');
  });
}, 180_000);

test('a section chief finds the proposal on the worklist, reviews its words and publishes it', async () => {
  // An officer of the Force proposes a change to a public task of the section.
  const officer = await signedInCaller(server, OFFICER.email);
  const section = await officer<{ texts: { id: string; body: string; version: number }[] }>('GET', '/api/sections/FORCE');
  const task = section.texts.find((text) => text.body.startsWith(TASK_START));
  if (!task) throw new Error('the Force’s task is missing');
  const proposed = `${task.body.replace('renforcement des efforts', 'appui aux efforts')} Patrouilles renforcées à Tessalit.`;
  await officer('POST', `/api/sections/FORCE/texts/${task.id}/proposals`, { version: task.version, body: proposed });

  await walk(async (page) => {
    await signIn(page, CHIEF.email);
    await heading(page, 'Mon travail');
    const card = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Propositions en attente' }) });
    await card.waitFor();
    expect(await visibleText(card)).toContain('1 attend votre relecture');
    await step(page, 'chief-fr-01-worklist');
    await card.getByRole('link', { name: /1 proposition$/ }).click();
    await heading(page, 'FORCE');
    const review = page.locator('section.proposals');
    await review.locator('.proposal').first().waitFor();
    expect(await visibleText(review)).toContain(`Proposée par ${OFFICER.name}`);
    expect((await review.locator('ins').allTextContents()).join(' ')).toContain('Tessalit');
    await review.scrollIntoViewIfNeeded();
    await step(page, 'chief-fr-02-review');
    await language(page, 'EN');
    await review.getByRole('heading', { name: /Pending proposals/ }).waitFor();
    await review.scrollIntoViewIfNeeded();
    await step(page, 'chief-en-03-review');
    await review.getByRole('button', { name: 'Publish' }).click();
    await review.getByText('Proposal published').waitFor();
    await page.locator('.text-block, .text-list > li').filter({ hasText: 'Par ailleurs et en appui aux efforts' }).waitFor();
    await step(page, 'chief-en-04-published');
  });
  const published = (await (await fetch(`${server.url}/api/sections/FORCE`)).json()) as { texts: { body: string }[] };
  expect(published.texts.map((text) => text.body)).toContain(proposed);
}, 180_000);
