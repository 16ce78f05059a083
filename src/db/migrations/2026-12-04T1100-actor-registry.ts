import type { Kysely } from 'kysely';

/**
 * The actor registry kept by its users: an actor is active, retired (kept on the incidents that
 * name it, not offered for new ones) or merged into another (its incidents moved to the survivor,
 * the row kept as a redirect); where its entry came from; the other names it goes by (an ACLED
 * export's spelling, an abbreviation), which an import maps automatically; and how an import's
 * event and sub-event type labels map onto ACLED's vocabulary.
 */
export function actorRegistry() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('actors')
        .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('active'))
        .execute();
      await db.schema.alterTable('actors').addColumn('merged_into', 'varchar(60)').execute();
      await db.schema.alterTable('actors').addColumn('source', 'varchar(500)').execute();

      await db.schema
        .createTable('actor_aliases')
        // The alias's search key (lower case, no accents): one alias names one actor.
        .addColumn('alias_key', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('alias', 'varchar(200)', (c) => c.notNull())
        .addColumn('actor_code', 'varchar(60)', (c) => c.notNull().references('actors.code'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('event_type_aliases')
        // The search key of "event type / sub-event type" as a file spells them.
        .addColumn('alias_key', 'varchar(300)', (c) => c.primaryKey())
        .addColumn('alias', 'varchar(300)', (c) => c.notNull())
        .addColumn('event_type', 'varchar(60)', (c) => c.notNull())
        .addColumn('sub_event_type', 'varchar(60)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
  };
}
