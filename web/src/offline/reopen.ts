import type { ActivityInput } from '../../../src/contracts/activities.js';
import type { Problem } from '../../../src/contracts/common.js';
import type { StrengthSnapshotInput } from '../../../src/contracts/strength.js';
import { formatDate } from '../components/fields.js';
import type { OutboxProblem } from './outbox.js';

/**
 * A record of a simple form (activity, strength snapshot) opened again from the outbox: its input
 * goes back into the form as the person typed it, and the server's refusal shows as the form shows
 * any problem (its message, then each field's error beside the field).
 */

/** The refusal kept with a record, shaped as the server's problem document the forms show. */
export function refusalOf(problem: OutboxProblem | null | undefined): Problem | null {
  if (!problem) return null;
  return {
    type: 'about:blank',
    title: problem.message,
    status: problem.status,
    code: problem.code,
    detail: problem.message,
    errors: problem.errors,
  };
}

const text = (value: string | null | undefined) => value ?? '';
const countText = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

/** A strength snapshot's input as the entry form's fields hold it (blank for "not stated"). */
export function strengthDraftOf(input: StrengthSnapshotInput) {
  return {
    asOf: input.asOf,
    category: input.category,
    country: text(input.country),
    sex: input.sex ?? 'all',
    location: text(input.location),
    authorised: countText(input.authorised),
    deployed: countText(input.deployed),
    classification: input.classification ?? 'internal',
    source: text(input.source),
  };
}

/** An activity's input as the form's fields hold it: what it shares with a series, and its one session. */
export function activityDraftOf(input: ActivityInput) {
  const participants = input.participants;
  return {
    common: {
      unit: input.unit,
      classification: input.classification ?? 'internal',
      type: input.type,
      topic: input.topic,
      title: input.title,
      targetGroup: text(input.targetGroup),
      category: input.category,
      facilitators: text(input.facilitators),
      project: text(input.project),
      notes: text(input.notes),
    },
    occurrence: {
      startDate: formatDate(input.startDate),
      // The form sends the start date when no end date is typed: the same date shows as none.
      endDate: input.endDate === input.startDate ? '' : formatDate(input.endDate),
      place: text(input.place.place),
      women: String(participants.women),
      men: String(participants.men),
      children: countText(participants.children ?? 0),
      adults: countText(participants.adults ?? 0),
      bands: Object.fromEntries(
        (participants.bands ?? []).map((band) => [band.band, { women: countText(band.women ?? 0), men: countText(band.men ?? 0) }]),
      ),
    },
  };
}
