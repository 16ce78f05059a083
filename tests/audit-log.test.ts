import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AuditEntry } from '../src/contracts/audit.js';
import { auditCatalog } from '../src/i18n/index.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
import { buildWorld, humanRightsCase, misconductCase, type World } from './helpers/protection.js';

/** The audit log as people read it: names instead of ids, actions in their language, filters, export. */
describe.each(DIALECTS)('reading the audit log (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let auditor: Session;
  let officerId: string;
  let incidentId: string;
  let ref: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    const adminUser = await buildUser(t.ctx, { admin: true, name: 'Awa Administratrice' });
    admin = await signIn(t.app, adminUser.email);
    auditor = await signIn(t.app, (await buildUser(t.ctx, { auditor: true })).email);
    const officer = await buildUser(t.ctx, { name: 'Moussa Officier', memberships: [{ unit: 'FORCE', role: 'officer' }] });
    officerId = officer.id;
    const officerSession = await signIn(t.app, officer.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: officerSession.headers,
      payload: incidentInput({ title: 'Embuscade sur l’axe Gao–Ansongo', classification: 'restricted' }),
    });
    expect(created.statusCode).toBe(201);
    ref = created.json().ref;
    const unit = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: admin.headers,
      payload: {
        code: 'JMAC',
        parentCode: 'MISSION',
        kind: 'unit',
        nameFr: '=HYPERLINK("http://x")',
        nameEn: 'Joint Mission Analysis Centre',
      },
    });
    expect(unit.statusCode).toBe(201);
    const entry = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('record_id')
      .where('action', '=', 'incident.create')
      .executeTakeFirstOrThrow();
    incidentId = entry.record_id as string;
  });
  afterEach(async () => t?.close());

  const entries = async (session: Session, query = '', locale = 'fr'): Promise<AuditEntry[]> => {
    const response = await t.app.inject({ url: `/api/audit${query}`, headers: { ...session.headers, 'accept-language': locale } });
    expect(response.statusCode).toBe(200);
    return response.json().entries;
  };

  test('who by name, the action in the reader’s language, the record by a label', async () => {
    const [fr] = await entries(auditor, '?action=unit.create');
    expect(fr).toMatchObject({
      actorName: 'Awa Administratrice',
      action: 'unit.create',
      actionLabel: 'Unité créée',
      recordType: 'unit',
      recordTypeLabel: 'Unité',
      recordId: 'JMAC',
    });
    const [en] = await entries(auditor, '?action=unit.create', 'en');
    expect(en).toMatchObject({ actionLabel: 'Unit created', recordTypeLabel: 'Unit', recordLabel: 'Joint Mission Analysis Centre (JMAC)' });
    const [login] = await entries(auditor, `?action=auth.login&actor=${officerId}`, 'en');
    expect(login).toMatchObject({ actionLabel: 'Sign-in', actorName: 'Moussa Officier', recordLabel: 'Moussa Officier' });
  });

  test('a restricted incident’s title is named only to an auditor who may read it', async () => {
    const [outsider] = await entries(auditor, '?action=incident.create');
    expect(outsider).toMatchObject({ recordId: incidentId, recordLabel: ref });
    expect(JSON.stringify(await entries(auditor))).not.toContain('Embuscade');
    const insider = await signIn(
      t.app,
      (await buildUser(t.ctx, { auditor: true, memberships: [{ unit: 'FORCE', role: 'viewer' }] })).email,
    );
    const [reader] = await entries(insider, '?action=incident.create');
    expect(reader?.recordLabel).toBe(`${ref} — Embuscade sur l’axe Gao–Ansongo`);
    const exported = await t.app.inject({ url: '/api/audit/export.csv', headers: auditor.headers });
    expect(exported.body).not.toContain('Embuscade');
  });

  test('filters: who, action or family of actions, record type, days', async () => {
    const byOfficer = await entries(auditor, `?actor=${officerId}`);
    expect(byOfficer.length).toBeGreaterThan(0);
    expect(byOfficer.every((e) => e.actorId === officerId)).toBe(true);
    const units = await entries(auditor, '?action=unit.');
    expect(units.map((e) => e.action)).toEqual(['unit.create']);
    const incidents = await entries(auditor, '?recordType=incident');
    expect(incidents.map((e) => e.action)).toEqual(['incident.create']);
    const today = t.ctx.now().toISOString().slice(0, 10);
    expect((await entries(auditor, `?from=${today}&to=${today}`)).length).toBeGreaterThan(3);
    expect(await entries(auditor, '?to=2020-01-01')).toEqual([]);
    const bad = await t.app.inject({ url: '/api/audit?from=yesterday', headers: { ...auditor.headers, 'accept-language': 'en' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  test('the export has the same filters, names, a spreadsheet-safe cell for a formula, and is audited', async () => {
    const response = await t.app.inject({
      url: '/api/audit/export.csv?action=unit.',
      headers: { ...auditor.headers, 'accept-language': 'fr' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'N°;Date (UTC);Qui;Compte;Action;Code de l’action;Type d’enregistrement;Identifiant;Enregistrement;Décision;Motif;Empreinte',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(';Awa Administratrice;');
    expect(lines[1]).toContain(';Unité créée;unit.create;Unité;JMAC;');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"") (JMAC)"`);
    const [exportEntry] = await entries(auditor, '?action=audit.export');
    expect(exportEntry?.actionLabel).toBe('Journal d’audit exporté');
    const en = await t.app.inject({
      url: '/api/audit/export.csv?recordType=incident',
      headers: { ...auditor.headers, 'accept-language': 'en' },
    });
    expect(en.body.split('\r\n')[0]).toContain('No.,Date (UTC),Who,Account,Action');
    expect(en.body.trim().split('\r\n')).toHaveLength(2);
  });

  test('the filters offer the catalog and the accounts; members may not read the log', async () => {
    const catalog = (await t.app.inject({ url: '/api/audit/catalog', headers: { ...auditor.headers, 'accept-language': 'en' } })).json();
    expect(catalog.actions).toContainEqual({ code: 'unit.close', label: 'Unit closed' });
    expect(catalog.recordTypes).toContainEqual({ code: 'incident', label: 'Incident' });
    expect(catalog.actors.map((a: { name: string }) => a.name)).toContain('Moussa Officier');
    const member = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] })).email);
    for (const url of ['/api/audit', '/api/audit/catalog', '/api/audit/export.csv']) {
      expect((await t.app.inject({ url, headers: member.headers })).statusCode).toBe(403);
    }
  });
});

