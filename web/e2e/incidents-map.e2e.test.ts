import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Incident, IncidentInput } from '../../src/contracts/incidents.js';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import { incidentInput } from '../../tests/helpers/incidents.js';
import { pmtilesArchive, pngTile, tilesOver } from '../../tests/helpers/pmtiles.js';
import type { TestServer } from '../../tests/helpers/server.js';
import {
  type ApiCall,
  accessibilityViolations,
  type BrowserFixture,
  heading,
  navigate,
  openApp,
  SCREENSHOTS,
  screenshot,
  signedInCaller,
  visibleText,
} from './support.js';

/**
 * The incident map, the dashboard and the alert inbox in a real browser, against the real server,
 * with nothing fetched from outside: the boundaries and towns ship with the app, and the base layer
 * is a PMTiles archive written by the test beside the data, as an administrator would place one. Incidents are
 * recorded through the API in Ménaka, Gao and Tombouctou, some verified by a second person, some
 * only submitted; a manager of the Force reads them on the map and the dashboard, sets an alert
 * rule for the cercle of Ménaka and follows the region, then acknowledges one alert and escalates
 * another to UNPOL. Needs dist/web (the test command builds it first) and Chromium at /usr/bin/chromium.
 */

const MANAGER = { name: 'Aminata Traoré', email: 'aminata.traore@minusma.test' };
const OFFICER = { name: 'Moussa Diarra', email: 'moussa.diarra@minusma.test' };
const POLICE = { name: 'Fatou Keïta', email: 'fatou.keita@minusma.test' };
const MENAKA_CERCLE = 'MLI-ADM2-8926073B7794266';

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];
/** Requests the page tried to send anywhere but the test server. */
const outside: string[] = [];

let officer: ApiCall;
let manager: ApiCall;

/** Records an incident as the officer and submits it; the manager (another person) verifies it when asked. */
async function report(overrides: Partial<IncidentInput>, to: 'draft' | 'submitted' | 'verified'): Promise<Incident> {
  let incident = await officer<Incident>('POST', '/api/incidents', incidentInput(overrides));
  if (to === 'draft') return incident;
  incident = await officer<Incident>('POST', `/api/incidents/${incident.ref}/transitions`, { action: 'submit', version: incident.version });
  if (to === 'submitted') return incident;
  return manager<Incident>('POST', `/api/incidents/${incident.ref}/transitions`, {
    action: 'verify',
    version: incident.version,
    comment: 'Confirmé par la patrouille',
  });
}

const at = (place: string) => ({ location: { place, precision: 'near' as const } });
const battle = { eventType: 'battles', subEventType: 'armed_clash', category: null };
const explosion = { eventType: 'explosions_remote_violence', subEventType: 'remote_explosive_landmine_ied', category: 'ied' };

let tombouctou: Incident;
let basemapDir: string;

/** Sand-coloured tiles with a grey frame: the base layer shows as a grid under the cercles. */
const BASEMAP_BOUNDS: [number, number, number, number] = [-13, 9.5, 5, 25.5];

beforeAll(async () => {
  basemapDir = await mkdtemp(join(tmpdir(), 'mandat-e2e-basemap-'));
  const basemapFile = join(basemapDir, 'basemap.pmtiles');
  const tile = pngTile([236, 226, 198], [150, 150, 150]);
  await writeFile(
    basemapFile,
    pmtilesArchive(
      tilesOver(BASEMAP_BOUNDS, [3, 4, 5, 6, 7], () => tile),
      { bounds: BASEMAP_BOUNDS, metadata: { attribution: '<b>Carte d’essai de la mission</b>' } },
    ),
  );
  app = await openApp({ basemapFile });
  ({ server, page, errors: browserErrors } = app);
  // Nothing may leave the machine: no tile server, no font or script from elsewhere.
  await app.context.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === 'localhost' || hostname === '127.0.0.1') return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  await buildUser(server.ctx, { ...MANAGER, memberships: [{ unit: 'FORCE', role: 'manager' }] });
  await buildUser(server.ctx, { ...OFFICER, memberships: [{ unit: 'FORCE', role: 'officer' }] });
  await buildUser(server.ctx, { ...POLICE, memberships: [{ unit: 'UNPOL', role: 'officer' }] });
  officer = await signedInCaller(server, OFFICER.email);
  manager = await signedInCaller(server, MANAGER.email);
  // Verified: 3 (Ménaka, Gao, Tombouctou). Candidates: 2 (Andéramboukane in Ménaka, Ansongo in Gao). A draft that counts nowhere.
  await report({ occurredOn: '2020-07-06', ...at('Ménaka') }, 'verified');
  await report({ occurredOn: '2020-07-08', ...at('Andéramboukane'), ...battle }, 'submitted');
  await report({ occurredOn: '2020-07-10', ...at('Gao'), ...explosion }, 'verified');
  await report({ occurredOn: '2020-08-03', ...at('Ansongo'), ...explosion }, 'submitted');
  tombouctou = await report(
    { occurredOn: '2020-08-15', ...at('Tombouctou'), ...battle, title: 'Accrochage au nord de Tombouctou' },
    'verified',
  );
  await report({ occurredOn: '2020-08-20', ...at('Bourem') }, 'draft');
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (basemapDir) await rm(basemapDir, { recursive: true, force: true });
});

