import { describe, expect, test } from 'vitest';
import type { IncidentStatus, TransitionName } from '../src/contracts/incidents.js';
import { allowedTransitions, mayEdit } from '../src/modules/incidents/incidents.policy.js';
import type { IncidentRow } from '../src/modules/incidents/incidents.repository.js';
import type { Actor } from '../src/platform/policy.js';

/**
 * The workflow as a matrix: every relation to an incident × every status → which edits and moves
 * are allowed. The expected table is written from the workflow's description (officers edit drafts
 * and candidates and submit; managers also edit verified incidents and verify, reject, close and
 * reopen; nobody verifies their own incident; other units and global roles do nothing), not from
 * the code.
 */

const AUTHOR = 'author';

function actor(
  id: string,
  memberships: [string, 'viewer' | 'officer' | 'manager'][],
  roles: { admin?: boolean; auditor?: boolean } = {},
): Actor {
  return { id, label: id, admin: roles.admin ?? false, auditor: roles.auditor ?? false, memberships: new Map(memberships) };
}

const RELATIONS: Record<string, Actor> = {
  'viewer of the unit': actor('v', [['FORCE', 'viewer']]),
  'officer of the unit': actor('o', [['FORCE', 'officer']]),
  'officer, author': actor(AUTHOR, [['FORCE', 'officer']]),
  'manager of the unit': actor('m', [['FORCE', 'manager']]),
  'manager, author': actor(AUTHOR, [['FORCE', 'manager']]),
  'manager of another unit': actor('x', [['UNPOL', 'manager']]),
  'manager of a unit it is shared with': actor('s', [['CAD', 'manager']]),
  administrator: actor('a', [], { admin: true }),
  auditor: actor('u', [], { auditor: true }),
};

type Expectation = { edit: boolean; moves: TransitionName[] };
const none: Expectation = { edit: false, moves: [] };

const EXPECTED: Record<string, Record<IncidentStatus, Expectation>> = {
  'viewer of the unit': { draft: none, submitted: none, verified: none, closed: none, rejected: none },
  'officer of the unit': {
    draft: { edit: true, moves: ['submit'] },
    submitted: { edit: true, moves: [] },
    verified: none,
    closed: none,
    rejected: none,
  },
  'officer, author': {
    draft: { edit: true, moves: ['submit'] },
    submitted: { edit: true, moves: [] },
    verified: none,
    closed: none,
    rejected: none,
  },
  'manager of the unit': {
    draft: { edit: true, moves: ['submit'] },
    submitted: { edit: true, moves: ['verify', 'reject'] },
    verified: { edit: true, moves: ['close'] },
    closed: { edit: false, moves: ['reopen'] },
    rejected: { edit: false, moves: ['reopen'] },
  },
  'manager, author': {
    draft: { edit: true, moves: ['submit'] },
    submitted: { edit: true, moves: ['reject'] },
    verified: { edit: true, moves: ['close'] },
    closed: { edit: false, moves: ['reopen'] },
    rejected: { edit: false, moves: ['reopen'] },
  },
  'manager of another unit': { draft: none, submitted: none, verified: none, closed: none, rejected: none },
  'manager of a unit it is shared with': { draft: none, submitted: none, verified: none, closed: none, rejected: none },
  administrator: { draft: none, submitted: none, verified: none, closed: none, rejected: none },
  auditor: { draft: none, submitted: none, verified: none, closed: none, rejected: none },
};

function row(status: IncidentStatus, classification: string): IncidentRow {
  return { unit_code: 'FORCE', classification, status, created_by: AUTHOR } as IncidentRow;
}

describe('incident workflow permissions', () => {
  for (const classification of ['public', 'internal', 'restricted']) {
    for (const [relation, who] of Object.entries(RELATIONS)) {
      test(`${relation}, ${classification}`, () => {
        const expected = EXPECTED[relation];
        if (!expected) throw new Error(relation);
        const actual = Object.fromEntries(
          (Object.keys(expected) as IncidentStatus[]).map((status) => [
            status,
            {
              edit: mayEdit(who, row(status, classification), ['CAD']),
              moves: allowedTransitions(who, row(status, classification), ['CAD']),
            },
          ]),
        );
        expect(actual).toEqual(expected);
      });
    }
  }
});
