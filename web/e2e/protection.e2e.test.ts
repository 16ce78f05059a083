import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { recordCall } from '../../src/modules/protection/hotline.service.js';
import { actorByEmail } from '../../src/modules/users/users.service.js';
import { buildUser, TEST_PASSWORD, totpCode } from '../../tests/helpers/app.js';
import { pdfWith } from '../../tests/helpers/protection.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, navigate, openApp, screenshot, visibleText } from './support.js';

/**
 * Protection and accountability in a real browser, against the real server. An HRPD operator
 * takes a call on the DDHP Gao line, is told before saving that it goes to the DDHP queue, and
 * finds it among their calls; an HRPD officer finds it in the DDHP intake queue, reads it and
 * opens a case from it; the operator keeps the call, without its content. A CDT officer records
 * an SEA allegation (refused first, field by field), adds the victim with her name and a military
 * perpetrator, an act of sexual exploitation, assesses and refers it to OIOS, is refused medical
 * assistance for the victim without her consent (the server's French message), records the
 * consent and the assistance, is refused sharing with a partner she did not name, and reveals the
 * victim's identity with a reason. A Force officer sees neither: no navigation, the not-found
 * page for the case and the call, an empty list; without a second factor, a clear refusal. A CDT
 * manager puts a colleague on the case team by ticking them among the unit's officers; the
 * colleague attaches a PDF and downloads it byte for byte, and an edit of the facts saved meanwhile
 * in another tab makes theirs a conflict resolved field by field. De-identified statistics of human-rights cases
 * arranged through the API show a suppressed cell as such, and no published count between 1 and 4,
 * to an HRPD officer and to an account without a second factor. Desktop and phone screenshots,
 * French and English, axe on every page. Needs dist/web (the test command builds it first) and
 * Chromium at /usr/bin/chromium.
 */

const OPERATOR = { name: 'Fatoumata Diallo', email: 'fatoumata.diallo@minusma.test' };
const HRPD_OFFICER = { name: 'Moussa Coulibaly', email: 'moussa.coulibaly@minusma.test' };
const CDT_OFFICER = { name: 'Awa Sangaré', email: 'awa.sangare@minusma.test' };
const FORCE_OFFICER = { name: 'Ibrahim Maïga', email: 'ibrahim.maiga@minusma.test' };
const FORCE_NO_TOTP = { name: 'Seydou Touré', email: 'seydou.toure@minusma.test' };
const CDT_MANAGER = { name: 'Mariam Cissé', email: 'mariam.cisse@minusma.test' };
const CDT_COLLEAGUE = { name: 'Oumar Dicko', email: 'oumar.dicko@minusma.test' };
const HRPD_MANAGER = { name: 'Aïssata Konaté', email: 'aissata.konate@minusma.test' };
const CALL_SUMMARY = 'L’appelant signale l’arrestation de trois bergers à Gao par des hommes armés.';
const CASE_SUMMARY = 'Allégation d’exploitation sexuelle près du camp de Gao : une jeune femme dit avoir été payée par un militaire.';
const VICTIM_NAME = 'Aminata Traoré';

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];
/** The call of the first test and the case of the second, for the third. */
let callRef = '';
let caseRef = '';

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await buildUser(server.ctx, { ...OPERATOR, memberships: [{ unit: 'HRPD', role: 'operator' }] });
  await buildUser(server.ctx, { ...HRPD_OFFICER, memberships: [{ unit: 'HRPD', role: 'officer' }] });
  await buildUser(server.ctx, { ...CDT_OFFICER, memberships: [{ unit: 'CDT', role: 'officer' }] });
  // With a second factor, so that what is tested is the compartment, not the two-step gate before it.
  await buildUser(server.ctx, { ...FORCE_OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }], secondFactor: true });
  await buildUser(server.ctx, { ...FORCE_NO_TOTP, memberships: [{ unit: 'FORCE', role: 'officer' }], secondFactor: false });
  await buildUser(server.ctx, { ...CDT_MANAGER, memberships: [{ unit: 'CDT', role: 'manager' }] });
  await buildUser(server.ctx, { ...CDT_COLLEAGUE, memberships: [{ unit: 'CDT', role: 'officer' }] });
  await buildUser(server.ctx, { ...HRPD_MANAGER, memberships: [{ unit: 'HRPD', role: 'manager' }] });
}, 60_000);

afterAll(async () => app?.close());

function card(title: string): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
}

