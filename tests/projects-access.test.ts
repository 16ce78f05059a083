import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Project } from '../src/contracts/projects.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { projectInput } from './helpers/projects.js';

/**
 * Who sees which project, on every read surface: each project carries a unique marker in its
 * titles and descriptions; every caller crawls detail, history, list, totals, dashboard, map and the
 * CSV export; the marker (and, in the totals and the dashboard, the budget) appears exactly where SECURITY.md says the caller
 * may read: public for anyone, internal for the staff, restricted for the owning unit.
 */

type Caller = 'anonymous' | 'cadViewer' | 'cadOfficer' | 'police' | 'admin' | 'auditor';
const CALLERS: Caller[] = ['anonymous', 'cadViewer', 'cadOfficer', 'police', 'admin', 'auditor'];
const SIGNED_IN = CALLERS.filter((c) => c !== 'anonymous');
const CAD: Caller[] = ['cadViewer', 'cadOfficer'];

const CASES = [
  { classification: 'public', readers: CALLERS, budget: 1_100_000 },
  { classification: 'internal', readers: SIGNED_IN, budget: 2_200_000 },
  { classification: 'restricted', readers: CAD, budget: 4_400_000 },
] as const;

describe.each(DIALECTS)('project confidentiality on every read surface (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller, Session | null>();
  const records: { case: (typeof CASES)[number]; marker: string; project: Project }[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[], extra = {}) =>
      signIn(t.app, (await buildUser(t.ctx, { memberships, ...extra })).email);
    sessions.set('anonymous', null);
    sessions.set('cadViewer', await as([{ unit: 'CAD', role: 'viewer' }]));
    const officer = await as([{ unit: 'CAD', role: 'officer' }]);
    sessions.set('cadOfficer', officer);
    sessions.set('police', await as([{ unit: 'UNPOL', role: 'manager' }]));
    sessions.set('admin', await as([], { admin: true }));
    sessions.set('auditor', await as([], { auditor: true }));
    for (const c of CASES) {
      const marker = `CANARY-${c.classification}-${Math.random().toString(36).slice(2, 10)}`;
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/projects',
        headers: officer.headers,
        payload: projectInput({
          classification: c.classification,
          fund: 'cvr',
          titleFr: `Projet ${marker}`,
          titleEn: `Project ${marker}`,
          descriptionFr: marker,
          budgetMinor: c.budget,
        }),
      });
      expect(response.statusCode, response.body).toBe(201);
      records.push({ case: c, marker, project: response.json() });
    }
  });
  afterAll(async () => t?.close());

  test.each(CALLERS)('%s sees a project’s marker only where it may read the project', async (caller) => {
    const headers = sessions.get(caller)?.headers ?? {};
    const get = (url: string) => t.app.inject({ url, headers });
    const surfaces = await Promise.all([
      get('/api/projects?fund=cvr&limit=200'),
      get('/api/projects/export.csv?fund=cvr'),
      get('/api/projects/totals?fund=cvr'),
      get('/api/projects/dashboard?fund=cvr'),
      get('/api/projects/map?fund=cvr'),
      get('/api/projects/export.xlsx?fund=cvr'),
    ]);
    const [list, csv, totals, dashboard, map, xlsx] = surfaces.map((r, i) => {
      expect(r.statusCode).toBe(200);
      return i === 5 ? strFromU8(unzipSync(r.rawPayload)['xl/worksheets/sheet1.xml'] ?? new Uint8Array()) : r.body;
    }) as [string, string, string, string, string, string];
    let budget = 0;
    for (const { case: c, marker, project } of records) {
      const may = (c.readers as readonly Caller[]).includes(caller);
      if (may) budget += c.budget;
      const detail = await get(`/api/projects/${project.id}`);
      const history = await get(`/api/projects/${project.id}/history`);
      expect(detail.statusCode, `${caller} detail of ${c.classification}`).toBe(may ? 200 : 404);
      expect(history.statusCode, `${caller} history of ${c.classification}`).toBe(may ? 200 : 404);
      expect(detail.body.includes(marker)).toBe(may);
      expect(list.includes(marker), `${caller} list, ${c.classification}`).toBe(may);
      expect(csv.includes(marker), `${caller} export, ${c.classification}`).toBe(may);
      expect(xlsx.includes(marker), `${caller} XLSX export, ${c.classification}`).toBe(may);
      expect(map.includes(marker), `${caller} map, ${c.classification}`).toBe(may);
      // A project one may not read is indistinguishable from one that does not exist.
      if (!may) expect(detail.json().code).toBe('not_found');
    }
    expect(JSON.parse(totals).total.budgetUsdMinor).toBe(budget);
    expect(JSON.parse(dashboard).total.budgetUsdMinor).toBe(budget);
    for (const region of JSON.parse(dashboard).byRegion) expect(region.budgetUsdMinor).toBe(budget);
  });

  test('the audit log names a project by its title only to an auditor who may read it', async () => {
    const audit = await t.app.inject({ url: '/api/audit?recordType=project', headers: sessions.get('auditor')?.headers ?? {} });
    expect(audit.statusCode).toBe(200);
    const labels = (audit.json().entries as { recordId: string; recordLabel: string | null }[]).map((e) => [e.recordId, e.recordLabel]);
    for (const { case: c, marker, project } of records) {
      const label = labels.find(([id]) => id === project.id)?.[1] ?? null;
      if (c.classification === 'restricted') expect(label).toBeNull();
      else expect(label).toContain(marker);
    }
    expect(audit.body).not.toContain(records.find((r) => r.case.classification === 'restricted')?.marker);
  });
});
