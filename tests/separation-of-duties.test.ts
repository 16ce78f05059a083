import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { MembershipRequest, User } from '../src/contracts/users.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { humanRightsCase } from './helpers/protection.js';

/**
 * SECURITY.md, separation of duties: no account changes its own roles or memberships, and a
 * membership of a unit that holds confidential content takes two people.
 */
describe.each(DIALECTS)('separation of duties (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let adminId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    const user = await buildUser(t.ctx, { admin: true, secondFactor: true });
    adminId = user.id;
    admin = await signIn(t.app, user.email);
  });
  afterEach(async () => t?.close());

  const patch = (session: Session, id: string, payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: session.headers, payload });
  const userById = async (id: string): Promise<User> =>
    (await t.app.inject({ url: '/api/users', headers: admin.headers })).json().users.find((u: User) => u.id === id);
  const requests = async (session: Session): Promise<MembershipRequest[]> =>
    (await t.app.inject({ url: '/api/membership-requests', headers: session.headers })).json().requests;
  const decide = (session: Session, id: string, decision: 'approve' | 'reject') =>
    t.app.inject({ method: 'POST', url: `/api/membership-requests/${id}`, headers: session.headers, payload: { decision } });

  test('an administrator cannot give itself a membership, and so reads no confidential case', async () => {
    const manager = await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'manager' }] });
    const managerSession = await signIn(t.app, manager.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/protection/cases',
      headers: managerSession.headers,
      payload: humanRightsCase(),
    });
    expect(created.statusCode).toBe(201);
    const ref = created.json().ref as string;

    const self = await patch(admin, adminId, { version: 1, memberships: [{ unit: 'HRPD', role: 'manager' }] });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('own_roles');
    expect(self.headers['content-type']).toContain('application/problem+json');
    for (const change of [{ auditor: true }, { memberships: [{ unit: 'FORCE', role: 'viewer' }] }]) {
      expect((await patch(admin, adminId, { version: 1, ...change })).json().code).toBe('own_roles');
    }
    expect((await userById(adminId)).memberships).toEqual([]);
    const read = await t.app.inject({ url: `/api/protection/cases/${ref}`, headers: admin.headers });
    expect(read.statusCode).toBe(404);
  });

  test('a confidential unit’s membership waits for its manager; the requester and the account concerned cannot approve', async () => {
    const manager = await buildUser(t.ctx, { memberships: [{ unit: 'HRPD', role: 'manager' }] });
    const managerSession = await signIn(t.app, manager.email);
    const colleague = await buildUser(t.ctx, { admin: true, secondFactor: true });
    const colleagueSession = await signIn(t.app, colleague.email);

    // One administrator asks for a membership for another (a colluding pair of administrators).
    const asked = await patch(admin, colleague.id, { version: colleague.version, memberships: [{ unit: 'HRPD', role: 'manager' }] });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ memberships: [], pendingMemberships: [{ unit: 'HRPD', role: 'manager' }] });

    const [request] = await requests(managerSession);
    expect(request).toMatchObject({ unit: 'HRPD', role: 'manager', status: 'pending', mayDecide: true });
    expect(request?.requestedBy.id).toBe(adminId);
    const id = request?.id as string;
    // The unit has a manager: neither administrator may approve.
    for (const session of [admin, colleagueSession]) {
      const refused = await decide(session, id, 'approve');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('second_person_required');
    }
    expect((await userById(colleague.id)).memberships).toEqual([]);
    // Another unit's manager does not see it at all.
    const outsider = await buildUser(t.ctx, { memberships: [{ unit: 'CDT', role: 'manager' }] });
    const outsiderSession = await signIn(t.app, outsider.email);
    expect(await requests(outsiderSession)).toEqual([]);
    expect((await decide(outsiderSession, id, 'approve')).statusCode).toBe(404);

    const approved = await decide(managerSession, id, 'approve');
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { id: manager.id } });
    expect(await userById(colleague.id)).toMatchObject({ memberships: [{ unit: 'HRPD', role: 'manager' }], pendingMemberships: [] });
    expect((await decide(managerSession, id, 'approve')).json().code).toBe('request_decided');

    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'details'])
      .where('action', 'in', ['membership.request', 'membership.approve'])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['membership.request', adminId],
      ['membership.approve', manager.id],
    ]);
    expect(JSON.parse(audit[1]?.details ?? '{}')).toMatchObject({ requestedBy: adminId, decidedBy: manager.id, unit: 'HRPD' });
  });

  test('a unit without a manager: a second administrator approves; a new account’s memberships wait too', async () => {
    const second = await buildUser(t.ctx, { admin: true });
    const secondSession = await signIn(t.app, second.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        email: 'nouvelle@minusma.test',
        name: 'Nouvelle',
        memberships: [
          { unit: 'UNMAS', role: 'officer' },
          { unit: 'FORCE', role: 'officer' },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json().user as User;
    expect(user.memberships).toEqual([{ unit: 'FORCE', role: 'officer' }]);
    expect(user.pendingMemberships).toEqual([{ unit: 'UNMAS', role: 'officer' }]);
    const [request] = await requests(secondSession);
    expect(request?.mayDecide).toBe(true);
    expect((await requests(admin))[0]?.mayDecide).toBe(false);
    expect((await decide(admin, request?.id as string, 'approve')).statusCode).toBe(403);
    const rejected = await decide(secondSession, request?.id as string, 'reject');
    expect(rejected.json().status).toBe('rejected');
    expect((await userById(user.id)).memberships).toEqual([{ unit: 'FORCE', role: 'officer' }]);
  });

  test('narrowing access takes effect at once', async () => {
    const officer = await buildUser(t.ctx, {
      memberships: [
        { unit: 'HRPD', role: 'manager' },
        { unit: 'CDT', role: 'officer' },
      ],
    });
    const lowered = await patch(admin, officer.id, { version: officer.version, memberships: [{ unit: 'HRPD', role: 'viewer' }] });
    expect(lowered.statusCode).toBe(200);
    expect(lowered.json()).toMatchObject({ memberships: [{ unit: 'HRPD', role: 'viewer' }], pendingMemberships: [] });
    // Raising it again waits, and the role in force meanwhile stays the lower one.
    const raised = await patch(admin, officer.id, { version: officer.version + 1, memberships: [{ unit: 'HRPD', role: 'officer' }] });
    expect(raised.json()).toMatchObject({
      memberships: [{ unit: 'HRPD', role: 'viewer' }],
      pendingMemberships: [{ unit: 'HRPD', role: 'officer' }],
    });
  });
});
