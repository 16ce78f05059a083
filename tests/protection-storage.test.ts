import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HotlineCall, ProtectionCase } from '../src/contracts/protection.js';
import { DecryptionError, keyringFor, normaliseForIndex, rotateDataKey, rotateMasterKey } from '../src/platform/keyring.js';
import { type App, buildApp } from '../src/server/app.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS, openTestContext, type TestContext } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
import { hotlineCall, humanRightsCase, pdfWith } from './helpers/protection.js';

/**
 * Protection data at rest, on both databases: no confidential plaintext in the SQLite file (and
 * its WAL) or in any PostgreSQL row; rotating the master key and the data key keeps every value
 * readable and the blind index stable; a sealed value moved to another record or field does not
 * open, and the API then fails without showing either value.
 */

const tag = randomBytes(4).toString('hex');
const PLAIN = {
  summary: `Exécution sommaire au puits de Tinzawatène, témoin Qorvathex ${tag}`,
  place: `Puits nord de Tinzawatène, ferme Vrexlan ${tag}`,
  closeComment: `Clôture : témoin Zoubeïrou relocalisé ${tag}`,
  reopenComment: `Réouverture : nouvelles informations Qorvathex ${tag}`,
  name: `Aïssata Kéïta Zoubeïrou-Vrexlan ${tag}`,
  contact: `+223 79 31 41 59 poste ${tag}`,
  birthDate: '1931-04-17',
  address: `Quartier Qorvathex, rue 314, porte ${tag}`,
  description: `Cicatrice en forme d’étoile à l’avant-bras gauche ${tag}`,
  callSummary: `L’appelant Vrexlan signale une détention au camp ${tag}`,
  callContact: `+223 66 27 18 28 rappel ${tag}`,
  fileName: `Rapport medico-legal Qorvathex ${tag}.pdf`,
  fileContent: `Examen medico-legal de la victime Vrexlan ${tag}`,
};
/** Stored in clear on purpose (a user's name, an incident's file): the scans must find them, or they prove nothing. */
const CLEAR = `Officière Témoin-Lisible ${tag}`;
const CLEAR_FILE = `Piece jointe lisible ${tag}`;

/** Every spelling of a plaintext that must not be stored: as typed, lower and upper case, the blind index's normal form. */
function spellings(value: string): string[] {
  return [...new Set([value, value.toLowerCase(), value.toUpperCase(), normaliseForIndex(value), value.normalize('NFD')])];
}
const FORBIDDEN = Object.entries(PLAIN).flatMap(([field, value]) => spellings(value).map((spelling) => ({ field, spelling })));

function findIn(haystack: Buffer, label: string): string[] {
  return FORBIDDEN.filter(({ spelling }) => haystack.includes(Buffer.from(spelling, 'utf8'))).map(({ field }) => `${field} in ${label}`);
}