/** Signs in through the login page, with the account's TOTP code when it has a second factor. */
async function signIn(user: { email: string }): Promise<void> {
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(user.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const code = await totpCode(user.email);
  if (code) {
    await page.getByLabel('Code d’authentification').fill(code);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }
  await heading(page, 'Mon travail');
}

async function signOut(user: { name: string }): Promise<void> {
  await page.getByRole('button', { name: user.name }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await heading(page, 'Connexion');
}

/** The page fits a 390 px phone: nothing but the tables' own regions scrolls sideways. */
async function onPhone(name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, name, false);
  await screenshot(page, `${name}-full`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function focusedClass(): Promise<string> {
  return page.evaluate(() => document.activeElement?.className ?? '');
}

test('an HRPD operator takes a call that goes to the DDHP queue; an HRPD officer opens a case from it', async () => {
  await signIn(OPERATOR);

  // 1. An operator has the calls, not the cases.
  expect(await (await navigate(page, 'Protection')).getByRole('link', { name: 'Dossiers de protection', exact: true }).count()).toBe(0);
  await navigate(page, 'Protection', 'Appels');
  await heading(page, 'Appels');
  const form = card('Enregistrer un appel');
  await form.getByLabel('Ligne').selectOption({ label: 'Centre d’appel DDHP — Gao (94951663)' });
  expect(await page.getByRole('heading', { level: 2, name: 'File d’attente' }).count()).toBe(0);
  // The day is typed day/month/year, as every date of the app, whatever the browser's locale; the time beside it.
  await form.getByLabel('Reçu le').fill('01/06/2020');
  await form.getByLabel('Heure', { exact: true }).fill('09:30');
  await form.getByLabel('Langue de l’appel').selectOption({ label: 'Songhaï' });
  const route = form.locator('.protection-route');
  expect(await visibleText(route)).toContain('Choisissez l’objet de l’appel');

  // 2. Before saving, the screen says where the call goes: what it is about decides, not the line.
  await form.getByLabel('Objet de l’appel').selectOption({ label: 'Mauvaise conduite du personnel de l’ONU' });
  expect(await visibleText(route)).toBe('Cet appel sera transmis à la file d’attente de : Équipe conduite et discipline (CDT).');
  await form.getByLabel('Objet de l’appel').selectOption({ label: 'Violation des droits de l’homme' });
  expect(await visibleText(route)).toBe(
    'Cet appel sera transmis à la file d’attente de : Division des droits de l’homme et de la protection (DDHP).',
  );
  await form.getByLabel('Région').selectOption({ label: 'Gao' });
  await form.getByLabel('Ce que dit l’appelant').fill(CALL_SUMMARY);
  expect(await form.getByLabel('Coordonnées de l’appelant').count()).toBe(0);
  await form.getByLabel('L’appelant accepte d’être recontacté').check();
  await form.getByLabel('Coordonnées de l’appelant').fill('+223 76 11 22 33');
  await screenshot(page, '60-hotline-record');
  expect(await accessibilityViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Enregistrer l’appel' }).click();

  // 3. Recorded and routed; the operator finds it among their calls, waiting.
  const notice = form.getByRole('status');
  await notice.filter({ hasText: 'enregistré et transmis à la file d’attente de : Division des droits de l’homme' }).waitFor();
  callRef = /APP-\d{4}-\d{6}/.exec(await visibleText(notice))?.[0] ?? '';
  expect(callRef).not.toBe('');
  expect(await focusedClass()).toContain('protection-notice');
  const mine = card('Mes appels')
    .locator('tbody tr')
    .filter({ has: page.getByRole('link', { name: callRef }) });
  await mine.waitFor();
  const mineText = await visibleText(mine);
  for (const expected of ['1 juin 2020', 'Centre d’appel DDHP — Gao', 'Violation des droits de l’homme', 'Gao', 'DDHP', 'En attente']) {
    expect(mineText).toContain(expected);
  }
  expect(await form.getByLabel('Ce que dit l’appelant').inputValue()).toBe('');
  await screenshot(page, '61-hotline-mine');
  await onPhone('62-hotline-phone');

  // In English, the vocabulary too.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'My calls' }).waitFor();
  // The page's own words change at once; the vocabulary the server names, once read again in English.
  const mineEn = () => visibleText(card('My calls').locator('tbody tr').first());
  await expect.poll(mineEn).toContain('HRPD call centre — Gao');
  for (const expected of ['1 Jun 2020', 'Human-rights violation', 'Waiting']) expect(await mineEn()).toContain(expected);
  await screenshot(page, '61-hotline-mine-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Appels');
  expect(browserErrors).toEqual([]);
  await signOut(OPERATOR);

  // 4. An HRPD officer: the DDHP intake queue holds the call.
  await signIn(HRPD_OFFICER);
  await navigate(page, 'Protection', 'Dossiers de protection');
  // Case workers have one entry; the intake queue is a link of the protection pages.
  expect(await (await navigate(page, 'Protection')).getByRole('link', { name: 'Appels', exact: true }).count()).toBe(0);
  await page.getByRole('link', { name: 'Appels et file d’attente' }).click();
  await heading(page, 'Appels');
  const queue = card('File d’attente');
  const row = queue.locator('tbody tr').filter({ has: page.getByRole('link', { name: callRef }) });
  await row.waitFor();
  for (const expected of ['Violation des droits de l’homme', 'Gao', OPERATOR.name, 'En attente'])
    expect(await visibleText(row)).toContain(expected);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '63-hotline-queue');

  // 5. Opened: the caller's account and contact; then a case of the DDHP from it.
  await row.getByRole('link', { name: callRef }).click();
  await heading(page, `Appel ${callRef}`);
  expect(await visibleText(card('L’appel'))).toContain('Centre d’appel DDHP — Gao (94951663)');
  expect(await visibleText(card('L’appelant'))).toContain('+223 76 11 22 33');
  expect(await visibleText(card('Ce que dit l’appelant'))).toContain(CALL_SUMMARY);
  await screenshot(page, '64-hotline-call');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Ouvrir un dossier' }).click();
  const caseHeading = await heading(page, /^Dossier PRO-\d{4}-\d{6}$/);
  const opened = ((await caseHeading.textContent()) ?? '').replace('Dossier ', '');
  expect(new URL(page.url()).pathname).toBe(`/protection/${opened}`);
  expect(await visibleText(page.locator('.protection-programme'))).toContain('Violations des droits de l’homme (DDHP)');
  expect(await visibleText(page.locator('.incident-meta'))).toContain('Documenté');
  expect(await visibleText(card('Les faits'))).toContain('Gao');
  expect(await visibleText(card('Suivi'))).toContain(callRef);
  expect(await visibleText(card('Résumé des faits'))).toContain(CALL_SUMMARY);
  expect(await visibleText(card('Équipe du dossier'))).toContain(`${HRPD_OFFICER.name} (vous)`);

  // 6. The call now says what became of it.
  await card('Suivi').getByRole('link', { name: callRef }).click();
  await heading(page, `Appel ${callRef}`);
  expect(await visibleText(card('Suite donnée'))).toContain(`Un dossier a été ouvert à partir de cet appel : ${opened}`);
  expect(await page.getByRole('button', { name: 'Ouvrir un dossier' }).count()).toBe(0);
  await signOut(HRPD_OFFICER);

  // 7. The operator keeps the call but cannot follow it into the case: its content now lives there.
  await signIn(OPERATOR);
  await page.goto(`${server.url}/protection/appels/${callRef}`);
  await heading(page, `Appel ${callRef}`);
  expect(await visibleText(page.locator('.incident-meta'))).toContain('Dossier ouvert');
  const followUp = await visibleText(card('Suite donnée'));
  expect(followUp).toContain('Un dossier a été ouvert à partir de cet appel par l’unité qui l’a reçu.');
  expect(followUp).not.toContain('PRO-');
  expect(await visibleText(page.locator('main'))).not.toContain(CALL_SUMMARY);
  expect(await visibleText(page.locator('main'))).not.toContain('+223 76 11 22 33');
  expect(browserErrors).toEqual([]);
  await signOut(OPERATOR);
}, 120_000);

test('a CDT officer records an SEA allegation, refers it to OIOS, and records victim assistance once consent is given', async () => {
  await signIn(CDT_OFFICER);
  await navigate(page, 'Protection', 'Dossiers de protection');
  await heading(page, 'Protection et redevabilité');
  await page.getByText('Aucun dossier que vous pouvez lire ne correspond à ce filtre.').waitFor();
  await page.getByRole('link', { name: 'Ouvrir un dossier' }).click();
  await heading(page, 'Ouvrir un dossier');

  // 1. Sent empty: the server's messages, beside the fields and in a summary that takes the focus.
  expect(await page.getByLabel('Programme').inputValue()).toBe('misconduct');
  expect(await visibleText(page.locator('form'))).toContain('Unité responsable : Équipe conduite et discipline (CDT)');
  await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
  const summary = page.locator('.incident-error-summary');
  await summary.waitFor();
  expect(await focusedClass()).toContain('incident-error-summary');
  const summaryText = await visibleText(summary);
  expect(summaryText).toContain('Date des faits : ');
  expect(summaryText).toContain('Résumé des faits : ');
  expect(await page.getByLabel('Résumé des faits').getAttribute('aria-invalid')).toBe('true');
  await summary.getByRole('link', { name: /^Date des faits/ }).click();
  expect(await page.getByLabel('Date des faits').evaluate((input) => input === document.activeElement)).toBe(true);

  // 2. Then without the intake channel, which a misconduct allegation must state.
  await page.getByLabel('Date des faits').fill('2020-06-14');
  await page.getByLabel('Région').selectOption({ label: 'Gao' });
  await page.getByLabel('Résumé des faits').fill(CASE_SUMMARY);
  await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
  await summary.filter({ hasText: 'Canal de réception : Indiquez par quel canal l’allégation a été reçue.' }).waitFor();
  expect(await page.getByLabel('Canal de réception').getAttribute('aria-invalid')).toBe('true');
  const channelField = page.locator('.field').filter({ has: page.getByLabel('Canal de réception') });
  expect(await visibleText(channelField.locator('.field-error'))).toBe('Indiquez par quel canal l’allégation a été reçue.');
  await screenshot(page, '65-protection-form-error');
  expect(await accessibilityViolations(page)).toEqual([]);
  await onPhone('65-protection-form-error-phone');

  // The allegation, with its accents; the case opens on its page.
  await page.getByLabel('Canal de réception').selectOption({ label: 'Ligne d’assistance téléphonique' });
  await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
  const caseHeading = await heading(page, /^Dossier PRO-\d{4}-\d{6}$/);
  caseRef = ((await caseHeading.textContent()) ?? '').replace('Dossier ', '');
  expect(await visibleText(page.locator('.incident-meta'))).toContain('Reçu');
  expect(await visibleText(card('Les faits'))).toContain('Ligne d’assistance téléphonique');
  expect(await visibleText(card('Résumé des faits'))).toContain(CASE_SUMMARY);

  // 3. The victim, named: the name is sealed and the page shows her pseudonym only.
  const persons = card('Personnes');
  await persons.getByRole('button', { name: 'Ajouter une personne' }).click();
  await persons.getByLabel('Rôle').selectOption({ label: 'Victime ou survivant·e' });
  await persons.getByLabel('Sexe').selectOption({ label: 'Féminin' });
  await persons.getByLabel('Âge (ans)').fill('19');
  await persons.getByLabel('Nom (facultatif)', { exact: true }).fill(VICTIM_NAME);
  await persons.getByLabel('Coordonnées').fill('+223 70 00 00 00');
  expect(await visibleText(persons.locator('.protection-sealed legend'))).toBe('Identité Chiffré');
  await screenshot(page, '66-protection-add-person');
  await persons.getByRole('button', { name: 'Ajouter la personne' }).click();
  const added = persons.getByRole('status').filter({ hasText: 'Personne ajoutée sous le pseudonyme' });
  await added.waitFor();
  const victim = /V-[0-9A-Z]{4}/.exec(await visibleText(added))?.[0] ?? '';
  expect(victim).not.toBe('');
  await persons.locator('tbody tr').filter({ hasText: victim }).filter({ hasText: '19 ans' }).waitFor();
  expect(await visibleText(page.locator('main'))).not.toContain('Aminata');

  // 4. The perpetrator: military personnel.
  await persons.getByRole('button', { name: 'Ajouter une personne' }).click();
  await persons.getByLabel('Rôle').selectOption({ label: 'Auteur présumé' });
  await persons.getByLabel('Sexe').selectOption({ label: 'Masculin' });
  await persons.getByLabel('Catégorie de personnel').selectOption({ label: 'Personnel militaire' });
  await persons.getByRole('button', { name: 'Ajouter la personne' }).click();
  const second = persons.getByRole('status').filter({ hasText: /pseudonyme P-/ });
  await second.waitFor();
  const perpetrator = /P-[0-9A-Z]{4}/.exec(await visibleText(second))?.[0] ?? '';
  expect(await visibleText(persons.locator('tbody tr').filter({ hasText: perpetrator }))).toContain('Personnel militaire');

  // 5. The act: sexual exploitation, the perpetrator's category as the party.
  const acts = card('Faits allégués');
  await acts.getByRole('button', { name: 'Ajouter un acte' }).click();
  expect(await acts.getByLabel('Victime').inputValue()).toBe(victim);
  await acts.getByLabel('Auteur présumé').selectOption(perpetrator);
  expect(await acts.getByLabel('Partie responsable').inputValue()).toBe('military');
  await acts.getByLabel('Catégorie de faute').selectOption({ label: 'Exploitation sexuelle' });
  await acts.getByLabel('Date', { exact: true }).fill('2020-06-12');
  await acts.getByRole('button', { name: 'Ajouter l’acte' }).click();
  await acts.getByRole('status').filter({ hasText: 'Acte ajouté.' }).waitFor();
  const actText = await visibleText(acts.locator('tbody tr').first());
  for (const expected of ['Exploitation sexuelle', victim, perpetrator, 'Personnel militaire', '12 juin 2020', 'Gao', 'En attente']) {
    expect(actText).toContain(expected);
  }

  // 6. Assessed, then referred to OIOS with a date.
  const workflow = card('Circuit du dossier');
  expect(await workflow.getByLabel('Évaluer l’allégation').isChecked()).toBe(true);
  await workflow.getByRole('button', { name: 'Évaluer l’allégation' }).click();
  await workflow.getByRole('status').filter({ hasText: 'le dossier est maintenant « Évalué »' }).waitFor();
  await workflow.getByLabel('Transmettre pour enquête').check();
  await workflow.getByLabel('Instance saisie').selectOption({ label: 'Bureau des services de contrôle interne (BSCI)' });
  await workflow.getByLabel('Date de la saisine').fill('2020-06-20');
  await workflow.getByRole('button', { name: 'Transmettre pour enquête' }).click();
  await workflow.getByRole('status').filter({ hasText: '« Transmis pour enquête »' }).waitFor();
  const timeline = await visibleText(workflow.locator('.incident-timeline'));
  expect(timeline).toContain('Ouverture : Reçu');
  expect(timeline).toContain(`Reçu → Évalué par ${CDT_OFFICER.name}`);
  expect(timeline).toContain('Évalué → Transmis pour enquête');
  expect(await visibleText(card('Suivi'))).toContain('Bureau des services de contrôle interne (BSCI) 20 juin 2020');
  expect(await visibleText(page.locator('.incident-meta'))).toContain('Transmis pour enquête');

  // 7. Medical assistance without the victim's consent: refused, in French, by the server.
  const assistance = card('Assistance aux victimes');
  expect(await visibleText(assistance)).toContain('suivie à part du statut du dossier');
  await assistance.getByRole('button', { name: 'Enregistrer une assistance' }).click();
  await assistance.getByLabel('Service').selectOption({ label: 'Soins médicaux' });
  await assistance.getByLabel('Prestataire').fill('Hôpital de Gao');
  await assistance.getByLabel('Orienté le').fill('2020-06-15');
  await assistance.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
  const refusal = assistance.locator('.incident-error-summary');
  await refusal.waitFor();
  expect(await visibleText(refusal)).toContain(`Refusé : ${victim} n’a pas de consentement en vigueur à l’orientation vers des services.`);
  expect(await visibleText(refusal)).toContain('Enregistrez d’abord le consentement de la personne ou de son tuteur.');
  expect(await focusedClass()).toContain('incident-error-summary');
  await screenshot(page, '67-protection-consent-refused', false);
  expect(await assistance.locator('tbody tr').count()).toBe(0);

  // 8. Her consent to referral, then the assistance is recorded.
  const consents = card('Consentements');
  await consents.getByRole('button', { name: 'Enregistrer un consentement' }).click();
  await consents.getByLabel('Personne', { exact: true }).selectOption(victim);
  await consents.getByLabel('Finalité').selectOption({ label: 'Orientation vers des services' });
  await consents.getByLabel('Donné par').selectOption({ label: 'La personne elle-même' });
  await consents.getByLabel('Obtenu le').fill('2020-06-15');
  await consents.getByRole('button', { name: 'Enregistrer le consentement' }).click();
  await consents.getByRole('status').filter({ hasText: 'Consentement enregistré.' }).waitFor();
  expect(await visibleText(consents.locator('tbody tr').first())).toContain('Orientation vers des services');
  expect(await visibleText(consents.locator('tbody tr').first())).toContain('En vigueur');
  await assistance.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
  await assistance.getByRole('status').filter({ hasText: 'Orientation enregistrée.' }).waitFor();
  const service = await visibleText(assistance.locator('tbody tr').first());
  for (const expected of [victim, 'Soins médicaux', 'Hôpital de Gao', 'Orienté', '15 juin 2020']) expect(service).toContain(expected);
  await assistance.getByRole('button', { name: `Mettre à jour — ${victim}, Soins médicaux` }).click();
  await assistance.getByLabel('État', { exact: true }).selectOption({ label: 'Terminé' });
  await assistance.getByLabel('Date', { exact: true }).fill('2020-07-01');
  await assistance.getByRole('button', { name: 'Enregistrer l’état' }).click();
  await assistance.getByRole('status').filter({ hasText: 'État du service enregistré.' }).waitFor();
  expect(await visibleText(assistance.locator('tbody tr').first())).toContain('Terminé');

  // Sharing with a partner she did not name is refused too.
  const shares = card('Partages');
  await shares.getByRole('button', { name: 'Enregistrer un partage' }).click();
  await shares.getByLabel('Partenaire').fill('UNICEF');
  await shares.getByLabel(`${victim} — Victime ou survivant·e`).check();
  await shares.getByRole('button', { name: 'Enregistrer le partage' }).click();
  await shares
    .locator('.incident-error-summary')
    .filter({ hasText: `Refusé : ${victim} n’a pas consenti au partage avec « UNICEF »` })
    .waitFor();
  expect(await visibleText(shares)).toContain('Aucune information de ce dossier n’a été partagée.');
  // An officer works on the case; only the unit's managers assign its team.
  expect(await card('Équipe du dossier').getByRole('button', { name: 'Modifier l’équipe' }).count()).toBe(0);
  await screenshot(page, '68-protection-case');
  expect(await accessibilityViolations(page)).toEqual([]);

  // 9. The victim's identity, revealed with a reason (audited), shown in place, hidden again.
  await persons.getByRole('button', { name: `Révéler l’identité — ${victim}` }).click();
  const dialog = page.getByRole('dialog', { name: `Révéler l’identité de ${victim}` });
  await dialog.waitFor();
  await dialog.getByLabel('Motif').fill('urgent');
  await dialog.getByRole('button', { name: 'Révéler' }).click();
  await dialog.getByText('Indiquez un motif d’au moins 10 caractères.').first().waitFor();
  await dialog.getByLabel('Motif').fill('Orientation médicale urgente');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, '69-protection-reveal-dialog', false);
  await dialog.getByRole('button', { name: 'Révéler' }).click();
  const identity = persons.locator('.protection-identity');
  await identity.waitFor();
  const shown = await visibleText(identity);
  expect(shown).toContain(`Identité de ${victim}`);
  expect(shown).toContain(VICTIM_NAME);
  expect(shown).toContain('+223 70 00 00 00');
  expect(await focusedClass()).toContain('protection-identity');
  expect(await dialog.count()).toBe(0);
  await screenshot(page, '70-protection-identity', false);
  expect(await accessibilityViolations(page)).toEqual([]);
  const audit = await server.ctx.database.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'protection.identity.reveal')
    .executeTakeFirstOrThrow();
  expect(audit.details).toContain('Orientation médicale urgente');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain('Aminata');
  await identity.getByRole('button', { name: `Masquer l’identité de ${victim}` }).click();
  expect(await persons.locator('.protection-identity').count()).toBe(0);
  expect(await visibleText(page.locator('main'))).not.toContain('Aminata');
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Révéler l’identité');
  await onPhone('71-protection-case-phone');

  // 10. In English: the interface and the vocabulary follow the language.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Victim assistance' }).waitFor();
  await expect.poll(() => visibleText(page.locator('.incident-meta'))).toContain('Referred for investigation');
  await expect.poll(() => visibleText(card('Alleged acts'))).toContain('Sexual exploitation');
  expect(await visibleText(card('Follow-up'))).toContain('Office of Internal Oversight Services (OIOS)');
  expect(await visibleText(card('Victim assistance'))).toContain('Medical care');
  await screenshot(page, '72-protection-case-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Protection cases' }).click();
  await heading(page, 'Protection and accountability');
  await page.locator('tbody tr').filter({ hasText: caseRef }).filter({ hasText: 'Misconduct allegations (CDT)' }).waitFor();
  await screenshot(page, '73-protection-list-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Protection et redevabilité');

  // 11. The list: found by the victim's pseudonym.
  await page.getByLabel('Référence ou pseudonyme').fill(victim.toLowerCase());
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === victim.toLowerCase());
  await page.getByText('1 dossier', { exact: true }).waitFor();
  const listed = await visibleText(page.locator('tbody tr').filter({ hasText: caseRef }));
  for (const expected of ['Allégations de mauvaise conduite (CDT)', 'Transmis pour enquête', '14 juin 2020', 'Gao'])
    expect(listed).toContain(expected);
  await screenshot(page, '74-protection-list');
  expect(await accessibilityViolations(page)).toEqual([]);
  await onPhone('75-protection-list-phone');
  expect(browserErrors).toEqual([]);
  await signOut(CDT_OFFICER);
}, 180_000);

