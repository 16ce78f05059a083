import type { Kysely } from 'kysely';

/**
 * An indicator may measure a project: the project's results in its IATI publication are the
 * public indicators linked to it. The link is optional (most indicators measure a unit's work);
 * the IATI export reads the indicators of a page of projects by this column.
 */
export function indicatorProject() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('result_indicators')
        .addColumn('project_id', 'varchar(36)', (c) => c.references('projects.id'))
        .execute();
      await db.schema.createIndex('result_indicators_project').on('result_indicators').columns(['project_id']).execute();
    },
  };
}
