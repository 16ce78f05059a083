import { createTransport, type Transporter } from 'nodemailer';
import type { Config } from './config.js';

/**
 * Outgoing mail, at the edge of the process. Notifications are sent after the transaction that
 * caused them has committed, without the request waiting: a mail that cannot be sent is logged
 * and forgotten, never an error for the person who acted (docs/SECURITY.md: what a mail carries).
 */

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

const transports = new Map<string, Transporter>();
const inFlight = new Set<Promise<void>>();

function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/** Logs a failure in the server log's form (JSON lines), with no recipient and no content. */
function logFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), msg: 'notification mail not sent', err: message })}\n`);
}

/** Runs `work` without anyone waiting for it; a failure is logged. */
export function inBackground(work: () => Promise<unknown>): void {
  const running: Promise<void> = work()
    .then(
      () => undefined,
      (error: unknown) => logFailure(error),
    )
    .finally(() => inFlight.delete(running));
  inFlight.add(running);
}

/** Sends these mails in the background when mail is configured; returns at once. */
export function sendInBackground(config: Config, mails: readonly OutgoingMail[]): void {
  const url = config.smtpUrl;
  if (!url || mails.length === 0) return;
  for (const mail of mails) {
    inBackground(() => transportFor(url).sendMail({ from: config.smtpFrom, to: mail.to, subject: mail.subject, text: mail.text }));
  }
}

/** Resolves once every mail handed over so far has been sent or has failed (for tests and shutdown). */
export async function mailSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
