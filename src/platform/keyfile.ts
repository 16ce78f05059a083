import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import type { Trx } from '../db/database.js';
import { LOCK_KEYS, lockForTransaction } from '../db/helpers/locks.js';
import type { Dialect } from '../db/schema.js';

/**
 * The master key file (`config.keyFile`, JSON, mode 0600), never inside the database:
 * `{ "current": "m2", "keys": { "m2": "<base64>" }, "audit": "<base64>" }`. The master keys wrap
 * the data keys (keyring.ts); the audit key keys the audit chain (audit.ts). Both keep the file
 * out of reach of anyone who can only write to the database.
 */

/** The key file or the stored data keys cannot be used (missing, unsafe permissions, malformed, wrong master key). */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

export const KEY_BYTES = 32;
const MASTER_ID = /^m[1-9][0-9]{0,14}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Serialises everything that reads or changes the key file, across processes: an advisory lock
 * on PostgreSQL; on SQLite a write as the transaction's first statement, which takes the
 * database's write lock at once.
 */
export async function lockKeyFile(trx: Trx, dialect: Dialect): Promise<void> {
  await sql`UPDATE data_keys SET id = id WHERE 0 = 1`.execute(trx);
  await lockForTransaction(trx, dialect, LOCK_KEYS.keyring);
}

export interface KeyFile {
  current: string;
  keys: Map<string, Buffer>;
  /**
   * The key of the audit chain's HMAC (audit.ts). Not a master key: master-key rotation keeps it,
   * since changing it would leave every earlier entry unverifiable.
   */
  audit?: Buffer;
}

function malformed(path: string, what: string): KeyringError {
  return new KeyringError(`the key file ${path} is malformed: ${what}`);
}

/** Reads and checks the key file; null when it does not exist. */
export function readKeyFile(path: string): KeyFile | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new KeyringError(`cannot open the key file ${path} (${code ?? 'error'})`);
  }
  let text: string;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new KeyringError(`the key file ${path} is not a regular file`);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)
      throw new KeyringError(
        `the key file ${path} is open to group or others (mode ${(stat.mode & 0o777).toString(8)}); make it private (chmod 600) before Mandat uses it`,
      );
    text = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  return parseKeyFile(text, path);
}

/** Never quotes the file's content: a JSON error message would echo key material. */
function parseKeyFile(text: string, path: string): KeyFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw malformed(path, 'not JSON');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw malformed(path, 'not a JSON object');
  const { current, keys, audit, ...rest } = data as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw malformed(path, 'only "current", "keys" and "audit" are allowed');
  if (!keys || typeof keys !== 'object' || Array.isArray(keys)) throw malformed(path, '"keys" must be an object');
  const parsed = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(keys)) {
    if (!MASTER_ID.test(id)) throw malformed(path, 'a key id is not of the form m<number>');
    const bytes = typeof value === 'string' && BASE64_KEY.test(value) ? Buffer.from(value, 'base64') : null;
    if (!bytes || bytes.length !== KEY_BYTES || bytes.toString('base64') !== value)
      throw malformed(path, `key ${id} is not ${KEY_BYTES} bytes in base64`);
    parsed.set(id, bytes);
  }
  if (parsed.size === 0) throw malformed(path, 'no keys');
  if (typeof current !== 'string' || !parsed.has(current)) throw malformed(path, '"current" must name one of the keys');
  if (audit === undefined) return { current, keys: parsed };
  const auditKey = typeof audit === 'string' && BASE64_KEY.test(audit) ? Buffer.from(audit, 'base64') : null;
  if (!auditKey || auditKey.length !== KEY_BYTES || auditKey.toString('base64') !== audit)
    throw malformed(path, `the audit key is not ${KEY_BYTES} bytes in base64`);
  return { current, keys: parsed, audit: auditKey };
}

function serialiseKeyFile(file: KeyFile): string {
  const ids = [...file.keys.keys()].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const keys = Object.fromEntries(ids.map((id) => [id, (file.keys.get(id) as Buffer).toString('base64')]));
  const audit = file.audit ? { audit: file.audit.toString('base64') } : {};
  return `${JSON.stringify({ current: file.current, keys, ...audit }, null, 2)}\n`;
}

/**
 * Writes the key file atomically with mode 0600: a temporary file beside it, flushed, then
 * renamed over it (or, when `exclusive`, linked in place only if no file exists yet; returns
 * false if one does).
 */
export function writeKeyFile(path: string, file: KeyFile, exclusive = false): boolean {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let placed = false;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, serialiseKeyFile(file));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (exclusive) {
      try {
        linkSync(temp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    } else {
      renameSync(temp, path);
    }
    placed = true;
  } catch (error) {
    if (error instanceof KeyringError) throw error;
    throw new KeyringError(`cannot write the key file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    if (!placed || exclusive) unlinkQuietly(temp);
  }
  syncDirectory(dir);
  return true;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Makes the rename durable; some platforms cannot open a directory, which is harmless there. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here
  }
}

export function requireKeyFile(path: string): KeyFile {
  const file = readKeyFile(path);
  if (!file) throw new KeyringError(`the key file ${path} does not exist (MANDAT_KEY_FILE)`);
  return file;
}
