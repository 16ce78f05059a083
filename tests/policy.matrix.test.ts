import { describe, expect, test } from 'vitest';
import { CLASSIFICATIONS, type Classification, type UnitRole } from '../src/contracts/common.js';
import { mayOnProposal, mayProposeIn, mayReadProposalsOf, mayReviewIn } from '../src/modules/organisation/sections.policy.js';
import { type Actor, can, type Guarded, type RecordAction, readScope } from '../src/platform/policy.js';

/**
 * The access matrix, written from SECURITY.md's table of data classes and not from the policy
 * code: every relation × class × action. Letters: R read, C create, U update, D delete,
 * A assign the case team. A dash is "nothing".
 */
const EXPECTED: Record<string, Record<Classification, string>> = {
  anonymous: /*            */ { public: 'R', internal: '-', restricted: '-', confidential: '-' },
  'signed in, no unit': /* */ { public: 'R', internal: 'R', restricted: '-', confidential: '-' },
  'admin, no unit': /*     */ { public: 'R', internal: 'R', restricted: '-', confidential: '-' },
  'auditor, no unit': /*   */ { public: 'R', internal: 'R', restricted: '-', confidential: '-' },
  'viewer of owner': /*    */ { public: 'R', internal: 'R', restricted: 'R', confidential: '-' },
  'officer of owner': /*   */ { public: 'RCU', internal: 'RCU', restricted: 'RCU', confidential: 'C' },
  'manager of owner': /*   */ { public: 'RCUDA', internal: 'RCUDA', restricted: 'RCUDA', confidential: 'RCUDA' },
  'manager elsewhere': /*  */ { public: 'R', internal: 'R', restricted: '-', confidential: '-' },
  'viewer of shared unit': { public: 'R', internal: 'R', restricted: 'R', confidential: '-' },
  'officer of shared unit': { public: 'R', internal: 'R', restricted: 'R', confidential: '-' },
  'case team, officer': /* */ { public: 'RCU', internal: 'RCU', restricted: 'RCU', confidential: 'RCU' },
  'case team, viewer': /*  */ { public: 'R', internal: 'R', restricted: 'R', confidential: '-' },
  'case team, no unit': /* */ { public: 'R', internal: 'R', restricted: '-', confidential: '-' },
  'admin + team, no unit': { public: 'R', internal: 'R', restricted: '-', confidential: '-' },
};

const OWNER = 'HRPD';
const SHARED = 'CPU';
const OTHER = 'FORCE';

function actor(id: string, memberships: [string, UnitRole][] = [], roles: { admin?: boolean; auditor?: boolean } = {}): Actor {
  return { id, label: id, admin: roles.admin ?? false, auditor: roles.auditor ?? false, memberships: new Map(memberships) };
}

const ACTORS: Record<string, Actor | null> = {
  anonymous: null,
  'signed in, no unit': actor('plain'),
  'admin, no unit': actor('admin', [], { admin: true }),
  'auditor, no unit': actor('auditor', [], { auditor: true }),
  'viewer of owner': actor('viewer', [[OWNER, 'viewer']]),
  'officer of owner': actor('officer', [[OWNER, 'officer']]),
  'manager of owner': actor('manager', [[OWNER, 'manager']]),
  'manager elsewhere': actor('other-manager', [[OTHER, 'manager']]),
  'viewer of shared unit': actor('shared-viewer', [[SHARED, 'viewer']]),
  'officer of shared unit': actor('shared-officer', [[SHARED, 'officer']]),
  'case team, officer': actor('team-officer', [[OWNER, 'officer']]),
  'case team, viewer': actor('team-viewer', [[OWNER, 'viewer']]),
  'case team, no unit': actor('team-outsider', [[OTHER, 'manager']]),
  'admin + team, no unit': actor('team-admin', [], { admin: true, auditor: true }),
};

const LETTERS: Record<RecordAction, string> = { read: 'R', create: 'C', update: 'U', delete: 'D', assignTeam: 'A' };

function record(classification: Classification): Guarded {
  return {
    unit: OWNER,
    classification,
    caseTeam: ['team-officer', 'team-viewer', 'team-outsider', 'team-admin'],
    sharedWith: [SHARED],
  };
}

