import type { TestProject } from 'vitest/node';
import type { Dialect } from '../../src/db/schema.js';
import { buildTemplate, DIALECTS, dropRunDatabases, newRunName, type Templates } from './db.js';

/**
 * Vitest global setup: migrates one template database per dialect before any test file runs, and
 * drops it, with any PostgreSQL database of the run left behind, after the last. Test databases are
 * copies of it (`createMigratedDatabase`), so a test file pays for a file copy rather than for every
 * migration. The browser tests run on SQLite only.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dialects: readonly Dialect[] = project.name === 'browser' ? ['sqlite'] : DIALECTS;
  const run = newRunName();
  const built = await Promise.all(dialects.map(async (dialect) => ({ dialect, ...(await buildTemplate(dialect, run)) })));
  const templates: Templates = { run, sqlite: null, postgres: null };
  for (const { dialect, template } of built) templates[dialect] = template;
  project.provide('mandatTemplates', templates);
  return async () => {
    await Promise.all(built.filter((b) => b.dialect === 'sqlite').map((b) => b.drop()));
    // The test processes have ended: the run's PostgreSQL databases, the template among them, go at once.
    if (dialects.includes('postgres')) await dropRunDatabases(run);
  };
}
