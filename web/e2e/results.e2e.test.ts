import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  accessibilityViolations,
  type BrowserFixture,
  heading,
  navigate,
  openApp,
  SCREENSHOTS,
  screenshot,
  visibleText,
} from './support.js';

/**
 * The results framework in a real browser: an officer of the Force defines an objective with a
 * computed indicator (deployed strength, from the strength records) and an entered one (soldiers
 * trained, by sex), binds the fiche's deployed figure to the computed one, records a strength
 * snapshot of 12,600, and the fiche moves; a hand edit of the bound figure is refused.
 */

const OFFICER = { name: 'Moussa Coulibaly', email: 'moussa.coulibaly@minusma.test' };

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
}, 60_000);

afterAll(async () => app?.close());

function card(title: string | RegExp): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title }) });
}

function figure(scope: Locator, label: string): Locator {
  return scope.locator('.figure').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
}

async function checked(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await accessibilityViolations(page)).toEqual([]);
}

test('an objective with a computed and an entered indicator; the fiche figure bound to records moves with a strength entry', async () => {
  // 1. Sign in; the navigation leads to the results framework, empty.
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await navigate(page, 'Programmes', 'Résultats');
  await heading(page, 'Cadre de résultats');
  await page.getByText('Aucun objectif lisible.').waitFor();

  // 2. An objective of the Force, public.
  const form = card('Nouvel objectif');
  await form.getByLabel('Code (facultatif)').fill('2.1');
  await form.getByLabel('Classification').selectOption('public');
  await form.getByLabel('Intitulé en français').fill('Une Force déployée à son effectif autorisé');
  await form.getByLabel('Intitulé en anglais').fill('A Force deployed at its authorised strength');
  await form.getByRole('button', { name: 'Enregistrer l’objectif' }).click();
  const objective = card('2.1. Une Force déployée à son effectif autorisé');
  await objective.waitFor();

  // 3. A computed indicator: deployed military strength, from the strength records.
  await objective.getByText('Ajouter un indicateur').click();
  await objective.getByLabel('Intitulé en français').fill('Militaires déployés');
  await objective.getByLabel('Intitulé en anglais').fill('Military personnel deployed');
  await objective.getByLabel('Comment la valeur est obtenue').selectOption('strength.deployed');
  await objective.getByLabel('Catégorie').selectOption('military');
  await objective.getByLabel('Cible (facultatif)').fill('13289');
  await objective.getByLabel('Début de la période').fill('01/01/2020');
  await objective.getByLabel('Fin de la période').fill('31/12/2020');
  await objective.getByRole('button', { name: 'Enregistrer l’indicateur' }).click();
  await heading(page, 'Militaires déployés');
  await expect.poll(() => visibleText(page.locator('.results-current'))).toBe('12 362');
  const derivation = card('Dérivation');
  expect(await visibleText(derivation)).toContain('Effectif déployé des militaires (Force)');
  expect(await visibleText(derivation)).toContain('dont 459 femmes');
  await derivation
    .getByRole('link', { name: /militaires \(Force\), 2020-07-31/ })
    .first()
    .waitFor();
  await checked('r1-indicator-computed-fr');

  // 4. The fiche's deployed figure is bound to it.
  const bindings = card('Chiffres de la fiche liés');
  await bindings.getByLabel('Chiffre de la fiche').selectOption('force.strength.deployed');
  await bindings.getByRole('button', { name: 'Lier ce chiffre' }).click();
  await bindings.getByText('Chiffre lié.').waitFor();
  await bindings.getByRole('button', { name: 'Délier Militaires déployés' }).waitFor();

  // 5. An entered indicator: soldiers trained, by sex.
  await page.getByRole('link', { name: 'Retour au cadre de résultats' }).click();
  await heading(page, 'Cadre de résultats');
  await objective.getByText('Ajouter un indicateur').click();
  await objective.getByLabel('Intitulé en français').fill('Militaires formés au droit international humanitaire');
  await objective.getByLabel('Intitulé en anglais').fill('Soldiers trained in international humanitarian law');
  await objective.getByLabel('Référence (facultatif)').fill('0');
  await objective.getByLabel('Cible (facultatif)').fill('600');
  await objective.getByRole('button', { name: 'Enregistrer l’indicateur' }).click();
  await heading(page, 'Militaires formés au droit international humanitaire');
  const values = card('Valeurs saisies');
  await values.getByText('Aucune valeur saisie.').waitFor();
  // Women and men above the total are refused, in the user's language.
  await values.getByLabel('Valeur', { exact: true }).fill('300');
  await values.getByLabel('Période', { exact: true }).fill('2020-T3');
  await values.getByLabel('Femmes (facultatif)').fill('200');
  await values.getByLabel('Hommes (facultatif)').fill('200');
  await values.getByLabel('Source', { exact: true }).fill('Rapport de formation de la Force');
  await values.getByRole('button', { name: 'Enregistrer la valeur' }).click();
  await values.getByText('Femmes et hommes ne peuvent pas dépasser le total.').first().waitFor();
  await values.getByLabel('Femmes (facultatif)').fill('40');
  await values.getByLabel('Hommes (facultatif)').fill('260');
  await values.getByRole('button', { name: 'Enregistrer la valeur' }).click();
  await values.getByText('Valeur enregistrée.').waitFor();
  await expect.poll(() => visibleText(page.locator('.results-current'))).toBe('300');
  expect(await visibleText(page.getByRole('main'))).toContain('dont 40 femmes et 260 hommes');
  expect(await visibleText(values.locator('tbody'))).toContain('Rapport de formation de la Force');
  await checked('r2-indicator-entered-fr');

  // 6. The framework shows both, with progress against target.
  await page.getByRole('link', { name: 'Retour au cadre de résultats' }).click();
  await objective.getByRole('link', { name: 'Militaires formés au droit international humanitaire' }).waitFor();
  expect(await visibleText(objective.locator('tbody'))).toContain('50 %');
  await checked('r3-framework-fr');

  // 7. The fiche shows the figure as computed from the records, the source's value as history.
  await page.goto(`${server.url}/fiche`);
  const force = page.locator('#section-FORCE');
  const deployed = figure(force, 'Militaires déployés');
  await expect.poll(() => visibleText(deployed.locator('.figure-value'))).toBe('12 362');
  expect(await visibleText(deployed.locator('.figure-bound'))).toContain('Calculé à partir des enregistrements de Mandat');

  // 8. A strength snapshot of 12,600 for the Force, public.
  await page.goto(`${server.url}/effectifs`);
  await heading(page, 'Effectifs');
  const entry = card('Saisir un effectif');
  await entry.getByLabel('Date du relevé').fill('2020-10-31');
  await entry.getByLabel('Effectif autorisé').fill('13 289');
  await entry.getByLabel('Effectif déployé').fill('12 600');
  await entry.getByLabel('Classification').selectOption('public');
  await entry.getByRole('button', { name: 'Enregistrer l’effectif' }).click();
  await expect.poll(async () => (await entry.getByLabel('Effectif déployé').inputValue()) === '').toBe(true);

  // 9. The fiche moved: 12 600, the share computed from it too, the source's 12 362 kept as history.
  await page.goto(`${server.url}/fiche`);
  await expect.poll(() => visibleText(deployed.locator('.figure-value'))).toBe('12 600');
  expect(await visibleText(deployed.locator('.figure-bound'))).toContain('Chiffre de la source : 12 362');
  await expect
    .poll(() => visibleText(figure(force, 'Militaires déployés, en part de l’effectif autorisé').locator('.figure-value')))
    .toContain('94,82 %');
  await force.screenshot({ path: `${SCREENSHOTS}r4-fiche-bound-fr.png` });

  // 10. Correcting the bound figure by hand is refused, with the reason.
  await page.goto(`${server.url}/sections/FORCE`);
  const section = page.locator('.part-figures');
  const editable = section.locator('.figure').filter({ has: page.locator('dt', { hasText: /^Militaires déployés$/ }) });
  await editable.getByRole('button', { name: /^Modifier/ }).click();
  await editable.getByLabel('Valeur', { exact: true }).fill('12 400');
  await editable.getByRole('button', { name: 'Enregistrer' }).click();
  await editable
    .getByText(/calculé à partir des enregistrements de Mandat/)
    .first()
    .waitFor();
  await checked('r5-bound-edit-refused-fr');

  // 11. In English, the fiche says the same.
  await page.goto(`${server.url}/fiche`);
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await expect
    .poll(() => visibleText(figure(force, 'Military personnel deployed').locator('.figure-bound')))
    .toContain('Computed from the records in Mandat');
  expect(await visibleText(figure(force, 'Military personnel deployed').locator('.figure-value'))).toBe('12,600');
  await figure(force, 'Military personnel deployed').screenshot({ path: `${SCREENSHOTS}r6-fiche-bound-en.png` });
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  expect(browserErrors).toEqual([]);
}, 180_000);

