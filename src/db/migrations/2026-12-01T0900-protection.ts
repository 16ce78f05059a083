import type { Kysely } from 'kysely';

/**
 * Protection and accountability: cases with their case teams, persons (identities sealed, see
 * src/platform/keyring.ts), acts, consents, services, shares and workflow steps; hotline calls.
 * Columns ending in `_sealed` hold AES-256-GCM ciphertexts, never plaintext. Files attached to
 * cases go to `attachments`, their content sealed and their name in `filename_sealed`.
 */
export function protection() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('protection_counters')
        .addColumn('series', 'varchar(8)', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('last', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('protection_counters_pk', ['series', 'year'])
        .execute();

      await db.schema
        .createTable('hotline_calls')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('ref', 'varchar(20)', (c) => c.notNull().unique())
        .addColumn('line', 'varchar(40)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('language', 'varchar(8)', (c) => c.notNull())
        .addColumn('concern', 'varchar(40)', (c) => c.notNull())
        .addColumn('region', 'varchar(16)')
        .addColumn('cercle', 'varchar(40)')
        .addColumn('summary_sealed', 'text', (c) => c.notNull())
        .addColumn('contact_sealed', 'text')
        .addColumn('may_contact', 'integer', (c) => c.notNull())
        .addColumn('routed_to', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('operator_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('case_id', 'varchar(36)')
        .addColumn('handled_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('handled_at', 'varchar(32)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('hotline_calls_queue').on('hotline_calls').columns(['routed_to', 'status', 'received_at']).execute();
      await db.schema.createIndex('hotline_calls_operator').on('hotline_calls').columns(['operator_id', 'received_at']).execute();

      await db.schema
        .createTable('protection_cases')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('ref', 'varchar(20)', (c) => c.notNull().unique())
        .addColumn('programme', 'varchar(24)', (c) => c.notNull())
        .addColumn('unit_code', 'varchar(16)', (c) => c.notNull().references('units.code'))
        .addColumn('status', 'varchar(24)', (c) => c.notNull())
        .addColumn('occurred_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('date_precision', 'varchar(8)', (c) => c.notNull())
        .addColumn('region', 'varchar(16)', (c) => c.notNull())
        .addColumn('cercle', 'varchar(40)')
        .addColumn('place_sealed', 'text')
        .addColumn('summary_sealed', 'text', (c) => c.notNull())
        .addColumn('channel', 'varchar(24)')
        .addColumn('office', 'varchar(24)')
        .addColumn('incident_refs', 'text', (c) => c.notNull())
        .addColumn('standard_of_proof', 'varchar(32)')
        .addColumn('referred_to', 'varchar(32)')
        .addColumn('referred_on', 'varchar(10)')
        .addColumn('outcome', 'varchar(32)')
        .addColumn('action_taken', 'varchar(32)')
        .addColumn('call_id', 'varchar(36)', (c) => c.references('hotline_calls.id'))
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('protection_cases_unit').on('protection_cases').columns(['unit_code', 'updated_at']).execute();
      await db.schema.createIndex('protection_cases_programme').on('protection_cases').columns(['programme', 'occurred_on']).execute();

      await db.schema
        .createTable('protection_team')
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('protection_cases.id'))
        .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('assigned_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('assigned_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('protection_team_pk', ['case_id', 'user_id'])
        .execute();
      await db.schema.createIndex('protection_team_user').on('protection_team').columns(['user_id', 'case_id']).execute();

      await db.schema
        .createTable('protection_persons')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('protection_cases.id'))
        .addColumn('pseudonym', 'varchar(12)', (c) => c.notNull().unique())
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('kind', 'varchar(12)', (c) => c.notNull())
        .addColumn('group_size', 'integer')
        .addColumn('sex', 'varchar(8)', (c) => c.notNull())
        .addColumn('age', 'integer')
        .addColumn('age_group', 'varchar(8)')
        .addColumn('affiliation', 'varchar(60)')
        .addColumn('identity_sealed', 'text')
        .addColumn('name_index', 'varchar(64)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('protection_persons_case').on('protection_persons').columns(['case_id']).execute();
      await db.schema.createIndex('protection_persons_name_index').on('protection_persons').columns(['name_index']).execute();

      await db.schema
        .createTable('protection_acts')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('protection_cases.id'))
        .addColumn('victim_id', 'varchar(36)', (c) => c.notNull().references('protection_persons.id'))
        .addColumn('perpetrator_id', 'varchar(36)', (c) => c.references('protection_persons.id'))
        .addColumn('party', 'varchar(60)', (c) => c.notNull())
        .addColumn('violation', 'varchar(60)', (c) => c.notNull())
        .addColumn('occurred_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('region', 'varchar(16)', (c) => c.notNull())
        .addColumn('verification', 'varchar(16)', (c) => c.notNull())
        .addColumn('verified_on', 'varchar(10)')
        .addColumn('standard_of_proof', 'varchar(32)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('protection_acts_case').on('protection_acts').columns(['case_id']).execute();

      await db.schema
        .createTable('protection_consents')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('protection_cases.id'))
        .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('protection_persons.id'))
        .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
        .addColumn('partner', 'varchar(200)')
        .addColumn('given_by', 'varchar(16)', (c) => c.notNull())
        .addColumn('obtained_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
        .addColumn('obtained_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('withdrawn_on', 'varchar(10)')
        .addColumn('withdrawn_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('protection_consents_person').on('protection_consents').columns(['person_id']).execute();

      await db.schema
        .createTable('protection_services')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('protection_cases.id'))
        .addColumn('person_id', 'varchar(36)', (c) => c.notNull().references('protection_persons.id'))
        .addColumn('consent_id', 'varchar(36)', (c) => c.notNull().references('protection_consents.id'))
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('provider', 'varchar(200)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('referred_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('updated_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('protection_services_case').on('protection_services').columns(['case_id']).execute();

      await db.schema
        .createTable('protection_shares')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('protection_cases.id'))
        .addColumn('partner', 'varchar(200)', (c) => c.notNull())
        .addColumn('persons', 'text', (c) => c.notNull())
        .addColumn('shared_by', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('shared_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('protection_shares_case').on('protection_shares').columns(['case_id']).execute();

      await db.schema.alterTable('attachments').addColumn('filename_sealed', 'text').execute();

      await db.schema
        .createTable('protection_steps')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('protection_cases.id'))
        .addColumn('action', 'varchar(24)', (c) => c.notNull())
        .addColumn('from_status', 'varchar(24)')
        .addColumn('to_status', 'varchar(24)', (c) => c.notNull())
        .addColumn('actor_id', 'varchar(36)', (c) => c.references('users.id'))
        .addColumn('actor_label', 'varchar(200)', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('comment_sealed', 'text')
        .execute();
      await db.schema.createIndex('protection_steps_case').on('protection_steps').columns(['case_id', 'at']).execute();
    },
  };
}
