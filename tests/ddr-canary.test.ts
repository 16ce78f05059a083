import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DdrPerson } from '../src/contracts/ddr.js';
import type { Weapon } from '../src/contracts/ddr-sites.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildDdrWorld, DDR_CALLERS, type DdrCaller, type DdrWorld, ddrRegistration, TEST_SITE, walk } from './helpers/ddr.js';

/**
 * Canary crawl of the DDR registry: a unique marker in every sealed field of a person (names,
 * aliases, place of birth, parents' names, document number, national enrolment reference), then
 * every GET route of the API, the registry's lists, details, review queue and reveals, the error
 * responses and the audit log, crawled as every caller. A marker may appear only in the reveal,
 * and only for the person's readers: the DDR section's manager and the officer who registered
 * the person — never an administrator, an auditor, another section or another DDR officer.
 * The person's weapon carries markers too (serial number, markings, custodians and locations of
 * its chain of custody): they may appear only on the weapon's own routes, for the same readers,
 * and never on a site, a count or a CSV export.
 */

const mark = (field: string) => `CANARY-${field}-${randomBytes(5).toString('hex')}`;
const READERS: readonly DdrCaller[] = ['ddrManager', 'ddrOfficer'];

describe.each(DIALECTS)('DDR canary crawl (%s)', (dialect) => {
  let t: TestApp;
  let w: DdrWorld;
  let person: DdrPerson;
  let variant: DdrPerson;
  let weapon: Weapon;
  const markers: string[] = [];
  const weaponMarkers: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildDdrWorld(t);
    const v = Object.fromEntries(['name', 'alias', 'birthPlace', 'father', 'mother', 'document', 'enrolment'].map((f) => [f, mark(f)]));
    markers.push(...Object.values(v));
    const identity = {
      name: `Moussa ${v.name}`,
      aliases: [v.alias],
      birthPlace: v.birthPlace,
      fatherName: v.father,
      motherName: v.mother,
      documents: [{ kind: 'nina', number: v.document }],
    };
    person = await w.ok('ddrOfficer', 'POST', '/api/ddr/persons', ddrRegistration(identity));
    person = await walk(w, 'ddrOfficer', person, [['register'], ['enrol', { enrolmentRef: v.enrolment }], ['canton', { site: TEST_SITE }]]);
    // The same document again: a possible duplicate in the queue, its reasons named but never the number.
    variant = await w.ok('ddrOfficer', 'POST', '/api/ddr/persons', ddrRegistration({ ...identity, name: `Mousa ${v.name}` }));
    expect(variant.duplicates.length).toBe(1);
    const m = Object.fromEntries(['serial', 'markings', 'keeper', 'store'].map((f) => [f, mark(f)]));
    weaponMarkers.push(...Object.values(m));
    weapon = await w.ok<Weapon>('ddrOfficer', 'POST', `/api/ddr/persons/${person.code}/weapons`, {
      kind: 'small_arm',
      calibre: '7.62x39',
      serial: m.serial,
      markings: m.markings,
      condition: 'serviceable',
      site: w.sites.get(TEST_SITE),
      on: '2020-02-20',
      receivedBy: m.keeper,
    });
    weapon = await w.ok<Weapon>('ddrOfficer', 'POST', `/api/ddr/weapons/${weapon.code}/custody`, {
      version: weapon.version,
      move: 'store',
      on: '2020-02-21',
      fromCustodian: m.keeper,
      fromLocation: TEST_SITE,
      toCustodian: m.keeper,
      toLocation: m.store,
    });
  });
  afterAll(async () => t?.close());

  test('no marker reaches anyone but the person’s readers, and only through the reveal', async () => {
    const callers: DdrCaller[] = ['anonymous', ...(Object.keys(DDR_CALLERS) as DdrCaller[])];
    const violations: string[] = [];
    const revealed = new Set<DdrCaller>();
    const weaponReaders = new Set<DdrCaller>();
    const look = (caller: DdrCaller, surface: string, body: string, permitted: boolean, weaponRoute = false) => {
      for (const marker of weaponMarkers) {
        if (!body.includes(marker)) continue;
        if (weaponRoute && READERS.includes(caller)) weaponReaders.add(caller);
        else violations.push(`${marker.split('-')[1]} seen by ${caller} on ${surface}`);
      }
      for (const marker of markers) {
        if (!body.includes(marker)) continue;
        if (permitted) revealed.add(caller);
        else violations.push(`${marker.split('-')[1]} seen by ${caller} on ${surface}`);
      }
    };
    for (const caller of callers) {
      for (const route of t.app.declaredRoutes) {
        if (route.method !== 'GET' || !route.url.startsWith('/api/') || route.url.startsWith('/api/docs/') || route.url.endsWith('.pdf'))
          continue;
        const url = route.url
          .replace(':code', person.code)
          .replace(':ref', 'MLI-2020-000001')
          .replace(':unit', 'SSR-DDR')
          .replace(':key', 'ssrddr.mandate.integration_target')
          .replace(':id', w.sites.get(TEST_SITE) ?? randomUUID())
          .replace('*', '');
        const response = await w.send(caller, 'GET', url);
        expect(response.statusCode, `${caller} ${url}`).toBeLessThan(500);
        // A person's weapons are a weapon route: markers allowed there for the person's readers only.
        look(caller, `GET ${route.url}`, response.body, false, route.url === '/api/ddr/persons/:code/weapons');
      }
      for (const url of [
        `/api/ddr/persons/${person.code}`,
        `/api/ddr/persons/${variant.code}`,
        '/api/ddr/persons?limit=200',
        '/api/ddr/duplicates',
        '/api/audit?limit=200',
        '/api/ddr/sites',
        `/api/ddr/sites/${w.sites.get(TEST_SITE)}`,
        '/api/ddr/sites/export.csv',
        '/api/ddr/weapons/counts',
        '/api/ddr/weapons/counts.csv?period=year',
      ]) {
        look(caller, url, (await w.send(caller, 'GET', url)).body, false);
      }
      for (const url of [`/api/ddr/weapons/${weapon.code}`, `/api/ddr/persons/${person.code}/weapons`]) {
        look(caller, url, (await w.send(caller, 'GET', url)).body, false, true);
      }
      // A refused hand-over answers without echoing the chain.
      const moved = await w.send(caller, 'POST', `/api/ddr/weapons/${weapon.code}/custody`, {
        version: weapon.version,
        move: 'transfer',
        on: '2020-02-22',
        fromCustodian: 'Ailleurs',
        fromLocation: 'Nulle part',
        toCustodian: 'Quelqu’un',
        toLocation: 'Gao',
      });
      expect(moved.statusCode, caller).toBeGreaterThanOrEqual(400);
      look(caller, 'custody error', moved.body, false);
      const reveal = await w.send(caller, 'POST', `/api/ddr/persons/${person.code}/reveal`, { reason: 'Contrôle de confidentialité' });
      look(caller, 'reveal', reveal.body, READERS.includes(caller));
      // Errors: a bad step and a malformed body answer without echoing anything sealed.
      const refused = await w.send(caller, 'POST', `/api/ddr/persons/${person.code}/steps`, { version: 1, step: 'integrate', on: 'x' });
      look(caller, 'step error', refused.body, false);
    }
    expect(violations).toEqual([]);
    expect([...revealed].sort()).toEqual([...READERS].sort());
    expect([...weaponReaders].sort()).toEqual([...READERS].sort());
    // Nothing sealed in clear in the database either.
    for (const table of ['ddr_persons', 'ddr_steps', 'ddr_keys', 'ddr_duplicates', 'audit_log'] as const) {
      const rows = JSON.stringify(await t.ctx.database.db.selectFrom(table).selectAll().execute());
      for (const marker of markers) expect(rows, table).not.toContain(marker);
    }
    // The audit log names weapons by code, never by serial number, markings or custodian.
    const audit = JSON.stringify(await t.ctx.database.db.selectFrom('audit_log').selectAll().execute());
    for (const marker of weaponMarkers) expect(audit).not.toContain(marker);
  });
});
