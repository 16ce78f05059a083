import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { confidentialPage, offlineKind } from '../src/contracts/offline.js';
import { sift } from '../web/src/sw/sift.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
import { buildWorld, hotlineCall, humanRightsCase, type World } from './helpers/protection.js';

/**
 * What a device may keep of the API (src/contracts/offline.ts, src/server/offline-copy.ts): only
 * successful GETs of the offline allowlist are marked `Mandat-Offline: keep`; no other answer, nor
 * a single restricted record, protection cases or hotline calls, which the service worker never
 * keeps. No record is ever left to the browser's HTTP cache: every answer without validators is
 * `no-store`. The worker leaves restricted and confidential items out of a list's copy (`sift`).
 */
describe.each(DIALECTS)('offline copies allowed by the server (%s)', (dialect) => {
  let t: TestApp;
  let world: World;
  let internalRef = '';
  let restrictedRef = '';
  let caseRef = '';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    world = await buildWorld(t);
    internalRef = (await world.ok<{ ref: string }>('ownerOfficer', 'POST', '/api/incidents', incidentInput({ unit: 'HRPD' }))).ref;
    restrictedRef = (
      await world.ok<{ ref: string }>(
        'ownerOfficer',
        'POST',
        '/api/incidents',
        incidentInput({ unit: 'HRPD', classification: 'restricted' }),
      )
    ).ref;
    caseRef = (await world.ok<{ ref: string }>('ownerOfficer', 'POST', '/api/protection/cases', humanRightsCase())).ref;
    await world.ok('callOperator', 'POST', '/api/protection/calls', hotlineCall());
  });
  afterAll(async () => t?.close());

  const cacheControl = async (url: string) => {
    const response = await world.send('ownerOfficer', 'GET', url);
    return { status: response.statusCode, cacheControl: response.headers['cache-control'], offline: response.headers['mandat-offline'] };
  };

  test('the allowlist: reference data, the incident log and activities, kept privately and asked again each time', async () => {
    for (const url of [
      '/api/auth/me',
      '/api/units',
      '/api/incidents/vocabulary',
      '/api/activities/vocabulary',
      '/api/incidents?limit=50',
      '/api/incidents/stats',
      `/api/incidents/${internalRef}`,
      '/api/activities',
    ]) {
      const answer = await cacheControl(url);
      expect(answer.status, url).toBe(200);
      expect(answer.offline, url).toBe('keep');
      // Public data with validators keeps its own `no-cache` and ETag (public-cache.ts).
      expect(answer.cacheControl, url).toMatch(/^(no-store|no-cache)$/);
    }
  });

  test('never kept: a restricted record, protection, the hotline, DDR persons, users, audit and any write', async () => {
    expect(await cacheControl(`/api/incidents/${restrictedRef}`)).toMatchObject({
      status: 200,
      cacheControl: 'no-store',
      offline: undefined,
    });
    for (const url of [
      '/api/protection/cases',
      `/api/protection/cases/${caseRef}`,
      '/api/protection/calls',
      '/api/ddr/persons',
      '/api/worklist',
      `/api/incidents/${internalRef}/history`,
      '/api/incidents/map?zoom=5&bbox=-13,9,5,26',
      '/api/incidents/export.csv',
    ]) {
      expect(await cacheControl(url), url).toMatchObject({ cacheControl: 'no-store', offline: undefined });
    }
    const write = await world.send('ownerOfficer', 'POST', '/api/incidents', {});
    expect([write.headers['cache-control'], write.headers['mandat-offline']]).toEqual(['no-store', undefined]);
    const anonymous = await world.send('anonymous', 'GET', '/api/auth/me');
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });
});

describe('the offline allowlist and the worker’s sifting', () => {
  test('paths', () => {
    expect(offlineKind('/api/units')).toBe('reference');
    expect(offlineKind('/api/incidents')).toBe('records');
    expect(offlineKind('/api/incidents/MLI-2020-000001')).toBe('records');
    expect(offlineKind('/api/activities/0b7c')).toBe('records');
    for (const path of [
      '/api/incidents/map',
      '/api/incidents/export.csv',
      '/api/incidents/MLI-2020-000001/history',
      '/api/protection/cases',
      '/api/protection/calls',
      '/api/ddr/persons',
      '/api/files/x',
      '/api/users',
      '/api/worklist',
    ]) {
      expect(offlineKind(path), path).toBeNull();
    }
    for (const path of ['/protection', '/protection/appels/A-1', '/protection/DH-2020-0001', '/ddr', '/ddr/registre/X', '/ddr/armes/W']) {
      expect(confidentialPage(path), path).toBe(true);
    }
    for (const path of ['/ddr/sites', '/ddr/sites/1', '/incidents', '/protections']) expect(confidentialPage(path), path).toBe(false);
  });

  test('a restricted or confidential record is never kept; a list keeps only its other items', () => {
    expect(sift(JSON.stringify({ ref: 'A', classification: 'restricted' }))).toBeNull();
    expect(sift(JSON.stringify({ ref: 'A', classification: 'confidential' }))).toBeNull();
    expect(sift('<html>')).toBeNull();
    const list = {
      items: [
        { ref: 'A', classification: 'internal' },
        { ref: 'B', classification: 'restricted' },
        { ref: 'C', classification: 'public' },
      ],
      next: null,
    };
    expect(JSON.parse(sift(JSON.stringify(list)) ?? '')).toEqual({ items: [list.items[0], list.items[2]], next: null });
    expect(sift(JSON.stringify({ units: [] }))).toBe(JSON.stringify({ units: [] }));
  });
});
