import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Operation, OperationMay, OperationStatus } from '../src/contracts/operations.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import {
  buildOperationWorld,
  OPERATION_CALLERS,
  type OperationCaller,
  type OperationWorld,
  operationInput,
  operationReport,
} from './helpers/operations.js';

/**
 * An operation's `may` flags against its write routes, as tests/may.test.ts does for the other
 * records: for each caller and status, a true flag is accepted by its route, a false one refused.
 * A caller who may not read the operation gets 404 and every write refuses them.
 */

const STATUSES: OperationStatus[] = ['planned', 'ordered', 'under_way', 'completed', 'cancelled'];
const FLAGS = ['edit', 'order', 'start', 'complete', 'cancel'] as const satisfies readonly (keyof OperationMay)[];
const CALLERS = Object.keys(OPERATION_CALLERS) as OperationCaller[];
const accepted = (response: LightMyRequestResponse) => response.statusCode < 300;

describe.each(DIALECTS)('what an operation says its reader may do (%s)', (dialect) => {
  let t: TestApp;
  let w: OperationWorld;
  const seen = new Map<string, Set<boolean>>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildOperationWorld(t);
  });
  afterAll(async () => t?.close());

  const send = (caller: OperationCaller, method: 'POST' | 'PUT', url: string, payload: object) =>
    t.app.inject({ method, url, headers: w.sessions.get(caller)?.headers ?? {}, payload });
  const attempt = (caller: OperationCaller, flag: (typeof FLAGS)[number], o: Operation) => {
    const url = `/api/operations/${o.id}`;
    if (flag === 'edit') return send(caller, 'PUT', url, { version: o.version, operation: operationInput({ titleFr: 'Plan revu' }) });
    const extra = flag === 'complete' ? { report: operationReport() } : { comment: 'Motif de la décision' };
    return send(caller, 'POST', `${url}/transitions`, { action: flag, version: o.version, ...extra });
  };

  test.each(STATUSES)(
    'each flag agrees with its write route, for every caller, on a %s operation',
    { timeout: 120_000 },
    async (status) => {
      for (const caller of CALLERS) {
        const o = await w.reach(status);
        const detail = await w.get(caller, `/api/operations/${o.id}`);
        const where = `${caller} on a ${status} operation`;
        const may: Partial<OperationMay> = detail.statusCode === 200 ? (detail.json() as Operation).may : {};
        if (detail.statusCode !== 200) expect(detail.statusCode, where).toBe(404);
        for (const flag of FLAGS.filter((f) => !may[f])) {
          seen.set(flag, (seen.get(flag) ?? new Set()).add(false));
          const response = await attempt(caller, flag, o);
          expect(accepted(response), `${where}: ${flag} is refused (${response.body})`).toBe(false);
        }
        let fresh: Operation | null = o;
        for (const flag of FLAGS.filter((f) => may[f])) {
          seen.set(flag, (seen.get(flag) ?? new Set()).add(true));
          const target = fresh ?? (await w.reach(status));
          fresh = null;
          const response = await attempt(caller, flag, target);
          expect(accepted(response), `${where}: ${flag} is accepted (${response.body})`).toBe(true);
        }
      }
    },
  );

  test('no flag is the same for every caller and status', () =>
    expect([...seen].filter(([, values]) => values.size < 2).map(([flag]) => flag)).toEqual([]));
});
