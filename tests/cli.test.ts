import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { makeAppendOnly } from '../src/db/helpers/append-only.js';
import { projectRoot } from '../src/platform/paths.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/db.js';
import { requireBuild } from './helpers/process.js';

const BIN = join(projectRoot(), 'bin', 'mandat.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Key files of the test databases: one per database, as an installation has (never the working directory's). */
const KEYS = mkdtempSync(join(tmpdir(), 'mandat-cli-keys-'));
afterAll(() => rmSync(KEYS, { recursive: true, force: true }));
const keyFileOf = (url: string) => join(KEYS, `${createHash('sha256').update(url).digest('hex').slice(0, 16)}.keys`);

/** Runs the built CLI (`npm run build` first) against one database, with that database's key file. */
function cli(url: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      'node',
      [BIN, ...args],
      { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', MANDAT_KEY_FILE: keyFileOf(url), ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

requireBuild();
describe.each(DIALECTS)('mandat CLI (%s)', (dialect) => {
  let target: TestDatabase;
  let backupFile: string;

  beforeAll(async () => {
    target = await createTestDatabase(dialect);
    backupFile = join(await import('node:os').then((os) => os.tmpdir()), `mandat-backup-${process.pid}-${dialect}.bin`);
  });
  afterAll(async () => target?.drop());

  const users = async () => {
    const handle = openDatabase(target.url);
    try {
      return (await handle.db.selectFrom('users').select(['email', 'disabled_at']).orderBy('email').execute()).map(
        (u) => `${u.email}${u.disabled_at ? ' (disabled)' : ''}`,
      );
    } finally {
      await handle.close();
    }
  };

  test('--help documents every command', async () => {
    const top = await cli(target.url, ['--help']);
    for (const command of ['serve', 'migrate', 'user', 'token', 'incidents', 'projects', 'backup', 'restore', 'audit', 'keys'])
      expect(top.stdout).toContain(command);
    expect((await cli(target.url, ['user', 'add', '--help'])).stdout).toContain('--unit <code>');
    expect((await cli(target.url, ['audit', 'verify', '--help'])).stdout).toContain('first broken entry');
  });

  test('migrate, add users (generated or stdin password), create a token, disable', async () => {
    expect((await cli(target.url, ['migrate'])).stdout).toContain(`migrated (${dialect})`);

    const generated = await cli(target.url, [
      'user',
      'add',
      'Fatou@minusma.test',
      '--name',
      'Fatou Keïta',
      '--unit',
      'HRPD',
      '--role',
      'officer',
    ]);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/password \(shown once\): \S{23}/);

    const piped = await cli(
      target.url,
      ['user', 'add', 'moussa@minusma.test', '--name', 'Moussa', '--admin'],
      'a long enough passphrase\n',
    );
    expect(piped.code).toBe(0);
    expect(piped.stdout).not.toContain('password');

    const bad = await cli(target.url, ['user', 'add', 'not-an-email', '--name', 'X']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Invalid e-mail address.');
    const unknownUnit = await cli(target.url, ['user', 'add', 'x@minusma.test', '--name', 'X', '--unit', 'NOPE']);
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.stderr).toContain('Unknown unit: NOPE.');

    const token = await cli(target.url, ['token', 'create', 'fatou@minusma.test']);
    expect(token.stdout.trim()).toMatch(/^mdt_[\w-]{43}$/);

    const lastAdmin = await cli(target.url, ['user', 'disable', 'moussa@minusma.test']);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain('last active administrator');
    expect((await cli(target.url, ['user', 'disable', 'fatou@minusma.test'])).code).toBe(0);
    expect(await users()).toEqual(['fatou@minusma.test (disabled)', 'moussa@minusma.test']);
    expect((await cli(target.url, ['audit', 'verify'])).stdout).toMatch(/^OK: \d+ entries verified/);
  });

  test('incidents import a file as an account, all or nothing, and export what that account may read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandat-cli-'));
    const file = join(dir, 'incidents.csv');
    const header = 'event_date,event_type,sub_event_type,location,notes,mandat_classification';
    writeFileSync(
      file,
      [
        header,
        '2020-05-01,Battles,Armed clash,Ménaka,Accrochage à Ménaka,restricted',
        '2020-05-02,Riots,Mob violence,Gao,Foule,internal',
      ].join('\n'),
    );
    await cli(
      target.url,
      ['user', 'add', 'awa@minusma.test', '--name', 'Awa', '--unit', 'FORCE', '--role', 'officer'],
      'a long enough passphrase\n',
    );
    await cli(
      target.url,
      ['user', 'add', 'ali@minusma.test', '--name', 'Ali', '--unit', 'CAD', '--role', 'officer'],
      'a long enough passphrase\n',
    );
    writeFileSync(join(dir, 'bad.csv'), `${header}\n2020-05-03,Battles,Armed clash,Atlantis,,internal`);
    const refused = await cli(target.url, [
      'incidents',
      'import',
      join(dir, 'bad.csv'),
      '--as',
      'awa@minusma.test',
      '--unit',
      'FORCE',
      '--lang',
      'en',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Line 2: column “location”, value “Atlantis”: Place not in the gazetteer.');
    const imported = await cli(target.url, ['incidents', 'import', file, '--as', 'awa@minusma.test', '--unit', 'FORCE']);
    expect(imported.stdout).toContain('2 lignes importées sur 2');
    const own = await cli(target.url, ['incidents', 'export', '--as', 'awa@minusma.test']);
    expect(own.stdout.startsWith('\uFEFFevent_id_cnty,')).toBe(true);
    expect(own.stdout).toContain('Accrochage à Ménaka');
    const out = join(dir, 'other.geojson');
    await cli(target.url, ['incidents', 'export', '--as', 'ali@minusma.test', '--format', 'geojson', '--out', out]);
    const features = JSON.parse(readFileSync(out, 'utf8')).features;
    expect(features.map((f: { properties: { notes: string } }) => f.properties.notes)).toEqual(['Foule']);
    rmSync(dir, { recursive: true, force: true });
  });

  test('incidents import takes the mapping step: a preview that writes nothing, then a mapping file; messages name the entry or row and the value, in French and English', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandat-cli-'));
    const acled = join(projectRoot(), 'tests', 'fixtures', 'acled-mali-2024.csv');
    const CSP = 'CSP-DPA: Permanent Strategic Framework for Peace, Security and Development';
    const DOZO = 'Dozo Communal Militia (Mali)';
    const FULANI = 'Fulani Ethnic Group (Mali)';
    await cli(
      target.url,
      ['user', 'add', 'binta@minusma.test', '--name', 'Binta', '--unit', 'FORCE', '--role', 'manager'],
      'a long enough passphrase\n',
    );
    const run = (args: string[], lang = 'en') =>
      cli(target.url, ['incidents', 'import', acled, '--as', 'binta@minusma.test', '--unit', 'FORCE', '--lang', lang, ...args]);
    const mappingFile = (name: string, json: unknown) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(json));
      return file;
    };
    const full = mappingFile('mapping.json', {
      actors: { [CSP]: 'cma', [DOZO]: 'create', [FULANI]: { create: { nameFr: 'Communauté peule', nameEn: 'Fulani community', type: 4 } } },
      eventTypes: { 'Protests / Peaceful protest': 'protests/peaceful_protest' },
    });

    const preview = await run(['--preview', '--mapping', full]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('8 rows read, nothing written.');
    expect(preview.stdout).toContain('  Military Forces of Mali (2021-)\t4\tfama (alias)');
    expect(preview.stdout).toContain(`  ${CSP}\t2\t— (unknown) → mapping file: cma`);
    expect(preview.stdout).toContain('  Battles / Armed clash\t2\tbattles/armed_clash (vocabulary)');
    const french = await run(['--preview'], 'fr');
    expect(french.stdout).toContain('8 lignes lues, rien n’a été écrit.');
    expect(french.stdout).toContain(`  ${CSP}\t2\t— (inconnu)`);

    const refused = await run([], 'fr');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Ligne 5 : acteur « ${CSP} » inconnu.`);
    expect(refused.stdout).toContain('0 lignes importées sur 8');

    const unreadable = await run([
      '--mapping',
      mappingFile('bad.json', { actors: { [CSP]: 42 }, eventTypes: { 'Battles / Sit-in': 'battles' } }),
    ]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain(`Mapping of actor “${CSP}”, value “42”: a registry actor’s code, “create”`);
    expect(unreadable.stderr).toContain(
      'Mapping of event type “Battles / Sit-in”, value “battles”: a vocabulary type and sub-type are expected',
    );
    const notJson = await run(['--mapping', acled], 'fr');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain(`Fichier de correspondance « ${acled} » illisible`);

    const unknown = await run(['--mapping', mappingFile('unknown.json', { actors: { [CSP]: 'no_such_actor' } })], 'fr');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      `Correspondance de l’acteur « ${CSP} », valeur « no_such_actor » : Acteur absent du répertoire des acteurs.`,
    );

    const imported = await run(['--mapping', full]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('8 of 8 rows imported');
    const again = await run(['--preview']);
    expect(again.stdout).toContain(`  ${CSP}\t2\tcma (alias)`);
    expect(again.stdout).toContain(`  ${DOZO}\t1\tdozo_communal_militia_mali (registry)`);
    expect(again.stdout).not.toContain('(unknown)');
    rmSync(dir, { recursive: true, force: true });
  });

  test('projects iati writes the public projects as IATI 2.03, valid against the schema; none published: no file, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandat-cli-'));
    const out = join(dir, 'iati.xml');
    const empty = await cli(target.url, ['projects', 'iati', '--out', out]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('No public project is approved yet');
    await cli(
      target.url,
      ['user', 'add', 'ousmane@minusma.test', '--name', 'Ousmane', '--unit', 'CAD', '--role', 'officer'],
      'a long enough passphrase\n',
    );
    const handle = openDatabase(target.url);
    try {
      const user = await handle.db.selectFrom('users').select('id').where('email', '=', 'ousmane@minusma.test').executeTakeFirstOrThrow();
      const at = '2020-09-01T08:00:00.000Z';
      const project = (id: string, classification: string, title: string) => ({
        id,
        fund: 'qip',
        unit_code: 'CAD',
        classification,
        status: 'ongoing',
        title_fr: title,
        title_en: `${title} (en)`,
        description_fr: '',
        description_en: '',
        sector: '14030',
        planned_start: '2020-09-01',
        planned_end: '2020-12-31',
        actual_start: null,
        actual_end: null,
        currency: 'USD',
        rate_to_usd: '1',
        rate_date: '2020-09-01',
        budget_minor: 4_500_000,
        committed_minor: 0,
        disbursed_minor: 0,
        planned_people: 0,
        planned_women: 0,
        reached_people: 0,
        reached_women: 0,
        exception_justification: null,
        exception_by: null,
        exception_by_label: null,
        exception_at: null,
        exception_approved_by: null,
        exception_approved_by_label: null,
        exception_approved_at: null,
        created_by: user.id,
        created_by_label: 'Ousmane',
        created_at: at,
        updated_at: at,
        version: 1,
      });
      await handle.db
        .insertInto('projects')
        .values([
          project('00000000-0000-4000-8000-000000000001', 'public', 'Forage public CLI-PUBLIC'),
          project('00000000-0000-4000-8000-000000000002', 'internal', 'Forage interne CLI-INTERNAL'),
        ])
        .execute();
    } finally {
      await handle.close();
    }
    const written = await cli(target.url, ['projects', 'iati', '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('CLI-PUBLIC');
    expect(xml).not.toContain('CLI-INTERNAL');
    const schema = join(projectRoot(), 'tests', 'fixtures', 'iati-2.03', 'iati-activities-schema.xsd');
    const lint = await new Promise<number>((resolve) =>
      execFile('xmllint', ['--noout', '--schema', schema, out], (error) => resolve(error ? Number(error.code ?? 1) : 0)),
    );
    expect(lint).toBe(0);
    const stdout = await cli(target.url, ['projects', 'iati']);
    expect(stdout.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  test('keys status and keys rotate print ids and counts, never key material', async () => {
    // The database's own key file: it also holds the audit key the chain so far was written with.
    const env = { MANDAT_KEY_FILE: keyFileOf(target.url) };
    const keyFile = () =>
      JSON.parse(readFileSync(env.MANDAT_KEY_FILE, 'utf8')) as { current: string; keys: Record<string, string>; audit?: string };
    try {
      const status = await cli(target.url, ['keys', 'status'], undefined, env);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain('current master key: m1');
      expect(status.stdout).toContain('encryption data keys: 1 (1 active, 0 retired)');
      expect(status.stdout).toContain('blind_index data keys: 1 (1 active, 0 retired)');
      const m1 = keyFile().keys.m1 as string;
      const auditKey = keyFile().audit;
      expect(auditKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);

      const rotate = await cli(target.url, ['keys', 'rotate'], undefined, env);
      expect(rotate.code, rotate.stderr).toBe(0);
      expect(rotate.stdout).toBe('master key m2 is now current; 2 data keys re-wrapped\n');
      expect(Object.keys(keyFile().keys)).toEqual(['m2']);
      expect(keyFile().audit).toBe(auditKey);
      const after = await cli(target.url, ['keys', 'status'], undefined, env);
      expect(after.stdout).toContain('current master key: m2');
      expect(after.stdout).toContain('encryption data keys: 1 (1 active, 0 retired)');
      const m2 = keyFile().keys.m2 as string;
      for (const run of [status, rotate, after])
        for (const key of [m1, m2, auditKey as string]) expect(run.stdout + run.stderr).not.toContain(key);
      expect((await cli(target.url, ['audit', 'verify'])).stdout).toMatch(/^OK: \d+ entries verified/);

      chmodSync(env.MANDAT_KEY_FILE, 0o644);
      const refused = await cli(target.url, ['keys', 'status'], undefined, env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('chmod 600');
    } finally {
      chmodSync(env.MANDAT_KEY_FILE, 0o600);
    }
  });

  test('backup then restore brings back exactly the backed-up state', async () => {
    const backup = await cli(target.url, ['backup', backupFile]);
    expect(backup.code, backup.stderr).toBe(0);
    const before = await users();
    await cli(target.url, ['user', 'add', 'after-backup@minusma.test', '--name', 'Later']);
    expect(await users()).toContain('after-backup@minusma.test');
    const restore = await cli(target.url, ['restore', backupFile]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(await users()).toEqual(before);
    expect((await cli(target.url, ['audit', 'verify'])).code).toBe(0);
  });

  /** Runs `work` with the append-only triggers out of the way, as someone with the database owner's rights could, then puts them back. */
  async function withoutTriggers(work: (db: ReturnType<typeof openDatabase>['db']) => Promise<unknown>): Promise<void> {
    const handle = openDatabase(target.url);
    try {
      if (dialect === 'postgres') {
        await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(handle.db);
        await work(handle.db);
        await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(handle.db);
      } else {
        await sql`DROP TRIGGER audit_log_no_update`.execute(handle.db);
        await sql`DROP TRIGGER audit_log_no_delete`.execute(handle.db);
        await work(handle.db);
        await makeAppendOnly(handle.db as unknown as Kysely<unknown>, 'sqlite', 'audit_log');
      }
    } finally {
      await handle.close();
    }
  }

  test('audit anchor prints and appends the head; verify --anchor catches the newest entries cut off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandat-anchors-'));
    const anchors = join(dir, 'anchors.txt');
    try {
      const first = await cli(target.url, ['audit', 'anchor', '--append', anchors]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^seq=\d+ hash=[0-9a-f]{64} at=\S+Z\n$/);
      const seq = Number(/^seq=(\d+)/.exec(first.stdout)?.[1]);
      await cli(target.url, ['user', 'add', 'later@minusma.test', '--name', 'Later'], 'a long enough passphrase\n');
      const second = await cli(target.url, ['audit', 'anchor', '--append', anchors]);
      expect(second.stdout).toMatch(new RegExp(`^seq=${seq + 1} `));
      expect(readFileSync(anchors, 'utf8')).toBe(first.stdout + second.stdout);

      const ok = await cli(target.url, ['audit', 'verify', '--anchor', anchors]);
      expect(ok.code, ok.stdout).toBe(0);
      expect(ok.stdout).toBe(
        `OK: ${seq + 1} entries verified (${seq + 1} keyed, 0 unkeyed from before keying); head ${second.stdout.trim()}; anchor entry ${seq + 1} present with its hash\n`,
      );

      // The newest entry cut off: what is left is a valid chain, and only the anchor shows it.
      await withoutTriggers((db) => db.deleteFrom('audit_log').where('seq', '>', seq).execute());
      expect((await cli(target.url, ['audit', 'verify'])).code).toBe(0);
      expect((await cli(target.url, ['audit', 'verify', '--anchor', first.stdout.trim()])).code).toBe(0);
      const cut = await cli(target.url, ['audit', 'verify', '--anchor', anchors]);
      expect(cut.code).toBe(1);
      expect(cut.stdout).toContain(`BROKEN at entry ${seq + 1} (anchor_missing): entry ${seq + 1}, anchored at `);
      expect(cut.stdout).toContain(`no longer exists (the log ends at entry ${seq}): the newest entries were cut off`);

      const bad = await cli(target.url, ['audit', 'verify', '--anchor', 'seq=1 hash=nothex at=now']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('is neither an anchor line (seq=… hash=… at=…) nor a readable file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('peace import reads a provisions file all or nothing and names each refused line, in French and English', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandat-cli-'));
    await cli(
      target.url,
      ['user', 'add', 'mariam@minusma.test', '--name', 'Mariam', '--unit', 'MED', '--role', 'officer'],
      'a long enough passphrase\n',
    );
    const fixture = join(projectRoot(), 'tests', 'fixtures', 'peace-provisions.csv');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${readFileSync(fixture, 'utf8').trimEnd()}\nT-9;Pilier inconnu;Chapitre;Texte\n`);
    const refused = await cli(target.url, ['peace', 'import', bad, '--as', 'mariam@minusma.test', '--lang', 'en']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Line 6/m);
    expect(refused.stdout).toContain('0 of 5 provisions imported');

    const imported = await cli(target.url, ['peace', 'import', fixture, '--as', 'mariam@minusma.test']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('4 dispositions importées sur 4');
    const handle = openDatabase(target.url);
    try {
      const rows = await handle.db.selectFrom('peace_provisions').select(['code', 'unit_code']).orderBy('code').execute();
      expect(rows.map((r) => `${r.code}/${r.unit_code}`)).toEqual(['T-1/MED', 'T-2/MED', 'T-3/MED', 'T-4/MED']);
    } finally {
      await handle.close();
    }
    const viewer = await cli(target.url, ['peace', 'import', fixture, '--as', 'awa@minusma.test', '--lang', 'en']);
    expect(viewer.code).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });

  test('audit verify reports a log emptied on a database that holds accounts', async () => {
    const handle = openDatabase(target.url);
    const saved = await handle.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    await handle.close();
    await withoutTriggers((db) => db.deleteFrom('audit_log').execute());
    const emptied = await cli(target.url, ['audit', 'verify']);
    expect(emptied.code).toBe(1);
    expect(emptied.stdout).toMatch(/^BROKEN \(log_too_short\): the audit log is empty, but the database holds \d+ accounts, /);
    expect(emptied.stdout).not.toContain('triggers_missing');
    // Put back as it was, for the tests after this one.
    await withoutTriggers((db) => db.insertInto('audit_log').values(saved).execute());
    expect((await cli(target.url, ['audit', 'verify'])).code).toBe(0);
  });

  test('audit verify names the first broken entry after tampering', async () => {
    const handle = openDatabase(target.url);
    try {
      if (dialect === 'postgres') {
        await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(handle.db);
        await sql`UPDATE audit_log SET reason = 'edited' WHERE seq = 2`.execute(handle.db);
        await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(handle.db);
      } else {
        await sql`DROP TRIGGER audit_log_no_update`.execute(handle.db);
        await sql`UPDATE audit_log SET reason = 'edited' WHERE seq = 2`.execute(handle.db);
      }
    } finally {
      await handle.close();
    }
    const verify = await cli(target.url, ['audit', 'verify']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(
      'BROKEN at entry 2 (hash_mismatch): entry 2 was altered, or hashed with another key; 1 entries verified before it',
    );
    if (dialect === 'sqlite')
      expect(verify.stdout).toContain(
        'BROKEN (triggers_missing): the database no longer refuses changes to the audit log: trigger audit_log_no_update is missing',
      );
    else expect(verify.stdout).not.toContain('triggers_missing');
  });
});
