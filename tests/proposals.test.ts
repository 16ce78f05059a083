import { randomUUID } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Proposal, Section } from '../src/contracts/organisation.js';
import { factsheetPdfs } from '../src/modules/factsheet/factsheet.cache.js';
import { buildFactsheet } from '../src/modules/factsheet/factsheet.service.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { publicDataVersion } from '../src/platform/public-data.js';
import { searchKey } from '../src/platform/text.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildFactbook } from './helpers/factbook.js';

const SYSTEM = { id: null, label: 'test' };

async function pdfText(buffer: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

type Who = 'anonymous' | 'viewer' | 'officer' | 'officer2' | 'manager' | 'manager2' | 'otherManager' | 'admin' | 'noUnit';

/**
 * Public content of a section changes through proposals: an officer or manager of the unit
 * proposes, a manager of the section or an administrator other than the author publishes, and
 * only then do the public section, search, fiche and PDF change.
 */
describe.each(DIALECTS)('proposals on the public content of a section (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Who, Session | null>();
  const names = new Map<Who, string>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, SYSTEM, { book: buildFactbook() });
    sessions.set('anonymous', null);
    const as = async (who: Who, name: string, overrides: Parameters<typeof buildUser>[1]) => {
      const user = await buildUser(t.ctx, { name, ...overrides });
      names.set(who, name);
      sessions.set(who, await signIn(t.app, user.email));
    };
    await as('viewer', 'Awa Viewer', { memberships: [{ unit: 'FORCE', role: 'viewer' }] });
    await as('officer', 'Oumar Officier', { memberships: [{ unit: 'FORCE', role: 'officer' }] });
    await as('officer2', 'Odile Officière', { memberships: [{ unit: 'FORCE', role: 'officer' }] });
    await as('manager', 'Mariam Responsable', { memberships: [{ unit: 'FORCE', role: 'manager' }] });
    await as('manager2', 'Moussa Responsable', { memberships: [{ unit: 'FORCE', role: 'manager' }] });
    await as('otherManager', 'Henri Ailleurs', { memberships: [{ unit: 'HRPD', role: 'manager' }] });
    await as('admin', 'Adama Admin', { admin: true });
    await as('noUnit', 'Nina Sans-unité', {});
  });
  afterAll(async () => t?.close());

  const send = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...(sessions.get(who)?.headers ?? {}), ...headers }, ...(payload ? { payload } : {}) });
  const publicSection = async () => (await t.app.inject({ url: '/api/sections/FORCE' })).json() as Section;
  const task = async () => {
    const text = (await publicSection()).texts.find((x) => x.kind === 'task');
    if (!text) throw new Error('no task text');
    return text;
  };
  const propose = async (who: Who, body: string, version?: number) => {
    const text = await task();
    return send(who, 'POST', `/api/sections/FORCE/texts/${text.id}/proposals`, { version: version ?? text.version, body });
  };
  const decide = (who: Who, proposal: Proposal, action: 'publish' | 'reject' | 'withdraw', payload: object = {}, lang = 'fr') =>
    send(who, 'POST', `/api/sections/FORCE/proposals/${proposal.id}/${action}`, payload, { 'accept-language': lang });

  test('a proposal changes nothing public: not the section, search, fiche model, data version or PDF', async () => {
    const before = await t.app.inject({ url: '/api/sections/FORCE' });
    const version = await publicDataVersion(t.ctx);
    const model = await buildFactsheet(t.ctx, 'fr', 'FORCE');
    const pdfs = factsheetPdfs(t.ctx);
    await pdfs.pdf('fr', 'FORCE');
    const builds = pdfs.builds;

    const response = await propose('officer', 'Soutenir le cantonnement et la réintégration des groupes signataires à Tessalit.');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'pending',
      target: 'text',
      proposedBy: 'Oumar Officier',
      decidedBy: null,
      may: { publish: false, reject: false, withdraw: true },
    });

    const after = await t.app.inject({ url: '/api/sections/FORCE', headers: { 'if-none-match': before.headers.etag as string } });
    expect(after.statusCode).toBe(304);
    expect(await publicDataVersion(t.ctx)).toBe(version);
    expect(await buildFactsheet(t.ctx, 'fr', 'FORCE')).toEqual({ ...model, generatedAt: expect.any(Date) });
    await pdfs.pdf('fr', 'FORCE');
    expect(pdfs.builds).toBe(builds);
    expect((await t.app.inject({ url: '/api/search?q=tessalit' })).json().hits).toEqual([]);
    expect((await send('officer', 'GET', '/api/search?q=tessalit')).json().hits).toEqual([]);
    await decide('officer', response.json(), 'withdraw');
  });

  test('a public text or contact is not edited directly; a non-public one still is', async () => {
    const text = await task();
    const direct = await send('officer', 'PATCH', `/api/sections/FORCE/texts/${text.id}`, { version: text.version, body: 'Écrasement' });
    expect(direct.statusCode).toBe(403);
    expect(direct.json()).toMatchObject({ code: 'proposal_required', detail: expect.stringContaining('Proposez la modification') });
    const english = await send(
      'manager',
      'PATCH',
      `/api/sections/FORCE/texts/${text.id}`,
      { version: text.version, body: 'x' },
      { 'accept-language': 'en' },
    );
    expect(english.json()).toMatchObject({ code: 'proposal_required', detail: expect.stringContaining('Propose the change') });
    expect((await task()).body).toBe(text.body);

    const internal = randomUUID();
    const now = new Date().toISOString();
    await t.ctx.database.db
      .insertInto('section_texts')
      .values({
        id: internal,
        unit_code: 'FORCE',
        kind: 'context',
        heading: null,
        bullet: 0,
        body: 'Note interne',
        search_key: searchKey('Note interne'),
        sort_order: 50,
        classification: 'internal',
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    const edited = await send('officer', 'PATCH', `/api/sections/FORCE/texts/${internal}`, { version: 1, body: 'Note interne revue' });
    expect(edited.statusCode).toBe(200);
    const proposed = await send('officer', 'POST', `/api/sections/FORCE/texts/${internal}/proposals`, { version: 2, body: 'Autre' });
    expect(proposed.json()).toMatchObject({ code: 'proposal_not_public' });
    expect(proposed.statusCode).toBe(409);
  });

  test('four eyes: the author never publishes or rejects, even a manager; the refusal says why in French and English', async () => {
    const mine = (await propose('manager', 'Soutenir le cantonnement des groupes signataires.')).json() as Proposal;
    expect(mine.may).toEqual({ publish: false, reject: false, withdraw: true });
    const fr = await decide('manager', mine, 'publish');
    expect(fr.statusCode).toBe(403);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(fr.json()).toMatchObject({ code: 'proposal_own', detail: expect.stringContaining('Quatre yeux') });
    const en = await decide('manager', mine, 'publish', {}, 'en');
    expect(en.json()).toMatchObject({ code: 'proposal_own', detail: expect.stringContaining('Four eyes') });
    expect((await decide('manager', mine, 'reject', { reason: 'Non' })).json()).toMatchObject({ code: 'proposal_own' });
    const officers = (await propose('officer', 'Soutenir le DDR.')).json() as Proposal;
    expect((await decide('officer', officers, 'publish')).json()).toMatchObject({ code: 'proposal_own' });
    expect((await decide('officer2', officers, 'publish')).json()).toMatchObject({ code: 'forbidden' });
    expect((await decide('officer2', officers, 'withdraw')).statusCode).toBe(403);
    expect((await task()).body).toBe('Soutenir le cantonnement et la réintégration des groupes signataires.');
    for (const proposal of [mine, officers]) {
      expect((await decide(proposal === mine ? 'manager' : 'officer', proposal, 'withdraw')).statusCode).toBe(200);
    }
  });

  test('a manager publishes: the public section, search, data version, fiche and PDF change; the history shows it word by word', async () => {
    const text = await task();
    const pdfs = factsheetPdfs(t.ctx);
    const url = '/api/factsheet.pdf?lang=fr&section=FORCE';
    expect(await pdfText((await t.app.inject({ url })).rawPayload)).not.toContain('Tessalit');
    const etag = (await t.app.inject({ url: '/api/sections/FORCE' })).headers.etag as string;
    const version = await publicDataVersion(t.ctx);
    const body = 'Soutenir le cantonnement et la réintégration durable des groupes signataires à Tessalit.';
    const proposal = (await propose('officer', body)).json() as Proposal;
    expect(proposal.words.body).toEqual([
      { op: 'same', text: 'Soutenir le cantonnement et la réintégration ' },
      { op: 'added', text: 'durable ' },
      { op: 'same', text: 'des groupes signataires' },
      { op: 'added', text: ' à Tessalit' },
      { op: 'same', text: '.' },
    ]);

    const listed = (await send('manager2', 'GET', '/api/sections/FORCE/proposals')).json();
    expect(listed.may).toEqual({ propose: true, review: true });
    expect(listed.proposals).toEqual([expect.objectContaining({ id: proposal.id, may: { publish: true, reject: true, withdraw: false } })]);
    expect((await send('manager2', 'GET', '/api/proposals')).json()).toMatchObject({ awaitingReview: 1 });

    const published = await decide('manager2', proposal, 'publish');
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({
      status: 'published',
      decidedBy: 'Moussa Responsable',
      may: { publish: false, reject: false, withdraw: false },
    });

    const after = await t.app.inject({ url: '/api/sections/FORCE', headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect((after.json() as Section).texts.find((x) => x.id === text.id)).toMatchObject({ body, version: text.version + 1 });
    expect(await publicDataVersion(t.ctx)).not.toBe(version);
    expect(JSON.stringify((await t.app.inject({ url: '/api/search?q=tessalit' })).json().hits)).toContain('Tessalit');
    const model = await buildFactsheet(t.ctx, 'fr', 'FORCE');
    expect(model.sections[0]?.texts.map((x) => x.body)).toContain(body);
    const builds = pdfs.builds;
    expect(await pdfText((await t.app.inject({ url })).rawPayload)).toContain('Tessalit');
    expect(pdfs.builds).toBe(builds + 1);
    expect((await send('manager2', 'GET', '/api/proposals')).json()).toMatchObject({ proposals: [], awaitingReview: 0 });

    const history = (await send('viewer', 'GET', `/api/sections/FORCE/texts/${text.id}/history`)).json().entries;
    expect(history[0]).toMatchObject({
      version: text.version + 1,
      actorLabel: 'Moussa Responsable',
      proposedBy: 'Oumar Officier',
      proposedAt: proposal.proposedAt,
      changes: { body: { from: text.body, to: body } },
      words: { body: proposal.words.body },
    });

    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'record_type'])
      .where('record_id', '=', proposal.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, a.record_type])).toEqual([
      ['section_proposal.create', 'section_proposal'],
      ['section_proposal.publish', 'section_proposal'],
    ]);
    expect(audit[0]?.actor_id).not.toBe(audit[1]?.actor_id);
  });

  test('two proposals on one text: once the first is published the second is stale and cannot be published', async () => {
    const first = (await propose('officer', 'Première version proposée.')).json() as Proposal;
    const second = (await propose('officer2', 'Seconde version proposée.')).json() as Proposal;
    expect(first.baseVersion).toBe(second.baseVersion);
    expect((await decide('manager', first, 'publish')).statusCode).toBe(200);

    const stale = (await send('officer2', 'GET', '/api/sections/FORCE/proposals?status=stale')).json().proposals as Proposal[];
    expect(stale.find((p) => p.id === second.id)).toMatchObject({
      status: 'stale',
      may: { publish: false, reject: false, withdraw: false },
    });
    const refused = await decide('manager', second, 'publish');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'proposal_closed' });
    expect((await task()).body).toBe('Première version proposée.');
    // A proposal against a version that is no longer the current one is refused at once.
    const late = await propose('officer2', 'Tardive.', second.baseVersion);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'version_conflict' });
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', second.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['section_proposal.create', 'section_proposal.stale']);
  });

  test('a manager rejects with a reason; the author withdraws; a decided proposal stays decided', async () => {
    const text = await task();
    const rejected = (await propose('officer', 'Texte à rejeter.')).json() as Proposal;
    expect((await decide('manager', rejected, 'reject', {})).statusCode).toBe(400);
    const response = await decide('manager', rejected, 'reject', { reason: 'Chiffres non vérifiés.' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'rejected', reason: 'Chiffres non vérifiés.', decidedBy: 'Mariam Responsable' });
    expect((await decide('manager2', rejected, 'publish')).json()).toMatchObject({ code: 'proposal_closed' });
    expect((await decide('officer', rejected, 'withdraw')).statusCode).toBe(409);

    const withdrawn = (await propose('officer', 'Texte à retirer.')).json() as Proposal;
    expect((await decide('manager', withdrawn, 'withdraw')).statusCode).toBe(403);
    expect((await decide('officer', withdrawn, 'withdraw')).json()).toMatchObject({ status: 'withdrawn', decidedBy: 'Oumar Officier' });
    expect((await decide('manager', withdrawn, 'publish')).statusCode).toBe(409);
    expect((await task()).body).toBe(text.body);

    const empty = await propose('officer', text.body);
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'proposal_empty' });

    const actions = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('record_id', 'in', [rejected.id, withdrawn.id])
      .orderBy('seq')
      .execute();
    expect(actions).toEqual([
      { action: 'section_proposal.create', reason: null },
      { action: 'section_proposal.reject', reason: 'Chiffres non vérifiés.' },
      { action: 'section_proposal.create', reason: null },
      { action: 'section_proposal.withdraw', reason: null },
    ]);
  });

  test('a contact is proposed and published the same way, by an administrator', async () => {
    const hrpd = (await t.app.inject({ url: '/api/sections/HRPD' })).json() as Section;
    const contact = hrpd.contacts[0];
    if (!contact) throw new Error('no HRPD contact');
    const hrpdOfficer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'officer' }] })).email);
    const proposed = await t.app.inject({
      method: 'POST',
      url: `/api/sections/HRPD/contacts/${contact.id}/proposals`,
      headers: hrpdOfficer.headers,
      payload: { version: contact.version, value: '80 333', place: 'Ménaka' },
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const proposal = proposed.json() as Proposal;
    expect(proposal).toMatchObject({ target: 'contact', changes: { value: { from: '80333', to: '80 333' } } });
    expect(((await t.app.inject({ url: '/api/sections/HRPD' })).json() as Section).contacts[0]?.value).toBe('80333');
    expect((await send('otherManager', 'GET', '/api/proposals')).json().awaitingReview).toBe(1);
    const published = await send('admin', 'POST', `/api/sections/HRPD/proposals/${proposal.id}/publish`, {});
    expect(published.statusCode, published.body).toBe(200);
    expect(((await t.app.inject({ url: '/api/sections/HRPD' })).json() as Section).contacts[0]).toMatchObject({
      value: '80 333',
      place: 'Ménaka',
    });
    const history = (await send('noUnit', 'GET', `/api/sections/HRPD/contacts/${contact.id}/history`)).json().entries;
    expect(history[0]).toMatchObject({ actorLabel: 'Adama Admin', words: { value: expect.any(Array), place: expect.any(Array) } });
  });

  /**
   * Who may do what, written from the rule and not from the policy code: P propose, L see the
   * section's proposals, V publish or reject another's, W withdraw one's own.
   */
  const EXPECTED: Record<Who, string> = {
    anonymous: '',
    noUnit: '',
    viewer: '',
    officer: 'PLW',
    officer2: 'PLW',
    manager: 'PLVW',
    manager2: 'PLVW',
    otherManager: '',
    admin: 'LV',
  };

  test.each(Object.keys(EXPECTED) as Who[])('%s may exactly what the rule says on a FORCE proposal', async (who) => {
    const expected = EXPECTED[who];
    const author: Who = who === 'officer' ? 'officer2' : 'officer';
    // P: a proposal is accepted (then withdrawn) or refused.
    const own = await propose(who, `Proposition de ${who}.`);
    expect(own.statusCode, `${who} proposes`).toBe(expected.includes('P') ? 201 : who === 'anonymous' ? 401 : 403);
    if (own.statusCode === 201) {
      // W: the author withdraws.
      expect((await decide(who, own.json(), 'withdraw')).statusCode).toBe(200);
    }
    const other = (await propose(author, `Proposition pour ${who}.`)).json() as Proposal;
    // L: the section's pending proposals; others see none (and no rights).
    const listed = await send(who, 'GET', '/api/sections/FORCE/proposals');
    if (who === 'anonymous') expect(listed.statusCode).toBe(401);
    else {
      const ids = (listed.json().proposals as Proposal[]).map((p) => p.id);
      expect(ids.includes(other.id), `${who} lists`).toBe(expected.includes('L'));
      expect(listed.json().may).toEqual({ propose: expected.includes('P'), review: expected.includes('V') });
      const pending = (await send(who, 'GET', '/api/proposals')).json().proposals as Proposal[];
      expect(pending.some((p) => p.id === other.id)).toBe(expected.includes('L'));
    }
    // V: publish or reject another's; those who may not see it get 404, as if it did not exist.
    const refusal = who === 'anonymous' ? 401 : expected.includes('L') ? 403 : 404;
    const withdraw = await decide(who, other, 'withdraw');
    expect(withdraw.statusCode, `${who} withdraws another's`).toBe(refusal);
    const reject = await decide(who, other, 'reject', { reason: 'Motif' });
    expect(reject.statusCode, `${who} rejects`).toBe(expected.includes('V') ? 200 : refusal);
    if (reject.statusCode !== 200) await decide(author, other, 'withdraw');
    const again = (await propose(author, `Autre proposition pour ${who}.`)).json() as Proposal;
    const publish = await decide(who, again, 'publish');
    expect(publish.statusCode, `${who} publishes`).toBe(expected.includes('V') ? 200 : refusal);
    if (publish.statusCode !== 200) await decide(author, again, 'withdraw');
  });

  test('another unit’s proposal is not reachable through this section’s path', async () => {
    const hrpd = (await t.app.inject({ url: '/api/sections/HRPD' })).json() as Section;
    const text = hrpd.texts[0];
    if (!text) throw new Error('no HRPD text');
    const hrpdOfficer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'officer' }] })).email);
    const proposal = (
      await t.app.inject({
        method: 'POST',
        url: `/api/sections/HRPD/texts/${text.id}/proposals`,
        headers: hrpdOfficer.headers,
        payload: { version: text.version, body: 'Surveiller.' },
      })
    ).json() as Proposal;
    expect((await decide('manager', proposal, 'publish')).statusCode).toBe(404);
    expect((await send('manager', 'POST', `/api/sections/HRPD/proposals/${proposal.id}/publish`, {})).statusCode).toBe(404);
    expect((await send('otherManager', 'POST', `/api/sections/HRPD/proposals/${proposal.id}/publish`, {})).statusCode).toBe(200);
  });
});
