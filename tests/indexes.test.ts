import { CompiledQuery, sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { describe, expect, test } from 'vitest';
import type { Dialect } from '../src/db/schema.js';
import { LoginThrottle } from '../src/modules/auth/login-throttle.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { buildUser, createTestApp, type Session, sessionCookie, signIn, TEST_PASSWORD, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildFactbook } from './helpers/factbook.js';
import { incidentInput, pngWith } from './helpers/incidents.js';
import { projectInput } from './helpers/projects.js';
import {
  attachPdf,
  buildWorld,
  type CallerName,
  formCanonicalTeam,
  humanRightsCase,
  type Method,
  populateCase,
  recordCall,
} from './helpers/protection.js';

/**
 * Every index earns its place: the test drives the application's flows through the API, keeps
 * every statement they run, asks the database how it would run each (SQLite's `EXPLAIN QUERY
 * PLAN`; PostgreSQL's `EXPLAIN` with sequential scans discouraged, since its planner rightly
 * scans tables of a few rows), and expects each secondary index of the schema in some plan.
 * An index no query can use costs every write and is dropped by a migration instead.
 */

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

interface SecondaryIndex {
  table: string;
  name: string;
}

/**
 * Indexes that the planner of one dialect passes over where the other's uses them, each with
 * its query. Excused on that dialect only: the run on the other dialect still expects them.
 */
const OTHER_DIALECT_ONLY: Record<Dialect, Record<string, string>> = {
  sqlite: {
    incident_actors_actor:
      'the actor filter’s EXISTS: SQLite probes incident_actors by its primary key for each incident; PostgreSQL makes it a semi-join that reads the actor’s rows by this index',
    incident_shares_unit:
      'the read scope’s EXISTS on shares: SQLite probes the primary key for each incident; PostgreSQL makes it a semi-join that reads the unit’s shares by this index',
  },
  postgres: {
    incidents_killed: 'the killed_desc sort: SQLite reads the page in index order; PostgreSQL sorts a table of a few rows',
  },
};

const EXPLAINED = /^\s*(select|update|delete|with)\b/i;

async function secondaryIndexes(t: TestApp): Promise<SecondaryIndex[]> {
  const db = t.ctx.database.db;
  if (t.ctx.database.dialect === 'sqlite') {
    const { rows } = await sql<SecondaryIndex>`SELECT tbl_name AS "table", name FROM sqlite_master
      WHERE type = 'index' AND sql IS NOT NULL ORDER BY tbl_name, name`.execute(db);
    return rows;
  }
  // Not the indexes of primary keys and UNIQUE constraints: those enforce a rule, whoever reads them.
  const { rows } = await sql<SecondaryIndex>`SELECT t.relname AS "table", i.relname AS name
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = current_schema()::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u'))
    ORDER BY t.relname, i.relname`.execute(db);
  return rows;
}

/**
 * The indexes of a PostgreSQL JSON plan that serve the statement: those with an index condition,
 * or read in order for a statement that sorts. Not a whole index read only because sequential
 * scans are off (a `count(*)` of a table through whichever index is smallest).
 */
function planIndexes(node: unknown, ordered: boolean, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) planIndexes(item, ordered, into);
  else if (node && typeof node === 'object') {
    const plan = node as Record<string, unknown>;
    if (typeof plan['Index Name'] === 'string' && (plan['Index Cond'] !== undefined || ordered)) into.add(plan['Index Name']);
    for (const value of Object.values(plan)) planIndexes(value, ordered, into);
  }
  return into;
}

