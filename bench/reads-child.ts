import type { IncidentFilter } from '../src/contracts/incidents.js';
import { openDatabase } from '../src/db/database.js';
import { authenticateBearer } from '../src/modules/auth/auth.service.js';
import { groupedCountsQuery, listPageQuery, type SortName } from '../src/modules/incidents/incidents.repository.js';
import { loadConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import { type Actor, readScope } from '../src/platform/policy.js';
import { buildApp } from '../src/server/app.js';
import { openRawSql } from './databases.js';

/**
 * The read measures of `npm run bench`, in a process of their own: list pages and dashboard
 * aggregates through the API (in-process HTTP injection: routing, authentication, validation,
 * serialisation) beside the same compiled SQL run directly with better-sqlite3 or `pg` (prepared
 * statements), on the database at the URL given. Prints JSON.
 */

const [url = '', token = '', rowText = '0'] = process.argv.slice(2);
const rows = Number(rowText);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** p50 and p95 over enough runs: 300 for fast work, 10 for work that takes more than 50 ms. */
async function samples(work: () => Promise<unknown> | unknown): Promise<{ p50: number; p95: number }> {
  const time = async () => {
    const start = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const first = await time();
  const slow = first > 50;
  for (let i = 0; i < (slow ? 1 : 50); i += 1) await time();
  const ms: number[] = [];
  for (let i = 0; i < (slow ? 10 : 300); i += 1) ms.push(await time());
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const config = { ...loadConfig({}), databaseUrl: url, webRoot: null, logLevel: 'silent' as const };
const ctx: AppContext = { config, database: openDatabase(config.databaseUrl), now: () => new Date() };
const app = await buildApp(ctx, { logger: false });
await app.ready();
const actor = (await authenticateBearer(ctx, token))?.actor as Actor;
const headers = { authorization: `Bearer ${token}` };
const { dialect } = ctx.database;
// Two connections on PostgreSQL: the dashboard's two scans run at once on Mandat's pool too.
const raw = await openRawSql(ctx.database, 2);
const scope = readScope(actor);
const [middle] = (await raw.prepare(
  `SELECT occurred_on, ref FROM incidents ORDER BY occurred_on DESC, ref DESC LIMIT 1 OFFSET ${Math.floor(rows / 2)}`,
)([])) as { occurred_on: string; ref: string }[];
if (!middle) throw new Error('no incidents');
const cursor = Buffer.from(JSON.stringify([middle.occurred_on, middle.ref])).toString('base64url');
const cases: { name: string; query: string; filter: IncidentFilter; sort: SortName; after: [string, string] | null }[] = [
  { name: 'newest first, no filter', query: '', filter: {}, sort: 'date_desc', after: null },
  {
    name: 'region Ménaka, verified',
    query: 'region=ML-9&status=verified',
    filter: { region: ['ML-9'], status: ['verified'] },
    sort: 'date_desc',
    after: null,
  },
  {
    name: 'battles in 2018, most killed first',
    query: 'eventType=battles&from=2018-01-01&to=2018-12-31&sort=killed_desc',
    filter: { eventType: ['battles'], from: '2018-01-01', to: '2018-12-31' },
    sort: 'killed_desc',
    after: null,
  },
  {
    name: 'a page in the middle (keyset)',
    query: `after=${cursor}`,
    filter: {},
    sort: 'date_desc',
    after: [middle.occurred_on, middle.ref],
  },
  { name: 'free text, a word in 1 row of 10', query: 'q=puits', filter: { q: 'puits' }, sort: 'date_desc', after: null },
  { name: 'free text, a word in no row', query: 'q=introuvable', filter: { q: 'introuvable' }, sort: 'date_desc', after: null },
];

const lists = [];
for (const list of cases) {
  const url = `/api/incidents?limit=50${list.query ? `&${list.query}` : ''}`;
  const check = await app.inject({ url, headers });
  if (check.statusCode !== 200) throw new Error(`${url}: ${check.statusCode} ${check.body}`);
  const api = await samples(() => app.inject({ url, headers }));
  const compiled = listPageQuery(ctx.database.db, dialect, list.filter, scope, list.sort, 51, list.after).compile();
  const statement = raw.prepare(compiled.sql);
  const rawTiming = await samples(() => statement(compiled.parameters));
  lists.push({ name: list.name, api, raw: rawTiming, overhead: api.p50 / rawTiming.p50 });
}

const statsFilter: IncidentFilter = { from: '2015-01-01', to: '2020-12-31' };
const statsApi = await samples(() => app.inject({ url: '/api/incidents/stats?from=2015-01-01&to=2020-12-31', headers }));
const statements = [['occurred_on'], ['region', 'cercle', 'event_type']].map((columns, connection) => {
  const compiled = groupedCountsQuery(ctx.database.db, dialect, statsFilter, scope, columns).compile();
  return { statement: raw.prepare(compiled.sql, connection), parameters: compiled.parameters };
});
// One after the other on SQLite's one connection; at once on PostgreSQL, as Mandat's Promise.all does.
const statsRaw = await samples(async () => {
  if (dialect === 'sqlite') for (const { statement, parameters } of statements) statement(parameters);
  else await Promise.all(statements.map(({ statement, parameters }) => statement(parameters)));
});
await raw.close();
await app.close();
process.stdout.write(JSON.stringify({ lists, stats: { api: statsApi, raw: statsRaw } }));
