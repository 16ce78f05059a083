import { join } from 'node:path';
import { packageVersion, projectRoot } from '../platform/paths.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  /** The master key file (JSON, mode 0600) that wraps the data keys; never inside the database. */
  keyFile: string;
  /** Address printed in links (setup link); defaults to http://localhost:<port>. */
  publicUrl: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  setupTokenMinutes: number;
  /** Longest (and default) lifetime of a personal API token, in days. */
  apiTokenDays: number;
  /** Statistics that leave a compartment suppress cells with 0 < count < minCell (at least 3). */
  minCell: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Where the built web app lives; absent in API-only tests. */
  webRoot: string | null;
  version: string;
  logLevel: string;
  /**
   * The mission's own tile server, an XYZ address (`https://tiles.mission.un.org/{z}/{x}/{y}.png`),
   * drawn under the map; null when unset. The CSP lets images come from its origin, and only it.
   */
  mapTilesUrl: string | null;
  /** Who to credit for those tiles, shown on the map. */
  mapTilesAttribution: string;
  /** A PMTiles archive of raster tiles an administrator may place here, served as the base layer when no tile server is set. */
  basemapFile: string;
  /**
   * Outgoing mail for notifications (`smtp://user:pass@host:587`, `smtps://…`); null: no mail is
   * sent and accounts cannot turn notifications on.
   */
  smtpUrl: string | null;
  /** The sender of notifications. */
  smtpFrom: string;
  /**
   * The mission's IATI organisation identifier, as registered with IATI: the reporting organisation
   * of the IATI export and the prefix of its activities' identifiers.
   */
  iatiOrgRef: string;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return parsed;
}

/**
 * An IATI organisation identifier: `{agency}-{number}`, letters, digits, dots and hyphens. Until the
 * mission sets its registered one, `XX-MINUSMA` stands in (XX is no registration agency, so IATI's
 * validator names it).
 */
function iatiOrgRef(value: string | undefined): string {
  const ref = (value ?? '').trim();
  if (ref === '') return 'XX-MINUSMA';
  if (!/^[A-Za-z0-9]+(-[A-Za-z0-9.]+)+$/.test(ref))
    throw new Error(`MANDAT_IATI_ORG_REF must look like XM-DAC-41114 (agency-number), got "${value}"`);
  return ref;
}

function minCell(value: string | undefined): number {
  const k = int(value, 5, 'MANDAT_MIN_CELL');
  if (k < 3) throw new Error(`MANDAT_MIN_CELL must be at least 3, got "${value}"`);
  return k;
}

/**
 * An XYZ address of http(s) with `{z}`, `{x}` and `{y}` and no other placeholder: one host, so
 * that the CSP can name it alone.
 */
function tilesUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const template = value.trim();
  const placeholders = template.match(/\{[^}]*\}/g) ?? [];
  const wanted = ['{x}', '{y}', '{z}'];
  let url: URL | null = null;
  try {
    url = new URL(template.replace(/\{[xyz]\}/g, '0'));
  } catch {
    url = null;
  }
  const valid =
    url !== null &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === '' &&
    [...placeholders].sort().join() === wanted.join();
  if (!valid) throw new Error(`MANDAT_MAP_TILES_URL must be an http(s) address with {z}, {x} and {y} once each, got "${value}"`);
  return template;
}

/** The origin of the tile server, for the CSP's img-src; null without one. */
export function tilesOrigin(config: Pick<Config, 'mapTilesUrl'>): string | null {
  return config.mapTilesUrl ? new URL(config.mapTilesUrl.replace(/\{[xyz]\}/g, '0')).origin : null;
}

function smtpUrl(value: string | undefined): string | null {
  if (!value) return null;
  if (!/^smtps?:\/\//.test(value)) throw new Error('MANDAT_SMTP_URL must start with smtp:// or smtps://');
  return value;
}

/** Reads the configuration from the environment (see README, "Configuration"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env.PORT, 3000, 'PORT');
  const dataDir = env.MANDAT_DATA_DIR ?? 'var';
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL ?? `sqlite:${join(dataDir, 'mandat.db')}`,
    dataDir,
    keyFile: env.MANDAT_KEY_FILE ?? join(dataDir, 'master.keys'),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30, 'SESSION_IDLE_MINUTES'),
    sessionMaxHours: int(env.SESSION_MAX_HOURS, 12, 'SESSION_MAX_HOURS'),
    setupTokenMinutes: int(env.SETUP_TOKEN_MINUTES, 60, 'SETUP_TOKEN_MINUTES'),
    apiTokenDays: int(env.API_TOKEN_DAYS, 90, 'API_TOKEN_DAYS'),
    minCell: minCell(env.MANDAT_MIN_CELL),
    bodyLimit: int(env.BODY_LIMIT_BYTES, 262_144, 'BODY_LIMIT_BYTES'),
    webRoot: env.MANDAT_WEB_ROOT ?? join(projectRoot(), 'dist', 'web'),
    version: packageVersion(),
    logLevel: env.LOG_LEVEL ?? 'info',
    mapTilesUrl: tilesUrl(env.MANDAT_MAP_TILES_URL),
    mapTilesAttribution: (env.MANDAT_MAP_TILES_ATTRIBUTION ?? '').trim(),
    basemapFile: join(dataDir, 'basemap.pmtiles'),
    smtpUrl: smtpUrl(env.MANDAT_SMTP_URL),
    smtpFrom: env.MANDAT_SMTP_FROM || 'Mandat <mandat@localhost>',
    iatiOrgRef: iatiOrgRef(env.MANDAT_IATI_ORG_REF),
  };
}
