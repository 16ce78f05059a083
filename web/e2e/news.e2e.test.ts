import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  accessibilityViolations,
  type BrowserFixture,
  heading,
  navigate,
  openApp,
  screenshot,
  signedInCaller,
  visibleText,
} from './support.js';

/**
 * Public information in a real browser: an officer of the division drafts a release under embargo
 * and submits it; it shows nowhere publicly; the chief of public information clears and publishes
 * it; still nothing public until the embargo ends (the server's clock moves on), then the news page
 * and the release's page show it to a visitor without an account. And Radio Mikado's page, with
 * its frequencies and its schedule by language, in French and in English.
 */

const OFFICER = { name: 'Fatoumata Diarra', email: 'fatoumata.diarra@minusma.test' };
const CHIEF = { name: 'Olivier Salgado', email: 'olivier.salgado@minusma.test' };
const TITLE = 'La MINUSMA salue la tenue de la session du Comité de suivi de l’Accord';

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'SCPI', role: 'officer' }] });
  await buildUser(server.ctx, { ...CHIEF, memberships: [{ unit: 'SCPI', role: 'manager' }] });
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await app?.close();
});

async function newPage(): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  contexts.push(context);
  return context.newPage();
}

async function signIn(on: Page, email: string): Promise<void> {
  await on.goto(`${server.url}/login`);
  await on.getByLabel('Adresse e-mail').fill(email);
  await on.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await on.getByRole('button', { name: 'Se connecter' }).click();
  // The home link is a member's only: signed in, and the page after sign-in shown.
  await on.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Accueil' }).waitFor();
}

async function checked(on: Page, name: string): Promise<void> {
  await screenshot(on, name);
  expect(await accessibilityViolations(on)).toEqual([]);
}

/** What a visitor without an account sees of the news. */
async function publicNews(visitor: Page): Promise<string> {
  await visitor.goto(`${server.url}/actualites`);
  await heading(visitor, 'Actualités de la MINUSMA');
  const releases = visitor.locator('section.card').filter({ has: visitor.getByRole('heading', { level: 2, name: 'Communiqués' }) });
  await releases.locator('ul.news-list, p').first().waitFor();
  return visibleText(releases);
}

