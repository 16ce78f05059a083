import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident, IncidentSummary } from '../src/contracts/incidents.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput, pngWith } from './helpers/incidents.js';

/**
 * Who sees which incident, on every read surface: each record carries a unique marker; every
 * caller crawls detail, list, search, statistics, map, both exports, history and attachments;
 * the marker must appear exactly where SECURITY.md says the caller may read.
 */

type Caller = 'anonymous' | 'forceViewer' | 'forceOfficer' | 'police' | 'civilAffairs' | 'admin' | 'auditor';
const CALLERS: Caller[] = ['anonymous', 'forceViewer', 'forceOfficer', 'police', 'civilAffairs', 'admin', 'auditor'];
const FORCE: Caller[] = ['forceViewer', 'forceOfficer'];
const SIGNED_IN: Caller[] = CALLERS.filter((c) => c !== 'anonymous');

interface Case {
  name: string;
  classification: 'public' | 'internal' | 'restricted';
  sharedWith?: string[];
  submitted: boolean;
  readers: Caller[];
}

const CASES: Case[] = [
  { name: 'public', classification: 'public', submitted: true, readers: CALLERS },
  { name: 'internal', classification: 'internal', submitted: true, readers: SIGNED_IN },
  { name: 'restricted', classification: 'restricted', submitted: true, readers: FORCE },
  {
    name: 'restricted, shared with UNPOL',
    classification: 'restricted',
    sharedWith: ['UNPOL'],
    submitted: true,
    readers: [...FORCE, 'police'],
  },
  { name: 'public draft', classification: 'public', submitted: false, readers: FORCE },
  { name: 'restricted draft shared with UNPOL', classification: 'restricted', sharedWith: ['UNPOL'], submitted: false, readers: FORCE },
];

const PNG = pngWith('');

