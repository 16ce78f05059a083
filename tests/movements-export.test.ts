import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import type { Movement, MovementInput } from '../src/contracts/movements.js';
import { countRows, createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
import { movementInput } from './helpers/movements.js';
import { buildOperationWorld, OPERATION_CALLERS, type OperationCaller, type OperationWorld } from './helpers/operations.js';

/**
 * The CSV export of ceasefire movement control: the list's filter and read rule (the Force and the
 * JOC only; a linked incident only where the reader reads it), headers and terms in the reader's
 * language, `;` on request, spreadsheet-safe cells, audited; a bad filter refused in the reader's
 * language with nothing audited.
 */

const HEADERS_FR = [
  'Identifiant',
  'Nature',
  'Statut',
  'Groupe signataire',
  'Unité',
  'Effectif',
  'Véhicules',
  'Armes',
  'Départ',
  'Départ – longitude',
  'Départ – latitude',
  'Destination',
  'Destination – longitude',
  'Destination – latitude',
  'Début',
  'Fin',
  'Observations',
  'Mission de vérification',
  'Date de la vérification',
  'Incident',
  'Titre de l’incident',
  'Décidé par',
  'Décidé le',
  'Motif de la décision',
  'Enregistré par',
  'Enregistré le',
];

describe.each(DIALECTS)('ceasefire movements export (%s)', (dialect) => {
  let t: TestApp;
  let w: OperationWorld;
  let approved: Movement;
  let declaration: Movement;
  let observed: Movement;
  let formula: Movement;

  const send = (caller: OperationCaller, url: string, lang = 'fr', payload?: unknown) =>
    t.app.inject({
      method: payload === undefined ? 'GET' : 'POST',
      url,
      headers: { ...(w.sessions.get(caller)?.headers ?? {}), 'accept-language': lang },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const record = async (overrides: Partial<MovementInput> = {}, caller: OperationCaller = 'forceOfficer') => {
    const response = await send(caller, '/api/ceasefire/movements', 'fr', movementInput(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Movement;
  };
  const rows = (body: string, delimiter = ',') => parse(body, { bom: true, delimiter, relax_column_count: false }) as string[][];
  const exports = () => t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'ceasefire.movement.export').execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildOperationWorld(t);
    const created = await send(
      'forceOfficer',
      '/api/incidents',
      'fr',
      incidentInput({ category: 'ceasefire_violation', occurredOn: '2020-03-12' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const incident = created.json() as Incident;
    const notified = await record({ notes: 'Relève, convoi de huit véhicules' });
    const decided = await send('joc', `/api/ceasefire/movements/${notified.id}/decision`, 'fr', {
      decision: 'approve',
      version: 1,
      comment: 'Conforme à l’accord',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    approved = decided.json() as Movement;
    declaration = await record({
      kind: 'declaration',
      group: 'plateforme',
      to: null,
      from: { place: null, point: [0.05, 16.3] },
      personnel: 0,
      vehicles: 0,
      startsAt: '2020-03-15T08:00:00Z',
      endsAt: null,
      weapons: [
        { kind: 'heavy_weapons', count: 2 },
        { kind: 'small_arms', count: 120 },
      ],
    });
    observed = await record({
      kind: 'observed',
      group: 'plateforme',
      startsAt: '2020-03-12T09:00:00Z',
      endsAt: null,
      incident: incident.ref,
    });
    formula = await record({ notes: '=HYPERLINK("http://example.org","clic")', startsAt: '2020-04-01T06:00:00Z', endsAt: null });
  });
  afterAll(async () => t?.close());

  test('French by default: headers, terms, decision with who and when, links, spreadsheet-safe cells; audited', async () => {
    const before = (await exports()).length;
    const response = await send('forceViewer', '/api/ceasefire/movements/export.csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = rows(response.body);
    expect(header).toEqual(HEADERS_FR);
    const byId = new Map(lines.map((line) => [line[0], Object.fromEntries(HEADERS_FR.map((h, i) => [h, line[i]]))]));
    expect(lines.map((line) => line[0])).toEqual([formula.id, declaration.id, observed.id, approved.id]);
    expect(byId.get(approved.id)).toMatchObject({
      Nature: 'Notification de mouvement',
      Statut: 'Approuvé',
      'Groupe signataire': approved.groupName,
      Unité: 'FORCE',
      Effectif: '40',
      Véhicules: '8',
      Armes: 'Mitrailleuses : 4',
      Départ: 'Kidal',
      Destination: 'Aguelhok',
      Début: '2020-03-10T06:00:00Z',
      Observations: 'Relève, convoi de huit véhicules',
      'Décidé par': 'joc',
      'Décidé le': approved.decidedAt,
      'Motif de la décision': 'Conforme à l’accord',
      'Enregistré par': 'forceOfficer',
    });
    expect(approved.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(byId.get(declaration.id)).toMatchObject({
      Nature: 'Déclaration d’armement',
      Statut: 'Notifié',
      Armes: 'Armes lourdes : 2 ; Armes légères : 120',
      Départ: '',
      'Départ – longitude': '0.05',
      'Départ – latitude': '16.3',
      Destination: '',
      'Décidé par': '',
    });
    expect(byId.get(observed.id)).toMatchObject({
      Nature: 'Mouvement observé sans notification',
      Statut: 'Observé',
      Incident: observed.incident?.ref,
      'Titre de l’incident': observed.incident?.title,
    });
    expect(observed.incident?.ref).toMatch(/^MLI-/);
    expect(byId.get(formula.id)?.Observations).toBe('\'=HYPERLINK("http://example.org","clic")');

    const after = await exports();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ record_type: 'ceasefire_movement', actor_id: w.actors.get('forceViewer')?.id });
    await send('joc', '/api/ceasefire/movements/export.csv?kind=observed&from=2020-03-01');
    const filtered = (await exports()).at(-1);
    expect(filtered?.actor_id).toBe(w.actors.get('joc')?.id);
    expect(JSON.parse(String(filtered?.details))).toEqual({ format: 'csv', filter: { kind: ['observed'], from: '2020-03-01' } });
  });

  test('in English on request, `;` for French spreadsheets, and the list’s filter', async () => {
    const en = await send('joc', '/api/ceasefire/movements/export.csv?lang=en&status=approved,refused');
    expect(en.statusCode, en.body).toBe(200);
    const [header, ...lines] = rows(en.body);
    expect(header?.slice(0, 8)).toEqual(['Identifier', 'Kind', 'Status', 'Signatory group', 'Unit', 'Personnel', 'Vehicles', 'Weapons']);
    expect(header?.at(-1)).toBe('Recorded at');
    expect(lines.map((line) => [line[0], line[1], line[2], line[7]])).toEqual([
      [approved.id, 'Movement notification', 'Approved', 'Machine guns : 4'],
    ]);
    // The reader's language without `lang`, and the list's period and group filters.
    const accept = await send('joc', '/api/ceasefire/movements/export.csv?group=plateforme&from=2020-03-15&to=2020-03-15', 'en');
    const [acceptHeader, ...acceptLines] = rows(accept.body);
    expect(acceptHeader?.[0]).toBe('Identifier');
    expect(acceptLines.map((line) => [line[0], line[1], line[7]])).toEqual([
      [declaration.id, 'Weapons declaration', 'Heavy weapons : 2 ; Small arms : 120'],
    ]);
    const list = (await send('joc', '/api/ceasefire/movements?group=plateforme&from=2020-03-15&to=2020-03-15')).json();
    expect(list.items.map((m: Movement) => m.id)).toEqual(acceptLines.map((line) => line[0]));

    const semicolon = await send('joc', `/api/ceasefire/movements/export.csv?separator=semicolon&kind=declaration`);
    const [semiHeader, ...semiLines] = rows(semicolon.body, ';');
    expect(semiHeader).toEqual(HEADERS_FR);
    expect(semicolon.body.split('\r\n')[0]).toBe(`\uFEFF${HEADERS_FR.join(';')}`);
    // Decimal commas in `;` mode, as the platform writes numbers.
    expect(semiLines.map((line) => [line[0], line[9], line[10]])).toEqual([[declaration.id, '0,05', '16,3']]);
  });

  test('every caller exports exactly what the list shows them, links included; outsiders only the header', async () => {
    for (const caller of ['anonymous', ...Object.keys(OPERATION_CALLERS)] as OperationCaller[]) {
      const response = await send(caller, '/api/ceasefire/movements/export.csv');
      if (caller === 'anonymous') {
        expect(response.statusCode).toBe(401);
        continue;
      }
      expect(response.statusCode, caller).toBe(200);
      const [header, ...lines] = rows(response.body);
      expect(header, caller).toEqual(HEADERS_FR);
      const list = (await send(caller, '/api/ceasefire/movements')).json() as { items: Movement[] };
      const incident = HEADERS_FR.indexOf('Incident');
      const verification = HEADERS_FR.indexOf('Mission de vérification');
      const notes = HEADERS_FR.indexOf('Observations');
      expect(
        lines.map((line) => [line[0], line[incident], line[verification]]),
        caller,
      ).toEqual(list.items.map((m) => [m.id, m.incident?.ref ?? '', m.verification?.id ?? '']));
      const reads = ['joc', 'jocViewer', 'forceViewer', 'forceOfficer'].includes(caller);
      expect(lines.length > 0, caller).toBe(reads);
      if (!reads) expect(response.body, caller).not.toContain('Relève, convoi');
      else
        expect(
          lines.map((line) => line[notes]),
          caller,
        ).toContain('Relève, convoi de huit véhicules');
    }
  });

  test('a bad filter is refused in the reader’s language, nothing exported or audited', async () => {
    const before = await countRows(t.ctx, 'audit_log');
    const en = await send('joc', '/api/ceasefire/movements/export.csv?status=parade', 'en');
    expect(en.statusCode).toBe(400);
    expect(en.headers['content-type']).toContain('application/problem+json');
    const fr = await send('joc', '/api/ceasefire/movements/export.csv?from=hier&separator=tab', 'fr');
    expect(fr.statusCode).toBe(400);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(
      fr
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['from', 'separator']);
    expect(en.json()).toMatchObject({
      title: 'The request contains invalid data.',
      errors: [{ path: 'status.0', message: 'Value not allowed. Allowed values: notified, approved, refused, observed.' }],
    });
    expect(fr.json().title).toBe('La requête contient des données invalides.');
    expect(fr.json().errors).toContainEqual({ path: 'separator', message: 'Valeur non autorisée. Valeurs possibles : comma, semicolon.' });
    expect(await countRows(t.ctx, 'audit_log')).toBe(before);
  });

  test('the export has every movement of the filter, past the list’s 500, each once, in the list’s order', async () => {
    const source = await t.ctx.database.db
      .selectFrom('ceasefire_movements')
      .selectAll()
      .where('id', '=', approved.id)
      .executeTakeFirstOrThrow();
    // 520 movements starting at the same instant: pages meet on ties, ordered by id.
    const ids = Array.from({ length: 520 }, () => crypto.randomUUID());
    for (let i = 0; i < ids.length; i += 100) {
      await t.ctx.database.db
        .insertInto('ceasefire_movements')
        .values(ids.slice(i, i + 100).map((id) => ({ ...source, id, starts_at: '2019-06-01T00:00:00Z', ends_at: null })))
        .execute();
    }
    const list = (await send('joc', '/api/ceasefire/movements?from=2019-01-01&to=2019-12-31')).json();
    expect(list.items).toHaveLength(500);
    expect(list.truncated).toBe(true);
    const response = await send('joc', '/api/ceasefire/movements/export.csv?from=2019-01-01&to=2019-12-31');
    const [, ...lines] = rows(response.body);
    expect(lines.map((line) => line[0])).toEqual([...ids].sort());
    expect(list.items.map((m: Movement) => m.id)).toEqual([...ids].sort().slice(0, 500));
  });
});
