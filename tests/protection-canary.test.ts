import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HotlineCall, ProtectionCase } from '../src/contracts/protection.js';
import type { Database } from '../src/db/schema.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
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
  populateCase,
  recordCall,
  type World,
} from './helpers/protection.js';

/**
 * Canary crawl of protection data: a unique marker in every confidential field (case summary and
 * exact place, step comments, every identity field, call summary and caller contact), then every
 * read surface — protection lists, searches, details, reveals, calls, error responses, the
 * OpenAPI document, incidents, search, audit log, every other GET route — crawled as every
 * caller. A marker may appear only on the surface that holds it, for that record's readers (from
 * the rules, not the code), and must appear there for each of them.
 */

const mark = (field: string) => `CANARY-${field}-${randomBytes(5).toString('hex')}`;

/** The readers of each record, from the rules: the unit's managers and the case team; a call's operator and the receiving unit's officers and managers. */
const READERS = {
  /** HRPD case, team: team officer, team manager, former officer (now a viewer, so no longer a reader). */
  caseM: ['ownerManager', 'teamManager', 'teamOfficer'],
  /** HRPD case opened from call K by the team officer (the only member of its team). */
  caseM2: ['ownerManager', 'teamManager', 'teamOfficer'],
  /** CDT case opened by the CDT officer. */
  caseN: ['otherManager', 'otherOfficer'],
  /** Call on an HRPD line about human rights, routed to HRPD and accepted as case M2: its content is then the case's readers'. */
  callK: ['teamOfficer', 'ownerManager', 'teamManager'],
  /** Call on an HRPD line about misconduct, routed to CDT. */
  callK2: ['callOperator', 'otherOfficer', 'otherManager'],
} as const satisfies Record<string, readonly CallerName[]>;

interface Marker {
  field: string;
  /** Every spelling to look for (a date in ISO and French form). */
  forms: string[];
  /** The surfaces it may appear on, and for whom. */
  where: { surface: string; readers: readonly CallerName[] }[];
  /** Must be seen by every permitted reader there (false for values since replaced, or never stored). */
  required: boolean;
}

interface Seen {
  caller: CallerName;
  surface: string;
  status: number;
  body: string;
}

