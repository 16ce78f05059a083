import { createCipheriv, createDecipheriv, createHmac, createSecretKey, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Trx } from '../db/database.js';
import type { DataKeyTable } from '../db/schema.js';
import type { AuditActor, AuditEvent } from './audit.js';
import { type AppContext, auditedTransaction } from './context.js';
import { KEY_BYTES, type KeyFile, KeyringError, lockKeyFile, readKeyFile, requireKeyFile, writeKeyFile } from './keyfile.js';

export { KeyringError } from './keyfile.js';

/**
 * Encryption at rest (SECURITY.md, "Identities encrypted at rest"). Envelope encryption:
 *
 * - master keys (32 random bytes each) live in the key file (`config.keyFile`, JSON, mode 0600),
 *   never in the database: `{ "current": "m2", "keys": { "m2": "<base64>" } }` (keyfile.ts);
 * - data keys (32 random bytes) live in `data_keys`, each wrapped by one master key with
 *   AES-256-GCM and the associated data `data_key:<id>:<purpose>`;
 * - a field is sealed with the current encryption data key, AES-256-GCM, a random 12-byte IV and
 *   the associated data `<record id> NUL <field name>`: a value copied to another record or field
 *   does not decrypt;
 * - exact-duplicate search uses a blind index: HMAC-SHA256 with the blind-index data key.
 *
 * Rotating the master key re-wraps the data keys only: ciphertexts and blind indexes do not
 * change. No key material or plaintext ever goes into an error, a log line or the audit log.
 */

export type DataKeyPurpose = DataKeyTable['purpose'];

/** Where a sealed value belongs: both are bound into the ciphertext as associated data. */
export interface SealContext {
  recordId: string;
  field: string;
}

