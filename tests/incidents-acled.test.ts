import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ImportMapping, Incident, IncidentImportPreview, IncidentImportReport } from '../src/contracts/incidents.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';

/** Eight events of 2024 in Gao, Mopti, Ménaka and Kidal, in ACLED's full export layout and spelling. */
const ACLED_FILE = readFileSync(join(import.meta.dirname, 'fixtures', 'acled-mali-2024.csv'), 'utf8');

const ACLED_LAYOUT = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
];

const CSP = 'CSP-DPA: Permanent Strategic Framework for Peace, Security and Development';
const DOZO = 'Dozo Communal Militia (Mali)';
const FULANI = 'Fulani Ethnic Group (Mali)';

describe.each(DIALECTS)('ACLED files: full layout, mapping step, errors, round trip (%s)', (dialect) => {
  let t: TestApp;
  let keeper: Session;
  let officer: Session;
  let unpol: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    keeper = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] })).email);
    officer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email);
    unpol = await signIn(
      t.app,
      (
        await buildUser(t.ctx, {
          memberships: [
            { unit: 'UNPOL', role: 'officer' },
            { unit: 'CAD', role: 'officer' },
          ],
        })
      ).email,
    );
  });
  afterAll(async () => t?.close());

  const preview = async (session: Session, csv: string, lang = 'fr') =>
    (
      await t.app.inject({
        method: 'POST',
        url: `/api/incidents/import/preview?unit=FORCE&lang=${lang}`,
        headers: { ...session.headers, 'content-type': 'text/csv' },
        payload: csv,
      })
    ).json() as IncidentImportPreview;

  const importCsv = (session: Session, csv: string, query = 'unit=FORCE&lang=fr') =>
    t.app.inject({
      method: 'POST',
      url: `/api/incidents/import?${query}`,
      headers: { ...session.headers, 'content-type': 'text/csv' },
      payload: csv,
    });

  const importMapped = (session: Session, csv: string, mapping: ImportMapping, query = 'unit=FORCE&lang=fr') =>
    t.app.inject({ method: 'POST', url: `/api/incidents/import?${query}`, headers: session.headers, payload: { csv, mapping } });

  test('the fixture is in ACLED’s full column layout', () => {
    expect(ACLED_FILE.split('\n')[0]?.trim().split(',')).toEqual(ACLED_LAYOUT);
  });

  test('the preview counts the file’s actors and event types, maps what the registry knows, writes nothing', async () => {
    const before = await countRows(t.ctx, 'audit_log');
    const result = await preview(officer, ACLED_FILE);
    expect(result.rows).toBe(8);
    expect(result.ignoredColumns).toEqual([]);
    expect(result.errors).toEqual([]);
    const actor = (name: string) => result.actors.find((a) => a.name === name);
    expect(actor('Military Forces of Mali (2021-)')).toMatchObject({ count: 4, match: 'fama', by: 'alias' });
    expect(actor('Wagner Group')).toMatchObject({ count: 2, match: 'wagner_group', by: 'registry' });
    expect(actor('JNIM: Group for Support of Islam and Muslims')).toMatchObject({ match: 'jnim', by: 'alias' });
    expect(actor('Islamic State (Sahel)')).toMatchObject({ match: 'isgs' });
    expect(actor(CSP)).toMatchObject({ count: 2, match: null, by: null });
    expect(actor(DOZO)).toMatchObject({ count: 1, match: null });
    expect(actor(FULANI)).toMatchObject({ count: 2, match: null });
    expect(result.eventTypes.every((e) => e.match !== null && e.by === 'vocabulary')).toBe(true);
    expect(result.eventTypes.find((e) => e.subEventType === 'Armed clash')).toMatchObject({
      eventType: 'Battles',
      count: 2,
      match: { eventType: 'battles', subEventType: 'armed_clash' },
    });
    expect(await countRows(t.ctx, 'audit_log')).toBe(before);
  });

  test('unknown actors refuse the whole file; each error names the line and the value, in French and in English', async () => {
    const before = await countRows(t.ctx, 'incidents');
    const fr = await importCsv(officer, ACLED_FILE);
    expect(fr.statusCode).toBe(422);
    const report = fr.json() as IncidentImportReport;
    expect(report.imported).toBe(0);
    const messages = report.errors.map((e) => e.message);
    expect(messages).toContain(`Ligne 5 : acteur « ${CSP} » inconnu. Associez-le à un acteur du répertoire à l’étape de correspondance.`);
    expect(messages.some((m) => m.startsWith(`Ligne 8 : acteur « ${DOZO} » inconnu`))).toBe(true);
    expect(report.errors.find((e) => e.message.includes(FULANI))).toMatchObject({ line: 4, column: 'assoc_actor_2' });
    expect(messages.join(' ')).not.toContain('actors.0');
    const en = (await importCsv(officer, ACLED_FILE, 'unit=FORCE&lang=en')).json() as IncidentImportReport;
    expect(en.errors.map((e) => e.message)).toContain(`Line 5: unknown actor “${CSP}”. Map it to a registry actor in the mapping step.`);
    expect(await countRows(t.ctx, 'incidents')).toBe(before);
  });

  test('a bad value is named with its line, column and value', async () => {
    const lines = ACLED_FILE.trim().split('\n');
    const bad = [lines[0], lines[2]?.replace('2024-02-11', '2024-13-45'), lines[6]?.replace('Peaceful protest', 'Sit-in')].join('\n');
    const fr = (await importCsv(officer, bad)).json() as IncidentImportReport;
    expect(fr.errors[0]).toMatchObject({ line: 2, column: 'event_date' });
    expect(fr.errors[0]?.message).toMatch(/^Ligne 2 : colonne « event_date », valeur « 2024-13-45 » : /);
    expect(fr.errors[1]?.message).toMatch(/^Ligne 3 : type d’événement « Protests \/ Sit-in » inconnu/);
    const en = (await importCsv(officer, bad, 'unit=FORCE&lang=en')).json() as IncidentImportReport;
    expect(en.errors[0]?.message).toMatch(/^Line 2: column “event_date”, value “2024-13-45”: /);
    expect(en.errors[1]?.message).toMatch(/^Line 3: unknown event type “Protests \/ Sit-in”/);
  });

  test('a source’s grading is read from its flat columns; a bad grade is named with its line, column and value', async () => {
    const [header, , second] = ACLED_FILE.trim().split('\n');
    const graded = (credibility: string) =>
      [`${header},mandat_source_type,mandat_source_reliability,mandat_source_credibility`, `${second},media,B,${credibility}`].join('\n');
    const fr = (await importCsv(officer, graded('9'))).json() as IncidentImportReport;
    expect(fr.errors[0]).toMatchObject({ line: 2, column: 'mandat_source_credibility' });
    expect(fr.errors[0]?.message).toMatch(/^Ligne 2 : colonne « mandat_source_credibility », valeur « 9 » : /);
    const en = (await importCsv(officer, graded('9'), 'unit=FORCE&lang=en')).json() as IncidentImportReport;
    expect(en.errors[0]?.message).toMatch(/^Line 2: column “mandat_source_credibility”, value “9”: /);
    const response = await importCsv(officer, graded('2'));
    expect(response.json()).toMatchObject({ imported: 1, errors: [] });
    const [latest] = (
      (await t.app.inject({ url: '/api/incidents?unit=FORCE&sort=updated_desc&limit=1', headers: officer.headers })).json() as {
        items: { ref: string }[];
      }
    ).items;
    const detail = (await t.app.inject({ url: `/api/incidents/${latest?.ref}`, headers: officer.headers })).json() as Incident;
    expect(detail.sources).toEqual([{ type: 'media', reference: 'Mali Actu', reliability: 'B', credibility: 2 }]);
  });

  test('unknown columns are listed in the report and ignored', async () => {
    const [header, ...rows] = ACLED_FILE.trim().split('\n');
    const extra = [`${header},event_id_no_cnty,iso3`, ...rows.slice(0, 2).map((r) => `${r},12345,MLI`)].join('\n');
    const result = await preview(officer, extra);
    expect(result.ignoredColumns).toEqual(['event_id_no_cnty', 'iso3']);
    const response = await importCsv(officer, extra);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ rows: 2, imported: 2, ignoredColumns: ['event_id_no_cnty', 'iso3'], errors: [] });
  });

  test('only the registry’s keepers create actors at the mapping step; a refused mapping leaves nothing behind', async () => {
    const [actors, aliases] = [await countRows(t.ctx, 'actors'), await countRows(t.ctx, 'actor_aliases')];
    const response = await importMapped(officer, ACLED_FILE, {
      actors: [
        { name: CSP, actor: 'cma' },
        { name: DOZO, create: { nameFr: 'Milice dozo', nameEn: 'Dozo militia', type: 4 } },
      ],
    });
    expect(response.statusCode).toBe(403);
    expect([await countRows(t.ctx, 'actors'), await countRows(t.ctx, 'actor_aliases')]).toEqual([actors, aliases]);
  });

  test('a mapping that fails on a row is undone with the import', async () => {
    const aliases = await countRows(t.ctx, 'actor_aliases');
    // Dozo and Fulani stay unmapped: the file fails, and the CSP-DPA alias goes with it.
    const response = await importMapped(keeper, ACLED_FILE, { actors: [{ name: CSP, actor: 'cma' }] });
    expect(response.statusCode).toBe(422);
    expect(await countRows(t.ctx, 'actor_aliases')).toBe(aliases);
  });

  test('the mapping is applied, audited and remembered: the next import of the same file maps by itself', async () => {
    const before = await countRows(t.ctx, 'incidents');
    const response = await importMapped(keeper, ACLED_FILE, {
      actors: [
        { name: CSP, actor: 'cma' },
        { name: DOZO, create: { nameFr: 'Milice dozo (Mali)', nameEn: 'Dozo militia (Mali)', type: 4 } },
        { name: FULANI, create: { nameFr: 'Communauté peule', nameEn: 'Fulani community', type: 4 } },
      ],
    });
    expect(response.json()).toMatchObject({ rows: 8, imported: 8, errors: [] });
    expect(await countRows(t.ctx, 'incidents')).toBe(before + 8);
    const audit = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'record_id']).orderBy('seq', 'desc').limit(6).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['incident.import', 'actor.alias', 'actor.create', 'actor.create', 'actor.alias', 'actor.alias']),
    );

    const again = await preview(officer, ACLED_FILE);
    expect(again.actors.find((a) => a.name === CSP)).toMatchObject({ match: 'cma', by: 'alias' });
    expect(again.actors.every((a) => a.match !== null)).toBe(true);
    const second = await importCsv(officer, ACLED_FILE);
    expect(second.json()).toMatchObject({ rows: 8, imported: 8, errors: [] });

    const kidal = (
      (await t.app.inject({ url: '/api/incidents?region=ML-8&limit=10', headers: officer.headers })).json() as { items: { ref: string }[] }
    ).items;
    const detail = (await t.app.inject({ url: `/api/incidents/${kidal[0]?.ref}`, headers: officer.headers })).json() as Incident;
    expect(detail.actors.map((a) => a.actor)).toContain('cma');
  });

  test('an event type pair is mapped once and remembered', async () => {
    const lines = ACLED_FILE.trim().split('\n');
    const odd = [lines[0], lines[6]?.replace('Peaceful protest', 'Sit-in')].join('\n');
    expect((await preview(officer, odd)).eventTypes[0]).toMatchObject({ eventType: 'Protests', subEventType: 'Sit-in', match: null });
    const first = await importMapped(officer, odd, {
      eventTypes: [{ eventType: 'Protests', subEventType: 'Sit-in', to: { eventType: 'protests', subEventType: 'peaceful_protest' } }],
    });
    expect(first.json()).toMatchObject({ imported: 1 });
    expect((await preview(officer, odd)).eventTypes[0]).toMatchObject({ by: 'alias' });
    expect((await importCsv(officer, odd)).json()).toMatchObject({ imported: 1 });
  });

  test('the export writes ACLED’s English values and flat columns; export then import gives the same records', async () => {
    const made: Incident[] = [];
    for (const input of [
      incidentInput({ unit: 'UNPOL', tags: ['aller-retour'] }),
      incidentInput({
        unit: 'UNPOL',
        occurredOn: '2020-08-02',
        occurredTime: null,
        datePrecision: 'week',
        location: { place: 'Gao', precision: 'near' },
        eventType: 'battles',
        subEventType: 'armed_clash',
        category: 'attack_on_peacekeepers',
        threatToCivilians: true,
        actors: [
          { actor: 'jnim', role: 'actor1' },
          { actor: 'minusma', role: 'actor2' },
          { actor: 'fama', role: 'associated2' },
          { actor: 'barkhane', role: 'associated2' },
        ],
        casualties: { peacekeepers: { killed: { low: 1, best: 1, high: 1 }, injured: { low: 2, best: 3, high: 5 } } },
        sources: [
          { type: 'patrol', reference: 'Rapport de patrouille, Gao', reliability: 'A', credibility: 1 },
          { type: 'media', reference: 'Studio Tamani; Radio Kledu', reliability: 'B', credibility: 2 },
          { type: 'community_network', reference: '', reliability: 'C', credibility: 3 },
        ],
        title: 'Tirs contre une patrouille au nord de Gao',
        description: 'Échange de tirs ; « deux » véhicules touchés.',
        tags: ['aller-retour', 'patrouille'],
      }),
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: unpol.headers, payload: input });
      expect(response.statusCode, response.body).toBe(201);
      made.push(response.json());
    }
    const exported = await t.app.inject({ url: '/api/incidents/export.csv?unit=UNPOL&lang=fr', headers: unpol.headers });
    const text = exported.body.replace(/^\uFEFF/, '');
    const header = text.split('\r\n')[0]?.split(',') ?? [];
    expect(header.slice(0, ACLED_LAYOUT.length)).toEqual(ACLED_LAYOUT);
    expect(header).not.toContain('mandat_casualties');
    expect(header).not.toContain('mandat_sources');
    expect(header).toEqual(expect.arrayContaining(['mandat_source_type', 'mandat_source_reliability', 'mandat_source_credibility']));
    // Flat cells only: no JSON anywhere in the file.
    expect(text).not.toMatch(/[{[]"/);
    const gao = text.split('\r\n').find((line) => line.includes('Tirs contre une patrouille'));
    expect(gao).toContain(',Battles,Armed clash,');
    expect(gao).toContain('Jama’at Nusrat al-Islam wal-Muslimin (JNIM)');
    // Actor types as ACLED's inter codes, and their interaction (2: rebel group, 8: foreign forces).
    expect(gao).toContain('(JNIM),,2,MINUSMA,Malian Armed Forces (FAMa); Operation Barkhane (France),8,28,');
    // Peacekeepers: 1 killed, 2 to 5 injured (3 the best estimate).
    expect(gao).toContain(',1,2|3|5,');
    // Each source in ACLED's source column, its grading in the same order beside it; a semicolon in a name is escaped.
    expect(gao).toContain(',"Rapport de patrouille, Gao; Studio Tamani\\; Radio Kledu; ",');
    expect(gao).toContain(',patrol; media; community_network,A; B; C,1; 2; 3,');

    const response = await t.app.inject({
      method: 'POST',
      url: '/api/incidents/import?unit=CAD&lang=fr',
      headers: { ...unpol.headers, 'content-type': 'text/csv' },
      payload: text,
    });
    expect(response.json()).toMatchObject({ rows: 2, imported: 2, errors: [], ignoredColumns: [] });
    const copies = (
      (await t.app.inject({ url: '/api/incidents?unit=CAD&sort=date_asc', headers: unpol.headers })).json() as { items: { ref: string }[] }
    ).items;
    const same = (i: Incident) => {
      const { ref, unit, status, steps, createdAt, updatedAt, createdBy, version, may, attachments, actors, ...rest } = i;
      return { ...rest, actors: actors.map((a) => `${a.role}:${a.actor}`).sort() };
    };
    const details = await Promise.all(
      copies.map(async (c) => (await t.app.inject({ url: `/api/incidents/${c.ref}`, headers: unpol.headers })).json() as Incident),
    );
    const originals = await Promise.all(
      made.map(async (m) => (await t.app.inject({ url: `/api/incidents/${m.ref}`, headers: unpol.headers })).json() as Incident),
    );
    expect(details.map(same)).toEqual(originals.sort((a, b) => a.occurredOn.localeCompare(b.occurredOn)).map(same));
  });
});
