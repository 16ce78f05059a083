import type { ApiToken } from '../../contracts/auth.js';
import type { Db, Trx } from '../../db/database.js';
import type { ApiTokenTable } from '../../db/schema.js';

type Executor = Db | Trx;

export async function insertApiToken(db: Executor, row: ApiTokenTable): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function apiTokensOf(db: Executor, userId: string): Promise<ApiTokenTable[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function findApiTokenOf(db: Executor, userId: string, tokenId: string): Promise<ApiTokenTable | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).where('user_id', '=', userId).executeTakeFirst();
}

export async function markApiTokenRevoked(db: Executor, tokenId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', tokenId).execute();
}

export function presentApiToken(row: ApiTokenTable): ApiToken {
  return {
    id: row.id,
    label: row.label,
    scope: row.scope,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
