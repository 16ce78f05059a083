import { spawn } from 'node:child_process';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { applySqliteMemoryPragmas, openDatabase, parseDatabaseUrl } from '../src/db/database.js';
import { loadConfig } from '../src/platform/config.js';
import { csvLine } from '../src/platform/csv.js';
import { buildApp } from '../src/server/app.js';

/**
 * One full CSV export in a process of its own, so that its peak memory is its own:
 * `api` streams /api/incidents/export.csv over real HTTP and discards it as it arrives;
 * `raw` iterates the table with better-sqlite3 (or a `pg` cursor) and builds the lines. Takes the
 * database's URL. Prints JSON.
 */

const [mode, url = '', token] = process.argv.slice(2);
const { dialect, location } = parseDatabaseUrl(url);
let peak = process.memoryUsage().rss;
/** Resident memory before the export starts (the server loaded, or nothing for `raw`). */
let idle = peak;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

/** The server here, the client (curl) in a process of its own: the peak memory is the server's. */
async function viaApi(): Promise<number> {
  const config = { ...loadConfig({}), databaseUrl: url, webRoot: null, logLevel: 'silent' as const };
  const app = await buildApp({ config, database: openDatabase(config.databaseUrl), now: () => new Date() }, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  idle = process.memoryUsage().rss;
  const client = spawn('sh', ['-c', `curl -sf -H "authorization: Bearer ${token}" "${address}/api/incidents/export.csv" | wc -l`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  client.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise((resolve) => client.on('exit', resolve));
  await app.close();
  return Number(output.trim()) - 1;
}

const RAW_SQL = 'SELECT * FROM incidents ORDER BY occurred_on DESC, ref DESC';

function raw(): number {
  const db = new SQLite(location, { readonly: true });
  applySqliteMemoryPragmas(db);
  let rows = 0;
  let bytes = 0;
  for (const row of db.prepare(RAW_SQL).iterate() as Iterable<Record<string, string | number | null>>) {
    bytes += csvLine(Object.values(row), ',').length;
    rows += 1;
  }
  db.close();
  return bytes > 0 ? rows : 0;
}

/** A server-side cursor read 1,000 rows at a time, in a read-only transaction. */
async function rawPostgres(): Promise<number> {
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  let rows = 0;
  let bytes = 0;
  await client.query('BEGIN READ ONLY');
  await client.query(`DECLARE export NO SCROLL CURSOR FOR ${RAW_SQL}`);
  for (;;) {
    const page = await client.query<(string | number | null)[]>({ text: 'FETCH 1000 FROM export', rowMode: 'array' });
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      bytes += csvLine(row, ',').length;
      rows += 1;
    }
  }
  await client.query('COMMIT');
  await client.end();
  return bytes > 0 ? rows : 0;
}

const start = process.hrtime.bigint();
const rows = mode === 'api' ? await viaApi() : dialect === 'sqlite' ? raw() : await rawPostgres();
const ms = Number(process.hrtime.bigint() - start) / 1e6;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(JSON.stringify({ rows, ms, peakRssMb: Math.round(peak / 2 ** 20), idleRssMb: Math.round(idle / 2 ** 20) }));
