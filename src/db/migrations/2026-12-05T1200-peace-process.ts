import type { Kysely } from 'kysely';

/**
 * The peace process: the Agreement's provisions, their implementation scored per period on the
 * Peace Accords Matrix scale (every score kept, the latest of a period being the current one),
 * and the sessions of the Agreement Monitoring Committee (CSA) and its sub-committees with
 * attendance by delegation and sex, and their decisions and recommendations.
 */
export function peaceProcess() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('peace_provisions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('pillar', 'varchar(48)', (c) => c.notNull())
        .addColumn('chapter', 'text', (c) => c.notNull())
        .addColumn('text_fr', 'text', (c) => c.notNull())
        .addColumn('text_en', 'text')
        .addColumn('responsible', 'text')
        .addColumn('deadline', 'varchar(10)')
        .addColumn('subcommittee', 'varchar(32)')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('peace_scores')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('provision_id', 'varchar(36)', (c) => c.notNull().references('peace_provisions.id'))
        .addColumn('period', 'varchar(8)', (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('links', 'text', (c) => c.notNull())
        .addColumn('author_id', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('author_label', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('validated_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('validated_by_label', 'text')
        .addColumn('validated_at', 'varchar(32)')
        .execute();
      await db.schema.createIndex('peace_scores_provision').on('peace_scores').columns(['provision_id', 'period', 'recorded_at']).execute();

      await db.schema
        .createTable('csa_sessions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('body', 'varchar(32)', (c) => c.notNull())
        .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('chair', 'text')
        .addColumn('agenda', 'text')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('csa_attendance')
        .addColumn('session_id', 'varchar(36)', (c) => c.notNull().references('csa_sessions.id'))
        .addColumn('delegation', 'varchar(120)', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('women', 'integer', (c) => c.notNull())
        .addColumn('men', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('csa_attendance_pk', ['session_id', 'delegation'])
        .execute();

      await db.schema
        .createTable('csa_decisions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('session_id', 'varchar(36)', (c) => c.notNull().references('csa_sessions.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('owner', 'text')
        .addColumn('deadline', 'varchar(10)')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('follow_up', 'text')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('csa_decisions_session').on('csa_decisions').columns(['session_id', 'created_at']).execute();
    },
  };
}
