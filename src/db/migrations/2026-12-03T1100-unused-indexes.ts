import type { Kysely } from 'kysely';

/**
 * Drops three indexes no query of the application can use (tests/indexes.test.ts explains every
 * statement the application runs and expects each index in some plan), which only cost writes:
 *
 * - `incidents_actor1`, `incidents_actor2`: the actor filter is one condition,
 *   `actor1 = ? OR actor2 = ? OR EXISTS (… incident_actors …)`, which neither SQLite nor
 *   PostgreSQL can answer from indexes on the two columns, since the `EXISTS` branch is not an
 *   index lookup on `incidents`; the other actors are found through `incident_actors_actor`;
 * - `figures_unit`: figures are listed whole, filtered by the read scope and ordered by
 *   `sort_order`, and found by key; none is looked up by unit.
 */
export function unusedIndexes() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const name of ['incidents_actor1', 'incidents_actor2', 'figures_unit']) await db.schema.dropIndex(name).execute();
    },
  };
}
