import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Incident } from '../../src/contracts/incidents.js';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import { incidentInput } from '../../tests/helpers/incidents.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  type ApiCall,
  accessibilityViolations,
  type BrowserFixture,
  heading,
  openApp,
  screenshot,
  signedInCaller,
  visibleText,
} from './support.js';

/**
 * Two people edit the same incident. The first saves through the API; the second, in the browser,
 * saves a stale version: the form keeps what they typed, takes what only the first changed, and
 * sets the two versions of each field both changed side by side. They keep theirs for the title,
 * take the saved description, save, and the record holds those choices. In French on a desktop,
 * then in English on a phone. Needs dist/web and Chromium at /usr/bin/chromium.
 */

const FIRST = { name: 'Aminata Traoré', email: 'aminata.traore@minusma.test' };
const SECOND = { name: 'Ousmane Keïta', email: 'ousmane.keita@minusma.test' };
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];

let first: ApiCall;

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await buildUser(server.ctx, { ...FIRST, memberships: [{ unit: 'FORCE', role: 'officer' }] });
  await buildUser(server.ctx, { ...SECOND, memberships: [{ unit: 'FORCE', role: 'manager' }] });
  first = await signedInCaller(server, FIRST.email);
}, 60_000);

afterAll(async () => app?.close());

interface Wording {
  editTitle: (ref: string) => string;
  title: string;
  description: string;
  commune: string;
  /** A list's field, and its choices as the form words them: the editor's and the one saved meanwhile. */
  datePrecision: string;
  toTheMonth: string;
  toTheWeek: string;
  save: string;
  mine: string;
  theirs: string;
  keepMine: string;
  takeTheirs: string;
  body: string;
}

const FR: Wording = {
  editTitle: (ref) => `Modifier l’incident ${ref}`,
  title: 'Titre',
  description: 'Description',
  commune: 'Commune',
  datePrecision: 'Précision de la date',
  toTheMonth: 'Au mois près',
  toTheWeek: 'À la semaine près',
  save: 'Enregistrer les modifications',
  mine: 'Votre version',
  theirs: 'Version enregistrée',
  keepMine: 'Garder votre version',
  takeTheirs: 'Prendre la version enregistrée',
  body: '3 champs ont été modifiés des deux côtés',
};

const EN: Wording = {
  editTitle: (ref) => `Edit incident ${ref}`,
  title: 'Title',
  description: 'Description',
  commune: 'Commune',
  datePrecision: 'Date precision',
  toTheMonth: 'To the month',
  toTheWeek: 'To the week',
  save: 'Save the changes',
  mine: 'Your version',
  theirs: 'Saved version',
  keepMine: 'Keep your version',
  takeTheirs: 'Take the saved version',
  body: '3 fields were changed on both sides',
};

/** One round: the conflict, the choices, the save, and what the record then holds. */
async function round(w: Wording, shots: string, other: { width: number; height: number }): Promise<void> {
  const created = await first<Incident>('POST', '/api/incidents', incidentInput());
  await page.goto(`${server.url}/incidents/${created.ref}/modifier`);
  await heading(page, w.editTitle(created.ref));

  // The first person saves meanwhile: a new title and description, and tags only they change.
  await first<Incident>('PUT', `/api/incidents/${created.ref}`, {
    version: created.version,
    incident: incidentInput({
      title: 'Titre du premier',
      description: 'Description du premier',
      tags: ['élevage', 'moto', 'marché'],
      datePrecision: 'week',
    }),
  });

  // The second types over the same two fields and a third only they change, then saves the stale version.
  await page.getByLabel(w.title).fill('Titre du second');
  await page.getByLabel(w.description).fill('Description du second');
  await page.getByLabel(w.commune).fill('Ménaka');
  await page.getByLabel(w.datePrecision).selectOption('month');
  await page.getByRole('button', { name: w.save }).click();

  const resolver = page.locator('.conflict-resolver');
  await resolver.filter({ hasText: w.body }).waitFor();
  expect(await page.evaluate(() => document.activeElement?.classList.contains('conflict-resolver'))).toBe(true);
  const titleField = resolver.getByRole('group', { name: w.title, exact: true });
  const descriptionField = resolver.getByRole('group', { name: w.description, exact: true });
  expect(await visibleText(titleField)).toContain(`${w.mine} Titre du second`);
  expect(await visibleText(titleField)).toContain(`${w.theirs} Titre du premier`);
  expect(await visibleText(descriptionField)).toContain(`${w.mine} Description du second`);
  expect(await visibleText(descriptionField)).toContain(`${w.theirs} Description du premier`);
  // A list's value reads as the form offers it, in the interface language, never as its code.
  const precisionField = resolver.getByRole('group', { name: w.datePrecision, exact: true });
  expect(await visibleText(precisionField)).toContain(`${w.mine} ${w.toTheMonth}`);
  expect(await visibleText(precisionField)).toContain(`${w.theirs} ${w.toTheWeek}`);
  // Nothing typed is lost: the form still holds the second person's text.
  expect(await page.getByLabel(w.title).inputValue()).toBe('Titre du second');
  expect(await page.getByLabel(w.description).inputValue()).toBe('Description du second');
  expect(await page.getByLabel(w.commune).inputValue()).toBe('Ménaka');
  await screenshot(page, `${shots}-conflict`, false);
  expect(await accessibilityViolations(page)).toEqual([]);

  // Keep theirs for the title, take the saved description; the form follows each choice.
  await titleField.getByRole('radio', { name: w.keepMine }).check();
  await descriptionField.getByRole('radio', { name: w.takeTheirs }).check();
  expect(await page.getByLabel(w.description).inputValue()).toBe('Description du premier');
  expect(await page.getByLabel(w.title).inputValue()).toBe('Titre du second');
  await resolver.scrollIntoViewIfNeeded();
  await screenshot(page, `${shots}-chosen`, false);
  await page.setViewportSize(other);
  await resolver.scrollIntoViewIfNeeded();
  await screenshot(page, `${shots}-chosen-other-size`, false);
  await page.setViewportSize(other === PHONE ? DESKTOP : PHONE);

  await page.getByRole('button', { name: w.save }).click();
  await heading(page, 'Titre du second');
  const saved = await first<Incident>('GET', `/api/incidents/${created.ref}`);
  expect(saved.version).toBe(created.version + 2);
  expect(saved.title).toBe('Titre du second');
  expect(saved.description).toBe('Description du premier');
  expect(saved.tags).toEqual(['élevage', 'moto', 'marché']);
  expect(saved.location.commune).toBe('Ménaka');
  expect(saved.datePrecision).toBe('month');
}

test('an edit that lost a race keeps the editor’s text beside the saved one, field by field, in French and English', async () => {
  await page.setViewportSize(DESKTOP);
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(SECOND.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');

  await round(FR, 'edit-conflict-fr-desktop', PHONE);

  await page.setViewportSize(DESKTOP);
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Titre du second' }).waitFor();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.setViewportSize(PHONE);
  await round(EN, 'edit-conflict-en-phone', DESKTOP);
  expect(browserErrors).toEqual([]);
}, 180_000);