/** A sealed value that cannot be opened: tampered with, moved to another record or field, or sealed with an unknown key. */
export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt the value: ${reason}`);
    this.name = 'DecryptionError';
  }
}

const SYSTEM: AuditActor = { id: null, label: 'system' };
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

// ---------------------------------------------------------------------------------------------
// AES-256-GCM

/** AES-256-GCM with a random IV: the IV and the ciphertext followed by its tag. */
function sealBytes(key: KeyObject, plaintext: Buffer, aad: string): { iv: Buffer; body: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  return { iv, body: Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]) };
}

/** The plaintext of an IV and a ciphertext with its tag; null when it does not authenticate. */
function openBytes(key: KeyObject, iv: Buffer, body: Buffer, aad: string): Buffer | null {
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

function seal(key: KeyObject, plaintext: Buffer, aad: string): string {
  const { iv, body } = sealBytes(key, plaintext, aad);
  return `${iv.toString('base64url')}:${body.toString('base64url')}`;
}

/** Opens `<iv>:<ciphertext+tag>`; null when it does not authenticate or is malformed. */
function open(key: KeyObject, ivText: string, bodyText: string, aad: string): Buffer | null {
  const iv = fromBase64url(ivText);
  const body = fromBase64url(bodyText);
  return iv && body ? openBytes(key, iv, body, aad) : null;
}

/** Strict base64url: Buffer.from would silently skip stray characters. */
function fromBase64url(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function checkContext({ recordId, field }: SealContext): string {
  for (const [name, value] of [
    ['recordId', recordId],
    ['field', field],
  ] as const) {
    if (typeof value !== 'string' || value === '' || value.includes('\u0000'))
      throw new TypeError(`${name} must be a non-empty string without NUL`);
  }
  return `${recordId}\u0000${field}`;
}

/** What a blind index compares: NFC, trimmed, runs of white space as one space, lower case. */
export function normaliseForIndex(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase().normalize('NFC');
}

// ---------------------------------------------------------------------------------------------
// The keyring

const CREATE = Symbol('Keyring');

/** The unwrapped data keys of one process; obtained from `openKeyring`, held by the caller. */
export class Keyring {
  readonly #encryptionKeys: ReadonlyMap<string, KeyObject>;
  readonly #currentId: string;
  readonly #blindIndexKey: KeyObject;

  /** Use `openKeyring`. */
  constructor(token: typeof CREATE, encryptionKeys: ReadonlyMap<string, KeyObject>, currentId: string, blindIndexKey: KeyObject) {
    if (token !== CREATE) throw new TypeError('use openKeyring()');
    this.#encryptionKeys = encryptionKeys;
    this.#currentId = currentId;
    this.#blindIndexKey = blindIndexKey;
  }

  /** The id of the data key new values are sealed with (not secret: it is written in every sealed value). */
  get encryptionKeyId(): string {
    return this.#currentId;
  }

  /** Seals a field's value: `v1:<data key id>:<iv>:<ciphertext+tag>` (base64url), bound to its record and field. */
  encrypt(plaintext: string, context: SealContext): string {
    const aad = checkContext(context);
    const key = this.#encryptionKeys.get(this.#currentId) as KeyObject;
    return `${VERSION}:${this.#currentId}:${seal(key, Buffer.from(plaintext, 'utf8'), aad)}`;
  }

  /** Opens a value sealed by `encrypt` for the same record and field; throws DecryptionError otherwise. */
  decrypt(sealed: string, context: SealContext): string {
    const aad = checkContext(context);
    const parts = typeof sealed === 'string' ? sealed.split(':') : [];
    const [version, keyId, iv, body] = parts;
    if (parts.length !== 4 || version !== VERSION || !keyId || iv === undefined || body === undefined)
      throw new DecryptionError('not a sealed value');
    const key = this.#encryptionKeys.get(keyId);
    if (!key) throw new DecryptionError('unknown data key');
    const plaintext = open(key, iv, body, aad);
    if (!plaintext) throw new DecryptionError('authentication failed (altered, or another record or field)');
    return plaintext.toString('utf8');
  }

  /**
   * Seals a file: the bytes `v1:<data key id>:`, then the IV, the ciphertext and its tag (no
   * base64: files are large), bound to its record and field like `encrypt`.
   */
  encryptFile(plaintext: Buffer, context: SealContext): Buffer {
    const aad = checkContext(context);
    const { iv, body } = sealBytes(this.#encryptionKeys.get(this.#currentId) as KeyObject, plaintext, aad);
    return Buffer.concat([Buffer.from(`${VERSION}:${this.#currentId}:`, 'latin1'), iv, body]);
  }

  /** Opens a file sealed by `encryptFile` for the same record and field; throws DecryptionError otherwise. */
  decryptFile(sealed: Buffer, context: SealContext): Buffer {
    const aad = checkContext(context);
    const first = sealed.indexOf(0x3a);
    const second = first < 0 ? -1 : sealed.indexOf(0x3a, first + 1);
    if (first < 0 || second < 0 || second > 80) throw new DecryptionError('not a sealed file');
    if (sealed.subarray(0, first).toString('latin1') !== VERSION) throw new DecryptionError('not a sealed file');
    const key = this.#encryptionKeys.get(sealed.subarray(first + 1, second).toString('latin1'));
    if (!key) throw new DecryptionError('unknown data key');
    const rest = sealed.subarray(second + 1);
    const plaintext = openBytes(key, rest.subarray(0, IV_BYTES), rest.subarray(IV_BYTES), aad);
    if (!plaintext) throw new DecryptionError('authentication failed (altered, or another record or field)');
    return plaintext;
  }

  /**
   * A keyed hash for exact-duplicate search: HMAC-SHA256 (hex) over `<kind> NUL <normalised value>`.
   * Equal for values that differ only in case, surrounding or repeated spaces and Unicode form;
   * `kind` (e.g. `person.name`) keeps indexes of different fields apart.
   */
  blindIndex(value: string, kind: string): string {
    if (typeof kind !== 'string' || kind === '' || kind.includes('\u0000'))
      throw new TypeError('kind must be a non-empty string without NUL');
    return createHmac('sha256', this.#blindIndexKey)
      .update(`${kind}\u0000${normaliseForIndex(value)}`, 'utf8')
      .digest('hex');
  }
}

// ---------------------------------------------------------------------------------------------
// The key file

function keyFilePath(ctx: AppContext): string {
  return resolve(ctx.config.keyFile);
}

function nextMasterId(file: KeyFile): string {
  return `m${Math.max(...[...file.keys.keys()].map((id) => Number(id.slice(1)))) + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Data keys

/** Serialises everything that reads or changes the key file and the data keys, across processes. */
function lockKeys(trx: Trx, ctx: AppContext): Promise<void> {
  return lockKeyFile(trx, ctx.database.dialect);
}

function wrapAad(id: string, purpose: DataKeyPurpose): string {
  return `data_key:${id}:${purpose}`;
}

function wrap(dataKey: Buffer, id: string, purpose: DataKeyPurpose, masterKey: Buffer): string {
  return `${VERSION}:${seal(createSecretKey(masterKey), dataKey, wrapAad(id, purpose))}`;
}

function unwrap(row: DataKeyTable, file: KeyFile, path: string): Buffer {
  const master = file.keys.get(row.master_id);
  if (!master)
    throw new KeyringError(
      `data key ${row.id} is wrapped by master key ${row.master_id}, which the key file ${path} does not hold: restore that key file (MANDAT_KEY_FILE)`,
    );
  const [version, iv, body, ...extra] = row.wrapped.split(':');
  const key =
    version === VERSION && iv !== undefined && body !== undefined && extra.length === 0
      ? open(createSecretKey(master), iv, body, wrapAad(row.id, row.purpose))
      : null;
  if (!key || key.length !== KEY_BYTES)
    throw new KeyringError(
      `master key ${row.master_id} of ${path} does not open data key ${row.id}: wrong key file, or the stored key was altered`,
    );
  return key;
}

function newDataKey(purpose: DataKeyPurpose, file: KeyFile, now: Date): DataKeyTable {
  const id = randomUUID();
  const key = randomBytes(KEY_BYTES);
  const wrapped = wrap(key, id, purpose, file.keys.get(file.current) as Buffer);
  key.fill(0);
  return { id, purpose, wrapped, master_id: file.current, created_at: now.toISOString(), retired_at: null };
}

const byAge = (a: DataKeyTable, b: DataKeyTable) =>
  a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The key new values are sealed with: the newest active encryption key. */
function activeEncryptionKey(rows: DataKeyTable[]): DataKeyTable | undefined {
  return rows
    .filter((r) => r.purpose === 'encryption' && r.retired_at === null)
    .sort(byAge)
    .at(-1);
}

/** There is only ever one blind-index key (changing it would orphan every index); the oldest if ever two. */
function blindIndexKeyRow(rows: DataKeyTable[]): DataKeyTable | undefined {
  return rows
    .filter((r) => r.purpose === 'blind_index')
    .sort(byAge)
    .at(0);
}

/**
 * Reads the key file and unwraps the data keys. On first use creates the key file (one random
 * master key `m1`), the first encryption key and the blind-index key. Refuses a key file open to
 * group or others, a malformed one, and a missing one while the database already holds data keys.
 */
export async function openKeyring(ctx: AppContext): Promise<Keyring> {
  const path = keyFilePath(ctx);
  return auditedTransaction(ctx, SYSTEM, async (trx) => {
    await lockKeys(trx, ctx);
    const rows = await trx.selectFrom('data_keys').selectAll().execute();
    let file = readKeyFile(path);
    if (!file) {
      if (rows.length > 0) {
        const masters = [...new Set(rows.map((r) => r.master_id))].sort().join(', ');
        throw new KeyringError(
          `the key file ${path} does not exist, but the database holds ${rows.length} data keys wrapped by master key ${masters}: restore that key file (MANDAT_KEY_FILE)`,
        );
      }
      const created: KeyFile = { current: 'm1', keys: new Map([['m1', randomBytes(KEY_BYTES)]]) };
      file = writeKeyFile(path, created, true) ? created : requireKeyFile(path);
    }
    const audit: AuditEvent[] = [];
    for (const [purpose, present] of [
      ['encryption', activeEncryptionKey(rows)],
      ['blind_index', blindIndexKeyRow(rows)],
    ] as const) {
      if (present) continue;
      const row = newDataKey(purpose, file, ctx.now());
      await trx.insertInto('data_keys').values(row).execute();
      rows.push(row);
      audit.push({ action: 'keys.create', recordType: 'data_key', recordId: row.id, details: { purpose } });
    }
    const encryptionKeys = new Map<string, KeyObject>();
    let blindIndexKey: KeyObject | undefined;
    const blindRow = blindIndexKeyRow(rows) as DataKeyTable;
    for (const row of rows) {
      const bytes = unwrap(row, file, path);
      if (row.purpose === 'encryption') encryptionKeys.set(row.id, createSecretKey(bytes));
      else if (row.id === blindRow.id) blindIndexKey = createSecretKey(bytes);
      bytes.fill(0);
    }
    const current = activeEncryptionKey(rows) as DataKeyTable;
    return { result: new Keyring(CREATE, encryptionKeys, current.id, blindIndexKey as KeyObject), audit };
  });
}

const opened = new WeakMap<object, { keys: string; keyring: Keyring }>();

/** The data keys as they stand (ids and retirements), to know when a kept keyring is stale. */
async function dataKeysState(ctx: AppContext): Promise<string> {
  const rows = await ctx.database.db.selectFrom('data_keys').select(['id', 'retired_at']).orderBy('id').execute();
  return rows.map((r) => `${r.id}:${r.retired_at ?? ''}`).join(' ');
}

/**
 * The keyring of this process for the context's database, kept between requests and opened again
 * when the data keys have changed (a rotation by this or another process): one small read of key
 * ids per call. Services call this before starting a transaction (opening may write, so it
 * cannot run inside one on SQLite).
 */
export async function keyringFor(ctx: AppContext): Promise<Keyring> {
  const cached = opened.get(ctx.database);
  if (cached && cached.keys === (await dataKeysState(ctx))) return cached.keyring;
  const keyring = await openKeyring(ctx);
  opened.set(ctx.database, { keys: await dataKeysState(ctx), keyring });
  return keyring;
}

/**
 * Adds a new master key to the key file, re-wraps every data key under it in one audited
 * transaction, and only once that has committed makes it current and removes the older master
 * keys from the file. Data keys, ciphertexts and blind indexes do not change.
 *
 * If the transaction fails the key file keeps its current key (plus the unused new one, removed
 * by the next rotation), so everything still opens.
 */
export async function rotateMasterKey(ctx: AppContext, actor: AuditActor = SYSTEM): Promise<{ masterId: string; rewrapped: number }> {
  const path = keyFilePath(ctx);
  await openKeyring(ctx); // the key file and data keys exist, and every data key opens
  const { masterId, previous, rewrapped } = await auditedTransaction(ctx, actor, async (trx) => {
    await lockKeys(trx, ctx);
    const file = requireKeyFile(path);
    const masterId = nextMasterId(file);
    const masterKey = randomBytes(KEY_BYTES);
    // The new key is in the file before any data key depends on it.
    writeKeyFile(path, { ...file, keys: new Map([...file.keys, [masterId, masterKey]]) });
    const rows = await trx.selectFrom('data_keys').selectAll().orderBy('id').execute();
    const counts: Record<DataKeyPurpose, number> = { encryption: 0, blind_index: 0 };
    for (const row of rows) {
      const dataKey = unwrap(row, file, path);
      const wrapped = wrap(dataKey, row.id, row.purpose, masterKey);
      dataKey.fill(0);
      await trx.updateTable('data_keys').set({ wrapped, master_id: masterId }).where('id', '=', row.id).execute();
      counts[row.purpose] += 1;
    }
    return {
      result: { masterId, previous: file.current, rewrapped: rows.length },
      audit: { action: 'keys.rotate', recordType: 'master_key', recordId: masterId, details: { rewrapped: rows.length, ...counts } },
    };
  });
  try {
    await retireMasterKeys(ctx, path, previous, masterId);
  } catch (error) {
    throw new KeyringError(
      `the data keys are re-wrapped under master key ${masterId}, but the key file could not be updated (${error instanceof Error ? error.message : 'error'}); it still opens every data key: run the rotation again`,
    );
  }
  return { masterId, rewrapped };
}

/** After a rotation has committed: the new key becomes current, and master keys no data key uses leave the file. */
async function retireMasterKeys(ctx: AppContext, path: string, previous: string, masterId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    await lockKeys(trx, ctx);
    const file = requireKeyFile(path);
    // Another rotation may have run in between: then its key stays current.
    const current = file.current === previous && file.keys.has(masterId) ? masterId : file.current;
    const used = new Set((await trx.selectFrom('data_keys').select('master_id').distinct().execute()).map((r) => r.master_id));
    const keys = new Map([...file.keys].filter(([id]) => id === current || used.has(id)));
    writeKeyFile(path, { ...file, current, keys });
  });
}

/**
 * Retires the current encryption data key and creates a new one: new values are sealed with it,
 * values sealed before still open. A process that already holds a keyring must open it again
 * to use (or read values sealed with) the new key. The blind-index key never changes.
 */
export async function rotateDataKey(ctx: AppContext, actor: AuditActor = SYSTEM): Promise<{ dataKeyId: string; retired: number }> {
  const path = keyFilePath(ctx);
  await openKeyring(ctx);
  return auditedTransaction(ctx, actor, async (trx) => {
    await lockKeys(trx, ctx);
    const file = requireKeyFile(path);
    const row = newDataKey('encryption', file, ctx.now());
    const retired = await trx
      .updateTable('data_keys')
      .set({ retired_at: row.created_at })
      .where('purpose', '=', 'encryption')
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    await trx.insertInto('data_keys').values(row).execute();
    const count = Number(retired.numUpdatedRows);
    return {
      result: { dataKeyId: row.id, retired: count },
      audit: { action: 'keys.rotate_data_key', recordType: 'data_key', recordId: row.id, details: { retired: count } },
    };
  });
}

export interface KeyStatus {
  /** The current master key's id (never its value). */
  masterId: string;
  /** Master keys in the key file (more than one only after an interrupted rotation). */
  masterKeys: number;
  dataKeys: Record<DataKeyPurpose, { active: number; retired: number }>;
}

/** Ids and counts only; opens the keyring first, so every data key is known to open. */
export async function keyStatus(ctx: AppContext): Promise<KeyStatus> {
  await openKeyring(ctx);
  const file = requireKeyFile(keyFilePath(ctx));
  const rows = await ctx.database.db.selectFrom('data_keys').select(['purpose', 'retired_at']).execute();
  const dataKeys: KeyStatus['dataKeys'] = { encryption: { active: 0, retired: 0 }, blind_index: { active: 0, retired: 0 } };
  for (const row of rows) dataKeys[row.purpose][row.retired_at === null ? 'active' : 'retired'] += 1;
  return { masterId: file.current, masterKeys: file.keys.size, dataKeys };
}
