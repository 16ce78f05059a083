import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { migrateToLatest, openDatabase } from '../src/db/database.js';
import { loadReferenceActors } from '../src/modules/incidents/incidents.service.js';
import { loadReferenceUnits } from '../src/modules/organisation/organisation.service.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { createUser } from '../src/modules/users/users.service.js';
import { loadConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import { projectRoot } from '../src/platform/paths.js';
import { buildApp } from '../src/server/app.js';

/**
 * The web measures of `npm run bench -- --only web`: the first load of the sign-in page and of the
 * public fiche over a field link, emulated in Chromium (CDP `Network.emulateNetworkConditions`:
 * 256 kbit/s each way, 600 ms of latency), on the built app (`npm run build` first) served by
 * Mandat's server on loopback. For each page: the time until its heading shows, the JavaScript and
 * all bytes as transferred (encoded) and the requests, with an empty cache; then the same page
 * opened again with the cache kept.
 */

export const LINK = { kbitPerSecond: 256, latencyMs: 600 };
/** Each page with what shows once it can be used: the sign-in form, the fiche's first section. */
const PAGES = [
  { name: 'sign-in', path: '/login', ready: 'input[type="password"]' },
  { name: 'fiche', path: '/fiche', ready: '.factsheet-section' },
];

export interface PageLoad {
  name: string;
  path: string;
  /** From navigation to the page's <h1> shown, empty cache. */
  firstMs: number;
  /** From navigation to the page's content shown (form, first section), empty cache. */
  readyMs: number;
  jsBytes: number;
  totalBytes: number;
  requests: number;
  encodings: string[];
  /** The same page opened again, cache kept: its content shown. */
  againMs: number;
  againBytes: number;
  againRequests: number;
}

export interface WebLoad {
  link: typeof LINK;
  pages: PageLoad[];
}

interface Transfer {
  url: string;
  type: string;
  encoding: string;
  bytes: number;
  fromCache: boolean;
}

/** `prepare`: what a measure adds to the database before the server starts (an account, for the outbox's). */
export async function startServer(
  dir: string,
  prepare?: (ctx: AppContext, create: typeof createUser) => Promise<void>,
): Promise<{ url: string; count(): Promise<number>; close(): Promise<void> }> {
  const webRoot = join(projectRoot(), 'dist', 'web');
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error('dist/web is missing: run `npm run build` first');
  const config = {
    ...loadConfig({}),
    databaseUrl: `sqlite:${join(dir, 'web.db')}`,
    keyFile: join(dir, 'master.keys'),
    webRoot,
    logLevel: 'silent' as const,
  };
  const database = openDatabase(config.databaseUrl);
  const ctx: AppContext = { config, database, now: () => new Date() };
  await migrateToLatest(database);
  await loadReferenceUnits(ctx);
  await loadReferenceActors(ctx);
  await seedFactbook(ctx, { id: null, label: 'bench' });
  await prepare?.(ctx, createUser);
  const app = await buildApp(ctx, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${port}`,
    count: async () =>
      Number(
        (
          await database.db
            .selectFrom('incidents')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export async function webMeasures(log: (line: string) => void): Promise<WebLoad> {
  const dir = mkdtempSync(join(tmpdir(), 'mandat-bench-web-'));
  const server = await startServer(dir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const pages: PageLoad[] = [];
  try {
    for (const target of PAGES) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
      const page = await context.newPage();
      // Uncompressed, the app took longer than Playwright's 30 s default over this link.
      page.setDefaultTimeout(180_000);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: LINK.latencyMs,
        downloadThroughput: (LINK.kbitPerSecond * 1000) / 8,
        uploadThroughput: (LINK.kbitPerSecond * 1000) / 8,
      });
      let transfers = new Map<string, Transfer>();
      cdp.on('Network.responseReceived', (event) => {
        const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
        transfers.set(event.requestId, {
          url: event.response.url,
          type: event.type,
          encoding: headers['content-encoding'] ?? 'identity',
          bytes: 0,
          fromCache: event.response.fromDiskCache === true || event.response.fromPrefetchCache === true,
        });
      });
      cdp.on('Network.loadingFinished', (event) => {
        const transfer = transfers.get(event.requestId);
        if (transfer) transfer.bytes = transfer.fromCache ? 0 : event.encodedDataLength;
      });
      const open = async () => {
        transfers = new Map();
        const start = performance.now();
        await page.goto(`${server.url}${target.path}`);
        await page.locator('h1').first().waitFor();
        const ms = performance.now() - start;
        await page.locator(target.ready).first().waitFor();
        const readyMs = performance.now() - start;
        // Let what the page still fetches finish before counting.
        await page.waitForLoadState('networkidle');
        return { ms, readyMs, transfers: [...transfers.values()] };
      };
      const first = await open();
      const again = await open();
      const scripts = first.transfers.filter((t) => t.type === 'Script');
      pages.push({
        name: target.name,
        path: target.path,
        firstMs: first.ms,
        readyMs: first.readyMs,
        jsBytes: scripts.reduce((sum, t) => sum + t.bytes, 0),
        totalBytes: first.transfers.reduce((sum, t) => sum + t.bytes, 0),
        requests: first.transfers.length,
        encodings: [...new Set(scripts.map((t) => t.encoding))],
        againMs: again.readyMs,
        againBytes: again.transfers.reduce((sum, t) => sum + t.bytes, 0),
        againRequests: again.transfers.filter((t) => t.bytes > 0).length,
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
  log(
    `\nFirst load over a field link (Chromium, ${LINK.kbitPerSecond} kbit/s each way, ${LINK.latencyMs} ms latency; built app, loopback)`,
  );
  log(
    `  ${'page'.padEnd(8)} ${'heading'.padStart(8)} ${'content'.padStart(8)} ${'JS'.padStart(8)} ${'all'.padStart(8)} requests  JS encoding   again: content, bytes, requests on the wire`,
  );
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  for (const p of pages) {
    log(
      `  ${p.name.padEnd(8)} ${s(p.firstMs).padStart(8)} ${s(p.readyMs).padStart(8)} ${kb(p.jsBytes).padStart(8)} ${kb(p.totalBytes).padStart(8)} ${String(p.requests).padStart(8)}  ${p.encodings.join(',').padEnd(12)}  ${s(p.againMs)}, ${kb(p.againBytes)}, ${p.againRequests}`,
    );
  }
  return { link: LINK, pages };
}
