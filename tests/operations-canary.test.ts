import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Operation } from '../src/contracts/operations.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { openDocx } from './helpers/docx.js';
import { buildOperationWorld, OPERATION_CALLERS, type OperationCaller, type OperationWorld } from './helpers/operations.js';

/**
 * Canary crawl of the operations log: a unique marker in every free-text field of an operation
 * under way (titles, orders) and of one completed as restricted (its report's outcome and
 * observations), then every GET route of the API, the log's list, counts, map, export, details,
 * the worklist, the audit log and the situation report (its DOCX's text unzipped), crawled as
 * every caller. A marker may reach only the units taking part and the JOC.
 */

const mark = (field: string) => `CANARY-${field}-${randomBytes(5).toString('hex')}`;
const READERS: readonly OperationCaller[] = ['joc', 'jocViewer', 'forceViewer', 'forceOfficer', 'police'];

describe.each(DIALECTS)('operations canary crawl (%s)', (dialect) => {
  let t: TestApp;
  let w: OperationWorld;
  let ongoing: Operation;
  let done: Operation;
  let sitrep: string;
  const markers: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildOperationWorld(t);
    const v = Object.fromEntries(['titleFr', 'titleEn', 'orders', 'doneTitle'].map((f) => [f, mark(f)]));
    markers.push(...Object.values(v));
    ongoing = await w.reach('under_way', {
      classification: 'internal',
      titleFr: `Escorte ${v.titleFr}`,
      titleEn: `Escort ${v.titleEn}`,
      orders: `Ordres ${v.orders}`,
      type: 'electoral_escort',
    });
    done = await w.reach('completed', { classification: 'restricted', titleFr: `Patrouille ${v.doneTitle}` });
    // The JOC's situation report of the last 24 hours holds both: its markers stay with the same readers.
    const assembled = await t.app.inject({
      method: 'POST',
      url: '/api/situation/sitreps',
      headers: w.sessions.get('joc')?.headers ?? {},
      payload: { from: '2020-07-01T00:00:00Z' },
    });
    expect(assembled.statusCode, assembled.body).toBe(201);
    sitrep = (assembled.json() as { id: string }).id;
  });
  afterAll(async () => t?.close());

  test('no marker reaches anyone but the units taking part and the JOC', { timeout: 180_000 }, async () => {
    const callers: OperationCaller[] = ['anonymous', ...(Object.keys(OPERATION_CALLERS) as OperationCaller[])];
    const violations: string[] = [];
    const seen = new Set<OperationCaller>();
    const look = (caller: OperationCaller, surface: string, body: string) => {
      for (const marker of markers) {
        if (!body.includes(marker)) continue;
        if (READERS.includes(caller)) seen.add(caller);
        else violations.push(`${marker.split('-')[1]} seen by ${caller} on ${surface}`);
      }
    };
    for (const caller of callers) {
      for (const route of t.app.declaredRoutes) {
        if (route.method !== 'GET' || !route.url.startsWith('/api/') || route.url.startsWith('/api/docs/') || route.url.endsWith('.pdf'))
          continue;
        const urls = route.url.startsWith('/api/operations/:id')
          ? [ongoing.id, done.id]
          : route.url.startsWith('/api/situation/sitreps/:id')
            ? [sitrep]
            : [randomUUID()];
        for (const id of urls) {
          const url = route.url
            .replace(':id', id)
            .replace(':ref', 'MLI-2020-000001')
            .replace(':unit', 'FORCE')
            .replace(':code', 'DDR-7K3Q9')
            .replace(':key', 'force.strength')
            .replace('*', '');
          const response = await t.app.inject({ url, headers: w.sessions.get(caller)?.headers ?? {} });
          expect(response.statusCode, `${caller} ${url}`).toBeLessThan(500);
          look(caller, `GET ${route.url}`, response.body);
        }
      }
      for (const url of [
        '/api/operations?limit=200',
        `/api/operations?q=${markers[0]}`,
        '/api/operations/map',
        '/api/operations/export.csv',
        '/api/operations/counts',
        '/api/worklist',
        '/api/audit?limit=200',
        '/api/situation/map',
        '/api/situation/sitreps',
        `/api/situation/sitreps/${sitrep}/pdf`,
      ]) {
        look(caller, url, (await t.app.inject({ url, headers: w.sessions.get(caller)?.headers ?? {} })).body);
      }
      // The DOCX is a zip: its text is looked at unzipped, with its header and footer.
      const docx = await t.app.inject({ url: `/api/situation/sitreps/${sitrep}/docx`, headers: w.sessions.get(caller)?.headers ?? {} });
      if (docx.statusCode === 200) {
        const word = openDocx(docx.rawPayload);
        look(caller, 'SITREP DOCX', [word.document, ...word.headers, ...word.footers].join('\n'));
      } else look(caller, 'SITREP DOCX', docx.body);
      // Errors answer without echoing the operation: a bad move and a malformed report.
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/operations/${ongoing.id}/transitions`,
        headers: w.sessions.get(caller)?.headers ?? {},
        payload: { action: 'complete', version: ongoing.version, report: { outcome: 'x' } },
      });
      look(caller, 'transition error', refused.body);
    }
    expect(violations).toEqual([]);
    expect([...seen].sort()).toEqual([...READERS].sort());
  });
});
