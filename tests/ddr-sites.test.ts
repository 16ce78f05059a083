import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DdrPerson } from '../src/contracts/ddr.js';
import type { SiteDetail, SiteList, Weapon, WeaponCounts } from '../src/contracts/ddr-sites.js';
import { occupancyChanges, staysOf } from '../src/modules/ddr/sites.service.js';
import { serialKey } from '../src/modules/ddr/weapons.service.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { countRows, createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildDdrWorld, type DdrCaller, type DdrWorld, ddrRegistration } from './helpers/ddr.js';

/**
 * Cantonment sites, weapons and their chain of custody, through the API on both databases:
 * occupancy computed from the registry (a confirmed duplicate never counted twice), the custody
 * chain's integrity (never two places, destruction final, both sides named), serial numbers seen
 * twice, counts suppressed outside the DDR section, who may do what, and bad input in French and
 * English with nothing half-written.
 */

const OUTSIDERS: readonly DdrCaller[] = ['otherDdrOfficer', 'ddrViewer', 'hrpdManager', 'forceOfficer', 'admin', 'auditor'];

describe('occupancy, as a computation', () => {
  test('a stay runs from cantonment to the first step that ends it; the changes add up', () => {
    const stays = staysOf([
      { person_id: 'a', site: 's', step: 'canton', on_date: '2020-03-01' },
      { person_id: 'a', site: 's', step: 'demobilise', on_date: '2020-03-10' },
      { person_id: 'a', site: 's', step: 'integrate', on_date: '2020-04-01' },
      { person_id: 'b', site: 's', step: 'canton', on_date: '2020-03-05' },
      { person_id: 'c', site: 's', step: 'canton', on_date: '2020-03-05' },
      { person_id: 'c', site: 's', step: 'leave', on_date: '2020-03-10' },
      // Never cantoned: not a stay.
      { person_id: 'd', site: 's', step: 'leave', on_date: '2020-03-02' },
    ]);
    expect(stays.map((s) => [s.person, s.from, s.until])).toEqual([
      ['a', '2020-03-01', '2020-03-10'],
      ['b', '2020-03-05', null],
      ['c', '2020-03-05', '2020-03-10'],
    ]);
    expect(occupancyChanges(stays)).toEqual([
      { on: '2020-03-01', occupancy: 1 },
      { on: '2020-03-05', occupancy: 3 },
      { on: '2020-03-10', occupancy: 1 },
    ]);
  });

  test('serial numbers compare without case, spaces, punctuation or accents', () => {
    expect(serialKey('AK-47 n° 123.456')).toBe(serialKey('ak47 N123456'));
    expect(serialKey('56-1 / 004512')).not.toBe(serialKey('56-1 / 004513'));
    expect(serialKey('  ')).toBe('');
  });
});

