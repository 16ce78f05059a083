import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditedTransaction } from '../src/platform/context.js';
import { bumpPublicDataVersion, publicDataVersionOf } from '../src/platform/public-data.js';
import { createTestContext, DIALECTS, openTestContext, type TestContext } from './helpers/db.js';

/**
 * The public data's version is kept between requests and read again only when a commit may have
 * moved it: on SQLite when `PRAGMA data_version` moves, on PostgreSQL when the count of audited
 * commits moves (a notification per audited transaction, counted by a listening connection of
 * each process, src/db/commit-signal.ts). A commit by another process is seen.
 */
describe.each(DIALECTS)('versions kept until a commit (%s)', (dialect) => {
  let here: TestContext;
  let elsewhere: TestContext;
  let queries = 0;

  beforeAll(async () => {
    here = await createTestContext(
      dialect,
      {},
      {
        onQuery: () => {
          queries += 1;
        },
      },
    );
    elsewhere = await openTestContext(here.config.databaseUrl, { keyFile: here.config.keyFile });
  });
  afterAll(async () => {
    await elsewhere?.close();
    await here?.close();
  });

  const bump = (ctx: TestContext) =>
    auditedTransaction(ctx, { id: null, label: 'test' }, async (trx) => {
      await bumpPublicDataVersion(trx);
      return { result: undefined, audit: { action: 'figure.update', recordType: 'figure', recordId: 'test' } };
    });
  const listening = async () => {
    if (dialect === 'postgres')
      await expect
        .poll(async () => {
          await publicDataVersionOf(here.database);
          return here.database.commitSignal?.listening;
        })
        .toBe(true);
  };

  test('asked again with nothing committed, the version costs no query', async () => {
    await listening();
    const version = await publicDataVersionOf(here.database);
    queries = 0;
    for (let i = 0; i < 5; i++) expect(await publicDataVersionOf(here.database)).toBe(version);
    expect(queries).toBe(0);
  });

  test('a commit of this process is seen by the next request', async () => {
    await listening();
    const before = await publicDataVersionOf(here.database);
    await bump(here);
    const after = await publicDataVersionOf(here.database);
    expect(after).not.toBe(before);
  });

  test('a commit of another process is seen', async () => {
    await listening();
    const before = await publicDataVersionOf(here.database);
    await bump(elsewhere);
    // On PostgreSQL once the commit's notification has arrived, a loopback round trip.
    await expect.poll(() => publicDataVersionOf(here.database)).not.toBe(before);
  });

  test.runIf(dialect === 'postgres')('while nothing listens, the version is read on every call', async () => {
    await listening();
    await here.database.commitSignal?.close();
    queries = 0;
    await publicDataVersionOf(here.database);
    await publicDataVersionOf(here.database);
    expect(queries).toBe(2);
  });
});
