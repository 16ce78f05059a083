import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { searchKey } from '../../src/platform/text.js';
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
 * The fact sheet in a real browser, against the real server with the MINUSMA 2020 fact book:
 * a visitor without an account reads it in French and English, downloads the PDF, prints, and
 * searches; then an officer of the Force edits an internal text of the Force's section and reads its history,
 * including a version conflict. Needs dist/web (the test command builds it first) and Chromium at
 * /usr/bin/chromium.
 */

const OFFICER = { name: 'Mariam Coulibaly', email: 'mariam.coulibaly@minusma.test' };
// An internal working note of the Force (internal content is edited directly; public content is
// proposed, see proposals.e2e.test.ts), and what the officer makes of it.
const TASK_START = 'Note de travail : renforcer les efforts';
const EDITED_TASK =
  'Par ailleurs, la Force a renforcé ses patrouilles à Ménaka et à Tombouctou durant l’été 2020 (bérets bleus, « Opération Élan »).';
const CONCURRENT_TASK = 'Texte modifié entre-temps par un collègue à Gao.';

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
}, 60_000);

afterAll(async () => app?.close());

/** The whole fact sheet is some 30 000 pixels high: its top, and the parts a step is about. */
async function screenshotParts(name: string, parts: Record<string, Locator>): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 2000 } });
  for (const [suffix, locator] of Object.entries(parts)) await locator.screenshot({ path: `${SCREENSHOTS}${name}-${suffix}.png` });
}

function mainText(): Promise<string> {
  return visibleText(page.getByRole('main'));
}

/** A figure card of the fact sheet, by its label. */
function figure(scope: Locator, label: string): Locator {
  return scope.locator('.figure').filter({ has: page.locator('dt', { hasText: label }) });
}

/** One text of a section, by how it starts. */
function textItem(start: string): Locator {
  return page.locator('.text-block, .text-list > li').filter({ hasText: start });
}