/** For each index, the statements whose plan uses it; and the statements the database could not explain. */
async function indexUse(t: TestApp, statements: Statement[]): Promise<{ used: Map<string, string[]>; failed: string[] }> {
  const used = new Map<string, string[]>();
  const failed: string[] = [];
  const note = (index: string, statement: string) => used.set(index, [...(used.get(index) ?? []), statement]);
  const sqlite = t.ctx.database.sqlite;
  if (sqlite) {
    for (const s of statements) {
      try {
        const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.parameters as unknown[])) as { detail: string }[];
        for (const { detail } of plan) {
          for (const match of detail.matchAll(/USING (?:COVERING )?INDEX (\S+)/g)) note(match[1] as string, s.sql);
        }
      } catch (error) {
        failed.push(`${s.sql}: ${(error as Error).message}`);
      }
    }
    return { used, failed };
  }
  await t.ctx.database.db.connection().execute(async (connection) => {
    await sql`SET enable_seqscan = off`.execute(connection);
    for (const s of statements) {
      try {
        const { rows } = await connection.executeQuery<{ 'QUERY PLAN': unknown }>(
          CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${s.sql}`, [...s.parameters]),
        );
        for (const index of planIndexes(rows[0]?.['QUERY PLAN'], /\border by\b/i.test(s.sql), new Set())) note(index, s.sql);
      } catch (error) {
        failed.push(`${s.sql}: ${(error as Error).message}`);
      }
    }
    await sql`RESET enable_seqscan`.execute(connection);
  });
  return { used, failed };
}

/** Drives the application's reads and writes through the API, as the people who use it would. */
async function driveFlows(t: TestApp): Promise<void> {
  const refused: string[] = [];
  /** Sends a request; any answer other than a success or the `refusal` given is reported at the end. */
  const send = async (
    session: Session | null,
    method: string,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
    refusal?: number,
  ) => {
    const response = await t.app.inject({
      method: method as 'GET',
      url,
      headers: { ...(session?.headers ?? {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (response.statusCode >= 300 && response.statusCode !== refusal)
      refused.push(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  const get = (session: Session | null, url: string) => send(session, 'GET', url);

  const admin = await buildUser(t.ctx, { admin: true });
  const adminSession = await signIn(t.app, admin.email);
  const auditor = await signIn(t.app, (await buildUser(t.ctx, { auditor: true })).email);
  const officerUser = await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] });
  const officer = await signIn(t.app, officerUser.email);
  const manager = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] })).email);
  const police = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'UNPOL', role: 'officer' }] })).email);

  // Sign-in failures, the session, personal tokens, sign-out.
  for (let i = 0; i < 2; i += 1) {
    await send(null, 'POST', '/api/auth/login', { email: officerUser.email, password: 'wrong password here' }, {}, 401);
  }
  await send(null, 'POST', '/api/auth/login', { email: 'nobody@minusma.test', password: TEST_PASSWORD }, {}, 401);
  const spare = await signIn(t.app, officerUser.email);
  await get(officer, '/api/auth/me');
  const token = (await send(officer, 'POST', '/api/auth/tokens', { label: 'rapport' })).json() as {
    token: string;
    apiToken: { id: string };
  };
  await get(officer, '/api/auth/tokens');
  await send(null, 'GET', '/api/incidents?limit=1', undefined, { authorization: `Bearer ${token.token}` });
  await send(officer, 'DELETE', `/api/auth/tokens/${token.apiToken.id}`);
  await send(spare, 'POST', '/api/auth/logout', {});

  // A second factor with its recovery codes, used to sign in; a new password ends the other sessions.
  const enrolled = await buildUser(t.ctx);
  const enrolledSession = await signIn(t.app, enrolled.email);
  await signIn(t.app, enrolled.email);
  const setup = (await send(enrolledSession, 'POST', '/api/auth/totp/setup', { password: TEST_PASSWORD })).json() as { secret: string };
  const totp = new OTPAuth.TOTP({ issuer: 'Mandat', label: enrolled.email, secret: OTPAuth.Secret.fromBase32(setup.secret) });
  const enabled = await send(enrolledSession, 'POST', '/api/auth/totp/enable', {
    code: totp.generate({ timestamp: t.ctx.now().getTime() }),
  });
  const recoveryCodes = (enabled.json() as { recoveryCodes: string[] }).recoveryCodes;
  await send(null, 'POST', '/api/auth/login', { email: enrolled.email, password: TEST_PASSWORD, recoveryCode: recoveryCodes[0] });
  const csrf = (enabled.json() as { csrfToken: string }).csrfToken;
  const afterTotp = { cookie: sessionCookie(enabled), csrf, headers: { cookie: sessionCookie(enabled), 'x-csrf-token': csrf } };
  await send(afterTotp, 'POST', '/api/auth/totp/recovery-codes', { password: TEST_PASSWORD, recoveryCode: recoveryCodes[1] });
  await send(afterTotp, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' });

  // Incidents: drafts, submitted, verified, shared; with attachments and history.
  const refs: string[] = [];
  const inputs = [
    incidentInput(),
    incidentInput({ occurredOn: '2020-07-16', classification: 'restricted', threatToCivilians: true }),
    incidentInput({ occurredOn: '2020-08-02', title: 'Affrontements près de Ménaka' }),
    incidentInput({ occurredOn: '2020-09-10', location: { place: 'Gao', precision: 'near' }, unit: 'FORCE' }),
  ];
  for (const input of inputs) {
    const draft = (await send(officer, 'POST', '/api/incidents', input)).json() as { ref: string; version: number };
    refs.push(draft.ref);
  }
  for (const ref of refs.slice(1)) {
    const current = (await get(officer, `/api/incidents/${ref}`)).json() as { version: number };
    await send(officer, 'POST', `/api/incidents/${ref}/transitions`, { action: 'submit', version: current.version });
  }
  for (const ref of refs.slice(2)) {
    const current = (await get(manager, `/api/incidents/${ref}`)).json() as { version: number };
    await send(manager, 'POST', `/api/incidents/${ref}/transitions`, { action: 'verify', version: current.version });
  }
  const [first, second] = refs as [string, string];
  const edited = (await get(officer, `/api/incidents/${first}`)).json() as { version: number };
  await send(officer, 'PUT', `/api/incidents/${first}`, {
    incident: incidentInput({ title: 'Attaque près de Ménaka, bilan revu' }),
    version: edited.version,
  });
  await get(officer, `/api/incidents/${first}/history`);
  const png = await send(officer, 'POST', `/api/incidents/${second}/attachments?filename=photo.png`, pngWith('14.9,0.2'), {
    'content-type': 'image/png',
  });
  const fileId = (png.json() as { id?: string }).id;
  if (fileId) await get(officer, `/api/attachments/${fileId}`);
  await send(police, 'GET', `/api/incidents/${second}`, undefined, {}, 404);

  // The list with each filter and each sort, a next page, statistics, map, exports.
  const filters = [
    '',
    'from=2020-07-01&to=2020-12-31',
    'region=ML-9',
    'cercle=MLI-ADM2-8926073B7794266',
    'eventType=battles',
    'category=attack_on_civilians',
    'status=submitted',
    'classification=restricted',
    'unit=FORCE',
    'minKilled=3',
    'threatToCivilians=true',
    'actor=isgs',
    'q=menaka',
  ];
  for (const filter of filters) await get(officer, `/api/incidents?${filter}`);
  for (const sort of ['date_desc', 'date_asc', 'killed_desc', 'updated_desc']) {
    const page = (await get(officer, `/api/incidents?sort=${sort}&limit=1`)).json() as { next: string | null };
    if (page.next) await get(officer, `/api/incidents?sort=${sort}&limit=1&after=${page.next}`);
    await get(police, `/api/incidents?sort=${sort}&limit=2`);
  }
  for (const filter of filters) {
    await get(officer, `/api/incidents/stats?${filter}`);
    await get(officer, `/api/incidents/map?${filter}&zoom=8`);
  }
  await get(officer, '/api/incidents/stats?interval=week');
  await get(officer, '/api/incidents/map?zoom=10&bbox=-5,10,5,20');
  await get(police, '/api/incidents/stats');
  await get(null, '/api/incidents/stats');
  await get(officer, '/api/incidents/export.csv?region=ML-9');
  await get(officer, '/api/incidents/export.geojson');
  await get(officer, '/api/incidents/vocabulary');
  await get(officer, '/api/actors');
  await get(officer, '/api/search?q=menaka');

  // Alerts: rules, subscriptions, an incident that raises them, the inbox, acknowledge and escalate.
  await send(manager, 'POST', '/api/alert-rules', {
    unit: 'FORCE',
    name: 'Attaques à Ménaka',
    kind: 'threshold',
    eventType: 'violence_against_civilians',
    area: 'MLI-ADM2-8926073B7794266',
    threshold: 1,
    windowDays: 7,
  });
  await send(manager, 'POST', '/api/alert-rules', {
    unit: 'FORCE',
    name: 'Menace sur des civils',
    kind: 'threat_to_civilians',
    windowDays: 1,
  });
  await send(manager, 'PUT', '/api/alert-subscriptions/FORCE', { areas: ['ML-9'] });
  await get(manager, '/api/alert-rules');
  await get(manager, '/api/alert-subscriptions');
  for (const overrides of [{ occurredOn: '2020-10-01' }, { occurredOn: '2020-10-02', threatToCivilians: true }]) {
    const draft = (await send(officer, 'POST', '/api/incidents', incidentInput(overrides))).json() as { ref: string; version: number };
    await send(officer, 'POST', `/api/incidents/${draft.ref}/transitions`, { action: 'submit', version: draft.version });
    const submitted = (await get(manager, `/api/incidents/${draft.ref}`)).json() as { version: number };
    await send(manager, 'POST', `/api/incidents/${draft.ref}/transitions`, { action: 'verify', version: submitted.version });
  }
  const alerts = ((await get(officer, '/api/alerts')).json() as { alerts?: { id: string; version: number }[] }).alerts ?? [];
  const [one, two] = alerts;
  if (one) await send(officer, 'POST', `/api/alerts/${one.id}/actions`, { action: 'acknowledge', version: one.version, comment: 'Vu' });
  if (two)
    await send(officer, 'POST', `/api/alerts/${two.id}/actions`, {
      action: 'escalate',
      version: two.version,
      to: 'UNPOL',
      comment: 'Patrouille',
    });
  await get(police, '/api/alerts');
  await get(manager, '/api/alerts?status=open');
  // The operational picture of a day: the open alerts and those raised that day, by the time they were raised.
  await get(officer, '/api/situation/map?day=2020-10-02');

  // Protection: cases, their parts, team, workflow; the hotline queue; statistics.
  const world = await buildWorld(t);
  const wsend = async (caller: CallerName, method: Method, url: string, payload?: unknown) => {
    const response = await world.send(caller, method, url, payload);
    if (response.statusCode >= 300) refused.push(`${caller} ${method} ${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  const created = await world.ok<{ ref: string }>('ownerOfficer', 'POST', '/api/protection/cases', humanRightsCase());
  await formCanonicalTeam(world, created.ref);
  const parts = await populateCase(world, 'teamOfficer', created.ref, { name: 'Aminata Traoré' });
  await attachPdf(world, 'teamOfficer', created.ref, 'rapport.pdf', 'rapport');
  await wsend('teamOfficer', 'GET', `/api/protection/cases/${created.ref}`);
  await wsend('teamOfficer', 'POST', `/api/protection/cases/${created.ref}/persons/${parts.victim}/reveal`, {
    reason: 'Orientation vers un service médical',
  });
  await wsend('teamOfficer', 'POST', `/api/protection/cases/${created.ref}/consents/${parts.sharingConsent}/withdraw`, {
    withdrawnOn: '2020-06-20',
  });
  await wsend('ownerManager', 'GET', `/api/protection/cases/${created.ref}/team/candidates`);
  await wsend('teamOfficer', 'POST', `/api/protection/cases/${created.ref}/persons`, {
    role: 'victim',
    sex: 'female',
    age: 34,
    identity: { name: 'Aminata Traoré' },
  });
  for (const caller of ['teamOfficer', 'ownerViewer', 'ownerManager', 'otherOfficer', 'admin'] as const) {
    await wsend(caller, 'GET', '/api/protection/cases');
    await wsend(caller, 'GET', '/api/protection/cases?programme=human_rights');
  }
  const call = await recordCall(world);
  await recordCall(world, { concern: 'misconduct' });
  for (const caller of ['callOperator', 'ownerOperator', 'ownerOfficer', 'otherOfficer'] as const) {
    await wsend(caller, 'GET', '/api/protection/calls');
    await wsend(caller, 'GET', '/api/protection/calls?scope=queue');
    await wsend(caller, 'GET', '/api/protection/calls?scope=queue&status=queued');
  }
  await wsend('ownerOfficer', 'GET', `/api/protection/calls/${call.ref}`);
  await wsend('ownerOfficer', 'POST', `/api/protection/calls/${call.ref}/accept`, { version: call.version });
  await wsend('ownerManager', 'GET', '/api/protection/stats?programme=human_rights&year=2020&rows=region');
  await wsend('ownerManager', 'GET', '/api/protection/stats/releases');

  // Accounts, memberships waiting for a second person, audit, record history.
  await get(adminSession, '/api/users');
  await send(adminSession, 'POST', '/api/users', {
    email: 'nouvelle@minusma.test',
    name: 'Nouvelle',
    memberships: [
      { unit: 'HRPD', role: 'officer' },
      { unit: 'FORCE', role: 'officer' },
    ],
  });
  const requests =
    ((await wsend('ownerManager', 'GET', '/api/membership-requests')).json() as { requests?: { id: string }[] }).requests ?? [];
  if (requests[0]) await wsend('ownerManager', 'POST', `/api/membership-requests/${requests[0].id}`, { decision: 'approve' });
  await get(adminSession, '/api/membership-requests');
  await get(auditor, '/api/audit');
  await get(auditor, '/api/audit?action=incident.create');
  const firstPage = (await get(auditor, '/api/audit?limit=5')).json() as { next?: string | number | null };
  if (firstPage.next) await get(auditor, `/api/audit?limit=5&before=${firstPage.next}`);
  await get(auditor, '/api/audit/verify');

  // The fact book: sections and their texts, figures, strength.
  await seedFactbook(t.ctx, { id: null, label: 'test' }, { book: buildFactbook() });
  await get(null, '/api/sections');
  const section = (await get(officer, '/api/sections/FORCE')).json() as { texts?: { id: string; version: number }[] };
  const text = section.texts?.[0];
  if (text) {
    // Public content changes through proposals: two on one text, one published (the other goes stale), one rejected.
    const url = `/api/sections/FORCE/texts/${text.id}`;
    const first = (await send(officer, 'POST', `${url}/proposals`, { version: text.version, body: 'Texte revu' })).json() as { id: string };
    await send(manager, 'POST', `${url}/proposals`, { version: text.version, body: 'Texte revu autrement' });
    await get(manager, '/api/proposals');
    await get(officer, '/api/sections/FORCE/proposals');
    await send(manager, 'POST', `/api/sections/FORCE/proposals/${first.id}/publish`, {});
    const again = (await send(officer, 'POST', `${url}/proposals`, { version: text.version + 1, body: 'Encore' })).json() as { id: string };
    await send(manager, 'POST', `/api/sections/FORCE/proposals/${again.id}/reject`, { reason: 'Non' });
    await get(officer, `${url}/history`);
  }
  await get(null, '/api/figures');
  await get(officer, '/api/figures?unit=FORCE');
  const figures = ((await get(officer, '/api/figures?unit=FORCE')).json() as { figures?: { key: string }[] }).figures ?? [];
  if (figures[0]) await get(officer, `/api/figures/${figures[0].key}/history`);
  await get(null, '/api/strength/summary');
  await get(officer, '/api/strength');
  await get(officer, '/api/strength?category=military');
  await get(null, '/api/strength/contributors');
  await get(null, '/api/strength/chart.svg?category=military');
  await send(officer, 'POST', '/api/strength', { asOf: '2020-10-31', category: 'military', authorised: 13289, deployed: 12500 });
  // The fact sheet's PDF cache is keyed on the newest audited change of the public data.
  await get(null, '/api/factsheet.pdf?lang=fr&section=FORCE');
  await get(null, '/api/units');
  await get(null, '/api/mission');

  // The peace process: a provision scored twice, a CSA session with attendance and a decision followed up.
  const mediator = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'MED', role: 'officer' }] })).email);
  const provision = (
    await send(mediator, 'POST', '/api/peace/provisions', { code: 'IDX-1', pillar: 'defence_security', chapter: 'Essai', textFr: 'Essai' })
  ).json() as { id: string; version: number };
  await send(mediator, 'POST', `/api/peace/provisions/${provision.id}/scores`, { period: '2020', score: 1, evidence: 'Essai' });
  await send(mediator, 'POST', `/api/peace/provisions/${provision.id}/scores`, { period: '2020', score: 2, evidence: 'Essai' });
  await send(mediator, 'PATCH', `/api/peace/provisions/${provision.id}`, { version: provision.version, responsible: 'Parties' });
  await get(mediator, `/api/peace/provisions/${provision.id}/history`);
  await get(mediator, '/api/peace/provisions');
  await get(mediator, '/api/peace/dashboard');
  const csaSession = (
    await send(mediator, 'POST', '/api/peace/sessions', {
      body: 'csa',
      heldOn: '2020-02-10',
      place: 'Bamako',
      attendance: [{ delegation: 'CMA', women: 1, men: 4 }],
    })
  ).json() as { id: string };
  const decided = (await send(mediator, 'POST', `/api/peace/sessions/${csaSession.id}/decisions`, { text: 'Essai' })).json() as {
    decisions: { id: string; version: number }[];
  };
  const decision = decided.decisions[0];
  if (decision) await send(mediator, 'PATCH', `/api/peace/decisions/${decision.id}`, { version: decision.version, status: 'done' });
  await get(mediator, `/api/peace/sessions/${csaSession.id}`);
  await get(mediator, '/api/peace/sessions');
  await get(mediator, '/api/peace/participation');
  // The DDR registry: a registration and its variant (queued as a possible duplicate), a step, reads, the review and progress.
  const ddr = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'SSR-DDR', role: 'manager' }] })).email);
  const identity = { name: 'Mohamed Ag Intalla', birthDate: '1985-03-10', documents: [{ kind: 'nina', number: '1234567' }] };
  const base = { movement: 'cma', category: 'combatant', sex: 'male', preRegisteredOn: '2020-02-10' };
  const registered = (await send(ddr, 'POST', '/api/ddr/persons', { ...base, identity })).json() as { code: string; version: number };
  await send(ddr, 'POST', '/api/ddr/persons', { ...base, identity: { ...identity, name: 'Mahamadou Ag Intala' } });
  await send(ddr, 'POST', `/api/ddr/persons/${registered.code}/steps`, { version: registered.version, step: 'register', on: '2020-02-11' });
  await get(ddr, `/api/ddr/persons/${registered.code}`);
  await get(ddr, '/api/ddr/persons?status=registered');
  const queued = (await get(ddr, '/api/ddr/duplicates')).json() as { items: { id: string }[] };
  if (queued.items[0]) await send(ddr, 'POST', `/api/ddr/duplicates/${queued.items[0].id}/decision`, { decision: 'same' });
  await send(ddr, 'PUT', '/api/ddr/targets/cma', { target: 1500 });
  await get(ddr, '/api/ddr/progress');
  // The results framework: an objective, an entered indicator with two values and a computed one, bound to a fiche figure.
  const planner = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email);
  const goal = (await send(planner, 'POST', '/api/results/objectives', { unit: 'FORCE', titleFr: 'Essai', titleEn: 'Test' })).json() as {
    id: string;
  };
  const period = { periodStart: '2020-01-01', periodEnd: '2020-12-31' };
  const entered = (
    await send(planner, 'POST', `/api/results/objectives/${goal.id}/indicators`, {
      titleFr: 'Essai',
      titleEn: 'Test',
      measure: 'count',
      ...period,
    })
  ).json() as { id: string };
  await send(planner, 'POST', `/api/results/indicators/${entered.id}/values`, {
    value: 10,
    period: '2020',
    source: 'Essai',
    women: 4,
    men: 6,
  });
  await send(planner, 'POST', `/api/results/indicators/${entered.id}/values`, { value: 12, period: '2020', source: 'Essai' });
  const computed = (
    await send(planner, 'POST', `/api/results/objectives/${goal.id}/indicators`, {
      titleFr: 'Déployés',
      titleEn: 'Deployed',
      measure: 'count',
      ...period,
      rule: { kind: 'strength.deployed', params: { category: 'military' } },
    })
  ).json() as { id: string };
  await send(planner, 'PUT', '/api/figures/test.deployed/binding', { indicatorId: computed.id });
  await get(planner, '/api/results');
  await get(planner, `/api/results/indicators/${entered.id}`);
  await get(null, '/api/figures');
  await send(planner, 'DELETE', '/api/figures/test.deployed/binding');
  // A public project, approved, with an indicator that measures it: the IATI export reads its results.
  const cad = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'CAD', role: 'officer' }] })).email);
  const cadManager = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'CAD', role: 'manager' }] })).email);
  let project = (await send(cad, 'POST', '/api/projects', projectInput({ classification: 'public' }))).json() as {
    id: string;
    version: number;
  };
  project = (
    await send(cad, 'POST', `/api/projects/${project.id}/transitions`, { action: 'review', version: project.version, comment: '' })
  ).json() as typeof project;
  await send(cadManager, 'POST', `/api/projects/${project.id}/transitions`, { action: 'approve', version: project.version, comment: '' });
  await send(planner, 'POST', `/api/results/objectives/${goal.id}/indicators`, {
    titleFr: 'Mesure du projet',
    titleEn: 'Project measure',
    measure: 'count',
    ...period,
    projectId: project.id,
  });
  await get(null, '/api/projects/iati.xml');
  // Justice and corrections: a prison assessed twice and counted, read, listed and the shares.
  const jcs = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'JCS', role: 'officer' }] })).email);
  const prison = (await send(jcs, 'POST', '/api/justice/facilities', { kind: 'prison', name: 'Prison de Gao', place: 'Gao' })).json() as {
    id: string;
  };
  await send(jcs, 'POST', `/api/justice/facilities/${prison.id}/assessments`, {
    assessedOn: '2020-03-01',
    status: 'functional',
    source: 'Essai',
  });
  await send(jcs, 'POST', `/api/justice/facilities/${prison.id}/assessments`, {
    assessedOn: '2020-06-01',
    status: 'not_functional',
    source: 'Essai',
  });
  await send(jcs, 'POST', `/api/justice/facilities/${prison.id}/population`, {
    countedOn: '2020-06-01',
    women: 2,
    men: 50,
    pretrialWomen: 1,
    pretrialMen: 30,
    source: 'Essai',
  });
  await get(jcs, `/api/justice/facilities/${prison.id}`);
  await get(jcs, '/api/justice/facilities');
  await get(jcs, '/api/justice/dashboard');

  expect(refused, 'requests the flows expected to succeed').toEqual([]);
}

