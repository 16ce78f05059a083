import { copyFileSync, createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { authenticateBearer } from '../src/modules/auth/auth.service.js';
import { importIncidentsCsv } from '../src/modules/incidents/incidents.import.js';
import { loadConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import type { Actor } from '../src/platform/policy.js';
import { buildApp } from '../src/server/app.js';
import { readsWhile } from './timing.js';

/**
 * Reads while an import runs, in a process of their own: a list page (`GET /api/incidents?limit=50`,
 * newest first) due every 20 ms, timed idle and then while a CSV import runs in the same process,
 * as an upload through the API would. `readers` 0 runs every query on the one writer connection
 * (as Mandat did), 1 gives reads their own connection. Works on a copy of the database. Prints JSON.
 */

const [source = '', csvFile = '', token = '', readersText = '1'] = process.argv.slice(2);
const readers = readersText === '0' ? 0 : 1;
const dir = mkdtempSync(join(tmpdir(), 'mandat-bench-import-reads-'));
const file = join(dir, 'mandat.db');
copyFileSync(source, file);
const config = { ...loadConfig({}), databaseUrl: `sqlite:${file}`, webRoot: null, logLevel: 'silent' as const };
const ctx: AppContext = { config, database: openDatabase(config.databaseUrl, { readers }), now: () => new Date() };
try {
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  const actor = (await authenticateBearer(ctx, token))?.actor as Actor;
  const read = async () => {
    const response = await app.inject({ url: '/api/incidents?limit=50', headers: { authorization: `Bearer ${token}` } });
    if (response.statusCode !== 200) throw new Error(`list: ${response.statusCode} ${response.body}`);
  };
  for (let i = 0; i < 50; i += 1) await read();
  const idle = await readsWhile(read, new Promise((resolve) => setTimeout(resolve, 5000)));
  const start = performance.now();
  const importing = importIncidentsCsv(ctx, actor, createReadStream(csvFile), { unit: 'FORCE', classification: 'internal', locale: 'fr' });
  const during = await readsWhile(read, importing);
  const report = await importing;
  const importMs = performance.now() - start;
  if (report.imported === 0) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  await app.close();
  process.stdout.write(JSON.stringify({ readers, idle, during, imported: report.imported, importMs }));
} finally {
  await ctx.database.close();
  rmSync(dir, { recursive: true, force: true });
}
