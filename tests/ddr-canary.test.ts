import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DdrPerson } from '../src/contracts/ddr.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildDdrWorld, DDR_CALLERS, type DdrCaller, type DdrWorld, ddrRegistration, walk } from './helpers/ddr.js';

/**
 * Canary crawl of the DDR registry: a unique marker in every sealed field of a person (names,
 * aliases, place of birth, parents' names, document number, national enrolment reference), then
 * every GET route of the API, the registry's lists, details, review queue and reveals, the error
 * responses and the audit log, crawled as every caller. A marker may appear only in the reveal,
 * and only for the person's readers: the DDR section's manager and the officer who registered
 * the person — never an administrator, an auditor, another section or another DDR officer.
 */

const mark = (field: string) => `CANARY-${field}-${randomBytes(5).toString('hex')}`;
const READERS: readonly DdrCaller[] = ['ddrManager', 'ddrOfficer'];

describe.each(DIALECTS)('DDR canary crawl (%s)', (dialect) => {
  let t: TestApp;
  let w: DdrWorld;
  let person: DdrPerson;
  let variant: DdrPerson;
  const markers: string[] = [];

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
    person = await walk(w, 'ddrOfficer', person, [['register'], ['enrol', { enrolmentRef: v.enrolment }]]);
    // The same document again: a possible duplicate in the queue, its reasons named but never the number.
    variant = await w.ok('ddrOfficer', 'POST', '/api/ddr/persons', ddrRegistration({ ...identity, name: `Mousa ${v.name}` }));
    expect(variant.duplicates.length).toBe(1);
  });
  afterAll(async () => t?.close());

  test('no marker reaches anyone but the person’s readers, and only through the reveal', async () => {
    const callers: DdrCaller[] = ['anonymous', ...(Object.keys(DDR_CALLERS) as DdrCaller[])];
    const violations: string[] = [];
    const revealed = new Set<DdrCaller>();
    const look = (caller: DdrCaller, surface: string, body: string, permitted: boolean) => {
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
          .replace(':id', randomUUID())
          .replace('*', '');
        const response = await w.send(caller, 'GET', url);
        expect(response.statusCode, `${caller} ${url}`).toBeLessThan(500);
        look(caller, `GET ${route.url}`, response.body, false);
      }
      for (const url of [
        `/api/ddr/persons/${person.code}`,
        `/api/ddr/persons/${variant.code}`,
        '/api/ddr/persons?limit=200',
        '/api/ddr/duplicates',
        '/api/audit?limit=200',
      ]) {
        look(caller, url, (await w.send(caller, 'GET', url)).body, false);
      }
      const reveal = await w.send(caller, 'POST', `/api/ddr/persons/${person.code}/reveal`, { reason: 'Contrôle de confidentialité' });
      look(caller, 'reveal', reveal.body, READERS.includes(caller));
      // Errors: a bad step and a malformed body answer without echoing anything sealed.
      const refused = await w.send(caller, 'POST', `/api/ddr/persons/${person.code}/steps`, { version: 1, step: 'integrate', on: 'x' });
      look(caller, 'step error', refused.body, false);
    }
    expect(violations).toEqual([]);
    expect([...revealed].sort()).toEqual([...READERS].sort());
    // Nothing sealed in clear in the database either.
    for (const table of ['ddr_persons', 'ddr_steps', 'ddr_keys', 'ddr_duplicates', 'audit_log'] as const) {
      const rows = JSON.stringify(await t.ctx.database.db.selectFrom(table).selectAll().execute());
      for (const marker of markers) expect(rows, table).not.toContain(marker);
    }
  });
});