describe.each(DIALECTS)('indexes (%s)', (dialect) => {
  test('every secondary index is used by a query the application runs', async () => {
    const statements = new Map<string, Statement>();
    let capturing = true;
    const t = await createTestApp(dialect, new LoginThrottle(), {
      onQuery: (text, parameters) => {
        if (capturing && EXPLAINED.test(text) && !statements.has(text)) statements.set(text, { sql: text, parameters });
      },
    });
    try {
      await driveFlows(t);
      capturing = false;
      const indexes = await secondaryIndexes(t);
      const { used, failed } = await indexUse(t, [...statements.values()]);
      const unused: string[] = [];
      for (const index of indexes) {
        const by = used.get(index.name) ?? [];
        const excuse = OTHER_DIALECT_ONLY[dialect][index.name];
        if (by.length === 0 && !excuse) unused.push(`${index.table}.${index.name}`);
        const example = by[0] ? `e.g. ${by[0].replace(/\s+/g, ' ').slice(0, 160)}` : `none here: ${excuse ?? 'UNUSED'}`;
        console.log(`${dialect} ${index.table}.${index.name}: ${by.length} statement(s), ${example}`);
      }
      expect(failed, 'statements the database could not explain').toEqual([]);
      expect(indexes.length).toBeGreaterThan(30);
      expect(unused, 'indexes no query of the application uses').toEqual([]);
    } finally {
      capturing = false;
      await t.close();
    }
  }, 120_000);
});
