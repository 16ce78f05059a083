import type { ActivityType } from '../../contracts/activities.js';
import type { AppContext } from '../../platform/context.js';
import { type Actor, readScope } from '../../platform/policy.js';
import { countedActivities } from './activities.repository.js';

/**
 * What other modules read of activities (re-exported by the service): the participants of the
 * activities of a filter, by sex and by age group, with the ids of the activities counted, so that
 * an indicator computed from them ("participants of a unit's trainings on a topic in a period")
 * can show the records behind its value. Only activities `actor` may read are counted.
 */
export interface ParticipantTotalsFilter {
  unit?: readonly string[];
  type?: readonly ActivityType[];
  topic?: readonly string[];
  category?: readonly string[];
  /** Activities starting on or after `from` and on or before `to` (ISO dates, both included). */
  from?: string;
  to?: string;
}

export interface ParticipantTotals {
  total: number;
  women: number;
  men: number;
  children: number;
  adults: number;
  /** The activities counted, earliest first. */
  activities: string[];
}

export async function participantTotals(ctx: AppContext, actor: Actor | null, filter: ParticipantTotalsFilter): Promise<ParticipantTotals> {
  const rows = await countedActivities(
    ctx.database.db,
    {
      unit: filter.unit ? [...filter.unit] : undefined,
      type: filter.type ? [...filter.type] : undefined,
      topic: filter.topic ? [...filter.topic] : undefined,
      category: filter.category ? [...filter.category] : undefined,
      from: filter.from,
      to: filter.to,
    },
    readScope(actor),
  );
  const sums: ParticipantTotals = { total: 0, women: 0, men: 0, children: 0, adults: 0, activities: [] };
  for (const row of rows) {
    sums.women += row.women;
    sums.men += row.men;
    sums.children += row.children;
    sums.adults += row.adults;
    sums.activities.push(row.id);
  }
  sums.total = sums.women + sums.men;
  return sums;
}