describe.each(DIALECTS)('protection data at rest (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let caseRef: string;
  let fromCall: string;
  let victim: string;
  let callRef: string;
  let fileId: string;
  const opened: { ctx: TestContext; app: App }[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const user = await buildUser(t.ctx, { name: CLEAR, memberships: [{ unit: 'HRPD', role: 'officer' }], secondFactor: true });
    officer = await signIn(t.app, user.email);
    const operatorUser = await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'operator' }], secondFactor: true });
    const operator = await signIn(t.app, operatorUser.email);
    const ok = async <T>(session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> => {
      const response = await t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json() as T;
    };
    let c = await ok<ProtectionCase>(
      officer,
      'POST',
      '/api/protection/cases',
      humanRightsCase({ summary: PLAIN.summary, place: PLAIN.place }),
    );
    caseRef = c.ref;
    const base = `/api/protection/cases/${caseRef}`;
    c = await ok(officer, 'POST', `${base}/transition`, { action: 'close', version: c.version, comment: PLAIN.closeComment });
    c = await ok(officer, 'POST', `${base}/transition`, { action: 'reopen', version: c.version, comment: PLAIN.reopenComment });
    const { name, contact, birthDate, address, description } = PLAIN;
    victim = (
      await ok<{ pseudonym: string }>(officer, 'POST', `${base}/persons`, {
        role: 'victim',
        sex: 'female',
        identity: { name, contact, birthDate, address, description },
      })
    ).pseudonym;
    const call = await ok<HotlineCall>(
      operator,
      'POST',
      '/api/protection/calls',
      hotlineCall({ summary: PLAIN.callSummary, callerContact: PLAIN.callContact, mayContact: true }),
    );
    callRef = call.ref;
    const attach = (url: string, name: string, text: string) =>
      t.app.inject({
        method: 'POST',
        url: `${url}/attachments?filename=${encodeURIComponent(name)}`,
        headers: { ...officer.headers, 'content-type': 'application/pdf' },
        payload: pdfWith(text),
      });
    const file = await attach(base, PLAIN.fileName, PLAIN.fileContent);
    expect(file.statusCode, file.body).toBe(201);
    fileId = (file.json() as { id: string }).id;
    // Incident files are not sealed: one carrying the clear marker shows the scans read file contents.
    const incident = await ok<{ ref: string }>(officer, 'POST', '/api/incidents', incidentInput({ unit: 'HRPD' }));
    expect((await attach(`/api/incidents/${incident.ref}`, 'piece.pdf', CLEAR_FILE)).statusCode).toBe(201);
    fromCall = (await ok<{ caseRef: string }>(officer, 'POST', `/api/protection/calls/${callRef}/accept`, { version: call.version }))
      .caseRef;
  });
  afterAll(async () => {
    for (const { ctx, app } of opened) {
      await app.close();
      await ctx.close();
    }
    await t?.close();
  });

  const send = (app: App, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: officer.headers, ...(payload ? { payload } : {}) });

  /** What the team officer reads: both cases, the identity, the call. */
  async function readAll(app: App) {
    const responses = await Promise.all([
      send(app, 'GET', `/api/protection/cases/${caseRef}`),
      send(app, 'GET', `/api/protection/cases/${fromCall}`),
      send(app, 'POST', `/api/protection/cases/${caseRef}/persons/${victim}/reveal`, { reason: 'Contrôle après rotation des clés' }),
      send(app, 'GET', `/api/protection/calls/${callRef}`),
    ]);
    for (const r of responses) expect(r.statusCode, r.body).toBe(200);
    const [detail, second, identity, call] = responses.map((r) => r.json());
    const file = await send(app, 'GET', `/api/attachments/${fileId}`);
    expect(file.statusCode).toBe(200);
    return {
      detail: detail as ProtectionCase,
      second: second as ProtectionCase,
      identity,
      call: call as HotlineCall,
      file: { body: file.body, name: file.headers['content-disposition'] },
    };
  }

  /** A second process on the same database and key file: a keyring opened afresh. */
  async function reopen(): Promise<App> {
    const ctx = await openTestContext(t.ctx.config.databaseUrl, { keyFile: t.ctx.config.keyFile });
    const app = await buildApp(ctx, { logger: false });
    await app.ready();
    opened.push({ ctx, app });
    return app;
  }

  /** Every row of every table in the database, as JSON text. */
  async function logicalDump(): Promise<Buffer> {
    const db = t.ctx.database.db;
    const tables =
      dialect === 'postgres'
        ? (
            await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
              WHERE table_schema = ${t.ctx.database.schema} AND table_type = 'BASE TABLE'`.execute(db)
          ).rows
        : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)).rows;
    expect(tables.map((x) => x.name)).toEqual(
      expect.arrayContaining(['protection_cases', 'protection_persons', 'hotline_calls', 'audit_log']),
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const rows =
        dialect === 'postgres'
          ? (await sql<{ j: string }>`SELECT row_to_json(t)::text AS j FROM ${sql.table(name)} t`.execute(db)).rows.map((r) => r.j)
          : (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db)).rows.map((r) => JSON.stringify(r));
      parts.push(`${name}\n${rows.join('\n')}`);
    }
    // File contents are binary (bytea, BLOB): their bytes as they are, not as JSON.
    const files = await db.selectFrom('attachments').select('content').execute();
    return Buffer.concat([Buffer.from(parts.join('\n'), 'utf8'), ...files.map((f) => Buffer.from(f.content))]);
  }

  test('no confidential plaintext in any stored row', async () => {
    const dump = await logicalDump();
    // The scan sees what is stored in clear, and the sealed columns are there.
    expect(dump.includes(Buffer.from(CLEAR, 'utf8'))).toBe(true);
    expect(dump.includes(Buffer.from(CLEAR_FILE, 'utf8'))).toBe(true);
    expect(dump.toString('utf8')).toMatch(/"v1:[0-9a-f-]{36}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+"/);
    expect(findIn(dump, `${dialect} rows`)).toEqual([]);
  });

  test('no confidential plaintext in the raw storage: the SQLite file and its WAL, or the PostgreSQL table files', async () => {
    if (dialect === 'sqlite') {
      const path = t.ctx.database.location;
      const files = () => [path, `${path}-wal`, `${path}-shm`].filter((p) => existsSync(p));
      const scan = () => files().flatMap((file) => findIn(readFileSync(file), file.slice(path.length - 9)));
      const clear = () => files().some((file) => readFileSync(file).includes(Buffer.from(CLEAR_FILE, 'utf8')));
      expect(clear()).toBe(true);
      expect(scan()).toEqual([]);
      const sqlite = t.ctx.database.sqlite;
      if (!sqlite) throw new Error('no SQLite handle');
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      expect(readFileSync(path).includes(Buffer.from(CLEAR_FILE, 'utf8'))).toBe(true);
      expect(scan()).toEqual([]);
      return;
    }
    // The table files on disk (heap and TOAST), read by the server after a checkpoint.
    const db = t.ctx.database.db;
    await sql`CHECKPOINT`.execute(db);
    const relations = (
      await sql<{ path: string }>`
        SELECT pg_relation_filepath(c.oid) AS path FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${t.ctx.database.schema} AND c.relkind = 'r'
        UNION ALL
        SELECT pg_relation_filepath(c.reltoastrelid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${t.ctx.database.schema} AND c.relkind = 'r' AND c.reltoastrelid <> 0`.execute(db)
    ).rows;
    const raw = Buffer.concat(
      await Promise.all(
        relations.map(
          async ({ path }) =>
            (await sql<{ b: Buffer }>`SELECT pg_read_binary_file(${path}) AS b`.execute(db)).rows[0]?.b ?? Buffer.alloc(0),
        ),
      ),
    );
    expect(relations.length).toBeGreaterThan(10);
    expect(raw.includes(Buffer.from(CLEAR_FILE, 'utf8'))).toBe(true);
    expect(findIn(raw, 'postgres table files')).toEqual([]);
  });

  test('rotating the master key, then the data key: everything still opens, the blind index still matches', async () => {
    const db = t.ctx.database.db;
    const before = await readAll(t.app);
    expect(before.detail).toMatchObject({ summary: PLAIN.summary, place: PLAIN.place });
    expect(before.detail.steps.map((s) => s.comment)).toEqual(expect.arrayContaining([PLAIN.closeComment, PLAIN.reopenComment]));
    expect(before.identity).toMatchObject({ name: PLAIN.name, contact: PLAIN.contact, birthDate: PLAIN.birthDate, address: PLAIN.address });
    expect(before.call).toMatchObject({ summary: PLAIN.callSummary, callerContact: PLAIN.callContact });
    expect(before.second.summary).toBe(PLAIN.callSummary);
    expect(before.detail.attachments.map((f) => f.filename)).toEqual([PLAIN.fileName]);
    expect(before.file.body).toContain(PLAIN.fileContent);
    expect(before.file.name).toContain(encodeURIComponent(PLAIN.fileName));
    const keyFile = () => JSON.parse(readFileSync(t.ctx.config.keyFile, 'utf8')) as { current: string; keys: Record<string, string> };
    const sealedBefore = await db.selectFrom('protection_persons').select(['pseudonym', 'identity_sealed', 'name_index']).execute();

    const master = await rotateMasterKey(t.ctx);
    expect(keyFile().current).toBe(master.masterId);
    expect(Object.keys(keyFile().keys)).toEqual([master.masterId]);
    // A process that opens its keyring now can only use the new master key.
    expect(await readAll(await reopen())).toEqual(before);

    const dataKey = await rotateDataKey(t.ctx);
    expect(dataKey.retired).toBe(1);
    expect(await readAll(t.app)).toEqual(before);
    expect(await readAll(await reopen())).toEqual(before);

    // New values are sealed with the new data key; the same name, spelt differently, is still found.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/protection/cases',
      headers: officer.headers,
      payload: humanRightsCase({ summary: 'Nouveau signalement après rotation' }),
    });
    const other = (created.json() as ProtectionCase).ref;
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/protection/cases/${other}/persons`,
      headers: officer.headers,
      payload: { role: 'victim', sex: 'female', identity: { name: `  ${PLAIN.name.toUpperCase().replace(/ /g, '   ')} ` } },
    });
    expect(added.statusCode, added.body).toBe(201);
    const { pseudonym, duplicates } = added.json() as { pseudonym: string; duplicates: string[] };
    expect(duplicates).toEqual([caseRef]);
    const sealed = await db
      .selectFrom('protection_persons')
      .select(['identity_sealed', 'name_index'])
      .where('pseudonym', '=', pseudonym)
      .executeTakeFirstOrThrow();
    expect(sealed.identity_sealed?.startsWith(`v1:${dataKey.dataKeyId}:`)).toBe(true);
    const original = sealedBefore.find((p) => p.pseudonym === victim);
    expect(sealed.name_index).toBe(original?.name_index);
    expect(original?.identity_sealed?.startsWith(`v1:${dataKey.dataKeyId}:`)).toBe(false);
    // Rotation re-wraps keys only: the stored ciphertexts did not change.
    expect(
      await db
        .selectFrom('protection_persons')
        .select(['pseudonym', 'identity_sealed', 'name_index'])
        .where('pseudonym', '!=', pseudonym)
        .execute(),
    ).toEqual(expect.arrayContaining(sealedBefore));
    const after = await readAll(await reopen());
    expect(after.detail.persons.find((p) => p.pseudonym === victim)?.duplicates).toEqual([other]);
    const revealed = await send(t.app, 'POST', `/api/protection/cases/${other}/persons/${pseudonym}/reveal`, {
      reason: 'Contrôle après rotation des clés',
    });
    expect(revealed.json()).toMatchObject({ name: `${PLAIN.name.toUpperCase().replace(/ /g, '   ')}` });
    // Still nothing in clear.
    expect(findIn(await logicalDump(), `${dialect} rows after rotation`)).toEqual([]);

    // Another process rotates the data key again and seals with it: this one, which kept its
    // keyring, notices the change and opens the new value.
    const elsewhere = opened.at(-1)?.ctx;
    if (!elsewhere) throw new Error('no second process');
    const third = await rotateDataKey(elsewhere);
    const sealedElsewhere = (await keyringFor(elsewhere)).encrypt('Scellé ailleurs', { recordId: 'r', field: 'f' });
    expect(sealedElsewhere.startsWith(`v1:${third.dataKeyId}:`)).toBe(true);
    expect((await keyringFor(t.ctx)).decrypt(sealedElsewhere, { recordId: 'r', field: 'f' })).toBe('Scellé ailleurs');
    expect((await keyringFor(t.ctx)).encryptionKeyId).toBe(third.dataKeyId);
  });

  test('a sealed value moved to another record or field does not open, and the API shows neither value', async () => {
    const db = t.ctx.database.db;
    const keyring = await keyringFor(t.ctx);
    const cases = await db.selectFrom('protection_cases').selectAll().where('ref', 'in', [caseRef, fromCall]).execute();
    const first = cases.find((x) => x.ref === caseRef);
    const second = cases.find((x) => x.ref === fromCall);
    if (!first || !second) throw new Error('cases missing');
    expect(keyring.decrypt(first.summary_sealed, { recordId: first.id, field: 'summary' })).toBe(PLAIN.summary);
    expect(() => keyring.decrypt(first.summary_sealed, { recordId: second.id, field: 'summary' })).toThrow(DecryptionError);
    expect(() => keyring.decrypt(first.summary_sealed, { recordId: first.id, field: 'place' })).toThrow(DecryptionError);

    const persons = await db.selectFrom('protection_persons').selectAll().where('case_id', 'in', [first.id, second.id]).execute();
    const witness = await t.app.inject({
      method: 'POST',
      url: `/api/protection/cases/${fromCall}/persons`,
      headers: officer.headers,
      payload: { role: 'witness', identity: { name: 'Témoin de contrôle' } },
    });
    const witnessPseudonym = (witness.json() as { pseudonym: string }).pseudonym;
    const victimRow = persons.find((p) => p.pseudonym === victim);
    const call = await db.selectFrom('hotline_calls').selectAll().where('ref', '=', callRef).executeTakeFirstOrThrow();
    const otherCall = await t.app.inject({
      method: 'POST',
      url: '/api/protection/calls',
      headers: officer.headers,
      payload: hotlineCall({ summary: 'Appel de contrôle' }),
    });
    const otherCallRef = (otherCall.json() as HotlineCall).ref;

    const leaks = (body: string) =>
      [...FORBIDDEN.map((f) => f.spelling), first.summary_sealed, victimRow?.identity_sealed ?? '', call.summary_sealed, 'DecryptionError']
        .filter((s) => s && body.includes(s))
        .concat(/\bat .+:\d+:\d+/.test(body) ? ['a stack trace'] : []);
    type Sealed = 'protection_cases' | 'protection_persons' | 'hotline_calls';
    const moves: [
      what: string,
      table: Sealed,
      column: string,
      key: [string, string],
      value: string,
      read: () => Promise<LightMyRequestResponse>,
    ][] = [
      [
        'case summary → another case',
        'protection_cases',
        'summary_sealed',
        ['ref', fromCall],
        first.summary_sealed,
        () => send(t.app, 'GET', `/api/protection/cases/${fromCall}`),
      ],
      [
        'case summary → the place of the same case',
        'protection_cases',
        'place_sealed',
        ['ref', caseRef],
        first.summary_sealed,
        () => send(t.app, 'GET', `/api/protection/cases/${caseRef}`),
      ],
      [
        'identity → another person',
        'protection_persons',
        'identity_sealed',
        ['pseudonym', witnessPseudonym],
        victimRow?.identity_sealed ?? '',
        () =>
          send(t.app, 'POST', `/api/protection/cases/${fromCall}/persons/${witnessPseudonym}/reveal`, {
            reason: 'Contrôle de l’intégrité',
          }),
      ],
      [
        'call summary → another call',
        'hotline_calls',
        'summary_sealed',
        ['ref', otherCallRef],
        call.summary_sealed,
        () => send(t.app, 'GET', `/api/protection/calls/${otherCallRef}`),
      ],
    ];
    for (const [what, table, column, [keyColumn, key], value, read] of moves) {
      const stored = await sql<{
        v: string | null;
      }>`SELECT ${sql.ref(column)} AS v FROM ${sql.table(table)} WHERE ${sql.ref(keyColumn)} = ${key}`.execute(db);
      const update = (v: string | Buffer | null) =>
        sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${v} WHERE ${sql.ref(keyColumn)} = ${key}`.execute(db);
      await update(value);
      const broken = await read();
      expect(broken.statusCode, what).toBe(500);
      expect(broken.json(), what).toMatchObject({ status: 500, code: 'internal' });
      expect(leaks(broken.body), what).toEqual([]);
      await update(stored.rows[0]?.v ?? null);
      expect((await read()).statusCode, `${what}, restored`).toBe(200);
    }
    // Restored, everything opens again.
    const again = await send(t.app, 'GET', `/api/protection/cases/${caseRef}`);
    expect(again.statusCode).toBe(200);
    expect((again.json() as ProtectionCase).place).toBe(PLAIN.place);
  });
});
