import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Operation, OperationInput, OperationStatus } from '../src/contracts/operations.js';
import { guardOf } from '../src/modules/operations/operations.policy.js';
import { findReadable, unitsOf } from '../src/modules/operations/operations.repository.js';
import { readerOf } from '../src/modules/operations/operations.service.js';
import { can } from '../src/platform/policy.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildOperationWorld, OPERATION_CALLERS, type OperationCaller, type OperationWorld } from './helpers/operations.js';

/**
 * Operational security as a matrix: each operation carries a unique marker in its title; every
 * caller reads the detail, the list, a search, the counts, the map and the CSV export, and the
 * marker must appear exactly where the rule says. Until completed (and once cancelled), only the
 * units taking part and the JOC read an operation, whatever its class — not another unit's
 * manager, not an administrator, not an auditor; completed, it follows its class; never public.
 * The SQL filter agrees with `can` for every caller and record.
 */

const CALLERS: OperationCaller[] = ['anonymous', ...(Object.keys(OPERATION_CALLERS) as OperationCaller[])];
const TAKING_PART: OperationCaller[] = ['joc', 'jocViewer', 'forceViewer', 'forceOfficer', 'police'];
const SIGNED_IN: OperationCaller[] = CALLERS.filter((c) => c !== 'anonymous');

interface Case {
  status: OperationStatus;
  overrides: Partial<OperationInput>;
  readers: OperationCaller[];
}

const CASES: Case[] = [
  { status: 'planned', overrides: { classification: 'internal' }, readers: TAKING_PART },
  { status: 'ordered', overrides: { classification: 'internal' }, readers: TAKING_PART },
  { status: 'under_way', overrides: { classification: 'restricted' }, readers: TAKING_PART },
  { status: 'cancelled', overrides: { classification: 'internal' }, readers: TAKING_PART },
  { status: 'completed', overrides: { classification: 'internal' }, readers: SIGNED_IN },
  { status: 'completed', overrides: { classification: 'restricted' }, readers: TAKING_PART },
  // Led by UNPOL alone: the Force does not take part, and reads it only once completed as internal.
  {
    status: 'ordered',
    overrides: { unit: 'UNPOL', units: ['UNPOL'], classification: 'internal' },
    readers: ['joc', 'jocViewer', 'police'],
  },
  {
    status: 'completed',
    overrides: { unit: 'UNPOL', units: ['UNPOL'], classification: 'restricted' },
    readers: ['joc', 'jocViewer', 'police'],
  },
];

describe.each(DIALECTS)('operations log access (%s)', (dialect) => {
  let t: TestApp;
  let w: OperationWorld;
  const records: { case: Case; marker: string; operation: Operation }[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildOperationWorld(t);
    for (const [index, c] of CASES.entries()) {
      const marker = `balise${index}x${dialect}`;
      const operation = await w.reach(c.status, { ...c.overrides, titleFr: `Opération ${marker}`, titleEn: `Operation ${marker}` });
      records.push({ case: c, marker, operation });
    }
  });
  afterAll(async () => t?.close());

  test.each(CALLERS)('%s reads exactly the operations it may, on every surface', async (caller) => {
    const expected = records.filter((r) => r.case.readers.includes(caller));
    const hidden = records.filter((r) => !r.case.readers.includes(caller));
    const list = await w.get(caller, '/api/operations?limit=200');
    const counts = await w.get(caller, '/api/operations/counts');
    const map = await w.get(caller, '/api/operations/map');
    const csv = await w.get(caller, '/api/operations/export.csv');
    if (caller === 'anonymous') {
      for (const response of [list, counts, map, csv]) expect(response.statusCode).toBe(401);
    } else {
      expect(counts.json().total).toBe(expected.length);
      expect(map.json().features.length).toBe(expected.length);
    }
    for (const r of expected) {
      expect(list.body, `${caller} list ${r.marker}`).toContain(r.marker);
      expect(map.body, `${caller} map ${r.marker}`).toContain(r.marker);
      expect(csv.body, `${caller} csv ${r.marker}`).toContain(r.marker);
      expect((await w.get(caller, `/api/operations?q=${r.marker}`)).body).toContain(r.marker);
      const detail = await w.get(caller, `/api/operations/${r.operation.id}`);
      expect(detail.statusCode, `${caller} detail ${r.marker}`).toBe(200);
    }
    for (const r of hidden) {
      for (const [surface, body] of [
        ['list', list.body],
        ['map', map.body],
        ['csv', csv.body],
      ] as const) {
        expect(body, `${caller} ${surface} ${r.marker}`).not.toContain(r.marker);
      }
      expect((await w.get(caller, `/api/operations?q=${r.marker}`)).body).not.toContain(r.marker);
      const detail = await w.get(caller, `/api/operations/${r.operation.id}`);
      expect(detail.statusCode, `${caller} detail ${r.marker}`).toBe(caller === 'anonymous' ? 401 : 404);
      expect(detail.body).not.toContain(r.marker);
    }
  });

  test('the SQL filter and `can` agree for every caller and operation', async () => {
    const db = t.ctx.database.db;
    const units = await unitsOf(
      db,
      records.map((r) => r.operation.id),
    );
    for (const caller of CALLERS) {
      const actor = w.actors.get(caller) ?? null;
      for (const r of records) {
        const row = await db.selectFrom('operations').selectAll().where('id', '=', r.operation.id).executeTakeFirstOrThrow();
        const byPolicy = can(actor, 'read', guardOf(row, units.get(row.id) ?? []));
        const bySql = (await findReadable(db, row.id, readerOf(actor))) !== undefined;
        expect([caller, r.marker, bySql], 'SQL').toEqual([caller, r.marker, byPolicy]);
        expect([caller, r.marker, byPolicy], 'matrix').toEqual([caller, r.marker, r.case.readers.includes(caller)]);
      }
    }
  });
});
