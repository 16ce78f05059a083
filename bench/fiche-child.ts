import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { factsheetPdfs } from '../src/modules/factsheet/factsheet.cache.js';
import { renderPdfInThisThread } from '../src/modules/factsheet/factsheet.document.js';
import { closeFactsheetWorkers, FACTSHEET_RENDERER } from '../src/modules/factsheet/factsheet.pdf.js';
import { buildFactsheet } from '../src/modules/factsheet/factsheet.service.js';
import { loadReferenceUnits } from '../src/modules/organisation/organisation.service.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { loadConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import { publicDataVersion } from '../src/platform/public-data.js';
import { buildApp } from '../src/server/app.js';
import { readsWhile, timing } from './timing.js';

/**
 * The fiche measures of `npm run bench`, in a process of their own, on a fresh SQLite database
 * holding the MINUSMA 2020 fact book. Before: the whole-mission PDF built in the request, on the
 * event loop (the model and the render called in this thread, as the route did). After: the
 * route as it is, rendering in a worker thread and keeping PDFs per version of the public data.
 * A small public read (`GET /api/sections/FORCE`), due every 20 ms, is timed idle and while
 * builds run back to back. Prints JSON.
 */

async function ms(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function repeat(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i += 1) out.push(await ms(work));
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'mandat-bench-fiche-'));
const config = {
  ...loadConfig({}),
  databaseUrl: `sqlite:${join(dir, 'mandat.db')}`,
  keyFile: join(dir, 'master.keys'),
  webRoot: null,
  logLevel: 'silent' as const,
};
const database = openDatabase(config.databaseUrl);
const ctx: AppContext = { config, database, now: () => new Date() };
try {
  await migrateToLatest(database);
  await loadReferenceUnits(ctx);
  await seedFactbook(ctx, { id: null, label: 'bench' });
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  const pdfs = factsheetPdfs(ctx);
  const PDF = '/api/factsheet.pdf?lang=fr';
  const READ = '/api/sections/FORCE';
  const read = async () => {
    const response = await app.inject({ url: READ });
    if (response.statusCode !== 200) throw new Error(`${READ}: ${response.statusCode}`);
  };
  const viaApi = async () => {
    const response = await app.inject({ url: PDF });
    if (response.statusCode !== 200 || response.rawPayload.length < 10_000) throw new Error(`${PDF}: ${response.statusCode}`);
  };
  const inRequest = async () => renderPdfInThisThread(await buildFactsheet(ctx, 'fr'));

  const readsDuring = (work: Promise<unknown>) => readsWhile(read, work);

  /** `builds` builds one after another; the mean time of one. */
  async function buildsInARow(builds: number, build: () => Promise<unknown>): Promise<number> {
    const start = performance.now();
    for (let i = 0; i < builds; i += 1) {
      await build();
      // As between two requests from the network: the event loop turns.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return (performance.now() - start) / builds;
  }

  // Warm-up of the read path (routing, validation, prepared statements).
  await repeat(50, read);
  const readIdle = await readsDuring(new Promise((resolve) => setTimeout(resolve, 6000)));

  // Before: built in the request, on the event loop. The first call loads pdfmake and ECharts.
  const beforeCold = await ms(inRequest);
  const beforeRepeated = timing(await repeat(5, inRequest));
  const beforeBuilds = buildsInARow(5, inRequest);
  const beforeReads = await readsDuring(beforeBuilds);

  // After: the route. The first request starts the worker thread (pdfmake, fonts, ECharts).
  const afterCold = await ms(viaApi);
  const afterBuilds = timing(
    await repeat(5, async () => {
      pdfs.clear();
      await viaApi();
    }),
  );
  const afterRepeated = timing(await repeat(300, viaApi));
  const version = timing(await repeat(300, () => publicDataVersion(ctx)));
  const afterBuilds5 = buildsInARow(5, async () => {
    pdfs.clear();
    await viaApi();
  });
  const afterReads = await readsDuring(afterBuilds5);

  // Ten requests at once on an empty cache: one build, shared.
  pdfs.clear();
  const buildsBefore = pdfs.builds;
  const concurrentMs = await ms(() => Promise.all(Array.from({ length: 10 }, viaApi)));
  const concurrent = { requests: 10, builds: pdfs.builds - buildsBefore, ms: concurrentMs };

  const pdfBytes = (await app.inject({ url: PDF })).rawPayload.length;
  await app.close();
  process.stdout.write(
    JSON.stringify({
      renderer: FACTSHEET_RENDERER,
      pdfBytes,
      readIdle,
      before: { coldMs: beforeCold, repeated: beforeRepeated, readsDuringBuilds: beforeReads, buildMs: await beforeBuilds },
      after: {
        coldMs: afterCold,
        builds: afterBuilds,
        repeated: afterRepeated,
        versionKey: version,
        readsDuringBuilds: afterReads,
        buildMs: await afterBuilds5,
        concurrent,
      },
    }),
  );
} finally {
  await closeFactsheetWorkers();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
