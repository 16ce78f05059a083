import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, test } from 'vitest';
import { buildFactsheet } from '../src/modules/factsheet/factsheet.service.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { projectRoot } from '../src/platform/paths.js';
import { createTestDatabase, DIALECTS, openTestContext } from './helpers/db.js';
import { requireBuild } from './helpers/process.js';

/**
 * The fiche PDF as the compiled server renders it: in a worker thread (`npm run build:server`
 * first). Under vitest the TypeScript sources render in the calling thread (factsheet.pdf.ts).
 */

const COMPILED = join(projectRoot(), 'dist', 'server', 'modules', 'factsheet', 'factsheet.pdf.js');
const BIN = join(projectRoot(), 'bin', 'mandat.js');
const DIR = mkdtempSync(join(tmpdir(), 'mandat-fiche-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

requireBuild(COMPILED);
describe('the compiled fiche renderer', () => {
  test('renders the plain model in a worker thread', async () => {
    const compiled = (await import(pathToFileURL(COMPILED).href)) as typeof import('../src/modules/factsheet/factsheet.pdf.js');
    const database = await createTestDatabase('sqlite');
    const ctx = await openTestContext(database.url);
    try {
      await seedFactbook(ctx, { id: null, label: 'test' });
      const sheet = await buildFactsheet(ctx, 'en', 'UNPOL');
      expect(compiled.FACTSHEET_RENDERER).toBe('worker');
      const before = compiled.workerRenders();
      const pdf = await compiled.renderFactsheetPdf(sheet);
      expect(compiled.workerRenders()).toBe(before + 1);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(pdf);
      expect(text).toContain('FACT SHEET');
      expect(text).toContain('1,920');
    } finally {
      await compiled.closeFactsheetWorkers();
      await ctx.close();
      await database.drop();
    }
  });
});

requireBuild();
describe.each(DIALECTS)('mandat factsheet (%s)', (dialect) => {
  test('writes the PDF and exits', async () => {
    const database = await createTestDatabase(dialect);
    const out = join(DIR, `fiche-${dialect}.pdf`);
    try {
      const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          'node',
          [BIN, 'factsheet', '--lang', 'fr', '--section', 'UNPOL', '--out', out],
          { env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent', MANDAT_KEY_FILE: join(DIR, `${dialect}.keys`) } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(out);
      const text = await pdfText(readFileSync(out));
      expect(text).toContain('FICHE D’INFORMATION');
      expect(text).toContain('POLICE DES NATIONS UNIES');
      expect(text).toContain('1 920');
    } finally {
      await database.drop();
    }
  });
});