/**
 * Protection cases in the log: a page's cases are named in one read, each by its reference only
 * where the reader may open the case (its team, its unit's managers, with a second factor), never
 * by its content; anyone else sees the kind of record and its id.
 */
describe.each(DIALECTS)('protection cases in the audit log (%s)', (dialect) => {
  let t: TestApp;
  let world: World;
  const refs = new Map<string, string>();

  beforeEach(async () => {
    t = await createTestApp(dialect);
    world = await buildWorld(t);
    const opened = [
      await world.ok('teamOfficer', 'POST', '/api/protection/cases', humanRightsCase({ summary: 'Détention arbitraire à Mopti' })),
      await world.ok('ownerOfficer', 'POST', '/api/protection/cases', humanRightsCase({ summary: 'Disparition forcée à Douentza' })),
      await world.ok('otherOfficer', 'POST', '/api/protection/cases', misconductCase()),
    ];
    const rows = await t.ctx.database.db.selectFrom('protection_cases').select(['id', 'ref']).execute();
    refs.clear();
    for (const row of rows) refs.set(row.id, row.ref);
    expect(opened.map((c) => c.ref).sort()).toEqual([...refs.values()].sort());
  });
  afterEach(async () => t?.close());

  /** An auditor who is also a member of units, and whether they may open each case. */
  async function reader(memberships: { unit: string; role: 'officer' | 'manager' | 'viewer' }[]) {
    const user = await buildUser(t.ctx, { auditor: true, memberships, secondFactor: true });
    const session = await signIn(t.app, user.email);
    const opens = new Map<string, boolean>();
    for (const ref of refs.values()) {
      const response = await t.app.inject({ url: `/api/protection/cases/${ref}`, headers: session.headers });
      opens.set(ref, response.statusCode === 200);
    }
    return { session, opens };
  }

  test('a case is named by its reference exactly where the reader may open it, on every page and in the export', async () => {
    const readers = [
      { session: world.callers.auditor.session as Session, opens: new Map([...refs.values()].map((ref) => [ref, false])) },
      await reader([{ unit: 'HRPD', role: 'manager' }]),
      await reader([{ unit: 'HRPD', role: 'officer' }]),
      await reader([{ unit: 'CDT', role: 'officer' }]),
    ];
    let named = 0;
    let unnamed = 0;
    for (const { session, opens } of readers) {
      // Small pages: each page's cases are read together, and a label never crosses to another page.
      const seen: AuditEntry[] = [];
      let before: number | null = null;
      do {
        const query: string = `?recordType=protection_case&limit=3${before === null ? '' : `&before=${before}`}`;
        const response = await t.app.inject({ url: `/api/audit${query}`, headers: session.headers });
        expect(response.statusCode).toBe(200);
        const body = response.json() as { entries: AuditEntry[]; nextBefore: number | null };
        seen.push(...body.entries);
        before = body.nextBefore;
      } while (before !== null);
      expect(seen.length).toBeGreaterThanOrEqual(refs.size);
      for (const entry of seen) {
        const ref = refs.get(entry.recordId ?? '');
        expect(ref).toBeDefined();
        const expected = opens.get(ref as string) ? ref : null;
        expect(entry.recordLabel, `${entry.action} ${ref}`).toBe(expected);
        if (expected) named += 1;
        else unnamed += 1;
      }
      const text = JSON.stringify(seen);
      expect(text).not.toContain('Mopti');
      expect(text).not.toContain('Douentza');
      const exported = await t.app.inject({ url: '/api/audit/export.csv?recordType=protection_case', headers: session.headers });
      expect(exported.statusCode).toBe(200);
      for (const [ref, may] of opens) expect(exported.body.includes(`;${ref};`), ref).toBe(may);
      expect(exported.body).not.toContain('Mopti');
    }
    // Both kinds of reader were met: the test tells the two apart.
    expect(named).toBeGreaterThan(0);
    expect(unnamed).toBeGreaterThan(0);
  });

  test('without a second factor no case is named, even to its unit’s manager', async () => {
    const user = await buildUser(t.ctx, { auditor: true, memberships: [{ unit: 'HRPD', role: 'manager' }], secondFactor: false });
    const session = await signIn(t.app, user.email);
    const response = await t.app.inject({ url: '/api/audit?recordType=protection_case', headers: session.headers });
    expect(response.statusCode).toBe(200);
    const listed = (response.json() as { entries: AuditEntry[] }).entries;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((entry) => entry.recordLabel === null)).toBe(true);
  });
});

describe('the catalog of action labels', () => {
  test('names every action the code records, in French and English', () => {
    const found = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts')) {
          for (const match of readFileSync(path, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)) found.add(match[1] as string);
        }
      }
    };
    walk('src');
    expect(found.size).toBeGreaterThan(40);
    for (const locale of ['fr', 'en'] as const) {
      const missing = [...found].filter((action) => !auditCatalog(locale).actions[action]);
      expect(missing).toEqual([]);
    }
    expect(Object.keys(auditCatalog('en').actions).sort()).toEqual(Object.keys(auditCatalog('fr').actions).sort());
  });
});