function card(title: string): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
}

function rowOf(table: Locator, header: string): Locator {
  return table.locator('tr').filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
}

/** The numbers the cluster markers show, summed. */
async function markerTotal(): Promise<number> {
  const counts = await page.locator('.incident-cluster').allInnerTexts();
  return counts.reduce((sum, text) => sum + Number(text.replace(/\D/g, '')), 0);
}

/** The cercles the choropleth colours (a tone other than the neutral 0), by cercle code with their count. */
async function colouredCercles(): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('path.map-cercle')]
        .filter((path) => /\bchoropleth-[1-5]\b/.test(path.getAttribute('class') ?? ''))
        .map((path) => [path.getAttribute('data-cercle'), Number(path.getAttribute('data-count'))]),
    ),
  );
}

/** Whether the regions' outlines lie inside the map's box above the credits and fill it in one direction: Mali fitted. */
async function maliFitted(map: Locator): Promise<{ inside: boolean; fills: boolean }> {
  return map.evaluate((element) => {
    const whole = element.getBoundingClientRect();
    const credits = element.querySelector('.leaflet-control-attribution')?.getBoundingClientRect().height ?? 0;
    const box = new DOMRect(whole.x, whole.y, whole.width, whole.height - credits);
    const rects = [...element.querySelectorAll('path.map-region')].map((path) => path.getBoundingClientRect());
    const left = Math.min(...rects.map((r) => r.left));
    const right = Math.max(...rects.map((r) => r.right));
    const top = Math.min(...rects.map((r) => r.top));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    const inside = left >= box.left - 1 && right <= box.right + 1 && top >= box.top - 1 && bottom <= box.bottom + 1;
    // Leaflet zooms by quarter levels, and the attribution takes a line: Mali fills at least 3/4 of the box in one direction.
    const fills = (right - left) / box.width > 0.75 || (bottom - top) / box.height > 0.75;
    return { inside, fills };
  });
}

/** The names of towns a person sees on the map. */
async function visibleTowns(map: Locator, rank: number): Promise<string[]> {
  return map
    .locator(`.town-rank-${rank} .town-name`)
    .evaluateAll((names) =>
      names
        .filter((name) => name.getBoundingClientRect().width > 0 && getComputedStyle(name).visibility === 'visible')
        .map((name) => name.textContent ?? ''),
    );
}

/** Base-map tiles drawn, and where they came from. */
async function loadedTiles(map: Locator): Promise<string[]> {
  return map.locator('img.leaflet-tile.leaflet-tile-loaded').evaluateAll((tiles) => tiles.map((tile) => (tile as HTMLImageElement).src));
}

/** The next answer of the map endpoint, once the map has settled after a move, a zoom or a new filter. */
function mapAnswer(check: (url: URL) => boolean = () => true) {
  return page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === '/api/incidents/map' && check(url);
  });
}

