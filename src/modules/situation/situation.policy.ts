import type { Classification } from '../../contracts/common.js';
import { type Actor, can, type Guarded } from '../../platform/policy.js';
import { isJocWriter } from '../operations/operations.policy.js';
import type { SitrepRecordRow, SitrepRow } from './situation.repository.js';

/**
 * Who reads and writes the daily situation report. The JOC's officers and managers assemble,
 * edit and release it. A reader must be allowed to read its class (the most sensitive record it
 * contains; a restricted one by the members of the JOC and of the units of its records) AND every
 * record it contains, with the owning module's rule of the moment (need-to-know for operations
 * not yet completed, the read scope with shares for incidents, the team's class for findings, the
 * addressed units for alerts): the service checks the second part record by record.
 */

const RANK: Record<Classification, number> = { public: 0, internal: 1, restricted: 2, confidential: 3 };

export function mostSensitive(classes: readonly Classification[]): Classification {
  return classes.reduce<Classification>((top, c) => (RANK[c] > RANK[top] ? c : top), 'internal');
}

export function guardOf(row: Pick<SitrepRow, 'unit_code' | 'classification'>, records: readonly SitrepRecordRow[]): Guarded {
  return {
    unit: row.unit_code,
    classification: row.classification as Classification,
    sharedWith: [...new Set(records.map((r) => r.unit_code))],
  };
}

/** The class part of the read rule; the records' part is the service's. */
export function mayReadClass(actor: Actor | null, row: SitrepRow, records: readonly SitrepRecordRow[]): boolean {
  return actor !== null && can(actor, 'read', guardOf(row, records));
}

export const mayAssemble = (actor: Actor | null): boolean => isJocWriter(actor);

/** A draft is edited and released by the JOC's writers; a released report is frozen. */
export const mayEditSitrep = (actor: Actor | null, row: SitrepRow): boolean => row.status === 'draft' && isJocWriter(actor);
