import type { Kysely } from 'kysely';
import type { Dialect } from '../schema.js';

/**
 * TOTP keys are stored sealed (`v1:<key id>:<iv>:<ciphertext>`, longer than the 64 characters
 * the foundation allowed for a base32 key). SQLite does not enforce lengths; PostgreSQL does.
 */
export function sealedTotp(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      for (const column of ['totp_secret', 'totp_pending_secret'])
        await db.schema
          .alterTable('users')
          .alterColumn(column, (c) => c.setDataType('text'))
          .execute();
    },
  };
}