test('a release drafted by an officer is public only once cleared, published and past its embargo', async () => {
  const embargo = new Date(server.ctx.now().getTime() + 2 * 3_600_000);
  const day = `${String(embargo.getUTCDate()).padStart(2, '0')}/${String(embargo.getUTCMonth() + 1).padStart(2, '0')}/${embargo.getUTCFullYear()}`;
  const time = `${String(embargo.getUTCHours()).padStart(2, '0')}:${String(embargo.getUTCMinutes()).padStart(2, '0')}`;

  // 1. The officer drafts the release with an embargo and submits it.
  page.setDefaultTimeout(60_000);
  await signIn(page, OFFICER.email);
  await navigate(page, 'Information', 'Actualités');
  await heading(page, 'Actualités de la MINUSMA');
  await page.getByRole('link', { name: 'Rédaction et validation' }).click();
  await heading(page, 'Rédaction et validation');
  await page.getByLabel(/^Lieu de publication/).fill('Bamako');
  await page.getByLabel('Titre (français)', { exact: true }).fill(TITLE);
  await page.getByLabel('Chapeau (français)', { exact: true }).fill('La Mission salue la tenue de la session ordinaire du CSA à Bamako.');
  await page
    .getByLabel('Texte (français)', { exact: true })
    .fill('Bamako, le 10 février — La MINUSMA salue la tenue de la session.\n\nElle réaffirme son soutien.');
  await page.getByLabel(/^Date de fin d’embargo/).fill(day);
  await page.getByLabel(/^Heure de fin d’embargo/).fill(time);
  await checked(page, '95-news-draft-form-fr');
  await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await heading(page, TITLE);
  await page.getByRole('button', { name: 'Soumettre pour validation' }).click();
  await expect.poll(() => visibleText(page.getByRole('main'))).toContain('Soumis pour validation');
  // Four eyes: the author has no clearance button.
  expect(await page.getByRole('button', { name: /^Valider/ }).count()).toBe(0);
  expect(await visibleText(page.getByRole('main'))).toContain('Quatre yeux');
  await checked(page, '95-news-submitted-fr');

  // 2. A visitor sees nothing of it.
  const visitor = await newPage();
  expect(await publicNews(visitor)).not.toContain(TITLE);

  // 3. The chief of public information clears it, then publishes it: under embargo.
  const chief = await newPage();
  await signIn(chief, CHIEF.email);
  await chief.goto(`${server.url}/actualites/redaction`);
  await heading(chief, 'Rédaction et validation');
  await chief.getByRole('link', { name: TITLE }).click();
  await heading(chief, TITLE);
  await chief.getByRole('button', { name: 'Valider (chef de l’information publique)' }).click();
  await chief.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect.poll(() => visibleText(chief.getByRole('main'))).toContain('Sous embargo jusqu’au');
  expect(await visibleText(chief.getByRole('main'))).toContain(`Validé par ${CHIEF.name}`);
  await checked(chief, '95-news-published-embargoed-fr');

  // 4. Published, but before its embargo: still nothing public, not even its page.
  expect(await publicNews(visitor)).not.toContain(TITLE);
  const id = new URL(chief.url()).pathname.split('/').at(-1) as string;
  await visitor.goto(`${server.url}/actualites/${id}`);
  await expect.poll(() => visibleText(visitor.getByRole('main'))).toMatch(/introuvable/i);
  expect(await visibleText(visitor.getByRole('main'))).not.toContain(TITLE);

  // 5. The embargo ends (the server's clock moves on; nobody writes anything): the release is public.
  server.ctx.advance(2 * 3_600_000 + 60_000);
  expect(await publicNews(visitor)).toContain(TITLE);
  await checked(visitor, '95-news-public-fr');
  await visitor.getByRole('link', { name: TITLE }).click();
  await heading(visitor, TITLE);
  expect(await visibleText(visitor.getByRole('main'))).toContain('Elle réaffirme son soutien.');
  await checked(visitor, '95-news-release-fr');

  // 6. The public fiche leads to the news and the radio.
  await visitor.goto(`${server.url}/fiche`);
  await visitor.getByRole('link', { name: 'Actualités et communiqués' }).waitFor();
  await visitor.getByRole('link', { name: 'Radio Mikado FM : fréquences et programmes' }).click();
  await heading(visitor, 'Radio Mikado FM');
}, 240_000);

test('Radio Mikado’s frequencies and schedule by language, in French and in English', async () => {
  const officer = await signedInCaller(server, OFFICER.email);
  await officer('POST', '/api/radio/programmes', {
    language: 'bambara',
    titleFr: 'Kibaru — le journal en bambara',
    titleEn: 'Kibaru — the news in Bambara',
    days: [1, 2, 3, 4, 5],
    startsAt: '07:00',
    endsAt: '07:15',
  });
  const visitor = await newPage();
  await visitor.goto(`${server.url}/radio`);
  await heading(visitor, 'Radio Mikado FM');
  const main = visitor.getByRole('main');
  await expect.poll(() => visibleText(main)).toContain('Kibaru — le journal en bambara');
  const text = await visibleText(main);
  for (const expected of [
    'Bamako',
    '106,6 FM',
    'Tombouctou',
    '92,6 FM',
    'Mopti',
    '91,8 FM',
    'Songhaï',
    'Tamasheq',
    'Peuhl',
    'Dogon',
    'Arabe',
  ])
    expect(text).toContain(expected);
  expect(text).toContain('lun., mar., mer., jeu., ven.');
  await checked(visitor, '96-radio-fr');

  await visitor.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(visitor, 'Radio Mikado FM');
  await expect.poll(() => visibleText(main)).toContain('Kibaru — the news in Bambara');
  expect(await visibleText(main)).toContain('106.6 FM');
  expect(await visibleText(main)).toContain('Programme schedule by language');
  await checked(visitor, '96-radio-en');

  // On a phone.
  await visitor.setViewportSize({ width: 390, height: 844 });
  await checked(visitor, '96-radio-en-phone');
  expect(browserErrors).toEqual([]);
}, 120_000);

