import Fastify from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadDatabase } from './load-database.js';

/**
 * A server for the load measures of `npm run bench` (bench/load.ts), in a process of its own,
 * listening on loopback. `mandat sqlite|postgres`: Mandat's app (buildApp) on a fresh database
 * holding the MINUSMA 2020 fact book and 300 synthetic incidents of the Force, with a personal
 * API token of a Force manager. `bare`: a Fastify instance with one route answering
 * `{"status":"ok"}`, the ceiling the others are compared with. Prints one JSON line (port,
 * token) once listening, then serves until its standard input closes.
 */

const [kind = 'bare', dialect = 'sqlite'] = process.argv.slice(2);
function ready(info: Record<string, unknown>): void {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(`${JSON.stringify(info)}\n`);
}

/**
 * Serves until standard input closes. A line `memory` on it is answered with one JSON line: the
 * process's memory after a full garbage collection (the heap's live size tells a leak from V8
 * sizing its heap to the load, which the resident size alone does not).
 */
function untilStdinCloses(): Promise<void> {
  return new Promise((resolve) => {
    let input = '';
    process.stdin.on('data', (chunk: Buffer) => {
      input += chunk.toString();
      for (let line = input.indexOf('\n'); line >= 0; line = input.indexOf('\n')) {
        const command = input.slice(0, line).trim();
        input = input.slice(line + 1);
        if (command !== 'memory') continue;
        const before = process.memoryUsage();
        (globalThis as { gc?: () => void }).gc?.();
        const after = process.memoryUsage();
        const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
        const memory = {
          rss: mb(before.rss),
          heapTotal: mb(before.heapTotal),
          heapUsedBeforeGc: mb(before.heapUsed),
          heapUsedAfterGc: mb(after.heapUsed),
          external: mb(after.external),
        };
        process.stdout.write(`${JSON.stringify({ memory })}\n`);
      }
    });
    process.stdin.on('end', () => resolve());
    process.stdin.resume();
  });
}

if (kind === 'bare') {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ status: 'ok' }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  ready({ port: typeof address === 'object' && address ? address.port : 0 });
  await untilStdinCloses();
  await app.close();
} else {
  const { ctx, token, drop } = await loadDatabase(dialect === 'postgres' ? 'postgres' : 'sqlite');
  try {
    const app = await buildApp(ctx, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    ready({ port: typeof address === 'object' && address ? address.port : 0, token });
    await untilStdinCloses();
    await app.close();
  } finally {
    await drop();
  }
}
