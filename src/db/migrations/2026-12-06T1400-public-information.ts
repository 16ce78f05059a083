import type { Kysely } from 'kysely';

/**
 * Public information: press releases and communiqués in French and English with their clearance
 * (draft, submitted, cleared by the chief of public information, published from an embargo time,
 * withdrawn or corrected with history), the press points (every 15 days) and the programme
 * schedule of Radio Mikado FM by language. Its stations are shipped reference data.
 */
export function publicInformation() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('news_releases')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('dateline', 'varchar(120)')
        .addColumn('title_fr', 'text', (c) => c.notNull())
        .addColumn('summary_fr', 'text', (c) => c.notNull())
        .addColumn('body_fr', 'text', (c) => c.notNull())
        .addColumn('title_en', 'text')
        .addColumn('summary_en', 'text')
        .addColumn('body_en', 'text')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('embargo_until', 'varchar(32)')
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('author_id', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('author_label', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'varchar(32)')
        .addColumn('cleared_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('cleared_by_label', 'text')
        .addColumn('cleared_at', 'varchar(32)')
        .addColumn('returned_reason', 'text')
        .addColumn('published_at', 'varchar(32)')
        .addColumn('public_from', 'varchar(32)')
        .addColumn('withdrawn_at', 'varchar(32)')
        .addColumn('withdrawn_reason', 'text')
        .addColumn('corrected_at', 'varchar(32)')
        .addColumn('correction_fr', 'text')
        .addColumn('correction_en', 'text')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('news_press_points')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('starts_at', 'varchar(5)', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('topic_fr', 'text', (c) => c.notNull())
        .addColumn('topic_en', 'text')
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('radio_programmes')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('language', 'varchar(16)', (c) => c.notNull())
        .addColumn('title_fr', 'text', (c) => c.notNull())
        .addColumn('title_en', 'text')
        .addColumn('days', 'varchar(32)', (c) => c.notNull())
        .addColumn('starts_at', 'varchar(5)', (c) => c.notNull())
        .addColumn('ends_at', 'varchar(5)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
  };
}
