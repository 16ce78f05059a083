import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, navigate, openApp, screenshot, visibleText } from './support.js';

/**
 * The incident log in a real browser, against the real server: an officer of the Force records an
 * incident in Ménaka (after a first try with coordinates outside Mali, refused beside the
 * latitude), sees it as a draft and submits it; a manager of the Force finds it by region, verifies
 * it with a comment, finds it among the verified incidents and exports them as CSV (UTF-8 with a
 * BOM; `;` and decimal commas for French Excel) and GeoJSON; a CSV import with a bad line is
 * refused line by line. Then a photo is attached, an edit saved meanwhile in another tab makes the
 * stale form a conflict that keeps its changes, the history shows both edits, the pages speak English, and sixty
 * imported candidates come in keyset pages. Desktop and phone screenshots, axe on every page.
 * Needs dist/web (the test command builds it first) and Chromium at /usr/bin/chromium.
 */

const OFFICER = { name: 'Aminata Traoré', email: 'aminata.traore@minusma.test' };
const MANAGER = { name: 'Ousmane Keïta', email: 'ousmane.keita@minusma.test' };
const TITLE = 'Attaque contre un hameau près de Ménaka';
const DESCRIPTION = 'Attaque près de Ménaka : blessés évacués vers l’hôpital';
/** A 1×1 PNG image. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];
/** The reference the server gave the incident, e.g. MLI-2026-000001. */
let ref = '';

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
  await buildUser(server.ctx, { ...MANAGER, memberships: [{ unit: 'FORCE', role: 'manager' }] });
}, 60_000);

afterAll(async () => app?.close());

function card(title: string): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
}

