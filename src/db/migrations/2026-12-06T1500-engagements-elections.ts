import type { Kysely } from 'kysely';

/**
 * Political engagements and electoral support. Engagements: meetings of the mission's leadership
 * and Political Affairs with parties, officials and civil society, their counterparts (counted by
 * sex), follow-ups, and the periodic reports assembled from them and edited as drafts. Electoral
 * support: the electoral calendar, the national authorities' support requests and their delivery,
 * civic-education sessions (participants by sex) and the incidents linked to an electoral event.
 */
export function engagementsElections() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('engagements')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('region', 'varchar(16)')
        .addColumn('topics', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('mission_participants', 'text')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('engagement_counterparts')
        .addColumn('engagement_id', 'varchar(36)', (c) => c.notNull().references('engagements.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('function', 'text')
        .addColumn('organisation', 'text')
        .addColumn('actor_code', 'varchar(60)')
        .addColumn('women', 'integer', (c) => c.notNull())
        .addColumn('men', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('engagement_counterparts_pk', ['engagement_id', 'position'])
        .execute();

      await db.schema
        .createTable('engagement_followups')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('engagement_id', 'varchar(36)', (c) => c.notNull().references('engagements.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('deadline', 'varchar(10)')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('engagement_reports')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('period_kind', 'varchar(8)', (c) => c.notNull())
        .addColumn('period_start', 'varchar(10)', (c) => c.notNull())
        .addColumn('period_end', 'varchar(10)', (c) => c.notNull())
        .addColumn('language', 'varchar(2)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('author_label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('electoral_events')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('ends_on', 'varchar(10)')
        .addColumn('region', 'varchar(16)')
        .addColumn('notes', 'text')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('electoral_requests')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('requested_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('authority', 'text', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('needed_by', 'varchar(10)')
        .addColumn('event_id', 'varchar(36)', (c) => c.references('electoral_events.id'))
        .addColumn('origin', 'text')
        .addColumn('destinations', 'text', (c) => c.notNull())
        .addColumn('requested_kg', 'integer')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('decision_note', 'text')
        .addColumn('decided_at', 'varchar(32)')
        .addColumn('decided_by_label', 'text')
        .addColumn('delivered_on', 'varchar(10)')
        .addColumn('delivered_kg', 'integer')
        .addColumn('flights', 'integer')
        .addColumn('convoys', 'integer')
        .addColumn('escorts', 'integer')
        .addColumn('patrols', 'integer')
        .addColumn('security_plan', 'text')
        .addColumn('delivery_note', 'text')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('civic_sessions')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('region', 'varchar(16)')
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('women', 'integer', (c) => c.notNull())
        .addColumn('men', 'integer', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('electoral_incident_links')
        .addColumn('event_id', 'varchar(36)', (c) => c.notNull().references('electoral_events.id'))
        .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id'))
        .addColumn('linked_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('linked_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('electoral_incident_links_pk', ['event_id', 'incident_id'])
        .execute();
    },
  };
}
