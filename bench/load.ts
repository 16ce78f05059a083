import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/**
 * The load measures of `npm run bench -- --only load [--db postgres]`: many people at once.
 * Mandat's server (bench/load-server.ts) and a bare Fastify route run each in a child process
 * listening on loopback; autocannon drives each route with 10 connections for 5 s after a 1 s
 * warm-up, each right after the bare route so that both see about the same load from elsewhere,
 * and reports requests per second, p50 and p99 latency, non-2xx answers and errors.
 * The server's resident memory is read after the warm-ups and again at the end.
 */

const CONNECTIONS = 10;
const WARM_UP_SECONDS = 1;
const SECONDS = 5;

export interface RouteLoad {
  name: string;
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** The bare route, measured right before. */
  bare: { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number };
  ratioToBare: number;
}

export interface Load {
  dialect: string;
  connections: number;
  seconds: number;
  routes: RouteLoad[];
  rssMb: { ready: number; start: number; end: number; afterEachRoute: number[] };
  memory: { start: Memory; end: Memory };
  bareRssMb: { start: number; end: number };
}

/** The server's memory, MB: resident and V8's heap before a full collection, its live heap after. */
export interface Memory {
  rss: number;
  heapTotal: number;
  heapUsedBeforeGc: number;
  heapUsedAfterGc: number;
  external: number;
}

interface Server {
  port: number;
  token?: string;
  pid: number;
  /** Asks the server for its memory (load-server.ts collects garbage first). */
  memory(): Promise<Memory>;
  stop(): Promise<void>;
}

/** The resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}

async function startServer(args: string[]): Promise<Server> {
  const script = fileURLToPath(new URL('./load-server.js', import.meta.url));
  const running: ChildProcessByStdio<Writable, Readable, null> = spawn(process.execPath, ['--expose-gc', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => running.on('exit', (code) => resolve(code)));
  // Each line the server prints goes to the first one waiting for it.
  const waiting: ((line: string) => void)[] = [];
  let output = '';
  running.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (let line = output.indexOf('\n'); line >= 0; line = output.indexOf('\n')) {
      const text = output.slice(0, line);
      output = output.slice(line + 1);
      waiting.shift()?.(text);
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      void exited.then((code) => reject(new Error(`load-server ${args.join(' ')} exited with ${code}`)));
    });
  const info = JSON.parse(await nextLine()) as { port: number; token?: string };
  return {
    ...info,
    pid: running.pid ?? 0,
    memory: async () => {
      const line = nextLine();
      running.stdin.write('memory\n');
      return (JSON.parse(await line) as { memory: Memory }).memory;
    },
    stop: async () => {
      running.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`load-server ${args.join(' ')} exited with ${code}`);
    },
  };
}

function drive(port: number, path: string, headers: Record<string, string>, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, duration: seconds, headers });
}

export async function loadMeasures(dialect: 'sqlite' | 'postgres', log: (line: string) => void): Promise<Load> {
  const bare = await startServer(['bare']);
  const mandat = await startServer(['mandat', dialect]);
  try {
    const ready = rssMb(mandat.pid);
    const bearer = { authorization: `Bearer ${mandat.token}` };
    const routes: { name: string; path: string; headers: Record<string, string>; server: Server }[] = [
      { name: 'bare Fastify {status:"ok"}', path: '/bare', headers: {}, server: bare },
      { name: 'health, anonymous', path: '/api/health', headers: {}, server: mandat },
      { name: 'health, Force manager (bearer)', path: '/api/health', headers: bearer, server: mandat },
      { name: 'incidents, limit=1 (bearer)', path: '/api/incidents?limit=1', headers: bearer, server: mandat },
      { name: 'incidents, limit=50 (bearer)', path: '/api/incidents?limit=50', headers: bearer, server: mandat },
      { name: 'incidents, limit=200 (bearer)', path: '/api/incidents?limit=200', headers: bearer, server: mandat },
      { name: 'section FORCE (public)', path: '/api/sections/FORCE', headers: {}, server: mandat },
      { name: 'search q=menaka (public)', path: '/api/search?q=menaka', headers: {}, server: mandat },
    ];
    for (const route of routes) await drive(route.server.port, route.path, route.headers, WARM_UP_SECONDS);
    const start = rssMb(mandat.pid);
    const memoryStart = await mandat.memory();
    const bareStart = rssMb(bare.pid);
    const once = async (route: (typeof routes)[number]) => {
      const result = await drive(route.server.port, route.path, route.headers, SECONDS);
      return {
        name: route.name,
        path: route.path,
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
      };
    };
    // The machine is shared: each route is measured right after the bare route and compared with
    // that measure of it, so that both saw about the same load from elsewhere.
    const [ceilingRoute, ...measuredRoutes] = routes as [(typeof routes)[number], ...typeof routes];
    const measured: RouteLoad[] = [];
    const series: number[] = [];
    for (const route of measuredRoutes) {
      const ceiling = await once(ceilingRoute);
      const result = await once(route);
      measured.push({ ...result, bare: ceiling, ratioToBare: result.requestsPerSecond / ceiling.requestsPerSecond });
      series.push(rssMb(mandat.pid));
    }
    const end = rssMb(mandat.pid);
    const bareEnd = rssMb(bare.pid);
    const memoryEnd = await mandat.memory();
    log(
      `\nMany people at once (${dialect}; autocannon, ${CONNECTIONS} connections, ${SECONDS} s per route after ${WARM_UP_SECONDS} s warm-up, loopback; each route right after the bare route)`,
    );
    log(
      `  ${'route'.padEnd(32)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  non-2xx errors   bare req/s p50/p99  × bare`,
    );
    for (const r of measured) {
      log(
        `  ${r.name.padEnd(32)} ${r.requestsPerSecond.toFixed(0).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}  ${String(r.non2xx).padStart(7)} ${String(r.errors).padStart(6)}   ${r.bare.requestsPerSecond.toFixed(0).padStart(10)} ${`${r.bare.p50}/${r.bare.p99}`.padStart(7)}  ${r.ratioToBare.toFixed(3)}`,
      );
    }
    log(
      `  Mandat server RSS: ${ready} MB ready, ${start} MB after warm-up, ${end} MB at the end (${((end / start - 1) * 100).toFixed(0)} %); after each route ${series.join(', ')}`,
    );
    log(`  bare server RSS:   ${bareStart} MB after warm-up, ${bareEnd} MB at the end`);
    const heap = (m: Memory) =>
      `V8 heap ${m.heapTotal} MB, ${m.heapUsedBeforeGc} MB used, ${m.heapUsedAfterGc} MB live after a full GC; external ${m.external} MB`;
    log(`  Mandat server after warm-up: ${heap(memoryStart)}`);
    log(`  Mandat server at the end:    ${heap(memoryEnd)}`);
    return {
      dialect,
      connections: CONNECTIONS,
      seconds: SECONDS,
      routes: measured,
      rssMb: { ready, start, end, afterEachRoute: series },
      memory: { start: memoryStart, end: memoryEnd },
      bareRssMb: { start: bareStart, end: bareEnd },
    };
  } finally {
    await mandat.stop();
    await bare.stop();
  }
}