/** A small real PNG (a blue band on sand, 120 × 80) with a text chunk holding a GPS position. */
function photoPng(): Buffer {
  const width = 120;
  const height = 80;
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) row.set(y > 30 && y < 50 ? [0, 91, 170] : [226, 200, 150], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from('GPS\u000012.6392N 8.0029W', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('an officer adds a captioned, credited photo to a draft; it is public only once the release is published', async () => {
  const CAPTION = 'Des membres du CSA réunis à Bamako';
  const CREDIT = 'Photo MINUSMA / A. Traoré';
  const ALBUM_TITLE = 'Album : la session du CSA à Bamako';
  const officerApi = await signedInCaller(server, OFFICER.email);
  const chiefApi = await signedInCaller(server, CHIEF.email);
  const draft = await officerApi<{ id: string; version: number }>('POST', '/api/news/desk', {
    titleFr: ALBUM_TITLE,
    summaryFr: 'Les photos de la session.',
    bodyFr: 'La session s’est tenue à Bamako.',
  });

  // 1. The officer adds the photo on the desk, with its caption and credit.
  const officer = await newPage();
  officer.setDefaultTimeout(60_000);
  await signIn(officer, OFFICER.email);
  await officer.goto(`${server.url}/actualites/redaction/${draft.id}`);
  await heading(officer, ALBUM_TITLE);
  await officer.getByLabel(/^Photo \(JPEG ou PNG\)/).setInputFiles({ name: 'csa.png', mimeType: 'image/png', buffer: photoPng() });
  await officer.getByLabel(/^Légende \(français\)/).fill(CAPTION);
  await officer.getByLabel(/^Crédit photo/).fill(CREDIT);
  await officer.getByRole('button', { name: 'Ajouter une photo' }).click();
  await expect.poll(() => visibleText(officer.getByRole('main'))).toContain('Photo ajoutée à l’album.');
  await officer.getByRole('img', { name: CAPTION }).waitFor();
  expect(await visibleText(officer.getByRole('main'))).toContain(`Crédit : ${CREDIT}`);
  await checked(officer, '97-news-album-desk-fr');
  const photoUrl = (await officer.getByRole('img', { name: CAPTION }).getAttribute('src')) as string;

  // 2. A visitor: the release's page and the photo itself are not found.
  const visitor = await newPage();
  expect((await visitor.request.get(`${server.url}${photoUrl}`)).status()).toBe(404);
  await visitor.goto(`${server.url}/actualites/${draft.id}`);
  await expect.poll(() => visibleText(visitor.getByRole('main'))).toMatch(/introuvable/i);

  // 3. Submitted, cleared by the chief, published: the album is public, the caption its text alternative.
  const submitted = await officerApi<{ version: number }>('POST', `/api/news/desk/${draft.id}/submit`, { version: draft.version });
  const cleared = await chiefApi<{ version: number }>('POST', `/api/news/desk/${draft.id}/clear`, { version: submitted.version });
  await officerApi('POST', `/api/news/desk/${draft.id}/publish`, { version: cleared.version });
  expect((await visitor.request.get(`${server.url}${photoUrl}`)).status()).toBe(200);
  await visitor.goto(`${server.url}/actualites/${draft.id}`);
  await heading(visitor, ALBUM_TITLE);
  await visitor.getByRole('img', { name: CAPTION }).waitFor();
  await expect.poll(() => visibleText(visitor.getByRole('main'))).toContain(`Crédit : ${CREDIT}`);
  await checked(visitor, '97-news-album-public-fr');
  expect(browserErrors).toEqual([]);
}, 180_000);
