import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * The database ending a connection that sits idle in the pool (PostgreSQL restarted, an
 * administrator's `pg_terminate_backend`, a failover) must not end the server: the next request
 * is served on a new connection. SQLite has no server to end a connection; there the requests
 * simply go on.
 */
describe.each(DIALECTS)('connections ended by the database (%s)', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  test('idle connections ended by the server: the next requests are served', async () => {
    t = await createTestApp(dialect);
    // The health check asks the database at most once a second: a public list reads it every time.
    const health = () => t.app.inject({ url: '/api/health' });
    const read = () => t.app.inject({ url: '/api/incidents?limit=1' });
    await Promise.all([health(), read(), read()]);
    if (dialect === 'postgres') {
      const admin = new pg.Client({ connectionString: t.ctx.database.location.replace(/\?.*$/, '') });
      await admin.connect();
      try {
        const ended = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        expect(ended.rowCount).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      // The pool hears of it on its idle connections' sockets.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    for (const response of await Promise.all([read(), read(), read(), health()])) expect(response.statusCode).toBe(200);
  });
});
