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

function untilStdinCloses(): Promise<void> {
  return new Promise((resolve) => {
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
