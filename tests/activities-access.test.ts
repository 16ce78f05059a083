import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Activity } from '../src/contracts/activities.js';
import { participantTotals } from '../src/modules/activities/activities.service.js';
import { activityInput } from './helpers/activities.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * Who sees which activity, on every read surface: each activity carries a unique marker in its
 * title and notes; every caller crawls detail, history, list, totals and the CSV export; the
 * marker (and, in the totals, its participants) appears exactly where SECURITY.md says the caller
 * may read: public for anyone, internal for the staff, restricted for the owning unit. Then who
 * may record and correct, as a matrix, and the detail's `may.edit` agreeing with it.
 */

type Caller = 'anonymous' | 'hrViewer' | 'hrOfficer' | 'hrManager' | 'police' | 'admin' | 'auditor';
const CALLERS: Caller[] = ['anonymous', 'hrViewer', 'hrOfficer', 'hrManager', 'police', 'admin', 'auditor'];
const SIGNED_IN = CALLERS.filter((c) => c !== 'anonymous');
const HR: Caller[] = ['hrViewer', 'hrOfficer', 'hrManager'];

const CASES = [
  { classification: 'public', readers: CALLERS, women: 1 },
  { classification: 'internal', readers: SIGNED_IN, women: 2 },
  { classification: 'restricted', readers: HR, women: 4 },
] as const;

describe.each(DIALECTS)('activity access on every surface (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller, Session | null>();
  const ids = new Map<Caller, string | null>();
  const records: { case: (typeof CASES)[number]; marker: string; activity: Activity }[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (caller: Caller, memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[], extra = {}) => {
      const user = await buildUser(t.ctx, { memberships, ...extra });
      sessions.set(caller, await signIn(t.app, user.email));
      ids.set(caller, user.id);
    };
    sessions.set('anonymous', null);
    ids.set('anonymous', null);
    await as('hrViewer', [{ unit: 'HRPD', role: 'viewer' }]);
    await as('hrOfficer', [{ unit: 'HRPD', role: 'officer' }]);
    await as('hrManager', [{ unit: 'HRPD', role: 'manager' }]);
    await as('police', [{ unit: 'UNPOL', role: 'manager' }]);
    await as('admin', [], { admin: true });
    await as('auditor', [], { auditor: true });
    for (const c of CASES) {
      const marker = `CANARY-${c.classification}-${Math.random().toString(36).slice(2, 10)}`;
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/activities',
        headers: sessions.get('hrOfficer')?.headers ?? {},
        payload: activityInput({
          classification: c.classification,
          topic: 'sexual_violence',
          title: `Formation ${marker}`,
          notes: marker,
          participants: { women: c.women, men: 0, children: 0, adults: c.women },
        }),
      });
      expect(response.statusCode, response.body).toBe(201);
      records.push({ case: c, marker, activity: response.json() });
    }
  });
  afterAll(async () => t?.close());

  test.each(CALLERS)('%s sees an activity’s marker only where it may read the activity', async (caller) => {
    const headers = sessions.get(caller)?.headers ?? {};
    const get = (url: string) => t.app.inject({ url, headers });
    const [list, csv, totals] = (
      await Promise.all([
        get('/api/activities?topic=sexual_violence&limit=200'),
        get('/api/activities/export.csv?topic=sexual_violence'),
        get('/api/activities/totals?topic=sexual_violence'),
      ])
    ).map((r) => {
      expect(r.statusCode).toBe(200);
      return r.body;
    }) as [string, string, string];
    let women = 0;
    for (const { case: c, marker, activity } of records) {
      const may = (c.readers as readonly Caller[]).includes(caller);
      if (may) women += c.women;
      const detail = await get(`/api/activities/${activity.id}`);
      const history = await get(`/api/activities/${activity.id}/history`);
      expect(detail.statusCode, `${caller} detail of ${c.classification}`).toBe(may ? 200 : 404);
      expect(history.statusCode, `${caller} history of ${c.classification}`).toBe(may ? 200 : 404);
      expect(detail.body.includes(marker)).toBe(may);
      expect(list.includes(marker), `${caller} list, ${c.classification}`).toBe(may);
      expect(csv.includes(marker), `${caller} export, ${c.classification}`).toBe(may);
      if (!may) expect(detail.json().code).toBe('not_found');
    }
    expect(JSON.parse(totals).total.women).toBe(women);
    // The read function other modules use counts the same activities.
    const id = ids.get(caller);
    const memberships = new Map<string, 'viewer' | 'officer' | 'manager'>(
      caller === 'police'
        ? [['UNPOL', 'manager']]
        : HR.includes(caller)
          ? [['HRPD', caller === 'hrViewer' ? 'viewer' : caller === 'hrOfficer' ? 'officer' : 'manager']]
          : [],
    );
    const actor = id ? { id, label: caller, admin: caller === 'admin', auditor: caller === 'auditor', memberships } : null;
    expect((await participantTotals(t.ctx, actor, { topic: ['sexual_violence'] })).women).toBe(women);
  });

  test('the audit log names an activity by its title only to an auditor who may read it', async () => {
    const audit = await t.app.inject({ url: '/api/audit?recordType=activity', headers: sessions.get('auditor')?.headers ?? {} });
    expect(audit.statusCode).toBe(200);
    const labels = (audit.json().entries as { recordId: string; recordLabel: string | null }[]).map((e) => [e.recordId, e.recordLabel]);
    for (const { case: c, marker, activity } of records) {
      const label = labels.find(([id]) => id === activity.id)?.[1] ?? null;
      if (c.classification === 'restricted') expect(label).toBeNull();
      else expect(label).toContain(marker);
    }
    expect(audit.body).not.toContain(records.find((r) => r.case.classification === 'restricted')?.marker);
  });

  const WRITES: Record<Caller, { create: number; correct: number }> = {
    anonymous: { create: 401, correct: 401 },
    hrViewer: { create: 403, correct: 403 },
    hrOfficer: { create: 201, correct: 403 },
    hrManager: { create: 201, correct: 200 },
    police: { create: 403, correct: 404 },
    admin: { create: 403, correct: 404 },
    auditor: { create: 403, correct: 404 },
  };

  test.each(CALLERS)('%s records and corrects HRPD’s activities as the matrix says', async (caller) => {
    const headers = sessions.get(caller)?.headers ?? {};
    const expected = WRITES[caller];
    const create = await t.app.inject({ method: 'POST', url: '/api/activities', headers, payload: activityInput() });
    expect(create.statusCode, `${caller} create`).toBe(expected.create);
    const restricted = records.find((r) => r.case.classification === 'restricted')?.activity as Activity;
    const current = await t.app.inject({ url: `/api/activities/${restricted.id}`, headers: sessions.get('hrManager')?.headers ?? {} });
    const correct = await t.app.inject({
      method: 'PUT',
      url: `/api/activities/${restricted.id}`,
      headers,
      payload: {
        version: current.json().version,
        activity: activityInput({
          classification: 'restricted',
          topic: 'sexual_violence',
          title: current.json().title,
          notes: current.json().notes,
          participants: { women: 4, men: 0, children: 0, adults: 4 },
        }),
      },
    });
    expect(correct.statusCode, `${caller} correct`).toBe(expected.correct);
    // The detail's `may.edit` says what the write route does.
    const detail = await t.app.inject({ url: `/api/activities/${restricted.id}`, headers });
    if (detail.statusCode === 200) expect(detail.json().may.edit, `${caller} may.edit`).toBe(expected.correct === 200);
  });
});
