import type { Kysely } from 'kysely';

/**
 * The DDR registry: ex-combatants and associated members, each seen by a code; identities and the
 * national enrolment reference sealed (src/platform/keyring.ts), never biometric data; the steps
 * of the process with who and when; blind indexes for duplicate detection without plaintext; the
 * review queue of possible duplicates; integration targets by armed movement.
 */
export function ddr() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('ddr_persons')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('code', 'varchar(16)', (c) => c.notNull().unique())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('movement', 'varchar(40)', (c) => c.notNull())
        .addColumn('category', 'varchar(24)', (c) => c.notNull())
        .addColumn('sex', 'varchar(8)', (c) => c.notNull())
        .addColumn('status', 'varchar(24)', (c) => c.notNull())
        .addColumn('identity_sealed', 'text', (c) => c.notNull())
        .addColumn('enrolment_sealed', 'text')
        .addColumn('site', 'text')
        .addColumn('force', 'varchar(40)')
        .addColumn('pathway', 'varchar(16)')
        .addColumn('duplicate_of', 'varchar(36)')
        .addColumn('child_referred_on', 'varchar(10)')
        .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ddr_steps')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('ddr_persons.id'))
        .addColumn('step', 'varchar(24)', (c) => c.notNull())
        .addColumn('on_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('actor_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('actor_label', 'text', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ddr_steps_person').on('ddr_steps').columns(['person_id', 'at']).execute();
      await db.schema
        .createTable('ddr_keys')
        .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('ddr_persons.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('value', 'varchar(64)', (c) => c.notNull())
        .addPrimaryKeyConstraint('ddr_keys_pk', ['kind', 'value', 'person_id'])
        .execute();
      await db.schema
        .createTable('ddr_duplicates')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('ddr_persons.id'))
        .addColumn('other_id', 'varchar(36)', (c) => c.notNull().references('ddr_persons.id'))
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('found_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('decided_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('decided_at', 'varchar(32)')
        .addUniqueConstraint('ddr_duplicates_pair', ['person_id', 'other_id'])
        .execute();
      await db.schema
        .createTable('ddr_targets')
        .addColumn('movement', 'varchar(40)', (c) => c.primaryKey())
        .addColumn('target', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
  };
}
