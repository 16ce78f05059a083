import { randomUUID } from 'node:crypto';
import type { Locale } from '../../contracts/common.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { hashPassword, randomToken, sha256Hex } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { actorFrom, countUsers, insertUser, newUserRow } from '../users/users.service.js';
import { findSetupToken, markSetupTokenUsed, replaceSetupToken } from './auth.repository.js';
import { type NewSession, openSession, presentMe } from './auth.service.js';

/**
 * First run: there are no accounts and no default password. The server prints a one-time link
 * carrying a random token; whoever opens it creates the first administrator.
 */
export async function setupNeeded(ctx: AppContext): Promise<boolean> {
  return (await countUsers(ctx.database.db)) === 0;
}

/** Issues a fresh setup token (older unused ones stop working) when no account exists yet. */
export async function issueSetupToken(ctx: AppContext): Promise<string | null> {
  if (!(await setupNeeded(ctx))) return null;
  const token = randomToken();
  const now = ctx.now();
  await auditedTransaction(ctx, { id: null, label: 'system' }, async (trx) => {
    await replaceSetupToken(trx, {
      token_hash: sha256Hex(token),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ctx.config.setupTokenMinutes * 60_000).toISOString(),
      used_at: null,
    });
    return { result: undefined, audit: { action: 'setup.token.issue' } };
  });
  return token;
}

export function setupLink(ctx: AppContext, token: string): string {
  return `${ctx.config.publicUrl}/setup?token=${token}`;
}

interface SetupInput {
  token: string;
  email: string;
  name: string;
  password: string;
  locale: Locale;
}

export async function completeSetup(ctx: AppContext, input: SetupInput): Promise<NewSession> {
  const now = ctx.now().toISOString();
  const row = newUserRow({
    id: randomUUID(),
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    locale: input.locale,
    admin: true,
    auditor: false,
    mustChangePassword: false,
    at: now,
  });
  const session = await auditedTransaction(ctx, actorFrom(row, []), async (trx) => {
    if ((await countUsers(trx)) > 0) throw new AppError(409, 'setup_done');
    const token = await findSetupToken(trx, sha256Hex(input.token));
    if (!token || token.used_at || token.expires_at <= now) throw new AppError(400, 'setup_token_invalid');
    await markSetupTokenUsed(trx, token.token_hash, now);
    await insertUser(trx, row);
    return {
      result: await openSession(ctx, row.id, trx),
      audit: { action: 'setup.complete', recordType: 'user', recordId: row.id },
    };
  });
  return { token: session.token, me: await presentMe(ctx, row.id, session.csrfToken) };
}