test('intake forwards a call filed under the wrong concern to the queue it belongs to, and no longer sees it', async () => {
  const operator = await actorByEmail(server.ctx, OPERATOR.email);
  const misfiled = await recordCall(server.ctx, operator, {
    line: 'ddhp_gao',
    receivedAt: '2020-06-03T11:00:00Z',
    language: 'fr',
    concern: 'human_rights',
    region: 'ML-7',
    cercle: null,
    summary: 'Un casque bleu aurait exigé de l’argent à un point de contrôle.',
    callerContact: '',
    mayContact: false,
  });
  await signIn(HRPD_OFFICER);
  await page.goto(`${server.url}/protection/appels/${misfiled.ref}`);
  await heading(page, `Appel ${misfiled.ref}`);
  const intake = card('Suite donnée');
  await intake.getByLabel('Objet corrigé').selectOption({ label: 'Mauvaise conduite du personnel de l’ONU' });
  expect(await visibleText(intake)).toContain('L’appel ira à la file d’attente de : Équipe conduite et discipline (CDT)');
  expect(await accessibilityViolations(page)).toEqual([]);
  await intake.getByRole('button', { name: 'Transférer l’appel' }).click();
  await intake
    .getByRole('status')
    .filter({ hasText: 'Appel transféré à la file d’attente de : Équipe conduite et discipline (CDT).' })
    .waitFor();
  await screenshot(page, '86-hotline-forwarded', false);
  await page.goto(`${server.url}/protection/appels/${misfiled.ref}`);
  await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
  await signOut(HRPD_OFFICER);
  await signIn(CDT_OFFICER);
  await page.goto(`${server.url}/protection/appels/${misfiled.ref}`);
  await heading(page, `Appel ${misfiled.ref}`);
  expect(await visibleText(card('Ce que dit l’appelant'))).toContain('Un casque bleu aurait exigé de l’argent');
  await signOut(CDT_OFFICER);
});

