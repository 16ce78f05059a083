import { migrateToLatest, openDatabase } from '../db/database.js';
import { LOCK_KEYS, withDatabaseLock } from '../db/helpers/locks.js';
import { loadReferenceActors } from '../modules/incidents/incidents.service.js';
import { loadReferenceUnits } from '../modules/organisation/organisation.service.js';
import { seedFactbook } from '../modules/organisation/sections.service.js';
import type { Config } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';

/**
 * Opens the database, brings its schema and reference data up to date and, on a database that
 * has none yet, loads the MINUSMA 2020 fact book as the default dataset. Under a database-wide
 * lock, so that server processes started together on one PostgreSQL do it once.
 */
export async function prepareContext(config: Config): Promise<AppContext> {
  const database = openDatabase(config.databaseUrl, {
    // In the server log's form (JSON lines), as a warning: the pool opens another connection at the next query.
    onConnectionLost: (error) =>
      process.stderr.write(
        `${JSON.stringify({ level: 40, time: Date.now(), msg: 'database connection ended by the server', err: error.message })}\n`,
      ),
  });
  const ctx: AppContext = { config, database, now: () => new Date() };
  await withDatabaseLock(database.db, database.dialect, LOCK_KEYS.prepare, async () => {
    await migrateToLatest(database);
    await loadReferenceUnits(ctx);
    await loadReferenceActors(ctx);
    await seedFactbook(ctx, { id: null, label: 'system' });
  });
  return ctx;
}