test('the map draws Mali from the shipped boundaries, the cercles by incident count and the clusters, without the internet', async () => {
  // 1. Signed in as a manager of the Force, from the navigation, on a laptop's screen.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${server.url}/login?next=${encodeURIComponent('/fiche')}`);
  await page.getByLabel('Adresse e-mail').fill(MANAGER.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Fiche d’information');
  const firstLayers = mapAnswer((url) => url.searchParams.has('zoom') && url.searchParams.has('bbox'));
  await navigate(page, 'Situation', 'Journal des incidents');
  await page.getByRole('link', { name: 'Voir la carte' }).click();
  await heading(page, 'Carte des incidents');
  expect(new URL(page.url()).pathname).toBe('/incidents/carte');

  // 2. The boundaries: 50 cercles and 10 regions as SVG paths, the region names, the attribution of the data.
  const map = page.getByRole('region', { name: 'Carte des incidents au Mali' });
  await map.waitFor();
  expect(await map.locator('path.map-cercle').count()).toBe(50);
  expect(await map.locator('path.map-region').count()).toBe(10);
  expect(await visibleText(map.locator('.region-label').first())).not.toBe('');
  expect(await visibleText(map.locator('.leaflet-control-attribution'))).toContain(
    'Limites administratives : geoBoundaries (Runfola et al. 2020), CC BY 4.0 — DNCT/DNP, OCHA Mali 2017',
  );
  expect(await map.locator('img.leaflet-marker-icon[src*="marker-icon"]').count()).toBe(0);

  // 2b. All of Mali in the box; the regional capitals and Bamako named, the seats of cercles not yet.
  expect(await maliFitted(map)).toEqual({ inside: true, fills: true });
  await expect.poll(() => visibleTowns(map, 1)).toEqual(['Bamako']);
  await expect
    .poll(async () => (await visibleTowns(map, 2)).sort())
    .toEqual(['Gao', 'Kayes', 'Kidal', 'Koulikoro', 'Mopti', 'Ménaka', 'Sikasso', 'Ségou', 'Taoudéni', 'Tombouctou']);
  expect(await visibleTowns(map, 3)).toEqual([]);

  // 2c. The base layer: the archive beside the data, tile by tile from the server, credited.
  await expect.poll(async () => (await loadedTiles(map)).length).toBeGreaterThan(3);
  for (const src of await loadedTiles(map)) expect(src).toMatch(new RegExp(`^${server.url}/api/map/tiles/6/\\d+/\\d+\\?v=`));
  expect(await visibleText(map.locator('.leaflet-control-attribution'))).toContain('Fond de carte : Carte d’essai de la mission');
  expect(await visibleText(map.locator('.leaflet-control-attribution'))).toContain('Localités : GeoNames, CC BY 4.0');

  // 3. The server's layers for the view: the clusters sum to the 5 submitted or verified incidents (not the draft).
  const layers = await firstLayers;
  const asked = new URL(layers.url());
  expect(asked.searchParams.get('status')).toBe('submitted,verified,closed');
  expect(asked.searchParams.get('bbox')?.split(',')).toHaveLength(4);
  await page.waitForFunction(() => document.querySelectorAll('.incident-cluster').length > 0);
  await expect.poll(markerTotal).toBe(5);
  await expect.poll(colouredCercles).toEqual({
    [MENAKA_CERCLE]: 2,
    'MLI-ADM2-8926073B19246094': 1,
    'MLI-ADM2-8926073B72377578': 1,
    'MLI-ADM2-8926073B88748519': 1,
  });
  expect(await map.locator(`path[data-cercle="${MENAKA_CERCLE}"]`).getAttribute('class')).toContain('choropleth-5');
  const legend = page.locator('.map-legend');
  expect(await visibleText(legend)).toContain('Incidents par cercle Aucun 1 2');

  // 4. The counts of the filter, and the same figures as a table for those who do not use the map.
  expect(await visibleText(page.locator('.incident-counts'))).toBe('3 vérifiés · 2 candidats');
  const regions = card('Incidents par région').getByRole('table');
  expect(await visibleText(rowOf(regions, 'Ménaka'))).toBe('Ménaka 1 1');
  expect(await visibleText(rowOf(regions, 'Gao'))).toBe('Gao 1 1');
  expect(await visibleText(rowOf(regions, 'Tombouctou'))).toBe('Tombouctou 1 0');
  expect(await visibleText(rowOf(regions, 'Total'))).toBe('Total 3 2');
  await screenshot(page, '30-incident-map');
  await map.screenshot({ path: `${SCREENSHOTS}30-incident-map-detail.png` });
  expect(await accessibilityViolations(page)).toEqual([]);

  // 5. With the keyboard, a single incident shows its preview, then its record through the preview's link;
  // with the mouse, a group zooms in (the map asks again, closer).
  expect(await map.getAttribute('tabindex')).toBe('0');
  const single = map.getByRole('button', { name: `Incident vérifié ${tombouctou.ref} : afficher l’aperçu` });
  expect(await visibleText(single)).toBe('1');
  await single.focus();
  await page.keyboard.press('Enter');
  const preview = map.getByRole('dialog', { name: 'Accrochage au nord de Tombouctou' });
  await preview.waitFor();
  expect(await visibleText(preview)).toBe(
    `${tombouctou.ref} · vérifié Accrochage au nord de Tombouctou Date 15 août 2020 Catégorie Combats Lieu Tombouctou Ouvrir la fiche Fermer`,
  );
  const open = preview.getByRole('link', { name: 'Ouvrir la fiche' });
  expect(await open.getAttribute('href')).toBe(`/incidents/${tombouctou.ref}`);
  await expect.poll(() => open.evaluate((link) => link === document.activeElement)).toBe(true);
  expect(new URL(page.url()).pathname).toBe('/incidents/carte');
  await screenshot(page, '30-incident-map-preview');
  await map.screenshot({ path: `${SCREENSHOTS}30-incident-map-preview-detail.png` });
  expect(await accessibilityViolations(page)).toEqual([]);
  // Escape closes it and gives the focus back to the marker; Enter on the link opens the record.
  await page.keyboard.press('Escape');
  await preview.waitFor({ state: 'detached' });
  await expect.poll(() => single.evaluate((marker) => marker === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  await preview.waitFor();
  await expect.poll(() => open.evaluate((link) => link === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/incidents/${tombouctou.ref}`);
  await page.goBack();
  await heading(page, 'Carte des incidents');
  await expect.poll(markerTotal).toBe(5);
  const zoom = Number(asked.searchParams.get('zoom'));
  const closer = mapAnswer((url) => Number(url.searchParams.get('zoom')) > zoom);
  await map.locator('.incident-group').first().click();
  await closer;
  // Closer, the seats of cercles are named too, and the tiles are those of the archive's deepest level.
  await expect.poll(async () => (await visibleTowns(map, 3)).length).toBeGreaterThan(0);
  await expect.poll(async () => (await loadedTiles(map)).some((src) => src.includes('/api/map/tiles/7/'))).toBe(true);
  await map.screenshot({ path: `${SCREENSHOTS}30-incident-map-closer.png` });
  await page.reload();
  await heading(page, 'Carte des incidents');
  await expect.poll(markerTotal).toBe(5);

  // 6. The filter goes into the address with the API's names: battles only, then verified battles only.
  const battles = mapAnswer((url) => url.searchParams.get('eventType') === 'battles');
  await page.getByLabel('Type d’événement').selectOption({ label: 'Combats' });
  await battles;
  expect(new URL(page.url()).searchParams.get('eventType')).toBe('battles');
  await page.locator('.incident-counts').filter({ hasText: '1 vérifié · 1 candidat' }).waitFor();
  await expect.poll(markerTotal).toBe(2);
  await expect.poll(colouredCercles).toEqual({ [MENAKA_CERCLE]: 1, 'MLI-ADM2-8926073B88748519': 1 });
  await page.getByLabel('Statut').selectOption({ label: 'Vérifiés seulement' });
  await page.locator('.incident-counts').filter({ hasText: '1 vérifié · 0 candidat' }).waitFor();
  expect(new URL(page.url()).searchParams.get('status')).toBe('verified,closed');
  await expect.poll(markerTotal).toBe(1);

  // 7. In English: the same map, its credits and the preview in the reader's language.
  await page.getByRole('button', { name: 'Effacer les filtres' }).click();
  await page.locator('.incident-counts').filter({ hasText: '3 vérifiés · 2 candidats' }).waitFor();
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Incident map');
  const mapEn = page.getByRole('region', { name: 'Map of incidents in Mali' });
  await expect.poll(markerTotal).toBe(5);
  expect(await maliFitted(mapEn)).toEqual({ inside: true, fills: true });
  expect(await visibleText(mapEn.locator('.leaflet-control-attribution'))).toContain('Base map: Carte d’essai de la mission');
  await mapEn.getByRole('button', { name: `Verified incident ${tombouctou.ref}: show its preview` }).click();
  const previewEn = mapEn.getByRole('dialog', { name: 'Accrochage au nord de Tombouctou' });
  expect(await visibleText(previewEn)).toBe(
    `${tombouctou.ref} · verified Accrochage au nord de Tombouctou Date 15 August 2020 Category Battles Place Tombouctou Open the record Close`,
  );
  expect(await previewEn.getByRole('link', { name: 'Open the record' }).getAttribute('href')).toBe(`/incidents/${tombouctou.ref}`);
  await screenshot(page, '30-incident-map-preview-en');
  expect(await accessibilityViolations(page)).toEqual([]);
  await previewEn.getByRole('button', { name: 'Close' }).click();
  await previewEn.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Carte des incidents');

  // 8. Opened on a phone: the map fills the width and shows all of Mali, the page does not scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await heading(page, 'Carte des incidents');
  await expect.poll(markerTotal).toBe(5);
  const box = await map.boundingBox();
  expect(box?.width).toBeGreaterThan(340);
  await expect.poll(() => maliFitted(map)).toEqual({ inside: true, fills: true });
  await expect.poll(() => visibleTowns(map, 1)).toEqual(['Bamako']);
  expect((await visibleTowns(map, 2)).length).toBeGreaterThan(5);
  await expect.poll(async () => (await loadedTiles(map)).length).toBeGreaterThan(0);
  // The chart and the map follow the new width on their next frame.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await map.scrollIntoViewIfNeeded();
  await screenshot(page, '31-incident-map-phone', false);
  await screenshot(page, '31-incident-map-phone-full');
  expect(await accessibilityViolations(page)).toEqual([]);
  await map.getByRole('button', { name: `Incident vérifié ${tombouctou.ref} : afficher l’aperçu` }).click();
  await preview.waitFor();
  // Once Leaflet's popup has faded in.
  await expect.poll(() => preview.evaluate((element) => getComputedStyle(element.closest('.leaflet-popup') ?? element).opacity)).toBe('1');
  const sheet = await preview.boundingBox();
  expect(sheet && sheet.x >= 0 && sheet.x + sheet.width <= 390).toBe(true);
  await screenshot(page, '31-incident-map-phone-preview', false);
  await preview.getByRole('link', { name: 'Ouvrir la fiche' }).click();
  await page.waitForURL(`**/incidents/${tombouctou.ref}`);
  await page.goBack();
  await heading(page, 'Carte des incidents');
  await page.setViewportSize({ width: 1280, height: 800 });

  expect(outside).toEqual([]);
  expect(browserErrors).toEqual([]);
}, 120_000);

test('the dashboard shows the timeline and the region × type table, verified and candidates apart', async () => {
  // 1. From the map, with its filter: the same address parameters.
  await page.goto(`${server.url}/incidents/carte?from=2020-07-01&to=2020-08-31`);
  await heading(page, 'Carte des incidents');
  await page.getByRole('link', { name: 'Voir le tableau de bord' }).click();
  await heading(page, 'Tableau de bord des incidents');
  expect(new URL(page.url()).search).toBe('?from=2020-07-01&to=2020-08-31');
  expect(await page.getByLabel('Du').inputValue()).toBe('01/07/2020');

  // 2. The key figures: incidents and people killed (best estimates, 4 per incident), verified and candidates apart.
  const figures = page.locator('.dashboard-figures');
  await figures.waitFor();
  const figureText = await visibleText(figures);
  for (const expected of [
    'Incidents vérifiés 3',
    'Incidents candidats (non vérifiés) 2',
    'Tués, incidents vérifiés 12',
    'Tués, incidents candidats 8',
  ]) {
    expect(figureText).toContain(expected);
  }

  // 3. The timeline by month: an ECharts drawing, its summary in words, and its figures in a table.
  const timeline = card('Évolution');
  const chart = timeline.getByRole('img', { name: /^Graphique en barres/ });
  expect(await chart.getAttribute('aria-label')).toBe(
    'Graphique en barres des incidents par mois, de juillet 2020 à août 2020 : 3 vérifiés et 2 candidats au total ; le plus grand nombre, 3, en juillet 2020.',
  );
  await chart.locator('svg').waitFor();
  expect(await chart.textContent()).toContain('Vérifiés');
  await timeline.getByText('Les chiffres du graphique').click();
  const months = timeline.getByRole('table');
  expect(await visibleText(rowOf(months, 'juillet 2020'))).toBe('juillet 2020 2 1');
  expect(await visibleText(rowOf(months, 'août 2020'))).toBe('août 2020 1 1');

  // 4. Region × event type: « verified (+candidates) », with the totals both ways.
  const table = card('Par région et type d’événement').getByRole('table');
  const headers = await table.locator('thead th').allInnerTexts();
  expect(headers).toEqual(['Région', 'Combats', 'Explosions/Violence à distance', 'Violence contre les civils', 'Total']);
  const cells = async (region: string) =>
    (await rowOf(table, region).locator('td [aria-hidden="true"]').allInnerTexts()).map((s) => s.trim());
  expect(await cells('Tombouctou')).toEqual(['1', '0', '0', '1']);
  expect(await cells('Gao')).toEqual(['0', '1 (+1)', '0', '1 (+1)']);
  expect(await cells('Ménaka')).toEqual(['0 (+1)', '0', '1', '1 (+1)']);
  expect(await cells('Total')).toEqual(['1 (+1)', '1 (+1)', '1', '3 (+2)']);
  expect(await visibleText(rowOf(table, 'Ménaka').locator('td').first())).toContain('0 vérifié, 1 candidat');
  await screenshot(page, '32-incident-dashboard');
  expect(await accessibilityViolations(page)).toEqual([]);

  // 5. By week: into the address too; Mondays name the weeks.
  await timeline.getByLabel('Par semaine').check();
  await page.waitForURL('**/incidents/tableau?from=2020-07-01&to=2020-08-31&interval=week');
  await expect
    .poll(() => chart.getAttribute('aria-label'))
    .toBe(
      'Graphique en barres des incidents par semaine, de la semaine du 6 juillet 2020 à la semaine du 10 août 2020 : 3 vérifiés et 2 candidats au total ; le plus grand nombre, 3, la semaine du 6 juillet 2020.',
    );
  expect(await visibleText(rowOf(timeline.getByRole('table'), 'semaine du 3 août 2020'))).toBe('semaine du 3 août 2020 0 1');

  // 6. In English, then on a phone.
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await heading(page, 'Incident dashboard');
  await page.locator('.incident-counts').filter({ hasText: '3 verified · 2 candidates' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'By region and event type' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await heading(page, 'Tableau de bord des incidents');
  await page.setViewportSize({ width: 390, height: 844 });
  await chart.locator('svg').waitFor();
  // The chart and the map follow the new width on their next frame.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, '33-incident-dashboard-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  expect(outside).toEqual([]);
  expect(browserErrors).toEqual([]);
}, 120_000);

test('a Force manager sets a rule and follows Ménaka; the alerts arrive, one is acknowledged, another escalated to UNPOL', async () => {
  // 1. The rule: 2 attacks on civilians within 7 days in the cercle of Ménaka.
  await page.goto(`${server.url}/alertes`);
  await heading(page, 'Alertes');
  await page.getByText('Aucune alerte.').waitFor();
  const rules = card('Règles d’alerte précoce');
  await rules.getByText('Aucune règle n’a encore été créée.').waitFor();
  await rules.getByLabel('Nom de la règle').fill('Attaques contre des civils à Ménaka');
  await rules.getByLabel('Seuil d’incidents').check();
  await rules.getByLabel('Type d’événement').selectOption({ label: 'Violence contre les civils' });
  await rules.getByLabel('Zone', { exact: true }).selectOption({ label: 'Cercle : Ménaka' });
  await rules.getByLabel('Nombre d’incidents (N)').fill('2');
  await rules.getByLabel('En combien de jours (D)').fill('7');
  await rules.getByRole('button', { name: 'Créer la règle' }).click();
  await rules.getByRole('status').filter({ hasText: 'Règle « Attaques contre des civils à Ménaka » créée.' }).waitFor();
  const rule = rowOf(rules.getByRole('table'), 'Attaques contre des civils à Ménaka');
  await rule.waitFor();
  const ruleText = await visibleText(rule);
  for (const expected of ['Force', '2 incidents en 7 jours', 'Violence contre les civils', 'Cercle : Ménaka', 'Active']) {
    expect(ruleText).toContain(expected);
  }

  // 2. The Force follows the region of Ménaka.
  const areas = card('Zones suivies');
  await areas.getByLabel('Ménaka', { exact: true }).check();
  await areas.getByRole('button', { name: 'Enregistrer les zones de : Force' }).click();
  await areas.getByRole('status').filter({ hasText: 'Zones suivies enregistrées pour : Force.' }).waitFor();
  await screenshot(page, '34-alerts-rules');
  expect(await accessibilityViolations(page)).toEqual([]);

  // 3. Two attacks in Ménaka within a week, submitted through the API: the second raises the alert.
  const attack = { ...at('Ménaka'), threatToCivilians: true };
  await report({ ...attack, occurredOn: '2020-09-01' }, 'submitted');
  const second = await report({ ...attack, occurredOn: '2020-09-03', title: 'Nouvelle attaque près de Ménaka' }, 'submitted');
  await page.reload();
  await heading(page, 'Alertes');
  const inbox = card('Alertes de mes unités');
  const first = inbox.getByRole('article');
  await first.waitFor();
  const alertText = await visibleText(first);
  for (const expected of [
    'Attaques contre des civils à Ménaka',
    'Ouverte',
    'Zone Cercle : Ménaka',
    '2 incidents du 28 août 2020 au 3 septembre 2020',
    `${second.ref} — Nouvelle attaque près de Ménaka`,
    'Adressée à Force',
  ]) {
    expect(alertText).toContain(expected);
  }
  expect(await first.getByRole('link', { name: `${second.ref} — Nouvelle attaque près de Ménaka` }).getAttribute('href')).toBe(
    `/incidents/${second.ref}`,
  );

  // 4. Acknowledged, with a comment: the result in place.
  await first.getByRole('button', { name: 'Prendre en compte' }).click();
  await first.getByLabel('Commentaire').fill('Patrouille renforcée à Ménaka');
  await first.getByRole('button', { name: 'Confirmer la prise en compte' }).click();
  await first.getByRole('status').filter({ hasText: 'Alerte prise en compte.' }).waitFor();
  expect(await visibleText(first.locator('.alert-card-header'))).toContain('Prise en compte');
  expect(await visibleText(first)).toContain(`par ${MANAGER.name}`);
  expect(await visibleText(first)).toContain('Patrouille renforcée à Ménaka');
  await screenshot(page, '35-alerts-acknowledged');

  // 5. A third attack raises a new alert (the first is no longer open): escalated to UNPOL, with its reason.
  await report({ ...attack, occurredOn: '2020-09-05' }, 'submitted');
  await page.getByLabel('Afficher').selectOption({ label: 'Alertes ouvertes' });
  await page.waitForURL('**/alertes?status=open');
  const open = inbox.getByRole('article');
  await open.filter({ hasText: '3 incidents du 30 août 2020 au 5 septembre 2020' }).waitFor();
  expect(await open.count()).toBe(1);
  await open.getByRole('button', { name: 'Transmettre à une autre unité' }).click();
  await open.getByRole('button', { name: 'Transmettre l’alerte' }).click();
  await open.getByRole('alert').waitFor();
  expect(await open.getByLabel('Transmettre à', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  await open.getByLabel('Transmettre à', { exact: true }).selectOption('UNPOL');
  await open.getByLabel('Motif de la transmission').fill('Menace sur la population : appui de la police demandé');
  await open.getByRole('button', { name: 'Transmettre l’alerte' }).click();
  await open.getByRole('status').filter({ hasText: 'Alerte transmise à : Police des Nations Unies (UNPOL).' }).waitFor();
  expect(await visibleText(open.locator('.alert-card-header'))).toContain('Transmise');
  await screenshot(page, '36-alerts-escalated');
  expect(await accessibilityViolations(page)).toEqual([]);

  // 6. UNPOL has it, open, marked as escalated.
  const police = await signedInCaller(server, POLICE.email);
  const { alerts } = await police<{ alerts: { status: string; escalatedFrom: string | null; count: number }[] }>('GET', '/api/alerts');
  expect(alerts).toEqual([expect.objectContaining({ status: 'open', count: 3, escalatedFrom: expect.any(String) })]);

  // 7. On a phone.
  await page.getByLabel('Afficher').selectOption({ label: 'Toutes les alertes' });
  await page.setViewportSize({ width: 390, height: 844 });
  await inbox.getByRole('article').nth(1).waitFor();
  // The chart and the map follow the new width on their next frame.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, '37-alerts-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  expect(outside).toEqual([]);
  expect(browserErrors).toEqual([]);
}, 120_000);
