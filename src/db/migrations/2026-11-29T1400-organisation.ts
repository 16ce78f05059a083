import type { Kysely } from 'kysely';

/**
 * The mission as data: each unit's fact-book section (its texts), partners, contacts, places,
 * cited resolutions, figures (indicator values) and the edit history of records.
 */
export function organisation() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sections')
        .addColumn('unit_code', 'varchar(16)', (c) => c.primaryKey().references('units.code'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('page', 'integer')
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('section_texts')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('heading', 'text')
        .addColumn('subheading', 'text')
        .addColumn('bullet', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('search_key', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('section_texts_unit').on('section_texts').columns(['unit_code', 'sort_order']).execute();

      await db.schema
        .createTable('partners')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('abbreviation', 'varchar(32)')
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('country', 'varchar(3)')
        .addColumn('search_key', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('unit_partners')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('partner_id', 'varchar(36)', (c) => c.notNull().references('partners.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('unit_partners_pk', ['unit_code', 'partner_id'])
        .execute();

      await db.schema
        .createTable('contacts')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('place', 'text')
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('search_key', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();

      await db.schema
        .createTable('section_places')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('place', 'varchar(64)', (c) => c.notNull())
        .addPrimaryKeyConstraint('section_places_pk', ['unit_code', 'place'])
        .execute();

      await db.schema
        .createTable('resolutions')
        .addColumn('number', 'integer', (c) => c.primaryKey())
        .addColumn('year', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('text_resolutions')
        .addColumn('text_id', 'varchar(36)', (c) => c.notNull().references('section_texts.id').onDelete('cascade'))
        .addColumn('resolution', 'integer', (c) => c.notNull().references('resolutions.number'))
        .addPrimaryKeyConstraint('text_resolutions_pk', ['text_id', 'resolution'])
        .execute();

      await db.schema
        .createTable('figures')
        .addColumn('key', 'varchar(96)', (c) => c.primaryKey())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('label_fr', 'text', (c) => c.notNull())
        .addColumn('label_en', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('qualifier', 'varchar(16)')
        .addColumn('measure', 'varchar(32)', (c) => c.notNull())
        .addColumn('period', 'varchar(16)')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('page', 'integer')
        .addColumn('quote', 'text')
        .addColumn('classification', 'varchar(16)', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('figures_unit').on('figures').columns(['unit_code', 'sort_order']).execute();

      await db.schema
        .createTable('record_history')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('record_type', 'varchar(32)', (c) => c.notNull())
        .addColumn('record_id', 'varchar(96)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('actor_id', 'varchar(36)')
        .addColumn('actor_label', 'varchar(254)', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('record_history_record').on('record_history').columns(['record_type', 'record_id', 'version']).execute();
    },
  };
}
