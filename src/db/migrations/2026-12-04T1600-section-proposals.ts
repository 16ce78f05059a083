import type { Kysely } from 'kysely';

/**
 * Proposed changes to the public content of a section (a text or a contact): the fields and
 * values proposed against the version they were read at, who proposed them, and who published,
 * rejected or withdrew them. The public record changes only when a proposal is published.
 */
export function sectionProposals() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('section_proposals')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('target_type', 'varchar(16)', (c) => c.notNull())
        .addColumn('target_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('base_version', 'integer', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('proposed_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('proposed_by_label', 'text', (c) => c.notNull())
        .addColumn('proposed_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('decided_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('decided_by_label', 'text')
        .addColumn('decided_at', 'varchar(32)')
        .addColumn('reason', 'text')
        .execute();
      await db.schema
        .createIndex('section_proposals_status')
        .on('section_proposals')
        .columns(['status', 'unit_code', 'proposed_at'])
        .execute();
      await db.schema
        .createIndex('section_proposals_target')
        .on('section_proposals')
        .columns(['target_type', 'target_id', 'status'])
        .execute();
    },
  };
}
