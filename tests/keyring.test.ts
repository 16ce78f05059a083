import { createDecipheriv } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DataKeyTable } from '../src/db/schema.js';
import { DecryptionError, KeyringError, keyStatus, openKeyring, rotateDataKey, rotateMasterKey } from '../src/platform/keyring.js';
import { createTestContext, DIALECTS, type TestContext } from './helpers/db.js';

interface KeyFileJson {
  current: string;
  keys: Record<string, string>;
}

const posix = process.platform !== 'win32';
const ACTOR = { id: null, label: 'test' };
const place = { recordId: '0b6c2a51-7d1e-4a8e-9a57-3f1f1c2e9a10', field: 'full_name' };

describe.each(DIALECTS)('keyring (%s)', (dialect) => {
  let dir: string;
  let keyFile: string;
  let ctx: TestContext;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mandat-keys-'));
    keyFile = join(dir, 'secrets', 'master.keys');
    ctx = await createTestContext(dialect, { keyFile });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const readKeyFile = (): KeyFileJson => JSON.parse(readFileSync(keyFile, 'utf8'));
  const dataKeyRows = () => ctx.database.db.selectFrom('data_keys').selectAll().orderBy('id').execute() as Promise<DataKeyTable[]>;
  const auditRows = () => ctx.database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

  /** Unwraps the stored data keys independently of the module, from the documented envelope. */
  async function unwrappedDataKeys(): Promise<Buffer[]> {
    const file = readKeyFile();
    return (await dataKeyRows()).map((row) => {
      const [version, iv, body] = row.wrapped.split(':') as [string, string, string];
      expect(version).toBe('v1');
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv(
        'aes-256-gcm',
        Buffer.from(file.keys[row.master_id] as string, 'base64'),
        Buffer.from(iv, 'base64url'),
        {
          authTagLength: 16,
        },
      );
      decipher.setAAD(Buffer.from(`data_key:${row.id}:${row.purpose}`, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      const key = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
      expect(key.length).toBe(32);
      return key;
    });
  }

  /** Every way a key could be written down: raw bytes, base64, base64url, hex. */
  const spellings = (key: Buffer): string[] => [
    key.toString('base64'),
    key.toString('base64url'),
    key.toString('hex'),
    key.toString('hex').toUpperCase(),
  ];

  function expectNoKeyMaterial(text: string, keys: Buffer[]): void {
    for (const key of keys) for (const spelling of spellings(key)) expect(text.includes(spelling)).toBe(false);
  }

  test('first use creates a private key file with m1 and one data key of each purpose, audited; reopening adds nothing', async () => {
    expect(existsSync(keyFile)).toBe(false);
    const keyring = await openKeyring(ctx);
    if (posix) expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const file = readKeyFile();
    expect(file.current).toBe('m1');
    expect(Object.keys(file.keys)).toEqual(['m1']);
    expect(Buffer.from(file.keys.m1 as string, 'base64').length).toBe(32);
    const rows = await dataKeyRows();
    expect(rows.map((r) => r.purpose).sort()).toEqual(['blind_index', 'encryption']);
    expect(rows.every((r) => r.master_id === 'm1' && r.retired_at === null)).toBe(true);
    expect(keyring.encryptionKeyId).toBe(rows.find((r) => r.purpose === 'encryption')?.id);
    const created = (await auditRows()).filter((a) => a.action === 'keys.create');
    expect(created.map((a) => a.record_id).sort()).toEqual(rows.map((r) => r.id).sort());

    const again = await Promise.all([openKeyring(ctx), openKeyring(ctx), openKeyring(ctx)]);
    expect((await dataKeyRows()).length).toBe(2);
    expect(again[0]?.encryptionKeyId).toBe(keyring.encryptionKeyId);
    expect(again[2]?.decrypt(keyring.encrypt('x', place), place)).toBe('x');
    expect(readKeyFile()).toEqual(file);
  });

  test('encrypts and decrypts accents and emoji; the same value seals differently each time', async () => {
    const keyring = await openKeyring(ctx);
    const name = 'Aïssata Maïga — née à Tombouctou 🇲🇱 ✊🏾';
    const sealed = keyring.encrypt(name, place);
    expect(sealed).toMatch(new RegExp(`^v1:${keyring.encryptionKeyId}:[\\w-]{16}:[\\w-]+$`));
    expect(sealed).not.toContain('Tombouctou');
    expect(keyring.decrypt(sealed, place)).toBe(name);
    expect(keyring.encrypt(name, place)).not.toBe(sealed);
    expect(keyring.decrypt(keyring.encrypt('', place), place)).toBe('');
  });

  test('another record id, another field, any altered byte, a cut tag or an unknown key → DecryptionError', async () => {
    const keyring = await openKeyring(ctx);
    const sealed = keyring.encrypt('Fatoumata Diallo, +223 76 00 00 00', place);
    const [version, keyId, iv, body] = sealed.split(':') as [string, string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    const flipped = (i: number) => {
      const copy = Buffer.from(bytes);
      copy[i] = (copy[i] as number) ^ 0x01;
      return `${version}:${keyId}:${iv}:${copy.toString('base64url')}`;
    };
    const ivFlipped = Buffer.from(iv, 'base64url');
    ivFlipped[0] = (ivFlipped[0] as number) ^ 0x80;
    const attempts: [string, { recordId: string; field: string }][] = [
      [sealed, { ...place, recordId: '0b6c2a51-7d1e-4a8e-9a57-3f1f1c2e9a11' }],
      [sealed, { ...place, field: 'contact' }],
      [flipped(0), place],
      [flipped(bytes.length - 1), place],
      [`${version}:${keyId}:${ivFlipped.toString('base64url')}:${body}`, place],
      [`${version}:${keyId}:${iv}:${bytes.subarray(0, bytes.length - 4).toString('base64url')}`, place],
      [`${version}:00000000-0000-0000-0000-000000000000:${iv}:${body}`, place],
      [`v2:${keyId}:${iv}:${body}`, place],
      [`${sealed}!`, place],
      ['Fatoumata Diallo', place],
    ];
    for (const [value, context] of attempts) {
      expect(() => keyring.decrypt(value, context)).toThrow(DecryptionError);
      try {
        keyring.decrypt(value, context);
      } catch (error) {
        expect((error as Error).message).not.toContain('Fatoumata');
      }
    }
    expect(keyring.decrypt(sealed, place)).toBe('Fatoumata Diallo, +223 76 00 00 00');
  });

  test('files: sealed as bytes, opened only for the same record and field, intact', async () => {
    const keyring = await openKeyring(ctx);
    const file = Buffer.concat([Buffer.from('%PDF-1.4 Fatoumata Diallo '), Buffer.from([0, 0x3a, 255, 0x3a, 7])]);
    const sealed = keyring.encryptFile(file, place);
    expect(sealed.subarray(0, 40).toString('latin1')).toBe(`v1:${keyring.encryptionKeyId}:`);
    expect(sealed.includes('Fatoumata')).toBe(false);
    expect(keyring.decryptFile(sealed, place).equals(file)).toBe(true);
    const altered = Buffer.from(sealed);
    altered[altered.length - 20] = (altered[altered.length - 20] as number) ^ 1;
    for (const [value, context] of [
      [sealed, { ...place, field: 'contact' }],
      [sealed, { ...place, recordId: '0b6c2a51-7d1e-4a8e-9a57-3f1f1c2e9a11' }],
      [altered, place],
      [sealed.subarray(0, sealed.length - 3), place],
      [file, place],
    ] as const)
      expect(() => keyring.decryptFile(value, context)).toThrow(DecryptionError);
  });

  test.skipIf(!posix)('refuses a key file open to group or others, and says how to fix it', async () => {
    await openKeyring(ctx);
    chmodSync(keyFile, 0o644);
    await expect(openKeyring(ctx)).rejects.toThrow(KeyringError);
    await expect(openKeyring(ctx)).rejects.toThrow(/group or others \(mode 644\).*chmod 600/);
    chmodSync(keyFile, 0o640);
    await expect(openKeyring(ctx)).rejects.toThrow(/mode 640/);
    chmodSync(keyFile, 0o600);
    await expect(openKeyring(ctx)).resolves.toBeDefined();
  });

  test('refuses a malformed key file without quoting it, a missing one once data keys exist, and a wrong master key', async () => {
    await openKeyring(ctx);
    const good = readFileSync(keyFile, 'utf8');
    const secret = readKeyFile().keys.m1 as string;
    const write = (text: string) => {
      writeFileSync(keyFile, text, { mode: 0o600 });
      chmodSync(keyFile, 0o600);
    };
    const cases: [string, RegExp][] = [
      [`{"current":"m1","keys":{"m1":"${secret}"`, /malformed: not JSON/],
      [`[${JSON.stringify(secret)}]`, /not a JSON object/],
      [JSON.stringify({ current: 'm2', keys: { m1: secret } }), /"current" must name one of the keys/],
      [JSON.stringify({ current: 'm1', keys: { m1: secret.slice(4) } }), /key m1 is not 32 bytes/],
      [JSON.stringify({ current: 'm1', keys: { m1: secret, k9: secret } }), /not of the form m<number>/],
      [JSON.stringify({ current: 'm1', keys: {} }), /no keys/],
      [JSON.stringify({ current: 'm1', keys: { m1: secret }, note: secret }), /only "current", "keys" and "audit"/],
      [JSON.stringify({ current: 'm1', keys: { m1: secret }, audit: secret.slice(4) }), /the audit key is not 32 bytes/],
    ];
    for (const [text, message] of cases) {
      write(text);
      const error = await openKeyring(ctx).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(KeyringError);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain(secret.slice(0, 12));
    }

    write(JSON.stringify({ current: 'm1', keys: { m1: Buffer.alloc(32, 7).toString('base64') } }));
    await expect(openKeyring(ctx)).rejects.toThrow(/master key m1 of .* does not open data key/);

    rmSync(keyFile);
    await expect(openKeyring(ctx)).rejects.toThrow(/does not exist, but the database holds 2 data keys wrapped by master key m1/);
    expect(existsSync(keyFile)).toBe(false);

    write(good);
    await expect(openKeyring(ctx)).resolves.toBeDefined();
  });

  test('blind index: same for the same name whatever the case and spacing, different for another value or kind', async () => {
    const keyring = await openKeyring(ctx);
    const index = keyring.blindIndex('Aminata  TRAORÉ ', 'person.name');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(keyring.blindIndex('aminata traoré', 'person.name')).toBe(index);
    // Decomposed é (e + combining acute) and a non-breaking space are the same name too.
    expect(keyring.blindIndex('\tAminata\u00a0Traor\u0065\u0301', 'person.name')).toBe(index);
    expect(keyring.blindIndex('aminata traore', 'person.name')).not.toBe(index);
    expect(keyring.blindIndex('aminata traoré', 'person.alias')).not.toBe(index);
    expect(index).not.toContain('aminata');
    // Keyed: another installation (another blind-index key) gives another index.
    const other = await createTestContext(dialect, { keyFile: join(dir, 'other.keys') });
    try {
      expect((await openKeyring(other)).blindIndex('aminata traoré', 'person.name')).not.toBe(index);
    } finally {
      await other.close();
    }
  });

  test('no unwrapped key reaches the database: neither the data_keys rows nor the database file', async () => {
    const keyring = await openKeyring(ctx);
    keyring.encrypt('Mariam Cissé', place);
    const dataKeys = await unwrappedDataKeys();
    const masterKeys = Object.values(readKeyFile().keys).map((k) => Buffer.from(k, 'base64'));
    // The audit key (keyed audit chain) is in the same file and must stay out of the database too.
    const auditKey = Buffer.from((readKeyFile() as KeyFileJson & { audit: string }).audit, 'base64');
    expect(auditKey.length).toBe(32);
    const all = [...dataKeys, ...masterKeys, auditKey];
    expect(dataKeys.length).toBe(2);

    const rows = await dataKeyRows();
    expectNoKeyMaterial(JSON.stringify(rows), all);
    expectNoKeyMaterial(JSON.stringify(await auditRows()), all);

    if (dialect === 'sqlite') {
      const file = ctx.database.location;
      const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
      // The search reads the right bytes: the wrapped keys themselves are there.
      for (const row of rows) expect(bytes.includes(row.wrapped)).toBe(true);
      for (const key of all) {
        expect(bytes.includes(key)).toBe(false);
        for (const spelling of spellings(key)) expect(bytes.includes(spelling)).toBe(false);
      }
    }
  });

  test('master key rotation: data keys re-wrapped, old master key gone from the file, everything still opens', async () => {
    const keyring = await openKeyring(ctx);
    const sealed = keyring.encrypt('Oumou Sangaré, Kidal', place);
    const index = keyring.blindIndex('Oumou Sangaré', 'person.name');
    const before = await dataKeyRows();
    const dataKeys = await unwrappedDataKeys();
    const m1 = readKeyFile().keys.m1 as string;

    expect(await rotateMasterKey(ctx, ACTOR)).toEqual({ masterId: 'm2', rewrapped: 2 });

    const file = readKeyFile();
    expect(file.current).toBe('m2');
    expect(Object.keys(file.keys)).toEqual(['m2']);
    if (posix) expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).not.toContain(m1);
    const after = await dataKeyRows();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after.every((r) => r.master_id === 'm2')).toBe(true);
    for (const [i, row] of after.entries()) expect(row.wrapped).not.toBe(before[i]?.wrapped);
    // The data keys themselves are unchanged.
    expect((await unwrappedDataKeys()).map((k) => k.toString('hex'))).toEqual(dataKeys.map((k) => k.toString('hex')));

    const reopened = await openKeyring(ctx);
    expect(reopened.decrypt(sealed, place)).toBe('Oumou Sangaré, Kidal');
    expect(reopened.blindIndex('oumou  sangaré', 'person.name')).toBe(index);
    expect(reopened.encryptionKeyId).toBe(keyring.encryptionKeyId);
    expect(keyring.decrypt(reopened.encrypt('after', place), place)).toBe('after');

    const entries = (await auditRows()).filter((a) => a.action === 'keys.rotate');
    expect(entries.length).toBe(1);
    expect(entries[0]).toMatchObject({ actor_label: 'test', record_type: 'master_key', record_id: 'm2' });
    expect(JSON.parse(entries[0]?.details ?? '{}')).toEqual({ rewrapped: 2, encryption: 1, blind_index: 1 });
    const material = [...dataKeys, Buffer.from(m1, 'base64'), Buffer.from(file.keys.m2 as string, 'base64')];
    expectNoKeyMaterial(JSON.stringify(await auditRows()), material);
    expectNoKeyMaterial(JSON.stringify(after), material);

    expect(await rotateMasterKey(ctx, ACTOR)).toEqual({ masterId: 'm3', rewrapped: 2 });
    expect(Object.keys(readKeyFile().keys)).toEqual(['m3']);
    expect((await openKeyring(ctx)).decrypt(sealed, place)).toBe('Oumou Sangaré, Kidal');
  });

  test('a rotation whose transaction fails leaves the old master key current and everything opening', async () => {
    const keyring = await openKeyring(ctx);
    const sealed = keyring.encrypt('Hawa Touré', place);
    const index = keyring.blindIndex('Hawa Touré', 'person.name');
    const before = await dataKeyRows();
    const m1 = readKeyFile().keys.m1;
    if (dialect === 'sqlite') {
      await sql`CREATE TRIGGER data_keys_refuse BEFORE UPDATE ON data_keys BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(
        ctx.database.db,
      );
    } else {
      await sql`CREATE FUNCTION data_keys_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`.execute(
        ctx.database.db,
      );
      await sql`CREATE TRIGGER data_keys_refuse BEFORE UPDATE ON data_keys FOR EACH ROW EXECUTE FUNCTION data_keys_refuse()`.execute(
        ctx.database.db,
      );
    }

    await expect(rotateMasterKey(ctx, ACTOR)).rejects.toThrow(/refused/);

    const file = readKeyFile();
    expect(file.current).toBe('m1');
    expect(file.keys.m1).toBe(m1);
    expect(await dataKeyRows()).toEqual(before);
    expect((await auditRows()).some((a) => a.action === 'keys.rotate')).toBe(false);
    const reopened = await openKeyring(ctx);
    expect(reopened.decrypt(sealed, place)).toBe('Hawa Touré');
    expect(reopened.blindIndex('hawa touré', 'person.name')).toBe(index);

    // Once the database accepts again, the next rotation completes and drops the unused key.
    if (dialect === 'sqlite') await sql`DROP TRIGGER data_keys_refuse`.execute(ctx.database.db);
    else await sql`DROP TRIGGER data_keys_refuse ON data_keys`.execute(ctx.database.db);
    const { masterId } = await rotateMasterKey(ctx, ACTOR);
    expect(Object.keys(readKeyFile().keys)).toEqual([masterId]);
    expect((await openKeyring(ctx)).decrypt(sealed, place)).toBe('Hawa Touré');
  });

  test('data key rotation: new values use the new key, old values still open, blind index unchanged', async () => {
    const keyring = await openKeyring(ctx);
    const old = keyring.encrypt('Kadiatou Coulibaly', place);
    const index = keyring.blindIndex('Kadiatou Coulibaly', 'person.name');

    const { dataKeyId, retired } = await rotateDataKey(ctx, ACTOR);
    expect(retired).toBe(1);
    expect(dataKeyId).not.toBe(keyring.encryptionKeyId);

    const reopened = await openKeyring(ctx);
    expect(reopened.encryptionKeyId).toBe(dataKeyId);
    const fresh = reopened.encrypt('Kadiatou Coulibaly', place);
    expect(fresh.split(':')[1]).toBe(dataKeyId);
    expect(reopened.decrypt(old, place)).toBe('Kadiatou Coulibaly');
    expect(reopened.decrypt(fresh, place)).toBe('Kadiatou Coulibaly');
    expect(reopened.blindIndex('kadiatou coulibaly', 'person.name')).toBe(index);
    // A keyring loaded before the rotation does not know the new key until it is opened again.
    expect(() => keyring.decrypt(fresh, place)).toThrow(DecryptionError);

    expect(await keyStatus(ctx)).toEqual({
      masterId: 'm1',
      masterKeys: 1,
      dataKeys: { encryption: { active: 1, retired: 1 }, blind_index: { active: 1, retired: 0 } },
    });
    expect((await auditRows()).find((a) => a.action === 'keys.rotate_data_key')).toMatchObject({
      record_id: dataKeyId,
      details: '{"retired":1}',
    });

    expect(await rotateMasterKey(ctx, ACTOR)).toEqual({ masterId: 'm2', rewrapped: 3 });
    const afterMaster = await openKeyring(ctx);
    expect(afterMaster.decrypt(old, place)).toBe('Kadiatou Coulibaly');
    expect(afterMaster.decrypt(fresh, place)).toBe('Kadiatou Coulibaly');
  });
});