async function signIn(user: { email: string }): Promise<void> {
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(user.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
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

async function downloaded(click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, bytes: await readFile(await download.path()) };
}

test('an officer of the Force records an incident in Ménaka, refused first outside Mali, and submits it', async () => {
  await signIn(OFFICER);

  // 1. From the navigation: the log, empty, and the button to record one.
  await navigate(page, 'Situation', 'Journal des incidents');
  await heading(page, 'Journal des incidents');
  await page.getByText('Aucun incident ne correspond à ce filtre.').waitFor();
  expect(await visibleText(page.locator('.incident-log-counts'))).toContain('0 incident : 0 vérifié · 0 candidat');
  await page.getByRole('link', { name: 'Nouvel incident' }).click();
  await heading(page, 'Nouvel incident');
  expect(new URL(page.url()).pathname).toBe('/incidents/nouveau');

  // 2. Coordinates outside Mali (Dakar): the server's French message, beside the latitude and in the summary.
  await page.getByLabel('Date de l’incident').fill('2020-07-14');
  await page.getByLabel('Type d’événement').selectOption('violence_against_civilians');
  await page.getByLabel('Sous-type').selectOption('attack');
  await page.getByLabel('Titre').fill(TITLE);
  await page.getByLabel('Latitude').fill('14.69');
  await page.getByLabel('Longitude').fill('-17.44');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  const summary = page.locator('.incident-error-summary');
  await summary.waitFor();
  expect(await summary.getAttribute('role')).toBe('alert');
  expect(await page.evaluate(() => document.activeElement?.classList.contains('incident-error-summary'))).toBe(true);
  const outside = 'Ces coordonnées sont hors du Mali. Vérifiez la latitude et la longitude (degrés décimaux, WGS84).';
  expect(await visibleText(summary)).toContain(`Latitude : ${outside}`);
  const latitude = page.getByLabel('Latitude');
  expect(await latitude.getAttribute('aria-invalid')).toBe('true');
  const latitudeField = page.locator('.field').filter({ has: page.locator('#incident-location-latitude') });
  expect(await visibleText(latitudeField.locator('.field-error'))).toBe(outside);
  expect(await latitude.getAttribute('aria-describedby')).toContain('incident-location-latitude-error');
  // The summary's link puts the focus in the field.
  await summary.getByRole('link', { name: /^Latitude/ }).click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('incident-location-latitude');
  expect(new URL(page.url()).pathname).toBe('/incidents/nouveau');
  await summary.scrollIntoViewIfNeeded();
  await screenshot(page, '41-incident-form-error');
  expect(await accessibilityViolations(page)).toEqual([]);
  await onPhone('45-incident-form-error-phone');

  // 3. In Ménaka, from the gazetteer: its region comes with it.
  await latitude.fill('');
  await page.getByLabel('Longitude').fill('');
  await page.getByLabel('Localité (répertoire)').selectOption({ label: 'Ménaka' });
  expect(await page.getByLabel('Région').inputValue()).toBe('ML-9');
  await page.getByLabel('Heure').fill('06:30');
  await page.getByLabel('Catégorie de la mission').selectOption('attack_on_civilians');
  await page.getByLabel('Menace pour les civils').check();
  await page.getByRole('button', { name: 'Ajouter un acteur' }).click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('incident-actors-0-actor');
  await page.getByLabel('Acteur (ligne 1)').selectOption('isgs');
  expect(await page.getByLabel('Rôle (ligne 1)').inputValue()).toBe('actor1');
  await page.getByLabel('Tués, civils : estimation basse', { exact: true }).fill('2');
  await page.getByLabel('Tués, civils : estimation meilleure', { exact: true }).fill('3');
  await page.getByLabel('Tués, civils : estimation haute', { exact: true }).fill('5');
  await page.getByLabel('Tués, civils, dont femmes : estimation meilleure', { exact: true }).fill('1');
  await page.getByLabel('Blessés, civils : estimation meilleure', { exact: true }).fill('4');
  await page.getByRole('button', { name: 'Ajouter une source' }).click();
  await page.getByLabel('Type de source (ligne 1)').selectOption('community_network');
  await page.getByLabel('Référence (ligne 1)').fill('Réseau d’alerte précoce, Ménaka');
  await page.getByLabel('Fiabilité de la source (ligne 1)').selectOption('B');
  await page.getByLabel('Crédibilité de l’information (ligne 1)').selectOption('2');
  await page.getByLabel('Description').fill(DESCRIPTION);
  await page.getByLabel('Mots-clés').fill('élevage, moto');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();

  // 4. The detail page: a draft, with what was entered.
  await heading(page, TITLE);
  ref = (await page.locator('.incident-ref-big').textContent())?.trim() ?? '';
  expect(ref).toMatch(/^MLI-\d{4}-\d{6}$/);
  expect(new URL(page.url()).pathname).toBe(`/incidents/${ref}`);
  expect(await visibleText(page.locator('.incident-meta'))).toContain('Brouillon');
  const where = await visibleText(card('Où'));
  for (const expected of ['Ménaka', '15,91985, 2,39609', 'À proximité de la localité']) expect(where).toContain(expected);
  expect(await visibleText(card('Quand'))).toContain('14 juillet 2020');
  expect(await visibleText(card('Quoi'))).toContain('Violence contre les civils');
  expect(await visibleText(card('Qui'))).toContain('Acteur 1');
  const killed = card('Victimes').getByRole('table', { name: /^Tués par groupe/ });
  const injured = card('Victimes').getByRole('table', { name: /^Blessés par groupe/ });
  expect(await visibleText(killed.locator('tbody tr').filter({ hasText: /^Civils/ }))).toBe('Civils 2 3 5');
  expect(await visibleText(killed.locator('tbody tr').filter({ hasText: 'dont femmes' }))).toBe('dont femmes 1 1 1');
  expect(await visibleText(killed.locator('tbody tr').filter({ hasText: 'Total' }))).toBe('Total 2 3 5');
  expect(await visibleText(injured.locator('tbody tr').filter({ hasText: /^Civils/ }))).toBe('Civils 4 4 4');
  expect(await visibleText(card('Sources'))).toContain('B Habituellement fiable');
  expect(await visibleText(card('Description'))).toContain(DESCRIPTION);
  await screenshot(page, '42-incident-detail-draft');
  expect(await accessibilityViolations(page)).toEqual([]);

  // 5. Submitted for verification; the author cannot verify it (four eyes).
  const workflow = card('Circuit de validation');
  expect(await workflow.getByRole('button', { name: 'Vérifier' }).count()).toBe(0);
  await workflow.getByRole('button', { name: 'Soumettre pour vérification' }).click();
  await workflow.getByRole('status').filter({ hasText: 'Incident soumis pour vérification.' }).waitFor();
  expect(await visibleText(page.locator('.incident-meta'))).toContain('Soumis');
  expect(await visibleText(workflow.locator('.incident-timeline'))).toContain('Brouillon → Soumis par Aminata Traoré');
  expect(await workflow.getByRole('button', { name: 'Vérifier' }).count()).toBe(0);

  await signOut(OFFICER);
  expect(browserErrors).toEqual([]);
}, 120_000);

test('a manager of the Force finds it by region, verifies it, and exports the verified incidents', async () => {
  expect(ref).not.toBe('');
  await signIn(MANAGER);
  await navigate(page, 'Situation', 'Journal des incidents');
  await heading(page, 'Journal des incidents');

  // 1. Filtered by region: the filter goes into the address; the counts keep candidates apart.
  const filters = card('Filtres');
  await filters.getByLabel('Région').selectOption({ label: 'Ménaka' });
  expect(await filters.getByLabel('Cercle').locator('option').allTextContents()).toEqual(['Tous', 'Ménaka']);
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForURL((url) => url.searchParams.get('region') === 'ML-9');
  const list = card('Incidents').getByRole('table');
  const row = list.locator('tbody tr').filter({ has: page.getByRole('link', { name: ref, exact: true }) });
  await row.waitFor();
  const rowText = await visibleText(row);
  for (const expected of ['14 juillet 2020', TITLE, 'Ménaka', 'Violence contre les civils', '3', 'Soumis', 'Interne']) {
    expect(rowText).toContain(expected);
  }
  await page.locator('.incident-log-counts').filter({ hasText: '1 incident : 0 vérifié · 1 candidat' }).waitFor();
  await screenshot(page, '40-incidents-list');
  expect(await accessibilityViolations(page)).toEqual([]);
  await onPhone('44-incidents-list-phone');

  // 2. Opened and verified with a comment; rejecting would have needed one.
  await row.getByRole('link', { name: ref }).click();
  await heading(page, TITLE);
  const workflow = card('Circuit de validation');
  await workflow.getByRole('button', { name: 'Rejeter' }).click();
  await workflow.getByText('Un commentaire est obligatoire pour rejeter ou rouvrir un incident.').waitFor();
  expect(await workflow.getByLabel('Commentaire').getAttribute('aria-invalid')).toBe('true');
  await workflow.getByLabel('Commentaire').fill('Confirmé par la patrouille du 15 juillet.');
  await workflow.getByRole('button', { name: 'Vérifier' }).click();
  await workflow.getByRole('status').filter({ hasText: 'Incident vérifié.' }).waitFor();
  expect(await visibleText(page.locator('.incident-meta'))).toContain('Vérifié');
  const timeline = await visibleText(workflow.locator('.incident-timeline'));
  expect(timeline).toContain('Soumis → Vérifié par Ousmane Keïta');
  expect(timeline).toContain('Confirmé par la patrouille du 15 juillet.');
  await page.getByRole('button', { name: 'Historique des modifications' }).click();
  await page.locator('#incident-history').getByText('Aucun champ n’a été modifié depuis l’enregistrement de l’incident.').waitFor();
  await screenshot(page, '43-incident-detail');
  expect(await accessibilityViolations(page)).toEqual([]);
  await onPhone('46-incident-detail-phone');

  // 3. Back to the filtered list (the browser's back button), then the verified incidents only.
  await page.goBack();
  await heading(page, 'Journal des incidents');
  expect(new URL(page.url()).searchParams.get('region')).toBe('ML-9');
  await card('Filtres').getByLabel('Statut').selectOption('verified');
  await card('Filtres').getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForURL((url) => url.searchParams.get('status') === 'verified' && url.searchParams.get('region') === 'ML-9');
  await row.filter({ hasText: 'Vérifié' }).waitFor();
  await page.locator('.incident-log-counts').filter({ hasText: '1 incident : 1 vérifié · 0 candidat' }).waitFor();

  // 3b. The same filter on the map: Ménaka's cercle coloured, one verified marker whose preview opens the incident.
  await page.getByRole('link', { name: 'Voir la carte' }).click();
  await heading(page, 'Carte des incidents');
  expect(new URL(page.url()).searchParams.get('region')).toBe('ML-9');
  const marker = page.locator('.incident-cluster.incident-verified');
  await marker.waitFor();
  expect(await page.locator('.incident-cluster').count()).toBe(1);
  expect(await marker.textContent()).toBe('1');
  await page.locator('.incident-count-verified').filter({ hasText: '1 vérifié' }).waitFor();
  await marker.click();
  await page.getByRole('dialog', { name: TITLE }).getByRole('link', { name: 'Ouvrir la fiche' }).click();
  await page.waitForURL((url) => url.pathname === `/incidents/${ref}`);
  await heading(page, TITLE);
  await page.goBack();
  await heading(page, 'Carte des incidents');
  await page.goBack();
  await heading(page, 'Journal des incidents');
  await page.locator('.incident-log-counts').filter({ hasText: '1 incident : 1 vérifié · 0 candidat' }).waitFor();

  // 4. The CSV of this filter: UTF-8 with a BOM, ACLED's columns, the accents intact.
  const exportCard = card('Exporter');
  const csv = await downloaded(() => exportCard.getByRole('button', { name: 'CSV', exact: true }).click());
  expect(csv.download.suggestedFilename()).toMatch(/^incidents-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n');
  expect(lines[0]?.split(',')[0]).toBe('event_id_cnty');
  const line = lines.find((candidate) => candidate.startsWith(`${ref},`)) ?? '';
  for (const expected of ['Ménaka', DESCRIPTION, '15.91985,2.39609']) expect(line).toContain(expected);
  expect(lines.filter(Boolean)).toHaveLength(2);
  await exportCard
    .getByRole('status')
    .filter({ hasText: /Export terminé : 1 incident dans incidents-.*\.csv\./ })
    .waitFor();

  // 5. For French Excel: `;` between cells, decimal commas in the coordinates.
  const excel = await downloaded(() => exportCard.getByRole('button', { name: /^CSV \(Excel FR/ }).click());
  const excelLines = excel.bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  expect(excelLines[0]?.split(';')[0]).toBe('event_id_cnty');
  const excelLine = excelLines.find((candidate) => candidate.startsWith(`${ref};`)) ?? '';
  expect(excelLine).toContain(';15,91985;2,39609;');
  expect(excelLine).toContain(DESCRIPTION);

  // 6. GeoJSON: one point feature.
  const geojson = await downloaded(() => exportCard.getByRole('button', { name: 'GeoJSON' }).click());
  const collection = JSON.parse(geojson.bytes.toString('utf8')) as {
    features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
  };
  expect(collection.features).toHaveLength(1);
  expect(collection.features[0]?.geometry.coordinates).toEqual([2.39609, 15.91985]);
  expect(collection.features[0]?.properties.event_id_cnty).toBe(ref);

  // 7. An import with an unknown sub-type: nothing imported, the line and column reported.
  await page.getByRole('button', { name: 'Importer un fichier CSV' }).click();
  const importCsv = [
    'event_date,event_type,sub_event_type,admin1,fatalities',
    '2020-07-20,Battles,Armed clash,Gao,2',
    '2020-07-21,Battles,Embuscade,Gao,1',
  ];
  await page.getByLabel('Fichier CSV', { exact: true }).setInputFiles({
    name: 'incidents-juillet.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(importCsv.join('\r\n'), 'utf8'),
  });
  await page.getByRole('button', { name: 'Lire le fichier', exact: true }).click();
  await page.getByRole('button', { name: 'Importer 2 lignes', exact: true }).click();
  const report = page.locator('.import-report');
  await report.getByRole('alert').filter({ hasText: 'Rien n’a été importé' }).waitFor();
  const errors = report.getByRole('table', { name: 'Erreurs, ligne par ligne' });
  expect(await visibleText(errors.locator('tbody tr').first())).toContain('Ligne 3 : type d’événement « Battles / Embuscade » inconnu');
  expect(await visibleText(report.locator('.import-counts'))).toContain('Lignes lues 2');
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(browserErrors).toEqual([]);
}, 120_000);

test('a photo is attached; a concurrent edit is merged; the history, English, and keyset pages', async () => {
  expect(ref).not.toBe('');
  const detail = `${server.url}/incidents/${ref}`;

  // 1. A photo, sent with its upload progress, listed with a download link.
  await page.goto(detail);
  await heading(page, TITLE);
  const attachments = card('Pièces jointes');
  await attachments.getByLabel('Ajouter une pièce jointe').setInputFiles({ name: 'hameau-ménaka.png', mimeType: 'image/png', buffer: PNG });
  await attachments.getByRole('button', { name: 'Envoyer la pièce jointe' }).click();
  await attachments.getByRole('status').filter({ hasText: 'Pièce jointe ajoutée : hameau-ménaka.png.' }).waitFor();
  const link = attachments.getByRole('link', { name: 'Télécharger hameau-ménaka.png' });
  expect(await link.getAttribute('href')).toMatch(/^\/api\/attachments\/[0-9a-f-]{36}$/);
  expect(await visibleText(attachments.getByRole('table'))).toContain('PNG');

  // 2. The edit form holds version 3; meanwhile another tab saves version 4.
  await page.getByRole('link', { name: 'Modifier l’incident' }).click();
  await heading(page, `Modifier l’incident ${ref}`);
  expect(await page.getByLabel('Localité (répertoire)').inputValue()).toBe('Ménaka');
  expect(await page.getByLabel('Tués, civils : estimation haute', { exact: true }).inputValue()).toBe('5');
  const other = await app.context.newPage();
  await other.goto(`${detail}/modifier`);
  await other.getByRole('heading', { level: 1, name: `Modifier l’incident ${ref}` }).waitFor();
  await other.getByLabel('Heure').fill('07:15');
  await other.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await other.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await other.close();

  // 3. Saving the stale version is refused; no field changed on both sides, so the other tab's change
  // is taken beside this one, and saving again works.
  await page.getByLabel('Commune').fill('Ménaka');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  const conflict = page.locator('.conflict-resolver');
  await conflict.filter({ hasText: 'aucun champ n’a été modifié des deux côtés' }).waitFor();
  expect(await page.evaluate(() => document.activeElement?.classList.contains('conflict-resolver'))).toBe(true);
  await screenshot(page, '47-incident-conflict', false);
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await page.getByLabel('Heure').inputValue()).toBe('07:15');
  expect(await page.getByLabel('Commune').inputValue()).toBe('Ménaka');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await heading(page, TITLE);
  expect(await visibleText(card('Quand'))).toContain('07:15');
  expect(await visibleText(card('Où'))).toContain('Commune Ménaka');

  // 4. The history: who changed which field, from what to what.
  await page.getByRole('button', { name: 'Historique des modifications' }).click();
  const history = page.locator('#incident-history');
  await history.locator('.history-entry').nth(1).waitFor();
  const entries = await visibleText(history);
  expect(entries).toMatch(/Heure Avant 06:30 Après 07:15/i);
  expect(entries).toMatch(/Commune Avant \(vide\) Après Ménaka/i);
  // Nothing else changed: the form gives back exactly what it loaded.
  expect(await history.locator('.history-change').count()).toBe(2);
  await screenshot(page, '48-incident-history');
  expect(entries).toContain(MANAGER.name);
  expect(await accessibilityViolations(page)).toEqual([]);

  // 5. In English: the labels, the vocabulary and the numbers follow the interface language.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Verification workflow' }).waitFor();
  await page.getByRole('table', { name: /^Killed by group/ }).waitFor();
  await expect.poll(() => visibleText(card('What'))).toContain('Violence against civilians');
  expect(await visibleText(card('Where'))).toContain('15.91985, 2.39609');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Incident log' }).click();
  await heading(page, 'Incident log');
  await page.locator('.incident-log-counts').filter({ hasText: '1 incident: 1 verified · 0 candidates' }).waitFor();
  await screenshot(page, '49-incidents-list-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Journal des incidents');

  // 6. Sixty incidents imported as candidates: the list shows fifty, then the next keyset page on request.
  await page.getByRole('button', { name: 'Importer un fichier CSV' }).click();
  const rows = Array.from(
    { length: 60 },
    (_, i) => `2020-08-${String(1 + (i % 28)).padStart(2, '0')},Battles,Armed clash,Gao,1,Accrochage n° ${i + 1}`,
  );
  await page.getByLabel('Fichier CSV', { exact: true }).setInputFiles({
    name: 'incidents-aout.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['event_date,event_type,sub_event_type,admin1,fatalities,notes', ...rows].join('\r\n'), 'utf8'),
  });
  await page.getByRole('button', { name: 'Lire le fichier', exact: true }).click();
  await page.getByRole('button', { name: 'Importer 60 lignes', exact: true }).click();
  await page
    .locator('.import-report')
    .getByRole('status')
    .filter({ hasText: 'Import terminé : 60 incidents importés comme candidats.' })
    .waitFor();
  const table = card('Incidents').getByRole('table');
  await page.getByText('50 incidents affichés sur 61.').waitFor();
  expect(await table.locator('tbody tr').count()).toBe(50);
  await page.getByRole('button', { name: 'Afficher plus d’incidents' }).click();
  await page.getByText('61 incidents affichés sur 61.').waitFor();
  expect(await table.locator('tbody tr').count()).toBe(61);
  expect(await page.getByRole('button', { name: 'Afficher plus d’incidents' }).count()).toBe(0);
  await page.locator('.incident-log-counts').filter({ hasText: '61 incidents : 1 vérifié · 60 candidats' }).waitFor();

  // 7. Anything else under /incidents/ is no incident.
  await page.goto(`${server.url}/incidents/nimporte-quoi`);
  await heading(page, 'Page introuvable');
  expect(browserErrors).toEqual([]);
}, 120_000);
