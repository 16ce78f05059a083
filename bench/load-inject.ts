import Fastify from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadDatabase } from './load-database.js';

/**
 * The routes of the load benchmark (bench/load.ts) timed in process: the same database as
 * bench/load-server.ts (the 2020 fact book, 300 incidents of the Force, a Force manager's
 * read-only token), each route answered through `app.inject` many times, and the CPU time per
 * request printed beside a bare Fastify route's through the same `app.inject`. Far less noisy on
 * a shared machine than requests per second; run it with `node --cpu-prof` to see where the time
 * goes. `npx tsc -p tsconfig.bench.json && node dist/bench/bench/load-inject.js [sqlite|postgres]
 * [iterations] [route name filter]`.
 */
const [dialect = 'sqlite', itersArg = '2000', only = ''] = process.argv.slice(2);
const { ctx, token, drop } = await loadDatabase(dialect === 'postgres' ? 'postgres' : 'sqlite');
try {
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  const auth = { authorization: `Bearer ${token}` };
  const routes: [string, string, Record<string, string>][] = [
    ['health anon', '/api/health', {}],
    ['health token', '/api/health', auth],
    ['limit=1', '/api/incidents?limit=1', auth],
    ['limit=50', '/api/incidents?limit=50', auth],
    ['limit=200', '/api/incidents?limit=200', auth],
    ['section', '/api/sections/FORCE', {}],
    ['section br', '/api/sections/FORCE', { 'accept-encoding': 'br, gzip' }],
    ['search', '/api/search?q=menaka', {}],
  ];
  const iters = Number(itersArg);
  for (const [name, url, headers] of routes) {
    if (only && !name.includes(only)) continue;
    // Larger pages fewer times, so that each route takes about as long; a quarter more first, to warm up.
    const n = name.startsWith('limit=200') ? iters / 10 : name.startsWith('limit=50') ? iters / 4 : iters;
    for (let i = 0; i < n / 4; i++) await app.inject({ method: 'GET', url, headers });
    const r = await app.inject({ method: 'GET', url, headers });
    if (r.statusCode !== 200) throw new Error(`${name}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    const t0 = process.cpuUsage();
    const w0 = performance.now();
    for (let i = 0; i < n; i++) await app.inject({ method: 'GET', url, headers });
    const cpu = process.cpuUsage(t0);
    const wall = performance.now() - w0;
    console.log(
      `${name.padEnd(14)} ${((cpu.user + cpu.system) / n).toFixed(0).padStart(6)} µs cpu  ${((wall * 1000) / n).toFixed(0).padStart(6)} µs wall  ${r.rawPayload.length} B ${r.headers['content-encoding'] ?? ''}`,
    );
  }
  // The ceiling: a bare Fastify route through the same app.inject.
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ status: 'ok' }));
  await bare.ready();
  for (let i = 0; i < 500; i++) await bare.inject({ method: 'GET', url: '/bare' });
  const t0 = process.cpuUsage();
  for (let i = 0; i < iters; i++) await bare.inject({ method: 'GET', url: '/bare' });
  const cpu = process.cpuUsage(t0);
  console.log(`${'bare'.padEnd(14)} ${((cpu.user + cpu.system) / iters).toFixed(0).padStart(6)} µs cpu`);
  await app.close();
} finally {
  await drop();
}
