import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HotlineCall, ProtectionCase } from '../src/contracts/protection.js';
import type { Database } from '../src/db/schema.js';
import { buildUser, createTestApp, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import {
  attachPdf,
  buildWorld,
  CALLER_NAMES,
  type CallerName,
  type CaseParts,
  formCanonicalTeam,
  hotlineCall,
  humanRightsCase,
  type Method,
  misconductCase,
  OTHER,
  OWNER,
  pdfWith,
  populateCase,
  recordCall,
  restoreFormerTeamOfficer,
  type World,
} from './helpers/protection.js';

/**
 * The access matrix of every protection route: each caller × route, run against one HRPD case
 * (opened from a hotline call) and the calls around it. Expected outcomes come from the rules
 * (SECURITY.md, the protection policy as specified), not from the code:
 *
 * R reads the case (unit managers, case team) · W works on it (unit managers, team members who
 * are the unit's officers) · A assigns its team (unit managers) · C opens HRPD cases (HRPD
 * officers, managers) · H records calls on an HRPD line (its operators, officers, managers) ·
 * Q works HRPD's intake queue, X CDT's (officers, managers of the unit) · O took the calls.
 *
 * A case or call the caller may not read answers exactly like one that does not exist.
 */
const RIGHTS: Record<CallerName, string> = {
  anonymous: '',
  admin: '',
  auditor: '',
  ownerViewer: '',
  ownerOperator: 'H',
  ownerOfficer: 'CHQ',
  teamOfficer: 'RWCHQ',
  ownerManager: 'RWACHQ',
  teamManager: 'RWACHQ',
  // Still on the team, but now a viewer of the unit: a team member reads only while an officer.
  formerTeamOfficer: '',
  otherOfficer: 'X',
  otherManager: 'X',
  forceOfficer: '',
  callOperator: 'HO',
};
const has = (caller: CallerName, right: string) => RIGHTS[caller].includes(right);

type Outcome = 'allow' | 403 | 404;
const reads = (c: CallerName): Outcome => (has(c, 'R') ? 'allow' : 404);
const works = (c: CallerName): Outcome => (has(c, 'W') ? 'allow' : has(c, 'R') ? 403 : 404);
const intake =
  (unit: 'Q' | 'X') =>
  (c: CallerName): Outcome =>
    has(c, unit) ? 'allow' : has(c, 'O') ? 403 : 404;

const MISSING_CASE = 'PRO-1999-999999';
const MISSING_CALL = 'APP-1999-999999';
const PROTECTION_TABLES: (keyof Database)[] = [
  'protection_cases',
  'protection_team',
  'protection_persons',
  'protection_acts',
  'protection_consents',
  'protection_services',
  'protection_shares',
  'protection_steps',
  'hotline_calls',
];

interface Request {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** The record reference in `url` a nonexistent one replaces, to compare "hidden" with "missing". */
  hides?: { ref: string; missing: string };
}

interface Route {
  method: Method;
  /** As declared by the router. */
  path: string;
  label: string;
  expected(caller: CallerName): Outcome;
  /** What an anonymous visitor gets: 401 at the gate, unless the route is public. */
  anonymous?: 404;
  prepare(caller: CallerName): Promise<Request>;
  /** The status of an allowed request. */
  status?: number;
  /** What an allowed response must show; a failure message or null. */
  check?(caller: CallerName, response: LightMyRequestResponse): string | null;
  /** An allowed read leaves this audit entry (and a denied one does not). */
  audit?: { action: string; recordId(): string | null };
  /** Changes data: a denied request must leave every protection table as it was. */
  write?: boolean;
  after?(caller: CallerName): Promise<void>;
}

describe.each(DIALECTS)('protection access matrix (%s)', (dialect) => {
  let t: TestApp;
  let w: World;
  /** The matrix case, opened from call A by the team officer; its team: team officer, team manager, former officer. */
  let c: CaseParts;
  let victimName: string;
  /** Another HRPD case the team officer works on (created by them), and a CDT case they may not read. */
  let d: CaseParts;
  let e: CaseParts;
  /** Call A (HRPD line, human rights → HRPD, accepted into case C), call B (→ CDT, queued), call Q (→ HRPD, queued). */
  let callA: HotlineCall;
  let callB: HotlineCall;
  let callQ: HotlineCall;
  let victimId: string;
  let callAId: string;
  /** A file attached to case C. */
  let fileId: string;
  const MISSING_FILE = randomUUID();
  const hotlineCallBody = hotlineCall({ summary: 'Appel enregistré par la matrice' });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t);
    callA = await recordCall(w, {
      summary: 'Arrestations de commerçants au marché de Gao',
      callerContact: '+223 76 11 22 33',
      mayContact: true,
    });
    const accepted = await w.ok<{ caseRef: string }>('teamOfficer', 'POST', `/api/protection/calls/${callA.ref}/accept`, {
      version: callA.version,
    });
    await formCanonicalTeam(w, accepted.caseRef);
    victimName = 'Oumou Sangaré Matrice';
    c = await populateCase(w, 'teamOfficer', accepted.caseRef, { name: victimName, contact: '+223 66 00 00 01' });
    fileId = await attachPdf(w, 'teamOfficer', c.ref, 'certificat-medical.pdf', 'Certificat medical de Gao');
    callB = await recordCall(w, { concern: 'misconduct', summary: 'Un casque bleu aurait exigé de l’argent' });
    callQ = await recordCall(w, { summary: 'Menaces contre un témoin à Ansongo' });
    const dCase = await w.ok('teamOfficer', 'POST', '/api/protection/cases', humanRightsCase({ summary: 'Enlèvement à Douentza' }));
    d = await populateCase(w, 'teamOfficer', dCase.ref, { name: 'Hawa Diallo' });
    const eCase = await w.ok('otherOfficer', 'POST', '/api/protection/cases', misconductCase());
    e = await populateCase(w, 'otherOfficer', eCase.ref, { name: 'Mariam Coulibaly' });
  });
  afterAll(async () => t?.close());

  const db = () => t.ctx.database.db;
  const caseBase = () => `/api/protection/cases/${c.ref}`;
  const hideCase = () => ({ ref: c.ref, missing: MISSING_CASE });
  const caseRow = () => db().selectFrom('protection_cases').selectAll().where('ref', '=', c.ref).executeTakeFirstOrThrow();
  const callId = async (ref: string) =>
    (await db().selectFrom('hotline_calls').select('id').where('ref', '=', ref).executeTakeFirstOrThrow()).id;
  const personId = async (pseudonym: string) =>
    (await db().selectFrom('protection_persons').select('id').where('pseudonym', '=', pseudonym).executeTakeFirstOrThrow()).id;

  /** A consent of case C's victim that is not withdrawn yet, for one withdrawal cell. */
  async function freshConsent(): Promise<string> {
    const before = new Set((await db().selectFrom('protection_consents').select('id').execute()).map((r) => r.id));
    await w.ok('teamOfficer', 'POST', `${caseBase()}/persons/${c.victim}/consents`, {
      purpose: 'reporting',
      givenBy: 'person',
      obtainedOn: '2020-06-20',
    });
    const after = await db().selectFrom('protection_consents').select('id').execute();
    const fresh = after.find((r) => !before.has(r.id));
    if (!fresh) throw new Error('no fresh consent');
    return fresh.id;
  }

  /** Every row of every protection table, as one comparable string. */
  async function snapshot(): Promise<string> {
    const tables = await Promise.all(
      PROTECTION_TABLES.map(async (table) => {
        const rows = await db().selectFrom(table).selectAll().execute();
        return `${table}:${rows
          .map((r) => JSON.stringify(r))
          .sort()
          .join('\n')}`;
      }),
    );
    return tables.join('\n');
  }

  async function auditCount(action: string, actorId: string | null, recordId: string | null): Promise<number> {
    if (!actorId) return 0;
    let q = db()
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', action)
      .where('actor_id', '=', actorId);
    q = recordId === null ? q.where('record_id', 'is', null) : q.where('record_id', '=', recordId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  const refsOf = (response: LightMyRequestResponse) => (response.json() as { items: { ref: string }[] }).items.map((i) => i.ref);
  const listed = (response: LightMyRequestResponse, ref: string, expected: boolean, what: string) =>
    refsOf(response).includes(ref) === expected ? null : `${what} ${expected ? 'missing' : 'listed'}`;

  function routes(): Route[] {
    const caseRoute = (
      method: Method,
      path: string,
      label: string,
      prepare: (caller: CallerName) => Promise<Omit<Request, 'hides'>>,
      extra: Partial<Route> = {},
    ): Route => ({
      method,
      path,
      label,
      expected: works,
      write: true,
      prepare: async (caller) => ({ ...(await prepare(caller)), hides: hideCase() }),
      ...extra,
    });
    const freshCall = (concern: string) => recordCall(w, { concern, summary: 'Appel pour la matrice d’accès' });
    return [
      {
        method: 'GET',
        path: '/api/protection/cases',
        label: 'case list',
        expected: () => 'allow',
        prepare: async () => ({ url: '/api/protection/cases?limit=200' }),
        check: (caller, r) => listed(r, c.ref, has(caller, 'R'), 'case C'),
        audit: { action: 'protection.case.list', recordId: () => null },
      },
      {
        method: 'GET',
        path: '/api/protection/cases',
        label: 'case search by ref',
        expected: () => 'allow',
        prepare: async () => ({ url: `/api/protection/cases?q=${c.ref}` }),
        check: (caller, r) => listed(r, c.ref, has(caller, 'R'), 'case C'),
      },
      {
        method: 'GET',
        path: '/api/protection/cases',
        label: 'case search by pseudonym',
        expected: () => 'allow',
        prepare: async () => ({ url: `/api/protection/cases?q=${c.victim.toLowerCase()}` }),
        check: (caller, r) => listed(r, c.ref, has(caller, 'R'), 'case C'),
      },
      {
        method: 'POST',
        path: '/api/protection/cases',
        label: 'open a case',
        expected: (caller) => (has(caller, 'C') ? 'allow' : 403),
        status: 201,
        write: true,
        prepare: async () => ({ url: '/api/protection/cases', payload: humanRightsCase() }),
        check: (_, r) => ((r.json() as ProtectionCase).unit === OWNER ? null : 'not an HRPD case'),
      },
      {
        method: 'GET',
        path: '/api/protection/cases/:ref',
        label: 'case detail',
        expected: reads,
        prepare: async () => ({ url: caseBase(), hides: hideCase() }),
        check: (_, r) => {
          const body = r.json() as ProtectionCase;
          return body.ref === c.ref && body.summary.length > 0 && body.persons.some((p) => p.pseudonym === c.victim) ? null : 'not case C';
        },
        audit: { action: 'protection.case.read', recordId: () => c.id },
      },
      caseRoute('PUT', '/api/protection/cases/:ref', 'edit the case', async () => {
        const row = await caseRow();
        return {
          url: caseBase(),
          payload: { version: row.version, case: { occurredOn: '2020-06-01', region: 'ML-7', summary: 'Arrestations au marché de Gao' } },
        };
      }),
      caseRoute('POST', '/api/protection/cases/:ref/transition', 'workflow move', async () => {
        const row = await caseRow();
        const action = row.status === 'closed' ? 'reopen' : 'close';
        return { url: `${caseBase()}/transition`, payload: { action, version: row.version, comment: 'Contrôle de la matrice' } };
      }),
      caseRoute(
        'PUT',
        '/api/protection/cases/:ref/team',
        'assign the team',
        async () => ({ url: `${caseBase()}/team`, payload: { members: [w.idOf('teamOfficer'), w.idOf('teamManager')] } }),
        {
          expected: (caller) => (has(caller, 'A') ? 'allow' : has(caller, 'R') ? 403 : 404),
          after: () => restoreFormerTeamOfficer(w, c.ref),
        },
      ),
      {
        method: 'GET',
        path: '/api/protection/cases/:ref/team/candidates',
        label: 'team candidates',
        expected: (caller) => (has(caller, 'A') ? 'allow' : has(caller, 'R') ? 403 : 404),
        prepare: async () => ({ url: `${caseBase()}/team/candidates`, hides: hideCase() }),
        // The unit's active officers and managers, and no one else.
        check: (_, r) => {
          const ids = (r.json() as { candidates: { id: string }[] }).candidates.map((x) => x.id);
          const want = ['ownerOfficer', 'teamOfficer', 'ownerManager', 'teamManager'].map((x) => w.idOf(x as CallerName));
          const unwanted = ['ownerViewer', 'ownerOperator', 'formerTeamOfficer', 'otherOfficer', 'forceOfficer'].map((x) =>
            w.idOf(x as CallerName),
          );
          return want.every((id) => ids.includes(id)) && !unwanted.some((id) => ids.includes(id)) ? null : 'wrong candidates';
        },
      },
      caseRoute(
        'POST',
        '/api/protection/cases/:ref/persons',
        'add a person',
        async () => ({ url: `${caseBase()}/persons`, payload: { role: 'witness', sex: 'unknown' } }),
        { status: 201 },
      ),
      {
        method: 'POST',
        path: '/api/protection/cases/:ref/persons/:pseudonym/reveal',
        label: 'reveal an identity',
        expected: reads,
        prepare: async () => ({
          url: `${caseBase()}/persons/${c.victim}/reveal`,
          payload: { reason: 'Vérification du dossier avant orientation' },
          hides: hideCase(),
        }),
        check: (_, r) => ((r.json() as { name: string }).name === victimName ? null : 'not the identity'),
        audit: { action: 'protection.identity.reveal', recordId: () => victimId },
      },
      caseRoute('POST', '/api/protection/cases/:ref/persons/:pseudonym/consents', 'record a consent', async () => ({
        url: `${caseBase()}/persons/${c.victim}/consents`,
        payload: { purpose: 'referral', givenBy: 'person', obtainedOn: '2020-06-20' },
      })),
      caseRoute('POST', '/api/protection/cases/:ref/consents/:id/withdraw', 'withdraw a consent', async () => ({
        url: `${caseBase()}/consents/${await freshConsent()}/withdraw`,
        payload: { withdrawnOn: '2020-07-01' },
      })),
      caseRoute('POST', '/api/protection/cases/:ref/acts', 'add an act', async () => ({
        url: `${caseBase()}/acts`,
        payload: { victim: c.victim, party: 'unknown', violation: 'torture', occurredOn: '2020-06-01', region: 'ML-7' },
      })),
      caseRoute('POST', '/api/protection/cases/:ref/acts/:id/verification', 'verify an act', async () => ({
        url: `${caseBase()}/acts/${c.act}/verification`,
        payload: { verification: 'verified', verifiedOn: '2020-07-02', standardOfProof: 'reasonable_grounds' },
      })),
      caseRoute('POST', '/api/protection/cases/:ref/services', 'refer to a service', async () => ({
        url: `${caseBase()}/services`,
        payload: { person: c.victim, kind: 'psychosocial', provider: 'Centre d’écoute de Gao', referredOn: '2020-06-21' },
      })),
      caseRoute('POST', '/api/protection/cases/:ref/services/:id', 'update a service', async () => ({
        url: `${caseBase()}/services/${c.service}`,
        payload: { status: 'in_progress', on: '2020-07-03' },
      })),
      caseRoute('POST', '/api/protection/cases/:ref/shares', 'record a share', async () => ({
        url: `${caseBase()}/shares`,
        payload: { partner: 'UNICEF', persons: [c.victim] },
      })),
      caseRoute(
        'POST',
        '/api/protection/cases/:ref/attachments',
        'attach a file',
        async () => ({
          url: `${caseBase()}/attachments?filename=rapport.pdf`,
          payload: pdfWith('Rapport de la matrice'),
          headers: { 'content-type': 'application/pdf' },
        }),
        { status: 201 },
      ),
      {
        method: 'GET',
        path: '/api/attachments/:id',
        label: 'download a case file',
        expected: reads,
        anonymous: 404,
        prepare: async () => ({ url: `/api/attachments/${fileId}`, hides: { ref: fileId, missing: MISSING_FILE } }),
        check: (_, r) =>
          r.body.includes('Certificat medical de Gao') && r.headers['content-type'] === 'application/pdf' ? null : 'not the file',
        audit: { action: 'attachment.read', recordId: () => fileId },
      },
      {
        method: 'POST',
        path: '/api/protection/calls',
        label: 'record a call',
        expected: (caller) => (has(caller, 'H') ? 'allow' : 403),
        status: 201,
        write: true,
        prepare: async () => ({ url: '/api/protection/calls', payload: hotlineCallBody }),
        check: (_, r) => ((r.json() as HotlineCall).routedTo === OWNER ? null : 'not routed to HRPD'),
      },
      {
        method: 'GET',
        path: '/api/protection/calls',
        label: 'my calls',
        expected: () => 'allow',
        prepare: async () => ({ url: '/api/protection/calls?scope=mine' }),
        check: (caller, r) => listed(r, callA.ref, has(caller, 'O'), 'call A'),
        audit: { action: 'hotline.call.list', recordId: () => null },
      },
      {
        method: 'GET',
        path: '/api/protection/calls',
        label: 'my intake queues',
        expected: () => 'allow',
        prepare: async () => ({ url: '/api/protection/calls?scope=queue' }),
        check: (caller, r) => listed(r, callQ.ref, has(caller, 'Q'), 'call Q') ?? listed(r, callB.ref, has(caller, 'X'), 'call B'),
      },
      {
        method: 'GET',
        path: '/api/protection/calls',
        label: 'HRPD intake queue',
        expected: (caller) => (has(caller, 'Q') ? 'allow' : 403),
        prepare: async () => ({ url: `/api/protection/calls?scope=queue&unit=${OWNER}` }),
        check: (_, r) => listed(r, callQ.ref, true, 'call Q') ?? listed(r, callB.ref, false, 'call B'),
      },
      {
        method: 'GET',
        path: '/api/protection/calls',
        label: 'CDT intake queue',
        expected: (caller) => (has(caller, 'X') ? 'allow' : 403),
        prepare: async () => ({ url: `/api/protection/calls?scope=queue&unit=${OTHER}` }),
        check: (_, r) => listed(r, callB.ref, true, 'call B') ?? listed(r, callQ.ref, false, 'call Q'),
      },
      {
        method: 'GET',
        path: '/api/protection/calls/:ref',
        label: 'call detail (HRPD, became case C)',
        expected: (caller) => (has(caller, 'O') || has(caller, 'Q') ? 'allow' : 404),
        prepare: async () => ({ url: `/api/protection/calls/${callA.ref}`, hides: { ref: callA.ref, missing: MISSING_CALL } }),
        // Operators never see cases, not even the one their call became: only the case's readers get
        // its ref, and the call's content, which went with the case.
        check: (caller, r) => {
          const body = r.json() as HotlineCall;
          const reader = has(caller, 'R');
          const expected = reader ? c.ref : null;
          return body.caseRef === expected && body.summary.length > 0 === reader && body.contentWithCase === !reader
            ? null
            : `caseRef ${body.caseRef}, expected ${expected}; summary shown: ${body.summary.length > 0}`;
        },
        audit: { action: 'hotline.call.read', recordId: () => callAId },
      },
      {
        method: 'GET',
        path: '/api/protection/calls/:ref',
        label: 'call detail (routed to CDT)',
        expected: (caller) => (has(caller, 'O') || has(caller, 'X') ? 'allow' : 404),
        prepare: async () => ({ url: `/api/protection/calls/${callB.ref}`, hides: { ref: callB.ref, missing: MISSING_CALL } }),
        check: (_, r) => ((r.json() as HotlineCall).routedTo === OTHER ? null : 'not call B'),
      },
      ...(['accept', 'dismiss'] as const).flatMap((action): Route[] =>
        (
          [
            ['human_rights', 'Q', OWNER],
            ['misconduct', 'X', OTHER],
          ] as const
        ).map(([concern, queue, unit]) => ({
          method: 'POST',
          path: `/api/protection/calls/:ref/${action}`,
          label: `${action} a call (${unit} queue)`,
          expected: intake(queue),
          write: true,
          prepare: async () => {
            const call = await freshCall(concern);
            return {
              url: `/api/protection/calls/${call.ref}/${action}`,
              payload: { version: call.version },
              hides: { ref: call.ref, missing: MISSING_CALL },
            };
          },
          check: (_, r) => {
            const body = r.json() as { caseRef?: string; status?: string };
            return action === 'accept'
              ? /^PRO-/.test(body.caseRef ?? '')
                ? null
                : 'no case'
              : body.status === 'dismissed'
                ? null
                : 'not dismissed';
          },
        })),
      ),
      ...(
        [
          ['human_rights', 'Q', OWNER, 'misconduct', OTHER],
          ['misconduct', 'X', OTHER, 'human_rights', OWNER],
        ] as const
      ).map(
        ([concern, queue, unit, to, toUnit]): Route => ({
          method: 'POST',
          path: '/api/protection/calls/:ref/forward',
          label: `forward a call (${unit} queue)`,
          expected: intake(queue),
          write: true,
          prepare: async () => {
            const call = await freshCall(concern);
            return {
              url: `/api/protection/calls/${call.ref}/forward`,
              payload: { version: call.version, concern: to },
              hides: { ref: call.ref, missing: MISSING_CALL },
            };
          },
          check: (_, r) => ((r.json() as { routedTo?: string }).routedTo === toUnit ? null : 'not forwarded'),
        }),
      ),
      // Statistics: live counts for the owning unit's managers (A), released quarters for every member.
      {
        method: 'GET',
        path: '/api/protection/stats',
        label: 'live statistics',
        expected: (caller) => (has(caller, 'A') ? 'allow' : 403),
        prepare: async () => ({ url: '/api/protection/stats?programme=human_rights&year=2020&rows=region' }),
      },
      {
        method: 'GET',
        path: '/api/protection/stats.csv',
        label: 'live statistics as CSV',
        expected: (caller) => (has(caller, 'A') ? 'allow' : 403),
        prepare: async () => ({ url: '/api/protection/stats.csv?programme=human_rights&year=2020&rows=region' }),
      },
      {
        method: 'POST',
        path: '/api/protection/stats/releases',
        label: 'release a quarter',
        expected: (caller) => (has(caller, 'A') ? 'allow' : 403),
        status: 201,
        write: true,
        // A year of its own per caller: a quarter is released once.
        prepare: async (caller) => ({
          url: '/api/protection/stats/releases',
          payload: { programme: 'human_rights', year: 2001 + CALLER_NAMES.indexOf(caller), quarter: 1 },
        }),
      },
      {
        method: 'GET',
        path: '/api/protection/stats/latest',
        label: 'the latest year with statistics',
        expected: () => 'allow',
        prepare: async () => ({ url: '/api/protection/stats/latest?programme=human_rights' }),
        // Released quarters are of the years 2000 onwards, one per caller; a live year is shown only to the unit's managers.
        check: (caller, r) => {
          const { year } = r.json() as { year: number | null };
          return has(caller, 'A') || year === null || year < 2015 ? null : `live year ${year} shown`;
        },
      },
      {
        method: 'GET',
        path: '/api/protection/stats/releases',
        label: 'released quarters',
        expected: () => 'allow',
        prepare: async () => ({ url: '/api/protection/stats/releases?programme=human_rights' }),
      },
      {
        method: 'GET',
        path: '/api/protection/stats/releases/:id',
        label: 'a released table',
        expected: () => 'allow',
        prepare: async () => ({ url: `/api/protection/stats/releases/${await releaseId()}?rows=region&columns=sex` }),
      },
      {
        method: 'GET',
        path: '/api/protection/stats/releases/:id.csv',
        label: 'a released table as CSV',
        expected: () => 'allow',
        prepare: async () => ({ url: `/api/protection/stats/releases/${await releaseId()}.csv?rows=region` }),
      },
    ];
  }

  let release: string | null = null;
  /** A released quarter (2000 Q1, released once by the owning unit's manager). */
  async function releaseId(): Promise<string> {
    release ??= (
      await w.ok<{ id: string }>('ownerManager', 'POST', '/api/protection/stats/releases', {
        programme: 'human_rights',
        year: 2000,
        quarter: 1,
      })
    ).id;
    return release;
  }

  test('every caller × every protection route: 0 unexpected allows, 0 unexpected denies, hidden = missing', async () => {
    victimId = await personId(c.victim);
    callAId = await callId(callA.ref);
    const all = routes();

    // Every case and call route the router declares is in the matrix.
    const covered = new Set(all.map((r) => `${r.method} ${r.path}`));
    const declared = t.app.declaredRoutes
      .filter((r) => (/^\/api\/protection\/(cases|calls|stats)/.test(r.url) || r.url === '/api/attachments/:id') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(declared.filter((r) => !covered.has(r))).toEqual([]);
    expect(declared.length).toBe(covered.size);

    const failures: string[] = [];
    const tally = { cells: 0, allowed: 0, denied: 0, unexpectedAllows: 0, unexpectedDenies: 0, wrongDenial: 0, hiddenCompared: 0 };
    for (const route of all) {
      for (const caller of CALLER_NAMES) {
        const expected: Outcome | 401 = caller === 'anonymous' ? (route.anonymous ?? 401) : route.expected(caller);
        const request = await route.prepare(caller);
        const where = `${caller} ${route.method} ${route.label}`;
        const actorId = w.callers[caller].id;
        const auditId = route.audit?.recordId() ?? null;
        const auditBefore = route.audit ? await auditCount(route.audit.action, actorId, auditId) : 0;
        const before = route.write && expected !== 'allow' ? await snapshot() : '';
        const response = await w.send(caller, route.method, request.url, request.payload, request.headers);
        tally.cells += 1;
        const allowed = response.statusCode >= 200 && response.statusCode < 300;
        if (allowed) tally.allowed += 1;
        else tally.denied += 1;
        expect(response.statusCode, `${where}: ${response.body}`).toBeLessThan(500);

        if (expected === 'allow') {
          if (!allowed) {
            tally.unexpectedDenies += 1;
            failures.push(`unexpected deny: ${where} → ${response.statusCode}`);
            continue;
          }
          if (response.statusCode !== (route.status ?? 200)) failures.push(`${where}: status ${response.statusCode}`);
          const problem = route.check?.(caller, response);
          if (problem) failures.push(`${where}: ${problem}`);
          if (route.audit && (await auditCount(route.audit.action, actorId, auditId)) !== auditBefore + 1)
            failures.push(`${where}: read not audited (${route.audit.action})`);
          await route.after?.(caller);
          continue;
        }
        if (allowed) {
          tally.unexpectedAllows += 1;
          failures.push(`unexpected allow: ${where} → ${response.statusCode}`);
          await route.after?.(caller);
          continue;
        }
        if (response.statusCode !== expected) {
          tally.wrongDenial += 1;
          failures.push(`${where}: ${response.statusCode}, expected ${expected}`);
        }
        if (route.write && (await snapshot()) !== before) failures.push(`${where}: a denied request changed data`);
        if (route.audit && (await auditCount(route.audit.action, actorId, auditId)) !== auditBefore)
          failures.push(`${where}: a denied read was recorded as a read`);
        if ((expected === 404 || expected === 401) && request.hides) {
          const missing = await w.send(
            caller,
            route.method,
            request.url.replace(request.hides.ref, request.hides.missing),
            request.payload,
            request.headers,
          );
          tally.hiddenCompared += 1;
          if (
            missing.statusCode !== response.statusCode ||
            missing.body !== response.body ||
            missing.headers['content-type'] !== response.headers['content-type']
          )
            failures.push(
              `${where}: hidden answers ${response.statusCode} ${response.body}, missing ${missing.statusCode} ${missing.body}`,
            );
        }
      }
    }
    console.info(
      `protection access matrix (${dialect}): ${all.length} routes × ${CALLER_NAMES.length} callers = ${tally.cells} cells; ` +
        `${tally.allowed} allowed, ${tally.denied} denied (${tally.hiddenCompared} compared with a missing record); ` +
        `${tally.unexpectedAllows} unexpected allows, ${tally.unexpectedDenies} unexpected denies, ${tally.wrongDenial} wrong denials`,
    );
    expect(failures).toEqual([]);
    expect(tally.cells).toBe(all.length * CALLER_NAMES.length);
    // The matrix exercises both sides of every rule.
    expect(tally.allowed).toBeGreaterThan(60);
    expect(tally.denied).toBeGreaterThan(200);
  });

  test('ids of another case’s consents, acts, services and persons are refused under a case the caller works on', async () => {
    const base = caseBase();
    const failures: string[] = [];
    let cells = 0;
    const probe = async (label: string, method: Method, url: string, payload: unknown, missingUrl: string, missingPayload = payload) => {
      const before = await snapshot();
      const response = await w.send('teamOfficer', method, url, payload);
      const missing = await w.send('teamOfficer', method, missingUrl, missingPayload);
      cells += 1;
      if (response.statusCode < 400) failures.push(`${label}: accepted (${response.statusCode})`);
      if (response.statusCode !== missing.statusCode || response.body !== missing.body)
        failures.push(
          `${label}: ${response.statusCode} ${response.body} differs from a nonexistent id: ${missing.statusCode} ${missing.body}`,
        );
      if ((await snapshot()) !== before) failures.push(`${label}: data changed`);
      return response;
    };
    for (const [name, foreign] of [
      ['another case of the same unit the caller works on', d],
      ['a case of another unit', e],
    ] as const) {
      const label = (what: string) => `${what} of ${name} under case C`;
      const none = randomUUID();
      expect(
        (
          await probe(
            label('consent'),
            'POST',
            `${base}/consents/${foreign.referralConsent}/withdraw`,
            { withdrawnOn: '2020-07-01' },
            `${base}/consents/${none}/withdraw`,
          )
        ).statusCode,
      ).toBe(404);
      const verification = { verification: 'verified', verifiedOn: '2020-07-02', standardOfProof: 'reasonable_grounds' };
      expect(
        (await probe(label('act'), 'POST', `${base}/acts/${foreign.act}/verification`, verification, `${base}/acts/${none}/verification`))
          .statusCode,
      ).toBe(404);
      expect(
        (
          await probe(
            label('service'),
            'POST',
            `${base}/services/${foreign.service}`,
            { status: 'completed', on: '2020-07-03' },
            `${base}/services/${none}`,
          )
        ).statusCode,
      ).toBe(404);
      const reason = { reason: 'Vérification du dossier avant orientation' };
      expect(
        (
          await probe(
            label('pseudonym (reveal)'),
            'POST',
            `${base}/persons/${foreign.victim}/reveal`,
            reason,
            `${base}/persons/V-0000/reveal`,
          )
        ).statusCode,
      ).toBe(404);
      const consent = { purpose: 'referral', givenBy: 'person', obtainedOn: '2020-06-20' };
      expect(
        (
          await probe(
            label('pseudonym (consent)'),
            'POST',
            `${base}/persons/${foreign.victim}/consents`,
            consent,
            `${base}/persons/V-0000/consents`,
          )
        ).statusCode,
      ).toBe(404);
      const service = { kind: 'medical', provider: 'Hôpital de Gao', referredOn: '2020-06-21' };
      expect(
        (
          await probe(
            label('pseudonym in a referral'),
            'POST',
            `${base}/services`,
            { ...service, person: foreign.victim },
            `${base}/services`,
            { ...service, person: 'V-0000' },
          )
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await probe(
            label('pseudonym in a share'),
            'POST',
            `${base}/shares`,
            { partner: 'UNICEF', persons: [c.victim, foreign.victim] },
            `${base}/shares`,
            { partner: 'UNICEF', persons: [c.victim, 'V-0000'] },
          )
        ).statusCode,
      ).toBe(404);
      const act = { party: 'unknown', violation: 'torture', occurredOn: '2020-06-01', region: 'ML-7' };
      // Named in a body, an unknown victim is a validation error, the same for a foreign one as for none.
      expect(
        (
          await probe(label('pseudonym as a victim'), 'POST', `${base}/acts`, { ...act, victim: foreign.victim }, `${base}/acts`, {
            ...act,
            victim: 'V-0000',
          })
        ).statusCode,
      ).toBe(400);
      expect(
        (
          await probe(
            label('pseudonym as a perpetrator'),
            'POST',
            `${base}/acts`,
            { ...act, victim: c.victim, perpetrator: foreign.perpetrator },
            `${base}/acts`,
            { ...act, victim: c.victim, perpetrator: 'P-0000' },
          )
        ).statusCode,
      ).toBe(400);
    }
    // The foreign records are untouched.
    for (const foreign of [d, e]) {
      const consent = await db()
        .selectFrom('protection_consents')
        .selectAll()
        .where('id', '=', foreign.referralConsent)
        .executeTakeFirstOrThrow();
      expect(consent.withdrawn_on).toBeNull();
      const act = await db().selectFrom('protection_acts').selectAll().where('id', '=', foreign.act).executeTakeFirstOrThrow();
      expect(act.verification).toBe('pending');
      const service = await db().selectFrom('protection_services').selectAll().where('id', '=', foreign.service).executeTakeFirstOrThrow();
      expect(service.status).toBe('referred');
    }
    // Case C's own ids under a case the caller may not read: the case is missing.
    for (const [url, payload] of [
      [`/api/protection/cases/${e.ref}/consents/${c.referralConsent}/withdraw`, { withdrawnOn: '2020-07-01' }],
      [`/api/protection/cases/${e.ref}/persons/${c.victim}/reveal`, { reason: 'Vérification du dossier avant orientation' }],
      [`/api/protection/cases/${e.ref}/services/${c.service}`, { status: 'completed', on: '2020-07-03' }],
    ] as const) {
      expect((await probe(`case C's ids under case E`, 'POST', url, payload, url.replace(e.ref, MISSING_CASE))).statusCode).toBe(404);
    }
    // Ids nested in bodies that are not fields of the contract are rejected, never applied.
    const body = (value: object) => JSON.stringify(value);
    const mass: [Method, string, string][] = [
      ['POST', '/api/protection/cases', body({ ...humanRightsCase(), unit: OTHER })],
      ['POST', '/api/protection/cases', body({ ...humanRightsCase(), team: [w.idOf('forceOfficer')] })],
      ['POST', '/api/protection/cases', `{"__proto__":{"unit":"${OTHER}"},${body(humanRightsCase()).slice(1)}`],
      ['PUT', base, body({ version: 1, case: { occurredOn: '2020-06-01', region: 'ML-7', summary: 'x', unit: OTHER } })],
      ['PUT', base, body({ version: 1, case: { occurredOn: '2020-06-01', region: 'ML-7', summary: 'x' }, id: e.id, ref: e.ref })],
      ['POST', `${base}/persons`, body({ role: 'victim', caseId: e.id, id: randomUUID() })],
      ['POST', '/api/protection/calls', body({ ...hotlineCallBody, routedTo: 'FORCE', operator: w.idOf('forceOfficer') })],
      ['POST', `/api/protection/calls/${callQ.ref}/accept`, body({ version: callQ.version, unit: 'FORCE' })],
    ];
    for (const [method, url, payload] of mass) {
      const before = await snapshot();
      const response = await t.app.inject({
        method,
        url,
        headers: { ...(w.callers.teamManager.session?.headers ?? {}), 'content-type': 'application/json' },
        payload,
      });
      cells += 1;
      if (response.statusCode !== 400) failures.push(`mass assignment ${method} ${url} ${payload}: ${response.statusCode}`);
      if ((await snapshot()) !== before) failures.push(`mass assignment ${method} ${url}: data changed`);
    }
    // A pseudonym of a case the caller may not read finds nothing; one of a case they may read finds it.
    const search = async (q: string) => refsOf(await w.send('teamOfficer', 'GET', `/api/protection/cases?q=${q}`));
    expect(await search(e.victim)).toEqual([]);
    expect(await search(d.victim)).toEqual([d.ref]);
    console.info(`protection object-id tampering (${dialect}): ${cells} probes, ${failures.length} accepted or distinguishable`);
    expect(failures).toEqual([]);
  });

  test('walking every case number: each answers 200 exactly for its readers, and 404 alike for everyone else', async () => {
    const cases = await db().selectFrom('protection_cases').select(['id', 'ref', 'unit_code']).execute();
    const team = await db().selectFrom('protection_team').select(['case_id', 'user_id']).execute();
    const memberships = await db().selectFrom('memberships').selectAll().execute();
    const year = c.ref.slice(4, 8);
    const max = Math.max(...cases.map((x) => Number(x.ref.slice(-6))));
    const missing = (await w.send('ownerOfficer', 'GET', `/api/protection/cases/${MISSING_CASE}`)).body;
    const failures: string[] = [];
    let cells = 0;
    for (const caller of CALLER_NAMES.filter((x) => x !== 'anonymous')) {
      const id = w.idOf(caller);
      for (let n = 1; n <= max + 2; n += 1) {
        const ref = `PRO-${year}-${String(n).padStart(6, '0')}`;
        const row = cases.find((x) => x.ref === ref);
        // The rule: the owning unit's managers, and the case team's members while officers of the unit.
        const roleInUnit = row && memberships.find((m) => m.user_id === id && m.unit_code === row.unit_code)?.role;
        const may =
          row !== undefined &&
          (roleInUnit === 'manager' || (roleInUnit === 'officer' && team.some((m) => m.case_id === row.id && m.user_id === id)));
        const response = await w.send(caller, 'GET', `/api/protection/cases/${ref}`);
        cells += 1;
        if (response.statusCode !== (may ? 200 : 404)) failures.push(`${caller} ${ref}: ${response.statusCode}`);
        if (!may && response.body !== missing) failures.push(`${caller} ${ref}: 404 body differs`);
      }
    }
    console.info(`protection case enumeration (${dialect}): ${cells} refs probed`);
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThanOrEqual(13 * 5);
  });

  test('without a second factor: 403 before any lookup, the same for a hidden record as for a missing one', async () => {
    // Members whose accounts do not sign in with TOTP: a unit manager (who would otherwise read the case) and a Force officer.
    const failures: string[] = [];
    let cells = 0;
    for (const memberships of [[{ unit: OWNER, role: 'manager' as const }], [{ unit: 'FORCE', role: 'officer' as const }]]) {
      const user = await buildUser(t.ctx, { memberships, secondFactor: false });
      const session = await signIn(t.app, user.email);
      const get = (url: string) => t.app.inject({ url, headers: session.headers });
      for (const [url, missingUrl] of [
        [caseBase(), `/api/protection/cases/${MISSING_CASE}`],
        [`/api/protection/calls/${callA.ref}`, `/api/protection/calls/${MISSING_CALL}`],
        [`/api/attachments/${fileId}`, `/api/attachments/${MISSING_FILE}`],
      ] as const) {
        const [hidden, missing] = [await get(url), await get(missingUrl)];
        cells += 1;
        if (hidden.statusCode < 400) failures.push(`${memberships[0]?.unit} ${memberships[0]?.role} ${url}: ${hidden.statusCode}`);
        if (hidden.statusCode !== missing.statusCode || hidden.body !== missing.body)
          failures.push(
            `${memberships[0]?.unit} ${memberships[0]?.role} ${url}: ${hidden.statusCode} ${hidden.body} ≠ missing ${missing.statusCode} ${missing.body}`,
          );
      }
    }
    console.info(`protection second-factor gate (${dialect}): ${cells} hidden/missing pairs`);
    expect(failures).toEqual([]);
  });
});