describe.each(DIALECTS)('Cantonment sites and weapons (%s)', (dialect) => {
  let t: TestApp;
  let w: DdrWorld;
  let day = 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'test' });
    w = await buildDdrWorld(t);
  });
  afterAll(async () => t?.close());

  let sites = 0;
  const newSite = async (overrides: Record<string, unknown> = {}) =>
    w.ok<SiteDetail>('ddrManager', 'POST', '/api/ddr/sites', {
      name: `Site ${++sites} ${dialect}`,
      place: 'Tessalit',
      capacity: 300,
      services: ['water', 'food'],
      ...overrides,
    });

  /** A registered, enrolled person cantoned at `site` on `on`. */
  const cantoned = async (site: string, on: string, identity: Record<string, unknown> = {}) => {
    day += 1;
    let p = await w.ok<DdrPerson>(
      'ddrOfficer',
      'POST',
      '/api/ddr/persons',
      ddrRegistration({ name: `Ibrahim Ag Assaleh ${day}`, birthDate: '1980-01-01', ...identity }, { preRegisteredOn: '2020-01-02' }),
    );
    for (const [step, extra] of [
      ['register', {}],
      ['enrol', { enrolmentRef: `CNDDR-${day}` }],
      ['canton', { site }],
    ] as const) {
      p = await w.ok('ddrOfficer', 'POST', `/api/ddr/persons/${p.code}/steps`, {
        version: p.version,
        step,
        on: step === 'canton' ? on : '2020-01-03',
        ...extra,
      });
    }
    return p;
  };
  const step = (p: DdrPerson, name: string, on: string, extra: Record<string, unknown> = {}) =>
    w.ok<DdrPerson>('ddrOfficer', 'POST', `/api/ddr/persons/${p.code}/steps`, { version: p.version, step: name, on, ...extra });

  test('a site is placed by the gazetteer or by coordinates inside Mali; the fact book’s 8 sites stay beside the count', async () => {
    const byPlace = await newSite({ place: 'Kidal' });
    expect(byPlace).toMatchObject({ region: 'ML-8', regionName: 'Kidal', place: 'Kidal', status: 'open', classification: 'internal' });
    const byPoint = await newSite({ place: null, latitude: 16.27, longitude: -0.04, classification: 'public' });
    expect(byPoint.region).toBe('ML-7');
    const list = await w.ok<SiteList>('forceOfficer', 'GET', '/api/ddr/sites');
    expect(list.sourced).toMatchObject({ value: 8, period: '2019/2020' });
    expect(list.sourced?.quote).toContain('Gao, Tombouctou, Kidal et Ménaka');
    expect(list.recorded).toBe(list.items.length);
    expect(list.items.map((s) => s.id)).toEqual(expect.arrayContaining([byPlace.id, byPoint.id]));
    // A visitor sees public sites only.
    const visitor = await w.ok<SiteList>('anonymous', 'GET', '/api/ddr/sites');
    expect(visitor.items.map((s) => s.id)).toContain(byPoint.id);
    expect(visitor.items.map((s) => s.id)).not.toContain(byPlace.id);
    expect((await w.send('anonymous', 'GET', `/api/ddr/sites/${byPlace.id}`)).statusCode).toBe(404);
    expect((await w.send('anonymous', 'GET', `/api/ddr/sites/${byPoint.id}`)).statusCode).toBe(200);
    // Changing a site: a stale version is refused.
    const changed = await w.ok<SiteDetail>('ddrOfficer', 'PUT', `/api/ddr/sites/${byPlace.id}`, {
      name: byPlace.name,
      place: 'Kidal',
      capacity: 450,
      services: ['water', 'health'],
      status: 'closed',
      version: byPlace.version,
    });
    expect(changed).toMatchObject({ capacity: 450, status: 'closed', services: ['water', 'health'] });
    const stale = await w.send('ddrOfficer', 'PUT', `/api/ddr/sites/${byPlace.id}`, {
      name: byPlace.name,
      place: 'Kidal',
      capacity: 10,
      version: byPlace.version,
    });
    expect(stale.statusCode).toBe(409);
    // A closed site takes no cantonment.
    const person = await w.ok<DdrPerson>(
      'ddrOfficer',
      'POST',
      '/api/ddr/persons',
      ddrRegistration({ name: 'Sidi Ag Mossa', birthDate: '1978-05-05' }),
    );
    let p = await step(person, 'register', '2020-02-11');
    p = await step(p, 'enrol', '2020-02-12', { enrolmentRef: 'CNDDR-1' });
    const refused = await w.send(
      'ddrOfficer',
      'POST',
      `/api/ddr/persons/${p.code}/steps`,
      { version: p.version, step: 'canton', on: '2020-02-13', site: byPlace.id },
      'en',
    );
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ path: 'site', message: expect.stringMatching(/closed cantonment site/) }),
    ]);
  });

  test('occupancy is computed from the registry by date; a person registered twice is counted once', async () => {
    const site = await newSite();
    const a = await cantoned(site.id, '2020-03-01', { name: 'Almahdi Ag Hamid', birthDate: '1983-02-02' });
    const b = await cantoned(site.id, '2020-03-05');
    const c = await cantoned(site.id, '2020-03-05');
    // The same person as `a`, registered again and cantoned before anyone noticed.
    const again = await cantoned(site.id, '2020-03-06', { name: 'Almahadou ag-Hamid', birthDate: '1983-02-02' });
    expect(again.duplicates.map((d) => d.code)).toContain(a.code);
    let detail = await w.ok<SiteDetail>('ddrManager', 'GET', `/api/ddr/sites/${site.id}`);
    expect(detail.occupancy).toBe(4);
    const entry = (
      await w.ok<{ items: { id: string; code: string; otherCode: string }[] }>('ddrManager', 'GET', '/api/ddr/duplicates')
    ).items.find((d) => d.code === again.code && d.otherCode === a.code);
    await w.ok('ddrManager', 'POST', `/api/ddr/duplicates/${entry?.id}/decision`, { decision: 'same' });
    await step(await step(b, 'disarm', '2020-03-08'), 'demobilise', '2020-03-10');
    await step(c, 'leave', '2020-04-02', { reason: 'Retour volontaire' });

    detail = await w.ok<SiteDetail>('ddrManager', 'GET', `/api/ddr/sites/${site.id}`);
    expect(detail.changes).toEqual([
      { on: '2020-03-01', occupancy: 1 },
      { on: '2020-03-05', occupancy: 3 },
      { on: '2020-03-10', occupancy: 2 },
      { on: '2020-04-02', occupancy: 1 },
    ]);
    expect(detail.occupancy).toBe(1);
    expect(detail.byMonth.slice(0, 3)).toEqual([
      { month: '2020-03', occupancy: 2 },
      { month: '2020-04', occupancy: 1 },
      { month: '2020-05', occupancy: 1 },
    ]);
    expect(detail.suppressed).toBe(false);
    // Outside the section, the same counts are published with small-cell suppression.
    const outside = await w.ok<SiteDetail>('forceOfficer', 'GET', `/api/ddr/sites/${site.id}`);
    expect(outside.suppressed).toBe(true);
    expect(outside.occupancy).toBeNull();
    expect(outside.changes).toEqual([]);
    expect(outside.byMonth.slice(0, 3).map((m) => m.occupancy)).toEqual([null, null, null]);
    const list = await w.ok<SiteList>('forceOfficer', 'GET', '/api/ddr/sites');
    expect(list.items.find((s) => s.id === site.id)?.occupancy).toBeNull();
    expect(JSON.stringify(outside)).not.toMatch(/DDR-[0-9A-Z]{5}/);
  });

  test('a large site publishes its count outside the section; small ones around it stay hidden', async () => {
    const big = await newSite({ classification: 'public' });
    for (let i = 0; i < 6; i++) await cantoned(big.id, '2020-05-01');
    expect((await w.ok<SiteDetail>('ddrManager', 'GET', `/api/ddr/sites/${big.id}`)).occupancy).toBe(6);
    const outside = await w.ok<SiteDetail>('anonymous', 'GET', `/api/ddr/sites/${big.id}`);
    expect(outside.suppressed).toBe(true);
    // Every public site's count agrees between the list and its page.
    const list = await w.ok<SiteList>('anonymous', 'GET', '/api/ddr/sites');
    expect(list.items.find((s) => s.id === big.id)?.occupancy).toBe(outside.occupancy);
    for (const s of list.items) if (s.occupancy !== null) expect(s.occupancy === 0 || s.occupancy >= 5).toBe(true);
    const csv = (await w.send('anonymous', 'GET', '/api/ddr/sites/export.csv')).body;
    expect(csv.split('\r\n')[0]).toContain('occupancy');
    expect(csv).toContain(big.name);
  });

  test('the chain of custody is linear: both sides named, never two places, destruction final', async () => {
    const site = await newSite();
    const person = await cantoned(site.id, '2020-06-01');
    let weapon = await w.ok<Weapon>('ddrOfficer', 'POST', `/api/ddr/persons/${person.code}/weapons`, {
      kind: 'small_arm',
      calibre: '7,62 × 39 mm',
      serial: 'AK-56 004512',
      markings: 'Étoile sur la crosse',
      condition: 'serviceable',
      site: site.id,
      on: '2020-06-02',
      receivedBy: 'Capitaine Diallo',
    });
    expect(weapon.code).toMatch(/^ARM-[0-9A-Z]{5}$/);
    expect(weapon.custody).toEqual([
      expect.objectContaining({
        seq: 1,
        move: 'hand_in',
        fromCustodian: person.code,
        fromLocation: site.name,
        toCustodian: 'Capitaine Diallo',
        toLocation: site.name,
      }),
    ]);
    const move = (body: Record<string, unknown>, caller: DdrCaller = 'ddrOfficer', locale: 'fr' | 'en' = 'fr') =>
      w.send(caller, 'POST', `/api/ddr/weapons/${weapon.code}/custody`, { version: weapon.version, on: '2020-06-03', ...body }, locale);

    const stored = await move({
      move: 'store',
      fromCustodian: 'capitaine  DIALLO',
      fromLocation: site.name,
      toCustodian: 'Magasinier Traoré',
      toLocation: 'Magasin du site',
    });
    expect(stored.statusCode).toBe(200);
    weapon = stored.json();
    // From a place it is not in: refused, in French and English.
    for (const locale of ['fr', 'en'] as const) {
      const elsewhere = await move(
        { move: 'transfer', fromCustodian: 'Capitaine Diallo', fromLocation: site.name, toCustodian: 'Dépôt', toLocation: 'Gao' },
        'ddrOfficer',
        locale,
      );
      expect(elsewhere.statusCode).toBe(409);
      expect(elsewhere.headers['content-type']).toContain('application/problem+json');
      expect(elsewhere.json().code).toBe('ddr_custody_not_there');
      expect(elsewhere.json().detail ?? elsewhere.json().title).toMatch(locale === 'fr' ? /dernier détenteur/ : /last custodian/);
    }
    // Both sides named: a side missing is refused field by field.
    const oneSided = await move(
      { move: 'transfer', fromCustodian: 'Magasinier Traoré', fromLocation: 'Magasin du site', toCustodian: '', toLocation: '' },
      'ddrOfficer',
      'en',
    );
    expect(oneSided.statusCode).toBe(400);
    expect(
      oneSided
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['toCustodian', 'toLocation']);
    // Two hand-overs from the same state: one lands, the other is a conflict; the weapon is in one place.
    const transfer = {
      move: 'transfer',
      fromCustodian: 'Magasinier Traoré',
      fromLocation: 'Magasin du site',
      toCustodian: 'Lieutenant Keïta',
      toLocation: 'Dépôt régional de Gao',
    };
    const [first, second] = await Promise.all([
      move(transfer),
      move({ ...transfer, toCustodian: 'Sergent Coulibaly', toLocation: 'Kidal' }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    weapon = await w.ok<Weapon>('ddrOfficer', 'GET', `/api/ddr/weapons/${weapon.code}`);
    expect(weapon.custody.length).toBe(3);
    const destroyed = await move({
      move: 'destroy',
      on: '2020-07-01',
      fromCustodian: weapon.custodian,
      fromLocation: weapon.location,
      toCustodian: 'Commission de destruction (UNMAS)',
      toLocation: 'Site de destruction de Gao',
      note: 'Découpage à froid',
    });
    expect(destroyed.statusCode).toBe(200);
    weapon = destroyed.json();
    expect(weapon.status).toBe('destroyed');
    expect(weapon.may.move).toBe(false);
    const after = await move({
      move: 'transfer',
      fromCustodian: weapon.custodian,
      fromLocation: weapon.location,
      toCustodian: 'X',
      toLocation: 'Y',
    });
    expect(after.json().code).toBe('ddr_weapon_destroyed');
    // The chain: each hand-over starts where the previous one ended.
    const chain = (await w.ok<Weapon>('ddrManager', 'GET', `/api/ddr/weapons/${weapon.code}`)).custody;
    expect(chain.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < chain.length; i++) {
      expect([chain[i]?.fromCustodian, chain[i]?.fromLocation]).toEqual([chain[i - 1]?.toCustodian, chain[i - 1]?.toLocation]);
      for (const side of ['fromCustodian', 'fromLocation', 'toCustodian', 'toLocation'] as const) expect(chain[i]?.[side]).not.toBe('');
    }
    expect(await countRows(t.ctx, 'ddr_custody')).toBeGreaterThanOrEqual(4);
  });

  test('a serial number seen twice is flagged on both weapons; counts by site, kind and period', async () => {
    const site = await newSite();
    const p1 = await cantoned(site.id, '2020-08-01');
    const p2 = await cantoned(site.id, '2020-08-01');
    const handIn = (p: DdrPerson, body: Record<string, unknown>) =>
      w.ok<Weapon>('ddrOfficer', 'POST', `/api/ddr/persons/${p.code}/weapons`, {
        condition: 'serviceable',
        site: site.id,
        on: '2020-08-02',
        receivedBy: 'Capitaine Diallo',
        ...body,
      });
    const first = await handIn(p1, { kind: 'small_arm', serial: 'FN-FAL 77 1234' });
    expect(first.serialSeenTwice).toBe(false);
    const second = await handIn(p2, { kind: 'small_arm', serial: 'fn fal-771234', on: '2020-11-02' });
    expect(second.serialSeenTwice).toBe(true);
    expect(second.sameSerial).toEqual([first.code]);
    expect((await w.ok<Weapon>('ddrManager', 'GET', `/api/ddr/weapons/${first.code}`)).sameSerial).toEqual([second.code]);
    const different = await handIn(p2, { kind: 'light_weapon', serial: 'FN-FAL 77 1235' });
    expect(different.serialSeenTwice).toBe(false);
    await handIn(p1, { kind: 'ammunition', calibre: '7.62', quantity: 240 });
    const mine = await w.ok<{ items: { code: string; serialSeenTwice: boolean }[] }>(
      'ddrOfficer',
      'GET',
      `/api/ddr/persons/${p2.code}/weapons`,
    );
    expect(mine.items.map((i) => [i.code, i.serialSeenTwice])).toEqual([
      [different.code, false],
      [second.code, true],
    ]);

    const counts = await w.ok<WeaponCounts>('ddrManager', 'GET', '/api/ddr/weapons/counts');
    const row = counts.siteByKind.find((r) => r.code === site.id);
    const kinds = counts.byKind.map((k) => k.code);
    expect(row?.counts[kinds.indexOf('small_arm')]).toBe(2);
    expect(row?.counts[kinds.indexOf('light_weapon')]).toBe(1);
    expect(row?.counts[kinds.indexOf('ammunition')]).toBe(1);
    expect(counts.bySite.find((s) => s.code === site.id)?.count).toBe(4);
    expect(counts.byPeriod.find((p) => p.code === '2020-Q4')?.count).toBe(1);
    const yearly = await w.ok<WeaponCounts>('ddrManager', 'GET', '/api/ddr/weapons/counts?period=year');
    expect(yearly.byPeriod.map((p) => p.code)).toEqual(['2020']);
    const detail = await w.ok<SiteDetail>('ddrManager', 'GET', `/api/ddr/sites/${site.id}`);
    expect(detail.weapons).toBe(4);
    expect(detail.weaponsByKind.find((k) => k.kind === 'small_arm')?.count).toBe(2);
    // Outside the section: suppressed, the same cells everywhere.
    const outside = await w.ok<WeaponCounts>('forceOfficer', 'GET', '/api/ddr/weapons/counts');
    expect(outside.suppressed).toBe(true);
    expect(outside.bySite.find((s) => s.code === site.id)?.count).toBeNull();
    const csv = (await w.send('forceOfficer', 'GET', '/api/ddr/weapons/counts.csv')).body;
    expect(csv.split('\r\n')[0]).toBe('\uFEFFtable,code,label,count');
    expect(csv).toContain(`site,${site.id},${site.name},x`);
  });

  test('who may do what: sites by the section, weapons by the person’s readers with a second factor', async () => {
    const site = await newSite();
    const person = await cantoned(site.id, '2020-09-01');
    const weapon = await w.ok<Weapon>('ddrOfficer', 'POST', `/api/ddr/persons/${person.code}/weapons`, {
      kind: 'explosive',
      quantity: 3,
      condition: 'unserviceable',
      site: site.id,
      on: '2020-09-02',
      receivedBy: 'Capitaine Diallo',
    });
    // The person's flag says what the hand-in route decides.
    expect((await w.ok<DdrPerson>('ddrOfficer', 'GET', `/api/ddr/persons/${person.code}`)).may.handIn).toBe(true);
    expect((await w.ok<DdrPerson>('ddrManager', 'GET', `/api/ddr/persons/${person.code}`)).may.handIn).toBe(true);
    const body = { name: 'Site refusé', place: 'Gao', capacity: 10 };
    for (const caller of ['ddrViewer', 'hrpdManager', 'forceOfficer', 'admin', 'auditor'] as const)
      expect((await w.send(caller, 'POST', '/api/ddr/sites', { ...body, name: `${body.name} ${caller}` })).statusCode, caller).toBe(403);
    expect((await w.send('anonymous', 'POST', '/api/ddr/sites', body)).statusCode).toBe(401);
    expect((await w.send('otherDdrOfficer', 'POST', '/api/ddr/sites', { ...body, name: `Site ${dialect} bis` })).statusCode).toBe(201);

    const hand = { kind: 'small_arm', condition: 'serviceable', site: site.id, on: '2020-09-03', receivedBy: 'X' };
    for (const caller of ['ddrManager', 'ddrOfficer'] as const) {
      expect((await w.send(caller, 'GET', `/api/ddr/weapons/${weapon.code}`)).statusCode, caller).toBe(200);
      expect((await w.send(caller, 'GET', `/api/ddr/persons/${person.code}/weapons`)).statusCode, caller).toBe(200);
    }
    for (const caller of OUTSIDERS) {
      expect((await w.send(caller, 'GET', `/api/ddr/weapons/${weapon.code}`)).statusCode, caller).toBe(404);
      expect((await w.send(caller, 'GET', `/api/ddr/persons/${person.code}/weapons`)).statusCode, caller).toBe(404);
      expect((await w.send(caller, 'POST', `/api/ddr/persons/${person.code}/weapons`, hand)).statusCode, caller).toBe(404);
      const moved = await w.send(caller, 'POST', `/api/ddr/weapons/${weapon.code}/custody`, {
        version: weapon.version,
        move: 'destroy',
        on: '2020-09-04',
        fromCustodian: 'Capitaine Diallo',
        fromLocation: site.name,
        toCustodian: 'Y',
        toLocation: 'Z',
      });
      expect(moved.statusCode, caller).toBe(404);
      // Counts and sites stay readable by every member.
      expect((await w.send(caller, 'GET', '/api/ddr/weapons/counts')).statusCode, caller).toBe(200);
      expect((await w.send(caller, 'GET', `/api/ddr/sites/${site.id}`)).statusCode, caller).toBe(200);
    }
    expect((await w.send('noSecondFactor', 'GET', `/api/ddr/weapons/${weapon.code}`)).json().code).toBe('second_factor_required');
    expect((await w.send('anonymous', 'GET', `/api/ddr/weapons/${weapon.code}`)).statusCode).toBe(401);
    expect((await w.send('anonymous', 'GET', '/api/ddr/weapons/counts')).statusCode).toBe(200);
    const audit = await t.ctx.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'ddr.weapon.%').execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set(['ddr.weapon.hand_in', 'ddr.weapon.read', 'ddr.weapon.store', 'ddr.weapon.transfer', 'ddr.weapon.destroy']),
    );
  });

  test('bad input: problem+json in the user’s language, field by field, nothing written', async () => {
    const site = await newSite();
    const person = await cantoned(site.id, '2020-10-01');
    const tables = ['ddr_sites', 'ddr_weapons', 'ddr_custody'] as const;
    const counts = () => Promise.all(tables.map((table) => countRows(t.ctx, table)));
    const before = await counts();
    const cases: [string, unknown, string, string][] = [
      [
        '/api/ddr/sites',
        { name: 'Site hors du Mali', latitude: 48.85, longitude: 2.35, capacity: 10 },
        'latitude',
        'Ces coordonnées sont hors du Mali',
      ],
      ['/api/ddr/sites', { name: 'Site inconnu', place: 'Atlantide', capacity: 10 }, 'place', 'Lieu inconnu'],
      ['/api/ddr/sites', { name: site.name, place: 'Gao', capacity: 10 }, 'name', 'porte déjà ce nom'],
      ['/api/ddr/sites', { name: 'Site', place: 'Gao', capacity: -1 }, 'capacity', ''],
      [
        `/api/ddr/persons/${person.code}/weapons`,
        { kind: 'small_arm', quantity: 5, condition: 'serviceable', site: site.id, on: '2020-10-02', receivedBy: 'X' },
        'quantity',
        'à l’unité',
      ],
      [
        `/api/ddr/persons/${person.code}/weapons`,
        { kind: 'small_arm', condition: 'serviceable', site: '00000000-0000-4000-8000-000000000000', on: '2020-10-02', receivedBy: 'X' },
        'site',
        'Site de cantonnement inconnu',
      ],
      [
        `/api/ddr/persons/${person.code}/weapons`,
        { kind: 'tank', condition: 'serviceable', site: site.id, on: '2020-10-02', receivedBy: 'X' },
        'kind',
        '',
      ],
    ];
    for (const [url, body, field, french] of cases) {
      for (const locale of ['fr', 'en'] as const) {
        const response = await w.send('ddrManager', 'POST', url, body, locale);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().title).toBe(
          locale === 'fr' ? 'La requête contient des données invalides.' : 'The request contains invalid data.',
        );
        const errors: { path: string; message: string }[] = response.json().errors;
        expect(errors.map((e) => e.path)).toContain(field);
        if (locale === 'fr' && french) expect(errors.find((e) => e.path === field)?.message).toContain(french);
      }
    }
    expect(await counts()).toEqual(before);
    const english = await w.send(
      'ddrManager',
      'POST',
      `/api/ddr/persons/${person.code}/weapons`,
      { kind: 'small_arm', quantity: 5, condition: 'serviceable', site: site.id, on: '2020-10-02', receivedBy: 'X' },
      'en',
    );
    expect(english.json().errors[0].message).toBe('A weapon is recorded one by one: quantity is for ammunition and explosives only.');
    expect((await w.send('ddrManager', 'GET', '/api/ddr/weapons/ARM-1')).statusCode).toBe(400);
  });
});
