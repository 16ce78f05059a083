import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * Malformed input for every route of the OpenAPI document, sent by an administrator so that the
 * gates let it through to validation: 0 responses ≥ 500, 0 stack traces.
 */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { name: string; in: string }[];
}

/** Values of the wrong kind for a schema. */
function wrongValues(schema: JsonSchema): unknown[] {
  const type = [schema.type ?? 'object'].flat()[0];
  const common = [
    null,
    { nested: { deeper: [1, 2, 3] } },
    'x'.repeat(5_000),
    -1,
    1e308,
    '\u0000\uFFFF',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
  ];
  if (type === 'string') return [...common, 123, true, [], ''];
  if (type === 'number' || type === 'integer') return [...common, '12', 1.5, Number.MAX_SAFE_INTEGER + 2];
  if (type === 'boolean') return [...common, 'true', 0];
  if (type === 'array') return [...common, 'a', {}, [null], Array.from({ length: 1_000 }, () => ({}))];
  return [...common, [], 'a', 42];
}

function bodyMutations(schema: JsonSchema): unknown[] {
  const props = schema.properties ?? {};
  const base: Record<string, unknown> = {};
  const out: unknown[] = [null, [], 'text', 0, {}, { unexpected: true }];
  for (const [name, prop] of Object.entries(props)) {
    for (const value of wrongValues(prop)) out.push({ ...base, [name]: value });
  }
  for (const name of schema.required ?? []) {
    const partial = Object.fromEntries(
      Object.keys(props)
        .filter((k) => k !== name)
        .map((k) => [k, 'x']),
    );
    out.push(partial);
  }
  return out;
}

describe.each(DIALECTS)('fuzzing every route from the OpenAPI document (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const user = await buildUser(t.ctx, { admin: true, auditor: true, memberships: [{ unit: 'HRPD', role: 'manager' }] });
    admin = await signIn(t.app, user.email);
  });
  afterAll(async () => t?.close());

  test('no malformed request produces a 5xx or a stack trace', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const failures: string[] = [];
    let sent = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        // Signing out would end the session the rest of the run relies on.
        if (path === '/api/auth/logout') continue;
        const url = path.replace(/\{[^}]+\}/g, 'not-an-id');
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        const payloads = method === 'get' ? [undefined] : schema ? bodyMutations(schema) : [{ anything: 1 }];
        const queries = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => `${p.name}=%00%FF'--`);
        for (const payload of payloads) {
          for (const query of ['', ...queries.map((q) => `?${q}`)]) {
            const response = await t.app.inject({
              method: method.toUpperCase() as 'POST',
              url: `${url}${query}`,
              headers: { ...admin.headers, 'content-type': 'application/json' },
              payload: payload === undefined ? undefined : JSON.stringify(payload),
            });
            sent += 1;
            if (response.statusCode >= 500 || /\bat .+:\d+:\d+/.test(response.body)) {
              failures.push(`${method} ${path}${query} ${JSON.stringify(payload)?.slice(0, 80)} → ${response.statusCode}`);
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  });
});
