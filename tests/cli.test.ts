import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { projectRoot } from '../src/platform/paths.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/db.js';

const BIN = join(projectRoot(), 'bin', 'mandat.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm run build` first) against one database. */
function cli(url: string, args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      'node',
      [BIN, ...args],
      { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

describe.skipIf(!existsSync(join(projectRoot(), 'dist', 'server', 'cli', 'main.js'))).each(DIALECTS)('mandat CLI (%s)', (dialect) => {
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
    for (const command of ['serve', 'migrate', 'user', 'token', 'incidents', 'backup', 'restore', 'audit', 'keys'])
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
    expect(refused.stderr).toContain('line 2 (location.place): Place not in the gazetteer.');
    const imported = await cli(target.url, ['incidents', 'import', file, '--as', 'awa@minusma.test', '--unit', 'FORCE']);
    expect(imported.stdout).toContain('2 of 2 rows imported');
    const own = await cli(target.url, ['incidents', 'export', '--as', 'awa@minusma.test']);
    expect(own.stdout.startsWith('\uFEFFevent_id_cnty,')).toBe(true);
    expect(own.stdout).toContain('Accrochage à Ménaka');
    const out = join(dir, 'other.geojson');
    await cli(target.url, ['incidents', 'export', '--as', 'ali@minusma.test', '--format', 'geojson', '--out', out]);
    const features = JSON.parse(readFileSync(out, 'utf8')).features;
    expect(features.map((f: { properties: { notes: string } }) => f.properties.notes)).toEqual(['Foule']);
    rmSync(dir, { recursive: true, force: true });
  });

  test('keys status and keys rotate print ids and counts, never key material', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandat-keys-'));
    const env = { MANDAT_KEY_FILE: join(dir, 'master.keys') };
    const keyFile = () => JSON.parse(readFileSync(env.MANDAT_KEY_FILE, 'utf8')) as { current: string; keys: Record<string, string> };
    try {
      const status = await cli(target.url, ['keys', 'status'], undefined, env);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toContain('current master key: m1');
      expect(status.stdout).toContain('encryption data keys: 1 (1 active, 0 retired)');
      expect(status.stdout).toContain('blind_index data keys: 1 (1 active, 0 retired)');
      const m1 = keyFile().keys.m1 as string;

      const rotate = await cli(target.url, ['keys', 'rotate'], undefined, env);
      expect(rotate.code, rotate.stderr).toBe(0);
      expect(rotate.stdout).toBe('master key m2 is now current; 2 data keys re-wrapped\n');
      expect(Object.keys(keyFile().keys)).toEqual(['m2']);
      const after = await cli(target.url, ['keys', 'status'], undefined, env);
      expect(after.stdout).toContain('current master key: m2');
      expect(after.stdout).toContain('encryption data keys: 1 (1 active, 0 retired)');
      const m2 = keyFile().keys.m2 as string;
      for (const run of [status, rotate, after]) for (const key of [m1, m2]) expect(run.stdout + run.stderr).not.toContain(key);
      expect((await cli(target.url, ['audit', 'verify'])).stdout).toMatch(/^OK: \d+ entries verified/);

      chmodSync(env.MANDAT_KEY_FILE, 0o644);
      const refused = await cli(target.url, ['keys', 'status'], undefined, env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('chmod 600');
    } finally {
      rmSync(dir, { recursive: true, force: true });
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
    expect(verify.stdout).toContain('BROKEN at entry 2 (hash_mismatch)');
  });
});
