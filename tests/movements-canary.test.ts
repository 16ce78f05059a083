import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Movement } from '../src/contracts/movements.js';
import type { SupportRequest } from '../src/contracts/support.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { movementInput, supportInput } from './helpers/movements.js';
import { buildOperationWorld, OPERATION_CALLERS, type OperationCaller, type OperationWorld } from './helpers/operations.js';

/**
 * Canary crawl of ceasefire movement control and support to the Malian forces: a unique marker in
 * every free-text field of a movement (notes, decision comment) and of a support request (Malian
 * unit, requester, description, HRDDP measures, decision comment, delivery outcome), then every GET
 * route of the API, the lists, counts, details, the worklist and the audit log, crawled as every
 * caller. A movement's markers reach only the Force and the JOC; a support request's only its
 * handling unit, the JOC and the Human Rights and Protection Division.
 */

const mark = (field: string) => `CANARY-${field}-${randomBytes(5).toString('hex')}`;
type Caller = OperationCaller | 'rights';
const MOVEMENT_READERS: readonly Caller[] = ['joc', 'jocViewer', 'forceViewer', 'forceOfficer'];
const SUPPORT_READERS: readonly Caller[] = ['joc', 'jocViewer', 'forceViewer', 'forceOfficer', 'rights'];

describe.each(DIALECTS)('movements and support canary crawl (%s)', (dialect) => {
  let t: TestApp;
  let w: OperationWorld;
  let rights: Session;
  let movement: Movement;
  let support: SupportRequest;
  const movementMarkers: string[] = [];
  const supportMarkers: string[] = [];

  const post = async (session: Session | null | undefined, url: string, payload: object) => {
    const response = await t.app.inject({ method: 'POST', url, headers: session?.headers ?? {}, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildOperationWorld(t);
    rights = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'officer' }] })).email);
    const m = Object.fromEntries(['notes', 'decision'].map((f) => [f, mark(f)]));
    movementMarkers.push(...Object.values(m));
    movement = await post(w.sessions.get('forceOfficer'), '/api/ceasefire/movements', movementInput({ notes: `Notes ${m.notes}` }));
    movement = await post(w.sessions.get('joc'), `/api/ceasefire/movements/${movement.id}/decision`, {
      decision: 'approve',
      version: 1,
      comment: `Décision ${m.decision}`,
    });
    const s = Object.fromEntries(['unit', 'by', 'description', 'measures', 'comment', 'outcome'].map((f) => [f, mark(f)]));
    supportMarkers.push(...Object.values(s));
    support = await post(
      w.sessions.get('forceOfficer'),
      '/api/malian-support',
      supportInput({ malianUnit: `Unité ${s.unit}`, requestedBy: `Capitaine ${s.by}`, description: `Besoin ${s.description}` }),
    );
    support = await post(rights, `/api/malian-support/${support.id}/hrddp`, {
      version: 1,
      outcome: 'mitigation',
      measures: `Mesures ${s.measures}`,
    });
    support = await post(w.sessions.get('joc'), `/api/malian-support/${support.id}/transitions`, {
      action: 'approve',
      version: support.version,
      comment: `Accord ${s.comment}`,
    });
    support = await post(w.sessions.get('forceOfficer'), `/api/malian-support/${support.id}/transitions`, {
      action: 'deliver',
      version: support.version,
      outcome: `Fourni ${s.outcome}`,
    });
  });
  afterAll(async () => t?.close());

  test('no marker reaches anyone but the readers of its record', { timeout: 180_000 }, async () => {
    const callers: Caller[] = ['anonymous', 'rights', ...(Object.keys(OPERATION_CALLERS) as OperationCaller[])];
    const headers = (caller: Caller) => (caller === 'rights' ? rights.headers : (w.sessions.get(caller)?.headers ?? {}));
    const violations: string[] = [];
    const seen = new Set<string>();
    const look = (caller: Caller, surface: string, body: string) => {
      for (const [markers, readers, what] of [
        [movementMarkers, MOVEMENT_READERS, 'movement'],
        [supportMarkers, SUPPORT_READERS, 'support'],
      ] as const) {
        for (const marker of markers) {
          if (!body.includes(marker)) continue;
          if (readers.includes(caller)) seen.add(`${what}:${caller}`);
          else violations.push(`${marker.split('-')[1]} seen by ${caller} on ${surface}`);
        }
      }
    };
    for (const caller of callers) {
      for (const route of t.app.declaredRoutes) {
        if (route.method !== 'GET' || !route.url.startsWith('/api/') || route.url.startsWith('/api/docs/') || route.url.endsWith('.pdf'))
          continue;
        const id = route.url.startsWith('/api/ceasefire/movements/:id')
          ? movement.id
          : route.url.startsWith('/api/malian-support/:id')
            ? support.id
            : randomUUID();
        const url = route.url
          .replace(':id', id)
          .replace(':ref', 'MLI-2020-000001')
          .replace(':unit', 'FORCE')
          .replace(':code', 'DDR-7K3Q9')
          .replace(':key', 'force.strength')
          .replace('*', '');
        const response = await t.app.inject({ url, headers: headers(caller) });
        expect(response.statusCode, `${caller} ${url}`).toBeLessThan(500);
        look(caller, `GET ${route.url}`, response.body);
      }
      for (const url of [
        '/api/ceasefire/movements?status=approved',
        '/api/ceasefire/movements/export.csv?status=approved&lang=en',
        '/api/malian-support?status=delivered',
        '/api/worklist',
        '/api/audit?limit=200',
      ]) {
        look(caller, url, (await t.app.inject({ url, headers: headers(caller) })).body);
      }
    }
    expect(violations).toEqual([]);
    expect([...seen].sort()).toEqual(
      [...MOVEMENT_READERS.map((c) => `movement:${c}`), ...SUPPORT_READERS.map((c) => `support:${c}`)].sort(),
    );
  });
});