test('a visitor reads the fact sheet in both languages, downloads it and searches it', async () => {
  // 1. No account needed: the fact sheet is in the navigation, and "Se connecter" in the header.
  await page.goto(`${server.url}/fiche`);
  await heading(page, 'Fiche d’information');
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).waitFor();
  const nav = await navigate(page, 'Information');
  expect(await visibleText(nav)).toContain('Fiche d’information');
  expect(await visibleText(nav)).toContain('Recherche');

  // The strength chart, drawn by the server, loads as an image and states its figures in text.
  const chart = page.getByRole('img', { name: /Force : 12 362 déployés sur 13 289 autorisés/ });
  await chart.waitFor();
  expect(await chart.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);

  // 2. The Force: its strength in French figures, the deployed share computed and marked as such.
  const force = page.locator('#section-FORCE');
  await force.getByRole('heading', { level: 2, name: 'FORCE' }).waitFor();
  for (const part of ['Mandat', 'Tâches', 'Partenaires', 'Chiffres clés']) {
    await force.getByRole('heading', { level: 3, name: part, exact: true }).waitFor();
  }
  expect(await visibleText(figure(force, 'Effectifs militaires autorisés'))).toContain('13 289');
  const share = figure(force, 'Militaires déployés, en part de l’effectif autorisé');
  expect(await visibleText(share)).toContain('93,02 %');
  expect(await visibleText(share)).toContain('calculé');
  expect(await share.locator('.figure-computed').getAttribute('title')).toBe(
    'Calculé : Militaires déployés / Effectifs militaires autorisés × 100',
  );
  const text = await mainText();
  expect(text).toContain('MINUSMA');
  expect(text).toContain('Résolution 2531 (2020) du Conseil de sécurité');

  // 3. UNPOL: its parts do not add up to its authorised strength, and the page says so.
  const unpol = page.locator('#section-UNPOL');
  const warning = figure(unpol, 'Effectif de police autorisé par le mandat').getByRole('note');
  expect(await visibleText(warning)).toMatch(/^attention /i);
  expect(await visibleText(warning)).toContain('Incohérence dans la source');
  expect(await warning.isVisible()).toBe(true);

  // 4. Print and PDF are offered; the contents lead to each section.
  await page.getByRole('button', { name: 'Imprimer' }).waitFor();
  await page.getByRole('navigation', { name: 'Sommaire' }).getByRole('link', { name: 'POLICE DES NATIONS UNIES UNPOL' }).waitFor();
  await screenshotParts('10-fiche-fr', { force: force, unpol: unpol.locator('.part-figures') });

  // 5. In English: the interface and the number formats change; the content stays as written.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Fact sheet');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  await figure(force, 'Military personnel deployed, share of authorised strength').waitFor();
  expect(await visibleText(figure(force, 'Military personnel deployed, share of authorised strength'))).toContain('93.02%');
  expect(await visibleText(figure(force, 'Authorised military strength'))).toContain('13,289');
  await force.getByRole('heading', { level: 3, name: 'Key figures', exact: true }).waitFor();
  expect(await visibleText(force)).toContain('En application des dispositions de la résolution 2531 (2020)');
  expect(await visibleText(figure(unpol, 'Police strength authorised by the mandate').getByRole('note'))).toMatch(/^warning /i);
  await screenshotParts('11-fiche-en', { force: force, unpol: unpol.locator('.part-figures') });

  // 6. The PDF, in the interface language.
  const pdfLink = page.getByRole('link', { name: 'Download the PDF' });
  const href = await pdfLink.getAttribute('href');
  expect(href).toBe('/api/factsheet.pdf?lang=en');
  const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const file = await readFile(await download.path());
  expect(file.subarray(0, 4).toString('latin1')).toBe('%PDF');
  const response = await page.request.get(`${server.url}${href}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');

  // 7. One section on its own page, with its own PDF.
  await page.getByRole('link', { name: 'Open the section POLICE DES NATIONS UNIES UNPOL' }).click();
  await heading(page, 'POLICE DES NATIONS UNIES UNPOL');
  expect(await page.getByRole('link', { name: 'Download this section as PDF' }).getAttribute('href')).toBe(
    '/api/factsheet.pdf?lang=en&section=UNPOL',
  );
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'POLICE DES NATIONS UNIES UNPOL');
  expect(await mainText()).toContain('Effectif de police autorisé par le mandat');

  // 8. Search, from the navigation: too short, then "menaka" finds "Ménaka", and the query is in the address.
  await page.getByRole('link', { name: 'Recherche', exact: true }).click();
  await heading(page, 'Recherche');
  const field = page.getByLabel('Rechercher dans la fiche d’information');
  await field.fill('m');
  await field.press('Enter');
  await page.getByText('Saisissez au moins 2 caractères.').waitFor();
  await field.fill('menaka');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.getByRole('status').filter({ hasText: 'pour « menaka »' }).waitFor();
  expect(new URL(page.url()).searchParams.get('q')).toBe('menaka');
  const results = await mainText();
  expect(results).toContain('Ménaka');
  expect(results).toContain('Textes');
  expect(results).toContain('Section :');
  await screenshot(page, '12-search-menaka');

  // 9. A result opens its section at the text found.
  const firstHit = page.locator('.search-hit').first();
  const hitSection = ((await firstHit.locator('.search-hit-sections a').first().textContent()) ?? '').trim();
  await firstHit.locator('.search-hit-sections a').first().click();
  await heading(page, hitSection);
  await page.locator('.hash-target').waitFor();
  expect(await visibleText(page.locator('.hash-target'))).toMatch(/M[ée]naka/i);

  // 10. On a phone: the whole fact sheet fits the width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.url}/fiche`);
  await heading(page, 'Fiche d’information');
  await page.locator('#section-FORCE .figure').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, '13-fiche-phone', false);
  await page.locator('#section-FORCE .part-figures').screenshot({ path: `${SCREENSHOTS}13-fiche-phone-figures.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(browserErrors).toEqual([]);
}, 120_000);

/** The language buttons, behind the menu button on a phone. */
async function chooseLanguage(lang: 'fr' | 'en'): Promise<void> {
  const toggle = page.locator('.menu-toggle');
  const onPhone = await toggle.isVisible();
  if (onPhone) await toggle.click();
  await page.getByRole('button', { name: lang.toUpperCase(), exact: true }).click();
  if (onPhone) await toggle.click();
}

test('the fiche states each figure, heading, line and partner as the fact book does, and flags its inconsistencies', async () => {
  const expectations = {
    fr: {
      title: 'Fiche d’information',
      figures: ['plus de 16 774', 'près de 42 612', 'environ 250', 'au moins 3 000', 'au plus 6 mois', '18 mois', '15 jours'],
      periods: ['janvier 2017 – juin 2020', 'depuis 2015'],
      computed: 'calculé : 93,02 %',
      free: 'Appel gratuit',
      fpu: ['Part FPU', 'ne correspond à aucun dénominateur'],
      subCommittees: ['Sous-comités du Comité de Suivi de l’Accord', 'elle en annonce 4 et en énumère 5'],
    },
    en: {
      title: 'Fact sheet',
      figures: ['more than 16,774', 'nearly 42,612', 'about 250', 'at least 3,000', 'at most 6 months', '18 months', '15 days'],
      periods: ['January 2017 – June 2020', 'since 2015'],
      computed: 'computed: 93.02%',
      free: 'Free call',
      fpu: ['FPU share', 'matches no denominator'],
      subCommittees: ['Sub-committees of the Agreement Monitoring Committee', 'it announces 4 and lists 5'],
    },
  } as const;
  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto(`${server.url}/fiche`);
    for (const lang of ['fr', 'en'] as const) {
      const expected = expectations[lang];
      await chooseLanguage(lang);
      await heading(page, expected.title);
      const unpol = page.locator('#section-UNPOL');
      const med = page.locator('#section-MED');
      const ssr = page.locator('#section-SSR-DDR');
      await figure(unpol, expected.fpu[0]).waitFor();
      const text = await mainText();
      for (const phrase of [...expected.figures, ...expected.periods, expected.computed]) expect(text, phrase).toContain(phrase);

      // Words split at a line end in the source are whole.
      expect(text).not.toMatch(/[\p{L}\p{N}]- [\p{L}\p{N}]/u);
      expect(text).toContain('Club-Médias-Élections');

      // Sub-headings are headings: the DDR results are not read as part of the RSS list.
      for (const name of ['a) Réforme du Secteur de la Sécurité (RSS)', 'b) Désarmement, Démobilisation et Réintégration (DDR)']) {
        await ssr.getByRole('heading', { name, exact: true }).waitFor();
      }
      for (const name of ['Mise en œuvre de l’Accord', 'Crise au Centre']) await med.getByRole('heading', { name, exact: true }).waitFor();
      const ddr = ssr.locator('.text-subgroup').filter({ has: page.getByRole('heading', { name: /^b\) Désarmement/ }) });
      expect(await visibleText(ddr)).toContain('Enregistrement biométrique de 1 747 ex-combattants');

      // Only the 80333 green line is free; partner country codes are shown.
      const free = page.locator('.tag-free');
      expect(await free.count()).toBe(1);
      expect(await visibleText(free)).toBe(expected.free);
      expect(await visibleText(page.locator('li', { has: free }))).toContain('80333');
      for (const code of ['DZA', 'GBR', 'NLD', 'USA'])
        expect(await visibleText(page.locator('.partner-country', { hasText: code }).first())).toBe(code);

      // The two inconsistencies of the source are flagged where the figures are.
      expect(await visibleText(figure(unpol, expected.fpu[0]).getByRole('note'))).toContain(expected.fpu[1]);
      expect(await visibleText(figure(med, expected.subCommittees[0]).getByRole('note'))).toContain(expected.subCommittees[1]);

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const name = `14-fiche-source-${lang}-${viewport.width}`;
      await ssr.locator('.part-result').screenshot({ path: `${SCREENSHOTS}${name}-ssr-ddr.png` });
      await med.locator('.part-partners').screenshot({ path: `${SCREENSHOTS}${name}-med-partners.png` });
      await unpol.locator('.part-figures').screenshot({ path: `${SCREENSHOTS}${name}-unpol-figures.png` });
      await page.locator('#section-SRS .part-figures').screenshot({ path: `${SCREENSHOTS}${name}-srs-figures.png` });
      await page.locator('#section-WPA .part-contacts').screenshot({ path: `${SCREENSHOTS}${name}-wpa-contacts.png` });
    }
  }
  await chooseLanguage('fr');
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(browserErrors).toEqual([]);
}, 180_000);

test('an officer of the Force edits an internal task, sees it saved and in its history, and meets a conflict', async () => {
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
  const now = new Date().toISOString();
  const note = `${TASK_START} de la Force à Ménaka.`;
  await server.ctx.database.db
    .insertInto('section_texts')
    .values({
      id: randomUUID(),
      unit_code: 'FORCE',
      kind: 'task',
      heading: null,
      bullet: 1,
      body: note,
      search_key: searchKey(note),
      sort_order: 0,
      classification: 'internal',
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();

  // 1. Sign in from the fact sheet's header, and come back to it; from the home page, the
  // organisation tree leads to the Force's section.
  await page.goto(`${server.url}/fiche`);
  await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).click();
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(OFFICER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Fiche d’information');
  await page.getByRole('link', { name: 'Accueil' }).click();
  await heading(page, 'Mon travail');
  await page.getByRole('main').getByRole('link', { name: 'La mission en un coup d’œil' }).click();
  await heading(page, 'La mission en un coup d’œil');
  await page.locator('.unit-tree').getByRole('link', { name: 'Force', exact: true }).click();
  await heading(page, 'FORCE');
  expect(new URL(page.url()).pathname).toBe('/sections/FORCE');
  expect(await mainText()).toContain('Vous pouvez modifier les textes internes de cette section');

  // 2. Edit a task: the form is labelled, starts from the current text, and takes accents.
  const task = textItem(TASK_START);
  await task.getByRole('button', { name: /^Modifier/ }).click();
  const textarea = task.getByLabel('Texte', { exact: true });
  expect(await textarea.evaluate((element) => element === document.activeElement)).toBe(true);
  expect(await textarea.inputValue()).toContain(TASK_START);
  await textarea.fill(EDITED_TASK);
  await screenshot(page, '14-section-edit-form');
  expect(await accessibilityViolations(page)).toEqual([]);
  await task.getByRole('button', { name: 'Enregistrer' }).click();

  // 3. Saved: the page shows the new text and says so; the edit button has the focus back.
  const edited = textItem('Par ailleurs, la Force a renforcé');
  await edited.getByText('Texte enregistré.').waitFor();
  expect(await visibleText(edited)).toContain(EDITED_TASK);
  expect(await edited.getByRole('button', { name: /^Modifier/ }).evaluate((element) => element === document.activeElement)).toBe(true);

  // 4. Its history: when, who, and the text before and after.
  await edited.getByRole('button', { name: /^Historique/ }).click();
  const history = edited.locator('.history');
  await history.locator('.history-entry').first().waitFor();
  const historyText = await visibleText(history);
  // The server names the author by the label it audits (the account's e-mail address).
  expect(historyText).toContain(`par ${OFFICER.name}`);
  expect(historyText).toContain('(version 2)');
  expect(historyText).toContain('Texte');
  // Word by word: the words removed struck through, those added underlined.
  const words = history.locator('.history-words').first();
  expect(await words.locator('del').first().textContent()).toContain('Note');
  const added = (await words.locator('ins').allTextContents()).join(' ');
  for (const word of ['renforcé ses patrouilles', 'Tombouctou', 'Opération Élan']) expect(added).toContain(word);
  expect(historyText).toMatch(/\d{4}/);
  await screenshot(page, '15-section-history');
  expect(await accessibilityViolations(page)).toEqual([]);

  // 5. A colleague saves the same text while the officer is editing it: the save is refused, and
  // reloading brings the colleague's text into the form.
  await edited.getByRole('button', { name: /^Modifier/ }).click();
  await edited.getByLabel('Texte', { exact: true }).fill(`${EDITED_TASK} Ajout.`);
  const me = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string };
  const section = (await (await page.request.get(`${server.url}/api/sections/FORCE`)).json()) as {
    texts: { id: string; body: string; version: number }[];
  };
  const current = section.texts.find((candidate) => candidate.body === EDITED_TASK);
  expect(current?.version).toBe(2);
  const concurrent = await page.request.patch(`${server.url}/api/sections/FORCE/texts/${current?.id}`, {
    data: { version: current?.version, body: CONCURRENT_TASK },
    headers: { 'x-csrf-token': me.csrfToken },
  });
  expect(concurrent.status()).toBe(200);
  await edited.getByRole('button', { name: 'Enregistrer' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await visibleText(alert)).not.toBe('');
  await screenshot(page, '16-section-conflict', false);
  await page.getByRole('button', { name: 'Recharger' }).click();
  await page.waitForFunction((expected) => {
    const area = document.querySelector('textarea');
    return area instanceof HTMLTextAreaElement && area.value === expected;
  }, CONCURRENT_TASK);
  expect(await page.getByRole('alert').count()).toBe(0);
  await page.getByRole('button', { name: 'Annuler' }).click();
  await textItem(CONCURRENT_TASK).waitFor();

  // 6. The section, its form and its history fit a phone's width.
  await page.setViewportSize({ width: 390, height: 844 });
  const concurrentItem = textItem(CONCURRENT_TASK);
  await concurrentItem.getByRole('button', { name: /^Modifier/ }).click();
  await concurrentItem.locator('.history-entry').nth(1).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await concurrentItem.screenshot({ path: `${SCREENSHOTS}17-section-phone.png` });
  await concurrentItem.getByRole('button', { name: 'Annuler' }).click();
  await page.setViewportSize({ width: 1280, height: 800 });

  // 7. A figure: the officer corrects the deployed strength (typed the French way), the share
  // computed from it follows, and the history says from what to what; then the figure is restored.
  const forceSection = page.locator('.part-figures');
  const deployed = forceSection.locator('.figure').filter({ has: page.locator('dt', { hasText: /^Militaires déployés$/ }) });
  const deployedShare = figure(forceSection, 'Militaires déployés, en part de l’effectif autorisé');
  expect(await visibleText(deployed)).toContain('12 362');
  expect(await deployedShare.getByRole('button', { name: /^Modifier/ }).count()).toBe(0);
  await deployed.getByRole('button', { name: /^Modifier/ }).click();
  const valueField = deployed.getByLabel('Valeur', { exact: true });
  await valueField.waitFor();
  expect(await valueField.evaluate((element) => element === document.activeElement)).toBe(true);
  expect((await valueField.inputValue()).replace(/\s/g, ' ')).toBe('12 362');
  expect(await deployed.getByLabel('Libellé en anglais').inputValue()).toBe('Military personnel deployed');
  await valueField.fill('12 400');
  await deployed.getByRole('button', { name: 'Enregistrer' }).click();
  await deployed.getByText('Chiffre enregistré.').waitFor();
  await expect.poll(() => visibleText(deployed.locator('.figure-value'))).toBe('12 400');
  await expect.poll(() => visibleText(deployedShare.locator('.figure-value'))).toContain('93,31 %');
  await deployed.getByRole('button', { name: /^Historique/ }).click();
  const figureHistory = deployed.locator('.history');
  await figureHistory.locator('.history-entry').first().waitFor();
  const figureHistoryText = await visibleText(figureHistory);
  expect(figureHistoryText).toContain('Historique du chiffre');
  expect(figureHistoryText).toContain(`par ${OFFICER.name}`);
  expect(await visibleText(figureHistory.locator('.history-before').first())).toMatch(/^avant 12 362$/i);
  expect(await visibleText(figureHistory.locator('.history-after').first())).toMatch(/^après 12 400$/i);
  await forceSection.screenshot({ path: `${SCREENSHOTS}18-figure-edit.png` });
  expect(await accessibilityViolations(page)).toEqual([]);
  await deployed.getByRole('button', { name: /^Modifier/ }).click();
  await deployed.getByLabel('Valeur', { exact: true }).fill('12362');
  await deployed.getByRole('button', { name: 'Enregistrer' }).click();
  await expect.poll(() => visibleText(deployedShare.locator('.figure-value'))).toContain('93,02 %');
  await expect.poll(() => visibleText(deployed.locator('.figure-value'))).toBe('12 362');

  // 8. A signed-in reader of another unit sees the section, its history, but no edit button.
  expect(await page.getByRole('button', { name: /^Modifier/ }).count()).toBeGreaterThan(0);
  await page.goto(`${server.url}/sections/HRPD`);
  await heading(page, 'LA DIVISION DES DROITS DE L’HOMME ET DE LA PROTECTION');
  await page
    .getByRole('button', { name: /^Historique/ })
    .first()
    .waitFor();
  expect(await page.getByRole('button', { name: /^Modifier/ }).count()).toBe(0);
  expect(await mainText()).toContain('Seuls les chargés de dossiers et les responsables de l’unité peuvent modifier cette section.');
  expect(browserErrors).toEqual([]);
}, 120_000);