describe('access matrix: relation × class × action', () => {
  const cells = Object.entries(EXPECTED).flatMap(([relation, byClass]) =>
    CLASSIFICATIONS.flatMap((classification) =>
      (Object.keys(LETTERS) as RecordAction[]).map((action) => ({
        relation,
        classification,
        action,
        allowed: byClass[classification].includes(LETTERS[action]),
      })),
    ),
  );

  test('covers every relation, class and action', () => {
    expect(Object.keys(ACTORS).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(cells).toHaveLength(Object.keys(EXPECTED).length * CLASSIFICATIONS.length * 5);
  });

  test.each(cells)('$relation may $action a $classification record: $allowed', ({ relation, classification, action, allowed }) => {
    expect(can(ACTORS[relation] ?? null, action, record(classification))).toBe(allowed);
  });

  test('a confidential record without a case team is readable by the owning unit’s managers only', () => {
    const bare: Guarded = { unit: OWNER, classification: 'confidential' };
    const readers = Object.entries(ACTORS)
      .filter(([, a]) => can(a, 'read', bare))
      .map(([relation]) => relation);
    expect(readers).toEqual(['manager of owner']);
  });

  test('sharing does not open a confidential record', () => {
    const shared: Guarded = { unit: OWNER, classification: 'confidential', sharedWith: [SHARED] };
    expect(can(ACTORS['viewer of shared unit'] ?? null, 'read', shared)).toBe(false);
  });
});

describe('the read scope used by lists and searches agrees with can()', () => {
  test.each(Object.keys(ACTORS))('%s', (relation) => {
    const who = ACTORS[relation] ?? null;
    const scope = readScope(who);
    for (const unit of [OWNER, SHARED, OTHER]) {
      for (const classification of CLASSIFICATIONS) {
        const inScope =
          scope.anyUnit.includes(classification) ||
          scope.inUnits.some((s) => s.classification === classification && s.units.includes(unit));
        expect(inScope, `${classification} in ${unit}`).toBe(can(who, 'read', { unit, classification }));
      }
    }
  });
});

/**
 * Proposals for the public content of a section, from SECURITY.md's separation of duties: P
 * propose, L see the section's proposals, V publish or reject another's. Nobody publishes or
 * rejects their own; every author may withdraw their own while it is pending, even after leaving
 * the unit. The section belongs to the owning unit.
 */
const PROPOSALS: Record<string, string> = {
  anonymous: '',
  'signed in, no unit': '',
  'admin, no unit': 'LV',
  'auditor, no unit': '',
  'viewer of owner': '',
  'officer of owner': 'PL',
  'manager of owner': 'PLV',
  'manager elsewhere': '',
  'viewer of shared unit': '',
  'officer of shared unit': '',
  'case team, officer': 'PL',
  'case team, viewer': '',
  'case team, no unit': '',
  'admin + team, no unit': 'LV',
};

describe('proposals for a section: relation × action', () => {
  test('covers every relation', () => expect(Object.keys(PROPOSALS).sort()).toEqual(Object.keys(ACTORS).sort()));

  test.each(Object.keys(PROPOSALS))('%s', (relation) => {
    const who = ACTORS[relation] ?? null;
    const letters = PROPOSALS[relation] ?? '';
    const pending = (proposedBy: string) => mayOnProposal(who, { unit: OWNER, status: 'pending', proposedBy });
    expect(mayProposeIn(who, OWNER), 'P').toBe(letters.includes('P'));
    expect(mayReadProposalsOf(who, OWNER), 'L').toBe(letters.includes('L'));
    expect(pending('someone else'), 'V').toEqual({ publish: letters.includes('V'), reject: letters.includes('V'), withdraw: false });
    if (who) expect(pending(who.id), 'own').toEqual({ publish: false, reject: false, withdraw: true });
    for (const status of ['published', 'rejected', 'withdrawn', 'stale']) {
      expect(mayOnProposal(who, { unit: OWNER, status, proposedBy: who?.id ?? 'x' })).toEqual({
        publish: false,
        reject: false,
        withdraw: false,
      });
      expect(mayOnProposal(who, { unit: OWNER, status, proposedBy: 'someone else' })).toEqual({
        publish: false,
        reject: false,
        withdraw: false,
      });
    }
    // In another unit's section: only what the relation has there (the FORCE manager, the administrators).
    const elsewhere = ['manager elsewhere', 'case team, no unit', 'admin, no unit', 'admin + team, no unit'].includes(relation);
    expect(mayReviewIn(who, OTHER), 'V elsewhere').toBe(elsewhere);
  });
});