test('an indicator is changed in French; in English, a change by someone else in between is a conflict', async () => {
  // 1. The entered indicator's target and baseline period change.
  await page.goto(`${server.url}/resultats`);
  await page.getByRole('link', { name: 'Militaires formés au droit international humanitaire' }).click();
  await heading(page, 'Militaires formés au droit international humanitaire');
  const edit = card('Modifier l’indicateur');
  await edit.getByLabel('Cible (facultatif)').fill('800');
  await edit.getByLabel('Période de référence (facultatif)').fill('2019');
  await edit.getByLabel('Début de la période').fill('01/01/2020');
  await edit.getByLabel('Fin de la période').fill('31/03/2021');
  await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await edit.getByText('Indicateur modifié.').waitFor();
  await expect.poll(() => visibleText(figure(page.locator('main'), 'Cible').locator('dd'))).toBe('800');
  expect(await visibleText(page.getByRole('main'))).toContain('du 2020-01-01 au 2021-03-31');
  // A period that ends before it starts is refused next to the field.
  await edit.getByLabel('Fin de la période').fill('31/12/2019');
  await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await edit.getByText('La fin de la période ne peut pas précéder son début.').first().waitFor();
  await checked('r7-indicator-edit-fr');

  // 2. In English: someone else changes the indicator meanwhile; saving says so, and nothing is overwritten.
  await page.reload();
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  const editEn = card('Edit the indicator');
  await editEn.getByLabel('Title in English').fill('Soldiers trained in IHL');
  const status = await page.evaluate(async () => {
    const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
    const id = location.pathname.split('/').pop();
    const current = (await (await fetch(`/api/results/indicators/${id}`)).json()) as { version: number };
    const response = await fetch(`/api/results/indicators/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ version: current.version, target: 900 }),
    });
    return response.status;
  });
  expect(status).toBe(200);
  await editEn.getByRole('button', { name: 'Save the changes' }).click();
  await editEn
    .getByText(/Someone else changed this record/)
    .first()
    .waitFor();
  await checked('r8-indicator-conflict-en');
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  expect(browserErrors).toEqual([]);
}, 120_000);
