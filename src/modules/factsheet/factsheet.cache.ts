import type { Locale } from '../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { publicDataVersion } from '../../platform/public-data.js';
import { renderFactsheetPdf } from './factsheet.pdf.js';
import { buildFactsheet, type Factsheet } from './factsheet.service.js';

export interface FactsheetPdfOptions {
  /** PDFs kept, least recently used dropped first (the whole mission's is about 260 kB). */
  capacity?: number;
  render?: (sheet: Factsheet) => Promise<Buffer>;
}

/**
 * Fiche PDFs per version of the public data (src/platform/public-data.ts), language and section. A request for a version
 * already built is answered from memory; concurrent requests for a version being built wait for
 * that one build. The version is read before the model, so a PDF is never older than its key:
 * at worst an edit committed in between is already in it.
 */
export class FactsheetPdfs {
  /** PDFs built so far (requests answered neither from memory nor by a build already running). */
  builds = 0;
  readonly #ctx: AppContext;
  readonly #capacity: number;
  readonly #render: (sheet: Factsheet) => Promise<Buffer>;
  readonly #done = new Map<string, Buffer>();
  readonly #running = new Map<string, Promise<Buffer>>();

  constructor(ctx: AppContext, options: FactsheetPdfOptions = {}) {
    this.#ctx = ctx;
    this.#capacity = options.capacity ?? 8;
    this.#render = options.render ?? renderFactsheetPdf;
  }

  async pdf(locale: Locale, unit?: string): Promise<Buffer> {
    const key = JSON.stringify([await publicDataVersion(this.#ctx), locale, unit ?? null]);
    const done = this.#done.get(key);
    if (done) {
      // Map keeps insertion order: moving the entry to the end marks it most recently used.
      this.#done.delete(key);
      this.#done.set(key, done);
      return done;
    }
    const running = this.#running.get(key);
    if (running) return running;
    const build = this.#build(key, locale, unit).finally(() => this.#running.delete(key));
    this.#running.set(key, build);
    return build;
  }

  async #build(key: string, locale: Locale, unit: string | undefined): Promise<Buffer> {
    this.builds += 1;
    const pdf = await this.#render(await buildFactsheet(this.#ctx, locale, unit));
    this.#done.set(key, pdf);
    for (const oldest of this.#done.keys()) {
      if (this.#done.size <= this.#capacity) break;
      this.#done.delete(oldest);
    }
    return pdf;
  }

  /** PDFs held in memory. */
  get size(): number {
    return this.#done.size;
  }

  /** Forgets every PDF built (the benchmark uses it to measure builds). */
  clear(): void {
    this.#done.clear();
  }
}

const perContext = new WeakMap<AppContext, FactsheetPdfs>();

/** The PDFs of one running application (one database). */
export function factsheetPdfs(ctx: AppContext): FactsheetPdfs {
  let pdfs = perContext.get(ctx);
  if (!pdfs) {
    pdfs = new FactsheetPdfs(ctx);
    perContext.set(ctx, pdfs);
  }
  return pdfs;
}
