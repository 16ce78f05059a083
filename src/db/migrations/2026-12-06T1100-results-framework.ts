import type { Kysely } from 'kysely';

/**
 * The results framework: objectives of a unit or of the mission, their indicators (entered by
 * hand, or computed by a rule over records), the values entered for them, and the fiche's figures
 * bound to an indicator or a rule (the figure then shows the computed value; its stored value
 * stays as the fact book's sourced history).
 */
export function resultsFramework() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('result_objectives')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('code', 'varchar(20)', (c) => c.notNull())
        .addColumn('title_fr', 'text', (c) => c.notNull())
        .addColumn('title_en', 'text', (c) => c.notNull())
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('result_indicators')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('objective_id', 'varchar(36)', (c) => c.notNull().references('result_objectives.id'))
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('title_fr', 'text', (c) => c.notNull())
        .addColumn('title_en', 'text', (c) => c.notNull())
        .addColumn('measure', 'varchar(16)', (c) => c.notNull())
        .addColumn('baseline', 'double precision')
        .addColumn('baseline_period', 'varchar(20)')
        .addColumn('target', 'double precision')
        .addColumn('period_start', 'varchar(10)', (c) => c.notNull())
        .addColumn('period_end', 'varchar(10)', (c) => c.notNull())
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('rule_kind', 'varchar(60)')
        .addColumn('rule_params', 'text')
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('result_indicators_objective').on('result_indicators').columns(['objective_id']).execute();

      await db.schema
        .createTable('result_values')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull().references('result_indicators.id'))
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('period', 'varchar(20)', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('women', 'bigint')
        .addColumn('men', 'bigint')
        .addColumn('author_id', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('author_label', 'text', (c) => c.notNull())
        .addColumn('entered_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('result_values_indicator').on('result_values').columns(['indicator_id', 'entered_at']).execute();

      await db.schema
        .createTable('figure_bindings')
        // No foreign key: reloading the fact book replaces its figures, and a binding outlives that.
        .addColumn('figure_key', 'varchar(96)', (c) => c.primaryKey())
        .addColumn('indicator_id', 'varchar(36)', (c) => c.references('result_indicators.id'))
        .addColumn('rule_kind', 'varchar(60)')
        .addColumn('rule_params', 'text')
        .addColumn('period_end', 'varchar(10)')
        // The audit actions (prefixes, space-separated) whose writes may change the value: the public
        // data's version moves with them while the figure is bound.
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('bound_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('bound_by_label', 'text', (c) => c.notNull())
        .addColumn('bound_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
  };
}
