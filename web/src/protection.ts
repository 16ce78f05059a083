import type { IncidentVocabulary } from '../../src/contracts/incidents.js';
import {
  CALL_REF,
  CASE_REF,
  type CaseStatus,
  type MoveRequirement,
  type Programme,
  type ProtectionCase,
  WORKFLOWS,
} from '../../src/contracts/protection.js';
import type { ProtectionPerson, ProtectionTerm, ProtectionVocabulary } from './api/protection.js';

/**
 * What the protection pages share (who may use them comes from the server, in `me.may`): labels
 * from the vocabulary, and the choices a programme offers (violations, parties, workflow moves).
 */

// ————— Calls and references —————

/** The unit whose intake queue receives a call about this concern. */
export function routedUnit(vocabulary: ProtectionVocabulary, concern: string): string | null {
  const programme = vocabulary.callConcerns.find((candidate) => candidate.code === concern)?.programme;
  return vocabulary.programmes.find((candidate) => candidate.code === programme)?.unit ?? null;
}

export function isCaseRef(value: string): boolean {
  return CASE_REF.test(value);
}

export function isCallRef(value: string): boolean {
  return CALL_REF.test(value);
}

// ————— Choices by programme —————

/** The violations (or misconduct categories, or accidents) an act of this programme may name. */
export function violationTerms(vocabulary: ProtectionVocabulary, programme: Programme): ProtectionTerm[] {
  switch (programme) {
    case 'human_rights':
      return vocabulary.humanRightsViolations;
    case 'mrm':
      return vocabulary.graveViolations;
    case 'crsv':
      return vocabulary.crsvForms;
    case 'misconduct':
      return vocabulary.misconductCategories;
    case 'explosive_ordnance':
      return vocabulary.explosiveOrdnanceAccidents;
  }
}

/**
 * Who an act or a person may be attributed to: the personnel categories for misconduct, the
 * actor registry otherwise (with "unknown", which the server accepts for any programme).
 */
export function partyTerms(
  vocabulary: ProtectionVocabulary,
  incidents: IncidentVocabulary,
  programme: Programme,
  unknown: string,
): ProtectionTerm[] {
  if (programme === 'misconduct') return vocabulary.personnelCategories;
  return [...incidents.actors.map((actor) => ({ code: actor.code, label: actor.name })), { code: 'unknown', label: unknown }];
}

/** What a move of the programme's workflow asks for besides the version. */
export function moveRequirements(programme: Programme, move: string): readonly MoveRequirement[] {
  return WORKFLOWS[programme].moves[move]?.requires ?? [];
}

/** Statuses a programme's cases go through, in workflow order (for the list's filter). */
export function programmeStatuses(programme: Programme): CaseStatus[] {
  const { initial, moves } = WORKFLOWS[programme];
  const statuses: CaseStatus[] = [initial];
  for (const move of Object.values(moves)) if (!statuses.includes(move.to)) statuses.push(move.to);
  return statuses;
}

// ————— De-identified statistics —————

export { PROGRAMME_STAT_DIMENSIONS } from '../../src/contracts/protection.js';

// ————— Labels —————

/** Looks a code up in a list; an unknown code is shown as it is rather than hidden. */
export function termLabel(terms: readonly ProtectionTerm[], code: string | null): string | null {
  if (code === null) return null;
  return terms.find((term) => term.code === code)?.label ?? code;
}

/** The tone of a status badge, from the incident log's four colours: new, under way, done, closed. */
export function statusBadgeClass(status: string): string {
  const tone =
    status === 'closed'
      ? 'closed'
      : ['documented', 'received', 'recorded', 'queued'].includes(status)
        ? 'draft'
        : ['reported', 'action_taken', 'assisted', 'accepted'].includes(status)
          ? 'verified'
          : status === 'dismissed'
            ? 'rejected'
            : 'submitted';
  return `incident-status incident-status-${tone}`;
}

/** An ISO date, or null for an empty input. */
export function dateOrNull(value: string): string | null {
  return value === '' ? null : value;
}

/** Today in the browser's time zone, as an ISO date: the default of "obtained on", "referred on"… */
export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

// ————— A case page's sections —————

/** What each section of a case page receives: the case as last returned, the vocabularies, and how to pass a newer case up. */
export interface CaseSectionProps {
  caseData: ProtectionCase;
  vocabulary: ProtectionVocabulary;
  incidents: IncidentVocabulary;
  /** A write returned the case as it now is. */
  onChanged: (next: ProtectionCase) => void;
  /** Fetches the case again (after a conflict). */
  onReload: () => void;
}

/** "V-7K3Q — Victime ou survivant·e": how a person is named in a choice list. */
export function personChoiceLabel(person: ProtectionPerson, vocabulary: ProtectionVocabulary): string {
  return `${person.pseudonym} — ${termLabel(vocabulary.personRoles, person.role)}`;
}
