import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput, pngWith } from './helpers/incidents.js';

describe.each(DIALECTS)('incident exports, imports and attachments (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let manager: Session;
  let verified: Incident;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    officer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email);
    manager = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] })).email);
    const created: Incident = (
      await t.app.inject({
        method: 'POST',
        url: '/api/incidents',
        headers: officer.headers,
        payload: incidentInput({ title: '=HYPERLINK("http://evil")', description: 'Blessés évacués ; « Ménaka »\ndeuxième ligne' }),
      })
    ).json();
    const submitted: Incident = (
      await t.app.inject({
        method: 'POST',
        url: `/api/incidents/${created.ref}/transitions`,
        headers: officer.headers,
        payload: { action: 'submit', version: created.version },
      })
    ).json();
    verified = (
      await t.app.inject({
        method: 'POST',
        url: `/api/incidents/${created.ref}/transitions`,
        headers: manager.headers,
        payload: { action: 'verify', version: submitted.version },
      })
    ).json();
  });
  afterAll(async () => t?.close());

  const exportCsv = (query = '') => t.app.inject({ url: `/api/incidents/export.csv?${query}`, headers: officer.headers });

  test('the CSV export: BOM, ACLED column names, verified flag, quoting, neutralised formulas, row count header', async () => {
    const response = await exportCsv('status=verified');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['x-total-count']).toBe('1');
    const raw = response.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8').slice(1);
    const [header, ...rest] = text.split('\r\n');
    expect(header?.split(',').slice(0, 8)).toEqual([
      'event_id_cnty',
      'event_date',
      'year',
      'time_precision',
      'disorder_type',
      'event_type',
      'sub_event_type',
      'actor1',
    ]);
    const body = rest.join('\r\n');
    expect(body).toContain(verified.ref);
    expect(body).toContain('"Blessés évacués ; « Ménaka »\ndeuxième ligne"');
    expect(body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(body).toContain(',yes,');
    expect(body).toContain(',15.91985,2.39609,');
  });

  test('the French Excel option: semicolons and decimal commas', async () => {
    const text = (await exportCsv('status=verified&separator=semicolon')).rawPayload.toString('utf8');
    expect(text.split('\r\n')[0]).toContain('event_id_cnty;event_date;year');
    expect(text).toContain(';15,91985;2,39609;');
  });

  test('GeoJSON export: a FeatureCollection of points with the same properties', async () => {
    const response = await t.app.inject({ url: '/api/incidents/export.geojson?status=verified', headers: officer.headers });
    const collection = response.json();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0].geometry).toEqual({ type: 'Point', coordinates: [2.39609, 15.91985] });
    expect(collection.features[0].properties.event_id_cnty).toBe(verified.ref);
  });

  test('every export is in the audit log', async () => {
    const before = await countRows(t.ctx, 'audit_log');
    await exportCsv();
    expect(await countRows(t.ctx, 'audit_log')).toBe(before + 1);
  });

  test('an exported file imports back as new candidates, identical in substance', async () => {
    const csv = (await exportCsv('status=verified')).rawPayload.toString('utf8');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/incidents/import?unit=FORCE',
      headers: { ...officer.headers, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ rows: 1, imported: 1, errors: [] });
    const page = (await t.app.inject({ url: '/api/incidents?status=submitted', headers: officer.headers })).json();
    const copy: Incident = (await t.app.inject({ url: `/api/incidents/${page.items[0].ref}`, headers: officer.headers })).json();
    expect(copy.ref).not.toBe(verified.ref);
    expect(copy.status).toBe('submitted');
    for (const field of [
      'title',
      'description',
      'occurredOn',
      'casualties',
      'sources',
      'tags',
      'eventType',
      'subEventType',
      'category',
    ] as const) {
      expect(copy[field]).toEqual(verified[field]);
    }
    expect(copy.location).toEqual(verified.location);
    expect(copy.actors.map((a) => a.actor)).toEqual(verified.actors.map((a) => a.actor));
  });

  test('an ACLED-style file (French Excel) imports; one bad row means nothing is imported, every bad row reported', async () => {
    const header = 'event_date;event_type;sub_event_type;actor1;actor2;admin1;location;latitude;longitude;fatalities;notes';
    const good = '2020-06-01;Battles;Armed clash;JNIM;Forces armées maliennes (FAMa);Mopti;;14,4843;-4,1827;3;Accrochage près de Sévaré';
    const outside = '2020-06-02;Combats;Affrontement armé;CMA;;;;14,69;-17,44;1;Dakar';
    const badType = '2020-06-03;Picnic;Armed clash;;;;Gao;;;0;';
    const before = await countRows(t.ctx, 'incidents');
    const failed = await t.app.inject({
      method: 'POST',
      url: '/api/incidents/import?unit=FORCE',
      headers: { ...officer.headers, 'content-type': 'text/csv' },
      payload: `\uFEFF${[header, good, outside, badType].join('\r\n')}`,
    });
    expect(failed.statusCode).toBe(422);
    const report = failed.json();
    expect(report.imported).toBe(0);
    expect(
      report.errors.map((e: { line: number }) => e.line),
      JSON.stringify(report.errors),
    ).toEqual([3, 4]);
    expect(report.errors[0].message).toContain('hors du Mali');
    expect(report.errors[1].message).toContain('Ligne 4 : type d’événement « Picnic / Armed clash » inconnu');
    expect(await countRows(t.ctx, 'incidents')).toBe(before);

    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/incidents/import?unit=FORCE&classification=restricted',
      headers: { ...officer.headers, 'content-type': 'text/csv' },
      payload: [header, good].join('\r\n'),
    });
    expect(ok.json()).toMatchObject({ rows: 1, imported: 1 });
    const row = await t.ctx.database.db
      .selectFrom('incidents')
      .selectAll()
      .where('title', 'like', 'Affrontement%')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      region: 'ML-5',
      killed_best: 3,
      actor1: 'jnim',
      actor2: 'fama',
      classification: 'restricted',
      status: 'submitted',
    });
  });

  test('imported incidents are in the free-text index, and so is the next one entered by hand, after a refused import too', async () => {
    const header = 'event_date,event_type,sub_event_type,location,notes';
    const post = (rows: string[]) =>
      t.app.inject({
        method: 'POST',
        url: '/api/incidents/import?unit=FORCE',
        headers: { ...officer.headers, 'content-type': 'text/csv' },
        payload: [header, ...rows].join('\n'),
      });
    const search = async (q: string) =>
      ((await t.app.inject({ url: `/api/incidents?q=${q}`, headers: officer.headers })).json() as { items: { title: string }[] }).items.map(
        (i) => i.title,
      );
    expect((await post(['2020-05-01,Battles,Armed clash,Gao,Sous les tamariniers', '2020-05-02,Picnic,Armed clash,Gao,'])).statusCode).toBe(
      422,
    );
    expect(await search('tamariniers')).toEqual([]);
    expect(
      (
        await post(['2020-05-01,Battles,Armed clash,Gao,Sous les tamariniers', '2020-05-03,Battles,Armed clash,Gao,Près des baobabs'])
      ).json(),
    ).toMatchObject({ imported: 2 });
    expect(await search('tamarinier')).toHaveLength(1);
    expect(await search('baobabs')).toHaveLength(1);
    const typed = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: officer.headers,
      payload: incidentInput({ title: 'Puits détruit à Kéréna' }),
    });
    expect(typed.statusCode).toBe(201);
    expect(await search('kerena')).toEqual(['Puits détruit à Kéréna']);
  });

  test('imports list and ignore unknown columns, refuse unreadable files and other units', async () => {
    const post = (csv: string, query = 'unit=FORCE', session = officer) =>
      t.app.inject({
        method: 'POST',
        url: `/api/incidents/import?${query}`,
        headers: { ...session.headers, 'content-type': 'text/csv' },
        payload: csv,
      });
    const unknown = await post('event_date,event_type,sub_event_type,location,colour\n2020-01-01,Battles,Armed clash,Gao,red');
    expect(unknown.json()).toMatchObject({ imported: 1, ignoredColumns: ['colour'], errors: [] });
    const broken = await post('event_date,event_type,sub_event_type\n"2020-01-01,Battles');
    expect(broken.statusCode).toBe(422);
    expect(broken.json().errors[0].message).toContain('illisible');
    expect((await post('', 'unit=FORCE')).statusCode).toBe(422);
    expect((await post('event_date\n2020-01-01', 'unit=UNPOL')).statusCode).toBe(403);
  });

  test('attachments: content decides the type, image metadata is removed, readers of the incident may download', async () => {
    const upload = (body: Buffer, filename: string, type = 'application/octet-stream') =>
      t.app.inject({
        method: 'POST',
        url: `/api/incidents/${verified.ref}/attachments?filename=${encodeURIComponent(filename)}`,
        headers: { ...manager.headers, 'content-type': type },
        payload: body,
      });
    const photo = pngWith('lat=15.91833');
    const response = await upload(photo, '../../photo Ménaka.png', 'image/png');
    expect(response.statusCode, response.body).toBe(201);
    const info = response.json();
    expect(info).toMatchObject({ filename: 'photo Ménaka.png', mediaType: 'image/png' });
    expect(info.size).toBeLessThan(photo.length);
    const download = await t.app.inject({ url: `/api/attachments/${info.id}`, headers: officer.headers });
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.includes(Buffer.from('lat=15.91833'))).toBe(false);
    const stored = await t.ctx.database.db.selectFrom('attachments').select('content').where('id', '=', info.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content).includes(Buffer.from('lat=15.91833'))).toBe(false);

    const html = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'photo.png', 'image/png');
    expect(html.statusCode).toBe(415);
    expect(html.json().title).toContain('JPEG');
    const truncated = await upload(photo.subarray(0, 40), 'cut.png');
    expect(truncated.statusCode).toBe(422);
    expect((await upload(Buffer.alloc(0), 'empty.pdf')).statusCode).toBe(400);
    const detail: Incident = (await t.app.inject({ url: `/api/incidents/${verified.ref}`, headers: officer.headers })).json();
    expect(detail.attachments.map((a) => a.filename)).toEqual(['photo Ménaka.png']);
  });
});
