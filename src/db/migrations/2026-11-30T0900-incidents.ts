import type { Kysely } from 'kysely';
import { createTextIndex } from '../helpers/text-search.js';
import type { Dialect } from '../schema.js';

/**
 * The incident and event log: incidents with their actors, shares, links and workflow steps;
 * the actor registry; attachments; early-warning rules, area subscriptions and alerts.
 */
export function incidents(dialect: Dialect) {
  const bytes = dialect === 'sqlite' ? 'blob' : 'bytea';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('actors')
        .addColumn('code', 'varchar(60)', (c) => c.primaryKey())
        .addColumn('name_fr', 'varchar(200)', (c) => c.notNull())
        .addColumn('name_en', 'varchar(200)', (c) => c.notNull())
        .addColumn('actor_type', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('incident_counters')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('ref', 'varchar(20)', (c) => c.notNull().unique())
        .addColumn('occurred_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('occurred_time', 'varchar(5)')
        .addColumn('date_precision', 'varchar(8)', (c) => c.notNull())
        .addColumn('region', 'varchar(16)', (c) => c.notNull())
        .addColumn('cercle', 'varchar(40)')
        .addColumn('commune', 'varchar(120)')
        .addColumn('place', 'varchar(120)')
        .addColumn('latitude', 'double precision', (c) => c.notNull())
        .addColumn('longitude', 'double precision', (c) => c.notNull())
        .addColumn('location_precision', 'varchar(8)', (c) => c.notNull())
        .addColumn('event_type', 'varchar(60)', (c) => c.notNull())
        .addColumn('sub_event_type', 'varchar(60)', (c) => c.notNull())
        .addColumn('category', 'varchar(60)')
        .addColumn('threat_to_civilians', 'integer', (c) => c.notNull())
        .addColumn('actor1', 'varchar(60)', (c) => c.references('actors.code'))
        .addColumn('actor2', 'varchar(60)', (c) => c.references('actors.code'))
        .addColumn('casualties', 'text', (c) => c.notNull())
        .addColumn('killed_low', 'integer', (c) => c.notNull())
        .addColumn('killed_best', 'integer', (c) => c.notNull())
        .addColumn('killed_high', 'integer', (c) => c.notNull())
        .addColumn('injured_low', 'integer', (c) => c.notNull())
        .addColumn('injured_best', 'integer', (c) => c.notNull())
        .addColumn('injured_high', 'integer', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('search_key', 'text', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      // The list's sorts and most selective filters, each ending in the keyset tie-breaker.
      const indexes: [string, string[]][] = [
        ['incidents_date', ['occurred_on', 'ref']],
        ['incidents_region_date', ['region', 'occurred_on', 'ref']],
        ['incidents_cercle_date', ['cercle', 'occurred_on', 'ref']],
        ['incidents_type_date', ['event_type', 'occurred_on', 'ref']],
        ['incidents_status_date', ['status', 'occurred_on', 'ref']],
        ['incidents_killed', ['killed_best', 'ref']],
        ['incidents_updated', ['updated_at', 'ref']],
        ['incidents_actor1', ['actor1']],
        ['incidents_actor2', ['actor2']],
        // Covers what statistics and map layers read, so their scans never touch the wide rows.
        [
          'incidents_stats',
          [
            'occurred_on',
            'status',
            'classification',
            'unit_code',
            'region',
            'cercle',
            'event_type',
            'killed_best',
            'latitude',
            'longitude',
            'ref',
            'id',
          ],
        ],
      ];
      for (const [name, columns] of indexes) await db.schema.createIndex(name).on('incidents').columns(columns).execute();
      await createTextIndex(db, dialect, 'incidents');

      await db.schema
        .createTable('incident_actors')
        .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('actor_code', 'varchar(60)', (c) => c.notNull().references('actors.code'))
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_actors_pk', ['incident_id', 'role', 'actor_code'])
        .execute();
      await db.schema.createIndex('incident_actors_actor').on('incident_actors').columns(['actor_code']).execute();

      await db.schema
        .createTable('incident_shares')
        .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addPrimaryKeyConstraint('incident_shares_pk', ['incident_id', 'unit_code'])
        .execute();
      await db.schema.createIndex('incident_shares_unit').on('incident_shares').columns(['unit_code', 'incident_id']).execute();

      await db.schema
        .createTable('incident_links')
        .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('target_type', 'varchar(32)', (c) => c.notNull())
        .addColumn('target_ref', 'varchar(60)', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_links_pk', ['incident_id', 'target_type', 'target_ref'])
        .execute();

      await db.schema
        .createTable('incident_steps')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('from_status', 'varchar(16)')
        .addColumn('to_status', 'varchar(16)', (c) => c.notNull())
        .addColumn('actor_id', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('actor_label', 'varchar(200)', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incident_steps_incident').on('incident_steps').columns(['incident_id', 'at']).execute();

      await db.schema
        .createTable('attachments')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('record_type', 'varchar(32)', (c) => c.notNull())
        .addColumn('record_id', 'varchar(36)', (c) => c.notNull())
        .addColumn('filename', 'varchar(200)', (c) => c.notNull())
        .addColumn('media_type', 'varchar(64)', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('content', bytes, (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attachments_record').on('attachments').columns(['record_type', 'record_id']).execute();

      await db.schema
        .createTable('alert_rules')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('event_type', 'varchar(60)')
        .addColumn('category', 'varchar(60)')
        .addColumn('area', 'varchar(40)')
        .addColumn('threshold', 'integer', (c) => c.notNull())
        .addColumn('window_days', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('alert_subscriptions')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('area', 'varchar(40)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_subscriptions_pk', ['unit_code', 'area'])
        .execute();

      await db.schema
        .createTable('alerts')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('rule_id', 'varchar(36)', (c) => c.notNull().references('alert_rules.id'))
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('area', 'varchar(40)', (c) => c.notNull())
        .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id'))
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('window_from', 'varchar(10)', (c) => c.notNull())
        .addColumn('window_to', 'varchar(10)', (c) => c.notNull())
        .addColumn('raised_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('acted_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('acted_at', 'varchar(32)')
        .addColumn('comment', 'text')
        .addColumn('escalated_from', 'varchar(36)')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alerts_inbox').on('alerts').columns(['unit_code', 'status', 'raised_at']).execute();
      await db.schema.createIndex('alerts_rule').on('alerts').columns(['rule_id', 'unit_code', 'raised_at']).execute();
    },
  };
}
