import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PortfolioTotals, Project, ProjectInput, ProjectSummary } from '../src/contracts/projects.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { addMonths, toUsdMinor } from '../src/modules/projects/projects.money.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { projectInput } from './helpers/projects.js';

describe('exact money and calendar months', () => {
  test('amounts convert to US cents with integer arithmetic, rounded half up once', () => {
    expect(toUsdMinor(4_500_000, 'USD', '1')).toBe(4_500_000);
    // 25,000,000 XOF (no minor unit) at 0.0017 USD = USD 42,500.00
    expect(toUsdMinor(25_000_000, 'XOF', '0.0017')).toBe(4_250_000);
    expect(toUsdMinor(1, 'XOF', '0.0017')).toBe(0);
    expect(toUsdMinor(3, 'XOF', '0.0017')).toBe(1);
    // EUR 0.01 at 1.185 = 1.185 cents → 1; EUR 0.02 → 2.37 → 2; EUR 0.10 → 11.85 → 12
    expect(toUsdMinor(10, 'EUR', '1.185')).toBe(12);
    // Beyond 2^53 in the intermediate product, still exact: 123,456,789,099,999.88 cents, rounded up.
    expect(toUsdMinor(999_999_999_999_999, 'XOF', '0.001234567891')).toBe(123_456_789_100_000);
  });
  test('six calendar months, clamped at the end of a shorter month', () => {
    expect(addMonths('2020-09-01', 6)).toBe('2021-03-01');
    expect(addMonths('2020-08-31', 6)).toBe('2021-02-28');
    expect(addMonths('2019-08-31', 6)).toBe('2020-02-29');
  });
});

