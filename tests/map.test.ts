import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TileType } from 'pmtiles';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { z } from 'zod';
import type { baseLayerSchema, mapPlacesSchema } from '../src/contracts/map.js';
import { loadConfig } from '../src/platform/config.js';
import { buildApp } from '../src/server/app.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { pmtilesArchive, pngTile, tilesOver } from './helpers/pmtiles.js';

type Places = z.infer<typeof mapPlacesSchema>;
type BaseLayerAnswer = z.infer<typeof baseLayerSchema>;

const MALI: [number, number, number, number] = [-12.3, 10.1, 4.3, 25.0];
/** Each zoom level its own colour, so that a tile's bytes say which tile it is. */
const tile = (z: number) => pngTile([240, 230, 200 - z * 10], [180, 170, 150]);
const ARCHIVE = pmtilesArchive(
  tilesOver(MALI, [3, 4, 5, 6], (z) => tile(z)),
  { bounds: MALI, metadata: { name: 'Mali', attribution: '<a href="https://example.org">© Cartographie de la mission</a>' } },
);
/** Gao at zoom 5: inside the archive. */
const GAO = { z: 5, x: 16, y: 14 };

describe('the tile server setting', () => {
  test('is an http(s) address with {z}, {x} and {y} once each, on one host', () => {
    expect(loadConfig({}).mapTilesUrl).toBeNull();
    expect(loadConfig({ MANDAT_MAP_TILES_URL: 'https://tiles.minusma.test/osm/{z}/{x}/{y}.png' }).mapTilesUrl).toBe(
      'https://tiles.minusma.test/osm/{z}/{x}/{y}.png',
    );
    for (const bad of [
      'https://{s}.tiles.minusma.test/{z}/{x}/{y}.png',
      'ftp://tiles.minusma.test/{z}/{x}/{y}.png',
      'https://tiles.minusma.test/{z}/{x}.png',
      'https://user:secret@tiles.minusma.test/{z}/{x}/{y}.png',
      'tiles/{z}/{x}/{y}.png',
    ]) {
      expect(() => loadConfig({ MANDAT_MAP_TILES_URL: bad }), bad).toThrow(/MANDAT_MAP_TILES_URL/);
    }
  });
});