describe.each(DIALECTS)('incident confidentiality on every read surface (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller, Session | null>();
  const records: { case: Case; marker: string; incident: Incident; attachment: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[], extra = {}) =>
      signIn(t.app, (await buildUser(t.ctx, { memberships, ...extra })).email);
    sessions.set('anonymous', null);
    sessions.set('forceViewer', await as([{ unit: 'FORCE', role: 'viewer' }]));
    const forceOfficer = await as([{ unit: 'FORCE', role: 'officer' }]);
    sessions.set('forceOfficer', forceOfficer);
    sessions.set('police', await as([{ unit: 'UNPOL', role: 'officer' }]));
    sessions.set('civilAffairs', await as([{ unit: 'CAD', role: 'manager' }]));
    sessions.set('admin', await as([], { admin: true }));
    sessions.set('auditor', await as([], { auditor: true }));

    for (const [index, c] of CASES.entries()) {
      const marker = `canari${index}x${dialect}`;
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/incidents',
        headers: forceOfficer.headers,
        payload: incidentInput({
          title: `Incident ${marker}`,
          classification: c.classification,
          sharedWith: c.sharedWith ?? [],
          occurredOn: `2018-0${index + 1}-15`,
          location: { place: ['Gao', 'Kidal', 'Tessalit', 'Ansongo', 'Bourem', 'Ménaka'][index] ?? 'Gao', precision: 'near' },
        }),
      });
      expect(created.statusCode, created.body).toBe(201);
      let incident: Incident = created.json();
      const attachment = await t.app.inject({
        method: 'POST',
        url: `/api/incidents/${incident.ref}/attachments?filename=${marker}.png`,
        headers: { ...forceOfficer.headers, 'content-type': 'image/png' },
        payload: PNG,
      });
      expect(attachment.statusCode, attachment.body).toBe(201);
      if (c.submitted) {
        incident = (
          await t.app.inject({
            method: 'POST',
            url: `/api/incidents/${incident.ref}/transitions`,
            headers: forceOfficer.headers,
            payload: { action: 'submit', version: incident.version },
          })
        ).json();
      }
      records.push({ case: c, marker, incident, attachment: attachment.json().id });
    }
  });
  afterAll(async () => t?.close());

  const get = (caller: Caller, url: string) => t.app.inject({ url, headers: sessions.get(caller)?.headers ?? {} });
  const FILTER = 'from=2018-01-01&to=2018-12-31';

  test.each(CALLERS)('%s sees exactly the incidents it may read, everywhere', async (caller) => {
    const list = (await get(caller, `/api/incidents?${FILTER}&limit=200`)).body;
    const search = await Promise.all(records.map((r) => get(caller, `/api/incidents?q=${r.marker}`)));
    const stats = (await get(caller, `/api/incidents/stats?${FILTER}`)).json();
    const map = (await get(caller, `/api/incidents/map?${FILTER}&zoom=10`)).json();
    const csv = (await get(caller, `/api/incidents/export.csv?${FILTER}`)).body;
    const geojson = (await get(caller, `/api/incidents/export.geojson?${FILTER}`)).body;
    const expected = records.filter((r) => r.case.readers.includes(caller));

    for (const [index, record] of records.entries()) {
      const may = record.case.readers.includes(caller);
      const where = `${caller} / ${record.case.name}`;
      const detail = await get(caller, `/api/incidents/${record.incident.ref}`);
      expect(detail.statusCode, where).toBe(may ? 200 : 404);
      expect(detail.body.includes(record.marker), where).toBe(may);
      const history = await get(caller, `/api/incidents/${record.incident.ref}/history`);
      expect(history.statusCode, where).toBe(may ? 200 : 404);
      const file = await get(caller, `/api/attachments/${record.attachment}`);
      expect(file.statusCode, where).toBe(may ? 200 : 404);
      expect(list.includes(record.incident.ref), `list: ${where}`).toBe(may);
      expect(search[index]?.body.includes(record.marker), `search: ${where}`).toBe(may);
      expect(csv.includes(record.marker), `csv: ${where}`).toBe(may);
      expect(geojson.includes(record.marker), `geojson: ${where}`).toBe(may);
      // The map's preview (a title with the marker) only for a reader of the incident.
      expect(JSON.stringify(map).includes(record.marker), `map: ${where}`).toBe(may);
    }
    expect(stats.total, 'count').toBe(expected.length);
    expect(
      map.clusters.reduce((n: number, c: { count: number }) => n + c.count, 0),
      'map',
    ).toBe(expected.length);
    expect(
      map.byCercle.reduce((n: number, c: { count: number }) => n + c.count, 0),
      'choropleth',
    ).toBe(expected.length);
    const singles = map.clusters.filter((c: { ref: string | null }) => c.ref).map((c: { ref: string }) => c.ref);
    for (const ref of singles) expect(expected.map((r) => r.incident.ref)).toContain(ref);
    // Each preview shows nothing the list does not already show this reader of the same incident.
    const items: IncidentSummary[] = JSON.parse(list).items;
    for (const cluster of map.clusters as { ref: string | null; incident: Record<string, unknown> | null }[]) {
      if (cluster.ref === null) {
        expect(cluster.incident).toBeNull();
        continue;
      }
      const item = items.find((i) => i.ref === cluster.ref);
      expect(item, cluster.ref).toBeDefined();
      const { title, occurredOn, datePrecision, eventType, category, region, cercle, place } = item ?? ({} as IncidentSummary);
      expect(cluster.incident).toEqual({ title, occurredOn, datePrecision, eventType, category, region, cercle, place });
    }
  });

  test('an unreadable incident answers exactly like one that does not exist', async () => {
    const restricted = records.find((r) => r.case.name === 'restricted');
    const hidden = await get('police', `/api/incidents/${restricted?.incident.ref}`);
    const missing = await get('police', '/api/incidents/MLI-1999-999999');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
  });

  test('nobody outside the owning unit may edit, move or attach to its incidents', async () => {
    const shared = records.find((r) => r.case.name === 'restricted, shared with UNPOL');
    if (!shared) throw new Error('missing case');
    const police = sessions.get('police')?.headers ?? {};
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/incidents/${shared.incident.ref}`,
      headers: police,
      payload: { version: shared.incident.version, incident: incidentInput({ classification: 'restricted', sharedWith: ['UNPOL'] }) },
    });
    expect(edit.statusCode).toBe(403);
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${shared.incident.ref}/transitions`,
      headers: police,
      payload: { action: 'verify', version: shared.incident.version },
    });
    expect(moved.statusCode).toBe(403);
    const attach = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${shared.incident.ref}/attachments?filename=x.png`,
      headers: { ...police, 'content-type': 'image/png' },
      payload: PNG,
    });
    expect(attach.statusCode).toBe(403);
  });
});
