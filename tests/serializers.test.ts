import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { incidentPageSchema, incidentSchema, incidentStatsSchema } from '../src/contracts/incidents.js';
import { type App, buildApp } from '../src/server/app.js';
import { compileSerializer } from '../src/server/serializers.js';
import { createTestContext, DIALECTS, type TestContext } from './helpers/db.js';

/** What zod itself writes for a value: the reference every compiled serialiser must agree with. */
const zodJson = (schema: z.ZodType, value: unknown) => JSON.parse(JSON.stringify(z.encode(schema, value)));
const compiledJson = (schema: z.ZodType, value: unknown) => JSON.parse(compileSerializer(schema).serialize(value));

/** Every key of a JSON value, with its path, to look for one that should not be there. */
function paths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => paths(item, `${prefix}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [`${prefix}.${key}`, ...paths(item, `${prefix}.${key}`)]);
}

describe('serialisers compiled from the response contracts', () => {
  const shape = z.object({
    id: z.string(),
    note: z.string().optional(),
    by: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
    grade: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    ok: z.literal(true),
    kind: z.enum(['a', 'b']).nullable(),
    at: z.date(),
    counts: z.record(z.string(), z.object({ n: z.number() })),
    byStatus: z.record(z.enum(['draft', 'closed']), z.number()),
    event: z.discriminatedUnion('type', [
      z.object({ type: z.literal('moved'), to: z.string() }),
      z.object({ type: z.literal('closed'), reason: z.string().nullable() }),
    ]),
    items: z.array(z.strictObject({ ref: z.string(), size: z.number().int() })),
    loose: z.looseObject({ kept: z.string() }),
  });
  const value = {
    id: 'x1',
    secret: 'never written',
    by: { id: null, name: 'Awa', password: 'hash' },
    grade: 2,
    ok: true,
    kind: null,
    at: new Date('2020-03-01T10:00:00Z'),
    counts: { civilians: { n: 3, hidden: 1 }, '10': { n: 0 } },
    byStatus: { draft: 1, closed: 2, deleted: 9 },
    event: { type: 'closed', reason: null, token: 'x' },
    items: [{ ref: 'A', size: 1, internal: true }],
    loose: { kept: 'y', extra: [1, 'two'] },
  };

  test('write what zod writes: optional, nullable, literals, dates, records, unions, loose objects', () => {
    expect(compileSerializer(shape).mode).toBe('compiled');
    const written = compiledJson(shape, value);
    // zod refuses what a strict object or an enum-keyed record does not declare; the compiled serialiser leaves it out.
    expect(written).toEqual(zodJson(shape, { ...value, byStatus: { draft: 1, closed: 2 }, items: [{ ref: 'A', size: 1 }] }));
    expect(written.at).toBe('2020-03-01T10:00:00.000Z');
    expect(written.by).toEqual({ id: null, name: 'Awa' });
    expect(written.event).toEqual({ type: 'closed', reason: null });
    expect(written.counts).toEqual({ '10': { n: 0 }, civilians: { n: 3 } });
    expect(written.loose).toEqual({ kept: 'y', extra: [1, 'two'] });
    expect(compiledJson(shape, { ...value, note: 'present' }).note).toBe('present');
  });

  test('never write a field the contract does not declare, at any depth', () => {
    const written = paths(compiledJson(shape, value));
    for (const leak of ['.secret', '.by.password', '.counts.civilians.hidden', '.byStatus.deleted', '.event.token', '.items[0].internal']) {
      expect(written).not.toContain(leak);
    }
  });

  test('a missing required field is an error, not a field left out; a literal is written as it is, never forged', () => {
    const { id: _, ...withoutId } = value;
    expect(() => compileSerializer(shape).serialize(withoutId)).toThrow(/id/);
    const literal = compileSerializer(z.object({ ok: z.literal(true) }));
    expect(literal.serialize({ ok: false })).toBe('{"ok":false}');
  });

  test('the incident contracts compile, and a list page writes only the summary of each row', () => {
    expect(compileSerializer(incidentPageSchema).mode).toBe('compiled');
    expect(compileSerializer(incidentStatsSchema).mode).toBe('compiled');
    const row = {
      ref: 'MLI-2020-000001',
      occurredOn: '2020-01-02',
      datePrecision: 'day',
      region: 'ML-9',
      cercle: null,
      place: null,
      latitude: 15.9,
      longitude: 2.4,
      eventType: 'battles',
      subEventType: 'armed_clash',
      category: null,
      title: 'Accrochage',
      killedBest: 2,
      injuredBest: 0,
      status: 'verified',
      unit: 'FORCE',
      classification: 'restricted',
      threatToCivilians: false,
      description: 'not in a summary',
      created_by: 'a user id',
    };
    const page = { items: [row, { ...row, ref: 'MLI-2020-000002' }], next: null };
    const written = compiledJson(incidentPageSchema, page);
    expect(written).toEqual(zodJson(incidentPageSchema, page));
    expect(Object.keys(written.items[0])).not.toContain('description');
    expect(Object.keys(written.items[0])).not.toContain('created_by');
  });

  test('contracts zod would rewrite on the way out keep the zod path', () => {
    // An incident's sources trim their reference: only zod does that, so the route keeps zod.
    expect(compileSerializer(incidentSchema).mode).toEqual({ fallback: 'string rewritten by a check' });
    const trimmed = z.object({ name: z.string().trim() });
    expect(compileSerializer(trimmed).serialize({ name: ' Gao ', other: 1 })).toBe('{"name":"Gao"}');
    const transformed = z.object({ n: z.string().transform((s) => s.length) });
    expect(compileSerializer(transformed).mode).toEqual({ fallback: 'transform' });
    const big = z.object({ n: z.bigint() });
    expect(compileSerializer(big).mode).toEqual({ fallback: 'bigint' });
  });
});

describe.each(DIALECTS)('responses checked against their contracts (%s)', (dialect) => {
  const contract = z.object({ ref: z.string(), killed: z.number() });
  let ctx: TestContext;
  const apps: App[] = [];

  async function appWith(validateResponses: boolean, body: unknown): Promise<App> {
    const app = await buildApp(ctx, { logger: false, validateResponses });
    app.get(
      '/api/test/contract',
      { config: { access: { public: true } }, schema: { response: { 200: contract } } },
      async () => body as z.infer<typeof contract>,
    );
    await app.ready();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await ctx.close();
  });

  test('a response that breaks its contract is a 500 when responses are checked, and says why', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const app = await appWith(true, { ref: 'MLI-2020-000001', killed: 'three' });
      const response = await app.inject({ method: 'GET', url: '/api/test/contract' });
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(String(errors.mock.calls[0]?.[0])).toMatch(/GET \/api\/test\/contract breaks its contract.*killed/s);
    } finally {
      errors.mockRestore();
    }
  });

  test('a response within its contract passes the check and loses its undeclared fields', async () => {
    const app = await appWith(true, { ref: 'MLI-2020-000001', killed: 3, author: 'not declared' });
    const response = await app.inject({ method: 'GET', url: '/api/test/contract' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ref: 'MLI-2020-000001', killed: 3 });
  });

  test('without the check, the compiled serialiser still writes only what the contract declares', async () => {
    const app = await appWith(false, { ref: 'MLI-2020-000001', killed: 3, author: 'not declared' });
    const response = await app.inject({ method: 'GET', url: '/api/test/contract' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{"ref":"MLI-2020-000001","killed":3}');
  });
});