describe.each(DIALECTS)('the map’s towns and base layer (%s)', (dialect) => {
  let t: TestApp;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mandat-basemap-'));
    file = join(dir, 'basemap.pmtiles');
    t = await createTestApp(dialect, undefined, {}, { basemapFile: file });
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await rm(file, { force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
  const layer = async () => (await get('/api/map/base-layer')).json<BaseLayerAnswer>().baseLayer;

  test('the gazetteer’s towns with coordinates, ranked, public and answered 304 while unchanged', async () => {
    const response = await get('/api/map/places');
    expect(response.statusCode).toBe(200);
    const { places } = response.json<Places>();
    expect(places[0]).toEqual({ name: 'Bamako', rank: 1, latitude: 12.60915, longitude: -7.97522 });
    const capitals = places.filter((place) => place.rank === 2).map((place) => place.name);
    expect(capitals.sort()).toEqual([
      'Gao',
      'Kayes',
      'Kidal',
      'Koulikoro',
      'Mopti',
      'Ménaka',
      'Sikasso',
      'Ségou',
      'Taoudéni',
      'Tombouctou',
    ]);
    expect(places.filter((place) => place.rank === 3).length).toBeGreaterThan(20);
    // Places the gazetteer cannot locate (Ber) are left out.
    expect(places.find((place) => place.name === 'Ber')).toBeUndefined();
    for (const place of places) {
      expect(place.latitude).toBeGreaterThan(10);
      expect(place.latitude).toBeLessThan(25.1);
    }

    const etag = response.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(response.headers['cache-control']).toBe('no-cache');
    const again = await get('/api/map/places', { 'if-none-match': String(etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // The same for everyone: the same validator with or without credentials.
    expect((await get('/api/map/places', { authorization: 'Bearer nobody' })).statusCode).toBe(401);
  });

  test('without a tile server or an archive, no base layer and no tiles', async () => {
    expect(await layer()).toBeNull();
    const response = await get(`/api/map/tiles/${GAO.z}/${GAO.x}/${GAO.y}`);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  test('an archive beside the data is the base layer; its tiles are served with their type and validators', async () => {
    await writeFile(file, ARCHIVE);
    const base = await layer();
    expect(base).toEqual({
      source: 'archive',
      url: expect.stringMatching(/^\/api\/map\/tiles\/\{z\}\/\{x\}\/\{y\}\?v=[\w-]+$/),
      attribution: '© Cartographie de la mission',
      minZoom: 3,
      maxZoom: 6,
    });
    const url = (base?.url ?? '').replace('{z}', String(GAO.z)).replace('{x}', String(GAO.x)).replace('{y}', String(GAO.y));

    const response = await get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.rawPayload.equals(tile(5))).toBe(true);
    expect(response.headers['cache-control']).toBe('public, max-age=86400');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const etag = String(response.headers.etag);
    expect(etag).toMatch(/^"[\w-]+-5-16-14"$/);
    const again = await get(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    // Without the version, or with an old one, the same tile, asked again each time.
    const unversioned = await get(`/api/map/tiles/${GAO.z}/${GAO.x}/${GAO.y}?v=old`);
    expect(unversioned.statusCode).toBe(200);
    expect(unversioned.headers['cache-control']).toBe('no-cache');
    expect(unversioned.headers.etag).toBe(etag);
  });

  test('204 where the archive holds no tile: outside its area or its zoom levels', async () => {
    await writeFile(file, ARCHIVE);
    for (const url of ['/api/map/tiles/5/0/0', '/api/map/tiles/2/1/1', '/api/map/tiles/9/250/220', '/api/map/tiles/0/0/0']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(204);
      expect(response.body, url).toBe('');
      expect(response.headers.etag, url).toBeDefined();
    }
  });

  test('addresses outside the grid or not numbers are refused; no path reaches another file', async () => {
    await writeFile(file, ARCHIVE);
    await writeFile(join(dir, 'secret.txt'), 'SECRET-CONTENT');
    const outside = await get('/api/map/tiles/5/32/0', { 'accept-language': 'en' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({ code: 'validation', errors: [{ path: 'x', message: expect.stringContaining('grid') }] });
    for (const url of [
      '/api/map/tiles/23/0/0',
      '/api/map/tiles/-1/0/0',
      '/api/map/tiles/1.5/0/0',
      '/api/map/tiles/a/b/c',
      '/api/map/tiles/0/0/0?extra=1',
      '/api/map/tiles/..%2F..%2Fsecret.txt/0/0',
      '/api/map/tiles/0/0/..%2Fsecret.txt',
      '/api/map/tiles/0/0/0%2F..%2F..%2Fsecret.txt',
      '/api/map/tiles/../secret.txt',
      '/api/map/tiles/0/0/../../secret.txt',
      '/api/map/tiles/%2e%2e/%2e%2e/secret.txt',
      '/api/map/tiles/0/0/0/secret.txt',
    ]) {
      const response = await get(url);
      expect([400, 404], `${url}: ${response.statusCode}`).toContain(response.statusCode);
      expect(response.body, url).not.toContain('SECRET-CONTENT');
      expect(response.headers['content-type'], url).toContain('application/problem+json');
    }
  });

  test('a replaced archive is read again under a new version; a removed one takes the base layer away', async () => {
    await writeFile(file, ARCHIVE);
    const before = await layer();
    const smaller = pmtilesArchive(
      tilesOver(MALI, [4], (z) => tile(z)),
      { bounds: MALI },
    );
    await writeFile(file, smaller);
    // Another size or time of change is another version, whatever the file system's clock resolution.
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    const after = await layer();
    expect(after?.url).not.toBe(before?.url);
    expect(after).toMatchObject({ attribution: '', minZoom: 4, maxZoom: 4 });
    expect((await get(`/api/map/tiles/${GAO.z}/${GAO.x}/${GAO.y}`)).statusCode).toBe(204);
    await rm(file);
    expect(await layer()).toBeNull();
    expect((await get('/api/map/tiles/4/8/7')).statusCode).toBe(404);
  });

  test('an archive of vector tiles is no base layer', async () => {
    await writeFile(file, pmtilesArchive([{ ...GAO, data: Buffer.from('not an image') }], { tileType: TileType.Mvt }));
    expect(await layer()).toBeNull();
    expect((await get(`/api/map/tiles/${GAO.z}/${GAO.x}/${GAO.y}`)).statusCode).toBe(404);
  });

  test('the mission’s tile server comes before the archive, and the CSP lets images come from its host alone', async () => {
    await writeFile(file, ARCHIVE);
    const plain = await get('/api/map/base-layer');
    expect(plain.headers['content-security-policy']).toContain("img-src 'self' data:;");

    const config = { ...t.ctx.config, mapTilesUrl: 'https://tiles.minusma.test:8443/mali/{z}/{x}/{y}.png', mapTilesAttribution: '© UNGSC' };
    const app = await buildApp({ ...t.ctx, config }, { logger: false, validateResponses: true });
    try {
      const response = await app.inject({ url: '/api/map/base-layer' });
      expect(response.json<BaseLayerAnswer>().baseLayer).toEqual({
        source: 'tileServer',
        url: 'https://tiles.minusma.test:8443/mali/{z}/{x}/{y}.png',
        attribution: '© UNGSC',
        minZoom: 0,
        maxZoom: 18,
      });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("img-src 'self' data: https://tiles.minusma.test:8443;");
      // Only images: scripts, styles and requests stay on the server's own origin.
      expect(csp.match(/tiles\.minusma\.test/g)).toHaveLength(1);
      expect(csp).toContain("connect-src 'self';");
    } finally {
      await app.close();
    }
  });
});
