import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Factsheet } from './factsheet.service.js';

/**
 * Where fiche PDFs are rendered. Laying out the whole-mission PDF takes one to two seconds of
 * CPU, so the compiled server (dist/server, behind `npm start` and `mandat factsheet`) renders in
 * a worker thread, and the event loop goes on serving other requests meanwhile.
 *
 * Under vitest this module runs from its TypeScript source, and Node 20 cannot start a worker
 * from a `.ts` file: there the PDF is rendered in the calling thread, by the same code. The
 * choice follows this module's own extension rather than whether a worker file exists, so that
 * a compiled server missing its worker fails loudly instead of quietly blocking its event loop.
 */
export const FACTSHEET_RENDERER: 'worker' | 'in-thread' = import.meta.url.endsWith('.ts') ? 'in-thread' : 'worker';

let pool: Piscina | null = null;

function workers(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./factsheet.worker.js', import.meta.url).href,
    // No thread until the first PDF; an idle thread is kept a minute (it has pdfmake, fonts and
    // ECharts loaded) and never keeps the process alive.
    minThreads: 0,
    // A render uses a core fully: leave at least half of them to the event loop and the database.
    maxThreads: Math.max(1, Math.floor(availableParallelism() / 2)),
    idleTimeout: 60_000,
  });
  return pool;
}

/** Renders the fact sheet to PDF off the event loop (see above). */
export async function renderFactsheetPdf(sheet: Factsheet): Promise<Buffer> {
  if (FACTSHEET_RENDERER === 'in-thread') {
    const { renderPdfInThisThread } = await import('./factsheet.document.js');
    return renderPdfInThisThread(sheet);
  }
  // The bytes come back as a copy (a structured clone): a quarter of a megabyte at most.
  const bytes: Uint8Array = await workers().run(sheet);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** PDFs rendered by this process's worker threads so far. */
export function workerRenders(): number {
  return pool?.completed ?? 0;
}

/** Stops the worker threads (a new one starts on the next render). */
export async function closeFactsheetWorkers(): Promise<void> {
  const running = pool;
  pool = null;
  await running?.destroy();
}