describe.each(DIALECTS)('projects and funds (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let manager: Session;
  let secondManager: Session;
  let viewer: Session;
  let other: Session;
  let partnerId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await seedFactbook(t.ctx, { id: null, label: 'system' });
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    officer = await as('CAD', 'officer');
    manager = await as('CAD', 'manager');
    secondManager = await as('CAD', 'manager');
    viewer = await as('CAD', 'viewer');
    other = await as('SRS', 'manager');
    const vocabulary = (await t.app.inject({ url: '/api/projects/vocabulary', headers: officer.headers })).json();
    partnerId = vocabulary.partners[0].id;
  });
  afterAll(async () => t?.close());

  const propose = (session: Session, overrides: Partial<ProjectInput> = {}, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { ...session.headers, 'accept-language': lang },
      payload: projectInput(overrides),
    });
  const created = async (session: Session = officer, overrides: Partial<ProjectInput> = {}) => {
    const response = await propose(session, overrides);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Project;
  };
  const move = (session: Session, p: Pick<Project, 'id' | 'version'>, action: string, comment = '', lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/transitions`,
      headers: { ...session.headers, 'accept-language': lang },
      payload: { action, version: p.version, comment },
    });
  const moved = async (session: Session, p: Project, action: string, comment = '') => {
    const response = await move(session, p, action, comment);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Project;
  };
  const transact = (session: Session, p: Pick<Project, 'id' | 'version'>, kind: string, amountMinor: number, lang = 'fr') =>
    t.app.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/transactions`,
      headers: { ...session.headers, 'accept-language': lang },
      payload: { version: p.version, kind, on: '2020-10-01', amountMinor, note: '' },
    });
  const approved = async (overrides: Partial<ProjectInput> = {}) => {
    let p = await created(officer, overrides);
    p = await moved(officer, p, 'review');
    return moved(manager, p, 'approve');
  };
  const put = (session: Session, p: Pick<Project, 'id' | 'version'>, overrides: Partial<ProjectInput>, lang = 'fr') =>
    t.app.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}`,
      headers: { ...session.headers, 'accept-language': lang },
      payload: { version: p.version, project: projectInput(overrides) },
    });

  test('a QIP of USD 60,000 is refused naming the rule, in French and English, and nothing is written', async () => {
    const before = await countRows(t.ctx, 'projects');
    const audit = await countRows(t.ctx, 'audit_log');
    const fr = await propose(officer, { budgetMinor: 6_000_000 });
    expect(fr.statusCode).toBe(400);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(fr.json().errors).toEqual([{ path: 'budgetMinor', message: expect.stringContaining('Règle des QIP') }]);
    expect(fr.json().errors[0].message).toContain('50 000 USD');
    const en = await propose(officer, { budgetMinor: 6_000_000 }, 'en');
    expect(en.json().errors).toEqual([{ path: 'budgetMinor', message: expect.stringContaining('QIP rule') }]);
    expect(await countRows(t.ctx, 'projects')).toBe(before);
    expect(await countRows(t.ctx, 'audit_log')).toBe(audit);
  });

  test('the ceiling is checked in USD at the project’s dated rate: 30 M XOF is refused, 25 M XOF accepted', async () => {
    const over = await propose(officer, { currency: 'XOF', rateToUsd: '0.0017', budgetMinor: 30_000_000 });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0].path).toBe('budgetMinor');
    const within = await created(officer, { currency: 'XOF', rateToUsd: '0.0017', budgetMinor: 25_000_000 });
    expect(within.budget).toEqual({ minor: 25_000_000, currency: 'XOF', usdMinor: 4_250_000 });
    expect(within.qipRule).toEqual({ withinLimits: true, exceptionApproved: false });
    // The other funds have no such ceiling.
    const trustFund = await created(officer, { fund: 'trust_fund', budgetMinor: 250_000_000 });
    expect(trustFund.qipRule).toBeNull();
  });

  test('a QIP longer than six months is refused without an exception', async () => {
    const response = await propose(officer, { plannedStart: '2020-09-01', plannedEnd: '2021-03-02' }, 'en');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'plannedEnd', message: expect.stringContaining('six months') }]);
    await created(officer, { plannedStart: '2020-09-01', plannedEnd: '2021-03-01' });
  });

  test('a QIP of USD 45,000: proposed, reviewed, approved by another person (four eyes), each step with who and when', async () => {
    let p = await created(officer);
    expect(p.status).toBe('proposed');
    expect(p.budget).toEqual({ minor: 4_500_000, currency: 'USD', usdMinor: 4_500_000 });
    expect(p.may).toMatchObject({ edit: true, review: true, approve: false, transact: false });
    expect((await move(viewer, p, 'review')).statusCode).toBe(403);
    p = await moved(officer, p, 'review');
    expect((await move(officer, p, 'approve')).statusCode).toBe(403);
    p = await moved(manager, p, 'approve');
    expect(p.status).toBe('approved');
    expect(p.steps.map((s) => [s.from, s.to])).toEqual([
      [null, 'proposed'],
      ['proposed', 'reviewed'],
      ['reviewed', 'approved'],
    ]);
    expect(p.steps[2]?.by.id).not.toBe(p.createdBy.id);

    // A manager's own proposal is approved by another manager, never by its proposer.
    let own = await created(manager);
    own = await moved(manager, own, 'review');
    expect(own.may.approve).toBe(false);
    const self = await move(manager, own, 'approve', '', 'en');
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({ code: 'project_four_eyes', detail: expect.stringContaining('four-eyes') });
    expect((await moved(secondManager, own, 'approve')).status).toBe('approved');
  });

  test('an exception: recorded with a justification, approved by a second person, and only then the QIP approved', async () => {
    let p = await created(officer, {
      budgetMinor: 6_000_000,
      exceptionJustification: 'Seul forage de la commune ; devis de trois entreprises.',
    });
    expect(p.qipRule).toEqual({ withinLimits: false, exceptionApproved: false });
    expect(p.exception).toMatchObject({ recordedBy: { id: p.createdBy.id }, approvedAt: null });
    p = await moved(officer, p, 'review');
    const early = await move(manager, p, 'approve', '', 'en');
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('qip_exception_required');

    // Recorded by the manager: the manager may not approve it.
    let own = await created(manager, { plannedEnd: '2021-06-30', exceptionJustification: 'Saison des pluies.' });
    expect(own.may.approveException).toBe(false);
    const self = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${own.id}/exception`,
      headers: manager.headers,
      payload: { version: own.version },
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('exception_four_eyes');
    own = (
      await t.app.inject({
        method: 'POST',
        url: `/api/projects/${own.id}/exception`,
        headers: secondManager.headers,
        payload: { version: own.version },
      })
    ).json();
    expect(own.exception?.approvedAt).not.toBeNull();

    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/projects/${p.id}/exception`,
          headers: officer.headers,
          payload: { version: p.version },
        })
      ).statusCode,
    ).toBe(403);
    expect(p.may.approveException).toBe(false);
    const approval = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/exception`,
      headers: manager.headers,
      payload: { version: p.version },
    });
    expect(approval.statusCode, approval.body).toBe(200);
    p = approval.json();
    expect(p.qipRule).toEqual({ withinLimits: false, exceptionApproved: true });
    expect(p.exception?.approvedBy?.id).not.toBe(p.exception?.recordedBy.id);
    p = await moved(manager, p, 'approve');
    expect(p.status).toBe('approved');

    // A new justification is a new exception: once approved, the project cannot keep it unapproved.
    const changed = await put(officer, p, { budgetMinor: 6_000_000, exceptionJustification: 'Autre justification.' });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().errors[0].path).toBe('budgetMinor');
  });

  test('money: commitments never exceed the budget, disbursements never exceed commitments; only once approved', async () => {
    const proposed = await created(officer);
    const early = await transact(officer, proposed, 'commitment', 100);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('project_not_approved');

    let p = await approved();
    const rows = await countRows(t.ctx, 'project_transactions');
    const over = await transact(officer, p, 'commitment', 4_500_001);
    expect(over.statusCode).toBe(400);
    expect(over.json().errors).toEqual([{ path: 'amountMinor', message: 'Les engagements ne peuvent pas dépasser le budget du projet.' }]);
    const before = await transact(officer, p, 'disbursement', 1, 'en');
    expect(before.json().errors).toEqual([{ path: 'amountMinor', message: 'Disbursements may not exceed commitments.' }]);
    expect(await countRows(t.ctx, 'project_transactions')).toBe(rows);

    p = (await transact(officer, p, 'commitment', 3_000_000)).json();
    p = (await transact(officer, p, 'disbursement', 2_000_000)).json();
    expect((await transact(officer, p, 'disbursement', 1_000_001)).statusCode).toBe(400);
    p = (await transact(officer, p, 'disbursement', 1_000_000)).json();
    expect(p.committed.usdMinor).toBe(3_000_000);
    expect(p.disbursed.usdMinor).toBe(3_000_000);
    expect(p.transactions.map((x) => [x.kind, x.amount.minor])).toEqual([
      ['commitment', 3_000_000],
      ['disbursement', 2_000_000],
      ['disbursement', 1_000_000],
    ]);
    // The budget cannot fall below what is committed.
    const lower = await put(officer, p, { budgetMinor: 2_999_999 });
    expect(lower.statusCode).toBe(400);
    expect(lower.json().errors[0]).toMatchObject({ path: 'budgetMinor' });
    expect((await transact(viewer, p, 'commitment', 1)).statusCode).toBe(403);
  });

  test('women reached never exceed people reached, nor planned women the people planned; nothing is written', async () => {
    const before = await countRows(t.ctx, 'projects');
    const fr = await propose(officer, { beneficiaries: { plannedPeople: 100, plannedWomen: 50, reachedPeople: 40, reachedWomen: 41 } });
    expect(fr.statusCode).toBe(400);
    expect(fr.json().errors).toEqual([
      { path: 'beneficiaries.reachedWomen', message: 'Le nombre de femmes ne peut pas dépasser le nombre total de personnes.' },
    ]);
    const en = await propose(officer, { beneficiaries: { plannedPeople: 10, plannedWomen: 11, reachedPeople: 0, reachedWomen: 0 } }, 'en');
    expect(en.json().errors).toEqual([
      { path: 'beneficiaries.plannedWomen', message: 'The number of women may not exceed the total number of people.' },
    ]);
    expect(await countRows(t.ctx, 'projects')).toBe(before);
    const p = await created();
    const edit = await put(officer, p, { beneficiaries: { plannedPeople: 10, plannedWomen: 5, reachedPeople: 3, reachedWomen: 4 } });
    expect(edit.statusCode).toBe(400);
  });

  test('a closed project is frozen: no edit, no money, no step', async () => {
    let p = await approved();
    p = (await transact(officer, p, 'commitment', 1_000_000)).json();
    p = (await transact(officer, p, 'disbursement', 1_000_000)).json();
    p = await moved(officer, p, 'start');
    p = await moved(officer, p, 'finalise');
    expect((await move(officer, p, 'close')).statusCode).toBe(403);
    p = await moved(manager, p, 'close');
    expect(p.status).toBe('closed');
    expect(Object.values(p.may).every((flag) => flag === false)).toBe(true);
    const edit = await put(manager, p, { titleFr: 'Autre titre' }, 'en');
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'project_frozen', detail: expect.stringContaining('frozen') });
    expect((await transact(manager, p, 'disbursement', 1)).json().code).toBe('project_frozen');
    expect((await move(manager, p, 'cancel', 'Erreur')).json().code).toBe('project_frozen');
  });

  test('cancelling needs a reason and a manager; a cancelled project is frozen too', async () => {
    const p = await created();
    expect((await move(officer, p, 'cancel', 'Doublon')).statusCode).toBe(403);
    const bare = await move(manager, p, 'cancel', '');
    expect(bare.statusCode).toBe(400);
    const cancelled = await moved(manager, p, 'cancel', 'Doublon');
    expect(cancelled.status).toBe('cancelled');
    expect((await put(manager, cancelled, {})).json().code).toBe('project_frozen');
  });

  test('two people editing the same version: the second gets 409, and its change is not applied', async () => {
    const p = await created();
    const first = await put(officer, p, { titleFr: 'Premier' });
    expect(first.statusCode).toBe(200);
    const second = await put(manager, p, { titleFr: 'Second' }, 'en');
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'version_conflict', detail: expect.stringContaining('Someone else') });
    const now: Project = (await t.app.inject({ url: `/api/projects/${p.id}`, headers: officer.headers })).json();
    expect(now.titleFr).toBe('Premier');
    const history = (await t.app.inject({ url: `/api/projects/${p.id}/history`, headers: officer.headers })).json();
    expect(history.entries[0].changes.title_fr).toEqual({ from: 'Réhabilitation du marché de Ménaka', to: 'Premier' });
    // A stale money move or step is refused the same way.
    const a = await approved();
    expect((await transact(officer, a, 'commitment', 10)).statusCode).toBe(200);
    expect((await transact(officer, a, 'commitment', 10)).statusCode).toBe(409);
    expect((await move(officer, a, 'start')).statusCode).toBe(409);
  });

  test('places are gazetteer places or coordinates inside Mali; partners come from the registry, with roles', async () => {
    const outside = await propose(officer, { places: [{ latitude: 48.85, longitude: 2.35 }] }, 'en');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([{ path: 'places.0.latitude', message: expect.stringContaining('outside Mali') }]);
    expect((await propose(officer, { places: [{ place: 'Atlantis' }] })).json().errors[0].path).toBe('places.0.place');
    const unknown = await propose(officer, { partners: [{ partner: '00000000-0000-4000-8000-000000000000', role: 'implementing' }] });
    expect(unknown.json().errors[0].path).toBe('partners.0.partner');
    const p = await created(officer, {
      places: [{ place: 'Ménaka' }, { latitude: 16.27, longitude: -0.04 }],
      partners: [
        { partner: partnerId, role: 'implementing' },
        { partner: partnerId, role: 'funding' },
      ],
    });
    expect(p.places.map((x) => x.region)).toEqual(['ML-9', 'ML-7']);
    expect(p.partners.map((x) => x.role).sort()).toEqual(['funding', 'implementing']);
  });

  test('reloading the fact book keeps the partners a project names, under the same id', async () => {
    const p = await created(officer, { partners: [{ partner: partnerId, role: 'implementing' }] });
    expect(await seedFactbook(t.ctx, { id: null, label: 'system' }, { replace: true })).toBe(true);
    const read = await t.app.inject({ url: `/api/projects/${p.id}`, headers: officer.headers });
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json() as Project).partners).toEqual(p.partners);
    const vocabulary = (await t.app.inject({ url: '/api/projects/vocabulary', headers: officer.headers })).json();
    expect(vocabulary.partners.filter((x: { id: string }) => x.id === partnerId)).toHaveLength(1);
  });

  test('unknown fields and fields the server owns are refused, nothing written', async () => {
    const before = await countRows(t.ctx, 'projects');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: { ...officer.headers, 'accept-language': 'en' },
      payload: { ...projectInput(), status: 'approved', id: '00000000-0000-4000-8000-000000000000' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().title).toBe('The request contains invalid data.');
    expect(await countRows(t.ctx, 'projects')).toBe(before);
    expect((await propose(viewer)).statusCode).toBe(403);
    expect((await propose(officer, { unit: 'SRS' })).statusCode).toBe(403);
  });

  test('the portfolio filters in SQL within the read scope, pages by keyset, totals in USD, exports CSV', async () => {
    const secret = await created(other, {
      unit: 'SRS',
      fund: 'pbf',
      classification: 'restricted',
      titleFr: 'Projet restreint SRS',
      budgetMinor: 100_000_000,
    });
    const open = await created(other, {
      unit: 'SRS',
      fund: 'pbf',
      classification: 'public',
      titleFr: 'Projet public SRS',
      budgetMinor: 50_000_000,
    });
    const list = async (session: Session | null, query: string) => {
      const response = await t.app.inject({ url: `/api/projects?${query}`, headers: session?.headers ?? {} });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { items: ProjectSummary[]; next: string | null };
    };
    expect((await list(other, 'fund=pbf')).items.map((p) => p.id).sort()).toEqual([secret.id, open.id].sort());
    expect((await list(officer, 'fund=pbf')).items.map((p) => p.id)).toEqual([open.id]);
    expect((await list(null, 'fund=pbf')).items.map((p) => p.id)).toEqual([open.id]);
    expect((await list(null, '')).items.every((p) => p.classification === 'public')).toBe(true);
    expect((await t.app.inject({ url: `/api/projects/${secret.id}`, headers: officer.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/projects/${secret.id}/history`, headers: officer.headers })).statusCode).toBe(404);

    expect((await list(officer, 'unit=CAD&status=approved')).items.every((p) => p.unit === 'CAD' && p.status === 'approved')).toBe(true);
    expect((await list(officer, 'region=ML-7')).items.length).toBeGreaterThan(0);
    expect((await list(officer, 'region=ML-1')).items).toEqual([]);

    // Keyset pages: every project once, in order.
    const all = (await list(officer, 'limit=200')).items.map((p) => p.id);
    const paged: string[] = [];
    let after = '';
    for (;;) {
      const page = await list(officer, `limit=3${after ? `&after=${after}` : ''}`);
      paged.push(...page.items.map((p) => p.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(paged).toEqual(all);
    expect((await t.app.inject({ url: '/api/projects?after=nonsense', headers: officer.headers })).statusCode).toBe(400);

    const totals = async (session: Session, query: string) =>
      (await t.app.inject({ url: `/api/projects/totals?${query}`, headers: session.headers })).json() as PortfolioTotals;
    expect((await totals(other, 'fund=pbf')).total).toEqual({
      count: 2,
      budgetUsdMinor: 150_000_000,
      committedUsdMinor: 0,
      disbursedUsdMinor: 0,
    });
    expect((await totals(officer, 'fund=pbf')).byFund).toEqual([
      { fund: 'pbf', count: 1, budgetUsdMinor: 50_000_000, committedUsdMinor: 0, disbursedUsdMinor: 0 },
    ]);
    const cad = await totals(officer, 'unit=CAD');
    expect(cad.byStatus.reduce((n, s) => n + s.count, 0)).toBe(cad.total.count);

    const exports = await countRows(t.ctx, 'audit_log');
    const csv = await t.app.inject({ url: '/api/projects/export.csv?fund=pbf&separator=semicolon', headers: officer.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Projet public SRS');
    expect(csv.body).not.toContain('Projet restreint SRS');
    expect(csv.body).toContain('500000,00');
    expect(await countRows(t.ctx, 'audit_log')).toBe(exports + 1);
  });
});
