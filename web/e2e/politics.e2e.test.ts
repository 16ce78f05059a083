import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, navigate, openApp, screenshot, visibleText } from './support.js';

/**
 * Political engagements and electoral support in a real browser: a Political Affairs officer
 * (also a manager of Electoral Affairs) records an engagement with a follow-up, assembles the
 * monthly report, edits its draft and downloads the PDF; then records a request for electoral
 * support from the national authorities, accepts it and records its delivery.
 */

const OFFICER = { name: 'Fatoumata Diarra', email: 'fatoumata.diarra@minusma.test' };

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await buildUser(server.ctx, {
    ...OFFICER,
    memberships: [
      { unit: 'PAD', role: 'officer' },
      { unit: 'EAD', role: 'manager' },
    ],
  });
}, 60_000);

afterAll(async () => app?.close());

function card(title: string): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
}

async function checked(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await accessibilityViolations(page)).toEqual([]);
}

test('an engagement with a follow-up, the monthly report edited and downloaded as PDF, and an electoral support request delivered', async () => {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');
  await navigate(page, 'Politique et paix', 'Engagements politiques');
  await heading(page, 'Engagements politiques');
  await card('Engagements').getByText('Aucun engagement à afficher.').waitFor();

  // 1. An engagement with two counterparts (one a party of the registry) and a follow-up.
  const form = card('Enregistrer un engagement');
  await form.getByLabel('Date', { exact: true }).fill('12/11/2026');
  await form.getByLabel('Lieu', { exact: true }).fill('Bamako, Primature');
  await form.getByLabel('Accord pour la paix et la réconciliation').check();
  await form.getByLabel('Élections').check();
  await form.getByLabel('Résumé').fill('Échange sur le calendrier électoral et la mise en œuvre de l’Accord.');
  await form.getByLabel('Participants de la Mission (facultatif)').fill('RSSG adjoint, chef de la Division des affaires politiques');
  await form.getByLabel('Nom (interlocuteur 1)').fill('Aminata Touré');
  await form.getByLabel('Fonction (interlocuteur 1) (facultatif)').fill('Ministre');
  await form.getByLabel('Femmes (interlocuteur 1)').fill('1');
  await form.getByLabel('Hommes (interlocuteur 1)').fill('2');
  await form.getByRole('button', { name: 'Ajouter un interlocuteur' }).click();
  await form.getByLabel('Nom (interlocuteur 2)').fill('Délégation de la CMA');
  await form.getByLabel('Partie ou mouvement (interlocuteur 2) (facultatif)').selectOption('cma');
  await form.getByLabel('Femmes (interlocuteur 2)').fill('0');
  await form.getByLabel('Hommes (interlocuteur 2)').fill('4');
  await form.getByLabel('Action (suite 1)').fill('Transmettre la note sur le calendrier');
  await form.getByLabel('Responsable (suite 1)').fill('PAD');
  await form.getByLabel('Échéance (suite 1) (facultatif)').fill('30/11/2026');
  await form.getByRole('button', { name: 'Enregistrer l’engagement' }).click();
  await heading(page, /Bamako, Primature$/);
  const counterparts = card('Interlocuteurs');
  expect(await visibleText(counterparts.getByRole('row').filter({ hasText: 'Délégation de la CMA' }))).toContain('0 femme(s), 4 homme(s)');
  const followups = card('Suites à donner');
  await followups.getByRole('rowheader', { name: 'Transmettre la note sur le calendrier' }).waitFor();
  await checked('95-engagement-fr');

  // 2. The follow-up moves to "in progress".
  const patched = page.waitForResponse((r) => r.url().includes('/api/engagements/followups/') && r.request().method() === 'PATCH');
  await followups.getByLabel('Statut de « Transmettre la note sur le calendrier »').selectOption('in_progress');
  await followups.getByRole('button', { name: 'Mettre à jour' }).click();
  expect((await patched).status()).toBe(200);
  await expect.poll(() => followups.getByLabel('Statut de « Transmettre la note sur le calendrier »').inputValue()).toBe('in_progress');

  // 3. The monthly report: assembled, edited, saved as a draft, downloaded as PDF.
  await page.getByRole('link', { name: 'Retour aux engagements' }).click();
  await heading(page, 'Engagements politiques');
  await card('Engagements').getByRole('link', { name: '12 novembre 2026' }).waitFor();
  await checked('96-engagements-fr');
  const reports = card('Rapports périodiques');
  await reports.getByLabel('Période', { exact: true }).selectOption('month');
  await reports.getByLabel('Un jour de la période').fill('20/11/2026');
  await reports.getByRole('button', { name: 'Assembler le rapport' }).click();
  await heading(page, 'Rapport mensuel — Période du 2026-11-01 au 2026-11-30');
  const draft = card('Texte du rapport');
  expect(await visibleText(draft.locator('dl'))).toContain('Diffusion restreinte');
  const body = draft.getByLabel('Texte du rapport');
  expect(await body.inputValue()).toContain('Transmettre la note sur le calendrier');
  await body.fill(`${await body.inputValue()}\n\n# Analyse\n\nLes parties confirment leur engagement envers le calendrier.`);
  await draft.getByRole('button', { name: 'Enregistrer le projet' }).click();
  await draft.getByText('Projet enregistré.').waitFor();
  await page.reload();
  await heading(page, 'Rapport mensuel — Période du 2026-11-01 au 2026-11-30');
  await expect.poll(async () => card('Texte du rapport').getByLabel('Texte du rapport').inputValue()).toContain('Les parties confirment');
  await checked('97-engagement-report-fr');
  const download = page.waitForEvent('download');
  await card('Texte du rapport').getByRole('link', { name: 'Télécharger le PDF' }).click();
  const file = await (await download).path();
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
  const { text } = await extractText(pdf, { mergePages: true });
  const plain = text.replace(/[\u00a0\u202f]/g, ' ');
  expect(plain).toContain('DIFFUSION RESTREINTE');
  expect(plain).toContain('Les parties confirment leur engagement');
  expect(plain).toContain('Aminata Touré');

  // 4. Electoral support: a request, accepted, then delivered.
  await navigate(page, 'Politique et paix', 'Appui électoral');
  await heading(page, 'Appui électoral');
  const calendar = card('Calendrier électoral');
  await calendar.getByLabel('Étape').selectOption('polling');
  await calendar.getByLabel('Intitulé').fill('Premier tour de l’élection présidentielle');
  await calendar.getByLabel('Début').fill('05/07/2026');
  await calendar.getByRole('button', { name: 'Ajouter l’étape' }).click();
  await calendar.getByRole('cell', { name: 'Premier tour de l’élection présidentielle' }).waitFor();
  const requests = card('Demandes d’appui et livraison');
  await requests.getByLabel('Demandée le').fill('01/06/2026');
  await requests.getByLabel('Autorité requérante').fill('Autorité indépendante de gestion des élections (AIGE)');
  await requests.getByLabel('Nature').selectOption('both');
  await requests.getByLabel('Objet').fill('Acheminement des kits électoraux et escorte des convois');
  await requests.getByLabel('Origine (facultatif)').fill('Bamako');
  await requests.getByLabel('Destinations (facultatif)').fill('Gao, Tombouctou, Kidal');
  await requests.getByLabel('Matériel demandé (tonnes) (facultatif)').fill('42,5');
  await requests.getByRole('button', { name: 'Enregistrer la demande' }).click();
  const request = requests.getByRole('article', { name: /Autorité indépendante/ });
  await request.getByText('Demandée', { exact: true }).waitFor();
  expect(await visibleText(request)).toContain('42,5 t');
  await request.getByRole('button', { name: 'Accepter' }).click();
  await request.getByText('Acceptée', { exact: true }).waitFor();
  const delivery = request.getByRole('form', { name: 'Enregistrer la livraison' });
  await delivery.getByLabel('Livrée le').fill('28/06/2026');
  await delivery.getByLabel('Matériel livré (tonnes) (facultatif)').fill('41');
  await delivery.getByLabel('Vols (facultatif)').fill('6');
  await delivery.getByLabel('Convois (facultatif)').fill('2');
  await delivery.getByLabel('Escortes (facultatif)').fill('4');
  await delivery.getByLabel('Patrouilles (facultatif)').fill('12');
  await delivery.getByRole('button', { name: 'Enregistrer la livraison' }).click();
  await request.getByText('Livrée', { exact: true }).waitFor();
  await expect.poll(() => visibleText(request)).toContain('41 t');
  expect((await visibleText(request)).replace(/\u00a0/g, ' ')).toContain('Vols : 6');
  await checked('98-elections-fr');

  // 5. In English, on a desktop and on a phone.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Electoral support');
  const delivered = card('Support requests and delivery').getByRole('article', { name: /Autorité indépendante/ });
  await expect.poll(() => visibleText(delivered)).toContain('Delivered on 28 June 2026');
  expect(await visibleText(delivered)).toContain('Flights: 6');
  await checked('98-elections-en');
  await navigate(page, 'Politics and peace', 'Political engagements');
  await heading(page, 'Political engagements');
  await card('Periodic reports')
    .getByRole('link', { name: /^Rapport mensuel/ })
    .click();
  await heading(page, 'Rapport mensuel — Période du 2026-11-01 au 2026-11-30');
  await expect.poll(() => visibleText(card('Text of the report').locator('dl'))).toContain('Restricted');
  await checked('98-engagement-report-en');
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Rapport mensuel — Période du 2026-11-01 au 2026-11-30');
  await page.getByRole('link', { name: 'Retour aux engagements et rapports' }).click();
  await card('Engagements').getByRole('link', { name: '12 novembre 2026' }).click();
  await heading(page, /Bamako, Primature$/);
  await page.setViewportSize({ width: 390, height: 844 });
  await checked('98-engagement-fr-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(browserErrors).toEqual([]);
}, 120_000);
