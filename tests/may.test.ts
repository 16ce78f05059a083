import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident, IncidentMay } from '../src/contracts/incidents.js';
import type { Proposal, ProposalMay, Section } from '../src/contracts/organisation.js';
import type { Project, ProjectMay } from '../src/contracts/projects.js';
import type { ProtectionCase } from '../src/contracts/protection.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { buildUser, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { buildFactbook } from './helpers/factbook.js';
import { incidentInput, pngWith } from './helpers/incidents.js';
import { projectInput } from './helpers/projects.js';
import { humanRightsCase } from './helpers/protection.js';

/**
 * The `may` flags of a record say what the requester may do with it: for each kind of caller and
 * each status, every flag is checked against its write route on a record in that state: a true
 * flag means the route accepts, a false one that it refuses. A caller who may not read the record
 * gets no flags (all false, in effect), and every write refuses them too. A proposal for a
 * section carries its flags in the section's list of proposals. A project's flags include the
 * approval of a QIP's exception and the recording of money.
 */

type Caller = 'reader' | 'author' | 'manager' | 'otherManager' | 'admin';
const CALLERS: Caller[] = ['reader', 'author', 'manager', 'otherManager', 'admin'];
const PNG = pngWith('');

const accepted = (response: LightMyRequestResponse) => response.statusCode < 300;

/** Flags and routes seen in both states across the matrix, so that no flag is trivially constant. */
function coverage() {
  const seen = new Map<string, Set<boolean>>();
  return {
    note: (flag: string, value: boolean) => seen.set(flag, (seen.get(flag) ?? new Set()).add(value)),
    constant: () => [...seen].filter(([, values]) => values.size < 2).map(([flag]) => flag),
  };
}