test('a Force officer sees neither the case nor the call; without a second factor, a clear refusal', async () => {
  expect(caseRef).not.toBe('');
  expect(callRef).not.toBe('');
  await signIn(FORCE_OFFICER);
  expect(await (await navigate(page, 'Protection')).getByRole('link', { name: 'Dossiers de protection', exact: true }).count()).toBe(0);
  expect(await (await navigate(page, 'Protection')).getByRole('link', { name: 'Appels', exact: true }).count()).toBe(0);

  // The case and the call answer like addresses that do not exist.
  await page.goto(`${server.url}/protection/${caseRef}`);
  await heading(page, 'Page introuvable');
  expect(await visibleText(page.locator('main'))).not.toContain('Gao');
  await page.goto(`${server.url}/protection/appels/${callRef}`);
  await heading(page, 'Page introuvable');
  await page.goto(`${server.url}/protection/PRO-2020-999999`);
  await heading(page, 'Page introuvable');

  // The list is reachable, and empty; the call screen says it is not for them.
  await page.goto(`${server.url}/protection`);
  await heading(page, 'Protection et redevabilité');
  await page.getByText('0 dossier', { exact: true }).waitFor();
  await page.getByText('Aucun dossier que vous pouvez lire ne correspond à ce filtre.').waitFor();
  expect(await page.getByRole('link', { name: 'Ouvrir un dossier' }).count()).toBe(0);
  await page.goto(`${server.url}/protection/appels`);
  await heading(page, 'Appels');
  await page.getByText('Cette page est réservée aux opérateurs des lignes d’assistance').waitFor();
  await signOut(FORCE_OFFICER);

  // Without a second factor, confidential data is refused before anything is looked up.
  await signIn(FORCE_NO_TOTP);
  await page.goto(`${server.url}/protection`);
  await heading(page, 'Protection et redevabilité');
  const refusal = page.getByRole('alert').filter({ hasText: 'double authentification' });
  await refusal.waitFor();
  await refusal.getByRole('link', { name: 'Activer la connexion en deux étapes dans « Mon compte »' }).waitFor();
  await page.goto(`${server.url}/protection/${caseRef}`);
  await page.getByRole('alert').filter({ hasText: 'double authentification' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(browserErrors).toEqual([]);
  await signOut(FORCE_NO_TOTP);
}, 120_000);

test('a CDT manager reads every case of the unit and puts a colleague on the case team by ticking them', async () => {
  expect(caseRef).not.toBe('');
  await signIn(CDT_MANAGER);
  await navigate(page, 'Protection', 'Dossiers de protection');
  await heading(page, 'Protection et redevabilité');
  // The documenting office narrows the list (a CDT case records none).
  await page.getByLabel('Bureau ou équipe').selectOption({ label: 'Équipe itinérante' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.getByText('Aucun dossier que vous pouvez lire ne correspond à ce filtre.').waitFor();
  expect(new URL(page.url()).search).toBe('?office=mobile_team');
  await page.getByRole('link', { name: 'Effacer les filtres' }).click();
  await page.getByRole('link', { name: caseRef }).click();
  await heading(page, `Dossier ${caseRef}`);
  const team = card('Équipe du dossier');
  await team.getByRole('button', { name: 'Modifier l’équipe' }).click();
  expect(await team.getByLabel(CDT_OFFICER.name).isChecked()).toBe(true);
  expect(await team.getByLabel(`${CDT_MANAGER.name} (vous)`).isChecked()).toBe(false);

  // The unit's officers and managers, by name and role: nobody from another unit, no account identifier to paste.
  const choices = await visibleText(team.locator('.protection-checklist'));
  for (const expected of [CDT_OFFICER.name, CDT_COLLEAGUE.name, `${CDT_MANAGER.name} (vous)`, 'Chargé de dossiers', 'Responsable'])
    expect(choices).toContain(expected);
  for (const outsider of [HRPD_OFFICER.name, FORCE_OFFICER.name, OPERATOR.name]) expect(choices).not.toContain(outsider);
  expect(await team.getByLabel(CDT_COLLEAGUE.name).isChecked()).toBe(false);
  await team.getByLabel(CDT_COLLEAGUE.name).check();
  await screenshot(page, '76-protection-team');
  expect(await accessibilityViolations(page)).toEqual([]);
  await team.getByRole('button', { name: 'Enregistrer l’équipe' }).click();
  await team.getByRole('status').filter({ hasText: 'Équipe du dossier enregistrée.' }).waitFor();
  const members = await visibleText(team.locator('.protection-team'));
  expect(members).toContain(CDT_OFFICER.name);
  expect(members).toContain(CDT_COLLEAGUE.name);
  expect(browserErrors).toEqual([]);
  await signOut(CDT_MANAGER);
}, 120_000);

test('a team member attaches a PDF and downloads it; an edit of the facts saved meanwhile makes theirs a conflict resolved field by field', async () => {
  expect(caseRef).not.toBe('');
  await signIn(CDT_COLLEAGUE);
  await page.goto(`${server.url}/protection/${caseRef}`);
  await heading(page, `Dossier ${caseRef}`);

  // 1. A PDF, sent with its progress, listed with its type and size, downloaded as it was sent.
  const files = card('Pièces jointes');
  expect(await visibleText(files)).toContain('Chiffrées dans la base de données, nom compris');
  expect(await visibleText(files)).toContain('les métadonnées des photos (position GPS, appareil, auteur) sont retirées');
  const pdf = pdfWith('Certificat medical');
  await files
    .getByLabel('Ajouter une pièce jointe')
    .setInputFiles({ name: 'certificat-médical.pdf', mimeType: 'application/pdf', buffer: pdf });
  await files.getByRole('button', { name: 'Envoyer la pièce jointe' }).click();
  await files.getByRole('status').filter({ hasText: 'Pièce jointe ajoutée : certificat-médical.pdf.' }).waitFor();
  const row = await visibleText(files.locator('tbody tr').filter({ hasText: 'certificat-médical.pdf' }));
  expect(row).toContain('PDF');
  expect(row).toContain('0,1 Ko');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    files.getByRole('link', { name: 'Télécharger certificat-médical.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('certificat-médical.pdf');
  expect(Buffer.compare(await readFile(await download.path()), pdf)).toBe(0);
  await screenshot(page, '77-protection-files', false);
  expect(await accessibilityViolations(page)).toEqual([]);

  // 2. The facts' form holds the case as loaded; meanwhile another tab saves a change.
  await page.getByRole('link', { name: 'Modifier les faits' }).click();
  await heading(page, `Modifier les faits du dossier ${caseRef}`);
  expect(await page.getByLabel('Résumé des faits').inputValue()).toBe(CASE_SUMMARY);
  expect(await page.getByLabel('Canal de réception').inputValue()).toBe('hotline');
  expect(await visibleText(page.locator('form'))).toContain('Programme : Allégations de mauvaise conduite (CDT) Unité responsable');
  const version = /version (\d+)/.exec(await visibleText(page.locator('main')))?.[1] ?? '';
  expect(version).not.toBe('');
  await screenshot(page, '78-protection-edit');
  expect(await accessibilityViolations(page)).toEqual([]);
  const other = await app.context.newPage();
  await other.goto(`${server.url}/protection/${caseRef}/modifier`);
  await other.getByRole('heading', { level: 1, name: `Modifier les faits du dossier ${caseRef}` }).waitFor();
  await other.getByLabel('Lieu exact').fill('Camp de Gao, porte nord');
  await other.getByLabel('Résumé des faits').fill(`${CASE_SUMMARY} Selon la patrouille.`);
  await other.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await other.getByRole('heading', { level: 1, name: `Dossier ${caseRef}` }).waitFor();
  await other.close();

  // 3. Saving the stale version is refused; the place only the other tab changed is taken, and the
  // summary both changed is shown in both versions: keeping theirs, saving then works.
  await page.getByLabel('Résumé des faits').fill(`${CASE_SUMMARY} Deux témoins confirment.`);
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  const conflict = page.locator('.conflict-resolver');
  await conflict.filter({ hasText: 'Un champ a été modifié des deux côtés' }).waitFor();
  expect(await focusedClass()).toContain('conflict-resolver');
  const summary = conflict.getByRole('group', { name: 'Résumé des faits' });
  expect(await visibleText(summary)).toContain(`Votre version ${CASE_SUMMARY} Deux témoins confirment.`);
  expect(await visibleText(summary)).toContain(`Version enregistrée ${CASE_SUMMARY} Selon la patrouille.`);
  expect(await page.getByLabel('Lieu exact').inputValue()).toBe('Camp de Gao, porte nord');
  expect(await page.getByLabel('Résumé des faits').inputValue()).toBe(`${CASE_SUMMARY} Deux témoins confirment.`);
  await screenshot(page, '79-protection-edit-conflict', false);
  expect(await accessibilityViolations(page)).toEqual([]);
  await onPhone('79-protection-edit-conflict-phone');
  await summary.getByRole('radio', { name: 'Prendre la version enregistrée' }).check();
  expect(await page.getByLabel('Résumé des faits').inputValue()).toBe(`${CASE_SUMMARY} Selon la patrouille.`);
  await summary.getByRole('radio', { name: 'Garder votre version' }).check();
  expect(await page.getByLabel('Résumé des faits').inputValue()).toBe(`${CASE_SUMMARY} Deux témoins confirment.`);
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await heading(page, `Dossier ${caseRef}`);
  // The case is read again after the save: its new facts are awaited, not read at once.
  await expect.poll(() => visibleText(card('Les faits'))).toContain('Camp de Gao, porte nord');
  await expect.poll(() => visibleText(card('Résumé des faits'))).toContain('Deux témoins confirment.');
  expect(await visibleText(card('Pièces jointes'))).toContain('certificat-médical.pdf');

  // In English.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Attachments' }).waitFor();
  expect(await visibleText(card('Attachments'))).toContain('Encrypted in the database, names included');
  await page.getByRole('link', { name: 'Edit the facts' }).click();
  await heading(page, `Edit the facts of case ${caseRef}`);
  await screenshot(page, '80-protection-edit-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, `Modifier les faits du dossier ${caseRef}`);
  expect(browserErrors).toEqual([]);
  await signOut(CDT_COLLEAGUE);
}, 120_000);

/** Sends a request as whoever the browser is signed in as, with their CSRF token; fails unless it succeeds. */
async function apiCall<T>(method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const me = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string | null };
  const response = await page.request.fetch(`${server.url}${path}`, {
    method,
    headers: { 'x-csrf-token': me.csrfToken ?? '' },
    ...(data === undefined ? {} : { data }),
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as T;
}

/** A human-rights case in `region` with one victim of `sex` and `acts` verified arbitrary detentions, through the API. */
async function verifiedActs(region: string, sex: 'female' | 'male', acts: number): Promise<void> {
  const created = await apiCall<{ ref: string }>('POST', '/api/protection/cases', {
    programme: 'human_rights',
    occurredOn: '2020-05-04',
    region,
    summary: 'Détentions arbitraires documentées par le bureau régional',
  });
  const base = `/api/protection/cases/${created.ref}`;
  const { pseudonym } = await apiCall<{ pseudonym: string }>('POST', `${base}/persons`, { role: 'victim', sex, age: 30 });
  for (let i = 0; i < acts; i++) {
    const after = await apiCall<{ acts: { id: string; verification: string }[] }>('POST', `${base}/acts`, {
      victim: pseudonym,
      party: 'unknown',
      violation: 'arbitrary_detention',
      occurredOn: '2020-05-04',
      region,
    });
    const act = after.acts.find((candidate) => candidate.verification === 'pending');
    await apiCall('POST', `${base}/acts/${act?.id}/verification`, {
      verification: 'verified',
      verifiedOn: '2020-05-20',
      standardOfProof: 'reasonable_grounds',
    });
  }
}

/** Every count the table publishes: no number between 1 and k − 1, and the suppressed cells as the word. */
async function publishedCounts(table: Locator): Promise<{ counts: number[]; suppressed: number }> {
  const cells = await table.locator('tbody td, tfoot td').allInnerTexts();
  const counts = cells.filter((cell) => /^\d[\d\s]*$/.test(cell.trim())).map((cell) => Number(cell.replace(/\s/g, '')));
  return { counts, suppressed: cells.filter((cell) => cell.trim() === 'masqué').length };
}

test('de-identified statistics: a manager releases a closed quarter once; every member reads the release, suppressed cells shown as such, never a count between 1 and 4', async () => {
  // Fourteen verified violations of the second quarter of 2020: six in Gao (a woman), six in Tombouctou (a man), two in Mopti (a woman).
  await signIn(HRPD_OFFICER);
  await verifiedActs('ML-7', 'female', 6);
  await verifiedActs('ML-6', 'male', 6);
  await verifiedActs('ML-5', 'female', 2);

  // 1. An officer reaches the page from the list: nothing is released yet, and live counts are not theirs.
  await navigate(page, 'Protection', 'Dossiers de protection');
  await heading(page, 'Protection et redevabilité');
  await page.getByRole('link', { name: 'Statistiques', exact: true }).click();
  await heading(page, 'Statistiques de protection');
  expect(await page.getByLabel('Type de dossier').inputValue()).toBe('human_rights');
  // Nothing of theirs to show yet: the page opens on this year; the quarter recorded above is of 2020.
  expect(await page.getByLabel('Année').inputValue()).toBe(String(new Date().getFullYear()));
  await page.goto(`${server.url}/protection/statistiques?programme=human_rights&year=2020`);
  await heading(page, 'Statistiques de protection');
  expect(await page.getByLabel('Année').inputValue()).toBe('2020');
  await page.getByText('Aucun trimestre de 2020 n’est encore publié pour ce type de dossier').waitFor();
  expect(await page.getByRole('option', { name: /chiffres en direct/i }).count()).toBe(0);
  expect(await page.getByRole('heading', { level: 2, name: 'Publier un trimestre' }).count()).toBe(0);
  await signOut(HRPD_OFFICER);

  // 2. The unit's manager sees the year's live counts, marked as not for publication.
  await signIn(HRPD_MANAGER);
  await page.goto(`${server.url}/protection/statistiques`);
  await heading(page, 'Statistiques de protection');
  const live = page.getByRole('table', {
    name: 'Violations vérifiées par région — Violations des droits de l’homme (DDHP), 2020, chiffres en direct',
  });
  await live.waitFor();
  expect(await visibleText(page.locator('.stats-live'))).toContain('Chiffres en direct — à ne pas publier');
  expect(await visibleText(live.getByRole('row', { name: /^Mopti/ }))).toBe('Mopti masqué');
  expect(await visibleText(live.locator('tfoot tr'))).toBe('Total 14');
  await screenshot(page, '81-protection-stats-live', false);

  // 3. They release the second quarter: from now on, its tables are what every member reads.
  const release = card('Publier un trimestre');
  expect(await visibleText(release)).toContain('Une publication est définitive');
  await release.getByLabel('Trimestre à publier').selectOption({ label: 'T2 2020' });
  await release.getByRole('button', { name: 'Publier le trimestre' }).click();
  await page.getByRole('status').filter({ hasText: 'T2 2020 publié' }).waitFor();
  await page.waitForURL((url) => url.searchParams.get('view') === 'q2');
  const table = page.getByRole('table', { name: 'Violations vérifiées par région — Violations des droits de l’homme (DDHP), T2 2020' });
  await table.waitFor();
  expect(await visibleText(page.locator('main'))).toContain('ces tableaux ne changent plus');
  expect(await visibleText(page.locator('main'))).toContain('Unité de compte : les violations vérifiées.');
  expect(await visibleText(table.getByRole('row', { name: /^Mopti/ }))).toBe('Mopti masqué');
  expect(await visibleText(table.locator('tfoot tr'))).toBe('Total 14');
  const oneWay = await publishedCounts(table);
  expect(oneWay.counts.filter((n) => n > 0 && n < 5)).toEqual([]);
  expect(oneWay.suppressed).toBeGreaterThanOrEqual(2);
  expect(await visibleText(page.locator('main'))).toContain('« masqué » : les cases de moins de 5 cas sont masquées');
  const released = page.getByRole('table', { name: 'Trimestres publiés en 2020 — Violations des droits de l’homme (DDHP)' });
  expect(await visibleText(released.locator('tbody'))).toMatch(/^T2 2020 Violations vérifiées \d{1,2} \S+ \d{4}$/);
  expect(await visibleText(release)).not.toContain('T2 2020');

  // 4. By region and sex: the same rule, row and column totals, and the table in words in the CSV.
  await page.getByLabel('En colonnes (facultatif)').selectOption({ label: 'Sexe' });
  await page.getByRole('button', { name: 'Afficher le tableau' }).click();
  await page.waitForURL((url) => url.searchParams.get('columns') === 'sex');
  const twoWay = page.getByRole('table', {
    name: 'Violations vérifiées par région et sexe — Violations des droits de l’homme (DDHP), T2 2020',
  });
  await twoWay.waitFor();
  expect(await twoWay.getByRole('columnheader').allInnerTexts()).toEqual(['Région', 'Féminin', 'Masculin', 'Non connu', 'Total']);
  expect(await visibleText(twoWay.getByRole('row', { name: /^Mopti/ }))).toBe('Mopti masqué 0 0 masqué');
  const crossed = await publishedCounts(twoWay);
  expect(crossed.counts.filter((n) => n > 0 && n < 5)).toEqual([]);
  expect(crossed.suppressed).toBeGreaterThanOrEqual(2);
  expect(await visibleText(twoWay.locator('tfoot tr'))).toMatch(/ 14$/);
  const csvHref = (await page.getByRole('link', { name: 'Télécharger le tableau (CSV)' }).getAttribute('href')) ?? '';
  expect(csvHref).toMatch(/^\/api\/protection\/stats\/releases\/[0-9a-f-]{36}\.csv\?rows=region&columns=sex&lang=fr$/);
  const csv = await (await page.request.get(`${server.url}${csvHref}`)).text();
  expect(csv).toContain('Mopti;x;0;0;x');
  await screenshot(page, '81-protection-stats');
  expect(await accessibilityViolations(page)).toEqual([]);
  await onPhone('82-protection-stats-phone');

  // 5. Misconduct: the counting rule to choose, in words; nothing released, and not this manager's unit.
  await page.getByLabel('Type de dossier').selectOption({ label: 'Allégations de mauvaise conduite (CDT)' });
  await page.getByLabel('Les personnes mises en cause').check();
  await page.getByRole('button', { name: 'Afficher le tableau' }).click();
  await page.waitForURL((url) => url.searchParams.get('count') === 'individuals');
  await page.getByText('Aucun trimestre de 2020 n’est encore publié pour ce type de dossier et cette unité de compte.').waitFor();
  expect(await page.getByRole('heading', { level: 2, name: 'Publier un trimestre' }).count()).toBe(0);
  await screenshot(page, '85-protection-stats-misconduct', false);

  // 6. In English.
  await page.goBack();
  await twoWay.waitFor();
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  const english = page.getByRole('table', { name: 'Verified violations by region and sex — Human-rights violations (HRPD), Q2 2020' });
  await english.waitFor();
  expect(await visibleText(english.getByRole('row', { name: /^Mopti/ }))).toBe('Mopti suppressed 0 0 suppressed');
  expect(await visibleText(page.locator('main'))).toContain(
    '“suppressed”: cells with fewer than 5 cases are hidden, and some others so that totals',
  );
  expect(await visibleText(page.locator('main'))).toContain('these tables never change');
  await screenshot(page, '83-protection-stats-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await onPhone('84-protection-stats-en-phone');
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Statistiques de protection');
  await signOut(HRPD_MANAGER);

  // 7. Counts name nobody: an account without a second factor, outside the protection units, reads the release, never live counts.
  await signIn(FORCE_NO_TOTP);
  expect(await (await navigate(page, 'Protection')).getByRole('link', { name: 'Dossiers de protection', exact: true }).count()).toBe(0);
  await page.goto(`${server.url}/protection/statistiques?programme=human_rights&year=2020&view=live&rows=region`);
  await heading(page, 'Statistiques de protection');
  await table.waitFor();
  expect(await visibleText(table.locator('tfoot tr'))).toBe('Total 14');
  expect(await page.getByLabel('Tableaux').inputValue()).toBe('q2');
  expect(await page.getByRole('option', { name: /chiffres en direct/i }).count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Dossiers de protection' }).count()).toBe(0);
  expect(browserErrors).toEqual([]);
  await signOut(FORCE_NO_TOTP);
}, 120_000);
