import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HotlineCall, ProtectionCase } from '../src/contracts/protection.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

const misconductCase = {
  programme: 'misconduct',
  occurredOn: '2020-06-14',
  region: 'ML-7',
  summary: 'Allégation d’exploitation sexuelle près du camp de Gao',
  channel: 'hotline',
};

describe.each(DIALECTS)('protection cases (%s)', (dialect) => {
  let t: TestApp;
  let cdtOfficer: Session;
  let cdtOfficer2: { id: string; session: Session };
  let cdtManager: Session;
  let cpuOfficer: Session;
  let hrpdOfficer: Session;
  let hrpdOperator: Session;
  let forceManager: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Everyone here signs in with a second factor, Force included: the compartments are what is tested.
    const as = async (unit: string, role: 'viewer' | 'operator' | 'officer' | 'manager') => {
      const user = await buildUser(t.ctx, { memberships: [{ unit, role }], secondFactor: true });
      return { id: user.id, session: await signIn(t.app, user.email) };
    };
    cdtOfficer = (await as('CDT', 'officer')).session;
    cdtOfficer2 = await as('CDT', 'officer');
    cdtManager = (await as('CDT', 'manager')).session;
    cpuOfficer = (await as('CPU', 'officer')).session;
    hrpdOfficer = (await as('HRPD', 'officer')).session;
    hrpdOperator = (await as('HRPD', 'operator')).session;
    forceManager = (await as('FORCE', 'manager')).session;
  });
  afterAll(async () => t?.close());

  const send = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
  const ok = async <T = ProtectionCase>(session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> => {
    const response = await send(session, method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as T;
  };

  test('a CDT officer records an SEA allegation, refers it to OIOS and tracks victim assistance apart', async () => {
    const created = await ok(cdtOfficer, 'POST', '/api/protection/cases', misconductCase);
    expect(created.ref).toMatch(/^PRO-\d{4}-\d{6}$/);
    expect(created).toMatchObject({ programme: 'misconduct', unit: 'CDT', status: 'received', summary: misconductCase.summary });
    const base = `/api/protection/cases/${created.ref}`;
    const victim = await ok<{ pseudonym: string }>(cdtOfficer, 'POST', `${base}/persons`, {
      role: 'victim',
      sex: 'female',
      age: 19,
      identity: { name: 'Aminata Traoré', contact: '+223 70 00 00 00' },
    });
    expect(victim.pseudonym).toMatch(/^V-[0-9A-Z]{4}$/);
    const subject = await ok<{ pseudonym: string }>(cdtOfficer, 'POST', `${base}/persons`, {
      role: 'perpetrator',
      sex: 'male',
      affiliation: 'military',
    });
    let c = await ok(cdtOfficer, 'POST', `${base}/acts`, {
      victim: victim.pseudonym,
      perpetrator: subject.pseudonym,
      party: 'military',
      violation: 'sexual_exploitation',
      occurredOn: '2020-06-12',
      region: 'ML-7',
    });
    expect(c.acts).toHaveLength(1);
    expect(JSON.stringify(c.persons)).not.toContain('Aminata');

    // The workflow: referral needs a body and a date.
    c = await ok(cdtOfficer, 'POST', `${base}/transition`, { action: 'assess', version: c.version });
    const noBody = await send(cdtOfficer, 'POST', `${base}/transition`, { action: 'refer', version: c.version });
    expect(noBody.statusCode).toBe(400);
    expect(
      noBody
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['referredOn', 'referredTo']);
    c = await ok(cdtOfficer, 'POST', `${base}/transition`, {
      action: 'refer',
      version: c.version,
      referredTo: 'oios',
      referredOn: '2020-06-20',
    });
    expect(c).toMatchObject({ status: 'referred', referredTo: 'oios', referredOn: '2020-06-20' });

    // Victim assistance: refused without consent, accepted once consent to referral is recorded.
    const refused = await send(cdtOfficer, 'POST', `${base}/services`, {
      person: victim.pseudonym,
      kind: 'medical',
      provider: 'Hôpital de Gao',
      referredOn: '2020-06-15',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain(victim.pseudonym);
    expect(await countRows(t.ctx, 'protection_services')).toBe(0);
    c = await ok(cdtOfficer, 'POST', `${base}/persons/${victim.pseudonym}/consents`, {
      purpose: 'referral',
      givenBy: 'person',
      obtainedOn: '2020-06-15',
    });
    c = await ok(cdtOfficer, 'POST', `${base}/services`, {
      person: victim.pseudonym,
      kind: 'medical',
      provider: 'Hôpital de Gao',
      referredOn: '2020-06-15',
    });
    expect(c.services).toMatchObject([{ person: victim.pseudonym, kind: 'medical', status: 'referred' }]);
    c = await ok(cdtOfficer, 'POST', `${base}/transition`, { action: 'record_outcome', version: c.version, outcome: 'substantiated' });
    c = await ok(cdtOfficer, 'POST', `${base}/services/${c.services[0]?.id}`, { status: 'completed', on: '2020-07-01' });
    c = await ok(cdtOfficer, 'POST', `${base}/transition`, { action: 'record_action', version: c.version, actionTaken: 'repatriation' });
    c = await ok(cdtOfficer, 'POST', `${base}/transition`, {
      action: 'close',
      version: c.version,
      comment: 'Dossier clos après rapatriement',
    });
    expect(c.status).toBe('closed');
    // Assistance is tracked apart from the case against the person: closing leaves it as it is.
    expect(c.services[0]?.status).toBe('completed');
    expect(c.steps.map((s) => s.action)).toEqual(['create', 'assess', 'refer', 'record_outcome', 'record_action', 'close']);
    expect(c.steps.at(-1)?.comment).toBe('Dossier clos après rapatriement');

    // A stale version is a conflict, and nothing is written.
    const stale = await send(cdtOfficer, 'POST', `${base}/transition`, { action: 'reopen', version: 1, comment: 'x' });
    expect(stale.statusCode).toBe(409);
  });

  test('consent is enforced on referral, reporting and sharing, and withdrawal ends it', async () => {
    const created = await ok(hrpdOfficer, 'POST', '/api/protection/cases', {
      programme: 'human_rights',
      occurredOn: '2020-03-02',
      region: 'ML-5',
      summary: 'Détention arbitraire à Mopti',
    });
    const base = `/api/protection/cases/${created.ref}`;
    const child = await ok<{ pseudonym: string }>(hrpdOfficer, 'POST', `${base}/persons`, { role: 'victim', sex: 'male', age: 9 });
    const underTwelve = await send(hrpdOfficer, 'POST', `${base}/persons/${child.pseudonym}/consents`, {
      purpose: 'referral',
      givenBy: 'person',
      obtainedOn: '2020-03-03',
    });
    expect(underTwelve.statusCode).toBe(400);
    expect(underTwelve.json().errors[0].message).toContain('tuteur');
    let c = await ok(hrpdOfficer, 'POST', `${base}/persons/${child.pseudonym}/consents`, {
      purpose: 'sharing',
      partner: 'UNICEF',
      givenBy: 'guardian',
      obtainedOn: '2020-03-03',
    });
    const wrongPartner = await send(hrpdOfficer, 'POST', `${base}/shares`, { partner: 'CICR', persons: [child.pseudonym] });
    expect(wrongPartner.statusCode).toBe(422);
    expect(wrongPartner.json().detail).toContain('CICR');
    c = await ok(hrpdOfficer, 'POST', `${base}/shares`, { partner: ' unicef ', persons: [child.pseudonym] });
    expect(c.shares).toHaveLength(1);
    const consent = c.consents[0];
    c = await ok(hrpdOfficer, 'POST', `${base}/consents/${consent?.id}/withdraw`, { withdrawnOn: '2020-03-10' });
    expect(c.consents[0]?.active).toBe(false);
    const afterWithdrawal = await send(hrpdOfficer, 'POST', `${base}/shares`, { partner: 'UNICEF', persons: [child.pseudonym] });
    expect(afterWithdrawal.statusCode).toBe(422);
    expect(await countRows(t.ctx, 'protection_shares')).toBe(1);

    // Reporting needs each identified victim's consent to inclusion in reporting.
    c = await ok(hrpdOfficer, 'POST', `${base}/transition`, {
      action: 'verify',
      version: c.version,
      standardOfProof: 'reasonable_grounds',
    });
    const report = await send(hrpdOfficer, 'POST', `${base}/transition`, { action: 'report', version: c.version });
    expect(report.statusCode).toBe(422);
    await ok(hrpdOfficer, 'POST', `${base}/persons/${child.pseudonym}/consents`, {
      purpose: 'reporting',
      givenBy: 'guardian',
      obtainedOn: '2020-03-11',
    });
    c = await ok(hrpdOfficer, 'POST', `${base}/transition`, { action: 'report', version: c.version });
    expect(c.status).toBe('reported');

    // In English too.
    const english = await t.app.inject({
      method: 'POST',
      url: `${base}/shares`,
      headers: { ...hrpdOfficer.headers, 'accept-language': 'en' },
      payload: { partner: 'CICR', persons: [child.pseudonym] },
    });
    expect(english.json().detail).toContain('has not consented');
  });

  test('identities are pseudonyms until revealed with a reason, and the reveal is audited without the identity', async () => {
    // An earlier case the officer can read, with the same person written differently.
    const earlier = await ok(cdtOfficer, 'POST', '/api/protection/cases', misconductCase);
    await ok(cdtOfficer, 'POST', `/api/protection/cases/${earlier.ref}/persons`, {
      role: 'victim',
      sex: 'female',
      identity: { name: 'Aminata Traoré' },
    });
    const created = await ok(cdtOfficer, 'POST', '/api/protection/cases', misconductCase);
    const base = `/api/protection/cases/${created.ref}`;
    const person = await ok<{ pseudonym: string; duplicates: string[] }>(cdtOfficer, 'POST', `${base}/persons`, {
      role: 'victim',
      sex: 'female',
      identity: { name: '  aminata   TRAORÉ ', birthDate: '2001-02-03' },
    });
    // Same name, another case the officer can read: found by the blind index.
    expect(person.duplicates.length).toBeGreaterThan(0);
    const short = await send(cdtOfficer, 'POST', `${base}/persons/${person.pseudonym}/reveal`, { reason: 'x' });
    expect(short.statusCode).toBe(400);
    const identity = await ok<{ name: string; birthDate: string }>(cdtOfficer, 'POST', `${base}/persons/${person.pseudonym}/reveal`, {
      reason: 'Orientation médicale urgente',
    });
    expect(identity).toMatchObject({ name: 'aminata   TRAORÉ', birthDate: '2001-02-03' });
    const entry = await t.ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'protection.identity.reveal')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.details).toContain('Orientation médicale urgente');
    expect(JSON.stringify(entry)).not.toMatch(/aminata|2001-02-03/i);
  });

  test('a case team is assigned by the unit’s managers; others neither see nor learn of the case', async () => {
    const created = await ok(cdtOfficer, 'POST', '/api/protection/cases', misconductCase);
    const url = `/api/protection/cases/${created.ref}`;
    expect((await send(cdtOfficer2.session, 'GET', url)).statusCode).toBe(404);
    expect((await send(forceManager, 'GET', url)).statusCode).toBe(404);
    expect((await send(cdtOfficer, 'PUT', `${url}/team`, { members: [cdtOfficer2.id] })).statusCode).toBe(403);
    const outsider = await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] });
    const refused = await send(cdtManager, 'PUT', `${url}/team`, { members: [outsider.id] });
    expect(refused.statusCode).toBe(400);
    const c = await ok(cdtManager, 'PUT', `${url}/team`, { members: [cdtOfficer2.id] });
    expect(c.team.map((m) => m.id)).toEqual([cdtOfficer2.id]);
    expect((await send(cdtOfficer2.session, 'GET', url)).statusCode).toBe(200);
    // The author is no longer on the team: the case is gone for them.
    expect((await send(cdtOfficer, 'GET', url)).statusCode).toBe(404);
    const list = await ok<{ items: { ref: string }[] }>(forceManager, 'GET', '/api/protection/cases');
    expect(list.items).toEqual([]);
  });

  test('MRM: victims are children, acts are verified with a date, late verification is flagged', async () => {
    const created = await ok(cpuOfficer, 'POST', '/api/protection/cases', {
      programme: 'mrm',
      occurredOn: '2020-02-10',
      region: 'ML-5',
      summary: 'Recrutement de deux garçons',
    });
    const base = `/api/protection/cases/${created.ref}`;
    const adult = await send(cpuOfficer, 'POST', `${base}/persons`, { role: 'victim', sex: 'male', age: 25 });
    expect(adult.statusCode).toBe(400);
    const boy = await ok<{ pseudonym: string }>(cpuOfficer, 'POST', `${base}/persons`, { role: 'victim', sex: 'male', ageGroup: '12_17' });
    let c = await ok(cpuOfficer, 'POST', `${base}/acts`, {
      victim: boy.pseudonym,
      party: 'jnim',
      violation: 'recruitment_use',
      occurredOn: '2020-02-10',
      region: 'ML-5',
    });
    const wrongVocabulary = await send(cpuOfficer, 'POST', `${base}/acts`, {
      victim: boy.pseudonym,
      party: 'jnim',
      violation: 'torture',
      occurredOn: '2020-02-10',
      region: 'ML-5',
    });
    expect(wrongVocabulary.statusCode).toBe(400);
    const act = c.acts[0];
    const noProof = await send(cpuOfficer, 'POST', `${base}/acts/${act?.id}/verification`, {
      verification: 'verified',
      verifiedOn: '2020-04-02',
    });
    expect(noProof.statusCode).toBe(400);
    c = await ok(cpuOfficer, 'POST', `${base}/acts/${act?.id}/verification`, {
      verification: 'verified',
      verifiedOn: '2020-04-02',
      standardOfProof: 'reasonable_grounds',
    });
    expect(c.acts[0]).toMatchObject({ verification: 'verified', late: true });
    c = await ok(cpuOfficer, 'POST', `${base}/acts/${act?.id}/verification`, {
      verification: 'verified',
      verifiedOn: '2020-03-31',
      standardOfProof: 'reasonable_grounds',
    });
    expect(c.acts[0]?.late).toBe(false);
  });

  test('a hotline call is routed by its concern to the unit’s intake queue; the operator sees only their calls', async () => {
    const call = {
      line: 'ddhp_gao',
      receivedAt: '2020-06-01T09:30:00Z',
      language: 'ses',
      concern: 'human_rights',
      region: 'ML-7',
      summary: 'Un appelant signale des arrestations à Gao',
      callerContact: '+223 76 11 22 33',
      mayContact: true,
    };
    const noConsent = await send(hrpdOperator, 'POST', '/api/protection/calls', { ...call, mayContact: false });
    expect(noConsent.statusCode).toBe(400);
    expect((await send(forceManager, 'POST', '/api/protection/calls', call)).statusCode).toBe(403);
    const taken = await ok<HotlineCall>(hrpdOperator, 'POST', '/api/protection/calls', call);
    expect(taken).toMatchObject({ routedTo: 'HRPD', status: 'queued', summary: call.summary });
    const misconduct = await ok<HotlineCall>(hrpdOperator, 'POST', '/api/protection/calls', { ...call, concern: 'misconduct' });
    expect(misconduct.routedTo).toBe('CDT');

    const queue = await ok<{ items: { ref: string }[] }>(hrpdOfficer, 'GET', '/api/protection/calls?scope=queue&unit=HRPD');
    expect(queue.items.map((i) => i.ref)).toContain(taken.ref);
    expect(queue.items.map((i) => i.ref)).not.toContain(misconduct.ref);
    expect((await send(hrpdOperator, 'GET', '/api/protection/calls?scope=queue&unit=HRPD')).statusCode).toBe(403);
    expect((await send(forceManager, 'GET', `/api/protection/calls/${taken.ref}`)).statusCode).toBe(404);
    const cdtQueue = await ok<{ items: { ref: string }[] }>(cdtOfficer, 'GET', '/api/protection/calls?scope=queue&unit=CDT');
    expect(cdtQueue.items.map((i) => i.ref)).toEqual([misconduct.ref]);

    const accepted = await ok<{ caseRef: string }>(hrpdOfficer, 'POST', `/api/protection/calls/${taken.ref}/accept`, {
      version: taken.version,
    });
    const c = await ok(hrpdOfficer, 'GET', `/api/protection/cases/${accepted.caseRef}`);
    expect(c).toMatchObject({ programme: 'human_rights', unit: 'HRPD', summary: call.summary, callRef: taken.ref });
    // The operator keeps their call but cannot follow it into the case.
    const mine = await ok<HotlineCall>(hrpdOperator, 'GET', `/api/protection/calls/${taken.ref}`);
    expect(mine).toMatchObject({ status: 'accepted', caseRef: null });
    expect((await send(hrpdOperator, 'GET', `/api/protection/cases/${accepted.caseRef}`)).statusCode).toBe(404);
    const again = await send(hrpdOfficer, 'POST', `/api/protection/calls/${taken.ref}/accept`, { version: taken.version });
    expect(again.statusCode).toBe(409);

    // Intake reclassifies a call the operator filed under the wrong concern: it moves to CDT's queue.
    const misfiled = await ok<HotlineCall>(hrpdOperator, 'POST', '/api/protection/calls', {
      ...call,
      summary: 'Un casque bleu aurait exigé de l’argent',
    });
    const same = await send(hrpdOfficer, 'POST', `/api/protection/calls/${misfiled.ref}/forward`, {
      version: misfiled.version,
      concern: 'human_rights',
    });
    expect(same.statusCode).toBe(400);
    const forwarded = await ok<{ routedTo: string }>(hrpdOfficer, 'POST', `/api/protection/calls/${misfiled.ref}/forward`, {
      version: misfiled.version,
      concern: 'misconduct',
    });
    expect(forwarded.routedTo).toBe('CDT');
    expect((await send(hrpdOfficer, 'GET', `/api/protection/calls/${misfiled.ref}`)).statusCode).toBe(404);
    const cdtSees = await ok<HotlineCall>(cdtOfficer, 'GET', `/api/protection/calls/${misfiled.ref}`);
    expect(cdtSees).toMatchObject({
      routedTo: 'CDT',
      concern: 'misconduct',
      status: 'queued',
      summary: 'Un casque bleu aurait exigé de l’argent',
    });
  });

  test('confidential content needs an account that signs in with a second factor, whatever its rights', async () => {
    const manager = await buildUser(t.ctx, { memberships: [{ unit: 'CDT', role: 'manager' }], secondFactor: false });
    const session = await signIn(t.app, manager.email);
    for (const [method, url] of [
      ['GET', '/api/protection/cases'],
      ['GET', '/api/protection/cases/PRO-2020-000001'],
      ['GET', '/api/protection/calls'],
      ['POST', '/api/protection/cases'],
    ] as const) {
      const response = await send(session, method, url, method === 'POST' ? misconductCase : undefined);
      expect(response.statusCode, url).toBe(403);
      expect(response.json()).toMatchObject({ code: 'second_factor_required' });
    }
    // Live counts are read like the cases they count; released statistics carry no identifiers: no second factor needed.
    const live = await send(session, 'GET', '/api/protection/stats?programme=misconduct&year=2020&rows=region');
    expect(live.statusCode).toBe(403);
    expect(live.json()).toMatchObject({ code: 'second_factor_required' });
    expect((await send(session, 'GET', '/api/protection/stats/releases?programme=misconduct')).statusCode).toBe(200);
  });

  test('files of a case are sealed at rest, name and content, and served only to its readers', async () => {
    const created = await ok(cdtOfficer, 'POST', '/api/protection/cases', misconductCase);
    const marker = `CERTIFICAT-${Date.now()}`;
    const pdf = Buffer.from(
      [
        '%PDF-1.4',
        '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
        '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
        `% ${marker}`,
        'trailer << /Root 1 0 R >>',
        '%%EOF',
        '',
      ].join('\n'),
      'latin1',
    );
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/protection/cases/${created.ref}/attachments?filename=${encodeURIComponent(`${marker}-Aminata.pdf`)}`,
      headers: { ...cdtOfficer.headers, 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const { id } = upload.json() as { id: string };
    const stored = await t.ctx.database.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.filename).toBe('document');
    expect(JSON.stringify(stored)).not.toContain(marker);
    expect(Buffer.from(stored.content).includes(marker)).toBe(false);

    const c = await ok(cdtOfficer, 'GET', `/api/protection/cases/${created.ref}`);
    expect(c.attachments).toMatchObject([{ id, filename: `${marker}-Aminata.pdf`, mediaType: 'application/pdf' }]);
    const download = await send(cdtOfficer, 'GET', `/api/attachments/${id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.includes(marker)).toBe(true);
    expect(String(download.headers['content-disposition'])).toContain(encodeURIComponent(`${marker}-Aminata.pdf`));
    for (const other of [forceManager, cdtOfficer2.session, hrpdOfficer]) {
      const refused = await send(other, 'GET', `/api/attachments/${id}`);
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain(marker);
    }
    expect((await t.app.inject({ url: `/api/attachments/${id}` })).statusCode).toBe(404);
    const refusedUpload = await t.app.inject({
      method: 'POST',
      url: `/api/protection/cases/${created.ref}/attachments?filename=x.pdf`,
      headers: { ...forceManager.headers, 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(refusedUpload.statusCode).toBe(404);
  });

  test('a DDHP case records the regional office or mobile team that documented it, and the list filters by it', async () => {
    const bad = await send(hrpdOfficer, 'POST', '/api/protection/cases', {
      programme: 'human_rights',
      occurredOn: '2020-04-01',
      region: 'ML-6',
      summary: 'Documenté par une équipe',
      office: 'atlantis',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('office');
    const created = await ok(hrpdOfficer, 'POST', '/api/protection/cases', {
      programme: 'human_rights',
      occurredOn: '2020-04-01',
      region: 'ML-6',
      summary: 'Documenté par une équipe itinérante',
      office: 'mobile_team',
    });
    expect(created.office).toBe('mobile_team');
    const list = await ok<{ items: { ref: string; office: string | null }[] }>(
      hrpdOfficer,
      'GET',
      '/api/protection/cases?office=mobile_team',
    );
    expect(list.items.map((i) => i.ref)).toEqual([created.ref]);
  });
});