describe.each(DIALECTS)('protection canary crawl (%s)', (dialect) => {
  let t: TestApp;
  let w: World;
  let m: CaseParts;
  let m2: string;
  let n: CaseParts;
  let callK: HotlineCall;
  let callK2: HotlineCall;
  let incidentRef: string;
  /** Files of case M and case N: name and content carry markers. */
  let fileM: string;
  let fileN: string;
  const markers: Marker[] = [];
  const rejected: string[] = [];
  const seen: Seen[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildWorld(t);
    // An internal incident, submitted so that every member may read it, which case M will cite.
    const incident = await w.ok<{ ref: string; version: number }>(
      'forceOfficer',
      'POST',
      '/api/incidents',
      incidentInput({ title: 'Incident lié au dossier' }),
    );
    await w.ok('forceOfficer', 'POST', `/api/incidents/${incident.ref}/transitions`, { action: 'submit', version: incident.version });
    incidentRef = incident.ref;

    const v = Object.fromEntries(
      [
        'summaryBefore',
        'placeBefore',
        'summary',
        'place',
        'closeComment',
        'reopenComment',
        'name',
        'contact',
        'address',
        'description',
        'callSummary',
        'callContact',
        'cdtSummary',
        'cdtPlace',
        'cdtName',
        'cdtContact',
        'cdtCallSummary',
        'cdtCallContact',
        'fileName',
        'fileContent',
        'cdtFileName',
        'cdtFileContent',
      ].map((field) => [field, mark(field)]),
    ) as Record<string, string>;
    const birth = `19${randomInt(10, 30)}-0${randomInt(1, 10)}-${randomInt(10, 29)}`;
    const birthFr = `${birth.slice(8, 10)}/${birth.slice(5, 7)}/${birth.slice(0, 4)}`;
    const cdtBirth = `18${randomInt(50, 99)}-1${randomInt(0, 3)}-0${randomInt(1, 10)}`;
    const text = (field: string) => v[field] as string;

    // Case M (HRPD), edited, closed and reopened with comments; its victim's identity carries a marker in every field.
    let c = await w.ok('teamOfficer', 'POST', '/api/protection/cases', {
      ...humanRightsCase({ summary: text('summaryBefore'), place: text('placeBefore') }),
      incidentRefs: [incidentRef],
    });
    await formCanonicalTeam(w, c.ref);
    c = await w.ok('teamOfficer', 'PUT', `/api/protection/cases/${c.ref}`, {
      version: (await w.ok('teamOfficer', 'GET', `/api/protection/cases/${c.ref}`)).version,
      case: { occurredOn: '2020-03-02', region: 'ML-5', summary: text('summary'), place: text('place'), incidentRefs: [incidentRef] },
    });
    c = await w.ok('teamOfficer', 'POST', `/api/protection/cases/${c.ref}/transition`, {
      action: 'close',
      version: c.version,
      comment: text('closeComment'),
    });
    c = await w.ok('teamOfficer', 'POST', `/api/protection/cases/${c.ref}/transition`, {
      action: 'reopen',
      version: c.version,
      comment: text('reopenComment'),
    });
    m = await populateCase(w, 'teamOfficer', c.ref, {
      name: text('name'),
      contact: text('contact'),
      birthDate: birth,
      address: text('address'),
      description: text('description'),
    });
    fileM = await attachPdf(w, 'teamOfficer', m.ref, `${text('fileName')}.pdf`, text('fileContent'));
    // A withdrawn consent, for the "already withdrawn" error.
    await w.ok('teamOfficer', 'POST', `/api/protection/cases/${m.ref}/consents/${m.sharingConsent}/withdraw`, {
      withdrawnOn: '2020-07-01',
    });

    // Call K (→ HRPD) becomes case M2; call K2 (→ CDT) stays queued.
    callK = await recordCall(w, { summary: text('callSummary'), callerContact: text('callContact'), mayContact: true });
    m2 = (await w.ok<{ caseRef: string }>('teamOfficer', 'POST', `/api/protection/calls/${callK.ref}/accept`, { version: callK.version }))
      .caseRef;
    callK2 = await recordCall(w, {
      concern: 'misconduct',
      summary: text('cdtCallSummary'),
      callerContact: text('cdtCallContact'),
      mayContact: true,
    });

    // Case N (CDT).
    const cdt = await w.ok(
      'otherOfficer',
      'POST',
      '/api/protection/cases',
      misconductCase({ summary: text('cdtSummary'), place: text('cdtPlace') }),
    );
    n = await populateCase(w, 'otherOfficer', cdt.ref, { name: text('cdtName'), contact: text('cdtContact'), birthDate: cdtBirth });
    fileN = await attachPdf(w, 'otherOfficer', n.ref, `${text('cdtFileName')}.pdf`, text('cdtFileContent'));

    const on = (surface: string, readers: readonly CallerName[]) => ({ surface, readers });
    const add = (field: string, where: Marker['where'], required = true, forms = [text(field)]) =>
      markers.push({ field, forms, where, required });
    add('summaryBefore', [on(`case ${m.ref}`, READERS.caseM)], false);
    add('placeBefore', [on(`case ${m.ref}`, READERS.caseM)], false);
    for (const field of ['summary', 'place', 'closeComment', 'reopenComment']) add(field, [on(`case ${m.ref}`, READERS.caseM)]);
    for (const field of ['name', 'contact', 'address', 'description']) add(field, [on(`reveal ${m.ref} ${m.victim}`, READERS.caseM)]);
    add('birthDate', [on(`reveal ${m.ref} ${m.victim}`, READERS.caseM)], true, [birth]);
    add('birthDate (French form)', [], false, [birthFr]);
    // A call's summary becomes the summary of the case it is turned into.
    add('callSummary', [on(`call ${callK.ref}`, READERS.callK), on(`case ${m2}`, READERS.caseM2)]);
    add('callContact', [on(`call ${callK.ref}`, READERS.callK)]);
    add('cdtSummary', [on(`case ${n.ref}`, READERS.caseN)]);
    add('cdtPlace', [on(`case ${n.ref}`, READERS.caseN)]);
    add('cdtName', [on(`reveal ${n.ref} ${n.victim}`, READERS.caseN)]);
    add('cdtContact', [on(`reveal ${n.ref} ${n.victim}`, READERS.caseN)]);
    add('cdtBirthDate', [on(`reveal ${n.ref} ${n.victim}`, READERS.caseN)], true, [cdtBirth]);
    // A file's name is listed with its case and sent with the file; its content only with the file.
    add('fileName', [on(`case ${m.ref}`, READERS.caseM), on(`file ${fileM}`, READERS.caseM)]);
    add('fileContent', [on(`file ${fileM}`, READERS.caseM)]);
    add('cdtFileName', [on(`case ${n.ref}`, READERS.caseN), on(`file ${fileN}`, READERS.caseN)]);
    add('cdtFileContent', [on(`file ${fileN}`, READERS.caseN)]);
    add('cdtCallSummary', [on(`call ${callK2.ref}`, READERS.callK2)]);
    add('cdtCallContact', [on(`call ${callK2.ref}`, READERS.callK2)]);

    // Every quarter of 2020 released for both programmes that hold markers, so that released tables are crawled too.
    for (const programme of ['human_rights', 'misconduct'])
      for (const quarter of [1, 2, 3, 4]) {
        const caller = programme === 'human_rights' ? 'ownerManager' : 'otherManager';
        await w.ok(caller, 'POST', '/api/protection/stats/releases', { programme, year: 2020, quarter });
      }
  });
  afterAll(async () => t?.close());

  /** Sends and records what came back: the body and the headers (a file's name travels in one). */
  async function visit(
    caller: CallerName,
    surface: string,
    method: Method,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ) {
    const response = await w.send(caller, method, url, payload, headers);
    expect(response.statusCode, `${caller} ${surface}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
    seen.push({
      caller,
      surface,
      status: response.statusCode,
      body: `${response.body}\n${JSON.stringify(response.headers)}`.toLowerCase(),
    });
    return response;
  }

  /** Bad input on every write route, carrying markers that must be neither stored nor echoed. */
  async function sendBadInput(caller: CallerName): Promise<void> {
    const r = (field: string) => {
      const value = mark(`rejected-${field}`);
      rejected.push(value);
      return value;
    };
    const db = t.ctx.database.db;
    const version = async (ref: string) =>
      (await db.selectFrom('protection_cases').select('version').where('ref', '=', ref).executeTakeFirstOrThrow()).version;
    const caseInput = () => ({ occurredOn: '2020-03-02', region: 'ML-5', summary: r('summary'), place: r('place') });
    const base = `/api/protection/cases/${m.ref}`;
    const identity = () => ({ name: r('name'), contact: r('contact'), address: r('address'), description: r('description') });
    const requests: [string, Method, string, unknown][] = [
      ['open a case, unknown region', 'POST', '/api/protection/cases', humanRightsCase({ ...caseInput(), region: 'ML-99' })],
      [
        'open a case, summary too long',
        'POST',
        '/api/protection/cases',
        humanRightsCase({ summary: `${r('long')} ${'x'.repeat(20_001)}` }),
      ],
      ['open a case, date in the future', 'POST', '/api/protection/cases', humanRightsCase({ ...caseInput(), occurredOn: '2999-01-01' })],
      ['edit, unknown region', 'PUT', base, { version: await version(m.ref), case: { ...caseInput(), region: 'ML-99' } }],
      ['edit, stale version', 'PUT', base, { version: 1, case: caseInput() }],
      [
        'edit, unknown incident',
        'PUT',
        base,
        { version: await version(m.ref), case: { ...caseInput(), incidentRefs: ['MLI-1999-999999'] } },
      ],
      ['move, stale version', 'POST', `${base}/transition`, { action: 'close', version: 1, comment: r('comment') }],
      ['move, not allowed', 'POST', `${base}/transition`, { action: 'report', version: await version(m.ref), comment: r('comment') }],
      [
        'person, birth date in the future',
        'POST',
        `${base}/persons`,
        { role: 'victim', identity: { ...identity(), birthDate: '2999-01-01' } },
      ],
      ['person, group size of an individual', 'POST', `${base}/persons`, { role: 'victim', groupSize: 5, identity: identity() }],
      ['person, field too long', 'POST', `${base}/persons`, { role: 'victim', identity: { name: `${r('name')}${'y'.repeat(300)}` } }],
      ['reveal, reason too short', 'POST', `${base}/persons/${m.victim}/reveal`, { reason: 'court' }],
      [
        'consent to share, no partner',
        'POST',
        `${base}/persons/${m.victim}/consents`,
        { purpose: 'sharing', givenBy: 'person', obtainedOn: '2020-06-15' },
      ],
      ['withdraw, already withdrawn', 'POST', `${base}/consents/${m.sharingConsent}/withdraw`, { withdrawnOn: '2020-07-02' }],
      [
        'act, perpetrator as victim',
        'POST',
        `${base}/acts`,
        { victim: m.perpetrator, party: 'unknown', violation: 'torture', occurredOn: '2020-06-01', region: 'ML-7' },
      ],
      [
        'verification, no standard of proof',
        'POST',
        `${base}/acts/${m.act}/verification`,
        { verification: 'verified', verifiedOn: '2020-07-02' },
      ],
      [
        'service, not a victim',
        'POST',
        `${base}/services`,
        { person: m.perpetrator, kind: 'medical', provider: 'Hôpital de Gao', referredOn: '2020-06-21' },
      ],
      ['service update, before referral', 'POST', `${base}/services/${m.service}`, { status: 'completed', on: '2019-01-01' }],
      ['share, partner without consent', 'POST', `${base}/shares`, { partner: 'CICR', persons: [m.victim] }],
      [
        'call, contact without consent',
        'POST',
        '/api/protection/calls',
        hotlineCall({ summary: r('callSummary'), callerContact: r('callContact') }),
      ],
      [
        'call, in the future',
        'POST',
        '/api/protection/calls',
        hotlineCall({ summary: r('callSummary'), receivedAt: '2999-01-01T00:00:00Z' }),
      ],
      ['accept, stale version', 'POST', `/api/protection/calls/${callK2.ref}/accept`, { version: 99 }],
      ['dismiss, already handled', 'POST', `/api/protection/calls/${callK.ref}/dismiss`, { version: callK.version + 1 }],
    ];
    for (const [label, method, url, payload] of requests) {
      const response = await visit(caller, `error: ${label}`, method, url, payload);
      expect(response.statusCode, `${caller} ${label}: ${response.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    }
    // Files: empty, of a refused type, truncated.
    for (const [label, body, type] of [
      ['file, empty', Buffer.alloc(0), 'application/pdf'],
      ['file, refused type', Buffer.from(`GIF89a ${r('fileContent')}`), 'application/octet-stream'],
      ['file, truncated PDF', Buffer.from(`%PDF-1.4 ${r('fileContent')}`), 'application/pdf'],
    ] as const) {
      const url = `${base}/attachments?filename=${encodeURIComponent(`${r('fileName')}.pdf`)}`;
      const response = await visit(caller, `error: ${label}`, 'POST', url, body, { 'content-type': type });
      expect(response.statusCode, `${caller} ${label}`).toBeGreaterThanOrEqual(400);
    }
    // Malformed JSON around a marker.
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/protection/cases',
      headers: { ...(w.callers[caller].session?.headers ?? {}), 'content-type': 'application/json' },
      payload: `{"programme":"human_rights","summary":"${r('malformed')}`,
    });
    seen.push({ caller, surface: 'error: malformed JSON', status: malformed.statusCode, body: malformed.body.toLowerCase() });
    expect(malformed.statusCode).toBeGreaterThanOrEqual(400);
  }

  /** Every read surface, as one caller. */
  async function crawl(caller: CallerName): Promise<void> {
    const cases = [m.ref, m2, n.ref, 'PRO-1999-999999'];
    const calls = [callK.ref, callK2.ref, 'APP-1999-999999'];
    const pseudonyms: [string, string][] = [
      [m.ref, m.victim],
      [m.ref, m.perpetrator],
      [n.ref, n.victim],
    ];
    await visit(caller, 'case list', 'GET', '/api/protection/cases?limit=200');
    for (const programme of ['human_rights', 'misconduct'])
      await visit(caller, 'case list', 'GET', `/api/protection/cases?programme=${programme}`);
    for (const ref of cases) await visit(caller, 'case search', 'GET', `/api/protection/cases?q=${ref}`);
    for (const [, pseudonym] of pseudonyms) await visit(caller, 'case search', 'GET', `/api/protection/cases?q=${pseudonym}`);
    for (const ref of cases) await visit(caller, `case ${ref}`, 'GET', `/api/protection/cases/${ref}`);
    for (const [ref, pseudonym] of pseudonyms) {
      await visit(caller, `reveal ${ref} ${pseudonym}`, 'POST', `/api/protection/cases/${ref}/persons/${pseudonym}/reveal`, {
        reason: 'Contrôle des accès au dossier',
      });
    }
    for (const query of ['scope=mine', 'scope=queue', 'scope=queue&unit=HRPD', 'scope=queue&unit=CDT', 'scope=mine&status=accepted']) {
      await visit(caller, 'call list', 'GET', `/api/protection/calls?${query}`);
    }
    for (const ref of calls) await visit(caller, `call ${ref}`, 'GET', `/api/protection/calls/${ref}`);
    for (const id of [fileM, fileN, randomUUID()]) await visit(caller, `file ${id}`, 'GET', `/api/attachments/${id}`);

    // Searches in other modules (their lists, exports and the linked incident come with every other GET route below).
    const probe = markers.find((x) => x.field === 'summary')?.forms[0] ?? '';
    for (const url of ['/api/incidents?limit=200', `/api/incidents?q=${probe}`, `/api/search?q=${probe}`])
      await visit(caller, url, 'GET', url);
    // Statistics, where the module declares them.
    if (t.app.declaredRoutes.some((r) => r.url === '/api/protection/stats')) {
      await visit(caller, 'stats', 'GET', '/api/protection/stats?programme=human_rights&year=2020&rows=region');
      await visit(caller, 'stats', 'GET', '/api/protection/stats.csv?programme=misconduct&year=2020&rows=region');
      const releases = await visit(caller, 'releases', 'GET', '/api/protection/stats/releases?year=2020');
      const items = releases.statusCode === 200 ? (releases.json() as { items: { id: string; programme: string }[] }).items : [];
      if (caller !== 'anonymous') expect(items).toHaveLength(8);
      for (const { id, programme } of items) {
        const rows = programme === 'misconduct' ? 'personnel' : 'violation';
        const table = await visit(caller, `release ${id}`, 'GET', `/api/protection/stats/releases/${id}?rows=region&columns=${rows}`);
        const csv = await visit(caller, `release ${id} csv`, 'GET', `/api/protection/stats/releases/${id}.csv?rows=${rows}`);
        expect([table.statusCode, csv.statusCode]).toEqual([200, 200]);
      }
    }
    // Every other GET route, parameters filled in (the incident: the one case M cites); the API document once (/api/docs/* is the same).
    for (const route of t.app.declaredRoutes) {
      if (route.method !== 'GET' || !route.url.startsWith('/api/') || route.url.startsWith('/api/docs/')) continue;
      if (route.url.startsWith('/api/protection/') || route.url.startsWith('/api/audit') || route.url.endsWith('.pdf')) continue;
      const url = route.url
        .replace(':ref', incidentRef)
        .replace(':unit', 'HRPD')
        .replace(':key', 'protection')
        .replace(':id', randomUUID())
        .replace('*', '');
      await visit(caller, `GET ${route.url}`, 'GET', url);
    }
  }

  /** The audit log through its API, every page. */
  async function crawlAudit(caller: CallerName): Promise<number> {
    let before: number | null = null;
    let pages = 0;
    do {
      const response = await visit(caller, 'audit', 'GET', `/api/audit?limit=200${before ? `&before=${before}` : ''}`);
      if (response.statusCode !== 200) return pages;
      pages += 1;
      before = (response.json() as { nextBefore: number | null }).nextBefore;
    } while (before !== null);
    await visit(caller, 'audit', 'GET', '/api/audit/verify');
    return pages;
  }

  test('markers appear only where their readers may see them, and there for each of them', async () => {
    for (const caller of CALLER_NAMES) await sendBadInput(caller);
    for (const caller of CALLER_NAMES) await crawl(caller);
    const auditPages = { admin: await crawlAudit('admin'), auditor: await crawlAudit('auditor') };
    for (const caller of CALLER_NAMES.filter((c) => c !== 'admin' && c !== 'auditor')) await crawlAudit(caller);

    const violations: string[] = [];
    const found = new Set<string>();
    let hits = 0;
    const all: Marker[] = [
      ...markers,
      ...rejected.map((value) => ({ field: 'rejected input', forms: [value], where: [], required: false })),
    ];
    for (const s of seen) {
      for (const marker of all) {
        if (!marker.forms.some((form) => s.body.includes(form.toLowerCase()))) continue;
        hits += 1;
        const permitted = marker.where.some((p) => p.surface === s.surface && p.readers.includes(s.caller));
        if (permitted) found.add(`${s.caller}|${s.surface}|${marker.field}`);
        else violations.push(`${marker.field} seen by ${s.caller} on ${s.surface} (${s.status})`);
      }
    }
    // The crawl can fail: each reader sees each marker where it belongs.
    const missing: string[] = [];
    let required = 0;
    for (const marker of markers.filter((x) => x.required)) {
      for (const { surface, readers } of marker.where) {
        for (const reader of readers) {
          required += 1;
          if (!found.has(`${reader}|${surface}|${marker.field}`)) missing.push(`${marker.field} not seen by ${reader} on ${surface}`);
        }
      }
    }
    console.info(
      `protection canary crawl (${dialect}): ${markers.length} markers in stored confidential fields + ${rejected.length} in rejected input, ${seen.length} responses from ${CALLER_NAMES.length} callers, ` +
        `${hits} marker sightings (${required} required, all permitted: ${violations.length === 0}), ${violations.length} leaks; ` +
        `audit pages read: admin ${auditPages.admin}, auditor ${auditPages.auditor}`,
    );
    expect(violations).toEqual([]);
    expect(missing).toEqual([]);
    expect(auditPages.admin).toBeGreaterThan(0);
    expect(auditPages.auditor).toBeGreaterThan(0);
    // The audit log the auditor read does record the reads and reveals, by whom, without their content.
    const audit = seen.filter((s) => s.caller === 'auditor' && s.surface === 'audit' && s.status === 200).map((s) => s.body);
    for (const action of [
      'protection.case.read',
      'protection.identity.reveal',
      'protection.case.list',
      'hotline.call.read',
      'hotline.call.list',
    ]) {
      expect(
        audit.some((body) => body.includes(`"${action}"`)),
        action,
      ).toBe(true);
    }
    // Crawled surfaces hold data: the linked (internal) incident is listed and exported for every signed-in caller.
    const incidentSurfaces = ['/api/incidents?limit=200', 'GET /api/incidents/export.csv', 'GET /api/incidents/:ref'];
    for (const s of seen.filter((x) => x.caller !== 'anonymous' && incidentSurfaces.includes(x.surface))) {
      expect(s.body, `${s.caller} ${s.surface}`).toContain(incidentRef.toLowerCase());
    }
    // The worklist names a case or a call only to those who may read it, and does name some.
    const worklists = seen.filter((x) => x.surface === 'GET /api/worklist');
    expect(worklists.length).toBe(CALLER_NAMES.length);
    const records: [string, readonly CallerName[]][] = [
      [m.ref, READERS.caseM],
      [m2, READERS.caseM2],
      [n.ref, READERS.caseN],
      [callK.ref, READERS.callK],
      [callK2.ref, READERS.callK2],
    ];
    for (const s of worklists) {
      for (const [ref, readers] of records) {
        if (s.body.includes(ref.toLowerCase())) expect(readers, `${s.caller} sees ${ref} on the worklist`).toContain(s.caller);
      }
    }
    expect(worklists.some((s) => records.some(([ref]) => s.body.includes(ref.toLowerCase())))).toBe(true);
  });

  test('the stored audit trail holds no confidential content, and rejected input was stored nowhere', async () => {
    const rows = await t.ctx.database.db.selectFrom('audit_log').selectAll().execute();
    expect(rows.length).toBeGreaterThan(100);
    const reveals = rows.filter((r) => r.action === 'protection.identity.reveal');
    expect(reveals.length).toBeGreaterThan(0);
    const forms = [...markers.flatMap((x) => x.forms), ...rejected].map((f) => f.toLowerCase());
    const inAudit = rows.flatMap((row) => {
      const text = JSON.stringify(row).toLowerCase();
      return forms.filter((f) => text.includes(f)).map((f) => `audit #${row.seq} ${row.action}: ${f}`);
    });
    expect(inAudit).toEqual([]);
    // Rejected input: in no table at all. (Stored markers are sealed: see tests/protection-storage.test.ts.)
    const tables: (keyof Database)[] = [
      'protection_cases',
      'protection_persons',
      'protection_steps',
      'protection_consents',
      'protection_services',
      'protection_shares',
      'hotline_calls',
      'incidents',
      'attachments',
      'audit_log',
    ];
    for (const table of tables) {
      const text = JSON.stringify(await t.ctx.database.db.selectFrom(table).selectAll().execute()).toLowerCase();
      for (const form of [...markers.flatMap((x) => x.forms), ...rejected])
        expect(text.includes(form.toLowerCase()), `${table}: ${form}`).toBe(false);
    }
  });

  test('legitimate readers do see the content (positive controls)', async () => {
    const detail = await w.send('teamOfficer', 'GET', `/api/protection/cases/${m.ref}`);
    expect(detail.headers['cache-control']).toBe('no-store');
    const body = detail.json() as ProtectionCase;
    const value = (field: string) => markers.find((x) => x.field === field)?.forms[0];
    expect(body.summary).toBe(value('summary'));
    expect(body.place).toBe(value('place'));
    expect(body.steps.map((s) => s.comment)).toEqual(expect.arrayContaining([value('closeComment'), value('reopenComment')]));
    expect(body.incidentRefs).toEqual([incidentRef]);
    const identity = await w.ok<Record<string, string>>(
      'teamManager',
      'POST',
      `/api/protection/cases/${m.ref}/persons/${m.victim}/reveal`,
      {
        reason: 'Contrôle des accès au dossier',
      },
    );
    expect(identity).toMatchObject({
      name: value('name'),
      contact: value('contact'),
      address: value('address'),
      description: value('description'),
    });
    expect(body.attachments.map((f) => f.filename)).toEqual([`${value('fileName')}.pdf`]);
    const file = await w.send('teamManager', 'GET', `/api/attachments/${fileM}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain(value('fileContent'));
    expect(file.headers['content-disposition']).toContain(value('fileName'));
    const call = await w.ok<HotlineCall>('teamOfficer', 'GET', `/api/protection/calls/${callK.ref}`);
    expect(call).toMatchObject({ summary: value('callSummary'), callerContact: value('callContact'), caseRef: m2 });
    // The operator keeps the call, not what it became: its content went with the case.
    const operator = await w.ok<HotlineCall>('callOperator', 'GET', `/api/protection/calls/${callK.ref}`);
    expect(operator).toMatchObject({ summary: '', callerContact: '', caseRef: null, contentWithCase: true });
  });
});
