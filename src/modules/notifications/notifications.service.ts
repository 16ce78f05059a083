import type { UnitRole } from '../../contracts/common.js';
import type { NotificationSettings } from '../../contracts/notifications.js';
import { t } from '../../i18n/index.js';
import { type AppContext, auditedTransaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { inBackground, type OutgoingMail, sendInBackground } from '../../platform/mail.js';
import type { Actor } from '../../platform/policy.js';
import { mailboxesOf } from '../users/users.service.js';
import { emailChosen, setEmailChoice, withEmailChosen } from './notifications.repository.js';

/**
 * E-mail notifications: something waits for the members of a unit. A mail carries a link to
 * Mandat and nothing of the record — no title, description, name, summary or place — since it
 * leaves the system for mailboxes and relays outside its control; the reader signs in to see more
 * (docs/SECURITY.md). Only accounts that turned notifications on receive them.
 */

/** What happened, for whom. */
export type Notice =
  /** An incident of `unit` was submitted: its managers verify it (not its author: four eyes). */
  | { kind: 'incident_to_verify'; unit: string; ref: string; except: readonly (string | null)[] }
  /** A call waits in the intake queue of `unit`. */
  | { kind: 'call_waiting'; unit: string }
  /** An alert was raised for `unit`. */
  | { kind: 'alert_raised'; unit: string };

const RECIPIENTS: Record<Notice['kind'], readonly UnitRole[]> = {
  incident_to_verify: ['manager'],
  call_waiting: ['officer', 'manager'],
  alert_raised: ['officer', 'manager'],
};

function linkOf(ctx: AppContext, notice: Notice): string {
  const base = ctx.config.publicUrl;
  switch (notice.kind) {
    case 'incident_to_verify':
      return `${base}/incidents/${encodeURIComponent(notice.ref)}`;
    case 'call_waiting':
      return `${base}/protection/appels`;
    case 'alert_raised':
      return `${base}/alertes`;
  }
}

async function mailsFor(ctx: AppContext, notice: Notice): Promise<OutgoingMail[]> {
  const mailboxes = await mailboxesOf(ctx, notice.unit, RECIPIENTS[notice.kind]);
  const except = new Set(notice.kind === 'incident_to_verify' ? notice.except : []);
  const candidates = mailboxes.filter((m) => !except.has(m.id));
  const chosen = await withEmailChosen(
    ctx.database.db,
    candidates.map((m) => m.id),
  );
  const link = linkOf(ctx, notice);
  return candidates
    .filter((m) => chosen.has(m.id))
    .map((m) => {
      const locale = m.locale === 'en' ? 'en' : 'fr';
      const footer = t(locale, 'notifications.footer', { account: `${ctx.config.publicUrl}/account` });
      return {
        to: m.email,
        subject: t(locale, `notifications.${notice.kind}.subject`),
        text: `${t(locale, `notifications.${notice.kind}.body`, { link })}\n\n${footer}\n`,
      };
    });
}

/**
 * Tells the members concerned, once the transaction that caused the notices has committed: call
 * it after `auditedTransaction` returns. Returns at once; finding the recipients and sending run
 * in the background, and a failure is logged, never the requester's error.
 */
export function notifyAfterCommit(ctx: AppContext, notices: readonly Notice[]): void {
  if (!ctx.config.smtpUrl || notices.length === 0) return;
  inBackground(async () => {
    const mails = (await Promise.all(notices.map((notice) => mailsFor(ctx, notice)))).flat();
    sendInBackground(ctx.config, mails);
  });
}

export async function notificationSettings(ctx: AppContext, actor: Actor): Promise<NotificationSettings> {
  return { email: await emailChosen(ctx.database.db, actor.id), available: ctx.config.smtpUrl !== null };
}

/** Turns the account's e-mail notifications on or off (its own choice only). */
export async function setNotificationSettings(ctx: AppContext, actor: Actor, email: boolean): Promise<NotificationSettings> {
  if (email && !ctx.config.smtpUrl) throw new AppError(409, 'notifications_unavailable');
  await auditedTransaction(ctx, actor, async (trx) => {
    await setEmailChoice(trx, actor.id, email, ctx.now().toISOString());
    return {
      result: undefined,
      audit: { action: 'account.notifications.set', recordType: 'user', recordId: actor.id, details: { email: email ? 1 : 0 } },
    };
  });
  return notificationSettings(ctx, actor);
}