describe.each(DIALECTS)('what the server says a requester may do (%s)', (dialect) => {
  let t: TestApp;
  const sessions = new Map<Caller | 'officer', Session>();
  const ids = new Map<Caller | 'officer', string>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (name: Caller | 'officer', memberships: { unit: string; role: 'viewer' | 'officer' | 'manager' }[], extra = {}) => {
      const user = await buildUser(t.ctx, { memberships, secondFactor: true, ...extra });
      ids.set(name, user.id);
      sessions.set(name, await signIn(t.app, user.email));
    };
    // Members of both the incidents' unit (FORCE) and the cases' unit (HRPD), in the same role.
    await as('reader', [
      { unit: 'FORCE', role: 'viewer' },
      { unit: 'HRPD', role: 'viewer' },
    ]);
    await as('author', [
      { unit: 'FORCE', role: 'officer' },
      { unit: 'HRPD', role: 'officer' },
    ]);
    await as('officer', [{ unit: 'HRPD', role: 'officer' }]);
    await as('manager', [
      { unit: 'FORCE', role: 'manager' },
      { unit: 'HRPD', role: 'manager' },
    ]);
    await as('otherManager', [
      { unit: 'UNPOL', role: 'manager' },
      { unit: 'CDT', role: 'manager' },
    ]);
    await as('admin', [], { admin: true });
  });
  afterAll(async () => t?.close());

  const send = (caller: Caller | 'officer', method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers = {}) =>
    t.app.inject({
      method,
      url,
      headers: { ...(sessions.get(caller)?.headers ?? {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async <T>(caller: Caller | 'officer', method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const response = await send(caller, method, url, payload);
    expect(response.statusCode, `${caller} ${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json() as T;
  };

  describe('an incident', () => {
    const STATUSES = ['draft', 'submitted', 'verified', 'rejected', 'closed'] as const;
    type Status = (typeof STATUSES)[number];
    const FLAGS = ['edit', 'attach', 'submit', 'verify', 'reject', 'close', 'reopen'] as const satisfies readonly (keyof IncidentMay)[];

    /** An internal FORCE incident recorded by the author, moved to `status` by the author and the manager. */
    async function incidentIn(status: Status): Promise<Incident> {
      let incident = await ok<Incident>('author', 'POST', '/api/incidents', incidentInput({ classification: 'internal' }));
      const move = async (caller: Caller, action: string) => {
        incident = await ok<Incident>(caller, 'POST', `/api/incidents/${incident.ref}/transitions`, {
          action,
          version: incident.version,
          comment: 'Motif de la décision',
        });
      };
      if (status === 'draft') return incident;
      await move('author', 'submit');
      if (status === 'rejected') await move('manager', 'reject');
      if (status === 'verified' || status === 'closed') await move('manager', 'verify');
      if (status === 'closed') await move('manager', 'close');
      return incident;
    }

    function attempt(caller: Caller, flag: (typeof FLAGS)[number], incident: Incident) {
      const url = `/api/incidents/${incident.ref}`;
      switch (flag) {
        case 'edit':
          return send(caller, 'PUT', url, {
            version: incident.version,
            incident: incidentInput({ classification: 'internal', title: 'Titre revu' }),
          });
        case 'attach':
          return send(caller, 'POST', `${url}/attachments?filename=photo.png`, PNG, { 'content-type': 'image/png' });
        default:
          return send(caller, 'POST', `${url}/transitions`, { action: flag, version: incident.version, comment: 'Motif de la décision' });
      }
    }

    const seen = coverage();
    test.each(STATUSES)(
      'each flag agrees with its write route, for every caller, on a %s incident',
      { timeout: 120_000 },
      async (status) => {
        for (const caller of CALLERS) {
          const incident = await incidentIn(status);
          const detail = await send(caller, 'GET', `/api/incidents/${incident.ref}`);
          const where = `${caller} on a ${status} incident`;
          if (detail.statusCode === 404) {
            for (const flag of FLAGS) {
              seen.note(flag, false);
              expect(accepted(await attempt(caller, flag, incident)), `${where}: ${flag}`).toBe(false);
            }
            continue;
          }
          expect(detail.statusCode, where).toBe(200);
          const { may } = detail.json() as Incident;
          expect(Object.keys(may).sort(), where).toEqual([...FLAGS].sort());
          // Refusals change nothing: they are tried on this record, each acceptance on one of its own.
          for (const flag of FLAGS.filter((f) => !may[f])) {
            seen.note(flag, false);
            const response = await attempt(caller, flag, incident);
            expect(accepted(response), `${where}: ${flag} is refused (${response.body})`).toBe(false);
          }
          let fresh: Incident | null = incident;
          for (const flag of FLAGS.filter((f) => may[f])) {
            seen.note(flag, true);
            const target = fresh ?? (await incidentIn(status));
            fresh = null;
            const response = await attempt(caller, flag, target);
            expect(accepted(response), `${where}: ${flag} is accepted (${response.body})`).toBe(true);
          }
        }
      },
    );

    test('no flag is the same for every caller and status', () => expect(seen.constant()).toEqual([]));
  });

  describe('a project', () => {
    const STATUSES = ['proposed', 'reviewed', 'approved', 'ongoing', 'finalised', 'closed'] as const;
    type Status = (typeof STATUSES)[number];
    const FLAGS = [
      'edit',
      'transact',
      'approveException',
      'review',
      'approve',
      'start',
      'finalise',
      'close',
      'cancel',
    ] as const satisfies readonly (keyof ProjectMay)[];
    /** A FORCE QIP of USD 60,000 proposed by the author with a justified exception. */
    const input = projectInput({ unit: 'FORCE', budgetMinor: 6_000_000, exceptionJustification: 'Seul forage du quartier.' });

    /** Moved to `status` by the author and the manager; past `proposed`, its exception is approved. */
    async function projectIn(status: Status): Promise<Project> {
      let project = await ok<Project>('author', 'POST', '/api/projects', input);
      if (status === 'proposed') return project;
      project = await ok<Project>('manager', 'POST', `/api/projects/${project.id}/exception`, { version: project.version });
      const order: Status[] = ['reviewed', 'approved', 'ongoing', 'finalised', 'closed'];
      const moves = {
        reviewed: ['author', 'review'],
        approved: ['manager', 'approve'],
        ongoing: ['author', 'start'],
        finalised: ['author', 'finalise'],
        closed: ['manager', 'close'],
      } as const;
      for (const next of order.slice(0, order.indexOf(status) + 1)) {
        const [caller, action] = moves[next as keyof typeof moves];
        project = await ok<Project>(caller, 'POST', `/api/projects/${project.id}/transitions`, {
          action,
          version: project.version,
          comment: '',
        });
      }
      return project;
    }

    function attempt(caller: Caller, flag: (typeof FLAGS)[number], project: Project) {
      const url = `/api/projects/${project.id}`;
      switch (flag) {
        case 'edit':
          return send(caller, 'PUT', url, { version: project.version, project: { ...input, titleFr: 'Titre revu' } });
        case 'transact':
          return send(caller, 'POST', `${url}/transactions`, {
            version: project.version,
            kind: 'commitment',
            on: '2020-10-01',
            amountMinor: 100,
          });
        case 'approveException':
          return send(caller, 'POST', `${url}/exception`, { version: project.version });
        default:
          return send(caller, 'POST', `${url}/transitions`, { action: flag, version: project.version, comment: 'Motif de la décision' });
      }
    }

    const seen = coverage();
    test.each(STATUSES)(
      'each flag agrees with its write route, for every caller, on a %s project',
      { timeout: 120_000 },
      async (status) => {
        for (const caller of CALLERS) {
          const project = await projectIn(status);
          const detail = await send(caller, 'GET', `/api/projects/${project.id}`);
          const where = `${caller} on a ${status} project`;
          expect(detail.statusCode, where).toBe(200);
          const { may } = detail.json() as Project;
          expect(Object.keys(may).sort(), where).toEqual([...FLAGS].sort());
          for (const flag of FLAGS.filter((f) => !may[f])) {
            seen.note(flag, false);
            const response = await attempt(caller, flag, project);
            expect(accepted(response), `${where}: ${flag} is refused (${response.body})`).toBe(false);
          }
          let fresh: Project | null = project;
          for (const flag of FLAGS.filter((f) => may[f])) {
            seen.note(flag, true);
            const target = fresh ?? (await projectIn(status));
            fresh = null;
            const response = await attempt(caller, flag, target);
            expect(accepted(response), `${where}: ${flag} is accepted (${response.body})`).toBe(true);
          }
        }
      },
    );

    test('no flag is the same for every caller and status', () => expect(seen.constant()).toEqual([]));
  });

  describe('a protection case', () => {
    const STATUSES = ['documented', 'verified', 'reported', 'closed'] as const;
    type Status = (typeof STATUSES)[number];
    const FLAGS = ['edit', 'attach', 'reveal', 'assignTeam'] as const;
    const MOVES = ['verify', 'report', 'close', 'reopen'] as const;
    type Action = (typeof FLAGS)[number] | `move:${(typeof MOVES)[number]}`;
    const ACTIONS: Action[] = [...FLAGS, ...MOVES.map((m) => `move:${m}` as const)];

    /** A human-rights case (HRPD) opened by the author, with one person, moved to `status` by the unit's manager. */
    async function caseIn(status: Status): Promise<{ c: ProtectionCase; person: string }> {
      const { programme, ...input } = humanRightsCase();
      let c = await ok<ProtectionCase>('author', 'POST', '/api/protection/cases', { programme, ...input });
      const person = await ok<{ pseudonym: string }>('author', 'POST', `/api/protection/cases/${c.ref}/persons`, {
        role: 'perpetrator',
        identity: { name: 'Nom scellé' },
      });
      c = await ok<ProtectionCase>('author', 'GET', `/api/protection/cases/${c.ref}`);
      const move = async (action: string) => {
        c = await ok<ProtectionCase>('manager', 'POST', `/api/protection/cases/${c.ref}/transition`, {
          action,
          version: c.version,
          comment: 'Motif de la décision',
          standardOfProof: 'reasonable_grounds',
        });
      };
      if (status === 'verified' || status === 'reported') await move('verify');
      if (status === 'reported') await move('report');
      if (status === 'closed') await move('close');
      return { c, person: person.pseudonym };
    }

    function attempt(caller: Caller, action: Action, { c, person }: { c: ProtectionCase; person: string }) {
      const url = `/api/protection/cases/${c.ref}`;
      const { programme: _, ...input } = humanRightsCase({ summary: 'Résumé revu du cas' });
      switch (action) {
        case 'edit':
          return send(caller, 'PUT', url, { version: c.version, case: input });
        case 'attach':
          return send(caller, 'POST', `${url}/attachments?filename=photo.png`, PNG, { 'content-type': 'image/png' });
        case 'reveal':
          return send(caller, 'POST', `${url}/persons/${person}/reveal`, { reason: 'Orientation vers un service médical' });
        case 'assignTeam':
          return send(caller, 'PUT', `${url}/team`, { members: [ids.get('author'), ids.get('officer')] });
        default:
          return send(caller, 'POST', `${url}/transition`, {
            action: action.slice('move:'.length),
            version: c.version,
            comment: 'Motif de la décision',
            standardOfProof: 'reasonable_grounds',
          });
      }
    }

    const seen = coverage();
    test.each(STATUSES)('each flag agrees with its write route, for every caller, on a %s case', { timeout: 120_000 }, async (status) => {
      for (const caller of CALLERS) {
        const record = await caseIn(status);
        const detail = await send(caller, 'GET', `/api/protection/cases/${record.c.ref}`);
        const where = `${caller} on a ${status} case`;
        if (detail.statusCode === 404) {
          for (const action of ACTIONS) {
            seen.note(action, false);
            expect(accepted(await attempt(caller, action, record)), `${where}: ${action}`).toBe(false);
          }
          continue;
        }
        expect(detail.statusCode, where).toBe(200);
        const { may } = detail.json() as ProtectionCase;
        expect(Object.keys(may.moves).sort(), where).toEqual([...MOVES].sort());
        const flag = (action: Action) =>
          (action.startsWith('move:') ? may.moves[action.slice('move:'.length)] : may[action as (typeof FLAGS)[number]]) === true;
        for (const action of ACTIONS.filter((a) => !flag(a))) {
          seen.note(action, false);
          const response = await attempt(caller, action, record);
          expect(accepted(response), `${where}: ${action} is refused (${response.body})`).toBe(false);
        }
        let fresh: typeof record | null = record;
        for (const action of ACTIONS.filter(flag)) {
          seen.note(action, true);
          const target = fresh ?? (await caseIn(status));
          fresh = null;
          const response = await attempt(caller, action, target);
          expect(accepted(response), `${where}: ${action} is accepted (${response.body})`).toBe(true);
        }
      }
    });

    test('no flag is the same for every caller and status', () => expect(seen.constant()).toEqual([]));
  });

  describe('a proposal for a section', () => {
    const STATUSES = ['pending', 'published', 'rejected', 'withdrawn', 'stale'] as const;
    type Status = (typeof STATUSES)[number];
    const FLAGS = ['publish', 'reject', 'withdraw'] as const satisfies readonly (keyof ProposalMay)[];

    beforeAll(async () => {
      await seedFactbook(t.ctx, { id: null, label: 'test' }, { book: buildFactbook() });
    });

    /** A proposal by the author for the FORCE mandate, moved to `status` by the author or the unit's manager. */
    async function proposalIn(status: Status): Promise<Proposal> {
      const propose = async () => {
        const text = (await ok<Section>('author', 'GET', '/api/sections/FORCE')).texts[0];
        return ok<Proposal>('author', 'POST', `/api/sections/FORCE/texts/${text?.id}/proposals`, {
          version: text?.version,
          body: `Mandat revu ${Math.random()}`,
        });
      };
      const proposal = await propose();
      const decide = (caller: Caller, p: Proposal, action: string, payload = {}) =>
        ok<Proposal>(caller, 'POST', `/api/sections/FORCE/proposals/${p.id}/${action}`, payload);
      if (status === 'published') return decide('manager', proposal, 'publish');
      if (status === 'rejected') return decide('manager', proposal, 'reject', { reason: 'Motif du rejet' });
      if (status === 'withdrawn') return decide('author', proposal, 'withdraw');
      if (status === 'stale') await decide('manager', await propose(), 'publish');
      return proposal;
    }

    const attempt = (caller: Caller, flag: (typeof FLAGS)[number], proposal: Proposal) =>
      send(caller, 'POST', `/api/sections/FORCE/proposals/${proposal.id}/${flag}`, flag === 'reject' ? { reason: 'Motif du rejet' } : {});

    const seen = coverage();
    test.each(STATUSES)(
      'each flag agrees with its write route, for every caller, on a %s proposal',
      { timeout: 120_000 },
      async (status) => {
        for (const caller of CALLERS) {
          const proposal = await proposalIn(status);
          const where = `${caller} on a ${status} proposal`;
          const listed = await ok<{ proposals: Proposal[] }>(caller, 'GET', `/api/sections/FORCE/proposals?status=${status}`);
          const seenBy = listed.proposals.find((p) => p.id === proposal.id);
          if (!seenBy) {
            for (const flag of FLAGS) {
              seen.note(flag, false);
              expect(accepted(await attempt(caller, flag, proposal)), `${where}: ${flag}`).toBe(false);
            }
            continue;
          }
          const { may } = seenBy;
          expect(Object.keys(may).sort(), where).toEqual([...FLAGS].sort());
          for (const flag of FLAGS.filter((f) => !may[f])) {
            seen.note(flag, false);
            const response = await attempt(caller, flag, proposal);
            expect(accepted(response), `${where}: ${flag} is refused (${response.body})`).toBe(false);
          }
          let fresh: Proposal | null = proposal;
          for (const flag of FLAGS.filter((f) => may[f])) {
            seen.note(flag, true);
            const target = fresh ?? (await proposalIn(status));
            fresh = null;
            const response = await attempt(caller, flag, target);
            expect(accepted(response), `${where}: ${flag} is accepted (${response.body})`).toBe(true);
          }
        }
      },
    );

    test('no flag is the same for every caller and status', () => expect(seen.constant()).toEqual([]));
  });
});
